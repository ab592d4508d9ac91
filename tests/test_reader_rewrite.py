"""The reader in one loop answers exactly as the reader it replaced (`tests/reader_reference.py`).

For every text: the same documents, the same data (types, NaN, key order), the same findings (rule, message,
pointer, line, column) and the same SourceMap answers (`key`, `value`, `in`) for every pointer in the data and
for pointers near it that are missing, malformed or go through aliases and duplicate keys. Texts: the examples,
the real fixtures, the odd YAML of `benchmarks/compare_outputs.py`, and generated texts with everything the
reader must report (tags, duplicate and merge keys, anchors and aliases, complex keys, limits, several
documents, CRLF and other line breaks).
"""

from __future__ import annotations

import importlib.util
import math
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from svcstd.model import LoadedDocument
from svcstd.reading import loader
from svcstd.reading.limits import DEFAULT_LIMITS, Limits
from svcstd.reading.sourcemap import escape_token
from tests import reader_reference as reference

ROOT = Path(__file__).resolve().parents[1]


def _odd_files() -> dict[str, str | None]:
    spec = importlib.util.spec_from_file_location("compare_outputs", ROOT / "benchmarks" / "compare_outputs.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return dict(module.ODD_FILES)


def _same(a: Any, b: Any) -> bool:
    if type(a) is not type(b):
        return False
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[key], b[key]) for key in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


