"""One view over a whole repository of standards for the human reports: counts, averages, what to fix first."""

from __future__ import annotations

import sys
from array import array
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property
from typing import NamedTuple

from svcstd.i18n import Catalog
from svcstd.model import DocumentResult, Finding, FindingCounts, Principle, Report, RuleInfo, Severity, Text, Waiver
from svcstd.reporters.comparison import (
    Comparison,
    DocumentChange,
    Lazy,
    PreviousDocument,
    PreviousReport,
    ScoreChange,
    average,
    compare,
    parse_previous,
)
from svcstd.reporters.priorities import ZONE_ORDER, Places, UnitTally, worst_first
from svcstd.scoring.grades import OMBUDSMAN, SKM, Band, GradeScale, grade_for

__all__ = ["Comparison", "DocumentChange", "PreviousDocument", "PreviousReport", "ScoreChange", "parse_previous"]

EXPIRY_WINDOW_DAYS = 30
TOP_RULES = 10


class Counts(NamedTuple):
    documents: int
    valid: int
    passing: int
    average: float | None
    findings: FindingCounts


class GradeCount(NamedTuple):
    key: str
    label: Text
    documents: int
    tone: str


class RuleTally(NamedTuple):
    """How often one rule fails; `title`, `fix` and `reference` are None for ids outside the registry."""

    rule: str
    severity: Severity
    documents: int
    findings: int
    example: Text
    title: Text | None = None
    fix: Text | None = None
    reference: Text | None = None


class ProviderGroup(NamedTuple):
    provider: str | None
    documents: Sequence[DocumentResult]


class OverdueReview(NamedTuple):
    document: DocumentResult
    due: str
    days: int


class ExpiringWaiver(NamedTuple):
    document: DocumentResult
    waiver: Waiver
    days: int


TONES = tuple(sorted(ZONE_ORDER, key=ZONE_ORDER.__getitem__))
"""Each zone's tone by its place in ZONE_ORDER (the worst first)."""


@dataclass(frozen=True)
class Facts:
    """What the reports need of each document, a few numbers per position, and of the run as a whole.

    Kept instead of the documents, so that memory stays flat with the corpus: the lists of documents the
    reports show (worst first, overdue, waivers ending) are positions, and each document is read back
    from the report (a spill, or a tuple) when its row is written.
    """

    zones: bytes
    """ZONE_ORDER of each document's tone."""
    scores: array[float]
    """Each document's compliance score, -1 when it has none."""
    errors: array[int]
    """Each document's unwaived errors."""
    places: Places
    scored: array[float]
    """The scores of the documents that have one, in document order."""
    not_scored: int
    with_findings: int
    """Documents with at least one finding (waived or not)."""
    active_rules: frozenset[str]
    """The rules with unwaived findings."""
    cited_rules: frozenset[str]
    """The rules with findings, waived ones included."""
    providers: tuple[str | None, ...]
    """Each provider once, in the order of their first document."""
    units: tuple[UnitTally, ...]
    """Per provider: counts, average and lowest score; the weakest unit (lowest average) first."""

    def count(self, tone: str) -> int:
        return self.zones.count(ZONE_ORDER[tone])

    def worst_first(self) -> array[int]:
        """Positions of the documents, the worst first: zone, then score, then most errors, then name."""
        return worst_first(self.zones, self.scores, self.errors, self.places)


