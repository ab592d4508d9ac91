"""Results pickle by their slots (workers, the spill): every field comes back, of the same type, and nothing else."""

from __future__ import annotations

import copy
import pickle
from dataclasses import dataclass, fields, replace
from pathlib import Path

import pytest

from svcstd import model
from svcstd.api import pipeline
from svcstd.config.settings import Settings
from svcstd.judge import judge
from svcstd.model import (
    DocumentMeta,
    DocumentResult,
    Finding,
    Grade,
    Origin,
    Principle,
    PrincipleResult,
    Severity,
    Text,
    Waiver,
)
from svcstd.reading.loader import load_bytes

ROOT = Path(__file__).resolve().parents[1]
WAIVER = Waiver("SIM001", "a reason", "Kepala Dinas", "2030-01-01")
FINDING = Finding(
    "SIM001",
    Severity.WARNING,
    Text("en", "id"),
    "/a/0",
    3,
    4,
    Principle.SIMPLICITY,
    WAIVER,
    "/a/[name=x]",
    Origin(page=2, cell="B3"),
    "shared.yaml",
)
RESULT = DocumentResult(
    "a.yaml",
    1,
    "kota-x/a",
    "A",
    True,
    (FINDING, replace(FINDING, waiver=None, anchor=None, origin=None, file=None)),
    81.5,
    Grade("b", Text("Good", "Baik")),
    (PrincipleResult(Principle.FAIRNESS, 50.0, ("FAI001",), ("FAI002",), ("FAI003",), ("FAI004",), 75.0),),
    True,
    DocumentMeta("Dinas", "Unit", "adopted", "1", "2026-01-01", "2027-01-01", (WAIVER,)),
    90.0,
)


def _deep_fields(value: object) -> object:
    """Every field down the tree with its type: equality alone would let an int stand for a float."""
    if isinstance(value, tuple) and not hasattr(value, "__dataclass_fields__"):
        return (type(value), tuple(_deep_fields(item) for item in value))
    if hasattr(value, "__dataclass_fields__"):
        return (type(value), tuple((f.name, _deep_fields(getattr(value, f.name))) for f in fields(value)))  # type: ignore[arg-type]
    return (type(value), value)


@pytest.mark.parametrize("value", [FINDING, RESULT, RESULT.principles[0], RESULT.meta, DocumentMeta()])
def test_every_field_comes_back(value: object) -> None:
    for protocol in range(2, pickle.HIGHEST_PROTOCOL + 1):
        back = pickle.loads(pickle.dumps(value, protocol=protocol))
        assert back == value
        assert _deep_fields(back) == _deep_fields(value)
    assert copy.copy(value) == value and copy.deepcopy(value) == value


def test_judged_documents_come_back_whole() -> None:
    run = pipeline(Settings())
    paths = sorted([*ROOT.glob("examples/**/*.yaml"), *ROOT.glob("tests/fixtures/real/*.yaml")])
    results = [judge(doc, run) for path in paths for doc in load_bytes(path.read_bytes(), path.name)]
    assert len(results) > 10 and sum(len(result.findings) for result in results) > 100
    for result in results:
        back = pickle.loads(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
        assert repr(back) == repr(result)
        assert _deep_fields(back) == _deep_fields(result)


def test_the_slots_reducer_is_the_one_used() -> None:
    """Not dataclasses' `__getstate__`, which looks the fields up on every object."""
    assert FINDING.__reduce_ex__(pickle.HIGHEST_PROTOCOL)[0] is model._from_slots
    assert RESULT.__reduce_ex__(pickle.HIGHEST_PROTOCOL)[0] is model._from_slots


@dataclass(frozen=True, slots=True)
class _One(model._PicklesBySlots):
    only: int


def test_a_class_of_one_field_pickles_too() -> None:
    assert pickle.loads(pickle.dumps(_One(5))) == _One(5)
