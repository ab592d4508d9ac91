"""Layouts on the neutral model: sections under headings, step tables, the maklumat, opening hours, titles."""

from __future__ import annotations

from svcstd.importing.build import build
from svcstd.importing.layout import services
from svcstd.importing.source import Block, Cell, Location, SourceDocument


def loc(**where: object) -> Location:
    return Location("uji.docx", **where)  # type: ignore[arg-type]


def table(number: int, *rows: tuple[str, ...]) -> Block:
    cells = tuple(
        tuple(Cell(text, loc(table=number, row=r, cell=str(c))) for c, text in enumerate(row, 1))
        for r, row in enumerate(rows, 1)
    )
    return Block("table", loc(table=number), rows=cells)


def test_a_step_table_under_the_procedure_heading_gives_actors_and_durations() -> None:
    document = SourceDocument(
        "uji.docx",
        (
            Block("heading", loc(paragraph=1), "Standar Pelayanan Legalisir", level=1),
            Block("heading", loc(paragraph=2), "B. Sistem, Mekanisme dan Prosedur", level=2),
            table(
                1,
                ("No", "Kegiatan", "Pelaksana", "Waktu", "Keterangan"),
                ("1", "Menyerahkan berkas", "Pemohon", "5 (lima) menit", "Di loket"),
                ("2", "Memeriksa berkas", "Petugas loket", "Sesuai antrean", ""),
            ),
        ),
    )
    (service,) = services(document)
    imported = build(service, "uji.docx", "uji")
    assert imported.document["delivery"]["procedure"] == {
        "steps": [
            {
                "action": "Menyerahkan berkas",
                "actor": "Pemohon",
                "duration": {"value": 5, "unit": "minutes"},
                "x-note": "Di loket",
            },
            {"action": "Memeriksa berkas", "actor": "Petugas loket", "duration": {"text": "Sesuai antrean"}},
        ]
    }
    assert imported.as_text == ("/delivery/procedure/steps/1/duration",)
    assert imported.sources["/delivery/procedure/steps/1"] == loc(table=1, row=3, cell="2")


def test_the_maklumat_after_the_tables_is_the_pledge() -> None:
    text = (
        "Dengan ini, kami menyatakan sanggup menyelenggarakan pelayanan sesuai standar pelayanan yang telah "
        "ditetapkan dan apabila tidak menepati janji ini, kami siap menerima sanksi sesuai peraturan "
        "perundang-undangan yang berlaku."
    )
    document = SourceDocument(
        "uji.docx",
        (
            table(1, ("No", "Komponen", "Uraian"), ("1.", "Biaya/Tarif", "Tidak dipungut biaya")),
            Block("heading", loc(paragraph=3), "MAKLUMAT PELAYANAN", level=2),
            Block("paragraph", loc(paragraph=4), text),
        ),
    )
    (service,) = services(document)
    imported = build(service, "uji.docx", "uji")
    assert imported.document["pledge"] == {"text": text}
    assert imported.document["delivery"] == {"fees": [{"name": "Tidak dipungut biaya", "amount": 0}]}
    assert imported.title == "uji"  # no title in the document: the file's name, not an invented one


def test_opening_hours_under_waktu_pelayanan_are_kept_not_taken_for_a_duration() -> None:
    document = SourceDocument(
        "uji.docx", (table(1, ("Persyaratan", "KTP"), ("Waktu Pelayanan", "Senin - Jumat pukul 08.00 - 15.00 WIB")),)
    )
    (service,) = services(document)
    imported = build(service, "uji.docx", "uji")
    assert "completion_time" not in imported.document["delivery"]
    assert imported.document["x-rows"] == [
        {"label": "Waktu Pelayanan", "text": "Senin - Jumat pukul 08.00 - 15.00 WIB"}
    ]


def test_a_row_continued_after_a_page_break_joins_its_component() -> None:
    document = SourceDocument(
        "uji.pdf",
        (
            table(1, ("No", "Komponen", "Uraian"), ("1.", "Persyaratan", "1. KTP\n2. KK")),
            table(2, ("", "", "3. Pas foto")),
        ),
    )
    (service,) = services(document)
    imported = build(service, "uji.pdf", "uji")
    assert [item["name"] for item in imported.document["delivery"]["requirements"]] == ["KTP", "KK", "Pas foto"]