@dataclass(frozen=True)
class Summary:
    """Everything the markdown and HTML reports show, derived from one Report in one pass (two to infer
    the scale), with a few numbers per document rather than the documents (`facts`).

    `overdue`, `expiring` and `providers` name their documents when they are read: each item reads its
    document back from the report.
    """

    report: Report
    scale: GradeScale
    counts: Counts
    grades: tuple[GradeCount, ...]
    principles: tuple[tuple[Principle, float | None], ...]
    top_rules: tuple[RuleTally, ...]
    overdue: Sequence[OverdueReview]
    expiring: Sequence[ExpiringWaiver]
    rules: Mapping[str, RuleInfo]
    facts: Facts
    comparison: Comparison | None = None

    def tone(self, score: float | None) -> str:
        """`good`, `mid` or `bad` by the band a score falls in; `none` without a score."""
        return "none" if score is None else tone_of(grade_for(score, self.scale).key, self.scale)

    @cached_property
    def order(self) -> array[int]:
        """Positions of the documents, the worst first (sorted once, when first asked for)."""
        return self.facts.worst_first()

    @property
    def providers(self) -> tuple[ProviderGroup, ...]:
        """Documents grouped by provider name, names in alphabetical order, the unknown provider last.

        Not used by the reports (they show `facts.units`): it reads the documents once more to group them.
        """
        groups: dict[str | None, array[int]] = {name: array("q") for name in self.facts.providers}
        for position, doc in enumerate(self.report.documents):
            groups[doc.meta.provider].append(position)
        order = sorted(groups, key=lambda name: (name is None, (name or "").casefold(), name or ""))
        docs = self.report.documents
        return tuple(ProviderGroup(name, Lazy(groups[name], docs.__getitem__)) for name in order)


def summarize(
    report: Report,
    scale: GradeScale | None = None,
    previous: PreviousReport | None = None,
) -> Summary:
    """The repository view; `scale` defaults to the one the documents' grades come from.

    Rules are named and explained from the report itself, custom rules and YML/SCH/WVR/GAT checks included.
    The documents are read once (twice when the scale is inferred, once more to compare with `previous`),
    one at a time: whether the report holds them in a tuple or reads them back from a spill, memory holds
    a few numbers per document and counts per rule, provider and grade.
    """
    scale = scale or infer_scale(report.documents)
    rules = report.rule_index()
    as_of = date.fromisoformat(report.as_of)
    tally = _Tally(scale, as_of)
    for doc in report.documents:
        tally.add(doc)
    facts = tally.facts(report.documents)
    docs = report.documents

    places = facts.places
    overdue, expiring = tally.overdue, tally.expiring
    overdue.sort(lambda n: (-overdue.days[n], *places.key(overdue.positions[n])))
    expiring.sort(lambda n: (expiring.days[n], places.rank[expiring.positions[n]], expiring.rules[n]))

    def overdue_review(n: int) -> OverdueReview:
        days = overdue.days[n]
        return OverdueReview(docs[overdue.positions[n]], (as_of - timedelta(days=days)).isoformat(), days)

    def expiring_waiver(n: int) -> ExpiringWaiver:
        doc = docs[expiring.positions[n]]
        return ExpiringWaiver(doc, doc.meta.waivers[expiring.numbers[n]], expiring.days[n])

    return Summary(
        report=report,
        scale=scale,
        counts=Counts(len(docs), tally.valid, tally.passing, average(tally.scores), report.counts()),
        grades=tally.grades(),
        principles=tuple((p, average(tally.principle_scores[p])) for p in Principle),
        top_rules=tally.top_rules(rules),
        overdue=Lazy(range(len(overdue.positions)), overdue_review),
        expiring=Lazy(range(len(expiring.positions)), expiring_waiver),
        rules=rules,
        facts=facts,
        comparison=compare(report, previous) if previous is not None else None,
    )


class _RuleCount:
    """One rule's unwaived findings: in how many documents, how many, the worst severity, the first message."""

    __slots__ = ("documents", "example", "findings", "last", "worst")

    def __init__(self, finding: Finding) -> None:
        self.documents = self.findings = 0
        self.last = -1
        self.worst = finding.severity
        self.example = finding.message


class _Unit:
    """One provider's standards as they pass: counts, scores, the worst zone."""

    __slots__ = ("bad", "documents", "passing", "scores")

    def __init__(self) -> None:
        self.documents = self.passing = self.bad = 0
        self.scores: array[float] = array("d")


