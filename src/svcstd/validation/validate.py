"""The bundled JSON Schema, and its errors turned into one plain finding per real problem (SCH ids)."""

from __future__ import annotations

import copy
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from functools import cache
from typing import TYPE_CHECKING, Any, NamedTuple
from urllib.parse import urlsplit

from svcstd import resources
from svcstd.model import Finding, LoadedDocument, Location, Severity, Text
from svcstd.reading.sourcemap import SourceMap, join_pointer
from svcstd.standard import contacts
from svcstd.standard.aliases import is_alias
from svcstd.standard.facts import json_text, shared
from svcstd.validation import native
from svcstd.validation.messages import MESSAGES, PATTERN_MESSAGES

if TYPE_CHECKING:  # Python's jsonschema is imported only when a document needs it (see _validator)
    from jsonschema import Draft202012Validator, FormatChecker
    from jsonschema.exceptions import ValidationError

SCHEMA_FILE = "service-standard.schema.json"
DURATION_REF = "#/$defs/duration"
X_SOURCE = "^x-source$"  # provenance (`svcstd import`), checked on every mapping in 1.1
MERGE_KEY = "<<"  # YAML 1.1 merge key: the loader reports it (YML005) and keeps it as an ordinary key

# fmt: off
Path = Sequence[str | int]

# A value gets one finding: the first of these that it fails (`status: 1` is not allowed, not also of the wrong
# type; `""` is empty, not also misshapen; a non-integer below the minimum needs a whole number first).
_VALUE_CHECKS = (
    "enum", "const", "type", "minLength", "minItems", "maxItems", "format", "pattern", "minimum", "maximum"
)  # fmt: skip

# --- the schema and the validator, loaded once per process -------------------------------------------------------

_FORMAT_CHECKS: dict[str, Callable[[object], bool]] = {}
"""The schema's `format` checks by name, for both validators (FORMATS is jsonschema's view of them)."""
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_SPACE = re.compile(r"\s")


def _checks(name: str) -> Callable[[Callable[[object], bool]], Callable[[object], bool]]:
    def register(check: Callable[[object], bool]) -> Callable[[object], bool]:
        _FORMAT_CHECKS[name] = check
        return check

    return register


@_checks("date")
def is_date(instance: object) -> bool:
    """Strict YYYY-MM-DD and a real calendar day (no 2025-02-30)."""
    if not isinstance(instance, str):
        return True
    if not _DATE.fullmatch(instance):
        return False
    try:
        date.fromisoformat(instance)
    except ValueError:
        return False
    return True


@_checks("email")
def is_email(instance: object) -> bool:
    """name@domain.tld (standard/contacts.py: the same check the transparency rules use)."""
    return not isinstance(instance, str) or contacts.is_email(instance)


@_checks("uri")
def is_uri(instance: object) -> bool:
    """An absolute http, https or ftp address with a host, or a mailto: address."""
    if not isinstance(instance, str):
        return True
    if _SPACE.search(instance):  # `\s` is `str.isspace`, in C
        return False
    try:
        parts = urlsplit(instance)
        host = parts.hostname
    except ValueError:
        return False
    if parts.scheme.lower() in ("http", "https", "ftp"):
        return bool(host)
    return parts.scheme.lower() == "mailto" and contacts.is_email(parts.path)


@cache
def _schema() -> dict[str, Any]:
    text = resources.read_text(f"schemas/{SCHEMA_FILE}")
    schema: dict[str, Any] = json.loads(text)
    return schema


def load_schema() -> dict[str, Any]:
    """The bundled schema (a fresh copy: callers may change it freely)."""
    return copy.deepcopy(_schema())


def _pattern(validator: Any, pattern: str, instance: object, schema: dict[str, Any]) -> Iterator[ValidationError]:
    """`pattern` as JSON Schema means it (ECMA-262): `$` is the end of the text, never before a final newline.

    jsonschema uses Python's `re.search`, whose `$` also matches before a trailing newline, so `^[a-z]+$`
    accepted `id: "x\\n"`.
    """
    if isinstance(instance, str) and not _end_anchored(pattern).search(instance):
        from jsonschema.exceptions import ValidationError

        yield ValidationError(f"{instance!r} does not match {pattern!r}")


@cache
def _end_anchored(pattern: str) -> re.Pattern[str]:
    """The pattern with each `$` outside a character class made `\\Z` (the very end of the text)."""
    out, escaped, in_class = [], False, False
    for char in pattern:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "[" and not in_class:
            in_class = True
        elif char == "]" and in_class:
            in_class = False
        elif char == "$" and not in_class:
            out.append("\\Z")
            continue
        out.append(char)
    return re.compile("".join(out))