def _pointers(value: Any, at: str = "") -> Iterator[str]:
    yield at
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _pointers(item, f"{at}/{escape_token(key)}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _pointers(item, f"{at}/{index}")


NEAR = ("/x", "/0", "/1", "/01", "/-1", "/~2", "/~0", "/~1", "/9999", "/", "/\x00skip", "/\x00skip/x", "/a/b")


def _probes(doc: LoadedDocument) -> list[str]:
    found = set(_pointers(doc.data)) if doc.data is not None else {""}
    for finding in doc.findings:
        found.add(finding.pointer)
    return sorted(found | {pointer + near for pointer in found for near in NEAR})


def assert_same_reading(text: str | bytes, limits: Limits = DEFAULT_LIMITS) -> None:
    if isinstance(text, bytes):
        old, new = reference.load_bytes(text, "t.yaml", limits), loader.load_bytes(text, "t.yaml", limits)
    else:
        old, new = reference.load_text(text, "t.yaml", limits), loader.load_text(text, "t.yaml", limits)
    assert len(old) == len(new)
    for was, now in zip(old, new, strict=True):
        assert (was.path, was.index) == (now.path, now.index)
        assert _same(was.data, now.data), (was.data, now.data)
        assert was.findings == now.findings
        for pointer in _probes(was):
            assert was.source.key(pointer) == now.source.key(pointer), pointer
            assert was.source.value(pointer) == now.source.value(pointer), pointer
            assert (pointer in was.source) == (pointer in now.source), pointer


FILES = sorted(
    path
    for folder in (ROOT / "examples", ROOT / "tests" / "fixtures")
    for path in folder.rglob("*")
    if path.suffix in {".yaml", ".yml"} and path.is_file()
)


@pytest.mark.parametrize("path", FILES, ids=lambda path: str(path.relative_to(ROOT)))
def test_files_read_the_same(path: Path) -> None:
    assert_same_reading(path.read_bytes())


@pytest.mark.parametrize(("name", "text"), sorted(_odd_files().items()))
def test_odd_yaml_reads_the_same(name: str, text: str | None) -> None:
    assert_same_reading(text if text is not None else "svcstd: caf\xe9\n".encode("latin-1"))


KEYS = [
    "a", "b", "a/b", "c~d", "0", "1", "01", '""', "<<", "'<<'", "é", "x y", "null", "!!str a", "!!str <<",
    "!foo b", "!!int 3", "! b", "&k a", "&n b", "*k", "*v", "*m", "*zz", "? [c]\n", "[x]", "{y: 1}",
]  # fmt: skip
SCALARS = [
    "1", "-2", "+3", "0x1f", "0o17", "1.5", "1e3", ".nan", "-.inf", "~", "null", "NULL", "true", "False", "",
    "08:00", "no", "word", "Rp 10.000", "'q'", '"d\\tq"', "''", "!!int 12", '!!int "12"', "!!int x", "!!float 1",
    "!!null ''", "!!str 5", "!!bool yes", "!custom v", "! 5", "!!python/object x", "&v v", "&v 7", "*v", "*k",
    "*m", "*c", "*zz", "&m [1, 2]", "!!map {a: 1}", "!!set {a}", "!!seq [1]", "!foo [1]", "[]", "{}",
    "[a, [b, {c: d}], *v]", "{x: 1, x: 2, <<: *m}", "{'a/b': 1, c~d: [2]}", "&r [1, *r]", "&s {a: *s}",
    "a: b", "[unclosed", "]", "@x", "`x", "\tx", "é ü", "😀",
]  # fmt: skip

Node = tuple[str, Any]


PLAIN = ["1", "word", "'q'", "Rp 10.000", "08:00", "true", "~", "0x1f", "&v v", "*v", ".nan"]
PLAIN_KEYS = ["a", "b", "c", "d", "a/b", "c~d", "0", "1", "é", '""']


def _nodes() -> st.SearchStrategy[Node]:
    """Mostly readable YAML (so that positions are compared on data), with every kind of problem in it."""
    scalar = st.tuples(st.just("scalar"), st.one_of(st.sampled_from(PLAIN), st.sampled_from(SCALARS)))
    keys = st.one_of(st.sampled_from(PLAIN_KEYS), st.sampled_from(PLAIN_KEYS), st.sampled_from(KEYS))
    return st.recursive(
        scalar,
        lambda inner: st.one_of(
            st.tuples(
                st.just("map"),
                st.tuples(
                    st.sampled_from(["", "&c ", "!!map ", "!x ", "&m "]),
                    st.lists(st.tuples(keys, inner), max_size=5),
                ),
            ),
            st.tuples(
                st.just("seq"),
                st.tuples(st.sampled_from(["", "&c ", "!!seq ", "!y "]), st.lists(inner, max_size=4)),
            ),
        ),
        max_leaves=25,
    )


def _render(node: Node, indent: str) -> list[str]:
    """Block YAML lines for a mapping or a sequence (a scalar is written where it stands)."""
    kind, body = node
    lines: list[str] = []
    if kind == "map":
        for key, (child_kind, child) in body[1]:
            if child_kind == "scalar":
                lines.append(f"{indent}{key}: {child}")
            else:
                lines.append(f"{indent}{key}: {child[0]}".rstrip())
                lines.extend(_render((child_kind, child), indent + "  ") or [f"{indent}  ~"])
    elif kind == "seq":
        for child_kind, child in body[1]:
            if child_kind == "scalar":
                lines.append(f"{indent}- {child}")
            else:
                lines.append(f"{indent}- {child[0]}".rstrip())
                lines.extend(_render((child_kind, child), indent + "  ") or [f"{indent}  ~"])
    return lines


def _text(documents: list[Node], breaks: str, separator: str) -> str:
    parts = []
    for node in documents:
        kind, body = node
        lines = [str(body)] if kind == "scalar" else ([body[0].strip()] if body[0] else []) + _render(node, "")
        parts.append("\n".join(lines) + "\n")
    return separator.join(parts).replace("\n", breaks)


SMALL = Limits(max_file_bytes=120, max_depth=3, max_nodes=12, max_documents=2)


GENERATED = {
    "documents": st.lists(st.one_of(_nodes(), _nodes().filter(lambda node: node[0] == "map")), min_size=1, max_size=3),
    "breaks": st.sampled_from(["\n", "\r\n", "\r", "\n\x85", "\u2028\n"]),
    "separator": st.sampled_from(["---\n", "...\n---\n", "--- |\n x\n---\n"]),
    "limits": st.sampled_from([DEFAULT_LIMITS, SMALL]),
    "start": st.sampled_from(["", "\ufeff", "# é\n", "\ufeff---\n", "%YAML 1.2\n---\n"]),
}
"""Generated texts: documents of every kind (see `_nodes`), line breaks, separators, limits and starts."""


@settings(max_examples=1500, deadline=None, derandomize=True)
@given(**GENERATED)
def test_generated_yaml_reads_the_same(
    documents: list[Node], breaks: str, separator: str, limits: Limits, start: str
) -> None:
    """libyaml's offsets skip a leading byte-order mark and count CR LF as two characters and one break."""
    assert_same_reading(start + _text(documents, breaks, separator), limits)


ARBITRARY = st.lists(
    st.sampled_from(
        [*"ab:-[]{},&*!'\"#?| \n\t~0x.", "<<", "é", "\r\n", "!!str ", "&a ", "*a", "\ufeff", "\x85", "\u2028", "\r"]
    ),
    max_size=40,
)
"""Texts of YAML's indicators and odd characters, in any order."""


@settings(max_examples=300, deadline=None, derandomize=True)
@given(ARBITRARY)
def test_arbitrary_text_reads_the_same(pieces: list[str]) -> None:
    assert_same_reading("".join(pieces))
