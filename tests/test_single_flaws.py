"""Each single flaw PRINCIPLES.md names lowers the score of the principle it offends, and only that one.

Every case changes the exemplary standard in one way and judges it with every rule. Where the law
ties a flaw to two principles (a fee charged without relief also touches fairness), the case says so.
"""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from svcstd.config.settings import Settings
from svcstd.judge import Pipeline, judge
from svcstd.model import Principle
from svcstd.reading.loader import load_text
from svcstd.rules import BUILTIN_RULES
from tests.rules.harness import AS_OF, DELETE, apply_patch, base_document

P = Principle
STEP = {"actor": "Petugas loket", "action": "Memeriksa berkas", "duration": {"value": 1, "unit": "minutes"}}
LONG = " ".join(["Memeriksa"] * 40)

# (flaw, patch, the principles whose scores must drop)
FLAWS: list[tuple[str, dict[str, Any], set[Principle]]] = [
    ("too many requirements", {"delivery/requirements": [{"name": f"Berkas {i}", "form": "original"} for i in range(10)]}, {P.SIMPLICITY}),
    ("the same requirement twice", {"delivery/requirements/5": {"name": "Kartu Keluarga", "form": "original"}}, {P.SIMPLICITY}),
    ("a photocopy asked", {"delivery/requirements/0/form": "copy"}, {P.SIMPLICITY}),
    ("too many steps", {"delivery/procedure/steps": [STEP] * 12}, {P.SIMPLICITY}),
    ("a step without a duration", {"delivery/procedure/steps/1/duration": DELETE}, {P.SIMPLICITY}),
    ("steps longer than the promise", {"delivery/procedure/steps/1/duration": {"value": 3, "unit": "days"}}, {P.SIMPLICITY}),
    ("an overlong sentence", {"delivery/procedure/steps/1/action": LONG}, {P.SIMPLICITY}),
    ("adopted without consultation", {"consultation": DELETE}, {P.PARTICIPATION}),
    ("officials only", {"consultation/0/participants": [{"group": "government", "count": 3}, {"group": "provider", "count": 2}]}, {P.PARTICIPATION}),
    ("outcomes not recorded", {"consultation/0/outcomes": DELETE}, {P.PARTICIPATION}),
    ("consulted after adoption", {"consultation/0/date": "2026-02-01"}, {P.PARTICIPATION}),
    ("no satisfaction survey", {"manufacturing/performance_evaluation/method": "Rapat evaluasi internal", "satisfaction_survey": DELETE}, {P.PARTICIPATION, P.SUSTAINABILITY}),
    ("adoption not signed", {"adoption/signed_by": DELETE}, {P.ACCOUNTABILITY}),
    ("UU 25/2009 missing", {"manufacturing/legal_basis/0": DELETE}, {P.ACCOUNTABILITY}),
    ("no complaint handler", {"delivery/complaints/handler": DELETE}, {P.ACCOUNTABILITY}),
    ("response time over the limit", {"delivery/complaints/response_time": {"value": 30, "unit": "days"}}, {P.ACCOUNTABILITY}),
    ("pledge not signed", {"pledge/signed_by": DELETE}, {P.ACCOUNTABILITY}),
    ("an actor with no staffed role", {"delivery/procedure/steps/1/actor": "Petugas arsip"}, {P.ACCOUNTABILITY}),
    ("a fee without a basis", {"delivery/fees/0/amount": 10000, "delivery/fees/0/basis": DELETE}, {P.ACCOUNTABILITY, P.FAIRNESS}),
    ("review interval too long", {"review/interval_months": 24}, {P.SUSTAINABILITY}),
    ("review overdue", {"review/interval_months": 3}, {P.SUSTAINABILITY}),
    ("no review history", {"review/history": DELETE}, {P.SUSTAINABILITY}),
    ("evaluation not yearly", {"manufacturing/performance_evaluation/frequency": "ad_hoc"}, {P.SUSTAINABILITY}),
    ("not published at the service point", {"publication/channels": [{"type": "website", "location": "https://contoh.go.id/sp"}]}, {P.TRANSPARENCY}),
    ("a complaint contact that is no phone number", {"delivery/complaints/channels/1/contact": "hubungi kami"}, {P.TRANSPARENCY}),
    ("no service hours", {"service_hours": DELETE}, {P.TRANSPARENCY}),
    ("no provider contact", {"provider/phone": DELETE, "provider/email": DELETE, "provider/website": DELETE, "provider/address": DELETE}, {P.TRANSPARENCY}),
    ("no SP4N-LAPOR! channel", {"delivery/complaints/channels/0": DELETE}, {P.TRANSPARENCY}),
    ("no special service for the elderly", {"special_services/1": DELETE}, {P.FAIRNESS}),
    ("no accessible facility", {f"manufacturing/facilities/{i}/accessible": False for i in (4, 5, 6)}, {P.FAIRNESS}),
    ("in person only", {"delivery/procedure/channels": ["in_person"], "delivery/procedure/online_url": DELETE, "delivery/procedure/steps/3/channel": DELETE}, {P.FAIRNESS}),
    ("no accessible publication format", {"publication/formats": DELETE}, {P.FAIRNESS}),
]  # fmt: skip


def scores(patch: dict[str, Any]) -> dict[Principle, tuple[float, ...]]:
    """Per principle, its compliance and quality scores where it has them (binding and advice rules)."""
    text = yaml.safe_dump(apply_patch(base_document(), patch), allow_unicode=True, sort_keys=False)
    [doc] = load_text(text, "flaw.yaml")
    result = judge(doc, Pipeline(Settings(), BUILTIN_RULES, AS_OF))
    assert result.valid, [f.message.en for f in result.findings]
    return {p.principle: tuple(s for s in (p.score, p.quality) if s is not None) for p in result.principles}


def test_the_exemplary_standard_is_perfect_on_every_principle() -> None:
    assert {s for measures in scores({}).values() for s in measures} == {100.0}


@pytest.mark.parametrize(("patch", "offended"), [case[1:] for case in FLAWS], ids=[case[0] for case in FLAWS])
def test_a_single_flaw_lowers_only_the_principle_it_offends(patch: dict[str, Any], offended: set[Principle]) -> None:
    judged = scores(patch)
    lowered = {principle for principle, measures in judged.items() if any(s != 100.0 for s in measures)}
    assert lowered == offended, judged
