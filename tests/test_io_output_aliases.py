"""aliases after issue 17's seventh part: each distinct string's spelling looked up once (`_Respelt`) and the
tables under a mapping's keys asked for once per mapping (`_tables_under`); the walk gives what it gave."""

from __future__ import annotations

from typing import Any

import pytest

from svcstd.standard import aliases
from tests.test_alias_walk import _reference, _same

SPELLINGS = ("hari_kerja", "Hari Kerja", " HARI-KERJA ", "hari kerja\t", "working_days", "Hari", "jam", "x")


def _document(unit: str, other: str) -> dict[str, Any]:
    """A value at every kind of place: root only, two and three keys long, in lists, at other depths."""
    return {
        "svcstd": "1.1",
        "kind": other,
        "status": other,
        "nested": {"kind": other, "status": other},
        "service_hours": [{"days": [other, "mon", other.title()]}],
        "publication": {"channels": [{"type": other}], "formats": [other, "braille", other.upper()]},
        "complaints": {"channels": [{"type": other}], "times": [{"kind": other, "unit": unit}]},
        "procedure": {"steps": [{"duration": {"unit": unit, "min": 1}, "channel": other}], "channels": [other]},
        "deep": {"a": {"b": {"completion_time": {"unit": unit}, "frequency": other}}},
        "facilities": [{"condition": other, "serves": [other]}],
        "participants": [{"group": other}],
        "special_services": [{"group": other}],
        "requirements": [{"form": other}],
        1: other,
    }


@pytest.mark.parametrize("limit", [2, aliases._Respelt.LIMIT])
def test_each_spelling_at_each_place_as_before(limit: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Spellings met before, after and between others, with the table kept small enough to be emptied.
    Proven by breaking the tail of keys (`keys[-1:]`: the three-key places) and by keeping one table of
    spellings for every vocabulary."""
    monkeypatch.setattr(aliases._Respelt, "LIMIT", limit)
    others = (*SPELLINGS, "telepon", "Surel", "situs web", "lainnya", "rancangan", "standar", "Baik", "asli", "daring")
    for _ in range(2):
        for unit in SPELLINGS:
            for other in others:
                data = _document(unit, other)
                assert _same(aliases.normalise(data), _reference(data)), (unit, other)


def test_a_document_without_aliases_is_returned_itself() -> None:
    data = _document("working_days", "x")
    assert aliases.normalise(data) is data
    assert aliases.normalise(_document("hari_kerja", "x")) is not data
