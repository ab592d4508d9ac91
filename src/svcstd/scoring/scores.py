"""Pure arithmetic of PRINCIPLES.md: rule outcomes and weights -> principle scores and overall score.

Two measures, kept apart: *Kepatuhan* (compliance) counts only the binding rules, those that rest on a quoted,
verified provision of law; *Mutu* (quality) counts the good-practice rules. Advice never lowers compliance.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import StrEnum
from typing import NamedTuple

from svcstd.model import Principle, PrincipleResult, slot_constructor


class Status(StrEnum):
    PASSED = "passed"
    FAILED = "failed"
    NOT_APPLICABLE = "not_applicable"
    WAIVED = "waived"


class Outcome(NamedTuple):
    """How one rule ended on one document."""

    rule: str
    principle: Principle
    weight: int
    status: Status
    credit: float = 0.0
    """For a failure, the share of the weight still earned: 0, or between 0 and 1 for a graded rule partly met."""
    binding: bool = False
    """The rule rests on law (compliance) rather than good practice (quality)."""


def scored(
    outcomes: Iterable[Outcome], weights: Mapping[Principle, float]
) -> tuple[tuple[PrincipleResult, ...], float | None, float | None]:
    """`principle_results`, `overall_score` and `overall_quality` of the same outcomes, in one pass over them.

    Each list of terms gets the same terms in the same order as in those three (a principle's outcomes in
    their order, the binding and the other outcomes in theirs), and each share is `sum` over it: the same
    floats, to the bit. What judging a document asks; the three below are views of it.
    """
    per: dict[
        Principle, tuple[list[str], list[str], list[str], list[str], list[float], list[int], list[float], list[int]]
    ]
    per = {p: ([], [], [], [], [], [], [], []) for p in _PRINCIPLES}
    law_scaled: list[float] = []
    law_earned: list[float] = []
    practice_scaled: list[float] = []
    practice_earned: list[float] = []
    get = weights.get
    for rule, principle, weight, status, credit, binding in outcomes:
        lists = per[principle]
        if status is _NOT_APPLICABLE:  # the most common (more than half), and it counts toward no share
            lists[2].append(rule)
            continue
        if status is _PASSED:
            lists[0].append(rule)
            earned = weight * 1.0
            share = 1.0
        elif status is _FAILED:
            lists[1].append(rule)
            earned = weight * credit
            share = credit
        else:
            lists[3].append(rule)
            continue
        scale = weight * get(principle, 1.0)
        if binding:
            lists[4].append(earned)
            lists[5].append(weight)
            law_scaled.append(scale)
            law_earned.append(scale * share)
        else:
            lists[6].append(earned)
            lists[7].append(weight)
            practice_scaled.append(scale)
            practice_earned.append(scale * share)
    results = []
    for principle in _PRINCIPLES:
        passed, failed, skipped, waived, binding_earned, binding_weights, other_earned, other_weights = per[principle]
        passed.sort()
        failed.sort()
        skipped.sort()
        waived.sort()
        results.append(
            _principle_result(
                principle,
                _ratio(binding_earned, binding_weights),
                tuple(passed),
                tuple(failed),
                tuple(skipped),
                tuple(waived),
                _ratio(other_earned, other_weights),
            )
        )
    return tuple(results), _share(law_scaled, law_earned), _share(practice_scaled, practice_earned)


_principle_result = slot_constructor(PrincipleResult)
"""`PrincipleResult(principle, score, passed, failed, not_applicable, waived, quality)`, every field given."""


def _share(scaled: list[float], earned: list[float]) -> float | None:
    total = sum(scaled)
    if not scaled or total <= 0:
        return None
    return round(100 * sum(earned) / total, 1)


def principle_results(outcomes: Iterable[Outcome]) -> tuple[PrincipleResult, ...]:
    """One result per principle, in the fixed order of the Principle enum."""
    return scored(outcomes, {})[0]


_PRINCIPLES = tuple(Principle)  # iterating the enum class itself costs a generator per call
_PASSED, _FAILED, _NOT_APPLICABLE = Status.PASSED, Status.FAILED, Status.NOT_APPLICABLE


def _ratio(earned: list[float], weights: list[int]) -> float | None:
    """100 * weight earned / weight of the applicable rules, one decimal; None when none applied."""
    applicable_weight = sum(weights)
    return round(100 * sum(earned) / applicable_weight, 1) if applicable_weight else None


def overall_score(outcomes: Iterable[Outcome], weights: Mapping[Principle, float]) -> float | None:
    """Compliance (Kepatuhan): the weight earned by the binding rules over the weight of those that applied.

    The rules are pooled across principles, each rule's weight multiplied by its principle's configured weight
    (1 unless configured), so that one principle with a single binding rule cannot swing the score by a sixth.
    """
    return scored(outcomes, weights)[1]


def overall_quality(outcomes: Iterable[Outcome], weights: Mapping[Principle, float]) -> float | None:
    """Quality (Mutu): the same share over the good-practice rules."""
    return scored(outcomes, weights)[2]