class _Dated:
    """Documents met by a date (a review overdue, a waiver ending): positions and days in arrays, sorted once."""

    def __init__(self) -> None:
        self.positions: array[int] = array("q")
        self.days: array[int] = array("q")
        self.numbers: array[int] = array("q")
        self.rules: list[str] = []
        """The waivers' rules, shared strings, only while the list is sorted."""

    def add(self, position: int, days: int, number: int = 0, rule: str = "") -> None:
        self.positions.append(position)
        self.days.append(days)
        self.numbers.append(number)
        self.rules.append(sys.intern(rule))

    def sort(self, key: Callable[[int], tuple[object, ...]]) -> None:
        order = sorted(range(len(self.positions)), key=key)
        for name in ("positions", "days", "numbers"):
            column = getattr(self, name)
            setattr(self, name, array("q", (column[n] for n in order)))
        self.rules = []


class _Tally:
    """The summary's one pass: each document adds its numbers, and nothing of it is kept."""

    def __init__(self, scale: GradeScale, as_of: date) -> None:
        self.scale = scale
        self.as_of = as_of
        self.tones = {band.key: ZONE_ORDER[tone_of(band.key, scale)] for band in scale}
        self.valid = self.passing = self.with_findings = 0
        self.scores: array[float] = array("d")
        self.principle_scores: dict[Principle, array[float]] = {p: array("d") for p in Principle}
        self.grade_tally = {band.key: 0 for band in scale}
        self.zones = bytearray()
        self.key_scores: array[float] = array("d")
        self.errors: array[int] = array("q")
        self.places = Places()
        self.rules: dict[str, _RuleCount] = {}
        self.cited: set[str] = set()
        self.units: dict[str | None, _Unit] = {}
        self.overdue = _Dated()
        self.expiring = _Dated()

    def add(self, doc: DocumentResult) -> None:
        position = len(self.zones)
        self.places.add(doc)
        self.valid += doc.valid
        self.passing += doc.passed
        score = doc.score
        if score is not None:
            self.scores.append(score)
        for result in doc.principles:
            if result.score is not None:
                self.principle_scores[result.principle].append(result.score)
        if doc.grade is not None:
            self.grade_tally[doc.grade.key] = self.grade_tally.get(doc.grade.key, 0) + 1
        zone = ZONE_ORDER["none"] if score is None else self.tones.get(grade_for(score, self.scale).key, 0)
        self.zones.append(zone)
        self.key_scores.append(score if score is not None else -1.0)
        errors = 0
        for finding in doc.findings:
            self.cited.add(finding.rule)
            if finding.waiver is not None:
                continue
            errors += finding.severity is Severity.ERROR
            self._count(finding, position)
        self.errors.append(errors)
        self.with_findings += bool(doc.findings)
        unit = self.units.get(doc.meta.provider)
        if unit is None:
            unit = self.units[doc.meta.provider] = _Unit()
        unit.documents += 1
        unit.passing += doc.passed
        unit.bad += zone == ZONE_ORDER["bad"]
        if score is not None:
            unit.scores.append(score)
        self._dates(doc, position)

    def _count(self, finding: Finding, position: int) -> None:
        count = self.rules.get(finding.rule)
        if count is None:
            count = self.rules[finding.rule] = _RuleCount(finding)
        count.findings += 1
        if count.last != position:
            count.last = position
            count.documents += 1
        if finding.severity.rank > count.worst.rank:
            count.worst = finding.severity

    def _dates(self, doc: DocumentResult, position: int) -> None:
        due = _date(doc.meta.review_due)
        if due is not None and due < self.as_of:
            self.overdue.add(position, (self.as_of - due).days)
        for number, waiver in enumerate(doc.meta.waivers):
            until = _date(waiver.until)
            if until is not None and 0 <= (until - self.as_of).days <= EXPIRY_WINDOW_DAYS:
                self.expiring.add(position, (until - self.as_of).days, number, waiver.rule)

    def grades(self) -> tuple[GradeCount, ...]:
        ordered = sorted(self.scale, key=lambda band: -band.min)
        tally = self.grade_tally
        return tuple(GradeCount(b.key, b.label, tally[b.key], tone_of(b.key, self.scale)) for b in ordered)

    def top_rules(self, rules: Mapping[str, RuleInfo]) -> tuple[RuleTally, ...]:
        """The rules with unwaived findings in the most documents, then the most findings."""
        tallies = []
        for rule_id, count in self.rules.items():
            tally = RuleTally(rule_id, count.worst, count.documents, count.findings, count.example)
            rule = rules.get(rule_id)
            if rule is not None:
                tally = tally._replace(title=rule.title, fix=rule.help, reference=rule.reference)
            tallies.append(tally)
        tallies.sort(key=lambda t: (-t.documents, -t.findings, t.rule))
        return tuple(tallies[:TOP_RULES])

    def facts(self, documents: Iterable[DocumentResult]) -> Facts:
        units = [_unit(name, unit) for name, unit in self.units.items()]
        units.sort(key=lambda u: (u.average is None, u.average or 0.0, -u.bad, (u.name or "").casefold()))
        return Facts(
            zones=bytes(self.zones),
            scores=self.key_scores,
            errors=self.errors,
            places=self.places.finish(documents),
            scored=self.scores,
            not_scored=len(self.zones) - len(self.scores),
            with_findings=self.with_findings,
            active_rules=frozenset(self.rules),
            cited_rules=frozenset(self.cited),
            providers=tuple(self.units),
            units=tuple(units),
        )


