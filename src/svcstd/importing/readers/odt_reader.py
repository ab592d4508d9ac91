"""OpenDocument text (.odt, LibreOffice Writer): headings, paragraphs, list items and tables from content.xml.

Read with the standard library: zipfile, whose member sizes are checked first in the zip directory (the
docx zip-bomb guard, limits.check_zip), and ElementTree over content.xml alone. A document type
declaration is refused before parsing (no entity is ever expanded), and repeated rows or cells (an
empty cell "repeated 1,000 times") are capped. odfpy would add a dependency, last released in 2020, for
the few elements read here.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from xml.etree import ElementTree

from svcstd.importing.limits import check_zip
from svcstd.importing.messages import MESSAGES
from svcstd.importing.source import Block, Cell, Location, SourceDocument, UnreadableDocument

_NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
}
_MIMETYPE = b"application/vnd.oasis.opendocument.text"
MAX_REPEATED = 20
"""Repeated rows or cells kept at most: a real table repeats a few empty cells, an attack millions."""


def _tag(prefix: str, name: str) -> str:
    return f"{{{_NS[prefix]}}}{name}"


H, P = _tag("text", "h"), _tag("text", "p")
LIST, ITEM, HEADER_LIST = _tag("text", "list"), _tag("text", "list-item"), _tag("text", "list-header")
TABLE, ROW = _tag("table", "table"), _tag("table", "table-row")
CELL, COVERED = _tag("table", "table-cell"), _tag("table", "covered-table-cell")
SPACE, TAB, BREAK, NOTE = _tag("text", "s"), _tag("text", "tab"), _tag("text", "line-break"), _tag("text", "note")
_CONTAINERS = {_tag("text", "section"), _tag("table", "table-header-rows"), _tag("table", "table-rows"), HEADER_LIST}


def read(name: str, data: bytes) -> SourceDocument:
    check_zip(name, data, "odt")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = set(archive.namelist())
            if "mimetype" in members and archive.read("mimetype").strip() != _MIMETYPE:
                kind = archive.read("mimetype")[:60].decode("ascii", "replace")
                raise _corrupted(name, f"not an OpenDocument text: {kind}")
            manifest = archive.read("META-INF/manifest.xml") if "META-INF/manifest.xml" in members else b""
            if b"encryption-data" in manifest:
                raise UnreadableDocument(MESSAGES.text("odt_password", name=name))
            content = archive.read("content.xml")
    except (zipfile.BadZipFile, KeyError, OSError, EOFError, ValueError) as error:
        raise _corrupted(name, str(error) or type(error).__name__) from None
    if re.search(rb"<!DOCTYPE", content[:4096] + content[-4096:], re.IGNORECASE) or b"<!ENTITY" in content:
        raise _corrupted(name, "a document type declaration, which OpenDocument never has")
    try:
        root = ElementTree.fromstring(content)
        body = root.find("office:body/office:text", _NS)
        if body is None:
            raise _corrupted(name, "no office:text body")
        return SourceDocument(name, tuple(_Blocks(name).walk(body)))
    except ElementTree.ParseError as error:
        raise _corrupted(name, str(error)) from None
    except RecursionError:  # spans nested thousands deep: built to exhaust the stack, never written by an editor
        raise _corrupted(name, "elements nested too deep") from None


def _corrupted(name: str, reason: str) -> UnreadableDocument:
    return UnreadableDocument(MESSAGES.text("corrupted", name=name, kind="odt", reason=reason))


class _Blocks:
    """Body order, paragraphs counted as Writer shows them (empty ones too), tables counted from 1."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.paragraphs = 0
        self.tables = 0

    def walk(self, parent: ElementTree.Element) -> Iterator[Block]:
        for element in parent:
            if element.tag in (H, P):
                self.paragraphs += 1
                text = text_of(element).strip()
                if not text:
                    continue
                loc = Location(self.name, paragraph=self.paragraphs)
                if element.tag == H:
                    level = element.get(_tag("text", "outline-level")) or "1"
                    yield Block("heading", loc, text, level=int(level) if level.isdigit() else 1)
                else:
                    yield Block("paragraph", loc, text)
            elif element.tag == LIST:
                yield from self._items(element)
            elif element.tag == TABLE:
                self.tables += 1
                yield self._table(element, self.tables)
            elif element.tag in _CONTAINERS:
                yield from self.walk(element)

    def _items(self, element: ElementTree.Element) -> Iterator[Block]:
        for item in element.iter(ITEM):
            for paragraph in item:
                if paragraph.tag in (H, P):
                    self.paragraphs += 1
                    text = text_of(paragraph).strip()
                    if text:
                        yield Block("item", Location(self.name, paragraph=self.paragraphs), text)

    def _table(self, table: ElementTree.Element, number: int) -> Block:
        """Each cell once: a horizontal merge is one cell; a cell covered from above is an empty one."""
        rows: list[tuple[Cell, ...]] = []
        for row in _rows(table):
            cells: list[Cell] = []
            covered_by_span = 0
            for cell in row:
                if cell.tag not in (CELL, COVERED):
                    continue
                for _ in range(_repeated(cell, "number-columns-repeated")):
                    if cell.tag == COVERED and covered_by_span:
                        covered_by_span -= 1
                        continue
                    text = "" if cell.tag == COVERED else "\n".join(_cell_lines(cell))
                    where = Location(self.name, table=number, row=len(rows) + 1, cell=str(len(cells) + 1))
                    cells.append(Cell(text.strip(), where))
                    covered_by_span = _repeated(cell, "number-columns-spanned") - 1
            rows.append(tuple(cells))
        return Block("table", Location(self.name, table=number), rows=tuple(rows))


def _rows(table: ElementTree.Element) -> Iterator[ElementTree.Element]:
    for element in table:
        if element.tag == ROW:
            for _ in range(_repeated(element, "number-rows-repeated")):
                yield element
        elif element.tag in _CONTAINERS:
            yield from _rows(element)


def _repeated(element: ElementTree.Element, attribute: str) -> int:
    value = element.get(_tag("table", attribute)) or "1"
    return min(int(value), MAX_REPEATED) if value.isdigit() and int(value) > 0 else 1


def _cell_lines(cell: ElementTree.Element) -> Iterator[str]:
    """A cell's paragraphs one a line (an empty paragraph an empty line), list items numbered as written."""
    for element in cell:
        if element.tag in (H, P):
            yield text_of(element)
        elif element.tag == LIST:
            for item in element.iter(ITEM):
                yield from (text_of(paragraph) for paragraph in item if paragraph.tag in (H, P))
        elif element.tag == TABLE:  # a table nested in a cell: one row a line
            for row in _rows(element):
                texts = [" ".join(_cell_lines(inner)).strip() for inner in row if inner.tag == CELL]
                yield " | ".join(text for text in texts if text)


def text_of(element: ElementTree.Element) -> str:
    """The text of a paragraph: spans flattened, <text:s c="3"/> as spaces, a line break as a new line."""
    parts: list[str] = [element.text or ""]
    for child in element:
        if child.tag == SPACE:
            count = child.get(_tag("text", "c")) or "1"
            parts.append(" " * min(int(count) if count.isdigit() else 1, 100))
        elif child.tag == TAB:
            parts.append("\t")
        elif child.tag == BREAK:
            parts.append("\n")
        elif child.tag != NOTE:  # a footnote's text is not part of the sentence
            parts.append(text_of(child))
        parts.append(child.tail or "")
    return "".join(parts)
