"""The import of one file or URL: read it, find its services, build one format-1.1 document for each."""

from __future__ import annotations

import re

from svcstd.importing.build import Imported, build
from svcstd.importing.fetch import Fetched, load
from svcstd.importing.layout import services
from svcstd.importing.messages import MESSAGES
from svcstd.importing.names import NUMBERING
from svcstd.importing.readers import reader_for
from svcstd.importing.source import UnreadableDocument


def import_target(target: str) -> list[Imported]:
    """Every service found in `target`; UnreadableDocument when it cannot be read or holds no standard."""
    return import_fetched(load(target))


def import_fetched(fetched: Fetched) -> list[Imported]:
    """Every service found in a document already read (`svcstd check` reads originals itself)."""
    document = reader_for(fetched.kind)(fetched.name, fetched.data)
    found = services(document)
    if not found:
        raise UnreadableDocument(MESSAGES.text("no_standard", name=fetched.name))
    if len(found) == 1:
        return [build(found[0], fetched.name, fetched.stem)]
    imported = []
    for number, service in enumerate(found, start=1):
        title = NUMBERING.sub("", service.title.text) if service.title else ""
        stem = f"{fetched.stem}-{number:02d}" + (f"-{slug(title)}" if slug(title) else "")
        imported.append(build(service, fetched.name, stem))
    return imported


def slug(text: str, limit: int = 40) -> str:
    words = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return words[:limit].rstrip("-")
