"""The legal-status catalogue is sound data, and citation lines of real published standards parse as written."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
import yaml

from svcstd.standard.legal import (
    CATALOGUE_FILE,
    ActRef,
    Status,
    canonical_type,
    catalogue,
    citation_of,
    lookup,
    parse_citation,
    successors,
)

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "tests" / "fixtures" / "real" / "sources"
RAW = yaml.safe_load((ROOT / "src" / "svcstd" / CATALOGUE_FILE).read_text(encoding="utf-8"))
RESEARCH = {entry["id"]: entry for entry in yaml.safe_load((ROOT / "docs/research/legal-status.yaml").read_bytes())}
FIELDS = {
    "id",
    "type",
    "number",
    "year",
    "title",
    "status",
    "replaced_by",
    "amended_by",
    "date",
    "source",
    "evidence",
    "verified",
}


# --- the catalogue -----------------------------------------------------------------------------------------------


def test_every_entry_has_every_field_and_a_source() -> None:
    assert len(RAW) == len(catalogue()) >= 50
    for entry in RAW:
        assert set(entry) == FIELDS, entry["id"]
        assert str(entry["source"]).startswith(("http://", "https://")), entry["id"]
        assert entry["evidence"].strip() and isinstance(entry["verified"], bool), entry["id"]
        assert entry["id"] == f"{entry['type'].lower()}-{entry['number'].split('/')[0]}-{entry['year']}" or (
            entry["type"] == "KepmenPAN"
        ), entry["id"]


def test_ids_are_unique_and_every_link_names_an_entry() -> None:
    ids = [entry["id"] for entry in RAW]
    assert len(ids) == len(set(ids))
    for entry in RAW:
        for target in (*entry["replaced_by"], *entry["amended_by"]):
            assert target in ids and target != entry["id"], (entry["id"], target)


def test_status_agrees_with_the_links() -> None:
    for act in catalogue().values():
        if act.replaced_by:
            assert act.status is Status.REVOKED, act.id
        if act.status is Status.AMENDED:
            assert act.amended_by, act.id
        assert act.date is None or len(act.date) == len("2023-08-08"), act.id


def test_the_catalogue_says_what_the_research_says() -> None:
    """Built from docs/research/legal-status.yaml; only the entry with no source at all is left out."""
    assert set(RESEARCH) - {entry["id"] for entry in RAW} == {"permenpan-20-2006"}
    for entry in RAW:
        found = RESEARCH[entry["id"]]
        for key in ("number", "year", "title", "status", "replaced_by", "amended_by", "source", "verified"):
            assert entry[key] == found[key], (entry["id"], key)
        assert entry["date"] == (str(found["effective_change"]) if found["effective_change"] else None)


def test_every_replacement_chain_ends_in_an_act_not_revoked() -> None:
    for act in catalogue().values():
        chain = successors(act)
        assert bool(chain) == (act.status is Status.REVOKED), act.id
        if chain:
            assert chain[-1].status is not Status.REVOKED, act.id


def test_replacement_chain_of_the_civil_service_law() -> None:
    chain = successors(catalogue()["uu-43-1999"])
    assert [act.name for act in chain] == [
        "UU 5/2014 tentang Aparatur Sipil Negara",
        "UU 20/2023 tentang Aparatur Sipil Negara",
    ]


def test_the_catalogue_ships_in_the_wheel() -> None:
    """Hatch packs every file under src/svcstd (checked with `pip wheel`: svcstd/data/legal_status.yaml is in it),
    so nothing may narrow the wheel target to Python files only; the loader reads the file as a package resource."""
    wheel = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["hatch"]["build"]["targets"]
    assert wheel["wheel"]["packages"] == ["src/svcstd"]
    assert not {"only-include", "exclude", "include"} & set(wheel["wheel"])


# --- the parser, on lines as real standards print them ------------------------------------------------------------

REAL_LINES = [
    # (source file, the line as published, what it cites)
    (
        "dukcapil-probolinggo-kota-penerbitan-ktp-el-baru-wni",
        "Undang-Undang Republik Indonesia Nomor 24 Tahun 2013 tentang Perubahan Atas Undang-Undang Nomor 23 Tahun 2006",
        ("UU", "24", 2013),
    ),
    (
        "dukcapil-probolinggo-kota-akta-kelahiran-spp-2017",
        "(pasal 79a UndangUndang 24 Tahun 2013 perubahan atas Undang-Undang 23 Tahun 2006)",
        ("UU", "24", 2013),
    ),
    (
        "kepolisian-kecamatan-bangilan-pengurusan-skck",
        "Undang – Undang Nomor 2 Tentang Kepolisian Negara Republik",
        ("UU", "2", None),
    ),
    (
        "kepolisian-polres-bangka-tengah-skck",
        "c. Peraturan Menteri Negara Pendayagunaan Aparatur Negara dan Reformasi "
        "Birokrasi Nomor 15 Tahun 2014, tentang Standar Pelayanan",
        ("PermenPANRB", "15", 2014),
    ),
    (
        "kepolisian-polres-bangka-tengah-skck",
        "e. Keputusan Menteri Pendayagunaan Aparatur Negara Nomor : 24 Tahun 2014 tentang Pengelolaan Pengaduan;",
        ("KepmenPAN", "24", 2014),
    ),
    (
        "kepolisian-polres-bangka-tengah-skck",
        "h. Peraturan Kepolisian Negara Republik Indonesia Nomor 18 Tahun 2014",
        ("Perpol", "18", 2014),
    ),
    (
        "kesehatan-puskesmas-sungai-dareh-pelayanan-kia-kb",
        "berdasarkan Permenpan No 14 Tahun 2017",
        ("PermenPANRB", "14", 2017),
    ),
    (
        "kesehatan-puskesmas-sungai-dareh-pelayanan-kia-kb",
        "Sesuai dengan Peraturan Bupati Dharmasraya nomor 14 Tahun 2019 tentang Tarif",
        ("Perbup", "14", 2019),
    ),
    (
        "kesehatan-labkesda-pasuruan-pemeriksaan-biologi-air-minum",
        "Peraturan Daerah Kabupaten Pasuruan Nomor 3 Tahun 2023 Tentang Pajak Daerah",
        ("Perda", "3", 2023),
    ),
    ("kesehatan-rsud-sekadau-instalasi-gawat-darurat", "JKN : Permenkes Nomor 59 Tahun 2014", ("Permen", "59", 2014)),
    (
        "kesehatan-rsud-sungai-dareh-instalasi-gawat-darurat",
        "Sesuai Tarif Perda Retribusi Tahun 2020",
        ("Perda", None, 2020),
    ),
    ("desa-kelurahan-pangongangan-madiun-rekomendasi-ktp", "(sesuai Perda yang berlaku)", ("Perda", None, None)),
    ("dukcapil-probolinggo-kota-penerbitan-ktp-el-baru-wni", "(Pasal 15 Perpres 96/2018)", ("Perpres", "96", 2018)),
    (
        "pengadilan-pa-pati-pelayanan-persidangan",
        "SK KMA nomor 026/KMA/SK/II/2012 tentang Pelayanan Peradilan",
        ("Keputusan", "026/KMA/SK/II/2012", 2012),
    ),
    (
        "pengadilan-mpp-tangsel-pengadilan-agama-pendaftaran-cerai-gugat",
        "Surat Keputusan Direktur Jenderal Badan Peradilan Agama Nomor1403.b/DJA/SK/OT.01.3/8/2018 tentang",
        ("Keputusan", "1403.b/DJA/SK/OT.01.3/8/2018", 2018),
    ),
    (
        "pengadilan-mpp-tangsel-pengadilan-agama-pendaftaran-cerai-gugat",
        "Peraturan Pemerintah Nomor 96 Tahun 2012 tentang PelaksanaanUndang-Undang Nomor 25 Tahun 2009",
        ("PP", "96", 2012),
    ),
    (
        "pengadilan-pa-pati-pelayanan-persidangan",
        "6. Keputusan Ketua Pengadilan Agama Pati Nomor W11-A14/20/KU.02.2/I/2017 tentang Panjar Biaya Perkara",
        ("Keputusan", "W11-A14/20/KU.02.2/I/2017", 2017),
    ),
    (
        "sosial-dinsos-garut-pengecekan-dtks-pip",
        "Undang Undang RI Nomor 11 Tahun 2009 Tentang Kesejahteraan Sosial;",
        ("UU", "11", 2009),
    ),
]


def _published(name: str) -> str:
    matches = sorted(SOURCES.glob(f"{name}*.md"))
    assert matches, name
    return " ".join(matches[0].read_text(encoding="utf-8").split())


@pytest.mark.parametrize(("source", "line", "expected"), REAL_LINES, ids=[case[1][:40] for case in REAL_LINES])
def test_real_lines_parse_as_published(source: str, line: str, expected: tuple[str, str | None, int | None]) -> None:
    assert " ".join(line.split()) in _published(source), "the line must be quoted from the source as published"
    assert parse_citation(line) == ActRef(*expected)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik", ("UU", "25", 2009)),
        ("UU No. 36 Tahun 2009", ("UU", "36", 2009)),
        ("PP 96/2012", ("PP", "96", 2012)),
        ("PP No 96 th 2012", ("PP", "96", 2012)),
        ("Permenpan RB Nomor 15 Tahun 2014", ("PermenPANRB", "15", 2014)),
        ("PermenPANRB 16/2017", ("PermenPANRB", "16", 2017)),
        ("Perda No. 3 Tahun 2023", ("Perda", "3", 2023)),
        ("UU No. 2", ("UU", "2", None)),
        ("sesuai PERDA", ("Perda", None, None)),
        ("Keputusan Menteri Kesehatan Nomor 129/Menkes/SK/II/2008", ("Kepmen", "129/Menkes/SK/II/2008", 2008)),
        ("Perwali Probolinggo Nomor 22 Tahun 2020", ("Perwali", "22", 2020)),
        ("Peraturan Pemerintah Pengganti Undang-Undang Nomor 2 Tahun 2022", ("Perppu", "2", 2022)),
        ("Qanun Kabupaten Contoh Nomor 8 Tahun 2012 tentang Retribusi", ("Qanun", "8", 2012)),
        ("Surat Edaran Menteri PANRB", ("SE", None, None)),
    ],
)
def test_the_common_forms_parse(line: str, expected: tuple[str, str | None, int | None]) -> None:
    assert parse_citation(line) == ActRef(*expected)


@pytest.mark.parametrize("line", ["Pola tarif Rumah Sakit", "Sesuai dengan tarif INA-CBGs", "Jasa layanan"])
def test_a_line_naming_no_regulation_is_not_a_citation(line: str) -> None:
    assert parse_citation(line) is None


def test_items_in_every_shape_of_format_1_0_and_1_1() -> None:
    assert citation_of("UU No. 36 Tahun 2009 tentang Kesehatan") == ActRef("UU", "36", 2009)
    assert citation_of({"title": "Undang-Undang tentang Pelayanan Publik", "ref": "UU 25/2009"}) == ActRef(
        "UU", "25", 2009
    )
    assert citation_of({"title": "Kesehatan", "type": "UU", "number": 36, "year": 2009}) == ActRef("UU", "36", 2009)
    assert citation_of({"title": "Peraturan Menteri PANRB Nomor 15 Tahun 2014", "type": "Permen"}) == ActRef(
        "PermenPANRB", "15", 2014
    )
    assert citation_of({"title": "Kepolisian", "type": "UU", "number": "2"}) == ActRef("UU", "2", None)
    assert citation_of({"title": "Kesehatan", "type": "UU", "number": 36, "year": "2009"}) == ActRef("UU", "36", 2009)
    assert citation_of({"title": "Kesehatan", "type": "UU", "number": 36, "year": "baru"}) == ActRef("UU", "36", None)
    assert citation_of({"title": "Standar Pelayanan Minimal Rumah Sakit"}) is None
    assert canonical_type("Peraturan Wali Kota") == "Perwali"


def test_lookup_finds_catalogued_acts_only_from_a_complete_citation() -> None:
    revoked = lookup(ActRef("UU", "36", 2009))
    assert revoked is not None and revoked.status is Status.REVOKED and not revoked.verified
    assert lookup(ActRef("UU", "36", None)) is None
    assert lookup(ActRef("Perda", "3", 2023)) is None
    assert lookup(ActRef("KepmenPAN", "63", 2003)) == catalogue()["kepmenpan-63-2003"]
