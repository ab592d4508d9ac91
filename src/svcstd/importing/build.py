"""A service's entries to one format-1.1 document, with a location for every value and an account of the import."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from svcstd.importing.components import BUILDERS, Built, complaints, fee_basis, split_coverage, unknown_row
from svcstd.importing.layout import Entry, Service
from svcstd.importing.names import DELIVERY, MANUFACTURING, NUMBERING
from svcstd.importing.source import Location

FORMAT_VERSION = "1.1"


@dataclass(frozen=True)
class Recognised:
    pointer: str
    label: str
    loc: Location


@dataclass(frozen=True)
class Imported:
    """One service as imported: its document, pointer -> origin, what was recognised, kept as text, not understood."""

    name: str
    title: str
    document: dict[str, Any]
    sources: dict[str, Location]
    recognised: tuple[Recognised, ...]
    as_text: tuple[str, ...]
    not_understood: tuple[Recognised, ...]

    @property
    def complete(self) -> bool:
        return not self.not_understood


def build(service: Service, file: str, stem: str) -> Imported:
    parts = _Parts(file)
    entries = _resolve_service_time(service.entries)
    for key in (*DELIVERY, *MANUFACTURING, "pledge"):
        matching = [entry for entry in entries if entry.key == key]
        if matching:
            parts.add(key, matching)
    for entry in entries:
        if entry.key is None or (entry.key not in BUILDERS and entry.key != "complaints"):
            parts.unknown(entry)
    title = _title(service, stem)
    document: dict[str, Any] = {
        "svcstd": FORMAT_VERSION,
        "kind": "standard" if parts.manufacturing else "published_sheet",
        "title": title,
        # Only what the text states ("Penyelenggara: …"); `{}` when it names no provider: format 1.1 records
        # "not named" so, the draft stays valid and nothing is inferred from a file name or an address.
        "provider": {key: _clean(line.text) for key, line in service.provider.items()},
        "delivery": parts.delivery,
    }
    if service.title is not None:
        parts.sources["/title"] = service.title.loc
    for key, line in service.provider.items():
        parts.sources[f"/provider/{key}"] = line.loc
    for name in ("manufacturing", "pledge", "x-notes", "x-rows"):
        if getattr(parts, name.replace("-", "_")):
            document[name] = getattr(parts, name.replace("-", "_"))
    document["x-source"] = {"file": file}
    return Imported(
        stem,
        title,
        document,
        dict(sorted(parts.sources.items())),
        tuple(parts.recognised),
        tuple(parts.as_text),
        tuple(parts.not_understood),
    )


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _title(service: Service, stem: str) -> str:
    if service.title is None:
        return stem
    return re.sub(r"\s+", " ", NUMBERING.sub("", service.title.text)).strip()


def _resolve_service_time(entries: list[Entry]) -> list[Entry]:
    """ "Waktu Pelayanan" is the completion time when it reads as one ("15 (lima belas) menit"), else opening hours."""
    has_completion = any(entry.key == "completion_time" for entry in entries)
    resolved = []
    for entry in entries:
        key = entry.key
        if key == "service_time":
            key = "completion_time" if not has_completion and not _is_opening_hours(entry) else None
        elif key == "service_hours":
            key = None
        resolved.append(Entry(key, entry.label, entry.loc, entry.lines, entry.steps))
    return resolved


_HOURS = re.compile(
    r"\b(senin|selasa|rabu|kamis|jum.?at|sabtu|minggu|pukul|wib|wita|wit)\b|\d{1,2}[.:]\d{2}\s*[-–]", re.I
)


def _is_opening_hours(entry: Entry) -> bool:
    return any(_HOURS.search(line.text) for line in entry.lines)


class _Parts:
    def __init__(self, file: str) -> None:
        self.file = file
        self.delivery: dict[str, Any] = {}
        self.manufacturing: dict[str, Any] = {}
        self.pledge: dict[str, Any] = {}
        self.x_notes: dict[str, list[str]] = {}
        self.x_rows: list[dict[str, Any]] = []
        self.sources: dict[str, Location] = {}
        self.recognised: list[Recognised] = []
        self.as_text: list[str] = []
        self.not_understood: list[Recognised] = []

    def add(self, key: str, entries: list[Entry]) -> None:
        built = complaints(entries) if key == "complaints" else BUILDERS[key](entries[0])
        for extra in entries[1:] if key != "complaints" else []:
            self.unknown(extra)
        if key == "fees":
            basis = fee_basis(built)
            if basis is not None:
                self.delivery["fee_basis"], self.sources["/delivery/fee_basis"] = basis
            built, coverage = split_coverage(built)
            if not built.value:  # every line was insurance: the sheet states no fee; its notes go with coverage
                coverage.notes = built.notes
            else:
                self.delivery["fees"] = built.value
                self._record("/delivery/fees", key, entries[0], built)
            if coverage.value:
                self.delivery["coverage"] = coverage.value
                self._record("/delivery/coverage", "coverage", entries[0], coverage)
            return
        if key == "pledge":
            self.pledge, base = built.value, "/pledge"
        else:
            section = "delivery" if key in DELIVERY else "manufacturing"
            getattr(self, section)[key] = built.value
            base = f"/{section}/{key}"
        self._record(base, key, entries[0], built)

    def _record(self, base: str, key: str, entry: Entry, built: Built) -> None:
        self.sources[base] = entry.lines[0].loc if entry.lines else entry.loc
        self.sources.update({base + pointer: loc for pointer, loc in built.sources.items() if pointer})
        self.recognised.append(Recognised(base, entry.label, entry.loc))
        self.as_text.extend(base + pointer for pointer in built.as_text)
        if built.notes:
            notes = self.x_notes.setdefault(key, [])
            for text, loc in built.notes:
                self.sources[f"/x-notes/{key}/{len(notes)}"] = loc
                self.as_text.append(f"/x-notes/{key}/{len(notes)}")
                notes.append(text)

    def unknown(self, entry: Entry) -> None:
        pointer = f"/x-rows/{len(self.x_rows)}"
        self.sources[pointer] = entry.loc
        self.x_rows.append(unknown_row(entry))
        self.not_understood.append(Recognised(pointer, entry.label, entry.loc))
