"""Markdown for a pull-request comment or a CI job summary: a table of standards, then the findings that matter.

Every piece of document content goes through `escape`, so a standard can never inject Markdown, HTML
or a link into the page that shows the report.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from svcstd import escaping
from svcstd.i18n import decimal
from svcstd.model import PRINCIPLE_NAMES, DocumentResult, Finding, Principle, Report, Severity
from svcstd.model import document_name as model_document_name
from svcstd.reporters import RenderOptions
from svcstd.reporters.summary import EXPIRY_WINDOW_DAYS, LABELS, ScoreChange, Summary, summarize

_GRADE_MARKS = {"good": "🟢", "mid": "🟡", "bad": "🔴", "none": "⚪"}
_SCORE_MARKS = {"good": "✅", "mid": "⚠️", "bad": "❌", "none": "➖"}
_SEVERITY_MARKS = {Severity.ERROR: "❌", Severity.WARNING: "⚠️", Severity.INFO: "ℹ️"}


def escape(text: str) -> str:
    """Content as inert Markdown on one line (escaping.markdown)."""
    return escaping.markdown(text)


def render(report: Report, options: RenderOptions) -> str:
    """`svcstd check --format markdown`: the headline, the table of standards and their findings."""
    summary = summarize(report)
    lang = options.lang
    heading = f"## svcstd — {LABELS('checked', lang, documents=len(report.documents))}"
    parts = [[heading, "", _headline(summary, lang)], _standards(summary, report.documents, lang)]
    parts.append(_findings(report.documents, lang, "###"))
    return _join(parts)


def render_summary(summary: Summary, options: RenderOptions, title: str | None = None) -> str:
    """`svcstd report -o FILE.md`: the whole repository view, then every standard's findings."""
    lang = options.lang
    heading = f"# {escape(title) if title else LABELS('title', lang)}"
    version = summary.report.tool_version
    parts = [[heading, "", LABELS("as_of", lang, date=summary.report.as_of, version=version), ""]]
    parts.append([_headline(summary, lang), "", _grade_line(summary, lang)])
    parts.append(_principles(summary, lang))
    for provider in summary.providers:
        name = escape(provider.provider) if provider.provider else LABELS("unknown_provider", lang)
        parts.append([f"## {LABELS('provider', lang)}: {name}", "", *_standards(summary, provider.documents, lang)])
    parts.extend([_top_rules(summary, lang), _overdue(summary, lang), _expiring(summary, lang)])
    parts.append(_comparison(summary, lang))
    parts.append([f"## {LABELS('findings', lang)}", "", *_findings(summary.report.documents, lang, "###")])
    return _join(parts)


def _join(parts: Iterable[Sequence[str]]) -> str:
    return "\n\n".join("\n".join(part).strip("\n") for part in parts if part) + "\n"


def _headline(summary: Summary, lang: str) -> str:
    counts = summary.counts
    average = decimal(counts.average, lang) if counts.average is not None else "—"
    head = LABELS(
        "headline", lang, passing=counts.passing, documents=counts.documents, valid=counts.valid, average=average
    )
    tally = counts.findings
    marks = (
        f"{_SEVERITY_MARKS[s]} {LABELS(f'count_{s.value}', lang, count=n)}"
        for s, n in zip(Severity, tally, strict=True)
    )
    return f"**{head}** · " + " · ".join(marks)


def _grade_line(summary: Summary, lang: str) -> str:
    grades = (f"{_GRADE_MARKS[g.tone]} {g.label(lang)}: {g.documents}" for g in summary.grades)
    return f"{LABELS('grades', lang)}: " + " · ".join(grades)


