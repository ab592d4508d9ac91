"""One view over a whole repository of standards for the human reports: counts, averages, what to fix first."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from svcstd.i18n import Catalog
from svcstd.model import DocumentResult, Finding, FindingCounts, Principle, Report, RuleInfo, Severity, Text, Waiver
from svcstd.reporters.comparison import (
    Comparison,
    DocumentChange,
    PreviousDocument,
    PreviousReport,
    ScoreChange,
    average,
    compare,
    parse_previous,
)
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
    documents: tuple[DocumentResult, ...]


class OverdueReview(NamedTuple):
    document: DocumentResult
    due: str
    days: int


class ExpiringWaiver(NamedTuple):
    document: DocumentResult
    waiver: Waiver
    days: int


@dataclass(frozen=True)
class Summary:
    """Everything the markdown and HTML reports show, derived from one Report."""

    report: Report
    scale: GradeScale
    counts: Counts
    grades: tuple[GradeCount, ...]
    principles: tuple[tuple[Principle, float | None], ...]
    providers: tuple[ProviderGroup, ...]
    top_rules: tuple[RuleTally, ...]
    overdue: tuple[OverdueReview, ...]
    expiring: tuple[ExpiringWaiver, ...]
    rules: Mapping[str, RuleInfo]
    comparison: Comparison | None = None

    def tone(self, score: float | None) -> str:
        """`good`, `mid` or `bad` by the band a score falls in; `none` without a score."""
        return "none" if score is None else tone_of(grade_for(score, self.scale).key, self.scale)


def summarize(
    report: Report,
    scale: GradeScale | None = None,
    previous: PreviousReport | None = None,
) -> Summary:
    """The repository view; `scale` defaults to the one the documents' grades come from.

    Rules are named and explained from the report itself, custom rules and YML/SCH/WVR/GAT checks included.
    """
    scale = scale or infer_scale(report.documents)
    rules = report.rule_index()
    as_of = date.fromisoformat(report.as_of)
    return Summary(
        report=report,
        scale=scale,
        counts=counts(report),
        grades=grade_counts(report.documents, scale),
        principles=tuple((p, principle_average(report.documents, p)) for p in Principle),
        providers=by_provider(report.documents),
        top_rules=top_rules(report.documents, rules),
        overdue=overdue_reviews(report.documents, as_of),
        expiring=expiring_waivers(report.documents, as_of),
        rules=rules,
        comparison=compare(report, previous) if previous is not None else None,
    )


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


def counts(report: Report) -> Counts:
    docs = report.documents
    scores = [d.score for d in docs if d.score is not None]
    return Counts(len(docs), sum(d.valid for d in docs), sum(d.passed for d in docs), average(scores), report.counts())


def grade_counts(documents: Iterable[DocumentResult], scale: GradeScale) -> tuple[GradeCount, ...]:
    tally = {band.key: 0 for band in scale}
    for doc in documents:
        if doc.grade is not None:
            tally[doc.grade.key] = tally.get(doc.grade.key, 0) + 1
    ordered = sorted(scale, key=lambda band: -band.min)
    return tuple(GradeCount(b.key, b.label, tally[b.key], tone_of(b.key, scale)) for b in ordered)


def principle_average(documents: Iterable[DocumentResult], principle: Principle) -> float | None:
    scores = [r.score for d in documents for r in d.principles if r.principle is principle and r.score is not None]
    return average(scores)


def by_provider(documents: Iterable[DocumentResult]) -> tuple[ProviderGroup, ...]:
    """Documents grouped by provider name, names in alphabetical order, the unknown provider last."""
    groups: dict[str | None, list[DocumentResult]] = defaultdict(list)
    for doc in documents:
        groups[doc.meta.provider].append(doc)
    order = sorted(groups, key=lambda name: (name is None, (name or "").casefold(), name or ""))
    return tuple(ProviderGroup(name, tuple(groups[name])) for name in order)


def top_rules(documents: Iterable[DocumentResult], rules: Mapping[str, RuleInfo]) -> tuple[RuleTally, ...]:
    """The rules with unwaived findings in the most documents, then the most findings."""
    found: dict[str, list[tuple[int, Finding]]] = defaultdict(list)
    for number, doc in enumerate(documents):
        for finding in doc.active_findings():
            found[finding.rule].append((number, finding))
    tallies = [_tally(rule_id, hits, rules.get(rule_id)) for rule_id, hits in found.items()]
    tallies.sort(key=lambda t: (-t.documents, -t.findings, t.rule))
    return tuple(tallies[:TOP_RULES])


def _tally(rule_id: str, hits: list[tuple[int, Finding]], rule: RuleInfo | None) -> RuleTally:
    worst = max((finding.severity for _, finding in hits), key=lambda severity: severity.rank)
    documents = len({number for number, _ in hits})
    tally = RuleTally(rule_id, worst, documents, len(hits), hits[0][1].message)
    if rule is None:
        return tally
    return tally._replace(title=rule.title, fix=rule.help, reference=rule.reference)


def overdue_reviews(documents: Iterable[DocumentResult], as_of: date) -> tuple[OverdueReview, ...]:
    """Standards whose next review date has passed, the longest overdue first."""
    overdue = []
    for doc in documents:
        due = _date(doc.meta.review_due)
        if due is not None and due < as_of:
            overdue.append(OverdueReview(doc, due.isoformat(), (as_of - due).days))
    return tuple(sorted(overdue, key=lambda item: (-item.days, item.document.path, item.document.index)))


def expiring_waivers(documents: Iterable[DocumentResult], as_of: date) -> tuple[ExpiringWaiver, ...]:
    """Waivers still live that end within the next EXPIRY_WINDOW_DAYS days, the soonest first."""
    expiring = []
    for doc in documents:
        for waiver in doc.meta.waivers:
            until = _date(waiver.until)
            if until is not None and 0 <= (until - as_of).days <= EXPIRY_WINDOW_DAYS:
                expiring.append(ExpiringWaiver(doc, waiver, (until - as_of).days))
    return tuple(sorted(expiring, key=lambda item: (item.days, item.document.path, item.waiver.rule)))


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