def _unit(name: str | None, unit: _Unit) -> UnitTally:
    scores = unit.scores
    average_ = round(sum(scores) / len(scores), 1) if scores else None
    return UnitTally(name, unit.documents, unit.passing, average_, min(scores) if scores else None, unit.bad)


def infer_scale(documents: Iterable[DocumentResult]) -> GradeScale:
    """A known scale holding every grade seen, else one band per grade seen, at its lowest score."""
    lowest: dict[str, Band] = {}
    for doc in documents:
        if doc.grade is not None and doc.score is not None:
            band = lowest.get(doc.grade.key)
            if band is None or doc.score < band.min:
                lowest[doc.grade.key] = Band(doc.grade.key, doc.score, doc.grade.label)
    for scale in (OMBUDSMAN, SKM):
        if set(lowest) <= {band.key for band in scale}:
            return scale
    return tuple(sorted(lowest.values(), key=lambda band: -band.min))


def tone_of(key: str, scale: GradeScale) -> str:
    """The best band is `good`, the worst `bad`, any between `mid`."""
    keys = [band.key for band in sorted(scale, key=lambda band: -band.min)]
    if key not in keys:
        return "none"
    position = keys.index(key)
    return "good" if position == 0 else "bad" if position == len(keys) - 1 else "mid"


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def finding_where(finding: Finding, lang: str, escape: Callable[[str], str], capital: bool = False) -> str:
    """Where a human report says a finding is, escaped by `escape`; `capital` to begin a line with it.

    In an original document (`svcstd check berkas.docx`) its page, table and row in words (`halaman 2, tabel 1,
    baris 5`): the line of the YAML imported in memory means nothing to the reader of the Word file. In a shared
    file (`uses:`) `file:line`; else `line N`.
    """
    if finding.file is not None and finding.origin is None:
        return f"{escape(finding.file)}:{finding.line}"
    words = finding.origin.describe(lang) if finding.origin is not None else f"{LABELS('line', lang)} {finding.line}"
    return escape(words[:1].upper() + words[1:] if capital else words[:1].lower() + words[1:])


