"""What validation builds once per process costs less, and answers the same.

Each top-level property's native validator is built with only the `$defs` it refers to, and the schema is
rewritten for jsonschema-rs without a deep copy. tests/test_native_validation.py compares whole findings
with and without the native path; these compare the parts.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from svcstd.reading.loader import load_bytes
from svcstd.validation import native
from svcstd.validation import validate as validation

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted([*ROOT.glob("examples/**/*.yaml"), *ROOT.glob("tests/fixtures/real/*.yaml")])
DATA = [doc.data for path in SOURCES for doc in load_bytes(path.read_bytes(), path.name) if isinstance(doc.data, dict)]
VERSIONS = ("1.0", "1.1")


def _full_part(version: str, name: str) -> native.Accepts | None:
    """The property's validator as it was built before: with every definition."""
    schema: dict[str, Any] = validation._validator(version).schema  # type: ignore[assignment]
    part = {"$defs": schema["$defs"], **schema["properties"][name]}
    return native.validator(part, dict(validation._FORMAT_CHECKS), validation._end_anchored)


def _odd_values(value: object) -> list[object]:
    """The value, and a few changed copies of it that a schema may reject deep down."""
    found: list[object] = [value, None, "", 0, -1, 1.5, [], {}, "x\n"]
    if isinstance(value, dict):
        for key in list(value)[:6]:
            for odd in (None, "", -3, [], {"unit": "days", "min": "x"}):
                changed = copy.deepcopy(value)
                changed[key] = odd
                found.append(changed)
    if isinstance(value, list) and value:
        for odd in (None, {}, {"name": 5}, "x"):
            found.append([*copy.deepcopy(value), odd])
    return found


@pytest.mark.parametrize("version", VERSIONS)
def test_each_property_answers_as_with_every_definition(version: str) -> None:
    schema: dict[str, Any] = validation._validator(version).schema  # type: ignore[assignment]
    compared = 0
    for name in schema["properties"]:
        pruned, full = validation._native_property(version, name), _full_part(version, name)
        assert pruned is not None and full is not None, name
        for data in DATA:
            if name in data:
                for value in _odd_values(data[name]):
                    assert pruned(value) == full(value), (name, value)
                    compared += 1
    assert compared > 1000


@pytest.mark.parametrize("version", VERSIONS)
def test_a_property_keeps_the_definitions_it_reaches(version: str) -> None:
    schema: dict[str, Any] = validation._validator(version).schema  # type: ignore[assignment]
    defs = schema["$defs"]
    delivery = validation._defs_used(schema["properties"]["delivery"], defs)
    assert {"duration", "step", "channel"} <= set(delivery) < set(defs)  # `source` only in 1.1 (`x-source`)
    assert list(delivery) == [name for name in defs if name in delivery]  # in the schema's order
    assert validation._defs_used(schema["properties"]["id"], defs) == {}
    text = json.dumps(schema["properties"]["delivery"])
    for name in delivery:  # reached directly, or through another definition
        assert f"#/$defs/{name}" in text or any(f"#/$defs/{name}" in json.dumps(defs[other]) for other in delivery)


def test_definitions_through_one_another_and_other_references() -> None:
    defs = {"a": {"$ref": "#/$defs/b"}, "b": {"type": "string"}, "c": {"type": "integer"}, "d": {}}
    assert validation._defs_used({"items": {"$ref": "#/$defs/a"}}, defs) == {"a": defs["a"], "b": defs["b"]}
    assert validation._defs_used({"$ref": "#/$defs/d"}, defs) == {"d": {}}
    cycle = {"a": {"items": {"$ref": "#/$defs/a"}}, "b": {}}
    assert validation._defs_used({"$ref": "#/$defs/a"}, cycle) == {"a": cycle["a"]}
    for other in (
        {"$ref": "#/definitions/a"},
        {"$ref": "other.json#/$defs/a"},
        {"$ref": "#/$defs/missing"},
        {"$ref": "#/$defs/a~1b"},
        {"properties": {"x": {"$dynamicRef": "#a"}}},
        {"$id": "https://example.org/x"},
        {"anyOf": [{"$anchor": "here"}]},
    ):
        assert validation._defs_used(other, defs) is defs, other  # every definition: never one too few


def test_the_native_rewrite_leaves_the_schema_as_it_was() -> None:
    """No deep copy any more: the rewrite copies what it changes, and shares the rest."""
    for version in VERSIONS:
        schema = validation._schema_for(version)
        before = copy.deepcopy(schema)
        assert native.validator(schema, dict(validation._FORMAT_CHECKS), validation._end_anchored) is not None
        assert schema == before
    patterned = {"properties": {"a": {"pattern": "^x$", "allOf": [{"type": "string"}]}}, "pattern": "y"}
    kept = copy.deepcopy(patterned)
    patterns: dict[str, native.FormatCheck] = {}
    rewritten = native._patterns_as_formats(patterned, patterns, validation._end_anchored)
    assert patterned == kept
    assert rewritten["properties"]["a"] == {"allOf": [{"type": "string"}, {"format": "svcstd-pattern-0"}]}
    assert rewritten["allOf"] == [{"format": "svcstd-pattern-1"}] and "pattern" not in rewritten
    assert patterns["svcstd-pattern-0"]("x") and not patterns["svcstd-pattern-0"]("x\n")
