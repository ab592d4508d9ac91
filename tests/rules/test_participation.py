"""Cases for the participation rules: a patch of the exemplary standard in, failing pointers out."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pytest

from tests.rules.harness import DELETE, NOT_APPLICABLE, ROOT, run_rule


def case(rule_id: str, name: str, patch: Mapping[str, Any], expected: list[str] | str, **options: Any) -> Any:
    return pytest.param(rule_id, patch, options, expected, id=f"{rule_id}-{name}")


def consultation(when: str, *groups: str) -> dict[str, Any]:
    return {"date": when, "participants": [{"group": g, "count": 2} for g in groups], "outcomes": ["Disepakati."]}


PARTICIPANTS = "consultation/0/participants"
NO_CONSULTATION = {"consultation": DELETE}
INTERNAL = [{"group": "provider", "count": 6}, {"group": "government", "count": 1}]
EXPERTS = [{"group": "academia", "count": 2}, {"group": "provider", "count": 6}]
UNCOUNTED = [{"group": "community", "name": "Warga"}, {"group": "ngo", "name": "LBH"}]
BEFORE_AND_AFTER = [consultation("2026-03-02", "community"), consultation("2025-11-20", "community")]

CASES = [
    case("PAR001", "pass", {}, []),
    case("PAR001", "no-consultation", NO_CONSULTATION, ["/status"]),
    case("PAR001", "empty-consultation", {"consultation": []}, ["/status"]),
    case("PAR001", "n/a-draft", {"status": "draft", "consultation": DELETE}, NOT_APPLICABLE),
    case("PAR002", "pass", {}, []),
    case("PAR002", "officials-only", {PARTICIPANTS: INTERNAL}, [f"/{PARTICIPANTS}"]),
    case("PAR002", "nobody", {PARTICIPANTS: []}, [f"/{PARTICIPANTS}"]),
    case("PAR002", "experts-count", {PARTICIPANTS: EXPERTS}, []),
    case("PAR002", "n/a-no-consultation", NO_CONSULTATION, NOT_APPLICABLE),
    case("PAR003", "pass", {}, []),
    case("PAR003", "missing", {"consultation/0/outcomes": DELETE}, ["/consultation/0"]),
    case("PAR003", "empty", {"consultation/0/outcomes": []}, ["/consultation/0/outcomes"]),
    case("PAR003", "n/a-no-consultation", NO_CONSULTATION, NOT_APPLICABLE),
    case("PAR004", "pass", {}, []),
    case("PAR004", "same-day", {"consultation/0/date": "2026-01-12"}, []),
    case("PAR004", "after-adoption", {"consultation/0/date": "2026-03-02"}, ["/consultation/0/date"]),
    case("PAR004", "one-before-one-after", {"consultation": BEFORE_AND_AFTER}, []),
    case("PAR004", "n/a-no-adoption", {"adoption": DELETE}, NOT_APPLICABLE),
    case("PAR004", "n/a-no-consultation", NO_CONSULTATION, NOT_APPLICABLE),
    case("PAR005", "pass", {}, []),
    case("PAR005", "ikm-lower-case", {"manufacturing/performance_evaluation/method": "Pengukuran ikm tahunan"}, []),
    case("PAR005", "english", {"manufacturing/performance_evaluation/method": "User satisfaction survey"}, []),
    case(
        "PAR005",
        "meeting-only",
        {
            "manufacturing/performance_evaluation/method": "Rapat evaluasi kinerja pegawai",
            "satisfaction_survey": DELETE,
        },
        ["/manufacturing/performance_evaluation/method"],
    ),
    case("PAR006", "pass", {}, []),
    case("PAR006", "experts-no-users", {PARTICIPANTS: EXPERTS}, [f"/{PARTICIPANTS}"]),
    case("PAR006", "officials-only-is-PAR002", {PARTICIPANTS: INTERNAL}, []),
    case("PAR006", "n/a-no-consultation", NO_CONSULTATION, NOT_APPLICABLE),
    case("PAR007", "pass", {}, []),
    case("PAR007", "no-counts", {PARTICIPANTS: UNCOUNTED}, [f"/{PARTICIPANTS}"]),
    case("PAR007", "one-count", {PARTICIPANTS: [*UNCOUNTED, {"group": "media", "count": 1}]}, []),
    case("PAR007", "n/a-no-consultation", NO_CONSULTATION, NOT_APPLICABLE),
    case("PAR008", "pass", {}, []),
    case("PAR008", "old", {"consultation/0/date": "2019-03-04"}, ["/consultation/0/date"]),
    case("PAR008", "latest-counts", {"consultation": [consultation("2019-03-04", "community"), *BEFORE_AND_AFTER]}, []),
    case("PAR008", "option-max", {}, ["/consultation/0/date"], max_age_months=6),
    case("PAR008", "n/a-no-consultation", NO_CONSULTATION, NOT_APPLICABLE),
]


@pytest.mark.parametrize(("rule_id", "patch", "options", "expected"), CASES)
def test_rule(rule_id: str, patch: Mapping[str, Any], options: Mapping[str, Any], expected: list[str] | str) -> None:
    assert run_rule(rule_id, patch, options=options) == expected


EXAMPLE_CASES = [
    ("PAR001", "dpmptsp-pbg.yaml", ["/status"]),
    ("PAR005", "dpmptsp-pbg.yaml", ["/manufacturing/performance_evaluation/method"]),
    ("PAR002", "rsud-gawat-darurat.yaml", [f"/{PARTICIPANTS}"]),
]


@pytest.mark.parametrize(("rule_id", "example", "expected"), EXAMPLE_CASES)
def test_weak_examples(rule_id: str, example: str, expected: list[str]) -> None:
    """The weaker examples show the weaknesses their comments announce."""
    assert run_rule(rule_id, text=(ROOT / "examples" / example).read_text(encoding="utf-8")) == expected
