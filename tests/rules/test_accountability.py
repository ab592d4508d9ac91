"""Cases for the accountability rules: a patch of the exemplary standard in, failing pointers out."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pytest

from tests.rules.harness import DELETE, NOT_APPLICABLE, ROOT, run_rule


def case(rule_id: str, name: str, patch: Mapping[str, Any], expected: list[str] | str, **options: Any) -> Any:
    return pytest.param(rule_id, patch, options, expected, id=f"{rule_id}-{name}")


LEGAL = "manufacturing/legal_basis"
FEES = "delivery/fees"
RESPONSE = "delivery/complaints/response_time"
CHANNELS = "delivery/complaints/channels"
STEPS = "delivery/procedure/steps"
PP_96 = {"title": "Peraturan Pemerintah Nomor 96 Tahun 2012 tentang Pelaksanaan Undang-Undang Nomor 25 Tahun 2009"}
PERDA = "Peraturan Daerah Kota Contoh Nomor 4 Tahun 2023 tentang Retribusi Jasa Umum"
FORMULA_FEE = {"name": "Retribusi PBG", "formula": "Luas lantai x indeks lokalitas x SHST"}
PAID_FEE = {"name": "Legalisir per lembar", "amount": 10000}
SHORT_PLEDGE = "Kami sanggup melayani sesuai standar pelayanan."
# The PermenPANRB 15/2014 template as real units publish it, and a real variant (Disdukcapil Kab. Manggarai
# Barat, 11 Juni 2022; DOMAIN.md §2.1): an inspector signs both.
OFFICIAL_PLEDGE = (
    "Dengan ini, kami menyatakan sanggup menyelenggarakan pelayanan sesuai standar pelayanan yang telah "
    "ditetapkan dan apabila tidak menepati janji ini, kami siap menerima sanksi sesuai peraturan "
    "perundang-undangan yang berlaku."
)
MANGGARAI_BARAT_PLEDGE = (
    "DENGAN INI KAMI MENYATAKAN SANGGUP MENYELENGGARAKAN ADMNISTRASI KEPENDUDUKAN SECARA CEPAT, TEPAT, "
    "TRANSPARAN, PASTI DAN GRATIS SESUAI STANDAR PELAYANAN YANG TELAH DI TETAPKAN. AKAN MEMBERIKAN PELAYANAN "
    "SESUAI KEWAJIBAN DAN BERSEDIA UNTUK MELAKSANAKAN PERBAIKAN SECARA TERUS MENERUS APABILA PELAYANAN YANG "
    "DITERIMA MASYARAKAT TIDAK SESUAI DENGAN YANG TELAH DITETAPKAN, KAMI SIAP MENERIMA SANKSI SESUAI PERATURAN "
    "PERUNDANG-UNDANGAN YANG BERLAKU."
)
NO_STANDARD_PLEDGE = "Kami berjanji melayani dengan baik, terus melakukan perbaikan, dan siap menerima sanksi."

BPJS_ROW = {"name": "Pasien BPJS", "formula": "Pasien BPJS tidak dipungut biaya, sesuai dengan haknya"}

CASES = [
    case("ACC001", "pass", {}, []),
    case("ACC001", "no-adoption", {"adoption": DELETE}, ["/status"]),
    case("ACC001", "no-signer", {"adoption/signed_by": DELETE}, ["/adoption"]),
    case("ACC001", "n/a-draft", {"status": "draft", "adoption": DELETE}, NOT_APPLICABLE),
    case("ACC002", "pass", {}, []),
    case("ACC002", "implementing-regulation-only", {LEGAL: [PP_96]}, [f"/{LEGAL}"]),
    case("ACC002", "short-ref", {LEGAL: [{**PP_96, "ref": "UU 25/2009"}]}, []),
    case("ACC002", "abbreviated-title", {LEGAL: [{"title": "UU No. 25 Tahun 2009 tentang Pelayanan Publik"}]}, []),
    case("ACC003", "paid-without-basis", {FEES: [PAID_FEE]}, [f"/{FEES}/0"]),
    case("ACC003", "formula-without-basis", {FEES: [FORMULA_FEE]}, [f"/{FEES}/0"]),
    case("ACC003", "paid-with-basis", {FEES: [{**PAID_FEE, "basis": PERDA}]}, []),
    case("ACC003", "n/a-free", {f"{FEES}/0/basis": DELETE}, NOT_APPLICABLE),
    # Real fee rows of RSUD standards (Sekadau, Sultra, Sungai Dareh): coverage is not a fee without a basis.
    case("ACC003", "n/a-bpjs-coverage", {FEES: [BPJS_ROW, {"name": "Pasien umum", "amount": 0}]}, NOT_APPLICABLE),
    case("ACC003", "table-without-basis-is-one-finding", {FEES: [PAID_FEE, PAID_FEE, FORMULA_FEE]}, [f"/{FEES}"]),
    case("ACC004", "pass", {}, []),
    case("ACC004", "short-citation", {f"{FEES}/0/basis": "UU 24/2013 Pasal 79A"}, []),
    case("ACC004", "basis-not-listed", {f"{FEES}/0/basis": PERDA}, [f"/{FEES}/0/basis"]),
    case("ACC004", "basis-listed", {f"{FEES}/0/basis": PERDA, f"{LEGAL}/2/title": PERDA}, []),
    case("ACC004", "n/a-no-basis", {f"{FEES}/0/basis": DELETE}, NOT_APPLICABLE),
    case("ACC005", "pass", {}, []),
    case("ACC005", "no-handler", {"delivery/complaints/handler": DELETE}, ["/delivery/complaints"]),
    case(
        "ACC005",
        "neither",  # one finding for one cause, listing both missing elements
        {"delivery/complaints/handler": DELETE, RESPONSE: DELETE},
        ["/delivery/complaints"],
    ),
    # Handlers as real standards name them: a contact person (RSUD Sungai Dareh), an in-person channel that
    # names the officer (RSUD Sekadau); the complaint flow's officials: tests/rules/test_real_standards.py.
    case(
        "ACC005",
        "contact-person-names-handler",
        {"delivery/complaints/handler": DELETE, f"{CHANNELS}/1/person": "Repiol Iswandi, AMKG.SKM"},
        [],
    ),
    case(
        "ACC005",
        "in-person-officer-names-handler",
        {
            "delivery/complaints/handler": DELETE,
            f"{CHANNELS}/5": {"type": "in_person", "contact": "Petugas informasi dan pengaduan"},
        },
        [],
    ),
    case(
        "ACC005",
        "a-counter-is-no-handler",  # Disdukcapil Probolinggo: "Loket pelayanan"
        {"delivery/complaints/handler": DELETE, f"{CHANNELS}/5": {"type": "in_person", "contact": "Loket pelayanan"}},
        ["/delivery/complaints"],
    ),
    case("ACC006", "pass", {}, []),
    case("ACC006", "ten-working-days", {RESPONSE: {"value": 10, "unit": "working_days"}}, []),
    case("ACC006", "eleven-working-days", {RESPONSE: {"value": 11, "unit": "working_days"}}, [f"/{RESPONSE}"]),
    case("ACC006", "thirty-days", {RESPONSE: {"value": 30, "unit": "days"}}, [f"/{RESPONSE}"]),
    case("ACC006", "range-upper", {RESPONSE: {"min": 7, "max": 21, "unit": "days"}}, [f"/{RESPONSE}"]),
    case("ACC006", "option-max", {}, [f"/{RESPONSE}"], max_response_days=2),
    case("ACC006", "n/a-no-response-time", {RESPONSE: DELETE}, NOT_APPLICABLE),
    case("ACC007", "pass", {}, []),
    case("ACC007", "no-pledge", {"pledge": DELETE}, ["/status"]),
    case("ACC007", "unsigned", {"pledge/signed_by": DELETE}, ["/pledge"]),
    case("ACC007", "undated", {"pledge/date": DELETE}, ["/pledge"]),
    case("ACC007", "n/a-draft", {"status": "draft", "pledge": DELETE}, NOT_APPLICABLE),
    case("ACC008", "pass", {}, []),
    case("ACC008", "case-insensitive", {f"{STEPS}/1/actor": "petugas LOKET"}, []),
    case("ACC008", "applicant-with-proxy", {f"{STEPS}/0/actor": "Pemohon atau kuasanya"}, []),
    case("ACC008", "unknown-actor", {f"{STEPS}/1/actor": "Petugas arsip"}, [f"/{STEPS}/1/actor"]),
    # Real actors an inspector accepts (RSUD, kecamatan and Disdukcapil standards): synonyms, generic staff,
    # signing officials, the patient's family.
    case("ACC008", "synonym-pelaksana", {f"{STEPS}/1/actor": "Pelaksana loket"}, []),
    case("ACC008", "generic-petugas", {f"{STEPS}/1/actor": "Petugas"}, []),
    case("ACC008", "signing-official", {f"{STEPS}/1/actor": "Kepala Seksi"}, []),
    case("ACC008", "patients-family", {f"{STEPS}/0/actor": "Keluarga pasien"}, []),
    case("ACC008", "unstaffed-role", {"manufacturing/staff_count/2/count": 0}, [f"/{STEPS}/4/actor"]),
    case("ACC008", "option-applicants", {}, [f"/{STEPS}/0/actor"], applicant_roles=["Warga"]),
    case("ACC009", "pass", {}, []),
    case("ACC009", "promise-only", {"pledge/text": SHORT_PLEDGE}, ["/pledge/text"]),
    case("ACC009", "official-template-passes", {"pledge/text": OFFICIAL_PLEDGE}, []),
    case("ACC009", "manggarai-barat-2022-passes", {"pledge/text": MANGGARAI_BARAT_PLEDGE}, []),
    case("ACC009", "bare-pledge", {"pledge/text": "Kami sanggup."}, ["/pledge/text"]),
    case("ACC009", "promise-without-standard", {"pledge/text": NO_STANDARD_PLEDGE}, ["/pledge/text"]),
    case("ACC009", "n/a-no-pledge", {"pledge": DELETE}, NOT_APPLICABLE),
]


@pytest.mark.parametrize(("rule_id", "patch", "options", "expected"), CASES)
def test_rule(rule_id: str, patch: Mapping[str, Any], options: Mapping[str, Any], expected: list[str] | str) -> None:
    assert run_rule(rule_id, patch, options=options) == expected


EXAMPLE_CASES = [
    ("ACC001", "legalisir-ijazah.yaml", ["/status"]),
    ("ACC002", "dpmptsp-pbg.yaml", [f"/{LEGAL}"]),
    ("ACC003", "dpmptsp-pbg.yaml", [f"/{FEES}/0"]),
    ("ACC003", "legalisir-ijazah.yaml", [f"/{FEES}"]),  # one finding naming the three fees
    ("ACC005", "dpmptsp-pbg.yaml", ["/delivery/complaints"]),  # one finding: no handler and no response time
    ("ACC007", "dpmptsp-pbg.yaml", ["/status"]),
]


@pytest.mark.parametrize(("rule_id", "example", "expected"), EXAMPLE_CASES)
def test_weak_examples(rule_id: str, example: str, expected: list[str]) -> None:
    """The deliberately weak examples show the weaknesses their comments announce."""
    assert run_rule(rule_id, text=(ROOT / "examples" / example).read_text(encoding="utf-8")) == expected
