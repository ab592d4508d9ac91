"""A native (jsonschema-rs) yes/no for the schema, so that only rejected documents pay for Python's jsonschema.

The native answer may only ever say "valid" where jsonschema would: a document it accepts gets no
schema finding without jsonschema looking at it. So it gets the same `format` checks (the Python
functions themselves), every `pattern` is checked by Python's `re.search` as jsonschema does (Rust's
regular expressions differ in `$`, `\\s` and `\\w`), and a document holding a non-finite number (where
jsonschema compares differently) or anything jsonschema-rs cannot convert is left to jsonschema. When
jsonschema-rs is not installed, or cannot build the schema, there is no native answer.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from svcstd.standard.facts import json_text, shared

FormatCheck = Callable[[object], bool]
Compile = Callable[[str], "re.Pattern[str]"]

# Keywords whose value is a subschema, a list of them, or a mapping of names to them (JSON Schema 2020-12).
_ONE = (
    "items", "additionalProperties", "not", "if", "then", "else", "contains", "propertyNames",
    "unevaluatedProperties", "unevaluatedItems", "additionalItems",
)  # fmt: skip
_MANY = ("allOf", "anyOf", "oneOf", "prefixItems")
_NAMED = ("properties", "patternProperties", "$defs", "definitions", "dependentSchemas")
_CONVERSION_ERRORS = (ValueError, TypeError, OverflowError, RecursionError)


def validator(
    schema: dict[str, Any],
    formats: dict[str, FormatCheck],
    compile_pattern: Compile = re.compile,
) -> Accepts | None:
    """A function telling whether jsonschema would find no error in a document, or None without the native lib.

    `compile_pattern` turns a schema `pattern` into the regular expression the Python validator uses for it.
    """
    try:
        import jsonschema_rs
    except ImportError:
        return None
    patterns: dict[str, FormatCheck] = {}
    try:
        rewritten = _patterns_as_formats(schema, patterns, compile_pattern)
        native = jsonschema_rs.Draft202012Validator(rewritten, formats={**formats, **patterns}, validate_formats=True)
    except (*_CONVERSION_ERRORS, re.error):
        return None
    return Accepts(native.is_valid)


class Accepts:
    """`accepts(data)`: whether jsonschema would find no error in `data` (jsonschema-rs's yes, and no NaN or
    infinity anywhere in it); `accepts.finite(data)` the same for data already known to hold none."""

    __slots__ = ("_is_valid",)

    def __init__(self, is_valid: Callable[[Any], bool]) -> None:
        self._is_valid = is_valid

    def __call__(self, data: object) -> bool:
        try:
            return self._is_valid(data) and _finite(data)
        except _CONVERSION_ERRORS:
            return False

    def finite(self, data: object) -> bool:
        """`self(data)` for a value with no NaN or infinity in it (a part of a document whose JSON text was made):
        the finiteness test is left out, as it would pass."""
        try:
            return self._is_valid(data)
        except _CONVERSION_ERRORS:
            return False


def _finite(data: object) -> bool:
    """No NaN or infinity anywhere (jsonschema and jsonschema-rs compare those differently); C speed.

    A value whose strict JSON text can be made has none. For the document being judged that text is the one
    TRA090 scans next, made once (standard.facts `shared`); any other value is encoded here. `json_text` fails
    where `json.dumps(data, allow_nan=False)` fails (a non-finite number, a value JSON cannot hold, a cycle or
    too deep a nesting; it writes non-ASCII as it is, which changes no failure), so the answer is the same, in
    less time than `json.dumps`, which escapes every non-ASCII character.
    """
    text = shared(data, json_text) if type(data) is dict else json_text(data)  # type: ignore[arg-type]
    return text is not None


def _patterns_as_formats(schema: Any, patterns: dict[str, FormatCheck], compile_pattern: Compile) -> Any:
    """Each `pattern` keyword becomes a custom format checked by Python's `re.search`, exactly as jsonschema does.

    The schema is not changed: each subschema on the way is copied (one level) before its keywords are
    replaced, and what is not rewritten is shared with it (jsonschema-rs only reads it). A deep copy of the
    whole schema cost more than the rewrite and the native build together.
    """
    if not isinstance(schema, dict):
        return schema
    schema = dict(schema)
    for keyword in _ONE:
        if keyword in schema:
            schema[keyword] = _patterns_as_formats(schema[keyword], patterns, compile_pattern)
    for keyword in _MANY:
        if isinstance(schema.get(keyword), list):
            schema[keyword] = [_patterns_as_formats(sub, patterns, compile_pattern) for sub in schema[keyword]]
    for keyword in _NAMED:
        if isinstance(schema.get(keyword), dict):
            schema[keyword] = {
                name: _patterns_as_formats(sub, patterns, compile_pattern) for name, sub in schema[keyword].items()
            }
    pattern = schema.pop("pattern", None)
    if isinstance(pattern, str):
        name = f"svcstd-pattern-{len(patterns)}"
        patterns[name] = _search(compile_pattern(pattern))
        schema["allOf"] = [*schema.get("allOf", []), {"format": name}]
    elif pattern is not None:
        schema["pattern"] = pattern
    return schema


def _search(compiled: re.Pattern[str]) -> FormatCheck:
    def check(instance: object) -> bool:
        return not isinstance(instance, str) or compiled.search(instance) is not None

    return check