def _row(cells: Iterable[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _standards(summary: Summary, documents: Sequence[DocumentResult], lang: str) -> list[str]:
    if not documents:
        return [LABELS("nothing", lang)]
    names = [PRINCIPLE_NAMES[p](lang) for p in Principle]
    header = [LABELS("standard", lang), LABELS("score", lang), LABELS("grade", lang), *names, LABELS("gate", lang)]
    lines = [_row(header), _row(["---", "--:", "---", *(["--:"] * len(names)), "---"])]
    return lines + [_row(_standard_cells(summary, doc, lang)) for doc in documents]


def _standard_cells(summary: Summary, doc: DocumentResult, lang: str) -> list[str]:
    gate = f"✅ {LABELS('passed', lang)}" if doc.passed else f"❌ {LABELS('failed', lang)}"
    if doc.score is None or doc.grade is None:
        empty = ["—"] * len(Principle)
        return [document_name(doc), "—", f"⛔ {LABELS('not_scored', lang)}", *empty, gate]
    grade = f"{_GRADE_MARKS[summary.tone(doc.score)]} {escape(doc.grade.label(lang))}"
    scores = {r.principle: r.score for r in doc.principles}
    marks = [_score_mark(summary, scores.get(p), lang) for p in Principle]
    return [document_name(doc), f"**{decimal(doc.score, lang)}**", grade, *marks, gate]


def _score_mark(summary: Summary, score: float | None, lang: str) -> str:
    return f"{_SCORE_MARKS[summary.tone(score)]} {decimal(score, lang)}" if score is not None else _SCORE_MARKS["none"]


def document_name(doc: DocumentResult, separator: str = "<br>") -> str:
    """The path (with the document's number in a multi-document file) and the title, escaped."""
    place = escape(doc.path) + model_document_name(doc)[len(doc.path) :]
    name = doc.title or doc.id
    return f"{place}{separator}{escape(name)}" if name else place


def _principles(summary: Summary, lang: str) -> list[str]:
    lines = [f"## {LABELS('principles', lang)}", "", _row([LABELS("principle", lang), LABELS("score", lang)])]
    lines.append(_row(["---", "--:"]))
    for principle, score in summary.principles:
        lines.append(_row([PRINCIPLE_NAMES[principle](lang), _score_mark(summary, score, lang)]))
    return lines


def _top_rules(summary: Summary, lang: str) -> list[str]:
    lines = [f"## {LABELS('top_rules', lang)}", ""]
    if not summary.top_rules:
        return [*lines, LABELS("none", lang)]
    keys = ("rule", "in_documents", "findings_count", "fix", "reference")
    lines += [_row(LABELS(key, lang) for key in keys), _row(["---", "--:", "--:", "---", "---"])]
    for tally in summary.top_rules:
        title = tally.title(lang) if tally.title else tally.example(lang)
        rule = f"{_SEVERITY_MARKS[tally.severity]} **{escape(tally.rule)}** {escape(title)}"
        fix = escape(tally.fix(lang)) if tally.fix else "—"
        reference = escape(tally.reference(lang)) if tally.reference else "—"
        lines.append(_row([rule, str(tally.documents), str(tally.findings), fix, reference]))
    return lines


def _overdue(summary: Summary, lang: str) -> list[str]:
    lines = [f"## {LABELS('overdue', lang)}", ""]
    if not summary.overdue:
        return [*lines, LABELS("none", lang)]
    keys = ("standard", "provider", "due", "days_overdue")
    lines += [_row(LABELS(key, lang) for key in keys), _row(["---", "---", "---", "--:"])]
    for item in summary.overdue:
        provider = escape(item.document.meta.provider or "—")
        lines.append(_row([document_name(item.document), provider, item.due, str(item.days)]))
    return lines


def _expiring(summary: Summary, lang: str) -> list[str]:
    lines = [f"## {LABELS('expiring', lang, days=EXPIRY_WINDOW_DAYS)}", ""]
    if not summary.expiring:
        return [*lines, LABELS("none", lang)]
    keys = ("standard", "rule", "until", "days_left", "approved_by", "reason")
    lines += [_row(LABELS(key, lang) for key in keys), _row(["---", "---", "---", "--:", "---", "---"])]
    for item in summary.expiring:
        waiver = item.waiver
        cells = [escape(waiver.rule), escape(waiver.until), str(item.days), escape(waiver.approved_by)]
        lines.append(_row([document_name(item.document), *cells, escape(waiver.reason)]))
    return lines


def _comparison(summary: Summary, lang: str) -> list[str]:
    comparison = summary.comparison
    if comparison is None:
        return []
    lines = [f"## {LABELS('changes', lang, date=escape(comparison.previous_as_of))}", ""]
    keys = ("standard", "before", "now", "change")
    lines += [_row(LABELS(key, lang) for key in keys), _row(["---", "--:", "--:", "--:"])]
    lines.append(_row([f"**{LABELS('overall', lang)}**", *_change_cells(comparison.overall, lang)]))
    for principle, change in comparison.principles:
        lines.append(_row([PRINCIPLE_NAMES[principle](lang), *_change_cells(change, lang)]))
    lines += [_row([document_name(item.document), *_change_cells(item.change, lang)]) for item in comparison.documents]
    if comparison.added:
        lines += ["", LABELS("added", lang, items=", ".join(document_name(d) for d in comparison.added))]
    if comparison.removed:
        lines += ["", LABELS("removed", lang, items=", ".join(escape(d.path) for d in comparison.removed))]
    return lines


def _change_cells(change: ScoreChange, lang: str) -> list[str]:
    def shown(score: float | None) -> str:
        return decimal(score, lang) if score is not None else "—"

    delta = change.delta
    if delta is None or not delta:
        arrow = "—" if delta is None else shown(0.0)
    else:
        arrow = f"🔺 +{shown(delta)}" if delta > 0 else f"🔻 {shown(delta)}"
    return [shown(change.old), shown(change.new), arrow]


def _findings(documents: Iterable[DocumentResult], lang: str, level: str) -> list[str]:
    lines: list[str] = []
    for doc in documents:
        if doc.findings:
            lines += ["", f"{level} {document_name(doc, ' — ')}", "", *_document_findings(doc, lang)]
    return lines[1:]


def _document_findings(doc: DocumentResult, lang: str) -> list[str]:
    active = doc.active_findings()
    serious = [f for f in active if f.severity is not Severity.INFO]
    quiet = [f for f in doc.findings if f.waived or f.severity is Severity.INFO]
    lines = [_finding_line(f, lang) for f in serious] or [LABELS("no_problems", lang)]
    if quiet:
        label = quiet_label(quiet, lang)
        lines += ["", f"<details><summary>{label}</summary>", "", *(_finding_line(f, lang) for f in quiet)]
        lines += ["", "</details>"]
    return lines


def quiet_label(quiet: Sequence[Finding], lang: str) -> str:
    """ "3 info, 1 waived": what a collapsed block of findings holds."""
    info = sum(1 for f in quiet if not f.waived)
    parts = [LABELS("more_info", lang, count=info), LABELS("more_waived", lang, count=len(quiet) - info)]
    return ", ".join(part for part, count in zip(parts, (info, len(quiet) - info), strict=True) if count)


def _finding_line(finding: Finding, lang: str) -> str:
    severity = f"{_SEVERITY_MARKS[finding.severity]} **{LABELS(finding.severity.value, lang)}**"
    where = f"{LABELS('line', lang).lower()} {finding.line}"
    waived = f" _({LABELS('waived', lang, until=escape(finding.waiver.until))})_" if finding.waiver else ""
    return f"- {severity} · {where} · **{escape(finding.rule)}** {escape(finding.message(lang))}{waived}"
