"""Pointer -> line:column from the reader's compact rows: exact pointers, escaped tokens, and fallbacks."""

from __future__ import annotations

import pytest

from svcstd.model import Location
from svcstd.reading.loader import load_text
from svcstd.reading.sourcemap import SourceMap

TEXT = """\
svcstd: "1.0"
"a/b~c": 1
"3": {"": x, "0": y}
list:
  - first
  - {name: second}
dup: 1
dup:
  inner: 2
shared: &s {k: v}
again: *s
"""


@pytest.fixture(scope="module")
def source() -> SourceMap:
    (doc,) = load_text(TEXT)
    return doc.source


@pytest.mark.parametrize(
    ("pointer", "key", "value"),
    [
        ("", (1, 1), (1, 1)),
        ("/svcstd", (1, 1), (1, 9)),
        ("/a~1b~0c", (2, 1), (2, 10)),
        ("/a/b~c", (1, 1), (1, 1)),  # unescaped: no such key, the root
        ("/a~1b~2c", (1, 1), (1, 1)),  # not a well-formed token
        ("/3", (3, 1), (3, 6)),
        ("/3/", (3, 7), (3, 11)),  # the empty key
        ("/3/0", (3, 14), (3, 19)),  # a mapping key that looks like an index
        ("/list/0", (5, 5), (5, 5)),
        ("/list/1/name", (6, 6), (6, 12)),
        ("/list/01", (5, 3), (5, 3)),  # not an index as written: where the list's value starts
        ("/list/7/x", (5, 3), (5, 3)),  # missing: the nearest recorded ancestor's value
        ("/dup", (7, 1), (7, 6)),  # the first of a duplicate key
        ("/dup/inner", (7, 6), (7, 6)),
        ("/again", (11, 1), (11, 8)),
        ("/again/k", (11, 8), (11, 8)),  # through an alias: where the alias stands
        ("/shared/k", (10, 13), (10, 16)),
    ],
)
def test_key_and_value_locations(source: SourceMap, pointer: str, key: tuple[int, int], value: tuple[int, int]) -> None:
    assert source.key(pointer) == Location(*key)
    assert source.value(pointer) == Location(*value)


def test_membership_is_exact(source: SourceMap) -> None:
    assert "/list/1/name" in source
    assert "/list/1/nama" not in source
    assert "/dup/inner" not in source  # under the dropped duplicate


def test_an_empty_map_answers_the_first_line() -> None:
    assert SourceMap().value("/x") == Location(1, 1)
    assert SourceMap().key("") == Location(1, 1)


def test_duplicate_key_finding_keeps_its_pointer() -> None:
    (doc,) = load_text("a: {x: 1}\na: {x: !foo 2}\n")
    assert [(f.rule, f.pointer, f.line) for f in doc.findings] == [("YML004", "/a", 2), ("YML005", "/\x00skip/x", 2)]
