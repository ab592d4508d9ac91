"""What to fix first and why a standard fails: points to gain per rule, per-unit totals, the order of zones.

Points come from the Report alone: a failed rule of weight w in a principle whose applicable rules weigh W
would raise that principle by 100·w/W, and the overall score by that over the number of scored principles
(equal principle weights, the default of PRINCIPLES.md).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple

from svcstd.i18n import Catalog
from svcstd.model import DocumentResult, Finding, Principle, RuleInfo, Severity, Text

MESSAGES = Catalog(
    "priorities",
    {
        "not_valid": ("not valid: {rules}", "tidak sesuai skema: {rules}"),
        "gate": ("{rules} below the minimum", "{rules} di bawah batas minimum"),
        "errors": ("{count} error(s): {rules}", "{count} galat: {rules}"),
        "warnings": ("{count} warning(s): {rules}", "{count} peringatan: {rules}"),
    },
)
REASON_RULES = 3


class FixItem(NamedTuple):
    """One rule to fix in one standard: its findings there and the points fixing it would add."""

    rule: str
    severity: Severity
    findings: tuple[Finding, ...]
    gain: float | None
    principle: Principle | None
    info: RuleInfo | None


class UnitTally(NamedTuple):
    """One unit's standards taken together."""

    name: str | None
    documents: int
    passing: int
    average: float | None
    lowest: float | None
    bad: int


def points_to_gain(doc: DocumentResult, rules: Mapping[str, RuleInfo]) -> dict[str, float]:
    """For each failed rule, how much the overall score would rise if it passed."""
    scored = [r for r in doc.principles if r.score is not None]
    gains: dict[str, float] = {}
    for result in scored:
        applicable = sum(_weight(rules, rule) for rule in (*result.passed, *result.failed))
        if applicable <= 0:
            continue
        for rule in result.failed:
            gains[rule] = round(100 * _weight(rules, rule) / applicable / len(scored), 1)
    return gains


def _weight(rules: Mapping[str, RuleInfo], rule: str) -> int:
    info = rules.get(rule)
    return info.weight if info is not None and info.weight is not None else 1


def fix_first(doc: DocumentResult, rules: Mapping[str, RuleInfo]) -> tuple[FixItem, ...]:
    """The unwaived findings grouped by rule, the most points to gain first, then the most severe."""
    gains = points_to_gain(doc, rules)
    grouped: dict[str, list[Finding]] = defaultdict(list)
    for finding in doc.active_findings():
        grouped[finding.rule].append(finding)
    items = [_item(rule, found, gains.get(rule), rules.get(rule)) for rule, found in grouped.items()]
    items.sort(key=lambda item: (-(item.gain or 0.0), -item.severity.rank, item.rule))
    return tuple(items)


def _item(rule: str, found: Sequence[Finding], gain: float | None, info: RuleInfo | None) -> FixItem:
    severity = max((f.severity for f in found), key=lambda s: s.rank)
    principle = found[0].principle or (info.principle if info else None)
    return FixItem(rule, severity, tuple(found), gain, principle, info)


def gate_reason(doc: DocumentResult) -> Text | None:
    """Why a standard fails the gate, in a few words beside "fails": the missed minimums, else its worst findings."""
    if doc.passed:
        return None
    active = doc.active_findings()
    if not doc.valid:
        return MESSAGES.text("not_valid", rules=_ids(f for f in active if f.severity is Severity.ERROR))
    gate = [f for f in active if f.rule.startswith("GAT")]
    if gate:
        return MESSAGES.text("gate", rules=_ids(gate))
    for severity, key in ((Severity.ERROR, "errors"), (Severity.WARNING, "warnings")):
        found = [f for f in active if f.severity is severity]
        if found:
            return MESSAGES.text(key, count=len(found), rules=_ids(found))
    return None


def _ids(findings: Iterable[Finding]) -> str:
    ids = list(dict.fromkeys(f.rule for f in findings))
    shown = ", ".join(ids[:REASON_RULES])
    return shown + (" …" if len(ids) > REASON_RULES else "")


def units(documents: Iterable[DocumentResult], tone: Mapping[int, str]) -> tuple[UnitTally, ...]:
    """Per provider: counts, average and lowest score; the weakest unit (lowest average) first.

    `tone` maps each document's position to its zone tone, so that `bad` counts the worst zone.
    """
    grouped: dict[str | None, list[tuple[int, DocumentResult]]] = defaultdict(list)
    for number, doc in enumerate(documents):
        grouped[doc.meta.provider].append((number, doc))
    tallies = [_unit(name, members, tone) for name, members in grouped.items()]
    tallies.sort(key=lambda u: (u.average is None, u.average or 0.0, -u.bad, (u.name or "").casefold()))
    return tuple(tallies)


def _unit(name: str | None, members: list[tuple[int, DocumentResult]], tone: Mapping[int, str]) -> UnitTally:
    scores = [doc.score for _, doc in members if doc.score is not None]
    average = round(sum(scores) / len(scores), 1) if scores else None
    bad = sum(1 for number, _ in members if tone.get(number) == "bad")
    passing = sum(doc.passed for _, doc in members)
    return UnitTally(name, len(members), passing, average, min(scores) if scores else None, bad)


ZONE_ORDER = {"none": 0, "bad": 1, "mid": 2, "good": 3}
"""Zones sort by how bad they are, not by name: not scored, red, yellow, green."""


def worst_first(documents: Sequence[DocumentResult], tones: Sequence[str]) -> list[int]:
    """Positions of the documents, the worst first: zone, then score, then most errors, then name."""

    def key(number: int) -> tuple[int, float, int, str, int]:
        doc = documents[number]
        errors = sum(1 for f in doc.active_findings() if f.severity is Severity.ERROR)
        score = doc.score if doc.score is not None else -1.0
        return (ZONE_ORDER[tones[number]], score, -errors, doc.path, doc.index)

    return sorted(range(len(documents)), key=key)
