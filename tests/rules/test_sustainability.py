"""Cases for the sustainability rules: a patch of the exemplary standard in, failing pointers out."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

import pytest

from svcstd.standard.dates import add_months
from tests.rules.harness import AS_OF, DELETE, EXEMPLARY, NOT_APPLICABLE, run_rule


def case(
    rule_id: str,
    name: str,
    patch: Mapping[str, Any],
    expected: list[str] | str,
    *,
    options: Mapping[str, Any] | None = None,
    as_of: date = AS_OF,
) -> Any:
    return pytest.param(rule_id, patch, expected, options, as_of, id=f"{rule_id}-{name}")


HISTORY_2025 = [{"date": "2025-06-16", "summary": "Antrean daring ditambahkan."}]
NO_FREQUENCY = {"supervisor": "Kepala Bidang", "method": "Pemeriksaan berkas"}
AD_HOC = {"supervisor": "Kepala Dinas", "method": "Inspeksi mendadak", "frequency": "ad_hoc"}

CASES = [
    case("SUS001", "pass", {}, []),
    case("SUS001", "no-review", {"review": DELETE}, [""]),
    case("SUS002", "pass-12", {}, []),
    case("SUS002", "36-months", {"review/interval_months": 36}, ["/review/interval_months"]),
    case("SUS002", "13-months", {"review/interval_months": 13}, ["/review/interval_months"]),
    case("SUS002", "option-24", {"review/interval_months": 24}, [], options={"max_interval_months": 24}),
    case("SUS002", "n/a-no-review", {"review": DELETE}, NOT_APPLICABLE),
    case("SUS003", "pass", {}, []),
    case("SUS003", "due-day", {}, [], as_of=date(2027, 6, 15)),
    case("SUS003", "day-after-due", {}, ["/review/last_reviewed"], as_of=date(2027, 6, 16)),
    case("SUS003", "grace", {}, [], options={"grace_days": 30}, as_of=date(2027, 7, 15)),
    case("SUS003", "after-grace", {}, ["/review/last_reviewed"], options={"grace_days": 30}, as_of=date(2027, 7, 16)),
    case("SUS003", "stale", {"review/last_reviewed": "2025-06-16"}, ["/review/last_reviewed"]),
    case("SUS003", "never-reviewed", {"review/last_reviewed": DELETE}, ["/review"], as_of=date(2027, 1, 13)),
    case("SUS003", "never-reviewed-in-time", {"review/last_reviewed": DELETE}, [], as_of=date(2027, 1, 12)),
    case("SUS003", "n/a-draft", {"status": "draft"}, NOT_APPLICABLE),
    case("SUS003", "n/a-no-review", {"review": DELETE}, NOT_APPLICABLE),
    case("SUS003", "n/a-no-start", {"review/last_reviewed": DELETE, "adoption": DELETE}, NOT_APPLICABLE),
    case("SUS004", "pass", {}, []),
    case("SUS004", "missing", {"review/history": DELETE}, ["/review"]),
    case("SUS004", "empty", {"review/history": []}, ["/review/history"]),
    case("SUS004", "n/a-draft", {"status": "draft", "review/history": DELETE}, NOT_APPLICABLE),
    case("SUS004", "n/a-no-review", {"review": DELETE}, NOT_APPLICABLE),
    case("SUS005", "pass", {}, []),
    case("SUS005", "annual", {"manufacturing/performance_evaluation/frequency": "annual"}, []),
    case(
        "SUS005",
        "ad-hoc",
        {"manufacturing/performance_evaluation/frequency": "ad_hoc"},
        ["/manufacturing/performance_evaluation/frequency"],
    ),
    case(
        "SUS005",
        "missing",
        {"manufacturing/performance_evaluation/frequency": DELETE},
        ["/manufacturing/performance_evaluation"],
    ),
    case("SUS006", "pass", {}, []),
    case("SUS006", "one-scheduled-is-enough", {"manufacturing/internal_supervision/0/frequency": "ad_hoc"}, []),
    case(
        "SUS006",
        "all-unscheduled",
        {"manufacturing/internal_supervision": [NO_FREQUENCY, AD_HOC]},
        ["/manufacturing/internal_supervision/0", "/manufacturing/internal_supervision/1/frequency"],
    ),
    case("SUS007", "pass", {}, []),
    case("SUS007", "same-day", {}, [], as_of=date(2026, 6, 15)),
    case(
        "SUS007",
        "both-in-future",
        {},
        ["/review/history/2/date", "/review/last_reviewed"],
        as_of=date(2026, 6, 14),
    ),
    case("SUS007", "last-in-future", {"review/last_reviewed": "2027-01-10"}, ["/review/last_reviewed"]),
    case(
        "SUS007",
        "history-in-future",
        {"review/history/0/date": "2027-01-10"},
        ["/review/history/0/date"],
    ),
    case("SUS007", "n/a-no-review", {"review": DELETE}, NOT_APPLICABLE),
    case("SUS008", "pass", {}, []),
    case("SUS008", "not-recorded", {"review/history": HISTORY_2025}, ["/review/last_reviewed"]),
    case(
        "SUS008",
        "history-later",
        {"review/history/2/date": "2026-07-01"},
        ["/review/last_reviewed"],
    ),
    case("SUS008", "n/a-no-last", {"review/last_reviewed": DELETE}, NOT_APPLICABLE),
    case("SUS008", "n/a-no-history", {"review/history": DELETE}, NOT_APPLICABLE),
    case("SUS008", "n/a-undated-history", {"review/history": [{"summary": "Rapat evaluasi."}]}, NOT_APPLICABLE),
]


@pytest.mark.parametrize(("rule_id", "patch", "expected", "options", "as_of"), CASES)
def test_rule(
    rule_id: str,
    patch: Mapping[str, Any],
    expected: list[str] | str,
    options: Mapping[str, Any] | None,
    as_of: date,
) -> None:
    assert run_rule(rule_id, patch, options=options, as_of=as_of) == expected


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2026, 6, 15), 12, date(2027, 6, 15)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2025, 11, 30), 3, date(2026, 2, 28)),
        (date(2025, 12, 1), 1, date(2026, 1, 1)),
    ],
)
def test_add_months(start: date, months: int, expected: date) -> None:
    assert add_months(start, months) == expected


WEAK_EXAMPLES = [
    ("dpmptsp-pbg.yaml", "SUS002", ["/review/interval_months"]),
    ("dpmptsp-pbg.yaml", "SUS003", ["/review/last_reviewed"]),
    ("dpmptsp-pbg.yaml", "SUS004", ["/review"]),
    ("legalisir-ijazah.yaml", "SUS004", ["/review"]),
    ("legalisir-ijazah.yaml", "SUS005", ["/manufacturing/performance_evaluation/frequency"]),
]


@pytest.mark.parametrize(("example", "rule_id", "expected"), WEAK_EXAMPLES)
def test_weak_examples(example: str, rule_id: str, expected: list[str]) -> None:
    """The deliberately weak examples fail where their header comments say they are weak."""
    text = (EXEMPLARY.parent / example).read_text(encoding="utf-8")
    assert run_rule(rule_id, text=text) == expected
