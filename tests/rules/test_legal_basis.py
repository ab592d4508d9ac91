"""Cases for the legal-basis rules: revoked acts (ACC020 verified, ACC021 reported) and incomplete citations (ACC022).

The cited lines are those real published standards print (tests/fixtures/real/sources) or that the issue saw in
real standards: UU 36/2009 on health, UU 32/2004 on regional government, UU 43/1999 on the civil service.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date
from typing import Any

import pytest
import yaml

from svcstd.config.settings import Settings
from svcstd.reading.loader import load_text
from svcstd.rules import BUILTIN_RULES, rules_by_id
from svcstd.rules.base import Hit, RuleContext
from svcstd.rules.legal_basis import cited
from svcstd.scoring.engine import evaluate
from svcstd.standard.legal import catalogue
from svcstd.validation.validate import validate
from tests.rules.harness import AS_OF, ROOT, apply_patch, base_document, run_rule

LEGAL = "manufacturing/legal_basis"
FEES = "delivery/fees"
UU_25_2009 = "UU 25/2009"
UU_36_2009 = "Undang-Undang Nomor 36 Tahun 2009 tentang Kesehatan"
UU_44_2009 = "Undang-Undang Nomor 44 Tahun 2009 tentang Rumah Sakit"
UU_32_2004 = "Undang-Undang Nomor 32 Tahun 2004 tentang Pemerintahan Daerah"
UU_43_1999 = "Undang-Undang Nomor 43 Tahun 1999 tentang Perubahan atas Undang-Undang Nomor 8 Tahun 1974"
UU_28_2009 = "Undang-Undang Nomor 28 Tahun 2009 tentang Pajak Daerah dan Retribusi Daerah"
PERMENPANRB_16_2014 = (
    "Peraturan Menteri Negara Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 16 Tahun 2014, "
    "tentang Survei Kepuasan Masyarakat"
)  # as the Polres Bangka Tengah SKCK standard prints it
UU_NO_2 = "Undang – Undang Nomor 2 Tentang Kepolisian Negara Republik"  # Polsek Bangilan SKCK, as published
PERDA_2020 = "Sesuai Tarif Perda Retribusi Tahun 2020"  # RSUD Sungai Dareh IGD fee row, as published
UUD_1945 = "Undang-Undang Dasar Negara Republik Indonesia Tahun 1945"
LEVY = {"name": "Retribusi PBG", "formula": "Luas lantai x indeks lokalitas x SHST"}


def case(rule_id: str, name: str, patch: Mapping[str, Any], expected: list[str] | str) -> Any:
    return pytest.param(rule_id, patch, expected, id=f"{rule_id}-{name}")


def basis(*titles: str) -> dict[str, Any]:
    return {LEGAL: [{"title": title} for title in titles]}


CASES = [
    case("ACC020", "pass-exemplary", {}, []),
    case("ACC020", "civil-service-1999", basis(UU_43_1999), [f"/{LEGAL}/0"]),
    case("ACC020", "regional-government-2004", basis(UU_25_2009, UU_32_2004), [f"/{LEGAL}/1"]),
    case("ACC020", "survey-guideline-2014", basis(PERMENPANRB_16_2014), [f"/{LEGAL}/0"]),
    case("ACC020", "levy-basis", {FEES: [{**LEVY, "basis": UU_28_2009}]}, [f"/{FEES}/0/basis"]),
    case(
        "ACC020",
        "ref-completes-title",
        {LEGAL: [{"title": "UU Pemerintahan Daerah", "ref": "UU 32/2004"}]},
        [f"/{LEGAL}/0"],
    ),
    case("ACC020", "unverified-is-not-this-rule", basis(UU_36_2009), []),
    case("ACC020", "act-in-force", basis("Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah"), []),
    case("ACC021", "pass-exemplary", {}, []),
    case("ACC021", "health-2009", basis(UU_36_2009), [f"/{LEGAL}/0"]),
    case("ACC021", "hospitals-2009", basis(UU_25_2009, UU_44_2009), [f"/{LEGAL}/1"]),
    case("ACC021", "short-form", basis("UU No. 36 Tahun 2009"), [f"/{LEGAL}/0"]),
    case("ACC021", "verified-is-not-this-rule", basis(UU_43_1999), []),
    case("ACC021", "health-2023", basis("Undang-Undang Nomor 17 Tahun 2023 tentang Kesehatan"), []),
    case("ACC022", "pass-exemplary", {}, []),
    case("ACC022", "no-year", basis(UU_NO_2), [f"/{LEGAL}/0"]),
    case("ACC022", "number-only", basis("UU No. 2"), [f"/{LEGAL}/0"]),
    case("ACC022", "constitution-has-no-number", basis(UUD_1945), []),
    case("ACC022", "not-a-regulation", basis("Standar Pelayanan Minimal Rumah Sakit"), []),
    case("ACC022", "fee-perda-by-year", {FEES: [{**LEVY, "basis": PERDA_2020}]}, [f"/{FEES}/0/basis"]),
    case("ACC022", "fee-sesuai-perda", {FEES: [{**LEVY, "basis": "sesuai PERDA"}]}, [f"/{FEES}/0/basis"]),
    case("ACC022", "fee-short-citation", {FEES: [{**LEVY, "basis": "Perda No. 3 Tahun 2023"}]}, []),
    case("ACC022", "decree-number-with-year", basis("SK KMA nomor 026/KMA/SK/II/2012 tentang Pelayanan Peradilan"), []),
]


@pytest.mark.parametrize(("rule_id", "patch", "expected"), CASES)
def test_rule(rule_id: str, patch: Mapping[str, Any], expected: list[str] | str) -> None:
    assert run_rule(rule_id, patch) == expected


def test_real_fixture_fee_basis_without_number() -> None:
    """RSUD Sungai Dareh's tariff table rests on "Tarif Perda Retribusi Tahun 2020": a year, no number."""
    fixture = "kesehatan-rsud-sungai-dareh-instalasi-gawat-darurat.yaml"
    text = (ROOT / "tests" / "fixtures" / "real" / fixture).read_text(encoding="utf-8")
    # One finding for the one act cited without its number, however many fee rows repeat it (issue 14: one
    # finding per cause); it names the other places. `check --verbose` gives one per place.
    assert run_rule("ACC022", text=text) == ["/delivery/fees/0/reference"]
    assert run_rule("ACC020", text=text) == run_rule("ACC021", text=text) == []


