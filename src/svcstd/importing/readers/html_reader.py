"""Saved web pages: headings, paragraphs, list items and tables with the standard library's HTML parser."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from svcstd.importing.source import Block, Cell, Location, SourceDocument

_BLOCK_TAGS = {"p", "div", "section", "article", "blockquote", "pre", "dd", "dt", "header", "footer", "main"}
_SKIP = {"script", "style", "noscript", "template", "svg", "head", "nav"}
_SPACES = re.compile(r"[ \t\r\n\f\v]+")


def read(name: str, data: bytes) -> SourceDocument:
    parser = _Parser(name)
    parser.feed(_decode(data))
    parser.close()
    parser.flush()
    return SourceDocument(name, tuple(parser.blocks))


def _decode(data: bytes) -> str:
    head = data[:2048].decode("ascii", "replace")
    declared = re.search(r"charset=[\"']?([\w-]+)", head, re.IGNORECASE)
    for encoding in ([declared.group(1)] if declared else []) + ["utf-8", "windows-1252"]:
        try:
            return data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("utf-8", "replace")


class _Parser(HTMLParser):
    """Collects text runs into blocks; inside a table, into the current cell (`<br>` and `<p>` become new lines)."""

    def __init__(self, name: str) -> None:
        super().__init__(convert_charrefs=True)
        self.name = name
        self.blocks: list[Block] = []
        self.text: list[str] = []
        self.kind = "paragraph"
        self.level = 0
        self.skip = 0
        self.tables: list[list[list[str]]] = []
        self.table_count = 0
        self.paragraphs = 0
        self.in_cell = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skip += 1
        elif tag == "table":
            self.flush()
            self.tables.append([])
        elif self.tables and tag == "tr":
            self.tables[-1].append([])
        elif self.tables and tag in ("td", "th"):
            if not self.tables[-1]:  # a cell with no <tr> before it opens a row
                self.tables[-1].append([])
            self.tables[-1][-1].append("")
            self.in_cell = True
        elif tag == "br" or (self.in_cell and tag in ("p", "li", "div")):
            self._newline()
        elif re.fullmatch(r"h[1-6]", tag):
            self.flush()
            self.kind, self.level = "heading", int(tag[1])
        elif tag == "li":
            self.flush()
            self.kind = "item"
        elif tag in _BLOCK_TAGS:
            self.flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag == "table" and self.tables:
            self._close_table()
        elif tag in ("td", "th"):
            self.in_cell = False
        elif not self.tables and (tag in _BLOCK_TAGS or tag == "li" or re.fullmatch(r"h[1-6]", tag)):
            self.flush()

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        data = _SPACES.sub(" ", data)  # a line break in the HTML source is a space; only <br> and blocks break lines
        if self.tables:
            rows = self.tables[-1]
            if rows and rows[-1]:
                rows[-1][-1] += data
        else:
            self.text.append(data)

    def _newline(self) -> None:
        if self.tables and self.tables[-1] and self.tables[-1][-1]:
            self.tables[-1][-1][-1] += "\n"
        elif not self.tables:
            self.text.append("\n")

    def flush(self) -> None:
        lines = [_SPACES.sub(" ", line).strip() for line in "".join(self.text).split("\n")]
        text = "\n".join(line for line in lines if line)
        if text:
            self.paragraphs += 1
            loc = Location(self.name, paragraph=self.paragraphs)
            self.blocks.append(Block(self.kind, loc, text, level=self.level))  # type: ignore[arg-type]
        self.text, self.kind, self.level = [], "paragraph", 0

    def _close_table(self) -> None:
        rows = self.tables.pop()
        if self.tables:  # a table inside a cell: its text joins the outer cell
            outer = self.tables[-1]
            if outer and outer[-1]:
                outer[-1][-1] += "\n" + "\n".join(" ".join(row) for row in rows)
            return
        self.table_count += 1
        number = self.table_count
        cells = tuple(
            tuple(
                Cell(_cell_text(text), Location(self.name, table=number, row=r, cell=str(c)))
                for c, text in enumerate(row, start=1)
            )
            for r, row in enumerate((row for row in rows if row), start=1)
        )
        self.blocks.append(Block("table", Location(self.name, table=number), rows=cells))


def _cell_text(raw: str) -> str:
    lines = [_SPACES.sub(" ", line).strip() for line in raw.split("\n")]
    text = "\n".join(lines).strip()
    return re.sub(r"\n{3,}", "\n\n", text)
