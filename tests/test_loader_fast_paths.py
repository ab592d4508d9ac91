"""The reader's shortcuts answer as the general code does: plain scalars, and the inline key/value path."""

from __future__ import annotations

import math
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from svcstd.reading import loader
from svcstd.reading.loader import load_text, resolve_plain

# The characters the core schema's patterns look at, so that near-misses (`nulls`, `0x`, `.nan\n`) are drawn.
ALPHABET = st.sampled_from([*"~nNuUlLtTrRfFaAsSeEoOxX0123456789+-._ \n", "é", "İ", "ǅ"])
NEAR_MISSES = [
    "null\n",
    "Null\n",
    "~\n",
    "",
    "true\n",
    "nulls",
    "nUll",
    "0x",
    "0o8",
    ".nan\n",
    "-.Inf",
    "+.5",
    "1e",
    "e1",
]


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a):
        return math.isnan(b)
    return type(a) is type(b) and a == b


@settings(max_examples=2000, deadline=None, derandomize=True)
@given(st.one_of(st.sampled_from(NEAR_MISSES), st.text(ALPHABET, max_size=8), st.text(max_size=8)))
def test_untagged_plain_scalars_resolve_as_resolve_plain(value: str) -> None:
    assert _same(loader._resolve_untagged(value), resolve_plain(value))


def test_the_words_are_resolved() -> None:
    (doc,) = load_text("a: [null, Null, NULL, true, False, nothing, trUe, t, ~, '', .nan, 0o7, 0x1f, 1e3, tidak]\n")
    assert doc.data == {
        "a": [
            None,
            None,
            None,
            True,
            False,
            "nothing",
            "trUe",
            "t",
            None,
            "",
            doc.data["a"][10],
            7,
            31,
            1000.0,
            "tidak",
        ]
    }
    assert math.isnan(doc.data["a"][10])


def test_keys_and_values_take_the_general_path_when_unusual() -> None:
    """Tagged, merge and duplicate keys are reported at their place although plain keys skip those checks."""
    text = "a: 1\n!!str b: 2\n<<: {}\nd: {'<<': 3}\na: 4\nc: !!int x\n"
    (doc,) = load_text(text)
    found = [(f.rule, f.pointer, f.line, f.column) for f in doc.findings]
    assert found == [("YML005", "/<<", 3, 1), ("YML004", "/a", 5, 1), ("YML005", "/c", 6, 4)]
    assert doc.data == {"a": 1, "b": 2, "<<": {}, "d": {"<<": 3}, "c": "x"}
    assert doc.source.key("/b").line == 2
    assert doc.source.value("/c").column == 4
