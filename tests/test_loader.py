"""The loader: YAML 1.2 scalars, locations, and every reading problem as a finding at its place."""

from __future__ import annotations

import math

import pytest

from svcstd.reading.limits import Limits
from svcstd.reading.loader import load_bytes, load_text, resolve_plain


@pytest.mark.parametrize(
    ("plain", "expected"),
    [
        ("08:00", "08:00"),
        ("no", "no"),
        ("yes", "yes"),
        ("on", "on"),
        ("off", "off"),
        ("2025-01-06", "2025-01-06"),
        ("~", None),
        ("null", None),
        ("", None),
        ("true", True),
        ("False", False),
        ("42", 42),
        ("-7", -7),
        ("0o17", 15),
        ("0x1F", 31),
        ("1.5", 1.5),
        ("1e3", 1000.0),
        ("1_000", "1_000"),
        ("0b101", "0b101"),
        ("+.inf", math.inf),
        ("Rp10.000", "Rp10.000"),
    ],
)
def test_plain_scalars_follow_yaml_1_2_core(plain: str, expected: object) -> None:
    assert resolve_plain(plain) == expected


def test_quoted_scalars_stay_strings() -> None:
    [doc] = load_text("a: \"42\"\nb: 'true'\nc: |\n  12\n")
    assert doc.data == {"a": "42", "b": "true", "c": "12\n"}


def test_locations_of_keys_and_values() -> None:
    [doc] = load_text("a:\n  b:\n    - x: 1\n      y: [2, 3]\n")
    assert doc.source.key("/a/b") == (2, 3)
    assert doc.source.value("/a/b") == (3, 5)
    assert doc.source.value("/a/b/0/y/1") == (4, 14)
    assert doc.source.key("/a/b/0/y") == (4, 7)
    assert doc.source.value("/a/b/0/missing") == (3, 7)


def test_aliases_are_shared_not_copied() -> None:
    [doc] = load_text("a: &x {k: [1, 2]}\nb: *x\n")
    assert isinstance(doc.data, dict)
    assert doc.data["a"] is doc.data["b"]
    assert "/b/k" not in doc.source
    assert doc.source.value("/b/k") == (2, 4)


def test_several_documents_and_empty_ones_skipped() -> None:
    docs = load_text("---\n# nothing\n---\na: 1\n---\nb: 2\n")
    assert [(d.index, d.data) for d in docs] == [(1, {"a": 1}), (2, {"b": 2})]


def findings_of(text: str, limits: Limits | None = None) -> list[tuple[str, int, int, str]]:
    docs = load_text(text, "t.yaml", limits or Limits())
    return [(f.rule, f.line, f.column, f.pointer) for d in docs for f in d.findings]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: 1\nb: 2\na: 3\n", [("YML004", 3, 1, "/a")]),
        ("a: [\n", [("YML003", 2, 1, "")]),
        ("a: b: c\n", [("YML003", 1, 5, "")]),
        ("a: *nowhere\n", [("YML003", 1, 4, "/a")]),
        ("a: &r [*r]\n", [("YML003", 1, 8, "/a/0")]),
        ("? [x]\n: 1\n", [("YML003", 1, 3, "")]),
        ("x: !!python/object/apply:os.system [ls]\n", [("YML005", 1, 4, "/x")]),
        ("x: !custom 5\n", [("YML005", 1, 4, "/x")]),
        ("x: !!int abc\n", [("YML005", 1, 4, "/x")]),
        ("a: 1\n<<: {b: 2}\n", [("YML005", 2, 1, "/<<")]),
        ("- 1\n- 2\n", [("YML007", 1, 1, "")]),
        ("just text\n", [("YML007", 1, 1, "")]),
    ],
)
def test_reading_problems_are_findings_at_their_place(text: str, expected: list[tuple[str, int, int, str]]) -> None:
    assert findings_of(text) == expected


def test_tags_are_never_constructed_and_messages_show_the_short_tag() -> None:
    [doc] = load_text("x: !!python/object/apply:os.system [echo]\n")
    assert doc.data == {"x": ["echo"]}
    assert "`!!python/object/apply:os.system`" in doc.findings[0].message.en
    assert "`!!python/object/apply:os.system`" in doc.findings[0].message.id


def test_alias_bomb_stops_at_the_node_limit() -> None:
    lines = ['a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 9)]
    [doc] = load_text("\n".join(lines) + "\n")
    assert doc.data is None
    assert [f.rule for f in doc.findings] == ["YML006"]


@pytest.mark.parametrize(
    "text", ["a: " + "[" * 5000 + "]" * 5000, "a:\n" + "".join("  " * i + "b:\n" for i in range(1, 200))]
)
def test_deep_nesting_stops_at_the_depth_limit(text: str) -> None:
    assert [f[0] for f in findings_of(text)] == ["YML006"]


def test_document_count_limit() -> None:
    rules = [f[0] for f in findings_of("a: 1\n---\n" * 20, Limits(max_documents=5))]
    assert rules == ["YML006"]


@pytest.mark.parametrize(
    ("data", "rule", "at"),
    [
        (b"a: caf\xe9\n", "YML002", (1, 7)),
        ("a: b\n".encode("utf-16"), "YML002", (1, 1)),
        (b"a: 1\nb: \x00\x01\x02\n", "YML002", (2, 4)),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "YML002", (3, 1)),
        (b"a" * 3000, "YML006", (1, 1)),
    ],
)
def test_byte_level_problems(data: bytes, rule: str, at: tuple[int, int]) -> None:
    [doc] = load_bytes(data, "f.yaml", Limits(max_file_bytes=2000))
    assert [(f.rule, f.line, f.column) for f in doc.findings] == [(rule, *at)]
    assert doc.findings[0].message.en and doc.findings[0].message.id


def test_utf8_byte_order_mark_is_fine() -> None:
    [doc] = load_bytes(b"\xef\xbb\xbfa: 1\n", "f.yaml")
    assert doc.data == {"a": 1} and not doc.findings


@pytest.mark.parametrize(
    ("text", "english", "indonesian"),
    [
        ("a: b: c\n", "put a value that contains ': ' in quotes", "beri tanda kutip pada nilai yang memuat ': '"),
        ("a: [1, 2\n", "is not closed", "belum ditutup"),
        ('a: "x\\q"\n', "backslash", "garis miring terbalik"),
        ("a: @x\n", "character YAML reserves", "karakter khusus YAML"),
    ],
)
def test_syntax_problems_are_explained_in_both_languages(text: str, english: str, indonesian: str) -> None:
    [doc] = load_text(text)
    [finding] = doc.findings
    assert finding.rule == "YML003"
    assert english in finding.message.en and indonesian in finding.message.id
