"""Word .docx: headings, paragraphs, list items and tables (merged cells once, line breaks kept), in body order."""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

from svcstd.importing.limits import check_zip
from svcstd.importing.messages import MESSAGES
from svcstd.importing.optional import require
from svcstd.importing.source import Block, Cell, Location, SourceDocument, UnreadableDocument, library_reason

_HEADING = re.compile(r"^(?:heading|judul)\s*(\d)$", re.IGNORECASE)


def read(name: str, data: bytes) -> SourceDocument:
    check_zip(name, data, "docx")
    docx = require("docx", ".docx")
    from lxml.etree import XMLSyntaxError

    try:
        document = docx.Document(io.BytesIO(data))
        return SourceDocument(name, tuple(_blocks(name, document)))
    except (zipfile.BadZipFile, KeyError, ValueError, XMLSyntaxError, EOFError, OSError) as error:
        raise UnreadableDocument(
            MESSAGES.text("corrupted", name=name, kind="docx", reason=library_reason(error, name))
        ) from None


def _blocks(name: str, document: Any) -> list[Block]:
    from docx.table import Table

    blocks: list[Block] = []
    paragraph_number = table_number = 0
    for item in document.iter_inner_content():
        if isinstance(item, Table):
            table_number += 1
            blocks.append(_table(name, table_number, item))
            continue
        paragraph_number += 1
        text = item.text.strip()
        if text:
            blocks.append(_paragraph(item, text, Location(name, paragraph=paragraph_number)))
    return blocks


def _paragraph(paragraph: Any, text: str, loc: Location) -> Block:
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    heading = _HEADING.match(style)
    if heading or style.lower() == "title":
        return Block("heading", loc, text, level=int(heading.group(1)) if heading else 1)
    numbered = paragraph._p.pPr is not None and paragraph._p.pPr.numPr is not None
    if numbered or style.lower().startswith("list"):
        return Block("item", loc, text)
    return Block("paragraph", loc, text)


def _table(name: str, number: int, table: Any) -> Block:
    """Each merged cell once: a horizontal merge is one cell, a vertical merge leaves the rows below empty."""
    rows: list[tuple[Cell, ...]] = []
    above: list[Any] = []
    for row_index, row in enumerate(table.rows, start=1):
        cells: list[Cell] = []
        elements: list[Any] = []
        for column, cell in enumerate(row.cells, start=1):
            element = cell._tc
            if elements and element is elements[-1]:
                continue
            merged_from_above = column - 1 < len(above) and above[column - 1] is element
            elements.append(element)
            text = "" if merged_from_above else _cell_text(cell)
            cells.append(Cell(text.strip(), Location(name, table=number, row=row_index, cell=str(len(cells) + 1))))
        above = [cell._tc for cell in row.cells]
        rows.append(tuple(cells))
    return Block("table", Location(name, table=number), rows=tuple(rows))


def _cell_text(cell: Any) -> str:
    """The cell's paragraphs, then any table nested in it, one row a line (python-docx's `text` leaves those out)."""
    lines = [cell.text]
    for nested in cell.tables:
        for row in nested.rows:
            texts = list(dict.fromkeys(inner.text.strip() for inner in row.cells if inner.text.strip()))
            if texts:
                lines.append(" | ".join(texts))
    return "\n".join(lines)
