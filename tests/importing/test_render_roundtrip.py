"""Render -> import round-trips the examples without loss: every word of every component comes back in it.

The Lampiran is a document for people, so a value's structure is not always what the importer can be sure
of reading back (a requirement's note beside its name stays in the name); what must hold is that nothing is
lost or moved: each component's words (codes in the words the Lampiran prints, dates and money as written)
are all in the same component of the import, and what the importer parses (times, amounts, list lengths)
is equal. Whatever format version the examples are in, each is rendered.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from svcstd import api
from svcstd.importing.build import Imported
from svcstd.importing.fetch import Fetched
from svcstd.importing.names import DELIVERY, MANUFACTURING
from svcstd.importing.run import import_fetched
from svcstd.publication.lampiran_docx import DELIVERY_LABELS, MANUFACTURING_LABELS, PART_A, PART_B, lampiran, scalar
from svcstd.reading.discovery import Target
from tests.conftest import ROOT

EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
RUN = api.pipeline(as_of=date(2026, 11, 27))


def documents(path: Path) -> list[dict[str, Any]]:
    judged = api.judge_file(Target(str(path), path.name, explicit=True), RUN)
    assert all(result.valid for _, result in judged), path
    return [doc.data for doc, _ in judged if isinstance(doc.data, dict)]


def round_trip(document: dict[str, Any], stem: str) -> Imported:
    data = lampiran(document)
    (imported,) = import_fetched(Fetched(f"{stem}.docx", stem, data, "docx"))
    return imported


def leaves(value: Any, key: str = "") -> Iterator[str]:
    if isinstance(value, dict):
        for child, item in value.items():
            yield from leaves(item, child)
    elif isinstance(value, list):
        for item in value:
            yield from leaves(item, key)
    else:
        yield scalar(value, key)


def words(value: Any) -> set[str]:
    """The words a value prints as, lower case; "Rp 10.000" and 10000 are the same word."""
    text = " ".join(leaves(value)).lower()
    return set(re.findall(r"\w+", re.sub(r"(?<=\d)\.(?=\d{3}\b)", "", text)))


def components(document: dict[str, Any]) -> dict[str, Any]:
    found = {key: document["delivery"][key] for key in DELIVERY if key in document.get("delivery", {})}
    found.update(
        {key: document["manufacturing"][key] for key in MANUFACTURING if key in document.get("manufacturing", {})}
    )
    if "pledge" in document:
        found["pledge"] = document["pledge"]
    return found


CASES = [(path, index) for path in EXAMPLES for index in range(len(documents(path)))]


def test_every_example_is_rendered() -> None:
    assert len(EXAMPLES) >= 5 and {path for path, _ in CASES} == set(EXAMPLES)


@pytest.mark.parametrize(("path", "index"), CASES, ids=lambda value: getattr(value, "name", str(value)))
def test_render_then_import_keeps_every_component_and_its_words(path: Path, index: int) -> None:
    original = documents(path)[index]
    imported = round_trip(original, path.stem)
    back = imported.document
    assert imported.complete, imported.not_understood  # every row is a component the importer names
    assert set(components(back)) == set(components(original))
    assert back["kind"] == ("standard" if original.get("manufacturing") else "published_sheet")
    notes = back.get("x-notes", {})
    for key, value in components(original).items():
        missing = words(value) - words(components(back)[key]) - words(notes.get(key, []))
        assert not missing, f"{path.name} {key}: {sorted(missing)}"


@pytest.mark.parametrize(("path", "index"), CASES, ids=lambda value: getattr(value, "name", str(value)))
def test_what_the_importer_parses_comes_back_equal(path: Path, index: int) -> None:
    original = documents(path)[index]
    back = round_trip(original, path.stem).document
    delivery, returned = original["delivery"], back["delivery"]
    for key in ("requirements", "fees", "products"):
        if key in delivery:
            assert len(returned[key]) == len(delivery[key]), key
    assert [fee.get("amount") for fee in returned.get("fees", [])] == [
        fee.get("amount") for fee in delivery.get("fees", [])
    ]
    if "procedure" in delivery:
        assert len(returned["procedure"]["steps"]) == len(delivery["procedure"]["steps"])
    time = delivery.get("completion_time")
    if isinstance(time, dict) and "value" in time:
        assert {key: returned["completion_time"][key] for key in ("value", "unit")} == {
            key: time[key] for key in ("value", "unit")
        }
    assert back["title"].endswith(original["title"].upper())


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    from svcstd.cli.main import main

    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_the_lampiran_has_its_parts_in_order(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from docx import Document

    out = tmp_path / "lampiran.docx"
    source = ROOT / "examples" / "legalisir-ijazah.yaml"
    assert run(capsys, "render", str(source), "-o", str(out), "--format", "docx") == (0, "", "")
    word = Document(str(out))
    texts = [paragraph.text for paragraph in word.paragraphs]
    assert texts[0] == "LAMPIRAN" and texts[1] == "STANDAR PELAYANAN LEGALISIR IJAZAH DAN TRANSKRIP AKADEMIK"
    assert texts.index("MAKLUMAT PELAYANAN") > texts.index(PART_B) > texts.index(PART_A)
    delivery, manufacturing = word.tables
    assert [cell.text for cell in delivery.rows[0].cells] == ["NO", "KOMPONEN", "URAIAN"]
    assert [row.cells[1].text for row in delivery.rows[1:]] == list(DELIVERY_LABELS.values())
    assert [row.cells[1].text for row in manufacturing.rows[1:]] == list(MANUFACTURING_LABELS.values())
    assert "1. Legalisir ijazah per lembar: Rp 10.000" in delivery.rows[4].cells[2].text


def test_a_folder_gives_one_lampiran_per_file_and_reports_the_invalid(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "render", str(ROOT / "examples"), "-o", str(tmp_path / "out"), "--format", "docx")
    assert code == 1 and "perpustakaan-draf.yaml" in err  # examples/invalid: left out, said so
    assert sorted(path.name for path in (tmp_path / "out").iterdir()) == sorted(f"{p.stem}.docx" for p in EXAMPLES)


def test_misuse_exits_2_and_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], request: pytest.FixtureRequest
) -> None:
    source = tmp_path / "standar.yaml"
    source.write_bytes((ROOT / "examples" / "legalisir-ijazah.yaml").read_bytes())
    before = source.read_bytes()
    code, _, err = run(capsys, "render", str(source), "-o", str(tmp_path / "x"), "--format", "odt")
    assert code == 2 and "html" in err and "docx" in err
    assert run(capsys, "render", str(source), "-o", str(source), "--format", "docx")[0] == 2
    request.getfixturevalue("without_docx")
    code, _, err = run(capsys, "render", str(source), "-o", str(tmp_path / "l.docx"), "--format", "docx")
    assert code == 2 and "pip install 'svcstd[import]'" in err and not (tmp_path / "l.docx").exists()
    assert source.read_bytes() == before


def test_format_1_1_structures_round_trip() -> None:
    """Alternatives, coverage and the tariff's basis: printed where decrees print them, and read back."""
    document = {
        "title": "Uji",
        "delivery": {
            "requirements": [{"name": "Identitas", "alternatives": ["KTP", "SIM"]}],
            "fees": [{"name": "Umum", "amount": 10000}],
            "coverage": [
                {"scheme": "JKN", "text": "Permenkes Nomor 59 Tahun 2014"},
                {"text": "Pasien BPJS sesuai dengan haknya"},
            ],
            "fee_basis": {"title": "Peraturan Daerah Kabupaten Sekadau Nomor 3 Tahun 2020 tentang Retribusi"},
        },
    }
    back = round_trip(document, "uji").document
    assert back["delivery"]["requirements"][0]["alternatives"] == ["KTP", "SIM"]
    assert back["delivery"]["fees"] == [{"name": "Umum", "amount": 10000}]
    assert back["delivery"]["coverage"] == [
        {"scheme": "JKN", "text": "Permenkes Nomor 59 Tahun 2014"},
        {"scheme": "BPJS", "text": "Pasien BPJS sesuai dengan haknya"},
    ]
    assert back["x-notes"]["fees"] == [
        "Dasar tarif: Peraturan Daerah Kabupaten Sekadau Nomor 3 Tahun 2020 tentang Retribusi"
    ]
