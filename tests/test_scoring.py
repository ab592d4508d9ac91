"""Scores and grades exactly as PRINCIPLES.md and GRADES.md define them."""

from __future__ import annotations

import pytest

from svcstd.model import Principle, Text
from svcstd.scoring.grades import OMBUDSMAN, SKM, Band, grade_for
from svcstd.scoring.scores import Outcome, Status, overall_quality, overall_score, principle_results

S, P, F = Principle.SIMPLICITY, Principle.PARTICIPATION, Principle.FAIRNESS


def test_principle_score_is_passed_weight_over_applicable_weight() -> None:
    outcomes = [
        Outcome("SIM001", S, 3, Status.PASSED, binding=True),
        Outcome("SIM002", S, 1, Status.FAILED, binding=True),
        Outcome("SIM003", S, 5, Status.NOT_APPLICABLE, binding=True),
        Outcome("SIM004", S, 5, Status.WAIVED, binding=True),
    ]
    simplicity = principle_results(outcomes)[0]
    assert simplicity.score == 75.0
    assert (simplicity.passed, simplicity.failed, simplicity.not_applicable, simplicity.waived) == (
        ("SIM001",),
        ("SIM002",),
        ("SIM003",),
        ("SIM004",),
    )


def test_a_graded_rule_partly_met_earns_its_share() -> None:
    """Three of four groups served earns three quarters of the weight (issue: degree counts)."""
    outcomes = [
        Outcome("FAI001", F, 4, Status.FAILED, 0.75, binding=True),
        Outcome("FAI002", F, 4, Status.PASSED, binding=True),
    ]
    assert principle_results(outcomes)[5].score == 87.5


def test_a_principle_with_no_applicable_rule_has_no_score() -> None:
    results = principle_results([Outcome("PAR001", P, 2, Status.NOT_APPLICABLE, binding=True)])
    assert [r.principle for r in results] == list(Principle)
    assert results[1].score is None
    assert results[1].quality is None


def test_scores_round_to_one_decimal() -> None:
    outcomes = [Outcome(f"SIM00{i}", S, 1, Status.PASSED if i < 3 else Status.FAILED, binding=True) for i in (1, 2, 3)]
    assert principle_results(outcomes)[0].score == 66.7


def test_advice_never_lowers_compliance() -> None:
    """A failed good-practice rule costs quality (Mutu) only; compliance (Kepatuhan) counts binding rules alone."""
    law = Outcome("ACC003", Principle.ACCOUNTABILITY, 4, Status.PASSED, binding=True)
    advice = Outcome("SIM001", S, 3, Status.FAILED)
    results = principle_results([law, advice])
    assert overall_score([law, advice], {}) == 100.0
    assert overall_quality([law, advice], {}) == 0.0
    assert results[0].score is None and results[0].quality == 0.0
    assert results[2].score == 100.0 and results[2].quality is None
    assert overall_score([advice], {}) is None


def test_overall_pools_the_rules_weighted_by_rule_and_principle() -> None:
    """One principle with a single rule cannot swing the overall score by a sixth: the rules are pooled."""
    outcomes = [
        Outcome("SIM006", S, 4, Status.PASSED, binding=True),
        Outcome("PAR002", P, 2, Status.FAILED, binding=True),
        Outcome("FAI001", F, 4, Status.FAILED, 0.5, binding=True),
        Outcome("FAI002", F, 4, Status.NOT_APPLICABLE, binding=True),
    ]
    assert overall_score(outcomes, {}) == 60.0  # (4 + 0 + 2) / (4 + 2 + 4)
    assert overall_score(outcomes, {S: 3.0}) == 77.8  # (12 + 0 + 2) / (12 + 2 + 4)
    assert overall_score(outcomes[3:], {}) is None


@pytest.mark.parametrize(
    ("score", "ombudsman", "skm"),
    [
        (100.0, "green", "A"),
        (81.0, "green", "B"),
        (80.999, "green", "B"),
        (80.99, "yellow", "B"),
        (88.304, "green", "B"),
        (88.306, "green", "A"),
        (88.31, "green", "A"),
        (76.6, "yellow", "C"),
        (76.61, "yellow", "B"),
        (65.0, "yellow", "C"),
        (51.0, "yellow", "D"),
        (50.99, "red", "D"),
        (0.0, "red", "D"),
    ],
)
def test_grade_bands_inclusive_after_rounding_to_two_decimals(score: float, ombudsman: str, skm: str) -> None:
    assert grade_for(score, OMBUDSMAN).key == ombudsman
    assert grade_for(score, SKM).key == skm


def test_custom_bands() -> None:
    bands = (Band("baik", 70.0, Text("good", "baik")), Band("kurang", 0.0, Text("poor", "kurang")))
    assert grade_for(70.0, bands).label.id == "baik"
    assert grade_for(69.99, bands).key == "kurang"


def test_zone_labels_say_they_are_a_document_based_estimate() -> None:
    """The zones borrow the Ombudsman's bands, not its verdict: every label says it is an estimate."""
    for band in OMBUDSMAN:
        assert "document-based estimate" in band.label.en
        assert "perkiraan berdasarkan dokumen" in band.label.id
