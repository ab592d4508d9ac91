"""The reader's ninth-part savings give what the general code gives: resolved plain scalars kept for the run,
and SourceMap rows holding lines and columns flat (the old builder in reader_reference.py is the oracle)."""

from __future__ import annotations

import math
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from svcstd.reading import loader
from svcstd.reading.loader import load_text, resolve_plain
from svcstd.reading.sourcemap import SourceMap
from tests import reader_reference as reference

# Characters the core schema's patterns look at, so that near-misses (`0x`, `.nan\n`, `1e`) are drawn.
ALPHABET = st.sampled_from([*"~nNuUlLtTrRfFaAsSeEoOxX0123456789+-._: \n", "é"])
PLAIN = st.one_of(
    st.sampled_from(["2", "08:00", "-0", "+1", ".nan", "-.inf", "0o17", "0x1F", "1e3", "1_000", "null\n", ""]),
    st.text(ALPHABET, max_size=8),
    st.text(ALPHABET, min_size=60, max_size=70),
)


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a):
        return math.isnan(b)
    return type(a) is type(b) and a == b


@pytest.fixture
def small_cache(monkeypatch: pytest.MonkeyPatch) -> loader._Resolved:
    """A cache of the reader's kind that is emptied every three values, in place of the run's own."""
    monkeypatch.setattr(loader._Resolved, "LIMIT", 3)
    cache = loader._Resolved()
    monkeypatch.setattr(loader, "_RESOLVED", cache)
    return cache


@settings(max_examples=1500, deadline=None, derandomize=True)
@given(st.lists(PLAIN, max_size=12))
def test_kept_resolutions_are_resolve_plains(values: list[str]) -> None:
    cache = loader._Resolved()
    for value in values * 2:  # each value met once more: the second answer is the kept one
        assert _same(cache[value], resolve_plain(value))
        assert _same(cache[value], loader._resolve_untagged(value))
    assert all(len(value) <= loader._Resolved.LONGEST for value in cache)


def test_the_cache_stays_bounded(small_cache: loader._Resolved) -> None:
    for number in range(50):
        assert small_cache[str(number)] == number
        assert len(small_cache) <= 3
    assert small_cache["1" * 100] == int("1" * 100)
    assert "1" * 100 not in small_cache  # a long value is resolved, never kept


TEXTS = [
    "a: [1, 2, 1, 2, 08:00, 08:00, true, True, null, ~, .nan, .NaN, -.inf, 0o17, 0x1F, 1e3, 1.0, 1, -0, +1]\n",
    "a: 1\nb: '1'\nc: !!str 1\nd: !!float 1\ne: ! 1\nf: 1\n---\n- 1\n- 1.0\n- true\n",
    "x: &n 12\ny: *n\nz: [12, 12.0, 0012, 1_2]\n" * 3,
]


@pytest.mark.parametrize("text", TEXTS)
def test_documents_with_repeated_numbers_read_as_the_old_builder(small_cache: loader._Resolved, text: str) -> None:
    for _ in range(2):  # cold, then with what the first read kept
        new, old = load_text(text), reference.load_text(text)
        assert [repr(doc.data) for doc in new] == [repr(doc.data) for doc in old]
        assert [[type(value) for value in _scalars(doc.data)] for doc in new] == [
            [type(value) for value in _scalars(doc.data)] for doc in old
        ]


def _scalars(data: Any) -> list[Any]:
    if isinstance(data, dict):
        return [scalar for value in data.values() for scalar in _scalars(value)]
    if isinstance(data, list):
        return [scalar for value in data for scalar in _scalars(value)]
    return [data]


def test_recorded_rows_answer_keys_and_values() -> None:
    """`record` (the API others may use) flattens its marks into the row as the reader does."""
    source = SourceMap()
    root = source.record(-1, "", (0, 0))
    mapping = source.record(root, "a", (1, 4), (0, 0))
    source.record(mapping, "b", (2, 7), (2, 4))
    source.record(root, "c", None, (3, 0))
    assert source.value("/a") == (2, 5) and source.key("/a") == (1, 1)
    assert source.value("/a/b") == (3, 8) and source.key("/a/b") == (3, 5)
    assert "/c" not in source and source.value("/c") == (1, 1) and source.key("/c") == (1, 1)
    assert source.rows()[2] == (mapping, "b", 2, 7, 2, 4)
