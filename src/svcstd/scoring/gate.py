"""The gate of PRINCIPLES.md: whether a document passes, with a finding for each minimum its scores miss.

A score below `fail_under` or a principle below `min_principle` is reported as a finding (GAT001,
GAT002) so that every output format says why a document failed, and a baseline can accept it.
"""

from __future__ import annotations

from collections.abc import Sequence

from svcstd.checks import kind_of
from svcstd.config.settings import Settings
from svcstd.i18n import Catalog, decimal
from svcstd.model import PRINCIPLE_NAMES, Finding, Location, PrincipleResult, Severity

MESSAGES = Catalog(
    "gate",
    {
        "overall": (
            "The compliance score {score_en} is below the required minimum of {minimum_en} (fail_under). "
            "Fix the findings of binding rules above to raise it.",
            "Skor kepatuhan {score_id} di bawah batas minimum {minimum_id} (fail_under). "
            "Perbaiki temuan aturan wajib di atas untuk menaikkannya.",
        ),
        "no_score": (
            "The document has no compliance score (no binding rule applied), but a minimum of {minimum_en} is "
            "required (fail_under).",
            "Dokumen tidak memiliki skor kepatuhan (tidak ada aturan wajib yang berlaku), padahal skor minimum "
            "yang diwajibkan adalah {minimum_id} (fail_under).",
        ),
        "principle": (
            "The {principle_en} compliance score {score_en} is below the required minimum of {minimum_en} "
            "(min_principle). Fix the findings of this principle to raise it.",
            "Skor kepatuhan prinsip {principle_id} {score_id} di bawah batas minimum {minimum_id} (min_principle). "
            "Perbaiki temuan pada prinsip ini untuk menaikkannya.",
        ),
    },
)


def threshold_findings(
    score: float | None, principles: Sequence[PrincipleResult], settings: Settings, at: Location
) -> list[Finding]:
    """GAT001 when the overall score misses `fail_under`, GAT002 per principle under `min_principle`."""
    findings: list[Finding] = []
    if settings.fail_under is not None and (score is None or score < settings.fail_under):
        key = "no_score" if score is None else "overall"
        message = MESSAGES.text(key, **_numbers("score", score), **_numbers("minimum", settings.fail_under))
        findings.append(Finding("GAT001", Severity.ERROR, message, "", at.line, at.column))
    for result in principles:
        minimum = settings.min_principle.get(result.principle)
        if minimum is None or result.score is None or result.score >= minimum:
            continue
        name = PRINCIPLE_NAMES[result.principle]
        numbers = {**_numbers("score", result.score), **_numbers("minimum", minimum)}
        message = MESSAGES.text("principle", principle_en=name.en, principle_id=name.id, **numbers)
        findings.append(Finding("GAT002", Severity.ERROR, message, "", at.line, at.column, result.principle))
    return findings


def _numbers(name: str, value: float | None) -> dict[str, str]:
    """`{name}_en` and `{name}_id`: one decimal, with the decimal comma in Indonesian."""
    if value is None:
        return {f"{name}_en": "", f"{name}_id": ""}
    return {f"{name}_en": decimal(value, "en"), f"{name}_id": decimal(value, "id")}


def passes_gate(findings: Sequence[Finding], settings: Settings) -> bool:
    """No unwaived finding at or above `fail_on`, and no missed minimum (GAT findings, whatever `fail_on`)."""
    failing = _FAILING.get(settings.fail_on)  # once per `fail_on`, not per document nor per finding
    if failing is None:
        failing = _FAILING[settings.fail_on] = frozenset(s for s in Severity if settings.fails_gate(s))
    return not any(
        finding.waiver is None and (finding.severity in failing or _is_gate(finding.rule)) for finding in findings
    )


_FAILING: dict[str, frozenset[Severity]] = {}
"""The severities that fail the gate, by `fail_on` (what `Settings.fails_gate` answers from it alone)."""


def _is_gate(check_id: str) -> bool:
    return check_id[:3] == "GAT" and kind_of(check_id) == "gate"
