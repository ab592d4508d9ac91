"""The JSON contract of CLI.md: stable keys, versioned by `format_version`."""

from __future__ import annotations

import json
from typing import Any

from svcstd.model import DocumentResult, Finding, PrincipleResult, Report
from svcstd.reporters import RenderOptions

FORMAT_VERSION = 1


def render(report: Report, options: RenderOptions) -> str:
    return json.dumps(as_dict(report, options.lang), ensure_ascii=False, indent=2) + "\n"


def as_dict(report: Report, lang: str) -> dict[str, Any]:
    counts = report.counts()
    return {
        "tool": {"name": "svcstd", "version": report.tool_version},
        "format_version": FORMAT_VERSION,
        "as_of": report.as_of,
        "summary": {
            "documents": len(report.documents),
            "passed": sum(d.passed for d in report.documents),
            "failed": sum(not d.passed for d in report.documents),
            "invalid": sum(not d.valid for d in report.documents),
            "findings": counts._asdict(),
        },
        "documents": [_document(doc, lang) for doc in report.documents],
    }


def _document(doc: DocumentResult, lang: str) -> dict[str, Any]:
    return {
        "path": doc.path,
        "index": doc.index,
        "id": doc.id,
        "title": doc.title,
        "valid": doc.valid,
        "passed": doc.passed,
        "score": doc.score,
        "grade": doc.grade.key if doc.grade else None,
        "grade_label": doc.grade.label(lang) if doc.grade else None,
        "principles": {p.principle.value: _principle(p) for p in doc.principles},
        "findings": [_finding(f, lang) for f in doc.findings],
    }


def _principle(result: PrincipleResult) -> dict[str, Any]:
    return {
        "score": result.score,
        "passed": list(result.passed),
        "failed": list(result.failed),
        "not_applicable": list(result.not_applicable),
        "waived": list(result.waived),
    }


def _finding(finding: Finding, lang: str) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "rule": finding.rule,
        "principle": finding.principle.value if finding.principle else None,
        "severity": finding.severity.value,
        "message": finding.message(lang),
        "pointer": finding.pointer,
        "line": finding.line,
        "column": finding.column,
        "waived": finding.waived,
    }
    if finding.waiver is not None:
        entry["waiver"] = finding.waiver._asdict()
    return entry
