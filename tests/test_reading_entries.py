"""A mapping entry whose value is a scalar without tag or anchor is read in one pass of the reader's loop
(`loader._build`); every other value goes the general way. Both give what the old builder gave
(tests/reader_reference.py): data, findings, positions, and where each limit stops a document."""

from __future__ import annotations

import pytest

from svcstd.reading.limits import DEFAULT_LIMITS, Limits
from tests.test_reader_rewrite import assert_same_reading

VALUES = [
    "", "x", "word with spaces", "1", "-2", "0x1F", "0o17", "1.5", ".nan", "-.inf", "~", "null", "true", "False",
    "08:00", "2026-01-01", "'1'", '"true"', "''", '""', "|\n  block\n", ">\n  folded\n", "!!int 3", "!!str 3",
    "! 3", "!!float x", "!odd 3", "&a 3", "&b word", "[1, x]", "{y: 1}", "null\n  # comment",
]  # fmt: skip


@pytest.mark.parametrize("value", VALUES)
def test_an_entry_reads_as_the_old_builder(value: str) -> None:
    assert_same_reading(f"a: {value}\nb: {value}\n")
    assert_same_reading(f"a: {value}\nb: *a\nc: *b\n")
    assert_same_reading(f"- k: {value}\n  j: {value}\n- {value}\n")
    assert_same_reading(f"top:\n  a: {value}\n  a: {value}\n  <<: {value}\n  !!str c: {value}\nafter: *a\n")
    assert_same_reading(f"{{a: {value.strip()}, b: 1}}\n" if "\n" not in value else f"a: {value}")
    assert_same_reading(f"a: {value}")  # the value at the very end of the text, without a line break


ENTRIES = "a: 1\nb: text\nc: ''\nd: 2026\ne: x\nf: 08:00\ng: [1]\nh: 2\n"


@pytest.mark.parametrize("nodes", range(1, 12))
def test_the_node_limit_stops_at_the_same_value(nodes: int) -> None:
    assert_same_reading(ENTRIES, Limits(DEFAULT_LIMITS.max_file_bytes, DEFAULT_LIMITS.max_depth, nodes, 10))


@pytest.mark.parametrize("characters", range(1, 40))
def test_the_text_limit_stops_at_the_same_key_or_value(characters: int) -> None:
    assert_same_reading(ENTRIES, Limits(characters, DEFAULT_LIMITS.max_depth, DEFAULT_LIMITS.max_nodes, 10))
