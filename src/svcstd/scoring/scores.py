"""Pure arithmetic of PRINCIPLES.md: rule outcomes and weights -> principle scores and overall score."""

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


def principle_results(outcomes: Iterable[Outcome]) -> tuple[PrincipleResult, ...]:
    """One result per principle, in the fixed order of the Principle enum."""
    grouped: dict[Principle, list[Outcome]] = {p: [] for p in Principle}
    for outcome in outcomes:
        grouped[outcome.principle].append(outcome)
    return tuple(_principle_result(p, grouped[p]) for p in Principle)


def _principle_result(principle: Principle, outcomes: list[Outcome]) -> PrincipleResult:
    def ids(status: Status) -> tuple[str, ...]:
        return tuple(sorted(o.rule for o in outcomes if o.status is status))

    applicable = [o for o in outcomes if o.status in (Status.PASSED, Status.FAILED)]
    earned = sum(o.weight * (o.credit if o.status is Status.FAILED else 1.0) for o in applicable)
    applicable_weight = sum(o.weight for o in applicable)
    score = round(100 * earned / applicable_weight, 1) if applicable_weight else None
    return PrincipleResult(
        principle,
        score,
        ids(Status.PASSED),
        ids(Status.FAILED),
        ids(Status.NOT_APPLICABLE),
        ids(Status.WAIVED),
    )


def overall_score(results: Iterable[PrincipleResult], weights: Mapping[Principle, float]) -> float | None:
    """Weighted mean of the principle scores that exist (equal weights unless configured)."""
    scored = [(r.score, weights.get(r.principle, 1.0)) for r in results if r.score is not None]
    total_weight = sum(w for _, w in scored)
    if not scored or total_weight <= 0:
        return None
    return round(sum(s * w for s, w in scored) / total_weight, 1)
