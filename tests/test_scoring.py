"""Scores and grades exactly as PRINCIPLES.md and GRADES.md define them."""

from __future__ import annotations

import pytest

from svcstd.model import Principle, PrincipleResult, Text
from svcstd.scoring.grades import OMBUDSMAN, SKM, Band, grade_for
from svcstd.scoring.scores import Outcome, Status, overall_score, principle_results

S, P, F = Principle.SIMPLICITY, Principle.PARTICIPATION, Principle.FAIRNESS


def test_principle_score_is_passed_weight_over_applicable_weight() -> None:
    outcomes = [
        Outcome("SIM001", S, 3, Status.PASSED),
        Outcome("SIM002", S, 1, Status.FAILED),
        Outcome("SIM003", S, 5, Status.NOT_APPLICABLE),
        Outcome("SIM004", S, 5, Status.WAIVED),
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
    outcomes = [Outcome("FAI001", F, 4, Status.FAILED, 0.75), Outcome("FAI002", F, 4, Status.PASSED)]
    assert principle_results(outcomes)[5].score == 87.5


def test_a_principle_with_no_applicable_rule_has_no_score() -> None:
    results = principle_results([Outcome("PAR001", P, 2, Status.NOT_APPLICABLE)])
    assert [r.principle for r in results] == list(Principle)
    assert results[1].score is None


def test_scores_round_to_one_decimal() -> None:
    outcomes = [Outcome(f"SIM00{i}", S, 1, Status.PASSED if i < 3 else Status.FAILED) for i in range(1, 4)]
    assert principle_results(outcomes)[0].score == 66.7


def test_overall_is_the_weighted_mean_of_existing_principle_scores() -> None:
    results = [PrincipleResult(S, 100.0), PrincipleResult(P, 50.0), PrincipleResult(Principle.FAIRNESS, None)]
    assert overall_score(results, {}) == 75.0
    assert overall_score(results, {S: 3.0}) == 87.5
    assert overall_score([PrincipleResult(S, None)], {}) is None


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
