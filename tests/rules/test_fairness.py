"""Cases for the fairness rules: a patch of the exemplary standard (or a whole YAML text) in, failing pointers out."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pytest

from tests.rules.harness import DELETE, EXEMPLARY, NOT_APPLICABLE, run_rule


def case(
    rule_id: str,
    name: str,
    patch: Mapping[str, Any],
    expected: list[str] | str,
    *,
    options: Mapping[str, Any] | None = None,
) -> Any:
    return pytest.param(rule_id, patch, expected, options, id=f"{rule_id}-{name}")


PROCEDURE = "delivery/procedure"
ELDERLY_ONLY = [{"group": "elderly", "provision": "Antrean prioritas bagi lansia"}]
PLAIN_FACILITIES = [{"name": "Ruang tunggu", "quantity": 1}, {"name": "Kursi roda", "quantity": 1}]
PLAIN_ROOMS = [{"name": "Ruang tunggu", "quantity": 1}, {"name": "Meja dan kursi", "quantity": 4}]
# Real facility names (RSUD and puskesmas standards): each serves a group without a special-services entry.
SERVING_FACILITIES = [
    {"name": "Kursi roda", "quantity": 2},
    {"name": "Ruang laktasi", "quantity": 1},
    {"name": "Pojok bermain anak", "quantity": 1},
]
DECLARED_FACILITIES = [
    {"name": "Loket 3", "serves": ["disability", "pregnant"]},
    {"name": "Ruang tunggu keluarga", "serves": ["children"]},
]
WEEKDAYS = {"days": ["mon", "tue", "wed", "thu", "fri"], "open": "08:00", "close": "14:00"}
PAID_FEE = {"name": "Legalisir ijazah per lembar", "amount": 10000}
SKTM_FEE = {"name": "Legalisir ijazah per lembar", "amount": 0, "when": "Alumni tidak mampu dengan SKTM"}

CASES = [
    case("FAI001", "pass", {}, []),
    case(
        "FAI001",
        "elderly-only",
        {"special_services": ELDERLY_ONLY, "manufacturing/facilities": PLAIN_ROOMS},
        ["/special_services"],  # one finding naming the three groups missing
    ),
    case(
        "FAI001",
        "no-children",
        {"special_services/3": DELETE, "manufacturing/facilities": PLAIN_ROOMS},
        ["/special_services"],
    ),
    case("FAI001", "absent", {"special_services": DELETE, "manufacturing/facilities": PLAIN_ROOMS}, [""]),
    case(
        "FAI001",
        "facilities-serve-groups",  # a wheelchair, a lactation room and a play corner serve their groups
        {"special_services": ELDERLY_ONLY, "manufacturing/facilities": SERVING_FACILITIES},
        [],
    ),
    case(
        "FAI001",
        "facility-says-whom-it-serves",
        {"svcstd": "1.1", "special_services": ELDERLY_ONLY, "manufacturing/facilities": DECLARED_FACILITIES},
        [],
    ),
    case(
        "FAI001",
        "adults-only-not-asked-about-children",
        {
            "svcstd": "1.1",
            "special_services/3": DELETE,
            "manufacturing/facilities": PLAIN_ROOMS,
            "audience": {"min_age": 17},
        },
        [],
    ),
    case(
        "FAI001",
        "adults-only-by-note",  # "khusus dewasa" in the audience's note, as a standard writes it
        {
            "svcstd": "1.1",
            "special_services/3": DELETE,
            "manufacturing/facilities": PLAIN_ROOMS,
            "audience": {"note": "Khusus dewasa (pemohon SKCK)"},
        },
        [],
    ),
    case(
        "FAI001",
        "a-schools-service-is-not-asked-about-the-elderly",
        {
            "svcstd": "1.1",
            "special_services/1": DELETE,
            "manufacturing/facilities": PLAIN_ROOMS,
            "audience": {"min_age": 6, "max_age": 15, "note": "Peserta didik SD dan SMP"},
        },
        [],
    ),
    case(
        "FAI001",
        "an-audience-says-nothing-about-age",
        {
            "svcstd": "1.1",
            "special_services/3": DELETE,
            "manufacturing/facilities": PLAIN_ROOMS,
            "audience": {"note": "Warga kota"},
        },
        ["/special_services"],
    ),
    case("FAI001", "option-groups", {"special_services": ELDERLY_ONLY}, [], options={"groups": ["elderly"]}),
    case("FAI002", "pass", {}, []),
    case("FAI002", "none-accessible", {"manufacturing/facilities": PLAIN_FACILITIES}, ["/manufacturing/facilities"]),
    case(
        "FAI002",
        "accessible-false",
        {"manufacturing/facilities": [{"name": "Kursi roda", "accessible": False}]},
        ["/manufacturing/facilities"],
    ),
    case("FAI003", "pass", {}, []),
    case(
        "FAI003",
        "in-person-only",
        {f"{PROCEDURE}/channels": ["in_person"], f"{PROCEDURE}/steps/3/channel": "in_person"},
        [f"/{PROCEDURE}/channels"],
    ),
    case("FAI003", "outreach-on-a-step", {f"{PROCEDURE}/channels": ["in_person"]}, []),
    case(
        "FAI003",
        "no-channels",
        {f"{PROCEDURE}/channels": DELETE, f"{PROCEDURE}/steps/3/channel": DELETE},
        [f"/{PROCEDURE}"],
    ),
    case("FAI003", "mobile", {f"{PROCEDURE}/channels": ["in_person", "mobile"]}, []),
    case(
        "FAI003",
        "emergency-ward-is-in-person-by-nature",  # the title of RSUD Sekadau's standard
        {
            f"{PROCEDURE}/channels": ["in_person"],
            f"{PROCEDURE}/steps/3/channel": "in_person",
            "title": "Pelayanan Instalasi Gawat Darurat",
        },
        [],
    ),
    case("FAI004", "pass", {}, []),
    case("FAI004", "no-publication", {"publication": DELETE}, [""]),
    case("FAI004", "no-formats", {"publication/formats": DELETE}, ["/publication"]),
    case("FAI004", "empty-formats", {"publication/formats": []}, ["/publication/formats"]),
    case("FAI005", "pass-saturday", {}, []),
    case("FAI005", "weekdays-till-14", {"service_hours": [WEEKDAYS]}, ["/service_hours"]),
    case("FAI005", "late-close", {"service_hours": [{**WEEKDAYS, "close": "15:30"}]}, []),
    case("FAI005", "close-at-threshold", {"service_hours": [{**WEEKDAYS, "close": "15:00"}]}, ["/service_hours"]),
    case("FAI005", "overnight", {"service_hours": [{**WEEKDAYS, "open": "20:00", "close": "02:00"}]}, []),
    case(
        "FAI005",
        "option-16",
        {"service_hours": [{**WEEKDAYS, "close": "15:30"}]},
        ["/service_hours"],
        options={"closes_after": "16:00"},
    ),
    case("FAI005", "n/a-no-hours", {"service_hours": DELETE}, NOT_APPLICABLE),
    case("FAI006", "n/a-free", {}, NOT_APPLICABLE),
    case("FAI006", "no-relief", {"delivery/fees": [PAID_FEE]}, ["/delivery/fees"]),
    case("FAI006", "sktm-case", {"delivery/fees": [PAID_FEE, SKTM_FEE]}, []),
    case(
        "FAI006",
        "bpjs-case",  # RSUD Sekadau: general patients pay the Perbup tariff, JKN patients are covered
        {"delivery/fees": [PAID_FEE, {"name": "Pasien JKN", "amount": 0, "when": "Peserta BPJS Kesehatan"}]},
        [],
    ),
    case(
        "FAI006",
        "relief-in-special-services",
        {
            "delivery/fees": [PAID_FEE],
            "special_services/4/provision": "Korban bencana dibebaskan dari biaya legalisir.",
        },
        [],
    ),
    case(
        "FAI006", "formula", {"delivery/fees": [{"name": "Retribusi", "formula": "Luas x tarif"}]}, ["/delivery/fees"]
    ),
    case("FAI007", "pass", {}, []),
    case(
        "FAI007",
        "online-only",
        {f"{PROCEDURE}/channels": ["online", "mobile"], f"{PROCEDURE}/steps/3/channel": "online"},
        [f"/{PROCEDURE}/channels"],
    ),
    case("FAI007", "outreach-on-a-step", {f"{PROCEDURE}/channels": ["online"]}, []),
    case("FAI007", "n/a-no-channels", {f"{PROCEDURE}/channels": DELETE}, NOT_APPLICABLE),
]


@pytest.mark.parametrize(("rule_id", "patch", "expected", "options"), CASES)
def test_rule(
    rule_id: str, patch: Mapping[str, Any], expected: list[str] | str, options: Mapping[str, Any] | None
) -> None:
    assert run_rule(rule_id, patch, options=options) == expected


@pytest.mark.parametrize(("close", "expected"), [("16:30", []), ("14:30", ["/service_hours"])])
def test_unquoted_times_read_as_yaml_1_2(close: str, expected: list[str]) -> None:
    """An unquoted `close: 16:30` stays the string "16:30" (YAML 1.2, not sexagesimal 990)."""
    text = EXEMPLARY.read_text(encoding="utf-8").replace('close: "15:00"', f"close: {close}")
    assert run_rule("FAI005", text=text.replace("- days: [sat]", "- days: [fri]")) == expected


WEAK_EXAMPLES = [
    ("dpmptsp-pbg.yaml", "FAI001", [""]),
    ("dpmptsp-pbg.yaml", "FAI003", ["/delivery/procedure/channels"]),
    ("dpmptsp-pbg.yaml", "FAI004", [""]),
    ("dpmptsp-pbg.yaml", "FAI005", ["/service_hours"]),
    ("legalisir-ijazah.yaml", "FAI001", ["/special_services"]),
    ("legalisir-ijazah.yaml", "FAI002", ["/manufacturing/facilities"]),
    ("legalisir-ijazah.yaml", "FAI006", ["/delivery/fees"]),
]


@pytest.mark.parametrize(("example", "rule_id", "expected"), WEAK_EXAMPLES)
def test_weak_examples(example: str, rule_id: str, expected: list[str]) -> None:
    """The deliberately weak examples fail where their header comments say they are weak."""
    text = (EXEMPLARY.parent / example).read_text(encoding="utf-8")
    assert run_rule(rule_id, text=text) == expected
