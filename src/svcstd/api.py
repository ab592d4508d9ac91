"""The core as functions: check(paths, settings) -> Report. No printing, no exiting (STYLE.md)."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from svcstd import __version__
from svcstd.config import DEFAULT_SETTINGS, Settings
from svcstd.discovery import Target, discover, is_regular_file
from svcstd.engine import evaluate
from svcstd.grades import grade_for
from svcstd.loader import empty_file, load_bytes, unreadable
from svcstd.model import DocumentMeta, DocumentResult, Finding, LoadedDocument, PrincipleResult, Report, Severity
from svcstd.rules import BUILTIN_RULES
from svcstd.rules.base import Rule
from svcstd.scoring import overall_score, principle_results
from svcstd.validation import validate

_LOOKS_LIKE_STANDARD = re.compile(rb"^svcstd\s*:", re.MULTILINE)


def check(
    paths: Sequence[str],
    settings: Settings = DEFAULT_SETTINGS,
    as_of: date | None = None,
    rules: tuple[Rule, ...] = BUILTIN_RULES,
    jobs: int | None = None,
    use_cache: bool = False,
) -> Report:
    """Discover, read, validate, judge and score every standard under `paths`.

    `jobs` (worker processes) and `use_cache` (the result cache) change speed, never the result.
    """
    as_of = as_of or date.today()
    targets = discover(paths, settings.include, settings.exclude)
    documents: list[DocumentResult] = []
    for target in targets:
        documents.extend(check_target(target, settings, rules, as_of))
    return Report(__version__, as_of.isoformat(), tuple(documents))


def load_rules(settings: Settings) -> tuple[Rule, ...]:
    """The built-in rules and the declarative rules of `rule_paths`."""
    if not settings.rule_paths:
        return BUILTIN_RULES
    from svcstd.rules.declarative import load_rule_files

    return BUILTIN_RULES + load_rule_files(settings.rule_paths)


def check_target(target: Target, settings: Settings, rules: tuple[Rule, ...], as_of: date) -> list[DocumentResult]:
    """Results for every document of one file; a discovered file that is no standard gives none."""
    raw, loaded = read_target(target, settings)
    if not target.explicit and not _is_standard(raw, loaded):
        return []
    if not loaded and target.explicit:
        loaded = [empty_file(target.display)]
    return [judge(doc, settings, rules, as_of) for doc in loaded]


def read_target(target: Target, settings: Settings) -> tuple[bytes, list[LoadedDocument]]:
    """The file's bytes and documents; a file that cannot be read is one document with a finding."""
    if not is_regular_file(target.path):
        return b"", [unreadable(target.display, _not_regular_reason(target.path))]
    try:
        with open(target.path, "rb") as handle:
            raw = handle.read(settings.limits.max_file_bytes + 1)
    except OSError as error:
        return b"", [unreadable(target.display, error.strerror or type(error).__name__)]
    return raw, load_bytes(raw, target.display, settings.limits)


def _not_regular_reason(path: str) -> str:
    try:
        os.stat(path)
    except OSError as error:
        return error.strerror or type(error).__name__
    return "not a regular file (a folder, pipe, device or socket) / bukan berkas biasa"


def _is_standard(raw: bytes, loaded: list[LoadedDocument]) -> bool:
    """A discovered file counts when a document has the `svcstd` key, or its text starts one with it."""
    if any(isinstance(doc.data, dict) and "svcstd" in doc.data for doc in loaded):
        return True
    return bool(_LOOKS_LIKE_STANDARD.search(raw)) and any(doc.findings for doc in loaded)


def judge(doc: LoadedDocument, settings: Settings, rules: tuple[Rule, ...], as_of: date) -> DocumentResult:
    """Validate one document and, when valid, run the rules, score it and decide the gate."""
    findings: list[Finding] = list(doc.findings)
    if isinstance(doc.data, dict):
        findings.extend(validate(doc))
    data: Mapping[str, Any] = doc.data if isinstance(doc.data, dict) else {}
    identity = (_text(data.get("id")), _text(data.get("title")))
    if any(f.severity is Severity.ERROR for f in findings):
        return DocumentResult(doc.path, doc.index, *identity, valid=False, findings=_sorted(findings))
    evaluation = evaluate(doc, rules, settings, as_of)
    findings.extend(evaluation.findings)
    principles = principle_results(evaluation.outcomes)
    score = overall_score(principles, settings.principle_weights)
    return DocumentResult(
        doc.path,
        doc.index,
        *identity,
        valid=True,
        findings=_sorted(findings),
        score=score,
        grade=grade_for(score, settings.grades) if score is not None else None,
        principles=principles,
        passed=passes_gate(findings, score, principles, settings),
        meta=document_meta(data, evaluation.waivers),
    )


def passes_gate(
    findings: Sequence[Finding], score: float | None, principles: Sequence[PrincipleResult], settings: Settings
) -> bool:
    """PRINCIPLES.md: no unwaived finding at or above fail-on, and every configured minimum met."""
    if any(f.waiver is None and settings.fails_gate(f.severity) for f in findings):
        return False
    if settings.fail_under is not None and (score is None or score < settings.fail_under):
        return False
    for result in principles:
        minimum = settings.min_principle.get(result.principle)
        if minimum is not None and result.score is not None and result.score < minimum:
            return False
    return True


def document_meta(data: Mapping[str, Any], waivers: tuple[Any, ...]) -> DocumentMeta:
    provider = data.get("provider", {})
    review = data.get("review", {})
    last = review.get("last_reviewed") or data.get("adoption", {}).get("date")
    interval = review.get("interval_months")
    return DocumentMeta(
        provider=provider.get("name"),
        unit=provider.get("unit"),
        status=data.get("status"),
        version=data.get("version"),
        last_reviewed=review.get("last_reviewed"),
        review_due=add_months(last, interval) if last and interval else None,
        waivers=waivers,
    )


def add_months(iso_date: str, months: int) -> str:
    """`2025-01-31` + 1 month = `2025-02-28`: the same day, or the month's last day."""
    start = date.fromisoformat(iso_date)
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    for day in range(start.day, 27, -1):
        try:
            return date(year, month, day).isoformat()
        except ValueError:
            continue
    return date(year, month, min(start.day, 28)).isoformat()


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _sorted(findings: Sequence[Finding]) -> tuple[Finding, ...]:
    return tuple(sorted(findings, key=lambda f: f.sort_key))
