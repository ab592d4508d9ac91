"""Terminal output: `file:line:column: severity ID message` lines, a score card per document, a summary."""

from __future__ import annotations

from collections.abc import Iterator

from svcstd import escaping
from svcstd.i18n import Catalog, decimal
from svcstd.model import (
    PRINCIPLE_NAMES,
    DocumentResult,
    Finding,
    Report,
    Severity,
    document_name,
    finding_path,
    finding_place,
)
from svcstd.reporters import RenderOptions

MESSAGES = Catalog(
    "text",
    {
        "document": ("{name}: {title}", "{name}: {title}"),
        "score": ("compliance {score} — {grade}", "kepatuhan {score} — {grade}"),
        "no_compliance": (
            "compliance: no binding rule applied",
            "kepatuhan: tidak ada aturan wajib yang berlaku",
        ),
        "quality": ("quality {quality}", "mutu {quality}"),
        "invalid": ("not scored: fix the errors above first", "tidak dinilai: perbaiki dulu galat di atas"),
        "invalid_baselined": (
            "not scored: the document is invalid, and its errors are in the baseline",
            "tidak dinilai: dokumen tidak valid, dan galatnya sudah tercatat dalam berkas acuan (baseline)",
        ),
        "passed": ("passes the gate", "lolos gerbang"),
        "failed": ("fails the gate", "tidak lolos gerbang"),
        "no_score": ("no applicable rule", "tidak ada aturan yang berlaku"),
        "waived": ("(waived until {until})", "(dikecualikan hingga {until})"),
        "summary": (
            "{documents} document(s) checked: {passed} passed, {failed} failed, {invalid} invalid; "
            "{error} error(s), {warning} warning(s), {info} info.",
            "{documents} dokumen diperiksa: {passed} lolos, {failed} tidak lolos, {invalid} tidak valid; "
            "{error} galat, {warning} peringatan, {info} info.",
        ),
        "untitled": ("(no title)", "(tanpa judul)"),
        "nothing": ("No service standard found.", "Tidak ditemukan standar pelayanan."),
        "error": ("error", "galat"),
        "warning": ("warning", "peringatan"),
        "info": ("info", "info"),
    },
)

_COLORS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}
BAR_WIDTH = 20


def printable(text: str) -> str:
    """Control characters shown, not obeyed (escaping.terminal)."""
    return escaping.terminal(text)


def _paint(text: str, code: str, options: RenderOptions) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if options.color else text


def render(report: Report, options: RenderOptions) -> str:
    return "".join(render_chunks(report, options))


def render_chunks(report: Report, options: RenderOptions) -> Iterator[str]:
    """One chunk per document, then the summary: a large run is written as it is rendered."""
    for doc in report.documents:
        if not (options.quiet and doc.passed):
            yield "\n".join(escaping.not_a_command(line) for line in _document_lines(doc, options)) + "\n"
    if not len(report.documents):
        yield MESSAGES("nothing", options.lang) + "\n"
    yield _summary(report, options) + "\n"


def _document_lines(doc: DocumentResult, options: RenderOptions) -> list[str]:
    shown = _failing(doc) if options.quiet else doc.findings
    lines = [_finding_line(doc, f, options) for f in shown]
    title = printable(doc.title or doc.id or MESSAGES("untitled", options.lang))
    header = MESSAGES("document", options.lang, name=printable(document_name(doc)), title=title)
    lines.append(_paint(header, "1", options))
    score_lines = _score_lines(doc, options)
    lines.extend(score_lines[:1] if options.quiet else score_lines)
    lines.append("")
    return lines


def _failing(doc: DocumentResult) -> tuple[Finding, ...]:
    """What `-q` shows of a failing document: its unwaived errors; without any, its most severe findings
    (the warnings that fail a `--fail-on warning` gate), never the less severe ones beside them."""
    active = doc.active_findings()
    worst = max((finding.severity.rank for finding in active), default=0)
    return tuple(finding for finding in active if finding.severity.rank == worst)


def _finding_line(doc: DocumentResult, finding: Finding, options: RenderOptions) -> str:
    severity = _SEVERITIES.get((finding.severity, options.lang, options.color))
    if severity is None:
        severity = _severity(finding.severity, options)
    waived = ""
    if finding.waiver is not None:
        waived = " " + MESSAGES("waived", options.lang, until=printable(finding.waiver.until))
    message = printable(" ".join(finding.message(options.lang).split()))
    place = printable(finding_place(finding_path(doc, finding), finding, lang=options.lang))
    return f"{place}: {severity} {printable(finding.rule)} {message}{waived}"


_SEVERITIES: dict[tuple[Severity, str, bool], str] = {}
"""Each severity's word as a finding's line shows it, by language and colour: made once, not per finding."""


def _severity(severity: Severity, options: RenderOptions) -> str:
    shown = _paint(MESSAGES(severity.value, options.lang), _COLORS[severity], options)
    if type(severity) is Severity and type(options.lang) is str and type(options.color) is bool:
        _SEVERITIES[severity, options.lang, options.color] = shown  # the few keys there are (3 x 2 x 2)
    return shown


def _score_lines(doc: DocumentResult, options: RenderOptions) -> list[str]:
    lang = options.lang
    verdict = MESSAGES("passed" if doc.passed else "failed", lang)
    verdict = _paint(verdict, "32" if doc.passed else "31", options)
    if not doc.valid:
        shown = any(f.severity is Severity.ERROR for f in doc.findings)
        return [f"  {MESSAGES('invalid' if shown else 'invalid_baselined', lang)} · {verdict}"]
    if doc.score is None or doc.grade is None:
        head = MESSAGES("no_compliance", lang)
    else:
        grade = printable(doc.grade.label(lang))  # a configuration's own label is the repository's text
        head = MESSAGES("score", lang, score=decimal(doc.score, lang), grade=grade)
    quality = _quality(doc.quality, lang)
    lines = [f"  {head}{quality} · {verdict}"]
    for result in doc.principles:
        name = PRINCIPLE_NAMES[result.principle](lang)
        quality = _quality(result.quality, lang)
        if result.score is None and result.quality is None:
            lines.append(f"  {name:<15} {'·' * BAR_WIDTH}  {MESSAGES('no_score', lang)}")
            continue
        if result.score is None:
            lines.append(f"  {name:<15} {'·' * BAR_WIDTH}     —{quality}")
            continue
        filled = round(result.score / 100 * BAR_WIDTH)
        bar = "█" * filled + "░" * (BAR_WIDTH - filled)
        lines.append(f"  {name:<15} {bar} {decimal(result.score, lang):>5}{quality}")
    return lines


def _quality(value: float | None, lang: str) -> str:
    """` · quality 72.5`: the good-practice measure shown beside compliance; empty when no such rule applied."""
    return "" if value is None else " · " + MESSAGES("quality", lang, quality=decimal(value, lang))


def _summary(report: Report, options: RenderOptions) -> str:
    tally = report.tally()
    return MESSAGES(
        "summary",
        options.lang,
        documents=tally.documents,
        passed=tally.passed,
        failed=tally.failed,
        invalid=tally.invalid,
        error=tally.counts.error,
        warning=tally.counts.warning,
        info=tally.counts.info,
    )
