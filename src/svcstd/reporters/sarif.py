"""SARIF 2.1.0 for GitHub code scanning and other viewers: one run, stable rule ids and fingerprints."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any
from urllib.parse import quote

from svcstd import escaping
from svcstd.fingerprints import SCHEME, document_fingerprints, posix_path
from svcstd.i18n import Catalog
from svcstd.model import DocumentResult, Finding, Report, RuleInfo, Severity, finding_path
from svcstd.reporters import RenderOptions, indented

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/svcstd/svcstd"
RULES_DOC_URI = "https://github.com/svcstd/svcstd/blob/main/docs/rules.md"
SRCROOT = "%SRCROOT%"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}

MESSAGES = Catalog(
    "sarif",
    {
        "untitled": ("A check this run did not describe", "Pemeriksaan yang tidak diuraikan dalam proses ini"),
        "generic_help": (
            "Read the message: it names the place and how to fix it.",
            "Bacalah pesan temuan: pesan itu menunjukkan letak masalah dan cara memperbaikinya.",
        ),
        "reference": ("Legal basis", "Dasar hukum"),
        "srcroot": ("The folder svcstd was run in", "Folder tempat svcstd dijalankan"),
    },
)


def render(report: Report, options: RenderOptions) -> str:
    return "".join(render_chunks(report, options))


def render_chunks(report: Report, options: RenderOptions) -> Iterator[str]:
    """The same text as `json_text(as_dict(report, lang), indent=2)`, one document's results at a time.

    One pass collects the rules the findings name (the run's header lists them); a second renders the
    results document by document, each indented as it stands in the whole, so memory stays flat.
    """
    lang = options.lang
    used = _used(report.documents)
    index = {finding.rule: position for position, finding in enumerate(used)}
    whole = escaping.json_text(_whole(report, used, [], lang), indent=2)
    cut = whole.rindex(_EMPTY_RESULTS) + len(_EMPTY_RESULTS) - 1
    yield whole[:cut]
    first = True
    for doc in report.documents:
        for result in _results(doc, index, lang):
            text = indented.text(result, len(_RESULT_INDENT))  # json_text(result, indent=2), lines indented
            yield ("\n" if first else ",\n") + _RESULT_INDENT + text
            first = False
    yield whole[cut:] if first else "\n" + _RESULT_INDENT[:-2] + whole[cut:]
    yield "\n"


_EMPTY_RESULTS = '"results": []'
_RESULT_INDENT = " " * 8
"""How deep a result stands in the whole: {"runs": [{"results": [ here ]}]}, two spaces a level."""


def _shown(text: str | None) -> str | None:
    """Document or repository text as a viewer shows it: controls and bidi overrides visible (escaping.terminal)."""
    return None if text is None else escaping.terminal(text)


def as_dict(report: Report, lang: str) -> dict[str, Any]:
    used = _used(report.documents)
    index = {finding.rule: position for position, finding in enumerate(used)}
    results = [result for doc in report.documents for result in _results(doc, index, lang)]
    return _whole(report, used, results, lang)


def _used(documents: Iterable[DocumentResult]) -> list[Finding]:
    """The last finding of each rule the documents name, by rule id: what the run's rule descriptors describe."""
    return sorted({f.rule: f for doc in documents for f in doc.findings}.values(), key=lambda f: f.rule)


def _whole(report: Report, used: list[Finding], results: list[dict[str, Any]], lang: str) -> dict[str, Any]:
    known = report.rule_index()
    driver = {
        "name": "svcstd",
        "version": report.tool_version,
        "semanticVersion": report.tool_version,
        "informationUri": INFORMATION_URI,
        "rules": [_descriptor(finding, known.get(finding.rule), lang) for finding in used],
    }
    run = {
        "tool": {"driver": driver},
        "originalUriBaseIds": {SRCROOT: {"description": {"text": MESSAGES("srcroot", lang)}}},
        "columnKind": "unicodeCodePoints",
        "properties": {"asOf": report.as_of},
        "results": results,
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def _descriptor(finding: Finding, rule: RuleInfo | None, lang: str) -> dict[str, Any]:
    """The rule or check as the report describes it: built-in, custom, YML, SCH, WVR or GAT alike."""
    if rule is None:
        title = MESSAGES("untitled", lang)
        return {
            "id": finding.rule,
            "shortDescription": {"text": title},
            "help": {"text": MESSAGES("generic_help", lang)},
            "defaultConfiguration": {"level": LEVELS[finding.severity]},
        }
    # A custom rule's texts are the checked repository's: shown, never obeyed, never Markdown of their own.
    custom = rule.kind == "custom"
    plain = escaping.terminal if custom else _unchanged
    marked = escaping.markdown if custom else _unchanged
    help_text, help_markdown = plain(rule.help(lang)), marked(rule.help(lang))
    if rule.reference is not None:
        reference = f"{MESSAGES('reference', lang)}: {rule.reference(lang)}"
        help_text, help_markdown = f"{help_text}\n\n{plain(reference)}", f"{help_markdown}\n\n**{marked(reference)}**"
    description = rule.description or rule.title
    return {
        "id": rule.id,
        "name": _pascal(rule.title.en),
        "shortDescription": {"text": plain(rule.title(lang))},
        "fullDescription": {"text": plain(description(lang))},
        "help": {"text": help_text, "markdown": help_markdown},
        "helpUri": f"{RULES_DOC_URI}#{rule.id.lower()}",
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"tags": [rule.principle.value if rule.principle else rule.kind]},
    }


def _unchanged(text: str) -> str:
    return text


def _pascal(title: str) -> str:
    return "".join(word[:1].upper() + word[1:] for word in re.findall(r"[A-Za-z0-9]+", title))


def _results(doc: DocumentResult, index: dict[str, int], lang: str) -> list[dict[str, Any]]:
    prints = document_fingerprints(doc)
    return [_result(doc, finding, index[finding.rule], prints[n], lang) for n, finding in enumerate(doc.findings)]


def _result(doc: DocumentResult, finding: Finding, rule_index: int, print_: str, lang: str) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": finding.rule,
        "ruleIndex": rule_index,
        "level": LEVELS[finding.severity],
        "message": {"text": escaping.terminal(finding.message(lang))},
        "locations": [_location(doc, finding, lang)],
        "partialFingerprints": {SCHEME: print_},
        "properties": {"documentIndex": doc.index, "documentId": _shown(doc.id)},
    }
    if finding.waiver is not None:
        waiver = finding.waiver
        properties = {"approvedBy": _shown(waiver.approved_by), "until": _shown(waiver.until)}
        suppression = {"kind": "inSource", "status": "accepted", "justification": _shown(waiver.reason)}
        result["suppressions"] = [suppression | {"properties": properties}]
    return result


