"""Bounded reading: sizes are judged from the zip directory before anything is inflated."""

from __future__ import annotations

import io
import zipfile

import pytest

from svcstd.importing.limits import MAX_MEMBERS, check_size, check_zip
from svcstd.importing.source import UnreadableDocument


def archive(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, body in members.items():
            target.writestr(name, body)
    return out.getvalue()


def test_an_ordinary_office_file_passes() -> None:
    check_zip("biasa.xlsx", archive({"xl/workbook.xml": b"<workbook/>" * 100}), "xlsx")


def test_a_part_compressed_beyond_any_document_is_refused() -> None:
    with pytest.raises(UnreadableDocument) as caught:
        check_zip("bom.xlsx", archive({"xl/sheet1.xml": b"\0" * (8 * 1024 * 1024)}), "xlsx")
    assert "zip bomb" in caught.value.message.en and "bom zip" in caught.value.message.id


def test_too_many_parts_are_refused() -> None:
    members = {f"p/{index}.xml": b"" for index in range(MAX_MEMBERS + 1)}
    with pytest.raises(UnreadableDocument):
        check_zip("banyak.docx", archive(members), "docx")


def test_size_limit() -> None:
    check_size("kecil.pdf", 1000)
    with pytest.raises(UnreadableDocument) as caught:
        check_size("besar.pdf", 10**9)
    assert "besar.pdf berukuran 1000000000 bita" in caught.value.message.id
