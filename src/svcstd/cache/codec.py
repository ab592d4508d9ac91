"""Results as plain JSON data and back, through the same constructors as fresh results.

Nothing of Python's own encoding (pickle, reprs) is stored: the same entry reads the same on every
Python version, and decoding builds only svcstd's result types from checked values, so data that is
not exactly what `encode` writes is refused (a `ValueError`, which the cache treats as a miss).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from svcstd.model import (
    DocumentMeta,
    DocumentResult,
    Finding,
    Grade,
    Principle,
    PrincipleResult,
    Severity,
    Text,
    Waiver,
)

T = TypeVar("T")
Results = tuple[DocumentResult, ...]


def dumps(value: object) -> bytes:
    """Canonical JSON: sorted keys, no spaces, no NaN or infinity (a result holding one is not stored)."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False).encode()


def encode(results: Results) -> list[dict[str, Any]]:
    return [_document(doc) for doc in results]


def decode(data: object) -> Results:
    """The results `encode` wrote; ValueError for anything else."""
    return tuple(_build(_document_from, item) for item in _list(data))


def _document(doc: DocumentResult) -> dict[str, Any]:
    return {
        "path": doc.path,
        "index": doc.index,
        "id": doc.id,
        "title": doc.title,
        "valid": doc.valid,
        "findings": [_finding(finding) for finding in doc.findings],
        "score": doc.score,
        "grade": None if doc.grade is None else {"key": doc.grade.key, "label": list(doc.grade.label)},
        "principles": [_principle(result) for result in doc.principles],
        "passed": doc.passed,
        "meta": {
            "provider": doc.meta.provider,
            "unit": doc.meta.unit,
            "status": doc.meta.status,
            "version": doc.meta.version,
            "last_reviewed": doc.meta.last_reviewed,
            "review_due": doc.meta.review_due,
            "waivers": [list(waiver) for waiver in doc.meta.waivers],
        },
    }


def _finding(finding: Finding) -> dict[str, Any]:
    return {
        "rule": finding.rule,
        "severity": finding.severity.value,
        "message": list(finding.message),
        "pointer": finding.pointer,
        "line": finding.line,
        "column": finding.column,
        "principle": None if finding.principle is None else finding.principle.value,
        "waiver": None if finding.waiver is None else list(finding.waiver),
        "anchor": finding.anchor,
    } | ({"file": finding.file} if finding.file is not None else {})


def _principle(result: PrincipleResult) -> dict[str, Any]:
    return {
        "principle": result.principle.value,
        "score": result.score,
        "passed": list(result.passed),
        "failed": list(result.failed),
        "not_applicable": list(result.not_applicable),
        "waived": list(result.waived),
    }


def _document_from(item: dict[str, Any]) -> DocumentResult:
    _keys(item, ("path", "index", "id", "title", "valid", "findings", "score", "grade", "principles", "passed", "meta"))
    return DocumentResult(
        path=_str(item["path"]),
        index=_int(item["index"]),
        id=_optional(_str, item["id"]),
        title=_optional(_str, item["title"]),
        valid=_bool(item["valid"]),
        findings=tuple(_build(_finding_from, entry) for entry in _list(item["findings"])),
        score=_optional(_float, item["score"]),
        grade=_optional(lambda grade: _build(_grade_from, grade), item["grade"]),
        principles=tuple(_build(_principle_from, entry) for entry in _list(item["principles"])),
        passed=_bool(item["passed"]),
        meta=_build(_meta_from, item["meta"]),
    )


FINDING_KEYS = ("rule", "severity", "message", "pointer", "line", "column", "principle", "waiver", "anchor")


def _finding_from(item: dict[str, Any]) -> Finding:
    _keys({key: value for key, value in item.items() if key != "file"}, FINDING_KEYS)
    return Finding(
        rule=_str(item["rule"]),
        severity=Severity(_str(item["severity"])),
        message=_text(item["message"]),
        pointer=_str(item["pointer"]),
        line=_int(item["line"]),
        column=_int(item["column"]),
        principle=_optional(lambda name: Principle(_str(name)), item["principle"]),
        waiver=_optional(_waiver, item["waiver"]),
        anchor=_optional(_str, item["anchor"]),
        file=_optional(_str, item.get("file")),  # a shared file (`uses:`) the finding is in
    )


def _grade_from(item: dict[str, Any]) -> Grade:
    _keys(item, ("key", "label"))
    return Grade(_str(item["key"]), _text(item["label"]))


def _principle_from(item: dict[str, Any]) -> PrincipleResult:
    _keys(item, ("principle", "score", "passed", "failed", "not_applicable", "waived"))
    return PrincipleResult(
        principle=Principle(_str(item["principle"])),
        score=_optional(_float, item["score"]),
        passed=_strings(item["passed"]),
        failed=_strings(item["failed"]),
        not_applicable=_strings(item["not_applicable"]),
        waived=_strings(item["waived"]),
    )


def _meta_from(item: dict[str, Any]) -> DocumentMeta:
    _keys(item, ("provider", "unit", "status", "version", "last_reviewed", "review_due", "waivers"))
    texts = {name: _optional(_str, item[name]) for name in ("provider", "unit", "status", "version")}
    return DocumentMeta(
        **texts,
        last_reviewed=_optional(_str, item["last_reviewed"]),
        review_due=_optional(_str, item["review_due"]),
        waivers=tuple(_waiver(entry) for entry in _list(item["waivers"])),
    )


def _waiver(value: object) -> Waiver:
    return Waiver(*_strings(value, length=4))


def _text(value: object) -> Text:
    return Text(*_strings(value, length=2))


def _build(make: Callable[[dict[str, Any]], T], value: object) -> T:
    if not isinstance(value, dict):
        raise ValueError("expected an object")
    return make(value)


def _keys(item: dict[str, Any], expected: Sequence[str]) -> None:
    if sorted(item) != sorted(expected):
        raise ValueError("unexpected fields")


def _optional(make: Callable[[Any], T], value: object) -> T | None:
    return None if value is None else make(value)


def _list(value: object) -> list[Any]:
    if not isinstance(value, list):
        raise ValueError("expected a list")
    return value


def _strings(value: object, length: int | None = None) -> tuple[str, ...]:
    items = tuple(_str(item) for item in _list(value))
    if length is not None and len(items) != length:
        raise ValueError("wrong length")
    return items


def _str(value: object) -> str:
    if not isinstance(value, str):
        raise ValueError("expected a string")
    return value


def _int(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValueError("expected an integer")
    return value


def _bool(value: object) -> bool:
    if not isinstance(value, bool):
        raise ValueError("expected true or false")
    return value


def _float(value: object) -> float:
    if not isinstance(value, int | float) or isinstance(value, bool):
        raise ValueError("expected a number")
    return float(value)
