"""Cases for the transparency rules: a patch of the exemplary standard in, failing pointers out."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pytest

from svcstd.standard.contacts import is_email, is_phone
from svcstd.standard.contacts import is_web_address as is_url
from tests.rules.harness import DELETE, EXEMPLARY, NOT_APPLICABLE, run_rule


def case(rule_id: str, name: str, patch: Mapping[str, Any], expected: list[str] | str) -> Any:
    return pytest.param(rule_id, patch, expected, id=f"{rule_id}-{name}")


WEBSITE = {"type": "website", "location": "https://disdukcapil.contoh.go.id/sp"}
BOARD = {"type": "notice_board", "location": "Papan informasi ruang tunggu"}
BROCHURE = {"type": "brochure", "location": "Meja informasi lantai 1"}
OTHER = {"type": "other", "location": "Radio Suara Contoh"}
FORMULA_FEE = {"name": "Retribusi PBG", "formula": "Luas lantai x indeks lokalitas x SHST"}
CHANNELS = "delivery/complaints/channels"

CASES = [
    case("TRA001", "pass", {}, []),
    case("TRA001", "no-publication", {"publication": DELETE}, [""]),
    case("TRA001", "no-channels", {"publication/channels": DELETE}, ["/publication"]),
    case("TRA001", "empty-channels", {"publication/channels": []}, ["/publication/channels"]),
    case("TRA002", "pass", {}, []),
    case("TRA002", "brochure-and-website", {"publication/channels": [BROCHURE, WEBSITE]}, []),
    case("TRA002", "online-only", {"publication/channels": [WEBSITE]}, ["/publication/channels"]),
    case("TRA002", "on-site-only", {"publication/channels": [BOARD]}, ["/publication/channels"]),
    case("TRA002", "other-only", {"publication/channels": [OTHER]}, ["/publication/channels", "/publication/channels"]),
    case("TRA002", "n/a-unpublished", {"publication": DELETE}, NOT_APPLICABLE),
    case("TRA003", "pass", {}, []),
    case("TRA003", "formula", {"delivery/fees": [FORMULA_FEE]}, ["/delivery/fees/0/formula"]),
    case(
        "TRA003",
        "bpjs-coverage-is-no-price",  # Sultra RSUD's fee row, as published
        {"delivery/fees": [{"name": "Pasien BPJS", "formula": "Pasien BPJS tidak dipungut biaya"}]},
        [],
    ),
    case("TRA004", "pass", {}, []),
    case("TRA004", "sms-and-fax", {f"{CHANNELS}/3": {"type": "sms", "contact": "0812 2750 4411"}}, []),
    case(
        "TRA004",
        "bad-contacts",
        {
            f"{CHANNELS}/0/contact": "LAPOR!",
            f"{CHANNELS}/1/contact": "Rahmat (Seksi Pengaduan)",
            f"{CHANNELS}/2/contact": "0274-512346",
            f"{CHANNELS}/3/contact": "pengaduan@contoh.go.id",
        },
        [f"/{CHANNELS}/0/contact", f"/{CHANNELS}/1/contact", f"/{CHANNELS}/2/contact", f"/{CHANNELS}/3/contact"],
    ),
    case(
        "TRA004",
        "real-contacts-as-published",  # labels, two numbers, a line range, no https://: all usable as they stand
        {
            f"{CHANNELS}/0/contact": "Online melalui website SPAN LAPOR (www.lapor.go.id)/ 0811 4430 1212",
            f"{CHANNELS}/1/contact": "(0564)41110-41186",  # RSUD Sekadau's switchboard range
            f"{CHANNELS}/2/contact": "pangongangan@gmail.com.",  # the full stop ends the source's sentence
            f"{CHANNELS}/3/contact": "Telephone : (0351) 467527, 4772787",
        },
        [],
    ),
    case(
        "TRA004",
        "email-dressed-as-website",  # Dinsos Inhil, as published
        {f"{CHANNELS}/0": {"type": "website", "contact": "http://dinsos@inhilkab.go.id"}},
        [f"/{CHANNELS}/0/contact"],
    ),
    case("TRA004", "unchecked-types", {f"{CHANNELS}/4/contact": "Kotak saran di lobi"}, []),
    case("TRA005", "pass", {}, []),
    case("TRA005", "missing", {"service_hours": DELETE}, [""]),
    case("TRA005", "empty", {"service_hours": []}, ["/service_hours"]),
    case("TRA006", "pass", {}, []),
    case(
        "TRA006",
        "address-only",
        {"provider/website": DELETE, "provider/phone": DELETE, "provider/email": DELETE},
        [],
    ),
    case(
        "TRA006",
        "none",
        {"provider/address": DELETE, "provider/website": DELETE, "provider/phone": DELETE, "provider/email": DELETE},
        ["/provider"],
    ),
    case("TRA007", "pass", {}, []),
    case(
        "TRA007",
        "no-lapor",
        {f"{CHANNELS}/0": {"type": "website", "contact": "https://x.contoh.go.id"}},
        [f"/{CHANNELS}"],
    ),
    case("TRA008", "pass", {}, []),
    case("TRA008", "no-url", {"delivery/procedure/online_url": DELETE}, ["/delivery/procedure"]),
    case(
        "TRA008",
        "n/a-offline",
        {"delivery/procedure/channels": ["in_person", "outreach"], "delivery/procedure/online_url": DELETE},
        NOT_APPLICABLE,
    ),
]


@pytest.mark.parametrize(("rule_id", "patch", "expected"), CASES)
def test_rule(rule_id: str, patch: Mapping[str, Any], expected: list[str] | str) -> None:
    assert run_rule(rule_id, patch) == expected


@pytest.mark.parametrize(
    ("contact", "expected"),
    [
        ("+62 812-2750-4411", True),
        ("6281227504411", True),
        ("0812-6021-4437", True),
        ("(0265) 771204", True),
        ("0274-512345", True),
        ("021 555 0123", True),
        ("0274.512345", True),
        ("+62 (274) 512345", True),
        ("812-2750-4411", False),
        ("1500-537", False),
        ("0274", False),
        ("+1 202 555 0123", False),
        ("0812-6021-4437 (Rahmat)", False),
        ("pengaduan@contoh.go.id", False),
    ],
)
def test_is_phone(contact: str, expected: bool) -> None:
    assert is_phone(contact) is expected


@pytest.mark.parametrize(
    ("contact", "expected"),
    [
        ("pengaduan.disdukcapil@contoh.go.id", True),
        ("ult@unsuka.ac.id", True),
        ("pengaduan@contoh", False),
        ("pengaduan contoh.go.id", False),
        ("mailto:pengaduan@contoh.go.id", False),
    ],
)
def test_is_email(contact: str, expected: bool) -> None:
    assert is_email(contact) is expected


@pytest.mark.parametrize(
    ("contact", "expected"),
    [
        ("https://www.lapor.go.id", True),
        ("http://ult.unsuka.ac.id/pengaduan?layanan=legalisir", True),
        ("www.lapor.go.id", False),
        ("https://localhost", False),
        ("https://lapor go id", False),
    ],
)
def test_is_url(contact: str, expected: bool) -> None:
    assert is_url(contact) is expected


WEAK_EXAMPLES = [
    ("dpmptsp-pbg.yaml", "TRA001", [""]),
    ("dpmptsp-pbg.yaml", "TRA003", ["/delivery/fees/0/formula"]),
    ("dpmptsp-pbg.yaml", "TRA007", ["/delivery/complaints/channels"]),
    ("legalisir-ijazah.yaml", "TRA002", ["/publication/channels"]),
    ("legalisir-ijazah.yaml", "TRA007", ["/delivery/complaints/channels"]),
]


@pytest.mark.parametrize(("example", "rule_id", "expected"), WEAK_EXAMPLES)
def test_weak_examples(example: str, rule_id: str, expected: list[str]) -> None:
    """The deliberately weak examples fail where their header comments say they are weak."""
    text = (EXEMPLARY.parent / example).read_text(encoding="utf-8")
    assert run_rule(rule_id, text=text) == expected
