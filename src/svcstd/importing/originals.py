"""`svcstd check berkas.docx`: an original imported in memory, its YAML judged, each finding placed in the original.

Only files named on the command line are read this way: a folder search looks for YAML alone, since a
folder of decrees also holds Word files and PDFs that are no standard (CLI.md). The readers load only
when such a file is named, so a check of YAML files never pays for them. Originals bypass the result
cache: what is cached is keyed to YAML bytes, and an original's results carry its places.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from svcstd.errors import SvcstdError
from svcstd.i18n import Catalog
from svcstd.importing.optional import install_command
from svcstd.importing.readers import KINDS, LIBRARIES
from svcstd.importing.source import Location
from svcstd.judge import Pipeline, Results, judge
from svcstd.model import Finding, LoadedDocument, Origin
from svcstd.model import Location as TextLocation
from svcstd.reading.discovery import Target

SUFFIXES = frozenset(KINDS)
"""The originals `check` reads: .docx, .odt, .pdf, .html/.htm, .xlsx."""

MESSAGES = Catalog(
    "check_originals",
    {
        "missing_readers": (
            "checking {path} needs the optional document readers (missing: {module}). Install them into the "
            "virtual environment svcstd runs in: {install}",
            "pemeriksaan {path} memerlukan pustaka pembaca dokumen tambahan (belum ada: {module}). Pasang di "
            "lingkungan virtual (venv) tempat svcstd berjalan: {install}",
        ),
    },
)


class MissingReaders(SvcstdError):
    """An original was named, and the library that reads its kind is not installed (exit 2)."""


def is_original(path: str) -> bool:
    return Path(path).suffix.lower() in SUFFIXES


def require_readers(paths: Sequence[str]) -> None:
    """Refuse, before any work, a run naming an original whose reader is not installed."""
    for path in paths:
        library = LIBRARIES.get(KINDS.get(Path(path).suffix.lower(), ""))
        if library is not None and importlib.util.find_spec(library) is None:
            install = install_command()
            raise MissingReaders(MESSAGES.text("missing_readers", path=path, module=library, install=install))


def judge_original(target: Target, pipeline: Pipeline) -> Results | None:
    """The results of an original's services, each finding placed; None for a file that is no original."""
    if not is_original(target.path):
        return None
    from svcstd.importing.emit import to_yaml
    from svcstd.importing.fetch import load
    from svcstd.importing.run import import_fetched
    from svcstd.importing.source import UnreadableDocument
    from svcstd.reading.loader import load_bytes

    try:
        imported = import_fetched(load(target.path))
    except UnreadableDocument as error:  # a broken input is a finding (exit 1), as a broken YAML file is
        return (judge(_unreadable(target.display, error), pipeline),)
    results = []
    for index, item in enumerate(imported):
        loaded = load_bytes(to_yaml(item).encode("utf-8"), target.display, pipeline.settings.limits)
        result = judge(replace(loaded[0], index=index), pipeline)
        placed = tuple(replace(finding, origin=origin(finding.pointer, item.sources)) for finding in result.findings)
        results.append(replace(result, findings=placed))
    return tuple(results)


def origin(pointer: str, sources: dict[str, Location]) -> Origin:
    """The place of the value at `pointer`, or of the nearest value that contains it; the whole document else."""
    while pointer:
        found = sources.get(pointer)
        if found is not None:
            return found.origin()
        pointer = pointer.rpartition("/")[0]
    return Origin()


def _unreadable(display: str, error: SvcstdError) -> LoadedDocument:
    from svcstd.reading.loader import reading_finding
    from svcstd.reading.sourcemap import SourceMap

    en, id_ = (text.rstrip(".") for text in error.message)
    finding: Finding = reading_finding("unreadable", TextLocation(1, 1), "", reason_en=en, reason_id=id_)
    return LoadedDocument(display, 0, None, SourceMap(), (replace(finding, origin=Origin()),))
