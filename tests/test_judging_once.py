"""Judging shares its work (a plan per run, one derivation per document) and still finds exactly the same.

`reference_evaluate` is the engine as it was before it planned the run once and shared derivations between
rules (issue 17): a context per rule per document, every message filled per hit, every rule deriving its own
lists. The engine must give the same findings (ids, order, messages, pointers, positions, waivers) and
outcomes on the examples and the real fixtures, with waivers, in verbose mode and with adjusted rules.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from svcstd.config.settings import RuleSettings, Settings
from svcstd.judge import Pipeline, judge, normalised
from svcstd.model import Finding, LoadedDocument, Severity
from svcstd.reading.loader import load_bytes, load_text
from svcstd.rules import BUILTIN_RULES
from svcstd.rules.base import Rule, RuleContext
from svcstd.rules.facts import judging, shared
from svcstd.scoring import engine
from svcstd.scoring.engine import Evaluation, evaluate, read_waivers, stamp
from svcstd.scoring.scores import Outcome, Status
from svcstd.validation.validate import validate
from tests.conftest import ROOT

AS_OF = date(2026, 11, 27)
FILES = sorted((ROOT / "examples").glob("*.yaml")) + sorted((ROOT / "tests" / "fixtures" / "real").glob("*.yaml"))


def reference_evaluate(doc: LoadedDocument, rules: Iterable[Rule], settings: Settings, as_of: date) -> Evaluation:
    """The engine before issue 17's third part, kept verbatim as the reference."""
    data: Mapping[str, Any] = doc.data  # type: ignore[assignment]
    rules = tuple(rules)
    live, waiver_findings, waivers = read_waivers(data, doc.source, {r.id for r in rules}, as_of)
    findings: list[Finding] = list(waiver_findings)
    outcomes: list[Outcome] = []
    for rule in rules:
        if not settings.is_selected(rule.id):
            continue
        adjusted = settings.rules.get(rule.id, RuleSettings())
        context = RuleContext({**rule.options, **adjusted.options}, as_of)
        weight = adjusted.weight if adjusted.weight is not None else rule.weight
        if rule.applies is not None and not rule.applies(data, context):
            outcomes.append(Outcome(rule.id, rule.principle, weight, Status.NOT_APPLICABLE, binding=rule.binding))
            continue
        hits = list(rule.check(data, context))
        waiver = live.get(rule.id)
        severity = adjusted.severity or rule.severity
        shown = [item for hit in hits for item in (hit.each or (hit,))] if settings.verbose else hits
        findings.extend(stamp(rule, hit, doc.source, severity, waiver) for hit in shown)
        status = Status.WAIVED if waiver else Status.FAILED if hits else Status.PASSED
        credit = rule.credit(data, context, hits) if status is Status.FAILED else 0.0
        outcomes.append(Outcome(rule.id, rule.principle, weight, status, credit, rule.binding))
    return Evaluation(tuple(findings), tuple(outcomes), waivers)


def _waiver(rule: str, until: str) -> dict[str, str]:
    return {"rule": rule, "reason": "Diatur Peraturan Menteri", "approved_by": "Kepala Dinas", "until": until}


def documents() -> Iterator[LoadedDocument]:
    """Every valid document of the examples and real fixtures, and each example again with waivers."""
    for path in FILES:
        for doc in load_bytes(path.read_bytes(), path.name):
            if isinstance(doc.data, dict) and not any(f.severity is Severity.ERROR for f in validate(doc)):
                yield normalised(doc)
    for path in sorted((ROOT / "examples").glob("*.yaml")):
        data = dict(load_bytes(path.read_bytes(), path.name)[0].data)  # type: ignore[arg-type]  # YAML 1.2
        # live for a rule that fails and one that passes, expired, unknown, unwaivable
        data["waivers"] = [
            _waiver("SIM001", "2027-06-30"),
            _waiver("TRA090", "2027-06-30"),
            _waiver("ACC004", "2026-01-31"),
            _waiver("SIM999", "2027-06-30"),
            _waiver("SCH001", "2027-06-30"),
        ]
        yield normalised(load_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), path.name)[0])


