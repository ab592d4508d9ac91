"""A native (jsonschema-rs) yes/no for the schema, so that only rejected documents pay for Python's jsonschema.

The native answer may only ever say "valid" where jsonschema would: a document it accepts gets no
schema finding without jsonschema looking at it. So it gets the same `format` checks (the Python
functions themselves), every `pattern` is checked by Python's `re.search` as jsonschema does (Rust's
regular expressions differ in `$`, `\\s` and `\\w`), and a document holding a non-finite number (where
jsonschema compares differently) or anything jsonschema-rs cannot convert is left to jsonschema. When
jsonschema-rs is not installed, or cannot build the schema, there is no native answer.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from svcstd.standard.facts import json_text, shared

Accepts = Callable[[object], bool]
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
    return _accepts(native.is_valid)


def _accepts(is_valid: Callable[[Any], bool]) -> Accepts:
    def accepts(data: object) -> bool:
        try:
            return is_valid(data) and _finite(data)
        except _CONVERSION_ERRORS:
            return False

    return accepts


def _finite(data: object) -> bool:
    """No NaN or infinity anywhere (jsonschema and jsonschema-rs compare those differently); C speed.

    A document whose strict JSON text could be made has none; that text is the one TRA090 scans next, made
    once while the document is judged (standard.facts). Otherwise the document is dumped here to tell why.
    """
    if type(data) is dict and shared(data, json_text) is not None:
        return True
    try:
        json.dumps(data, allow_nan=False)
    except ValueError:
        return False
    return True


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
