"""Issue 17, eighth part: judging's results made by slots, anchors named faster, the text report's severity words
kept. Each test here was proven by breaking what it guards."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import pytest

from svcstd import fingerprints
from svcstd.judge import _meta, _result
from svcstd.model import DocumentMeta, DocumentResult, Finding, Grade, Report, Severity, Text, Waiver
from svcstd.reporters import RenderOptions, text


def _reference_item_key(item: object) -> str | None:
    """`fingerprints._item_key` as it was before its shortcuts (the reference)."""
    if type(item) is not dict and not isinstance(item, Mapping):
        return None
    for fields in fingerprints.ITEM_KEYS:
        values = [item.get(field) for field in fields]
        if all(isinstance(value, str | int) and not isinstance(value, bool) for value in values):
            joined = ",".join(f"{field}={value}" for field, value in zip(fields, values, strict=True))
            return "[" + joined.replace("~", "~0").replace("/", "~1") + "]"
    return None


class _Frozen(Mapping[str, Any]):
    def __init__(self, values: dict[str, Any]) -> None:
        self.values = values

    def __getitem__(self, key: str) -> Any:
        return self.values[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.values)

    def __len__(self) -> int:
        return len(self.values)


class _Name(str):
    pass


ITEMS: list[object] = [
    {}, {"actor": "a", "action": "b"}, {"name": "Retribusi / PBG ~1"}, {"name": 3}, {"name": True, "id": "x"},
    {"name": None, "id": 7}, {"name": 1.5, "role": "r"}, {"title": "t", "name": ["x"]}, {"type": "phone"},
    {"type": "phone", "contact": "112"}, {"type": "phone", "contact": False, "group": "g"}, {"rule": "SIM001"},
    {"date": "2026-01-01"}, {"date": 20260101}, {"name": _Name("sub")}, {1: "x", "name": "n"}, {"name": 10**30},
    _Frozen({"name": "frozen"}), _Frozen({}), _Frozen({"type": "t", "contact": 5}), "plain", 3, None, ["name"],
]  # fmt: skip


def test_an_items_key_is_what_it_was() -> None:
    """Proven by leaving `date` out of the keys the shortcut looks for, and by accepting a boolean name."""
    for item in ITEMS:
        assert fingerprints._item_key(item) == _reference_item_key(item), item


def _reference_stable_pointer(pointer: str, data: object) -> str:
    """`fingerprints.stable_pointer` as it was before its shortcuts (the reference)."""
    if not pointer.startswith("/") or not any(digit in pointer for digit in "0123456789"):
        return pointer
    node: Any = data
    tokens = []
    for token in pointer[1:].split("/"):
        name = token.replace("~1", "/").replace("~0", "~") if "~" in token else token
        if isinstance(node, Mapping):
            node = node.get(name)
            tokens.append(token)
        elif isinstance(node, list) and name.isdigit() and int(name) < len(node):
            node = node[int(name)]
            tokens.append(_reference_item_key(node) or token)
        else:
            node = None
            tokens.append(token)
    return "/" + "/".join(tokens)


POINTERS = ["", "/", "/a", "/a/0", "/a/0/b", "/a/x1", "/a/10/b/0", "/a~1b/0", "0", "a/0", "/\u0663", "/i/3", "/i/25"]


def test_a_stable_pointer_is_what_it_was() -> None:
    """Proven by answering `no digit` for every pointer (`_A_DIGIT` never matching)."""
    data = {"a": [{"name": "n", "b": [{"id": 2}]}] * 11, "a/b": [{"rule": "R"}], "i": ITEMS}
    for pointer in POINTERS:
        assert fingerprints.stable_pointer(pointer, data) == _reference_stable_pointer(pointer, data), pointer


def test_results_made_by_slots_equal_those_made_by_the_dataclass() -> None:
    """Field by field, and refusing a field left out. (judge.py's calls are held by the judging tests, the
    reporters' goldens and benchmarks/compare_outputs.py.)"""
    meta = ("provider", "unit", "adopted", "1.0", "2026-01-01", "2027-01-01", (Waiver("R", "why", "me", "2027"),))
    assert _meta(*meta) == DocumentMeta(*meta)
    finding = Finding("SIM001", Severity.WARNING, Text("a", "b"), "/x", 1, 2)
    values = ("a.yaml", 0, "id", "title", True, (finding,), 90.0, Grade("A", Text("A", "A")), (), True,
              _meta(*meta), 50.0)  # fmt: skip
    made = _result(*values)
    assert made == DocumentResult(*values)
    assert type(made) is DocumentResult
    with pytest.raises(TypeError):
        _result(*values[:-1])  # every field, always: a field added later cannot be left out silently


def test_severity_words_follow_the_language_and_colour() -> None:
    """The words are kept per language and colour. Proven by keeping them per severity only."""
    finding = Finding("SIM001", Severity.WARNING, Text("message", "pesan"), "/x", 1, 2)
    doc = DocumentResult("a.yaml", 0, "id", "t", True, (finding,), 90.0, None, (), True)
    report = Report("0", "2026-11-27", (doc,))
    lines = {}
    for lang in ("en", "id", "en"):
        for color in (False, True, False):
            rendered = text.render(report, RenderOptions(lang=lang, color=color))
            lines.setdefault((lang, color), rendered)
            assert rendered == lines[lang, color]
    assert "warning" in lines["en", False] and "peringatan" in lines["id", False]
    assert "\x1b[33m" in lines["en", True] and "\x1b[" not in lines["en", False]
