"""Render -> import round-trips the examples: every component and the provider come back equal.

The Lampiran prints each structured field in a form a real one would print and the importer reads
unambiguously: steps and the fields of a line after " — ", each named ("— pelaksana: Petugas loket; waktu:
10 (sepuluh) menit"), cases of a completion time as "case: time", fees as "name: Rp 10.000", the complaint
handler, response time and procedure under "Catatan:", a law's promulgation in brackets after its title,
and the maklumat's date, signatory and places on labelled lines. STILL_LOST would name what does not come
back (nothing now). Whatever format version the examples are in, each is rendered.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

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


STILL_LOST: dict[str, str] = {
    # component: what the import does not read back into its own field (none: every component comes back equal)
}


def normalised(value: Any) -> Any:
    """Spaces collapsed and dates as ISO text: what a person would call the same value."""
    if isinstance(value, dict):
        return {key: normalised(item) for key, item in value.items()}
    if isinstance(value, list):
        return [normalised(item) for item in value]
    if isinstance(value, date):
        return value.isoformat()
    return " ".join(value.split()) if isinstance(value, str) else value


PARSED_FROM_TITLE = ("type", "number", "year", "about")


def as_written(key: str, imported: Any, original: Any) -> Any:
    """The import, less what it adds and the example could have said too: a law's type, number, year and
    subject parsed from its title (checked against the title's words here), and a title alone as a string."""
    if key != "legal_basis":
        return imported
    written = []
    for read, before in zip(imported, original, strict=True):
        item = {"title": read} if isinstance(read, str) else dict(read)
        for field in PARSED_FROM_TITLE:
            if field in item and not (isinstance(before, dict) and field in before):
                parsed = str(item.pop(field))
                assert field == "type" or parsed in item["title"], (field, item)  # the type is a code, "UU"
        written.append(item)
    return written


@pytest.mark.parametrize(("path", "index"), CASES, ids=lambda value: getattr(value, "name", str(value)))
def test_every_component_comes_back_equal(path: Path, index: int) -> None:
    """The whole Lampiran, component by component: each value back in its own fields, nothing left in notes."""
    original = documents(path)[index]
    imported = round_trip(original, path.stem)
    back = imported.document
    assert normalised(back["provider"]) == normalised(original["provider"])
    for key, value in components(original).items():
        if key in STILL_LOST:
            continue
        returned = as_written(key, components(back)[key], value)
        assert normalised(returned) == normalised(value), key
    assert "x-notes" not in back and "x-rows" not in back
    assert not [pointer for pointer in imported.as_text if "legal_basis" not in pointer], imported.as_text


def test_a_lampiran_that_names_no_provider_imports_as_provider_empty() -> None:
    """`provider: {}`: the text names none; nothing is taken from the heading or the file name."""
    document = {"title": "Uji", "provider": {}, "delivery": {"requirements": ["KTP"]}}
    back = round_trip(document, "dinas-kesehatan").document
    assert back["provider"] == {}
    named = round_trip({**document, "provider": {"name": "Dinas Uji", "phone": "0274-1"}}, "x")
    assert named.document["provider"] == {"name": "Dinas Uji", "phone": "0274-1"}
    assert named.sources["/provider/name"] != named.sources["/provider/phone"]


def test_only_a_tail_of_named_fields_leaves_the_name() -> None:
    from svcstd.importing.components import requirement

    assert requirement("Surat kuasa — bentuk: asli; tidak wajib; catatan: Bagi kuasa; bermaterai") == {
        "name": "Surat kuasa",
        "form": "original",
        "mandatory": False,
        "note": "Bagi kuasa; bermaterai",
    }
    for written in ("Foto copy KK (Kartu Keluarga)/KSK (1 lembar)", "Pas foto — latar merah", "KTP — bentuk: daun"):
        assert requirement(written)["name"] == written  # real wording, or a tail that names nothing known


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
            "fee_basis": "Peraturan Daerah Kabupaten Sekadau Nomor 3 Tahun 2020 tentang Retribusi",
        },
    }
    back = round_trip(document, "uji").document
    assert back["delivery"]["requirements"][0]["alternatives"] == ["KTP", "SIM"]
    assert back["delivery"]["fees"] == [{"name": "Umum", "amount": 10000}]
    assert back["delivery"]["coverage"] == [
        {"scheme": "JKN", "text": "Permenkes Nomor 59 Tahun 2014"},
        {"scheme": "BPJS", "text": "Pasien BPJS sesuai dengan haknya"},
    ]
    assert back["delivery"]["fee_basis"] == "Peraturan Daerah Kabupaten Sekadau Nomor 3 Tahun 2020 tentang Retribusi"
    assert "x-notes" not in back


