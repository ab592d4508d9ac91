"""reporters.indented writes the text `escaping.json_text(value, indent=2)` writes, without json's Python encoder.

SARIF and GitLab write each finding's entry with it; each test here was proven by breaking what it guards.
"""

from __future__ import annotations

import enum
import math
from collections import OrderedDict

import pytest

from svcstd.escaping import json_text
from svcstd.reporters import indented

ODD = (
    "plain", "caf\u00e9", "\x7f", "\x85", "\u2028", "\u202e", "\ud800", "\udcff", "\x00\x1f\n\t", "\\", '"',
    "emoji \U0001f600", "",
)  # fmt: skip


class Word(enum.StrEnum):
    ERROR = "error"


class Number(float):
    pass


def _values() -> list[object]:
    nested = {"a": [], "b": {}, "c": [[], {}, [{}]], "d": {"e": {"f": [1, 2.5, -0.0, None, True, False]}}}
    return [
        *ODD, 0, -1, 10**40, 1.5, 1e300, -0.0, None, True, False, [], {}, [[]], [{}], {"": {}}, nested,
        {text: text for text in ODD}, [ODD, {"k": list(ODD)}],
        {"sarif": [{"uri": "a b/\u00e9.yaml", "region": {"startLine": 1, "startColumn": 2}}], "n": 3},
    ]  # fmt: skip


UNUSUAL = [
    (1, 2), {"t": (1, [2])}, {1: "int key"}, {True: "bool key", None: "none"}, {1.5: "float key"},
    OrderedDict(a=1), {"e": Word.ERROR}, Word.ERROR, {"n": Number(2.0)}, {"i": 2**70}, [True, 1, 1.0],
]  # fmt: skip
"""Kinds the module hands to `json_text` (a tuple, a subclass, a key that is no string), or writes as json does."""


@pytest.mark.parametrize("margin", [0, 2, 8])
def test_the_text_of_every_kind_of_value(margin: int) -> None:
    """Proven by writing an empty list as `[\\n]`, a float with `str`, a dict's items with `, `, by leaving the
    json_safe escaping out of ASCII-free text, and by indenting the closing bracket one level too deep."""
    for value in [*_values(), *UNUSUAL]:
        expected = json_text(value, indent=2).replace("\n", "\n" + " " * margin)
        assert indented.text(value, margin) == expected, value


def test_what_json_refuses_is_refused_the_same_way() -> None:
    """A non-finite number, an object json cannot write, a cycle: json_text's own error. Proven by writing
    non-finite floats with `float.__repr__`."""
    cycle: list[object] = []
    cycle.append(cycle)
    for value in ({"x": math.nan}, [math.inf], -math.inf, {"o": object()}, {"s": {1, 2}}, cycle):
        with pytest.raises((ValueError, TypeError)) as expected:
            json_text(value, indent=2)
        with pytest.raises(expected.type):
            indented.text(value)
