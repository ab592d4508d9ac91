"""JUnit XML for CI test views: one testsuite, one testcase per document, its failing findings."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Mapping

from svcstd import escaping
from svcstd.i18n import Catalog, decimal
from svcstd.model import DocumentResult, Finding, Report, RuleInfo, document_name, finding_path, finding_place
from svcstd.reporters import RenderOptions

# Characters XML 1.0 cannot carry at all, not even escaped.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

MESSAGES = Catalog(
    "junit",
    {
        "suite": ("svcstd service standards", "standar pelayanan svcstd"),
        "failed": ("fails the gate: {count} finding(s)", "tidak lolos gerbang: {count} temuan"),
        "score": ("fails the gate: score {score}", "tidak lolos gerbang: skor {score}"),
    },
)


def clean(text: str) -> str:
    """`text` without the control characters XML 1.0 forbids; ElementTree escapes the rest."""
    return _NOT_XML.sub("", text)


def render(report: Report, options: RenderOptions) -> str:
    return "".join(render_chunks(report, options))


def render_chunks(report: Report, options: RenderOptions) -> Iterator[str]:
    """The suite's head (its counts from the report's tally), then one testcase at a time, as ET.indent lays out."""
    tally = report.tally()
    suite = ET.Element(
        "testsuite",
        name=MESSAGES("suite", options.lang),
        tests=str(tally.documents),
        failures=str(tally.failed),
        errors="0",
        skipped="0",
    )
    properties = ET.SubElement(suite, "properties")
    ET.SubElement(properties, "property", name="svcstd.version", value=clean(report.tool_version))
    ET.SubElement(properties, "property", name="svcstd.as_of", value=clean(report.as_of))
    ET.indent(suite)
    whole = ET.tostring(suite, encoding="unicode")
    cut = whole.rindex("</properties>") + len("</properties>")
    yield '<?xml version="1.0" encoding="UTF-8"?>\n' + whole[:cut]
    known = report.rule_index()
    for doc in report.documents:
        case = _testcase(doc, options, known)
        ET.indent(case, level=1)
        yield "\n  " + ET.tostring(case, encoding="unicode")
    yield whole[cut:] + "\n"


def _testcase(doc: DocumentResult, options: RenderOptions, known: Mapping[str, RuleInfo]) -> ET.Element:
    name = doc.id or document_name(doc)
    case = ET.Element("testcase", classname=escaping.terminal(doc.path), name=escaping.terminal(name))
    findings = doc.active_findings()
    lines = "\n".join(finding_line(doc, f, options.lang, known.get(f.rule)) for f in findings)
    if not doc.passed:
        failure = ET.SubElement(case, "failure", type="svcstd", message=clean(_summary(doc, options.lang)))
        failure.text = clean(lines)
    elif lines and not options.quiet:
        ET.SubElement(case, "system-out").text = clean(lines)
    return case


def _summary(doc: DocumentResult, lang: str) -> str:
    count = len(doc.active_findings())
    if count == 0 and doc.score is not None:
        return MESSAGES("score", lang, score=decimal(doc.score, lang))
    return MESSAGES("failed", lang, count=count)


def finding_line(doc: DocumentResult, finding: Finding, lang: str, rule: RuleInfo | None = None) -> str:
    """`path:line:column: severity ID message`, then the rule's title and what to do, as the report gives them.

    Each line is inert (escaping.inert_line): a CI log that prints the file obeys nothing in it.
    """
    message = " ".join(finding.message(lang).split())
    line = (
        f"{finding_place(finding_path(doc, finding), finding, lang)}: {finding.severity.value} {finding.rule} {message}"
    )
    if rule is None:
        return escaping.inert_line(line)
    help_line = f"    {rule.title(lang)}: {' '.join(rule.help(lang).split())}"
    return f"{escaping.inert_line(line)}\n{escaping.inert_line(help_line)}"
