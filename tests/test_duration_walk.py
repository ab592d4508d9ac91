"""SCH010's walk skips the values under which the schema holds no duration, and still finds every duration."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from svcstd.model import LoadedDocument
from svcstd.validation import validate as validation
from tests.test_native_validation import DOCUMENTS, documents

Found = list[tuple[tuple[str | int, ...], dict[str, Any]]]


def _every_value(instance: object, schema: dict[str, Any], path: tuple[str | int, ...]) -> Iterator[Any]:
    """The walk as it was before the pruning: down every value the schema names (the reference)."""
    if isinstance(instance, dict) and "then" in schema:
        schema = schema["then"]
    if schema.get("$ref") == validation.DURATION_REF:
        if isinstance(instance, dict):
            yield path, instance
        return
    properties, items = validation._steps_down(schema)
    if isinstance(instance, dict):
        for key, child in instance.items():
            sub = items if isinstance(key, int) else properties.get(key)
            if isinstance(sub, dict) and isinstance(child, dict | list):
                yield from _every_value(child, sub, (*path, key))
    elif isinstance(instance, list) and items is not None:
        for index, child in enumerate(instance):
            if isinstance(child, dict | list):
                yield from _every_value(child, items, (*path, index))


def _walks(data: object) -> tuple[Found, Found]:
    """Both walks' durations, each once, by place (the plan walks a mapping's few keys in the schema's order)."""
    schema = validation._schema()
    pruned, reference = list(validation._durations(data, schema, ())), list(_every_value(data, schema, ()))
    assert len({path for path, _ in pruned}) == len(pruned)
    return sorted(pruned, key=_place), sorted(reference, key=_place)


def _place(found: tuple[tuple[str | int, ...], dict[str, Any]]) -> str:
    return repr(found[0])


def test_the_walk_is_pruned() -> None:
    """Otherwise the property below would compare the old walk with itself."""
    kept, _ = validation._steps_toward_durations(validation._schema())
    everything, _ = validation._steps_down(validation._schema())
    assert "delivery" in kept
    assert len(kept) < len(everything)


@pytest.mark.parametrize("doc", DOCUMENTS, ids=lambda doc: f"{doc.path}#{doc.index}")
def test_every_duration_of_the_examples_and_real_standards_is_found(doc: LoadedDocument) -> None:
    pruned, reference = _walks(doc.data)
    assert pruned == reference


def test_the_examples_have_durations() -> None:
    assert sum(len(_walks(doc.data)[0]) for doc in DOCUMENTS) > 10


@settings(max_examples=300, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_every_duration_of_mutated_documents_is_found(doc: LoadedDocument) -> None:
    pruned, reference = _walks(doc.data)
    assert pruned == reference