def _location(doc: DocumentResult, finding: Finding, lang: str) -> dict[str, Any]:
    logical = [{"fullyQualifiedName": escaping.terminal(finding.pointer), "kind": "element"}]
    if finding.origin is not None:  # an original document (.docx, .pdf, …): no line, its page/table/row instead
        place = finding.origin.describe(lang)
        logical.append({"name": place, "fullyQualifiedName": place, "kind": "element"})
        physical = {"artifactLocation": artifact_location(doc.path)}
        return {"physicalLocation": physical, "logicalLocations": logical, "message": {"text": place}}
    region = {"startLine": max(finding.line, 1), "startColumn": max(finding.column, 1)}
    return {
        "physicalLocation": {"artifactLocation": artifact_location(finding_path(doc, finding)), "region": region},
        "logicalLocations": logical,
    }


def artifact_location(path: str) -> dict[str, str]:
    """A relative path becomes a percent-encoded URI under %SRCROOT%; an absolute one a file: URI.

    A file name that is not UTF-8 is encoded as the bytes it has on disk (`%E9`), so the URI still names it.
    """
    posix = posix_path(path)
    uri = quote(posix, safe="/", errors="surrogateescape")
    if posix.startswith("/"):
        return {"uri": "file://" + uri}
    return {"uri": uri, "uriBaseId": SRCROOT}