# The words both human reports (markdown and HTML) use.
LABELS = Catalog(
    "report_labels",
    {
        "title": ("Service standards compliance report", "Laporan Kepatuhan Standar Pelayanan"),
        "checked": ("{documents} service standard(s) checked", "{documents} standar pelayanan diperiksa"),
        "as_of": ("as of {date} · svcstd {version}", "per {date} · svcstd {version}"),
        "documents": ("Standards", "Standar pelayanan"),
        "valid": ("Valid", "Sesuai skema"),
        "passing": ("Pass the gate", "Lolos gerbang"),
        "average": ("Average score", "Skor rata-rata"),
        "headline": (
            "{passing} of {documents} pass the gate · {valid} valid · average score {average}",
            "{passing} dari {documents} lolos gerbang · {valid} sesuai skema · skor rata-rata {average}",
        ),
        "count_error": ("{count} error(s)", "{count} galat"),
        "count_warning": ("{count} warning(s)", "{count} peringatan"),
        "count_info": ("{count} info", "{count} info"),
        "error": ("error", "galat"),
        "warning": ("warning", "peringatan"),
        "info": ("info", "info"),
        "errors": ("Errors", "Galat"),
        "warnings": ("Warnings", "Peringatan"),
        "infos": ("Info", "Info"),
        "grades": ("Grades", "Predikat"),
        "principles": ("Scores per principle", "Skor per prinsip"),
        "principle": ("Principle", "Prinsip"),
        "standard": ("Standard", "Standar pelayanan"),
        "provider": ("Provider", "Penyelenggara"),
        "unknown_provider": ("Provider not known", "Penyelenggara tidak diketahui"),
        "by_provider": ("Standards by provider", "Standar pelayanan per penyelenggara"),
        "score": ("Compliance", "Kepatuhan"),
        "quality": ("quality", "mutu"),
        "grade": ("Grade", "Predikat"),
        "gate": ("Gate", "Gerbang"),
        "passed": ("passes", "lolos"),
        "failed": ("fails", "tidak lolos"),
        "not_scored": ("not scored: fix the errors first", "tidak dinilai: perbaiki dulu galatnya"),
        "no_score": ("n/a", "tidak ada"),
        "top_rules": ("Rules that fail most often", "Aturan yang paling sering dilanggar"),
        "rule": ("Rule", "Aturan"),
        "in_documents": ("Standards", "Standar"),
        "findings_count": ("Findings", "Temuan"),
        "fix": ("How to fix", "Cara memperbaiki"),
        "reference": ("Legal basis", "Dasar hukum"),
        "overdue": ("Reviews overdue", "Evaluasi berkala yang terlambat"),
        "due": ("Due", "Jatuh tempo"),
        "days_overdue": ("Days overdue", "Terlambat (hari)"),
        "expiring": ("Waivers ending within {days} days", "Pengecualian yang berakhir dalam {days} hari"),
        "until": ("Until", "Berlaku hingga"),
        "days_left": ("Days left", "Sisa hari"),
        "approved_by": ("Approved by", "Disetujui oleh"),
        "reason": ("Reason", "Alasan"),
        "changes": ("Changes since {date}", "Perubahan sejak {date}"),
        "before": ("Before", "Sebelumnya"),
        "now": ("Now", "Sekarang"),
        "change": ("Change", "Perubahan"),
        "overall": ("All standards (average)", "Semua standar (rata-rata)"),
        "added": ("New since then: {items}", "Baru sejak itu: {items}"),
        "removed": ("No longer present: {items}", "Sudah tidak ada: {items}"),
        "unchanged": ("{count} standard(s) unchanged.", "{count} standar pelayanan tidak berubah."),
        "findings": ("Findings", "Temuan"),
        "line": ("Line", "Baris"),
        "severity": ("Severity", "Tingkat"),
        "message": ("Message", "Uraian"),
        "waived": ("waived until {until}", "dikecualikan hingga {until}"),
        "no_problems": ("No errors or warnings.", "Tidak ada galat atau peringatan."),
        "more_info": ("{count} info", "{count} info"),
        "more_waived": ("{count} waived", "{count} dikecualikan"),
        "none": ("None.", "Tidak ada."),
        "nothing": ("No service standard found.", "Tidak ditemukan standar pelayanan."),
    },
)
