"""Each fixture, built from the real wording of a published standard, imports to its hand-checked YAML.

Equality of the whole document also proves that nothing is invented: a component the source lacks would be an
extra key. The sources' own "Not in source" lists are checked separately, by name.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from svcstd.importing.run import import_target
from tests.conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "import"
EXPECTED = FIXTURES / "expected"
SOURCES = sorted(path for path in FIXTURES.iterdir() if path.suffix in (".docx", ".html", ".xlsx", ".pdf", ".odt"))


def expected_for(source: Path, name: str) -> dict[str, Any]:
    path = EXPECTED / f"{name}{source.suffix}.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


@pytest.mark.parametrize("source", SOURCES, ids=lambda path: path.name)
def test_import_equals_the_hand_checked_yaml(source: Path) -> None:
    imported = import_target(str(source))
    assert imported
    for item in imported:
        assert item.document == expected_for(source, item.name), item.name


ABSENT = {
    # tests/fixtures/real/sources/*.md, "Not in source"
    "perpustakaan-ntb.xlsx": ["/delivery/procedure", "/delivery/complaints", "/manufacturing/legal_basis", "/pledge"],
    "pbg-pematangsiantar-sippn.html": ["/manufacturing", "/pledge"],
    "sekadau-igd.html": ["/manufacturing", "/pledge"],
    "bangilan-skck.docx": ["/pledge"],
}


def resolve(document: Any, pointer: str) -> Any:
    for part in pointer.strip("/").split("/"):
        document = document[int(part)] if isinstance(document, list) else document[part]
    return document


@pytest.mark.parametrize(("name", "absent"), sorted(ABSENT.items()))
def test_components_the_source_lacks_stay_absent(name: str, absent: list[str]) -> None:
    (imported,) = import_target(str(FIXTURES / name))
    for pointer in absent:
        with pytest.raises(KeyError):
            resolve(imported.document, pointer)


def test_kind_follows_the_content() -> None:
    assert import_target(str(FIXTURES / "sekadau-igd.html"))[0].document["kind"] == "published_sheet"
    assert import_target(str(FIXTURES / "bangilan-skck.docx"))[0].document["kind"] == "standard"


def test_the_same_standard_reads_the_same_from_docx_html_pdf_and_the_lampiran_layout() -> None:
    documents = [
        import_target(str(FIXTURES / name))[0].document
        for name in ("bangilan-skck.docx", "bangilan-skck.html", "bangilan-skck.pdf", "bangilan-lampiran.docx")
    ]
    for document in documents:
        document.pop("x-source")
    assert all(document == documents[0] for document in documents[1:])


def test_a_note_after_a_list_in_a_pdf_cell_stays_a_note() -> None:
    """pdfplumber drops a cell's blank lines; the reader restores them from the gaps, as the page shows them."""
    html, pdf = (import_target(str(FIXTURES / f"sekadau-igd.{kind}"))[0].document for kind in ("html", "pdf"))
    assert pdf["delivery"]["requirements"] == [{"name": "Kartu identitas/KTP"}, {"name": "Kartu BPJS"}]
    assert pdf["x-notes"]["requirements"] == ["Persyaratan tersebut dapat dilengkapi dalam waktu 2x24 jam (hari kerja)"]
    html.pop("x-source"), pdf.pop("x-source")
    assert pdf == html


def test_a_decree_with_two_services_gives_two_documents() -> None:
    first, second = import_target(str(FIXTURES / "keputusan-dua-layanan.docx"))
    assert first.title.startswith("STANDAR PELAYANAN PENGURUSAN SURAT KETERANGAN CATATAN KEPOLISIAN")
    assert second.title == "STANDAR PELAYANAN INSTALASI GAWAT DARURAT"
    assert "manufacturing" in first.document and "manufacturing" not in second.document


def test_unknown_rows_are_kept_never_dropped() -> None:
    (imported,) = import_target(str(FIXTURES / "perpustakaan-ntb.xlsx"))
    assert imported.document["x-rows"] == [
        {"label": "Informasi Selengkapnya", "text": "Unduh Standar Pelayanan Perpustakaan"}
    ]
    assert not imported.complete


def test_every_value_points_at_its_row() -> None:
    (imported,) = import_target(str(FIXTURES / "bangilan-skck.docx"))
    fee = imported.sources["/delivery/fees/0"]
    assert (fee.file, fee.table, fee.row, fee.cell) == ("bangilan-skck.docx", 1, 6, "3")
    assert imported.sources["/manufacturing/legal_basis/0"].row == 2
    (sheet,) = import_target(str(FIXTURES / "perpustakaan-ntb.xlsx"))
    assert (
        sheet.sources["/delivery/fees/0"].describe()
        == "perpustakaan-ntb.xlsx, lembar Standar Pelayanan, baris 6, sel B6"
    )
    (pdf,) = import_target(str(FIXTURES / "sekadau-igd.pdf"))
    assert pdf.sources["/delivery/products/0"].page == 1
