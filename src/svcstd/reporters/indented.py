"""Indented JSON (`escaping.json_text(value, indent=2)`) written without json's pure-Python indenting encoder.

`json.dumps` uses its C encoder only without `indent`; with it, every value passes through three nested
generators in Python, which made SARIF cost more per document than judging it (a result of a dozen small
values per finding) and GitLab half as much. SARIF and GitLab indent one finding's entry at a time; this
writes the same text from mappings, lists and plain values directly, each string by the C function json's
encoder writes strings with. Anything else (a tuple, a subclass, a key that is no string, a non-finite
number, a cycle) makes `text` hand the whole value to `escaping.json_text`, which writes or refuses it as
before. tests/reporters/test_indented.py holds the two equal.
"""

from __future__ import annotations

from json.encoder import encode_basestring
from math import isfinite

from svcstd import escaping

_STRING = encode_basestring
"""A string as `json.dumps(..., ensure_ascii=False)` writes it (C; what its encoder calls for each string)."""


class _Unusual(Exception):
    """A value this module does not write itself."""


def text(value: object, margin: int = 0) -> str:
    """`escaping.json_text(value, indent=2)`, each line after the first indented by `margin` more spaces.

    With a margin, the text is the one `json_text` gives with every newline followed by that many spaces (no
    newline is inside a string: JSON writes it `\\n`).
    """
    try:
        written = _value(value, "\n" + " " * margin)
    except (_Unusual, RecursionError):
        whole = escaping.json_text(value, indent=2)
        return whole.replace("\n", "\n" + " " * margin) if margin else whole
    return written if written.isascii() and "\x7f" not in written else escaping.json_safe(written)


def _value(value: object, newline: str) -> str:
    """`value` as `json.dumps(value, ensure_ascii=False, allow_nan=False, indent=2)` writes it at the depth whose
    line break (a newline and the indentation) is `newline`."""
    kind = type(value)
    if kind is str:
        return _STRING(value)  # type: ignore[arg-type]
    if kind is dict:
        if not value:
            return "{}"
        inner = newline + "  "
        try:  # a key that is no string (json would convert it) is refused by the string encoder
            parts = [_STRING(key) + ": " + _value(item, inner) for key, item in value.items()]  # type: ignore[attr-defined]
        except TypeError:
            raise _Unusual from None
        return "{" + inner + ("," + inner).join(parts) + newline + "}"
    if kind is list:
        if not value:
            return "[]"
        inner = newline + "  "
        return "[" + inner + ("," + inner).join([_value(item, inner) for item in value]) + newline + "]"  # type: ignore[attr-defined]
    if kind is int:
        return int.__repr__(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if kind is float and isfinite(value):  # type: ignore[arg-type]
        return float.__repr__(value)
    raise _Unusual
