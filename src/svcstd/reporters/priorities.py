"""What to fix first and why a standard fails: points to gain per rule, per-unit totals, the order of zones.

Points come from the Report alone: a failed rule of weight w in a principle whose applicable rules weigh W
would raise that principle by 100·w/W, and the overall score by that over the number of scored principles
(equal principle weights, the default of PRINCIPLES.md).
"""

from __future__ import annotations

from array import array
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


ZONE_ORDER = {"none": 0, "bad": 1, "mid": 2, "good": 3}
"""Zones sort by how bad they are, not by name: not scored, red, yellow, green."""


class Places:
    """Where each document sorts by (path, index), as two integers per position: no path is kept.

    Reports order ties by path, then by the document's number in its file. Positions come in the
    targets' order, which is sorted by path in the usual case: the path's rank is then counted as the
    documents pass (`add`). When a path comes before one already seen (files named in another order,
    or folder walks that sort `a/` before `a-b/`), `finish` reads the paths once more to rank them.
    """

    def __init__(self) -> None:
        self.rank: array[int] = array("q")
        self.index: array[int] = array("q")
        self._last: str | None = None
        self._ordered = True
        self._count = 0

    def add(self, doc: DocumentResult) -> None:
        path = doc.path
        if self._last is not None and path != self._last:
            self._ordered = self._ordered and path > self._last
            self._count += 1
        self._last = path
        self.rank.append(self._count)
        self.index.append(doc.index)

    def finish(self, documents: Iterable[DocumentResult]) -> Places:
        """Ranks from the paths themselves when they did not come in order (one more pass over `documents`)."""
        if not self._ordered:
            paths = [doc.path for doc in documents]
            ranks = {path: number for number, path in enumerate(sorted(set(paths)))}
            self.rank = array("q", (ranks[path] for path in paths))
            self._ordered = True
        self._last = None
        return self

    def key(self, position: int) -> tuple[int, int]:
        """Sorts as (path, index) does."""
        return self.rank[position], self.index[position]


def worst_first(zones: Sequence[int], scores: Sequence[float], errors: Sequence[int], places: Places) -> array[int]:
    """Positions of the documents, the worst first: zone (ZONE_ORDER), then score (-1 unscored), then most
    errors, then path and number in the file."""
    rank, index = places.rank, places.index

    def key(number: int) -> tuple[int, float, int, int, int]:
        return (zones[number], scores[number], -errors[number], rank[number], index[number])

    return array("q", sorted(range(len(zones)), key=key))
