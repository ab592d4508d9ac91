"""Pure arithmetic of PRINCIPLES.md: rule outcomes and weights -> principle scores and overall score.

Two measures, kept apart: *Kepatuhan* (compliance) counts only the binding rules, those that rest on a quoted,
verified provision of law; *Mutu* (quality) counts the good-practice rules. Advice never lowers compliance.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import StrEnum
from typing import NamedTuple

from svcstd.model import Principle, PrincipleResult


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


def principle_results(outcomes: Iterable[Outcome]) -> tuple[PrincipleResult, ...]:
    """One result per principle, in the fixed order of the Principle enum."""
    grouped: dict[Principle, list[Outcome]] = {p: [] for p in _PRINCIPLES}
    for outcome in outcomes:
        grouped[outcome.principle].append(outcome)
    return tuple(_principle_result(p, grouped[p]) for p in _PRINCIPLES)


def _principle_result(principle: Principle, outcomes: list[Outcome]) -> PrincipleResult:
    """One pass over the principle's outcomes: the rule ids by status, the applicable ones by kind, in order."""
    passed: list[str] = []
    failed: list[str] = []
    ids = {Status.PASSED: passed, Status.FAILED: failed, Status.NOT_APPLICABLE: [], Status.WAIVED: []}
    binding: list[Outcome] = []
    practice: list[Outcome] = []
    for outcome in outcomes:
        ids[outcome.status].append(outcome.rule)
        (binding if outcome.binding else practice).append(outcome)
    passed.sort()
    failed.sort()
    return PrincipleResult(
        principle,
        _share(binding),
        tuple(passed),
        tuple(failed),
        tuple(sorted(ids[Status.NOT_APPLICABLE])),
        tuple(sorted(ids[Status.WAIVED])),
        quality=_share(practice),
    )


_PRINCIPLES = tuple(Principle)  # iterating the enum class itself costs a generator per call


def _share(outcomes: list[Outcome]) -> float | None:
    """100 * weight earned / weight of the applicable rules, one decimal; None when none applied."""
    applicable = [o for o in outcomes if o.status in (Status.PASSED, Status.FAILED)]
    earned = sum(o.weight * (o.credit if o.status is Status.FAILED else 1.0) for o in applicable)
    applicable_weight = sum(o.weight for o in applicable)
    return round(100 * earned / applicable_weight, 1) if applicable_weight else None


def overall_score(outcomes: Iterable[Outcome], weights: Mapping[Principle, float]) -> float | None:
    """Compliance (Kepatuhan): the weight earned by the binding rules over the weight of those that applied.

    The rules are pooled across principles, each rule's weight multiplied by its principle's configured weight
    (1 unless configured), so that one principle with a single binding rule cannot swing the score by a sixth.
    """
    return _pooled([o for o in outcomes if o.binding], weights)


def overall_quality(outcomes: Iterable[Outcome], weights: Mapping[Principle, float]) -> float | None:
    """Quality (Mutu): the same share over the good-practice rules."""
    return _pooled([o for o in outcomes if not o.binding], weights)


def _pooled(outcomes: list[Outcome], weights: Mapping[Principle, float]) -> float | None:
    applicable = [o for o in outcomes if o.status in (Status.PASSED, Status.FAILED)]
    total = sum(o.weight * weights.get(o.principle, 1.0) for o in applicable)
    if not applicable or total <= 0:
        return None
    earned = sum(
        o.weight * weights.get(o.principle, 1.0) * (o.credit if o.status is Status.FAILED else 1.0) for o in applicable
    )
    return round(100 * earned / total, 1)