def messages(rule_id: str, patch: Mapping[str, Any]) -> list[tuple[str, str]]:
    text = yaml.safe_dump(apply_patch(base_document(), patch), allow_unicode=True, sort_keys=False)
    [doc] = load_text(text, "case.yaml")
    assert not validate(doc)
    evaluation = evaluate(doc, BUILTIN_RULES, Settings(select=(rule_id,)), AS_OF)
    return [(f.message.en, f.message.id) for f in evaluation.findings]


def test_the_message_names_the_whole_chain_of_replacements_and_the_source() -> None:
    [(en, id_)] = messages("ACC020", basis(UU_43_1999))
    source = catalogue()["uu-43-1999"].source
    assert en == (
        "The legal basis (manufacturing.legal_basis, dasar hukum) cites UU 43/1999 tentang Perubahan atas UU 8/1974 "
        "tentang Pokok-Pokok Kepegawaian, which has been revoked and replaced by UU 5/2014 tentang Aparatur Sipil "
        "Negara, itself since replaced by UU 20/2023 tentang Aparatur Sipil Negara. "
        f"Source: {source}. Cite the act in force."
    )
    assert id_ == (
        "Dasar hukum (manufacturing.legal_basis) mencantumkan UU 43/1999 tentang Perubahan atas UU 8/1974 tentang "
        "Pokok-Pokok Kepegawaian, yang telah dicabut dan diganti dengan UU 5/2014 tentang Aparatur Sipil Negara, "
        "yang kemudian juga diganti dengan UU 20/2023 tentang Aparatur Sipil Negara. "
        f"Sumber: {source}. Cantumkan peraturan yang berlaku."
    )


def test_an_unverified_revocation_says_so_and_gives_its_date() -> None:
    [(en, id_)] = messages("ACC021", basis(UU_36_2009))
    assert en.startswith(
        "The legal basis (manufacturing.legal_basis, dasar hukum) cites UU 36/2009 tentang Kesehatan, which secondary "
        "sources report revoked on 8 August 2023 and replaced by UU 17/2023 tentang Kesehatan; the revoking text "
        "itself was not checked. Source: https://www.hhp.co.id/"
    )
    assert "yang menurut sumber sekunder telah dicabut pada 8 Agustus 2023 dan diganti dengan UU 17/2023" in id_