WORDS = st.sampled_from(["Ruang", "tunggu", "loket", "Kepala", "Bidang", "Petugas", "arsip", "KTP-el", "(PSC)", "dan"])
FIRST = st.sampled_from(["Ruang", "Kepala", "Petugas", "Loket", "KTP-el"])
PHRASE = st.tuples(FIRST, st.lists(WORDS, max_size=4)).map(lambda words: " ".join([words[0], *words[1]]))
UNITS = st.sampled_from(["minutes", "hours", "days", "working_days", "months"])


@settings(derandomize=True, max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    facilities=st.lists(
        st.fixed_dictionaries({"name": PHRASE}, optional={"quantity": st.integers(1, 99), "accessible": st.booleans()}),
        min_size=1,
        max_size=4,
    ),
    counts=st.lists(st.fixed_dictionaries({"role": PHRASE, "count": st.integers(0, 60)}), min_size=1, max_size=4),
    cases=st.lists(
        st.fixed_dictionaries({"when": PHRASE, "value": st.integers(1, 40), "unit": UNITS}), min_size=2, max_size=4
    ),
    supervision=st.lists(
        st.fixed_dictionaries(
            {"supervisor": PHRASE, "method": PHRASE, "frequency": st.sampled_from(["daily", "monthly", "ad_hoc"])}
        ),
        min_size=1,
        max_size=3,
    ),
    steps=st.lists(
        st.fixed_dictionaries(
            {"action": PHRASE},
            optional={"actor": PHRASE, "duration": st.fixed_dictionaries({"value": st.integers(1, 90), "unit": UNITS})},
        ),
        min_size=1,
        max_size=4,
    ),
    fees=st.lists(
        st.fixed_dictionaries(
            {"name": PHRASE, "amount": st.integers(0, 2_000_000)}, optional={"payment": PHRASE, "when": PHRASE}
        ),
        min_size=1,
        max_size=3,
    ),
)
def test_structured_fields_round_trip_beyond_the_examples(
    facilities: list[dict[str, Any]],
    counts: list[dict[str, Any]],
    cases: list[dict[str, Any]],
    supervision: list[dict[str, Any]],
    steps: list[dict[str, Any]],
    fees: list[dict[str, Any]],
) -> None:
    document = {
        "title": "Uji",
        "provider": {},
        "delivery": {"requirements": ["KTP"], "completion_time": cases, "procedure": {"steps": steps}, "fees": fees},
        "manufacturing": {"facilities": facilities, "staff_count": counts, "internal_supervision": supervision},
    }
    back = round_trip(document, "uji").document
    assert back["delivery"]["completion_time"] == cases
    assert back["delivery"]["procedure"] == {"steps": steps}
    assert back["delivery"]["fees"] == fees
    assert back["manufacturing"]["facilities"] == facilities
    assert back["manufacturing"]["staff_count"] == counts
    assert back["manufacturing"]["internal_supervision"] == supervision


SENTENCE = PHRASE.map(lambda text: text + ".")


@settings(derandomize=True, max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    complaints=st.fixed_dictionaries(
        {
            "channels": st.lists(
                st.fixed_dictionaries(
                    {"type": st.sampled_from(["suggestion_box", "in_person", "lapor"]), "contact": PHRASE}
                ),
                min_size=1,
                max_size=3,
            )
        },
        optional={
            "handler": PHRASE,
            "response_time": st.fixed_dictionaries({"value": st.integers(1, 14), "unit": UNITS}),
            "procedure": st.lists(SENTENCE, min_size=1, max_size=3),
        },
    ),
    competence=st.lists(
        st.fixed_dictionaries({"role": PHRASE, "requirements": st.lists(PHRASE, min_size=1, max_size=3)}),
        min_size=1,
        max_size=3,
    ),
    pledge=st.fixed_dictionaries(
        {"text": SENTENCE},
        optional={
            "date": st.dates(date(2000, 1, 1), date(2030, 12, 31)).map(date.isoformat),
            "signed_by": PHRASE,
            "published": st.lists(PHRASE, min_size=2, max_size=3),
            "displayed": PHRASE,
        },
    ),
)
def test_complaints_competence_and_the_maklumat_round_trip(
    complaints: dict[str, Any], competence: list[dict[str, Any]], pledge: dict[str, Any]
) -> None:
    document = {
        "title": "Uji",
        "provider": {},
        "delivery": {"requirements": ["KTP"], "complaints": complaints},
        "manufacturing": {"staff_competence": competence},
        "pledge": pledge,
    }
    back = round_trip(document, "uji").document
    assert back["delivery"]["complaints"] == complaints
    assert back["manufacturing"]["staff_competence"] == competence
    assert back["pledge"] == pledge
