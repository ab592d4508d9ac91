"""PDFs with a text layer: each page's tables (cells with their line breaks) and the text around them."""

from __future__ import annotations

import io
from typing import Any

from svcstd.importing.messages import MESSAGES
from svcstd.importing.optional import require
from svcstd.importing.source import Block, Cell, Location, SourceDocument, UnreadableDocument

MAX_PAGES = 300


def read(name: str, data: bytes) -> SourceDocument:
    pdfplumber = require("pdfplumber", ".pdf")
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            blocks = _pages(name, pdf)
    except _unreadable() as error:
        cause = error.args[0] if error.args and isinstance(error.args[0], Exception) else error
        key = "pdf_password" if isinstance(cause, PDFPasswordIncorrect) else "corrupted"
        raise UnreadableDocument(MESSAGES.text(key, name=name, kind="pdf", reason=_reason(cause))) from None
    if not any(block.text or block.rows for block in blocks):
        raise UnreadableDocument(MESSAGES.text("needs_ocr", name=name))
    return SourceDocument(name, tuple(blocks))


def _unreadable() -> tuple[type[Exception], ...]:
    """What pdfminer raises on a broken or encrypted file; newer pdfplumber wraps it in PdfminerException."""
    from pdfminer.pdfdocument import PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psparser import PSException

    found: tuple[type[Exception], ...] = (
        PDFPasswordIncorrect,
        PDFSyntaxError,
        PSException,
        ValueError,
        KeyError,
        TypeError,
        AssertionError,
        EOFError,
    )
    try:
        from pdfplumber.utils.exceptions import PdfminerException
    except ImportError:
        return found
    return (*found, PdfminerException)


def _reason(error: object) -> str:
    return str(error) or type(error).__name__


def _pages(name: str, pdf: Any) -> list[Block]:
    """Lines outside tables and the tables themselves, in reading order (top to bottom) on each page."""
    blocks: list[Block] = []
    table_number = 0
    for page_number, page in enumerate(pdf.pages[:MAX_PAGES], start=1):
        found = page.find_tables()
        outside = page
        for table in found:
            outside = outside.outside_bbox(table.bbox)
        placed: list[tuple[float, Block]] = [
            (top, Block("paragraph", Location(name, page=page_number, paragraph=number), text))
            for number, (top, text) in enumerate(_paragraphs(outside.extract_text_lines()), start=1)
        ]
        words = [
            (float(char["top"]), float(char["bottom"]), float(char["x0"]), float(char["x1"]))
            for char in (page.chars if found else [])
            if char["text"].strip()
        ]
        for table in found:
            table_number += 1
            rows = _with_blank_lines(table, table.extract(), words)
            placed.append((float(table.bbox[1]), _table(name, page_number, table_number, rows)))
        blocks.extend(block for _, block in sorted(placed, key=lambda pair: pair[0]))
    return blocks


def _paragraphs(lines: list[dict[str, Any]]) -> list[tuple[float, str]]:
    """Lines set in one size with no more than a line's gap between them are one paragraph (a wrapped title)."""
    paragraphs: list[tuple[float, str]] = []
    previous: dict[str, Any] | None = None
    for line in lines:
        text = line["text"].strip()
        if not text:
            continue
        size = round(float(line["chars"][0]["size"]), 1) if line.get("chars") else 0.0
        if (
            previous is not None
            and paragraphs
            and size == previous["size"]
            and (float(line["top"]) - previous["bottom"] < size * 0.8)
        ):
            paragraphs[-1] = (paragraphs[-1][0], f"{paragraphs[-1][1]}\n{text}")
        else:
            paragraphs.append((float(line["top"]), text))
        previous = {"size": size, "bottom": float(line["bottom"])}
    return paragraphs


Box = tuple[float, float, float, float]
"""A character's top, bottom, x0, x1."""


def _with_blank_lines(table: Any, rows: list[list[str | None]], words: list[Box]) -> list[list[str | None]]:
    """Each cell's text with the blank lines the page shows inside it, which `extract()` leaves out.

    A note written after a list in the same cell is set apart by an empty line; without it the note would join
    the list's last item. A gap between two lines of a cell taller than half a line is such an empty line. The
    characters are only used to place the gaps: the text stays `extract()`'s, unchanged when its lines and the
    words' lines do not match one for one.
    """
    bboxes = [row.cells for row in table.rows]
    if len(bboxes) != len(rows):
        return rows
    return [
        [_spaced(text, bbox, words) for text, bbox in zip(row, cells, strict=False)]
        for row, cells in zip(rows, bboxes, strict=True)
    ]


def _spaced(text: str | None, bbox: Box | None, chars: list[Box]) -> str | None:
    if not text or "\n" not in text or bbox is None:
        return text
    x0, top, x1, bottom = bbox
    inside = sorted(
        (char_top, char_bottom)
        for char_top, char_bottom, left, right in chars
        if x0 - 1 <= left and right <= x1 + 1 and top - 1 <= char_top and char_bottom <= bottom + 1
    )
    lines: list[list[float]] = []  # [top, bottom] of each line of the cell, top to bottom
    for char_top, char_bottom in inside:
        if lines and char_top - lines[-1][0] < 1:
            lines[-1][1] = max(lines[-1][1], char_bottom)
        else:
            lines.append([char_top, char_bottom])
    written = text.split("\n")
    if len(lines) != len(written):
        return text
    spaced = [written[0]]
    for (_, above), (below, end), line in zip(lines, lines[1:], written[1:], strict=False):
        if below - above > (end - below) * 0.5:
            spaced.append("")
        spaced.append(line)
    return "\n".join(spaced)


def _table(name: str, page: int, number: int, rows: list[list[str | None]]) -> Block:
    cells = tuple(
        tuple(
            Cell((text or "").strip(), Location(name, page=page, table=number, row=r, cell=str(c)))
            for c, text in enumerate(row, start=1)
        )
        for r, row in enumerate(rows, start=1)
    )
    return Block("table", Location(name, page=page, table=number), rows=cells)