_ROOTS: dict[int, tuple[dict[str, Any], str]] = {}
"""id of each validator's root `properties` -> (that mapping, kept so the id stays its own; the format version)."""
_PROPERTIES: list[Any] = []
"""jsonschema's own `properties` keyword, set when the validator class is made (jsonschema is imported then)."""


def _properties(validator: Any, properties: Any, instance: object, schema: Any) -> Iterator[ValidationError]:
    """`properties`; at the root, a property whose value jsonschema-rs accepts under its schema is skipped.

    Skipping is exact: a value valid under its subschema gives no error there, so the errors (and their order)
    are those of the whole walk. Only the root's own `properties` is pruned, which jsonschema evaluates once, on
    the document: never inside `if`, `oneOf` or `anyOf`, where a branch's errors decide the outcome.
    """
    root = _ROOTS.get(id(properties))
    if root is None or root[0] is not properties or not isinstance(instance, dict):
        yield from _PROPERTIES[0](validator, properties, instance, schema)
        return
    for name, subschema in properties.items():
        if name in instance:
            accepts = _native_part(root[1], name)
            if accepts is not None and accepts(instance[name]):
                continue
            yield from validator.descend(instance[name], subschema, path=name, schema_path=name)


@cache
def _format_checker() -> FormatChecker:
    from jsonschema import FormatChecker

    checker = FormatChecker(formats=())
    for name, check in _FORMAT_CHECKS.items():
        checker.checks(name)(check)
    return checker


def __getattr__(name: str) -> Any:
    """`FORMATS`, jsonschema's FormatChecker of the schema's formats, built (and jsonschema imported) on first use."""
    if name == "FORMATS":
        return _format_checker()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@cache
def _validator_class() -> Any:
    from jsonschema import Draft202012Validator, validators

    _PROPERTIES[:] = [Draft202012Validator.VALIDATORS["properties"]]
    extra = {"pattern": _pattern, "properties": _properties}
    return validators.extend(Draft202012Validator, extra)  # type: ignore[no-untyped-call]


@cache
def _validator(version: str = "1.1") -> Draft202012Validator:
    schema = _schema_for(version)
    validator: Draft202012Validator = _validator_class()(schema, format_checker=_format_checker())
    _ROOTS[id(schema["properties"])] = (schema["properties"], version)
    return validator


def _native_part(version: str, name: str) -> native.Accepts | None:
    """jsonschema-rs's yes/no for one top-level property's value; None without the native validator."""
    if _native(version) is None:  # looked up at each call: SVCSTD_NATIVE=0, and tests, switch it off
        return None
    return _native_property(version, name)


@cache
def _native_property(version: str, name: str) -> native.Accepts | None:
    schema: dict[str, Any] = _validator(version).schema  # type: ignore[assignment]
    subschema = schema["properties"][name]
    part = {"$defs": _defs_used(subschema, schema.get("$defs", {})), **subschema}
    return native.validator(part, dict(_FORMAT_CHECKS), _end_anchored)


_DEF_REF = "#/$defs/"
_OTHER_REFERENCES = frozenset(("$dynamicRef", "$recursiveRef", "$id", "$anchor", "$dynamicAnchor"))


def _defs_used(subschema: object, defs: dict[str, Any]) -> dict[str, Any]:
    """The `$defs` that `subschema` refers to, directly or through one another; all of them when it refers in any
    other way than `#/$defs/<name>`.

    Each top-level property's native validator is built with only these (a rejected document's properties are
    checked one by one): most refer to one small definition of the six, and a validator is built once per
    property and process, in each worker. With fewer definitions the answer is the same, and without a
    definition it refers to jsonschema-rs could not build it (no native answer: the property is walked).
    """
    used: dict[str, Any] = {}
    todo = [subschema]
    while todo:
        node = todo.pop()
        if isinstance(node, list):
            todo.extend(node)
        elif isinstance(node, dict):
            if not _OTHER_REFERENCES.isdisjoint(node):
                return defs
            ref = node.get("$ref")
            if isinstance(ref, str):
                name = ref.removeprefix(_DEF_REF)
                if name == ref or name not in defs or any(char in name for char in "/~%"):
                    return defs
                if name not in used:
                    used[name] = defs[name]
                    todo.append(defs[name])
            todo.extend(node.values())
    return {name: defs[name] for name in defs if name in used}  # in the schema's order


