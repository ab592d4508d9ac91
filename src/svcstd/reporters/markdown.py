"""Markdown for a pull-request comment or a CI job summary: the verdict, the standards worst first, what to fix.

Every piece of document content goes through `escape`, so a standard can never inject Markdown, HTML,
a link or a mention into the page that shows the report. Tables have at most six columns, to fit
GitHub's width, and the whole text keeps within `max_chars` (GitHub caps a comment at 65,536
characters): the worst standards and findings are kept and a note says what was left out.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from itertools import chain

from svcstd import escaping
from svcstd.i18n import Catalog, decimal
from svcstd.model import PRINCIPLE_NAMES, DocumentResult, Finding, Report, Severity
from svcstd.model import document_name as model_document_name
from svcstd.reporters import RenderOptions
from svcstd.reporters.comparison import DocumentChange
from svcstd.reporters.priorities import gate_reason
from svcstd.reporters.summary import (
    EXPIRY_WINDOW_DAYS,
    LABELS,
    ExpiringWaiver,
    ScoreChange,
    Summary,
    finding_where,
    summarize,
)

MESSAGES = Catalog(
    "markdown",
    {
        "cut": (
            "Cut to fit {limit} characters: {items} left out. The whole report: `svcstd report -o report.html`.",
            "Dipangkas agar muat dalam {limit} karakter: {items} tidak dimuat. Laporan lengkap: "
            "`svcstd report -o laporan.html`.",
        ),
        "cut_rows": ("{count} of {total} rows of “{table}”", "{count} dari {total} baris “{table}”"),
        "cut_findings": (
            "the findings of {count} of {total} standards",
            "temuan {count} dari {total} standar pelayanan",
        ),
        "findings_cell": ("Findings", "Temuan"),
        "weakest": ("Weakest principle", "Prinsip terlemah"),
        "worst_first": ("Standards, worst first", "Standar pelayanan, yang terburuk lebih dulu"),
        "regression": ("regression", "kemunduran"),
        "new_fixed": ("{new} new, {fixed} fixed finding(s)", "{new} temuan baru, {fixed} diperbaiki"),
        "legend": (
            "Zone (a document-based estimate of compliance): 🟢 green · 🟡 yellow · 🔴 red · ⚪ not scored. "
            "Severity: 🛑 error · ⚠️ warning · ℹ️ info. Gate: ✅ passes · ❌ fails.",
            "Zona (perkiraan kepatuhan berdasarkan dokumen): 🟢 hijau · 🟡 kuning · 🔴 merah · ⚪ tidak dinilai. "
            "Tingkat: 🛑 galat · ⚠️ peringatan · ℹ️ info. Gerbang: ✅ lolos · ❌ tidak lolos.",
        ),
    },
)
_ZONE_MARKS = {"good": "🟢", "mid": "🟡", "bad": "🔴", "none": "⚪"}
_SEVERITY_MARKS = {Severity.ERROR: "🛑", Severity.WARNING: "⚠️", Severity.INFO: "ℹ️"}
_GATE_MARKS = {True: "✅", False: "❌"}
_NOTE_ROOM = 600
COMPARED_ROWS = 50
"""The changed standards a comparison lists at most: the regressions first, then the largest changes."""


def escape(text: str) -> str:
    """Content as inert Markdown on one line (escaping.markdown)."""
    return escaping.markdown(text)


class Budget:
    """What is left of `max_chars`, and what had to be left out to keep within it."""

    def __init__(self, limit: int | None) -> None:
        self.limit = limit
        self.left = None if limit is None else limit - _NOTE_ROOM
        self.cut: list[str] = []

    def take(self, text: str) -> bool:
        if self.left is None:
            return True
        if len(text) + 1 > self.left:
            return False
        self.left -= len(text) + 1
        return True

    def rows(self, title: str, lines: Iterable[str], lang: str, total: int) -> list[str]:
        """As many of `lines` as fit, in order; the number left out of `total` (all of `lines`) is noted.

        `lines` may be made as they are asked for: none is made after the first that does not fit.
        """
        kept: list[str] = []
        for line in lines:
            if not self.take(line):
                break
            kept.append(line)
        if len(kept) < total:
            self.cut.append(MESSAGES("cut_rows", lang, count=total - len(kept), total=total, table=title))
        return kept

    def note(self, lang: str) -> str:
        if not self.cut or self.limit is None:
            return ""
        limit = f"{self.limit:,}".replace(",", "." if lang == "id" else ",")
        return f"> ✂️ {MESSAGES('cut', lang, limit=limit, items='; '.join(self.cut))}"


def render(report: Report, options: RenderOptions) -> str:
    """`svcstd check --format markdown`: the headline, the standards worst first, then their findings."""
    summary = summarize(report)
    lang = options.lang
    budget = Budget(options.max_chars)
    heading = f"## svcstd — {LABELS('checked', lang, documents=len(report.documents))}"
    head = [heading, "", _headline(summary, lang), "", MESSAGES("legend", lang)]
    budget.take("\n".join(head))
    parts = [head, _standards(summary, _order(summary), lang, budget)]
    parts.append(_findings(summary, _order(summary), lang, "###", budget))
    return _join(parts, budget.note(lang))


def render_summary(summary: Summary, options: RenderOptions, title: str | None = None) -> str:
    """`svcstd report -o FILE.md`: the verdict, changes, standards worst first, the rules to fix, the findings."""
    lang = options.lang
    budget = Budget(options.max_chars)
    heading = f"# {escape(title) if title else LABELS('title', lang)}"
    version = summary.report.tool_version
    head = [heading, "", LABELS("as_of", lang, date=summary.report.as_of, version=version), ""]
    head += [_headline(summary, lang), "", _grade_line(summary, lang), "", MESSAGES("legend", lang)]
    budget.take("\n".join(head))
    parts: list[Iterable[str]] = [head, _comparison(summary, lang, budget), _principles(summary, lang, budget)]
    parts.append([f"## {MESSAGES('worst_first', lang)}", "", *_standards(summary, _order(summary), lang, budget)])
    parts += [_top_rules(summary, lang, budget), _overdue(summary, lang, budget), _expiring(summary, lang, budget)]
    findings = _findings(summary, _order(summary), lang, "###", budget)
    parts.append([f"## {LABELS('findings', lang)}", "", *findings] if findings else [])
    return _join(parts, budget.note(lang))


def summary_chunks(summary: Summary, options: RenderOptions, title: str | None = None) -> Iterator[str]:
    """`render_summary` in pieces, for `svcstd report`. Within `max_chars` the text is small and made whole;
    without a limit (`--max-chars 0`) the long lists (standards, reviews, waivers, findings) are written
    a row at a time, so that memory does not grow with the corpus. The text is the same either way."""
    if options.max_chars is not None:
        yield render_summary(summary, options, title)
        return
    lang = options.lang
    budget = Budget(None)
    heading = f"# {escape(title) if title else LABELS('title', lang)}"
    version = summary.report.tool_version
    head = [heading, "", LABELS("as_of", lang, date=summary.report.as_of, version=version), ""]
    head += [_headline(summary, lang), "", _grade_line(summary, lang), "", MESSAGES("legend", lang)]
    parts: list[Iterable[str]] = [head, _comparison(summary, lang, budget), _principles(summary, lang, budget)]
    parts.append(chain([f"## {MESSAGES('worst_first', lang)}", ""], _all_standards(summary, lang)))
    parts.append(_top_rules(summary, lang, budget))
    overdue = (
        _row([document_name(i.document), escape(i.document.meta.provider or "—"), i.due, str(i.days)])
        for i in summary.overdue
    )
    parts.append(_overdue(summary, lang, budget, overdue))
    parts.append(_expiring(summary, lang, budget, map(_expiring_row, summary.expiring)))
    if summary.facts.with_findings:
        findings = (doc for doc in _order(summary) if doc.findings)
        blocks = (["", f"### {document_name(doc, ' — ')}", "", *_document_findings(doc, lang)] for doc in findings)
        lines = chain.from_iterable(blocks)
        next(lines)  # the blank line before the first block
        parts.append(chain([f"## {LABELS('findings', lang)}", ""], lines))
    first = True
    for part in parts:
        if isinstance(part, list):  # a short part: joined and trimmed as `_join` does
            block = "\n".join(part).strip("\n")
            if block:
                yield block if first else "\n\n" + block
                first = False
            continue
        for number, line in enumerate(part):  # a long one: a heading first, never a blank line last
            yield ("" if first else "\n\n") + line if number == 0 else "\n" + line
        first = False
    yield "\n"


def _all_standards(summary: Summary, lang: str) -> Iterator[str]:
    """`_standards` without a limit, a row at a time."""
    if not summary.counts.documents:
        yield LABELS("nothing", lang)
        return
    yield from _standards_header(lang)
    for doc in _order(summary):
        yield _row(_standard_cells(summary, doc, lang))


def _order(summary: Summary) -> Iterator[DocumentResult]:
    """The documents, the worst first, each read when it is reached (the order is positions)."""
    docs = summary.report.documents
    return (docs[n] for n in summary.order)


def _join(parts: Iterable[Iterable[str]], note: str) -> str:
    blocks = ["\n".join(part).strip("\n") for part in parts if part]
    if note:
        blocks.insert(1, note)
    return "\n\n".join(block for block in blocks if block) + "\n"


def _headline(summary: Summary, lang: str) -> str:
    counts = summary.counts
    average = decimal(counts.average, lang) if counts.average is not None else "—"
    head = LABELS(
        "headline", lang, passing=counts.passing, documents=counts.documents, valid=counts.valid, average=average
    )
    marks = (
        f"{_SEVERITY_MARKS[s]} {LABELS(f'count_{s.value}', lang, count=n)}"
        for s, n in zip(Severity, counts.findings, strict=True)
    )
    return f"**{head}** · " + " · ".join(marks)


def _grade_line(summary: Summary, lang: str) -> str:
    grades = (f"{_ZONE_MARKS[g.tone]} {escape(g.label(lang))}: {g.documents}" for g in summary.grades)
    return f"{LABELS('grades', lang)}: " + " · ".join(grades)


def _row(cells: Iterable[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _standards(summary: Summary, documents: Iterable[DocumentResult], lang: str, budget: Budget) -> list[str]:
    if not summary.counts.documents:
        return [LABELS("nothing", lang)]
    header = _standards_header(lang)
    budget.take("\n".join(header))
    rows = (_row(_standard_cells(summary, doc, lang)) for doc in documents)
    return header + budget.rows(LABELS("documents", lang), rows, lang, summary.counts.documents)


def _standards_header(lang: str) -> list[str]:
    keys = [LABELS("standard", lang), LABELS("score", lang), LABELS("grade", lang), LABELS("gate", lang)]
    return [
        _row([*keys, MESSAGES("findings_cell", lang), MESSAGES("weakest", lang)]),
        _row(["---", "--:", "---", "---", "---", "---"]),
    ]


def _standard_cells(summary: Summary, doc: DocumentResult, lang: str) -> list[str]:
    reason = gate_reason(doc)
    gate = f"{_GATE_MARKS[doc.passed]} {LABELS('passed' if doc.passed else 'failed', lang)}"
    gate += f": {escape(reason(lang))}" if reason else ""
    active = doc.active_findings()
    tally = " ".join(f"{_SEVERITY_MARKS[s]} {n}" for s in Severity if (n := sum(1 for f in active if f.severity is s)))
    if doc.score is None or doc.grade is None:
        return [document_name(doc), "—", f"{_ZONE_MARKS['none']} {LABELS('not_scored', lang)}", gate, tally, "—"]
    zone = f"{_ZONE_MARKS[summary.tone(doc.score)]} {escape(doc.grade.label(lang).split(' — ')[0])}"
    scored = [r for r in doc.principles if r.score is not None]
    weakest = min(scored, key=lambda r: r.score or 0.0) if scored else None
    weak = f"{PRINCIPLE_NAMES[weakest.principle](lang)} {_number(weakest.score, lang)}" if weakest else "—"
    score = f"**{decimal(doc.score, lang)}**<br>{LABELS('quality', lang)} {_number(doc.quality, lang)}"
    return [document_name(doc), score, zone, gate, tally or "—", weak]


def _number(score: float | None, lang: str) -> str:
    return decimal(score, lang) if score is not None else "—"


def document_name(doc: DocumentResult, separator: str = "<br>") -> str:
    """The path (with the document's number in a multi-document file) and the title, escaped."""
    place = escape(doc.path) + model_document_name(doc)[len(doc.path) :]
    name = doc.title or doc.id
    return f"{place}{separator}{escape(name)}" if name else place


def _principles(summary: Summary, lang: str, budget: Budget) -> list[str]:
    lines = [f"## {LABELS('principles', lang)}", "", _row([LABELS("principle", lang), LABELS("score", lang)])]
    lines.append(_row(["---", "--:"]))
    for principle, score in summary.principles:
        mark = _ZONE_MARKS[summary.tone(score)]
        lines.append(_row([PRINCIPLE_NAMES[principle](lang), f"{mark} {_number(score, lang)}"]))
    budget.take("\n".join(lines))
    return lines


def _top_rules(summary: Summary, lang: str, budget: Budget) -> list[str]:
    lines = [f"## {LABELS('top_rules', lang)}", ""]
    if not summary.top_rules:
        return [*lines, LABELS("none", lang)]
    keys = ("rule", "in_documents", "findings_count", "fix")
    lines += [_row(LABELS(key, lang) for key in keys), _row(["---", "--:", "--:", "---"])]
    budget.take("\n".join(lines))
    rows = []
    for tally in summary.top_rules:
        title = tally.title(lang) if tally.title else tally.example(lang)
        rule = f"{_SEVERITY_MARKS[tally.severity]} **{escape(tally.rule)}** {escape(title)}"
        fix = escape(tally.fix(lang)) if tally.fix else "—"
        rows.append(_row([rule, str(tally.documents), str(tally.findings), fix]))
    lines += budget.rows(LABELS("top_rules", lang), rows, lang, len(rows))
    cited = [f"- **{escape(t.rule)}**: {escape(t.reference(lang))}" for t in summary.top_rules if t.reference]
    if cited:
        kept = budget.rows(LABELS("reference", lang), cited, lang, len(cited))
        lines += ["", f"**{LABELS('reference', lang)}**", "", *kept]
    return lines


def _overdue(summary: Summary, lang: str, budget: Budget, stream: Iterator[str] | None = None) -> Iterable[str]:
    """The reviews overdue within the budget; with `stream` (its rows, no limit) the lines as they come."""
    lines = [f"## {LABELS('overdue', lang)}", ""]
    if not summary.overdue:
        return [*lines, LABELS("none", lang)]
    keys = ("standard", "provider", "due", "days_overdue")
    lines += [_row(LABELS(key, lang) for key in keys), _row(["---", "---", "---", "--:"])]
    if stream is not None:
        return chain(lines, stream)
    budget.take("\n".join(lines))
    rows = (
        _row([document_name(i.document), escape(i.document.meta.provider or "—"), i.due, str(i.days)])
        for i in summary.overdue
    )
    return lines + budget.rows(LABELS("overdue", lang), rows, lang, len(summary.overdue))


def _expiring(summary: Summary, lang: str, budget: Budget, stream: Iterator[str] | None = None) -> Iterable[str]:
    """The waivers ending soon within the budget; with `stream` (its rows, no limit) the lines as they come."""
    heading = LABELS("expiring", lang, days=EXPIRY_WINDOW_DAYS)
    lines = [f"## {heading}", ""]
    if not summary.expiring:
        return [*lines, LABELS("none", lang)]
    keys = ("standard", "rule", "until", "days_left", "approved_by", "reason")
    lines += [_row(LABELS(key, lang) for key in keys), _row(["---", "---", "---", "--:", "---", "---"])]
    if stream is not None:
        return chain(lines, stream)
    budget.take("\n".join(lines))
    rows = map(_expiring_row, summary.expiring)
    return lines + budget.rows(heading, rows, lang, len(summary.expiring))


def _expiring_row(item: ExpiringWaiver) -> str:
    waiver = item.waiver
    cells = [escape(waiver.rule), escape(waiver.until), str(item.days), escape(waiver.approved_by)]
    return _row([document_name(item.document), *cells, escape(waiver.reason)])


def _comparison(summary: Summary, lang: str, budget: Budget) -> list[str]:
    comparison = summary.comparison
    if comparison is None:
        return []
    lines = [f"## {LABELS('changes', lang, date=escape(comparison.previous_as_of))}", ""]
    headline = comparison.headline
    lines.append(
        f"{LABELS('passing', lang)}: {_count_change(*headline.passing)} · "
        f"{LABELS('average', lang)}: {_change_text(comparison.overall, lang)} · "
        f"{LABELS('errors', lang)}: {_count_change(*headline.errors)}"
    )
    lines += ["", _row(LABELS(k, lang) for k in ("standard", "before", "now", "change", "grade", "gate"))]
    lines.append(_row(["---", "--:", "--:", "--:", "---", "---"]))
    lines.append(_row([f"**{LABELS('overall', lang)}**", *_change_cells(comparison.overall, lang), "", ""]))
    for principle, change in comparison.principles:
        lines.append(_row([PRINCIPLE_NAMES[principle](lang), *_change_cells(change, lang), "", ""]))
    budget.take("\n".join(lines))
    # The standards that changed, the regressions first and then by size of change (comparison.py), at most
    # COMPARED_ROWS so that the standards worst first keep their room; one line counts the unchanged ones.
    changed = comparison.changed
    rows = [_row(_document_change(summary, item, lang)) for item in changed[:COMPARED_ROWS]]
    lines += budget.rows(LABELS("changes", lang, date=comparison.previous_as_of), rows, lang, len(changed))
    if len(changed) < len(comparison.documents):
        lines += ["", LABELS("unchanged", lang, count=len(comparison.documents) - len(changed))]
    if comparison.added:
        lines += ["", LABELS("added", lang, items=", ".join(document_name(d) for d in comparison.added))]
    if comparison.removed:
        lines += ["", LABELS("removed", lang, items=", ".join(escape(d.path) for d in comparison.removed))]
    return lines


def _document_change(summary: Summary, item: DocumentChange, lang: str) -> list[str]:
    doc = item.document
    name = document_name(doc)
    if item.regressed:
        name = f"🔻 **{MESSAGES('regression', lang)}** · {name}"
    zones = {band.key: band for band in summary.scale}
    old_zone = zones.get(item.old_grade or "")
    old = f"{_ZONE_MARKS[summary.tone(old_zone.min)]}" if old_zone else "—"
    new = _ZONE_MARKS[summary.tone(doc.score)]
    old_gate = "—" if item.old_passed is None else _GATE_MARKS[item.old_passed]
    cells = _change_cells(item.change, lang)
    if item.new_findings or item.fixed_findings:
        counts = MESSAGES("new_fixed", lang, new=len(item.new_findings), fixed=len(item.fixed_findings))
        cells[-1] += f"<br>{counts}"
    return [name, *cells, f"{old} → {new}", f"{old_gate} → {_GATE_MARKS[doc.passed]}"]


def _count_change(old: int, new: int) -> str:
    if old == new:
        return f"{new} (± 0)"
    arrow = "▲" if new > old else "▼"
    sign = "+" if new > old else ""
    return f"{new} ({arrow} {sign}{new - old})"


def _change_text(change: ScoreChange, lang: str) -> str:
    _, now, arrow = _change_cells(change, lang)
    return f"{now} ({arrow})"


def _change_cells(change: ScoreChange, lang: str) -> list[str]:
    delta = change.delta
    if delta is None or not delta:
        arrow = "—" if delta is None else "± 0"
    else:
        arrow = f"▲ +{_number(delta, lang)}" if delta > 0 else f"▼ {_number(delta, lang)}"
    return [_number(change.old, lang), _number(change.new, lang), arrow]


def _findings(
    summary: Summary, documents: Iterable[DocumentResult], lang: str, level: str, budget: Budget
) -> list[str]:
    """Each document's findings, in the order of `documents` (those without findings passed over)."""
    lines: list[str] = []
    total = summary.facts.with_findings
    with_findings = (doc for doc in documents if doc.findings)
    for number, doc in enumerate(with_findings):
        block = ["", f"{level} {document_name(doc, ' — ')}", "", *_document_findings(doc, lang)]
        if not budget.take("\n".join(block)):
            budget.cut.append(MESSAGES("cut_findings", lang, count=total - number, total=total))
            break
        lines += block
    return lines[1:]


def _document_findings(doc: DocumentResult, lang: str) -> list[str]:
    active = doc.active_findings()
    serious = sorted((f for f in active if f.severity is not Severity.INFO), key=lambda f: (-f.severity.rank, f.line))
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
    where = finding_where(finding, lang, escape)
    waived = f" _({LABELS('waived', lang, until=escape(finding.waiver.until))})_" if finding.waiver else ""
    return f"- {severity} · {where} · **{escape(finding.rule)}** {escape(finding.message(lang))}{waived}"
