"""Waivers and gates as FORMAT.md and PRINCIPLES.md define them, on real YAML."""

from __future__ import annotations

from datetime import date
from typing import Any

import yaml

from svcstd.config.settings import Settings
from svcstd.judge import Pipeline, judge
from svcstd.model import DocumentResult, Principle
from svcstd.reading.loader import load_text
from svcstd.rules import BUILTIN_RULES
from tests.conftest import ROOT

AS_OF = date(2026, 11, 27)
WEAK = ROOT / "examples" / "dpmptsp-pbg.yaml"


def judged(waivers: list[dict[str, Any]] | None = None, settings: Settings | None = None) -> DocumentResult:
    data = yaml.safe_load(WEAK.read_text(encoding="utf-8"))
    if waivers is not None:
        data["waivers"] = waivers
    [doc] = load_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "pbg.yaml")
    return judge(doc, Pipeline(settings or Settings(), BUILTIN_RULES, AS_OF))


def waiver(rule: str, until: str = "2027-06-30") -> dict[str, Any]:
    return {"rule": rule, "reason": "Diatur Peraturan Menteri", "approved_by": "Kepala Dinas", "until": until}


def simplicity(result: DocumentResult) -> Any:
    return next(p for p in result.principles if p.principle is Principle.SIMPLICITY)


def test_live_waiver_takes_the_rule_out_of_the_score_and_marks_its_findings() -> None:
    before, after = judged(), judged([waiver("SIM001")])
    assert "SIM001" in simplicity(before).failed
    assert "SIM001" in simplicity(after).waived and "SIM001" not in simplicity(after).failed
    assert simplicity(after).quality is not None and simplicity(before).quality is not None
    assert simplicity(after).quality > simplicity(before).quality  # SIM001 is advice: it counts in quality (Mutu)
    waived = [f for f in after.findings if f.rule == "SIM001"]
    assert waived and all(f.waived and f.waiver and f.waiver.until == "2027-06-30" for f in waived)


def test_expired_waiver_is_reported_and_no_longer_applies() -> None:
    result = judged([waiver("SIM001", until="2026-01-31")])
    assert "SIM001" in simplicity(result).failed
    [expired] = [f for f in result.findings if f.rule == "WVR001"]
    assert expired.pointer == "/waivers/0/until" and expired.severity.value == "warning"
    assert "2026-01-31" in expired.message.en and "2026-01-31" in expired.message.id


def test_waiver_for_an_unknown_rule_is_an_error() -> None:
    result = judged([waiver("SIM999")])
    assert [(f.rule, f.pointer) for f in result.findings if f.rule.startswith("WVR")] == [("WVR002", "/waivers/0/rule")]
    assert not result.passed


def test_schema_and_reading_checks_cannot_be_waived() -> None:
    result = judged([waiver("SCH001"), waiver("YML004")])
    assert [f.rule for f in result.findings if f.rule.startswith("WVR")] == ["WVR003", "WVR003"]


def test_gate_fail_on_and_minimums() -> None:
    assert judged(settings=Settings(fail_on="never")).passed
    assert not judged(settings=Settings(fail_on="warning")).passed
    assert not judged(settings=Settings(fail_on="never", fail_under=99.0)).passed
    assert not judged(settings=Settings(fail_on="never", min_principle={Principle.ACCOUNTABILITY: 90.0})).passed
    assert judged(settings=Settings(fail_on="never", min_principle={Principle.ACCOUNTABILITY: 1.0})).passed


def test_waived_findings_do_not_fail_the_gate() -> None:
    data = yaml.safe_load(WEAK.read_text(encoding="utf-8"))
    failing = {f.rule for f in judged().findings if f.severity.value == "error"}
    result = judged([waiver(rule) for rule in sorted(failing)])
    assert not [f for f in result.active_findings() if f.severity.value == "error"], data["id"]


def test_missed_minimums_are_findings_that_say_why_the_gate_failed() -> None:
    settings = Settings(fail_on="never", fail_under=99.0, min_principle={Principle.ACCOUNTABILITY: 90.0})
    result = judged(settings=settings)
    gate = [f for f in result.findings if f.rule.startswith("GAT")]
    assert [(f.rule, f.pointer, f.principle) for f in gate] == [
        ("GAT001", "", None),
        ("GAT002", "", Principle.ACCOUNTABILITY),
    ]
    assert "fail_under" in gate[0].message.en and "(fail_under)" in gate[0].message.id
    assert "Accountability" in gate[1].message.en and "Akuntabel" in gate[1].message.id
    assert "compliance" in gate[0].message.en and "kepatuhan" in gate[0].message.id
    assert not result.passed


def test_no_missed_minimum_no_gate_finding() -> None:
    result = judged(settings=Settings(fail_on="never", fail_under=1.0))
    assert result.passed and not [f for f in result.findings if f.rule.startswith("GAT")]


def test_gate_findings_cannot_be_waived() -> None:
    result = judged([waiver("GAT001")], settings=Settings(fail_under=99.0))
    assert "WVR003" in {f.rule for f in result.findings}


def _fairness_with(groups: list[str]) -> float | None:
    data = yaml.safe_load(WEAK.read_text(encoding="utf-8"))
    data["special_services"] = [{"group": g, "provision": "Loket prioritas"} for g in groups]
    [doc] = load_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "pbg.yaml")
    result = judge(doc, Pipeline(Settings(), BUILTIN_RULES, AS_OF))
    return next(p.score for p in result.principles if p.principle is Principle.FAIRNESS)


def test_the_score_follows_the_degree_of_a_flaw() -> None:
    """Three of four groups served scores above none, below all four (a real weak standard, issue 14)."""
    none, three, four = (_fairness_with(g) for g in ([], ["disability", "elderly", "pregnant"], GROUPS))
    assert none is not None and three is not None and four is not None
    assert none < three < four


GROUPS = ["disability", "elderly", "pregnant", "children"]


def _accountability_with(fees: list[dict[str, Any]]) -> float | None:
    data = yaml.safe_load(WEAK.read_text(encoding="utf-8"))
    data["delivery"]["fees"] = fees
    [doc] = load_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "pbg.yaml")
    result = judge(doc, Pipeline(Settings(), BUILTIN_RULES, AS_OF))
    return next(p.score for p in result.principles if p.principle is Principle.ACCOUNTABILITY)


def test_one_fee_without_basis_costs_less_than_three() -> None:
    founded = {"name": "Retribusi", "amount": 5000, "basis": "Perda Nomor 1 Tahun 2024"}
    bare = {"name": "Retribusi", "amount": 5000}
    one, three = _accountability_with([founded, founded, bare]), _accountability_with([bare, bare, bare])
    assert one is not None and three is not None and one > three
