"""Format 1.1 aliases: the copy-on-write walk gives exactly what the walk that rebuilt every node gave."""

from __future__ import annotations

import copy
import math
from collections import OrderedDict
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from svcstd.model import LoadedDocument
from svcstd.standard import aliases
from tests.test_native_validation import DOCUMENTS


def _reference(data: object) -> object:
    """`normalise` as it was: every mapping and list rebuilt, every string looked up at its path."""
    if not isinstance(data, dict) or data.get("svcstd", "1.0") == "1.0":
        return data
    return aliases._one_as_list(_walk(data, ()))


def _walk(node: object, keys: tuple[str, ...]) -> object:
    if isinstance(node, dict):
        return {key: _walk(value, (*keys, key) if isinstance(key, str) else keys) for key, value in node.items()}
    if isinstance(node, list):
        return [_walk(item, keys) for item in node]
    if isinstance(node, str):
        table = aliases._table(keys)
        return table.get(aliases._spelling(node), node) if table else node
    return node


def _same(a: object, b: object) -> bool:
    """Equal, with the same types and key order all the way down."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[key], b[key]) for key in a)  # type: ignore[index]
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))  # type: ignore[arg-type]
    return a == b or (isinstance(a, float) and math.isnan(a) and math.isnan(b))  # type: ignore[arg-type]


ALIASES = [alias for _, table in aliases.VOCABULARIES.values() for alias in table]
SPELLINGS = [*ALIASES, "Hari Kerja", " hari-kerja ", "SENIN", "lainnya", "days", "x"]
KEYS = [last for pattern, _ in aliases._PLACES for last in pattern] + ["name", "when", "note"]


@st.composite
def mutated(draw: Any) -> dict[str, Any]:
    """A 1.1 document with alias spellings put at random places, some under the keys where they count."""
    doc: LoadedDocument = draw(st.sampled_from([d for d in DOCUMENTS if isinstance(d.data, dict)]))
    data = copy.deepcopy(doc.data)
    data["svcstd"] = "1.1"
    for _ in range(draw(st.integers(1, 8))):
        node: Any = data
        for _ in range(draw(st.integers(0, 4))):
            pairs = node.items() if isinstance(node, dict) else enumerate(node)
            children = [key for key, value in pairs if isinstance(value, dict | list)]
            if not children:
                break
            node = node[draw(st.sampled_from(children))]
        value = draw(
            st.one_of(
                st.sampled_from(SPELLINGS),
                st.lists(st.sampled_from(SPELLINGS), max_size=3),
                st.integers(),
                st.none(),
            )
        )
        if isinstance(node, dict) and draw(st.booleans()):  # under a place's keys, where it counts
            pattern = draw(st.sampled_from([pattern for pattern, _ in aliases._PLACES]))
            for key in pattern[:-1]:
                node = node.setdefault(key, {}) if isinstance(node.get(key, {}), dict) else node
            node[pattern[-1]] = value
        elif isinstance(node, dict):
            node[draw(st.sampled_from(KEYS))] = value
        elif node:
            node[draw(st.integers(0, len(node) - 1))] = value
    return data  # type: ignore[no-any-return]


@pytest.mark.parametrize("doc", DOCUMENTS, ids=lambda doc: f"{doc.path}#{doc.index}")
def test_the_examples_and_real_standards_normalise_as_before(doc: LoadedDocument) -> None:
    for data in (doc.data, {**doc.data, "svcstd": "1.1"}):  # type: ignore[dict-item]
        assert _same(aliases.normalise(data), _reference(data))


@given(mutated())
@settings(max_examples=300, derandomize=True, deadline=None, suppress_health_check=list(HealthCheck))
def test_mutated_documents_normalise_as_before(data: dict[str, Any]) -> None:
    before = copy.deepcopy(data)
    result = aliases.normalise(data)
    assert _same(result, _reference(data))

    assert _same(data, before)  # the document read is never changed


def test_the_mutations_put_aliases_where_they_count() -> None:
    """Otherwise the property above would compare documents that no alias changes."""
    changed: list[bool] = []

    @given(mutated())
    @settings(max_examples=100, derandomize=True, deadline=None, suppress_health_check=list(HealthCheck))
    def count(data: dict[str, Any]) -> None:
        changed.append(not _same(aliases.normalise(data), data))

    count()
    assert sum(changed) > 10, sum(changed)


def test_aliases_are_replaced_and_the_rest_is_shared() -> None:
    staff = {"role": "petugas"}
    data = {
        "svcstd": "1.1",
        "delivery": {"duration": {"unit": "Hari Kerja", "max": 3}, "notes": ["hari"]},
        "other": {"unit": "hari", "kept": [1, 2]},
        "manufacturing": {"staff_count": staff},
    }
    result: Any = aliases.normalise(data)
    assert result["delivery"]["duration"]["unit"] == "working_days"
    assert result["other"]["unit"] == "hari"  # `unit` counts under a duration's key only
    assert _same(result, _reference(data))
    assert result["delivery"]["notes"] is data["delivery"]["notes"]  # nothing in it changed: not copied
    assert result["other"]["kept"] is data["other"]["kept"]
    assert data["delivery"]["duration"]["unit"] == "Hari Kerja"  # the document read is left as it was
    assert result["manufacturing"]["staff_count"] == [staff]


def test_other_mappings_and_key_types_are_rebuilt_as_before() -> None:
    data = {
        "svcstd": "1.1",
        "service_hours": OrderedDict([("days", ["senin", "Selasa"]), (1, "hari")]),
        2: {"unit": "jam"},
        "status": "Rancangan",
        "x": {"status": "rancangan"},  # `status` counts at the root only
    }
    result: Any = aliases.normalise(data)
    assert type(result["service_hours"]) is dict
    assert result["service_hours"]["days"] == ["mon", "tue"]
    assert result["status"] == "draft"
    assert result["x"]["status"] == "rancangan"
    assert _same(result, _reference(data))
