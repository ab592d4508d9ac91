"""Judging's per-document bookkeeping made cheaper (issue 17, seventh part) gives exactly what it gave before.

Each shortcut is held against the plain code it replaced: findings and documents made by their slots against
the dataclasses' constructors and `dataclasses.replace`, the sorted and anchored findings against `sorted` with
`Finding.sort_key` and the full anchor test, remembered scores against `scored`, the gate's remembered
severities and the grade's sorted scale against computing them per call.
"""

from __future__ import annotations

import dataclasses
import pickle
import random
from datetime import date

import pytest

from svcstd import judge as judge_module
from svcstd.config.settings import Settings
from svcstd.fingerprints import stable_pointer
from svcstd.judge import Pipeline, _scores, _sorted, _with_anchor, judge, normalised
from svcstd.model import (
    Finding,
    LoadedDocument,
    Location,
    Origin,
    Principle,
    PrincipleResult,
    Severity,
    Text,
    Waiver,
    make_finding,
    slot_constructor,
)
from svcstd.reading.loader import load_bytes
from svcstd.rules import BUILTIN_RULES
from svcstd.scoring import gate
from svcstd.scoring.engine import _plan
from svcstd.scoring.gate import passes_gate
from svcstd.scoring.grades import OMBUDSMAN, SKM, Band, grade_for
from svcstd.scoring.scores import Outcome, Status, scored
from tests.conftest import ROOT

AS_OF = date(2026, 11, 27)
WAIVER = Waiver("SIM001", "reason", "Kepala", "2027-01-01")
FULL = Finding(
    "SIM001", Severity.WARNING, Text("m", "p"), "/a/0", 3, 4, Principle.SIMPLICITY, WAIVER, "/a/x", Origin(page=2), "f"
)


def test_a_finding_made_by_its_slots_is_the_finding_the_constructor_makes() -> None:
    plain = Finding("X", Severity.ERROR, Text("a", "b"), "/p", 1, 2)
    made = make_finding("X", Severity.ERROR, Text("a", "b"), "/p", 1, 2, None, None, None, None, None)
    assert made == plain and hash(made) == hash(plain) and repr(made) == repr(plain)
    values = [getattr(FULL, field.name) for field in dataclasses.fields(Finding)]
    full = make_finding(*values)
    assert full == FULL and repr(full) == repr(FULL)
    assert pickle.loads(pickle.dumps(full)) == FULL
    with pytest.raises(dataclasses.FrozenInstanceError):
        full.line = 9  # type: ignore[misc]
    with pytest.raises(TypeError):  # every field must be given: a new field cannot be left out unnoticed
        make_finding("X", Severity.ERROR, Text("a", "b"), "/p", 1, 2)


@pytest.mark.parametrize("cls", [Finding, LoadedDocument, PrincipleResult])
def test_the_slot_constructor_takes_the_fields_in_their_order(cls: type) -> None:
    assert tuple(cls.__slots__) == tuple(field.name for field in dataclasses.fields(cls))
    values = [object() for _ in cls.__slots__]
    made = slot_constructor(cls)(*values)
    assert [getattr(made, name) for name in cls.__slots__] == values


def test_a_finding_with_an_anchor_is_what_replace_makes() -> None:
    for finding in (FULL, Finding("X", Severity.INFO, Text("a", "b"), "/p/1", 1, 2)):
        made = _with_anchor(finding, "/p/name")
        expected = dataclasses.replace(finding, anchor="/p/name")
        assert made == expected and repr(made) == repr(expected)


def test_a_normalised_document_is_what_replace_made() -> None:
    for path in sorted((ROOT / "examples").glob("*.yaml"))[:3]:
        for doc in load_bytes(path.read_bytes(), path.name):
            made = normalised(doc)
            expected = dataclasses.replace(doc, data=made.data)
            assert made == expected and repr(made) == repr(expected)
            assert made.source is doc.source and made.findings is doc.findings


DATA = {
    "fees": [{"name": "Retribusi", "amount": 1}, {"amount": 2}],
    "steps": [{"title": "t"}, {"title": "u"}],
    "²": ["superscript"],
    "plain": {"key": 1},
}
POINTERS = ["", "/", "/fees/0/amount", "/fees/1", "/steps/1/title", "/plain/key", "/plain", "/steps/0", "/²"]


def _sorted_before(findings: list[Finding], data: dict[str, object]) -> tuple[Finding, ...]:
    """`judge._sorted` as it was: every finding's pointer tested, replaced by `dataclasses.replace`."""

    def anchored(finding: Finding) -> Finding:
        pointer = finding.pointer
        if not pointer or not any(map(str.isdigit, pointer.split("/"))):
            return finding
        anchor = stable_pointer(pointer, data)
        return dataclasses.replace(finding, anchor=anchor) if anchor != pointer else finding

    return tuple(sorted((anchored(f) for f in findings), key=lambda f: f.sort_key))


