"""GitHub Actions workflow commands (annotations on the pull request) and the job summary."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from svcstd import escaping
from svcstd.i18n import Catalog, decimal
from svcstd.model import DocumentResult, Finding, Report, RuleInfo, Severity, document_name, finding_path
from svcstd.reporters import RenderOptions

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}

MESSAGES = Catalog(
    "github",
    {
        "heading": ("svcstd: service standards", "svcstd: standar pelayanan"),
        "columns": (
            "| Standard | Score | Grade | Gate | Errors | Warnings | Info |",
            "| Standar | Skor | Predikat | Gerbang | Galat | Peringatan | Info |",
        ),
        "passed": ("passed", "lolos"),
        "failed": ("failed", "tidak lolos"),
        "summary": (
            "svcstd: {documents} document(s), {failed} failing; {error} error(s), {warning} warning(s), {info} info.",
            "svcstd: {documents} dokumen, {failed} tidak lolos; {error} galat, {warning} peringatan, {info} info.",
        ),
    },
)


inert_line = escaping.inert_line
"""A line of plain output that neither a terminal nor a runner obeys (kept here for its older callers)."""


def escape_data(text: str) -> str:
    """GitHub's escaping of a command's message."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """GitHub's escaping of a command's property value: the message's, plus `:` and `,`."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(report: Report, options: RenderOptions) -> str:
    return "".join(render_chunks(report, options))


def render_chunks(report: Report, options: RenderOptions) -> Iterator[str]:
    """One chunk of annotations per document, then the summary line."""
    known = report.rule_index()
    for doc in report.documents:
        if options.quiet and doc.passed:
            continue
        for finding in doc.active_findings():
            yield command(doc, finding, options.lang, known.get(finding.rule)) + "\n"
    yield _summary(report, options.lang) + "\n"


def command(doc: DocumentResult, finding: Finding, lang: str, rule: RuleInfo | None = None) -> str:
    """`::error file=…,line=…,col=…,title=…::message` for one finding, titled by the rule the report carries."""
    title = f"{finding.rule} {rule.title(lang)}" if rule else finding.rule
    properties = {
        "file": finding_path(doc, finding),
        "line": str(max(finding.line, 1)),
        "col": str(max(finding.column, 1)),
        "title": title,
    }
    message = finding.message(lang)
    if finding.origin is not None:  # an original document (.docx, .pdf, …): no line, its page/table/row instead
        del properties["line"], properties["col"]
        message = f"[{finding.origin.describe(lang)}] {message}"
    # Controls shown first (escaping.terminal), so the log never obeys an escape sequence or a bidi override;
    # a file name with controls or undecodable bytes may then miss its file, but its line stays inert.
    joined = ",".join(f"{key}={escape_property(escaping.terminal(value))}" for key, value in properties.items())
    return f"::{COMMANDS[finding.severity]} {joined}::{escape_data(_shown(message))}"


def _shown(message: str) -> str:
    """A message's controls shown, its line breaks kept (GitHub's `%0A` makes them part of the annotation)."""
    return "\n".join(escaping.terminal(line) for line in message.split("\n"))


def _summary(report: Report, lang: str) -> str:
    tally = report.tally()
    return MESSAGES("summary", lang, documents=tally.documents, failed=tally.failed, **tally.counts._asdict())


def escape_markdown(text: str) -> str:
    """One table cell of the job summary (escaping.markdown)."""
    return escaping.markdown(text)


def step_summary(report: Report, lang: str) -> str:
    """The job summary: a Markdown table of every document."""
    return "".join(step_summary_chunks(report, lang))


def step_summary_chunks(report: Report, lang: str) -> Iterator[str]:
    """The job summary a row at a time."""
    lines = ["", f"### {MESSAGES('heading', lang)}", "", MESSAGES("columns", lang), "|---|---:|---|---|---:|---:|---:|"]
    yield "\n".join(lines)
    for doc in report.documents:
        yield "\n" + _row(doc, lang)
    yield "\n" + "\n".join(["", _summary(report, lang), ""])  # counts only: no document text to escape


def _row(doc: DocumentResult, lang: str) -> str:
    counts = dict.fromkeys(Severity, 0)
    for finding in doc.active_findings():
        counts[finding.severity] += 1
    name = doc.title or doc.id or document_name(doc)
    score = decimal(doc.score, lang) if doc.score is not None else "—"
    grade = doc.grade.label(lang) if doc.grade else "—"
    gate = MESSAGES("passed" if doc.passed else "failed", lang)
    cells = [f"{escape_markdown(name)}<br>{escape_markdown(doc.path)}", score, escape_markdown(grade), gate]
    cells.extend(str(counts[s]) for s in Severity)
    return "| " + " | ".join(cells) + " |"


def write_step_summary(report: Report, lang: str) -> None:
    """Append the job summary to $GITHUB_STEP_SUMMARY, when GitHub Actions provides one."""
    path = os.environ.get("GITHUB_STEP_SUMMARY")
    if not path:
        return
    with Path(path).open("a", encoding="utf-8", errors="backslashreplace") as stream:
        stream.writelines(step_summary_chunks(report, lang))
