"""Cases for the simplicity rules: a patch of the exemplary standard in, failing pointers out."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pytest

from tests.rules.harness import DELETE, NOT_APPLICABLE, ROOT, run_rule


def case(rule_id: str, name: str, patch: Mapping[str, Any], expected: list[str] | str, **options: Any) -> Any:
    return pytest.param(rule_id, patch, options, expected, id=f"{rule_id}-{name}")


def requirements(plain: int, *cases: str) -> list[dict[str, str]]:
    """`plain` requirements for every case, then one per named case."""
    items = [{"name": f"Dokumen umum {n}", "form": "original"} for n in range(plain)]
    return items + [{"name": f"Dokumen khusus {n}", "form": "original", "when": when} for n, when in enumerate(cases)]


def steps(count: int, **extra: Any) -> list[dict[str, Any]]:
    return [{"actor": "Petugas loket", "action": f"Langkah {n}", **extra} for n in range(count)]


REQS = "delivery/requirements"
STEPS = "delivery/procedure/steps"
TIME = "delivery/completion_time"
LONG_ACTION = " ".join(["kata"] * 31)
TWO_SENTENCES = " ".join(["kata"] * 20) + ". " + " ".join(["kata"] * 20) + "."
NO_DURATIONS = {f"{STEPS}/{n}/duration": DELETE for n in range(6)}
PER_CASE_TIMES = [
    {"value": 90, "unit": "minutes", "when": "Layanan jemput bola"},
    {"value": 100, "unit": "minutes", "when": "Lainnya"},
]

CASES = [
    case("SIM001", "pass", {}, []),
    case("SIM001", "eight-per-case", {REQS: requirements(7, "A", "B")}, []),
    case("SIM001", "nine-for-all", {REQS: requirements(9)}, [f"/{REQS}/8"]),
    case("SIM001", "nine-for-one-case", {REQS: requirements(7, "A", "A")}, [f"/{REQS}/8"]),
    case("SIM001", "option-max", {}, [f"/{REQS}/5"], max_requirements=2),
    case("SIM001", "n/a-no-requirements", {REQS: []}, NOT_APPLICABLE),
    case("SIM002", "pass", {}, []),
    case("SIM002", "same-name-other-case", {f"{REQS}/3/name": "KTP-el lama"}, []),
    case("SIM002", "duplicate", {f"{REQS}/5/name": "ktp-el  LAMA."}, [f"/{REQS}/5/name"]),
    case("SIM002", "n/a-no-requirements", {REQS: []}, NOT_APPLICABLE),
    case("SIM003", "pass", {}, []),
    case("SIM003", "form-copy", {f"{REQS}/0/form": "copy"}, [f"/{REQS}/0/form"]),
    case(
        "SIM003", "named-copy-no-form", {f"{REQS}/0/form": DELETE, f"{REQS}/0/name": "Fotokopi KK"}, [f"/{REQS}/0/name"]
    ),
    case("SIM003", "digital", {f"{REQS}/0/form": "digital"}, []),
    case(
        "SIM003",
        "several-copies-one-finding",  # twelve near-identical lines on a real KTP-el standard, now one
        {f"{REQS}/0/form": "copy", f"{REQS}/1/form": "copy"},
        [f"/{REQS}"],
    ),
    case("SIM003", "n/a-no-requirements", {REQS: []}, NOT_APPLICABLE),
    case("SIM004", "pass", {}, []),
    case("SIM004", "ten-steps", {STEPS: steps(10)}, []),
    case("SIM004", "eleven-steps", {STEPS: steps(11)}, [f"/{STEPS}/10"]),
    case("SIM004", "outreach-route-longer", {}, [f"/{STEPS}/5"], max_steps=5),
    case("SIM005", "pass", {}, []),
    case("SIM005", "no-duration", {f"{STEPS}/1/duration": DELETE}, [f"/{STEPS}/1"]),
    case(
        "SIM005", "two-without-duration", {f"{STEPS}/1/duration": DELETE, f"{STEPS}/2/duration": DELETE}, [f"/{STEPS}"]
    ),
    case("SIM006", "pass", {}, []),
    case(
        "SIM006",
        "over-promise",
        {TIME: {"value": 30, "unit": "minutes"}},
        [f"/{STEPS}/3/duration", f"/{STEPS}/4/duration"],
    ),
    case("SIM006", "per-case-time", {TIME: PER_CASE_TIMES}, [f"/{STEPS}/4/duration"]),
    case(
        "SIM006",
        "range-upper",
        {f"{STEPS}/4/duration": {"min": 1, "max": 2, "unit": "working_days"}},
        [f"/{STEPS}/4/duration"],
    ),
    case("SIM006", "n/a-no-durations", NO_DURATIONS, NOT_APPLICABLE),
    case("SIM007", "pass", {}, []),
    case("SIM007", "long-action", {f"{STEPS}/2/action": LONG_ACTION}, [f"/{STEPS}/2/action"]),
    case("SIM007", "long-name", {f"{REQS}/3/name": LONG_ACTION}, [f"/{REQS}/3/name"]),
    case("SIM007", "short-sentences", {f"{STEPS}/2/action": TWO_SENTENCES}, []),
    case("SIM007", "option-max", {f"{STEPS}/2/action": TWO_SENTENCES}, [f"/{STEPS}/2/action"], max_words=19),
]


@pytest.mark.parametrize(("rule_id", "patch", "options", "expected"), CASES)
def test_rule(rule_id: str, patch: Mapping[str, Any], options: Mapping[str, Any], expected: list[str] | str) -> None:
    assert run_rule(rule_id, patch, options=options) == expected


EXAMPLE_CASES = [
    ("SIM001", "dpmptsp-pbg.yaml", [f"/{REQS}/8"]),
    ("SIM002", "dpmptsp-pbg.yaml", [f"/{REQS}/9/name"]),
    ("SIM005", "dpmptsp-pbg.yaml", [f"/{STEPS}"]),  # one finding naming steps 2, 5 and 8
    ("SIM006", "legalisir-ijazah.yaml", [f"/{STEPS}/2/duration"]),
]


@pytest.mark.parametrize(("rule_id", "example", "expected"), EXAMPLE_CASES)
def test_weak_examples(rule_id: str, example: str, expected: list[str]) -> None:
    """The deliberately weak examples show the weaknesses their comments announce."""
    assert run_rule(rule_id, text=(ROOT / "examples" / example).read_text(encoding="utf-8")) == expected
