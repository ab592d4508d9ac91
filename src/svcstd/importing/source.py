"""The neutral model every reader produces: headings, paragraphs, list items and tables, each with its origin."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from svcstd.errors import SvcstdError
from svcstd.model import Origin

BlockKind = Literal["heading", "paragraph", "item", "table"]


@dataclass(frozen=True)
class Location:
    """Where a value came from: file, then page or sheet, table, row and cell (1-based), or paragraph."""

    file: str
    page: int | None = None
    sheet: str | None = None
    table: int | None = None
    row: int | None = None
    cell: str | None = None
    paragraph: int | None = None

    def describe(self) -> str:
        """`berkas.docx, tabel 1, baris 3, sel 2`: the comment a reader of the YAML sees (in Indonesian)."""
        place = self.origin()
        return f"{self.file}, {place.describe('id')}" if place != Origin() else self.file

    def origin(self) -> Origin:
        """The place within the file, as `check` reports it for a finding in an original."""
        return Origin(self.page, self.sheet, self.table, self.row, self.cell, self.paragraph)

    def as_json(self) -> dict[str, object]:
        return {key: value for key, value in self.__dict__.items() if value is not None}


@dataclass(frozen=True)
class Cell:
    text: str
    loc: Location


@dataclass(frozen=True)
class Block:
    """One heading, paragraph, list item or table; `rows` only for tables, `level` only for headings."""

    kind: BlockKind
    loc: Location
    text: str = ""
    level: int = 0
    rows: tuple[tuple[Cell, ...], ...] = field(default=())


@dataclass(frozen=True)
class SourceDocument:
    name: str
    blocks: tuple[Block, ...]


def library_reason(error: BaseException, name: str) -> str:
    """A library's complaint, the in-memory stream it names ("<_io.BytesIO object at 0x…>") replaced by the file."""
    return re.sub(r"'?<_io\.BytesIO object at 0x[0-9a-f]+>'?", name, str(error)) or type(error).__name__


class UnreadableDocument(SvcstdError):
    """A document that cannot be read at all (corrupted, encrypted, a scan, too large); the message says why."""
