"""SARIF 2.1.0 for GitHub code scanning and other viewers: one run, stable rule ids and fingerprints."""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import quote

from svcstd.fingerprints import SCHEME, document_fingerprints, posix_path
from svcstd.i18n import Catalog
from svcstd.model import DocumentResult, Finding, Report, Severity
from svcstd.reporters import RenderOptions
from svcstd.rules import rules_by_id
from svcstd.rules.base import Rule

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/svcstd/svcstd"
RULES_DOC_URI = "https://github.com/svcstd/svcstd/blob/main/docs/rules.md"
SRCROOT = "%SRCROOT%"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}

MESSAGES = Catalog(
    "sarif",
    {
        "SCH": ("The standard does not match the schema", "Standar tidak sesuai dengan skema"),
        "YML": ("The file cannot be read as YAML", "Berkas tidak dapat dibaca sebagai YAML"),
        "WVR": ("A waiver is not acceptable", "Pengecualian tidak dapat diterima"),
        "other": ("A custom rule", "Aturan tambahan"),
        "generic_help": (
            "Read the message: it names the place and how to fix it.",
            "Bacalah pesan temuan: pesan itu menunjukkan letak masalah dan cara memperbaikinya.",
        ),
        "reference": ("Legal basis", "Dasar hukum"),
        "srcroot": ("The folder svcstd was run in", "Folder tempat svcstd dijalankan"),
    },
)


def render(report: Report, options: RenderOptions) -> str:
    return json.dumps(as_dict(report, options.lang), ensure_ascii=False, indent=2) + "\n"


def as_dict(report: Report, lang: str) -> dict[str, Any]:
    used = sorted({f.rule: f for doc in report.documents for f in doc.findings}.values(), key=lambda f: f.rule)
    index = {finding.rule: position for position, finding in enumerate(used)}
    results = [result for doc in report.documents for result in _results(doc, index, lang)]
    driver = {
        "name": "svcstd",
        "version": report.tool_version,
        "semanticVersion": report.tool_version,
        "informationUri": INFORMATION_URI,
        "rules": [_descriptor(finding, lang) for finding in used],
    }
    run = {
        "tool": {"driver": driver},
        "originalUriBaseIds": {SRCROOT: {"description": {"text": MESSAGES("srcroot", lang)}}},
        "columnKind": "unicodeCodePoints",
        "properties": {"asOf": report.as_of},
        "results": results,
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def _descriptor(finding: Finding, lang: str) -> dict[str, Any]:
    known = rules_by_id().get(finding.rule)
    if known is not None:
        return _rule_descriptor(known, lang)
    prefix = finding.rule[:3] if finding.rule[:3] in ("SCH", "YML", "WVR") else "other"
    title = MESSAGES(prefix, lang)
    return {
        "id": finding.rule,
        "name": _pascal(MESSAGES(prefix, "en")),
        "shortDescription": {"text": title},
        "fullDescription": {"text": title},
        "help": {"text": MESSAGES("generic_help", lang), "markdown": MESSAGES("generic_help", lang)},
        "helpUri": f"{RULES_DOC_URI}#{finding.rule.lower()}",
        "defaultConfiguration": {"level": LEVELS[finding.severity]},
        "properties": {"tags": [finding.principle.value] if finding.principle else [prefix.lower()]},
    }


def _rule_descriptor(rule: Rule, lang: str) -> dict[str, Any]:
    reference = f"{MESSAGES('reference', lang)}: {rule.reference(lang)}"
    return {
        "id": rule.id,
        "name": _pascal(rule.title.en),
        "shortDescription": {"text": rule.title(lang)},
        "fullDescription": {"text": rule.rationale(lang)},
        "help": {"text": f"{rule.fix(lang)}\n\n{reference}", "markdown": f"{rule.fix(lang)}\n\n**{reference}**"},
        "helpUri": f"{RULES_DOC_URI}#{rule.id.lower()}",
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"tags": [rule.principle.value]},
    }


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
        "message": {"text": finding.message(lang)},
        "locations": [_location(doc, finding)],
        "partialFingerprints": {SCHEME: print_},
        "properties": {"documentIndex": doc.index, "documentId": doc.id},
    }
    if finding.waiver is not None:
        waiver = finding.waiver
        properties = {"approvedBy": waiver.approved_by, "until": waiver.until}
        result["suppressions"] = [
            {"kind": "inSource", "status": "accepted", "justification": waiver.reason, "properties": properties}
        ]
    return result


def _location(doc: DocumentResult, finding: Finding) -> dict[str, Any]:
    region = {"startLine": max(finding.line, 1), "startColumn": max(finding.column, 1)}
    return {
        "physicalLocation": {"artifactLocation": artifact_location(doc.path), "region": region},
        "logicalLocations": [{"fullyQualifiedName": finding.pointer, "kind": "element"}],
    }


def artifact_location(path: str) -> dict[str, str]:
    """A relative path becomes a percent-encoded URI under %SRCROOT%; an absolute one a file: URI."""
    posix = posix_path(path)
    if posix.startswith("/"):
        return {"uri": "file://" + quote(posix, safe="/")}
    return {"uri": quote(posix, safe="/"), "uriBaseId": SRCROOT}
