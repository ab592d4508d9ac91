"""OpenDocument text read with the standard library: the same standard as the web page, and no way to hang it."""

from __future__ import annotations

import io
import zipfile

import pytest

from svcstd.importing.readers import odt_reader
from svcstd.importing.run import import_target
from svcstd.importing.source import Location, UnreadableDocument
from tests.conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "import"
NAMESPACES = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
)


def package(body: str) -> bytes:
    text = f"<office:body><office:text>{body}</office:text></office:body>"
    content = f"<office:document-content {NAMESPACES}>{text}</office:document-content>"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:  # stored: 100,000 nested spans would deflate like a zip bomb
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", content)
    return out.getvalue()


def test_the_odt_and_the_web_page_give_the_same_standard() -> None:
    (odt,) = import_target(str(FIXTURES / "sekadau-igd.odt"))
    (html,) = import_target(str(FIXTURES / "sekadau-igd.html"))
    assert {**odt.document, "x-source": None} == {**html.document, "x-source": None}
    assert odt.sources["/delivery/coverage/0"] == Location("sekadau-igd.odt", table=1, row=5, cell="3")


def test_merged_cells_repeats_spaces_and_line_breaks() -> None:
    body = (
        "<table:table><table:table-row>"
        '<table:table-cell table:number-columns-spanned="2"><text:p>a<text:s text:c="3"/>b</text:p></table:table-cell>'
        "<table:covered-table-cell/>"
        '<table:table-cell table:number-columns-repeated="100000"><text:p/></table:table-cell>'
        "</table:table-row>"
        '<table:table-row table:number-rows-repeated="1000000"><table:covered-table-cell/></table:table-row>'
        "</table:table>"
        "<text:p>x<text:line-break/>y<text:note><text:note-body><text:p>catatan kaki</text:p></text:note-body>"
        "</text:note></text:p>"
    )
    table, paragraph = odt_reader.read("t.odt", package(body)).blocks
    assert table.rows[0][0].text == "a   b" and len(table.rows[0]) == 1 + odt_reader.MAX_REPEATED
    assert len(table.rows) == 1 + odt_reader.MAX_REPEATED
    assert paragraph.text == "x\ny"


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ("<text:span>" * 100_000 + "x" + "</text:span>" * 100_000, "nested too deep"),
        ("<text:p>unclosed", "corrupted"),
    ],
)
def test_hostile_content_is_a_message(body: str, reason: str) -> None:
    with pytest.raises(UnreadableDocument) as raised:
        odt_reader.read("h.odt", package(f"<text:p>{body}</text:p>"))
    assert reason in raised.value.message.en


def test_a_zip_bomb_is_refused_before_inflating() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", b" " * (150 * 1024 * 1024))
    with pytest.raises(UnreadableDocument) as raised:
        odt_reader.read("bom.odt", out.getvalue())
    assert "zip bomb" in raised.value.message.en