def test_sorted_findings_are_those_of_the_plain_sort(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(7)
    for limit in (3, 4096):  # the memo of index tests emptied often, and kept
        monkeypatch.setattr(judge_module, "_INDEXED", {})
        monkeypatch.setattr(judge_module, "_INDEXED_LIMIT", limit)
        for _ in range(400):
            findings = [
                Finding(
                    rng.choice(["SIM001", "TRA002", "ACC010", "SCH001"]),
                    rng.choice(list(Severity)),
                    Text("m", "p"),
                    rng.choice(POINTERS),
                    rng.randint(1, 4),
                    rng.randint(1, 3),
                )
                for _ in range(rng.randint(0, 12))
            ]
            expected = _sorted_before(findings, DATA)
            got = _sorted(findings, DATA)
            assert got == expected and [f.anchor for f in got] == [f.anchor for f in expected]
            assert all(a is b for a, b in zip(got, expected, strict=True) if b in findings)  # unchanged: itself
        assert len(judge_module._INDEXED) <= max(limit, 1)


def _outcomes(rng: random.Random) -> tuple[Outcome, ...]:
    plan = _plan(BUILTIN_RULES, Settings(), AS_OF)
    chosen = []
    for each in plan:
        kind = rng.random()
        if kind < 0.5:
            chosen.append(each.skipped)
        elif kind < 0.75:
            chosen.append(each.passed)
        elif kind < 0.8:
            chosen.append(each.waived)
        else:
            credit = rng.choice([0.0, 0.25, 0.5, 1 / 3])
            chosen.append(Outcome(each.id, each.principle, each.weight, Status.FAILED, credit, each.rule.binding))
    return tuple(chosen)


def test_remembered_scores_are_the_scores(monkeypatch: pytest.MonkeyPatch) -> None:
    """A few outcome sets repeated, under several weights: the memo answers each as `scored` does."""
    rng = random.Random(17)
    sets = [_outcomes(rng) for _ in range(40)]
    weightings = [{}, {Principle.SIMPLICITY: 2.0}, {Principle.SIMPLICITY: 2}, {Principle.ACCOUNTABILITY: 0.5}]
    for limit in (5, 256):
        monkeypatch.setattr(judge_module, "_SCORED", {})
        monkeypatch.setattr(judge_module, "_SCORES_LIMIT", limit)
        for _ in range(600):
            outcomes, weights = rng.choice(sets), rng.choice(weightings)
            got = _scores(outcomes, weights)
            expected = scored(outcomes, weights)
            assert got == expected and repr(got) == repr(expected)
        assert len(judge_module._SCORED) <= limit


def test_judging_the_examples_twice_gives_the_same_results() -> None:
    """The second time every score is remembered (and every plan, anchor test and gate set): nothing differs."""
    pipeline = Pipeline(Settings(verbose=True), BUILTIN_RULES, AS_OF)
    docs = [doc for path in sorted((ROOT / "examples").glob("*.yaml")) for doc in load_bytes(path.read_bytes(), "x")]
    judge_module._SCORED.clear()
    first = [repr(judge(doc, pipeline)) for doc in docs]
    assert [repr(judge(doc, pipeline)) for doc in docs] == first


def _passes_before(findings: list[Finding], settings: Settings) -> bool:
    failing = {severity for severity in Severity if settings.fails_gate(severity)}
    return not any(f.waiver is None and (f.severity in failing or f.rule[:3] == "GAT") for f in findings)


def test_the_gate_remembers_its_severities_by_fail_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(gate, "_FAILING", {})
    rng = random.Random(3)
    for _ in range(300):
        settings = Settings(fail_on=rng.choice(["error", "warning", "info", "never"]))
        findings = [
            Finding(rng.choice(["SIM001", "GAT001"]), rng.choice(list(Severity)), Text("m", "p"), "", 1, 1)
            for _ in range(rng.randint(0, 3))
        ]
        assert passes_gate(findings, settings) is _passes_before(findings, settings)


def _grade_before(score: float, scale: tuple[Band, ...] | list[Band]) -> object:
    rounded = round(score, 2)
    for band in sorted(scale, key=lambda b: b.min, reverse=True):
        if rounded >= band.min:
            return (band.key, band.label)
    lowest = min(scale, key=lambda b: b.min)
    return (lowest.key, lowest.label)


def test_a_grade_is_that_of_the_scale_given() -> None:
    """The run's scale is sorted once; another scale, or a list changed in place, is sorted afresh."""
    scores = [0.0, 50.99, 51.0, 64.999, 65.0, 80.996, 81.0, 88.31, 100.0]
    for scale in (OMBUDSMAN, SKM, OMBUDSMAN):
        for score in scores:
            assert tuple(grade_for(score, scale)) == _grade_before(score, scale)
    bands = [Band("b", 50.0, Text("b", "b")), Band("a", 0.0, Text("a", "a"))]
    assert grade_for(60.0, bands).key == "b"
    bands[0] = Band("c", 70.0, Text("c", "c"))  # the same list, changed
    assert grade_for(60.0, bands).key == "a" == _grade_before(60.0, bands)[0]


def test_locations_unpack_as_line_and_column() -> None:
    """The engine unpacks a source position as (line, column)."""
    assert Location._fields == ("line", "column")


def test_hits_unpack_as_the_engine_reads_them() -> None:
    """The engine unpacks a hit as (pointer, params, at_key, items, each)."""
    from svcstd.rules.base import Hit

    assert Hit._fields == ("pointer", "params", "at_key", "items", "each")


def test_the_plan_keeps_a_failure_outcome_for_ungraded_rules_only() -> None:
    for each in _plan(BUILTIN_RULES, Settings(), AS_OF):
        if each.rule.items is None:
            assert each.failed == Outcome(each.id, each.principle, each.weight, Status.FAILED, 0.0, each.rule.binding)
        else:
            assert each.failed is None
        assert (each.check, each.id, each.principle) == (each.rule.check, each.rule.id, each.rule.principle)
