"""GitLab Code Quality JSON: merge-request widgets keyed by fingerprints that survive line moves."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from svcstd import escaping
from svcstd.checks import kind_of
from svcstd.fingerprints import document_fingerprints, posix_path
from svcstd.model import DocumentResult, Finding, Report, Severity, finding_path
from svcstd.reporters import RenderOptions, indented

SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}
# A file that cannot be read or parsed hides every other problem in it.


def render(report: Report, options: RenderOptions) -> str:
    return "".join(render_chunks(report, options))


def render_chunks(report: Report, options: RenderOptions) -> Iterator[str]:
    """The same text as `json_text(list_of_issues, indent=2)`, one document's issues at a time."""
    first = True
    for doc in report.documents:
        for issue in _issues(doc, options.lang):
            text = indented.text(issue, 2)  # json_text(issue, indent=2), its lines indented by two
            yield ("[\n  " if first else ",\n  ") + text
            first = False
    yield "[]\n" if first else "\n]\n"


def _issues(doc: DocumentResult, lang: str) -> list[dict[str, Any]]:
    prints = document_fingerprints(doc)
    return [_issue(doc, finding, prints[n], lang) for n, finding in enumerate(doc.findings) if finding.waiver is None]


def severity(finding: Finding) -> str:
    if finding.severity is Severity.ERROR and kind_of(finding.rule) == "reading":
        return "critical"
    return SEVERITIES[finding.severity]


def _issue(doc: DocumentResult, finding: Finding, fingerprint: str, lang: str) -> dict[str, Any]:
    description = f"{finding.rule}: {' '.join(finding.message(lang).split())}"
    if finding.origin is not None:  # an original document (.docx, .pdf, …): the widget needs a line, 1 stands
        description += f" ({finding.origin.describe(lang)})"
    line = 1 if finding.origin is not None else max(finding.line, 1)
    return {
        "type": "issue",
        "description": escaping.terminal(description),
        "check_name": finding.rule,
        "fingerprint": fingerprint,
        "severity": severity(finding),
        # Shown escaped, like the description: a name with controls or undecodable bytes loses its link only.
        "location": {"path": escaping.terminal(posix_path(finding_path(doc, finding))), "lines": {"begin": line}},
    }