def test_an_incomplete_citation_quotes_the_line_and_says_what_is_missing() -> None:
    [(en, id_)] = messages("ACC022", {FEES: [{**LEVY, "basis": PERDA_2020}]})
    assert en == (
        "The basis of the fee 'Retribusi PBG' (delivery.fees.basis) cites 'Sesuai Tarif Perda Retribusi Tahun 2020' "
        "(Perda) without its number: the act cannot be identified. Give its number and year."
    )
    assert id_ == (
        "Dasar biaya/tarif 'Retribusi PBG' (delivery.fees.basis) mencantumkan 'Sesuai Tarif Perda Retribusi Tahun "
        "2020' (Perda) tanpa nomor sehingga peraturannya tidak dapat dikenali. Cantumkan nomor dan tahunnya."
    )


# --- format 1.1 shapes: a plain string, or type/number/year/about (the 1.1 schema is built in parallel) ----------


def run_check(rule_id: str, legal_basis: list[Any], delivery: Mapping[str, Any] | None = None) -> list[Hit]:
    document = {"manufacturing": {"legal_basis": legal_basis}, "delivery": {"fees": [], **(delivery or {})}}
    context = RuleContext(options={}, as_of=date(2026, 11, 30))
    return list(rules_by_id()[rule_id].check(document, context))


def pointers(hits: Iterator[Hit] | list[Hit]) -> list[str]:
    return [hit.pointer for hit in hits]


def test_format_1_1_plain_strings() -> None:
    items = [UUD_1945, UU_36_2009, UU_NO_2, UU_32_2004]
    assert pointers(run_check("ACC021", items)) == [f"/{LEGAL}/1"]
    assert pointers(run_check("ACC022", items)) == [f"/{LEGAL}/2"]
    assert pointers(run_check("ACC020", items)) == [f"/{LEGAL}/3"]


def test_format_1_1_structured_items() -> None:
    items = [
        {"title": "Kesehatan", "type": "UU", "number": "36", "year": 2009, "about": "Kesehatan"},
        {"title": "Kepolisian Negara Republik Indonesia", "type": "UU", "number": "2"},
        {"title": "Aparatur Sipil Negara", "type": "UU", "number": 20, "year": 2023},
        {"title": "Peraturan Daerah tentang Retribusi Jasa Umum", "type": "Perda", "year": 2023},
    ]
    assert pointers(run_check("ACC021", items)) == [f"/{LEGAL}/0"]
    assert pointers(run_check("ACC022", items)) == [f"/{LEGAL}/1", f"/{LEGAL}/3"]
    assert run_check("ACC020", items) == []


def test_format_1_1_fee_basis_for_the_whole_table() -> None:
    hits = run_check("ACC020", [UUD_1945], {"fee_basis": "Perda Kota Contoh Nomor 4 Tahun 2011 sesuai UU 28/2009"})
    assert hits == []  # the first act cited is the Perda itself, not the law it rests on
    hits = run_check("ACC020", [UUD_1945], {"fee_basis": UU_28_2009})
    assert pointers(hits) == ["/delivery/fee_basis"]


def test_format_1_1_fee_reference() -> None:
    """A 1.1 fee may put its amount in a regulation's annex (`reference`): that regulation is checked too."""
    fees = [{"name": "Retribusi PBG", "reference": "Lampiran UU 28/2009"}, {"name": "Salinan", "reference": "Perda"}]
    assert pointers(run_check("ACC020", [UUD_1945], {"fees": fees})) == ["/delivery/fees/0/reference"]
    assert pointers(run_check("ACC022", [UUD_1945], {"fees": fees})) == ["/delivery/fees/1/reference"]


def test_every_citation_is_found_once_in_document_order() -> None:
    doc = apply_patch(base_document(), {})
    found = list(cited(doc))
    assert [place.pointer for place in found] == [
        *(f"/{LEGAL}/{index}" for index in range(len(doc["manufacturing"]["legal_basis"]))),
        f"/{FEES}/0/basis",
    ]
    assert all(place.ref.complete for place in found)
