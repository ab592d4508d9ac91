"""`citation_of` remembers an item's citation by its typed fields: the same answer as reading the item afresh."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from svcstd.standard import legal
from tests.test_native_validation import DOCUMENTS

ITEMS = [
    item
    for doc in DOCUMENTS
    if isinstance(doc.data, dict)
    for item in (doc.data.get("manufacturing") or {}).get("legal_basis", [])
    if isinstance(item, dict)
]
VALUES = st.one_of(
    st.sampled_from(["UU", "Undang-Undang", "Perda", "PP", "Permen", "Peraturan", "Keputusan", "25", "5/2014"]),
    st.sampled_from(["2009", "2009.0", " 2014 ", "UU 25/2009", "Nomor 8 Tahun 2019 tentang X", ""]),
    st.sampled_from([2009, 2009.0, 2014, True, False, None, 25, 0]),
    st.lists(st.integers(), max_size=2),
)


@st.composite
def items(draw: Any) -> dict[str, Any]:
    item = dict(draw(st.sampled_from(ITEMS)))
    for _ in range(draw(st.integers(0, 3))):
        name = draw(st.sampled_from(legal._CITATION_FIELDS))
        if draw(st.booleans()):
            item[name] = draw(VALUES)
        else:
            item.pop(name, None)
    return item


def test_there_are_structured_items() -> None:
    assert len(ITEMS) > 20


def test_the_examples_items_cite_as_read_afresh() -> None:
    for item in ITEMS:
        assert legal.citation_of(item) == legal._item_citation(item)


@given(items())
@settings(max_examples=400, derandomize=True, deadline=None, suppress_health_check=list(HealthCheck))
def test_changed_items_cite_as_read_afresh(item: dict[str, Any]) -> None:
    assert legal.citation_of(item) == legal._item_citation(item)
    assert legal.citation_of(dict(item)) == legal._item_citation(item)  # asked again: remembered


def test_equal_values_of_other_types_are_told_apart() -> None:
    as_int = legal.citation_of({"type": "UU", "number": "25", "year": 2009})
    as_float = legal.citation_of({"type": "UU", "number": "25", "year": 2009.0})
    assert as_int == legal._item_citation({"type": "UU", "number": "25", "year": 2009})
    assert as_float == legal._item_citation({"type": "UU", "number": "25", "year": 2009.0})