def _as_1_0(node: Any) -> Any:
    """The schema as format 1.0 read it: no 1.1 keys (`x-since`), no Indonesian aliases, durations need a unit.

    So a 1.0 document gets exactly the findings it got before 1.1 (an alias is not allowed, `kind` is unknown).
    """
    if isinstance(node, list):
        return [_as_1_0(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _as_1_0(value) for key, value in node.items()}
    properties = node.get("properties")
    if isinstance(properties, dict):
        gone = {key for key, sub in properties.items() if isinstance(sub, dict) and sub.get("x-since") == "1.1"}
        node["properties"] = {key: sub for key, sub in properties.items() if key not in gone}
        for combinator in ("oneOf", "anyOf"):
            if combinator in node:
                node[combinator] = [b for b in node[combinator] if not gone & set(_as_dict(b).get("required", []))]
    if isinstance(node.get("enum"), list):
        node["enum"] = [value for value in node["enum"] if not is_alias(value)]
    if isinstance(node.get("patternProperties"), dict):  # 1.0 kept every `x-` key unchecked, `x-source` too
        node["patternProperties"] = {key: sub for key, sub in node["patternProperties"].items() if key != X_SOURCE}
    if node.pop("x-mapping-since", None) == "1.1":  # a list that 1.1 also accepts as one mapping
        node["type"] = "array"
        node.pop("if", None)
        node.pop("then", None)
    if "unit" in node.get("properties", {}) and "allOf" in node:  # the duration: a unit always
        node["required"] = ["unit"]
        del node["allOf"]
    return node


def format_version(data: object) -> str:
    """`1.0` for a document that says so (or says nothing: it is then read as strictly as 1.0 was), else `1.1`."""
    value = data.get("svcstd", "1.0") if isinstance(data, dict) else "1.0"
    return "1.0" if value == "1.0" else "1.1"


@cache
def _native(version: str = "1.1") -> native.Accepts | None:
    """jsonschema-rs's yes/no with the same formats and patterns, unless missing or switched off (SVCSTD_NATIVE=0)."""
    if os.environ.get("SVCSTD_NATIVE") == "0":
        return None
    return native.validator(_schema_for(version), dict(_FORMAT_CHECKS), _end_anchored)


def _schema_for(version: str) -> dict[str, Any]:
    return _schema() if version != "1.0" else _as_1_0(copy.deepcopy(_schema()))


# --- entry point ---------------------------------------------------------------------------------------------------


def validate(doc: LoadedDocument) -> tuple[Finding, ...]:
    """Schema findings for one read document (SCH001-SCH010), sorted by place; empty when it is valid."""
    version = _unsupported_version(doc)
    if version is not None:
        return (version,)
    version_of = format_version(doc.data)
    accepts = _native(version_of)
    if accepts is not None and accepts(doc.data):
        if not _may_have_ranges(doc.data):  # type: ignore[arg-type]  # a mapping: judge validates no other
            return ()  # the usual case: accepted, and no mapping has both a `min` and a `max` (no SCH010)
        errors: list[ValidationError] = []
    else:
        errors = _errors(doc.data, version_of)
    context = _Context.of(errors, doc.source)
    findings = [finding for error in errors for finding in _map_error(error, context)]
    findings.extend(_reversed_ranges(doc, {f.pointer for f in findings}))
    unique = {(f.rule, f.pointer): f for f in reversed(findings)}
    return tuple(sorted(unique.values(), key=lambda f: f.sort_key))


_MIN_KEY, _MAX_KEY = '"min": ', '"max": '
"""How the JSON text writes a mapping's `min` and `max` keys (and no other text: a quote inside a string is `\\"`)."""


def _may_have_ranges(data: dict[str, Any]) -> bool:
    """False when no mapping of the document has both a `min` and a `max` key, so SCH010 has nothing to find.

    Read from the document's JSON text, which the native path has just made (`native._finite`) and TRA090 scans
    next (`shared`: made once while the document is judged); two substring searches in C instead of walking the
    document. True (walk) when the text cannot be made.
    """
    text = shared(data, json_text)
    return text is None or (_MAX_KEY in text and _MIN_KEY in text)


def _errors(data: object, version: str = "1.1") -> list[ValidationError]:
    """jsonschema's errors, each collapsed to its telling part, one per value: what the findings explain."""
    return _one_per_value([leaf for e in _validator(version).iter_errors(data) if (leaf := _leaf(e)) is not None])


_SUPPORTED = frozenset(("1.0", "1.1"))
"""The versions every document says (the usual case: no pattern to match)."""


def _unsupported_version(doc: LoadedDocument) -> Finding | None:
    """SCH009: a major version other than 1 means the rest of the document follows other rules."""
    value = doc.data.get("svcstd") if isinstance(doc.data, dict) else None
    if isinstance(value, bool) or not isinstance(value, str | int | float) or value in _SUPPORTED:
        return None
    match = re.match(r"\s*([0-9]+)(\.|\s*$)", str(value))
    if match is None or match.group(1).lstrip("0") == "1":  # no int(): 2 MiB of digits is no number to convert
        return None
    message = MESSAGES.text("unsupported_version", value=_show(value))
    return _finding("SCH009", "/svcstd", doc.source.value("/svcstd"), message)


def _leaf(error: ValidationError) -> ValidationError | None:
    """A combinator error collapses to its most useful part, unless it is an exactly-one-of (SCH008) of its own."""
    if error.validator not in ("oneOf", "anyOf") or _alternatives(error.schema):
        return error
    from jsonschema.exceptions import best_match

    best = best_match(error.context or ())
    return _leaf(best) if best is not None else None


def _one_per_value(errors: list[ValidationError]) -> list[ValidationError]:
    """Of the errors about one value, keep the most telling (see _VALUE_CHECKS); a wrong type also hides SCH008."""
    kept: dict[tuple[str | int, ...], ValidationError] = {}
    others = []
    for error in errors:
        path = tuple(error.absolute_path)
        if error.validator in ("additionalProperties", "required"):
            others.append(error)
        elif path not in kept or _value_rank(error) < _value_rank(kept[path]):
            kept[path] = error
    return others + list(kept.values())


def _value_rank(error: ValidationError) -> int:
    if error.validator == "type" and error.instance is None:
        return -1  # an empty value is the problem, whatever it should have held
    if error.validator in ("oneOf", "anyOf"):
        return len(_VALUE_CHECKS) + 1
    check = str(error.validator)
    return _VALUE_CHECKS.index(check) if check in _VALUE_CHECKS else len(_VALUE_CHECKS)


class _Context(NamedTuple):
    """What one error's finding depends on in the others, so that one real problem gives one finding."""

    source: SourceMap
    renames: dict[str, dict[str, str]]  # mapping pointer -> {unknown key: the allowed key it likely misspells}
    missing: dict[str, list[str]]  # mapping pointer -> the required keys it lacks, from every `required` there

    @classmethod
    def of(cls, errors: Iterable[ValidationError], source: SourceMap) -> _Context:
        renames: dict[str, dict[str, str]] = {}
        missing: dict[str, list[str]] = {}
        for error in errors:
            pointer = _pointer(error.absolute_path)
            if error.validator == "additionalProperties":
                allowed = list(_as_dict(error.schema).get("properties", {}))
                for key in _unknown(error):
                    suggestion = _suggestion(key, allowed)
                    if suggestion is not None:
                        renames.setdefault(pointer, {})[key] = suggestion
            elif error.validator == "required":
                present = _supplied(error.instance)
                lacking = [key for key in _as_list(error.validator_value) if key not in present]
                missing[pointer] = list(dict.fromkeys([*missing.get(pointer, []), *lacking]))
        return cls(source, renames, missing)

    def missing_after_renames(self, pointer: str) -> list[str]:
        """The missing keys that no misspelt key at the same mapping stands for (SCH001 reports those)."""
        renamed = set(self.renames.get(pointer, {}).values())
        return [key for key in self.missing.get(pointer, []) if key not in renamed]


def _map_error(error: ValidationError, context: _Context) -> list[Finding]:
    """One jsonschema error -> its finding(s), none when another finding already covers the problem."""
    if error.validator in ("oneOf", "anyOf"):
        return _exactly_one(error, _alternatives(error.schema), context)
    handler = _HANDLERS.get(str(error.validator), _other)
    return handler(error, context)


# --- one handler per kind of error -----------------------------------------------------------------------------


def _unknown_keys(error: ValidationError, context: _Context) -> list[Finding]:
    """SCH001, at each unknown key, with the closest allowed key as a suggestion (saying so if it is missing)."""
    parent = _pointer(error.absolute_path)
    renames = context.renames.get(parent, {})
    findings = []
    for key in _unknown(error):
        pointer = join_pointer(parent, key)
        params: dict[str, object] = {"field": _field(error.absolute_path), "key": key}
        suggestion = renames.get(key)
        if suggestion is None:
            message = _message("unknown_key", **params)
        else:
            required = suggestion in context.missing.get(parent, [])
            label = _key_label([*error.absolute_path, suggestion])
            message = _message(f"unknown_key_{'required' if required else 'suggest'}", suggestion=label, **params)
        findings.append(_finding("SCH001", pointer, context.source.key(pointer), message))
    return findings


def _missing(error: ValidationError, context: _Context) -> list[Finding]:
    """SCH002, at the mapping that lacks the keys; one finding names all of them, but not a misspelt one."""
    path = list(error.absolute_path)
    pointer = _pointer(path)
    names = [_key_label([*path, key]) for key in _in_schema_order(path, context.missing_after_renames(pointer))]
    if not names:
        return []
    key = "missing_one" if len(names) == 1 else "missing_many"
    message = _message(key, field=_field(path), missing=_join(names, "and"))
    return [_finding("SCH002", pointer, context.source.key(pointer), message)]


def _in_schema_order(path: Path, keys: list[str]) -> list[str]:
    """Missing keys in the order the schema lists them, whichever `required` (1.1, or 1.0's own) asked for them."""
    node: dict[str, Any] | None = _schema()
    for token in path:
        node = _child(node, token) if node is not None else None
    order = list(_resolve(node).get("properties", {})) if node is not None else []
    return sorted(keys, key=lambda key: order.index(key) if key in order else len(order))


def _wrong_type(error: ValidationError, context: _Context) -> list[Finding]:
    """SCH003, at the value: what was expected, what is there, and how to write it."""
    value = error.validator_value
    expected = [value] if isinstance(value, str) else [str(v) for v in _as_list(value)]
    words = [MESSAGES.text(f"type.{name}") for name in expected]
    hint = _type_hint(expected, error.instance, _as_dict(error.schema))
    found = MESSAGES.text(f"type.{_type_of(error.instance)}")
    message = _message(
        "wrong_type", field=_field(error.absolute_path), expected=_join(words, "or"), found=found, hint=hint
    )
    return [_value_finding("SCH003", error, context.source, message)]


def _not_allowed(error: ValidationError, context: _Context) -> list[Finding]:
    """SCH004, at the value: the allowed values, and the closest one if the value looks like a typo."""
    import difflib  # only for a value or key that is not allowed

    allowed = _as_list(error.validator_value) if error.validator == "enum" else [error.validator_value]
    allowed = [item for item in allowed if not is_alias(item)]  # the aliases are for editors; name the values
    params: dict[str, object] = {
        "field": _field(error.absolute_path),
        "value": _show(error.instance),
        "allowed": ", ".join(f"`{_show(item)}`" for item in allowed),
    }
    choices = [str(item) for item in allowed]
    close = difflib.get_close_matches(str(error.instance).lower(), choices, n=1, cutoff=0.6)
    message = _message("enum_suggest", suggestion=close[0], **params) if close else _message("enum", **params)
    return [_value_finding("SCH004", error, context.source, message)]


def _bad_format(error: ValidationError, context: _Context) -> list[Finding]:
    """SCH005, at the value: the expected shape of a date, web address or email address."""
    message = _message(
        f"format.{error.validator_value}", field=_field(error.absolute_path), value=_show(error.instance)
    )
    return [_value_finding("SCH005", error, context.source, message)]


def _bad_pattern(error: ValidationError, context: _Context) -> list[Finding]:
    """SCH006, at the value: the expected shape in words, never the regular expression."""
    name = error.absolute_path[-1] if error.absolute_path else ""
    key = PATTERN_MESSAGES.get(str(name), "pattern.other")
    message = _message(key, field=_field(error.absolute_path), value=_show(error.instance))
    return [_value_finding("SCH006", error, context.source, message)]


def _out_of_bounds(error: ValidationError, context: _Context) -> list[Finding]:
    """SCH007, at the value: an empty list or text, a number out of range."""
    params: dict[str, object] = {"field": _field(error.absolute_path), "limit": _show(error.validator_value)}
    if error.validator == "minLength":
        message = _message("size.empty_text", **params)
    elif error.validator in ("minItems", "maxItems"):
        count = len(_as_list(error.instance))
        kind = "size.empty_list" if count == 0 else f"size.{'min' if error.validator == 'minItems' else 'max'}_items"
        message = _message(kind, count=count, **params)
    else:
        kind = "size.minimum" if error.validator == "minimum" else "size.maximum"
        message = _message(kind, value=_show(error.instance), **params)
    return [_value_finding("SCH007", error, context.source, message)]


def _other(error: ValidationError, context: _Context) -> list[Finding]:
    """Any constraint the schema may gain later: reported as SCH007 with jsonschema's own words."""
    message = _message("size.other", field=_field(error.absolute_path), detail=error.message)
    return [_value_finding("SCH007", error, context.source, message)]


def _exactly_one(error: ValidationError, alternatives: list[list[str]], context: _Context) -> list[Finding]:
    """SCH008, at the mapping: neither alternative (e.g. `amount`, `formula`) is complete, or several are given.

    Not when a misspelt key (SCH001) or a merge key (YML005) would complete an alternative once corrected.
    """
    instance = _as_dict(error.instance)
    path = list(error.absolute_path)
    pointer = _pointer(path)
    present = [[key for key in alt if key in instance] for alt in alternatives]
    present = [keys for keys in present if keys]
    if len(present) >= 2:
        labels = [_key_label([*path, key]) for keys in present for key in keys]
        message = _message("one_of.both", field=_field(path), options=_join(labels, "and"))
    else:
        meant = _supplied(instance) | set(context.renames.get(pointer, {}).values())
        if any(set(alt) <= meant for alt in alternatives):
            return []
        options = [_alternative_label(path, alt) for alt in alternatives]
        message = _message("one_of.none", field=_field(path), options=_join(options, "or"))
    return [_finding("SCH008", pointer, context.source.key(pointer), message)]


_HANDLERS: dict[str, Callable[[ValidationError, _Context], list[Finding]]] = {
    "additionalProperties": _unknown_keys,
    "required": _missing,
    "type": _wrong_type,
    "enum": _not_allowed,
    "const": _not_allowed,
    "format": _bad_format,
    "pattern": _bad_pattern,
    "minLength": _out_of_bounds,
    "minItems": _out_of_bounds,
    "maxItems": _out_of_bounds,
    "minimum": _out_of_bounds,
    "maximum": _out_of_bounds,
}


# --- SCH010: a semantic check on the durations the schema accepted ----------------------------------------------


def _reversed_ranges(doc: LoadedDocument, failed: set[str]) -> Iterator[Finding]:
    """SCH010: `min` > `max` in a duration that passed the schema (nothing failed at or below it)."""
    for path, duration in _durations(doc.data, _schema(), ()):
        low, high = duration.get("min"), duration.get("max")
        if not (isinstance(low, int | float) and isinstance(high, int | float) and low > high):
            continue  # the usual case: no pointer to make
        pointer = _pointer(path)
        if not any(bad == pointer or bad.startswith(pointer + "/") for bad in failed):
            message = _message("range_reversed", field=_field(path), min=_show(low), max=_show(high))
            yield _finding("SCH010", pointer, doc.source.value(pointer), message)


def _durations(
    instance: object, schema: dict[str, Any], path: tuple[str | int, ...]
) -> list[tuple[tuple[str | int, ...], dict[str, Any]]]:
    """Every mapping that the schema reads as a duration, found by walking the data alongside the schema.

    The schema is read once per subschema into a `_Plan`; the walk goes only down values under which a
    duration can be (`_steps_toward_durations`), in the data's order.
    """
    found: list[tuple[tuple[str | int, ...], dict[str, Any]]] = []
    _walk(instance, _plan(schema), path, found)
    return found


_CONTAINERS = (dict, list)


def _walk(instance: object, plan: _Plan, path: tuple[str | int, ...], found: list[tuple[Any, Any]]) -> None:
    if isinstance(instance, dict):
        if plan.duration:
            found.append((path, instance))
        elif plan.items is None and len(plan.properties) < len(instance):  # the few keys a duration can be under
            for key, sub in plan.properties.items():
                child = instance.get(key)
                if isinstance(child, _CONTAINERS):
                    _walk(child, sub, (*path, key), found)
        elif plan.properties or plan.items is not None:
            _walk_mapping(instance, plan, path, found)
    elif isinstance(instance, list) and plan.list_items is not None:
        items = plan.list_items
        for index, child in enumerate(instance):
            if isinstance(child, _CONTAINERS):
                _walk(child, items, (*path, index), found)


def _walk_mapping(instance: dict[Any, Any], plan: _Plan, path: tuple[str | int, ...], found: list[Any]) -> None:
    """Every key of the mapping: an integer key takes the item subschema (a list written as a mapping)."""
    properties, items = plan.properties, plan.items
    for key, child in instance.items():
        if isinstance(child, _CONTAINERS):
            sub = items if isinstance(key, int) else properties.get(key)
            if sub is not None:
                _walk(child, sub, (*path, key), found)


class _Plan:
    """What the duration walk does with a value under one subschema: a mapping is a duration, or is walked
    through `properties` (and `items` for integer keys); a list through `list_items`. None: nothing to find."""

    __slots__ = ("duration", "items", "list_items", "properties", "schema")

    def __init__(self, schema: dict[str, Any]) -> None:
        self.schema = schema  # kept, so that its id stays its own while planned
        self.duration = False
        self.properties: dict[Any, _Plan] = {}
        self.items: _Plan | None = None
        self.list_items: _Plan | None = None


_PLANS: dict[int, _Plan] = {}


def _plan(schema: dict[str, Any]) -> _Plan:
    """The plan of a subschema, made once (a cycle of references meets the plan being made, already registered)."""
    plan = _PLANS.get(id(schema))
    if plan is not None:
        return plan
    plan = _PLANS[id(schema)] = _Plan(schema)
    mapping = schema.get("then", schema)  # as a mapping reads it (`if`/`then`)
    if mapping.get("$ref") == DURATION_REF:
        plan.duration = True
    else:
        properties, items = _steps_toward_durations(mapping)
        plan.properties = {key: _plan(sub) for key, sub in properties.items()}
        plan.items = None if items is None else _plan(items)
    if schema.get("$ref") != DURATION_REF:
        items = _steps_toward_durations(schema)[1]
        plan.list_items = None if items is None else _plan(items)
    return plan


_STEPS_DOWN: dict[int, tuple[dict[str, Any], dict[str, Any], dict[str, Any] | None]] = {}
_TOWARD: dict[int, tuple[dict[str, Any], dict[str, Any], dict[str, Any] | None]] = {}
_REACHES: dict[int, tuple[dict[str, Any], bool]] = {}


def _steps_toward_durations(schema: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """_steps_down, less the subschemas under which _durations can find no duration: the walk skips those values.

    A document's long lists of requirements, steps and contacts hold no duration mostly; the walk used to
    visit every value under them.
    """
    found = _TOWARD.get(id(schema))
    if found is None:
        properties, items = _steps_down(schema)
        kept = {key: sub for key, sub in properties.items() if isinstance(sub, dict) and _reaches(sub)}
        item = items if items is not None and _reaches(items) else None
        found = _TOWARD[id(schema)] = (schema, kept, item)
    return found[1], found[2]


def _reaches(schema: dict[str, Any]) -> bool:
    """Whether _durations could yield anything for some value under `schema` (its `then` too, as for a mapping).

    Over-approximates on a cycle of references (answers True while a schema is being looked at), never under.
    """
    known = _REACHES.get(id(schema))
    if known is not None:
        return known[1]
    _REACHES[id(schema)] = (schema, True)
    then = schema.get("then")
    answer = _reaches_here(schema) or (isinstance(then, dict) and _reaches_here(then))
    _REACHES[id(schema)] = (schema, answer)
    return answer


def _reaches_here(schema: dict[str, Any]) -> bool:
    if schema.get("$ref") == DURATION_REF:
        return True
    properties, items = _steps_down(schema)
    subschemas = [*properties.values(), items]
    return any(isinstance(sub, dict) and _reaches(sub) for sub in subschemas)


def _steps_down(schema: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """A (sub)schema's property subschemas and item subschema, as _child finds them; once per subschema.

    Keyed by identity, and each entry keeps its subschema alive, so that an id is never reused while cached.
    """
    found = _STEPS_DOWN.get(id(schema))
    if found is None:
        resolved = _resolve(schema)
        items = resolved.get("items") or _resolve(resolved.get("else", {})).get("items")
        properties = resolved.get("properties") or _resolve(resolved.get("then", {})).get("properties", {})
        found = _STEPS_DOWN[id(schema)] = (schema, properties, items if isinstance(items, dict) else None)
    return found[1], found[2]


# --- naming things for people ------------------------------------------------------------------------------------


def _child(schema: dict[str, Any], token: str | int) -> dict[str, Any] | None:
    """The subschema for one step down the instance (a property, or a list item)."""
    schema = _resolve(schema)
    if isinstance(token, int):
        items = schema.get("items") or _resolve(schema.get("else", {})).get("items")
        return items if isinstance(items, dict) else None
    properties = schema.get("properties") or _resolve(schema.get("then", {})).get("properties", {})
    found = properties.get(token)
    if found is None:  # `x-source` on any mapping
        patterns = schema.get("patternProperties", {})
        matching = (sub for pattern, sub in patterns.items() if isinstance(sub, dict) and re.search(pattern, token))
        found = next(map(_resolve, matching), None)
    return found if isinstance(found, dict) else None


def _resolve(schema: dict[str, Any]) -> dict[str, Any]:
    ref = schema.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/$defs/"):
        resolved: dict[str, Any] = _schema()["$defs"][ref.removeprefix("#/$defs/")]
        return resolved
    return schema


def _term(path: Path) -> str | None:
    """The Indonesian term (`x-term`) of the deepest named node on the path."""
    schema: dict[str, Any] | None = _schema()
    term = None
    for token in path:
        schema = _child(schema, token) if schema is not None else None
        if schema is None:
            break
        term = schema.get("x-term", term)
    return term


def _readable(path: Path) -> str:
    """`delivery.requirements[2].form` for /delivery/requirements/2/form."""
    text = ""
    for token in path:
        if isinstance(token, int):
            text += f"[{token}]"
        else:
            text += f".{token}" if text else token
    return text


def _field(path: Path) -> Text:
    if not path:
        return MESSAGES.text("document")
    term = _term(path)
    label = f"`{_readable(path)}` ({term})" if term else f"`{_readable(path)}`"
    return Text(label, label)


def _key_label(path: Path) -> str:
    term = _term(path)
    return f"`{path[-1]}` ({term})" if term else f"`{path[-1]}`"


def _alternative_label(path: Path, keys: list[str]) -> Text:
    if len(keys) == 1:
        label = _key_label([*path, keys[0]])
        return Text(label, label)
    return _message("together", keys=_join([Text(f"`{k}`", f"`{k}`") for k in keys], "and"))


def _type_hint(expected: list[str], instance: object, schema: dict[str, Any]) -> Text:
    """The likeliest fix for a value of the wrong type."""
    found = _type_of(instance)
    if found == "null":
        return MESSAGES.text("hint.empty")
    if "object" in expected and ("then" in schema or "unit" in schema.get("properties", {})):
        return MESSAGES.text("hint.duration")
    hints = {"array": "hint.list", "object": "hint.mapping", "boolean": "hint.boolean"}
    if expected[0] in hints:
        return MESSAGES.text(hints[expected[0]])
    if expected[0] == "string":
        quotable = found in ("integer", "number", "decimal", "boolean")
        return MESSAGES.text("hint.quote" if quotable else "hint.text")
    return MESSAGES.text("hint.integer" if found == "decimal" and expected[0] == "integer" else "hint.number")


def _type_of(instance: object) -> str:
    if instance is None:
        return "null"
    if isinstance(instance, bool):
        return "boolean"
    if isinstance(instance, float) and not instance.is_integer():
        return "decimal"
    names = {int: "integer", float: "number", str: "string", list: "array", dict: "object"}
    return next((name for kind, name in names.items() if isinstance(instance, kind)), "string")


# --- small helpers -----------------------------------------------------------------------------------------------


def _message(name: str, /, **params: object) -> Text:
    return MESSAGES.text(name, **params)


def _join(items: Sequence[str | Text], word: str) -> Text:
    """`a`, `a and b`, `a, b and c` in both languages."""
    parts = []
    for lang in ("en", "id"):
        texts = [item(lang) if isinstance(item, Text) else item for item in items]
        last = f" {MESSAGES(word, lang)} ".join(texts[-2:])
        parts.append(", ".join([*texts[:-2], last]))
    return Text(parts[0], parts[1])


def _unknown(error: ValidationError) -> list[str]:
    """The keys an additionalProperties error is about; never `<<`, which the loader reports already (YML005)."""
    schema = _as_dict(error.schema)
    allowed = schema.get("properties", {})
    patterns = list(schema.get("patternProperties", {}))
    return [
        key
        for key in _as_dict(error.instance)
        if key not in allowed and key != MERGE_KEY and not any(re.search(p, str(key)) for p in patterns)
    ]


def _suggestion(key: str, allowed: list[str]) -> str | None:
    """The allowed key that an unknown key most likely misspells, if any is close enough."""
    import difflib

    close = difflib.get_close_matches(str(key).lower(), allowed, n=1, cutoff=0.6)
    return close[0] if close else None


def _supplied(instance: object) -> set[str]:
    """A mapping's keys, with those a merge key (`<<: *defaults`) meant to bring in: missing them is no news."""
    mapping = _as_dict(instance)
    merged = mapping.get(MERGE_KEY)
    sources = merged if isinstance(merged, list) else [merged]
    return set(mapping).union(*(_as_dict(source) for source in sources))


def _alternatives(schema: object) -> list[list[str]]:
    """For a oneOf whose branches each require keys (amount | formula), those key lists; else empty."""
    branches = _as_dict(schema).get("oneOf", [])
    keys = [_as_dict(branch).get("required") for branch in branches]
    if not keys or not all(isinstance(k, list) for k in keys):
        return []
    return [[str(key) for key in _as_list(k)] for k in keys]


def _value_finding(rule: str, error: ValidationError, source: SourceMap, message: Text) -> Finding:
    pointer = _pointer(error.absolute_path)
    return _finding(rule, pointer, source.value(pointer), message)


def _finding(rule: str, pointer: str, at: Location, message: Text) -> Finding:
    return Finding(rule=rule, severity=Severity.ERROR, message=message, pointer=pointer, line=at.line, column=at.column)


def _pointer(path: Iterable[str | int]) -> str:
    pointer = ""
    for token in path:
        pointer = join_pointer(pointer, token)
    return pointer


def _show(value: object) -> str:
    """A value as the author wrote it: `true`, `3`, `1.5`, `text`."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    text = str(value)
    return text if len(text) <= 300 else text[:299] + "…"  # a 2 MiB value is not quoted whole (rules: QUOTE_LIMIT)


def _as_dict(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _as_list(value: object) -> list[Any]:
    return list(value) if isinstance(value, list | tuple) else []
