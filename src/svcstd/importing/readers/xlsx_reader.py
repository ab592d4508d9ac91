"""Spreadsheets: each sheet one table of its non-empty rows, every cell located by sheet and A1 reference."""

from __future__ import annotations

import io
import zipfile
from typing import Any

from svcstd.importing.limits import check_zip
from svcstd.importing.messages import MESSAGES
from svcstd.importing.optional import require
from svcstd.importing.source import Block, Cell, Location, SourceDocument, UnreadableDocument, library_reason

MAX_ROWS = 5_000
MAX_COLUMNS = 50


def read(name: str, data: bytes) -> SourceDocument:
    check_zip(name, data, "xlsx")
    openpyxl = require("openpyxl", ".xlsx")
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            blocks = [_sheet(name, index, sheet) for index, sheet in enumerate(book.worksheets, start=1)]
        finally:
            book.close()
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, EOFError, OSError) as error:
        raise UnreadableDocument(
            MESSAGES.text("corrupted", name=name, kind="xlsx", reason=library_reason(error, name))
        ) from None
    return SourceDocument(name, tuple(block for block in blocks if block.rows))


def _sheet(name: str, number: int, sheet: Any) -> Block:
    from openpyxl.utils import get_column_letter

    rows: list[tuple[Cell, ...]] = []
    for row_index, row in enumerate(sheet.iter_rows(max_row=MAX_ROWS, max_col=MAX_COLUMNS, values_only=True), 1):
        texts = ["" if value is None else str(value).strip() for value in row]
        if not any(texts):
            continue
        rows.append(
            tuple(
                Cell(
                    text, Location(name, sheet=sheet.title, row=row_index, cell=f"{get_column_letter(col)}{row_index}")
                )
                for col, text in enumerate(texts, start=1)
            )
        )
    return Block("table", Location(name, sheet=sheet.title, table=number), rows=tuple(rows))
