"""Where the components are: component tables (any column), headed sections, step tables, many services per file.

Reads the neutral blocks of any reader and groups them into services, each a list of entries (a component's
label and the lines of its value, each line with its location). Nothing here interprets a value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from svcstd.importing.names import component_key, is_header_row, is_part_heading, normalise
from svcstd.importing.source import Block, Cell, Location, SourceDocument

REPEATABLE = {"complaints", None}
"""Components that real documents write twice in one standard (Pengelolaan and Penanganan pengaduan)."""


@dataclass(frozen=True)
class Line:
    text: str
    loc: Location


@dataclass
class Entry:
    """One component (key None: a row nobody recognised), as written: its label and the lines of its value."""

    key: str | None
    label: str
    loc: Location
    lines: list[Line] = field(default_factory=list)
    steps: list[dict[str, Line]] = field(default_factory=list)


@dataclass
class Service:
    title: Line | None
    entries: list[Entry] = field(default_factory=list)
    provider: dict[str, Line] = field(default_factory=dict)

    def components(self) -> set[str | None]:
        return {entry.key for entry in self.entries}


_NAMES_SERVICE = re.compile(r"\b(standar|pelayanan|layanan)\b", re.IGNORECASE)
PROVIDER_LABELS = {
    "penyelenggara": "name",
    "penyelenggara pelayanan": "name",
    "nama penyelenggara": "name",
    "unit": "unit",
    "unit pelayanan": "unit",
    "unit kerja": "unit",
    "unit penyelenggara": "unit",
    "alamat": "address",
    "telepon": "phone",
    "telp": "phone",
    "surel": "email",
    "email": "email",
    "e mail": "email",
    "situs web": "website",
    "website": "website",
}
"""Lines that state who provides the service ("Penyelenggara: Dinas ...") before its components: provider fields."""
_PROVIDER_LINE = re.compile(r"^\s*([A-Za-z][A-Za-z -]{1,30}?)\.?\s*:\s*(\S.*?)\s*$", re.DOTALL)
_LABEL_COLON = re.compile(r"^([^:]{2,80}?)\s*:\s*(.+)$", re.DOTALL)
_STEP_COLUMNS = {
    "action": ("kegiatan", "uraian kegiatan", "prosedur", "langkah", "tahapan", "uraian", "proses", "aktivitas"),
    "actor": ("pelaksana", "petugas", "pelaku", "penanggung jawab"),
    "time": ("waktu", "durasi", "lama", "mutu baku waktu", "jangka waktu"),
    "note": ("keterangan", "output", "hasil", "ket"),
}


class _Grouper:
    def __init__(self) -> None:
        self.services: list[Service] = []
        self.entry: Entry | None = None
        self.section_open = False
        self.candidates: list[tuple[Block, Line]] = []
        self.provider: dict[str, Line] = {}

    def text(self, block: Block) -> None:
        key = component_key(block.text)
        if key is not None:
            self.start(key, block.text, block.loc, [])
            self.section_open = True
            return
        labelled = _LABEL_COLON.match(block.text)
        if labelled and component_key(labelled.group(1)) is not None:
            label, value = labelled.groups()
            self.start(component_key(label), label, block.loc, [Line(value, block.loc)])
            self.section_open = True
            return
        if self.section_open and self.entry is not None and block.kind != "heading":
            self.entry.lines.append(Line(block.text, block.loc))
            return
        self.section_open = False
        stated = _PROVIDER_LINE.match(block.text)
        field_name = PROVIDER_LABELS.get(normalise(stated.group(1))) if stated else None
        if stated and field_name and field_name not in self.provider:
            self.provider[field_name] = Line(stated.group(2), block.loc)
            return
        if not is_part_heading(block.text):
            self.candidates.append((block, Line(block.text, block.loc)))

    def table(self, block: Block) -> None:
        column = _label_column(block.rows)
        if column is None:
            self.other_table(block)
            return
        self.section_open = False
        for row in block.rows:
            self.row(row, column)

    def row(self, row: tuple[Cell, ...], column: int) -> None:
        texts = [cell.text for cell in row]
        if is_header_row(texts) or column >= len(row):
            return
        label = row[column]
        values = [Line(cell.text, cell.loc) for cell in row[column + 1 :] if cell.text]
        if not label.text:
            if values and self.entry is not None:
                self.entry.lines.extend(values)
            return
        key = component_key(label.text)
        if key is None and not values and sum(bool(text) for text in texts) == 1:
            self.candidates.append((Block("heading", label.loc, label.text), Line(label.text, label.loc)))
            return
        self.start(key, label.text, label.loc, values)

    def other_table(self, block: Block) -> None:
        """A table without component labels: the steps of an open procedure, else lines of the open section."""
        columns = _step_columns(block.rows[0]) if block.rows else {}
        if self.entry is not None and self.entry.key == "procedure" and "action" in columns:
            for row in block.rows[1:]:
                step = {name: Line(row[i].text, row[i].loc) for name, i in columns.items() if i < len(row)}
                if step.get("action") and step["action"].text:
                    self.entry.steps.append(step)
            return
        if self.entry is None:
            return
        for row in block.rows:
            cells = [cell for cell in row if cell.text]
            if cells:
                self.entry.lines.append(Line(" | ".join(cell.text for cell in cells), cells[0].loc))

    def start(self, key: str | None, label: str, loc: Location, lines: list[Line]) -> None:
        service = self.services[-1] if self.services else None
        repeated = service is not None and key in service.components() and key not in REPEATABLE
        if service is None or (repeated and key is not None):
            service = Service(self._title(first=service is None), provider=self.provider)
            self.services.append(service)
            self.provider = {}
        self.candidates = []
        self.entry = Entry(key, " ".join(label.split()), loc, lines)
        service.entries.append(self.entry)

    def _title(self, first: bool) -> Line | None:
        """The service's title among the texts before it: one that names a service, else a heading, else any."""
        named = [line for _, line in self.candidates if _NAMES_SERVICE.search(line.text)]
        headings = [line for block, line in self.candidates if block.kind == "heading"]
        others = [line for _, line in self.candidates]
        choices = named or headings or others
        if not choices:
            return None
        return choices[0] if first else choices[-1]


def _label_column(rows: tuple[tuple[Cell, ...], ...]) -> int | None:
    counts: dict[int, int] = {}
    for row in rows:
        for index, cell in enumerate(row):
            if component_key(cell.text) is not None:
                counts[index] = counts.get(index, 0) + 1
    if not counts:
        return None
    best = max(counts, key=lambda index: (counts[index], -index))
    return best if counts[best] >= 1 else None


def _step_columns(header: tuple[Cell, ...]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, cell in enumerate(header):
        name = normalise(cell.text)
        for column, words in _STEP_COLUMNS.items():
            if column not in found and name in words:
                found[column] = index
    return found


def services(document: SourceDocument) -> list[Service]:
    """The services a document holds, each with its components in the order they are written."""
    grouper = _Grouper()
    for block in document.blocks:
        if block.kind == "table":
            grouper.table(block)
        else:
            grouper.text(block)
    return [service for service in grouper.services if any(entry.key for entry in service.entries)]