SETTINGS = {
    "default": Settings(),
    "verbose": Settings(verbose=True),
    "adjusted": Settings(
        ignore=("SUS",),
        rules={
            "SIM001": RuleSettings(severity=Severity.ERROR, weight=7),
            "ACC008": RuleSettings(options=dict(next(r for r in BUILTIN_RULES if r.id == "ACC008").options)),
        },
    ),
    "selected": Settings(select=("ACC", "SIM00"), verbose=True),
}


@pytest.mark.parametrize("name", SETTINGS)
def test_the_engine_finds_what_the_reference_engine_found(name: str) -> None:
    settings = SETTINGS[name]
    judged = list(documents())
    assert len(judged) > 30
    for doc in judged:
        assert evaluate(doc, BUILTIN_RULES, settings, AS_OF) == reference_evaluate(doc, BUILTIN_RULES, settings, AS_OF)
        # a second document with the same plan, and a rules iterable that is not the planned tuple
        assert evaluate(doc, list(BUILTIN_RULES), settings, AS_OF) == evaluate(doc, BUILTIN_RULES, settings, AS_OF)


def test_sharing_derivations_changes_no_result(monkeypatch: pytest.MonkeyPatch) -> None:
    """Judging with every derivation made afresh by each rule gives the same results, scores included."""
    pipeline = Pipeline(Settings(verbose=True), BUILTIN_RULES, AS_OF)
    judged = list(documents())
    together = [judge(doc, pipeline) for doc in judged]
    monkeypatch.setattr(engine, "judging", lambda data: contextlib.nullcontext())
    assert [judge(doc, pipeline) for doc in judged] == together


def test_a_derivation_is_made_once_per_document_while_judging() -> None:
    calls: list[object] = []

    def derive(doc: Mapping[str, Any]) -> tuple[str, ...]:
        calls.append(doc)
        return tuple(doc)

    first, second = {"a": 1}, {"a": 1}
    with judging(first):
        assert shared(first, derive) == shared(first, derive) == ("a",)
        assert shared(second, derive) == ("a",)  # an equal document is not the one judged: derived afresh
    assert len(calls) == 2
    shared(first, derive)  # outside judging nothing is kept
    shared(first, derive)
    assert len(calls) == 4


def test_a_nested_judgement_keeps_the_outer_documents_derivations() -> None:
    counted: list[object] = []

    def derive(doc: Mapping[str, Any]) -> int:
        counted.append(doc)
        return len(counted)

    outer, inner = {"x": 1}, {"y": 2}
    with judging(outer):
        value = shared(outer, derive)
        with judging(inner):
            shared(inner, derive)
        assert shared(outer, derive) == value
    assert counted == [outer, inner]


def test_the_fixture_list_is_not_empty() -> None:
    assert all(isinstance(path, Path) for path in FILES) and len(FILES) > 20


def test_each_thread_keeps_its_own_documents_derivations() -> None:
    """A library caller judging in two threads: each thread's document is memoised in that thread only."""
    import threading

    calls: list[str] = []
    inside, leave = threading.Event(), threading.Event()

    def derive(doc: Mapping[str, Any]) -> str:
        calls.append(str(doc["name"]))
        return str(doc["name"])

    def other() -> None:
        mine = {"name": "other"}
        with judging(mine):
            shared(mine, derive)
            inside.set()
            leave.wait(10)
            assert shared(mine, derive) == "other"

    first = {"name": "first"}
    thread = threading.Thread(target=other)
    with judging(first):
        thread.start()
        inside.wait(10)
        assert shared(first, derive) == shared(first, derive) == "first"
        leave.set()
        thread.join(10)
    assert sorted(calls) == ["first", "other"]
