"""Bounds on what one imported document may cost: its size, and what its zip container would unpack to."""

from __future__ import annotations

import io
import zipfile

from svcstd.importing.messages import MESSAGES
from svcstd.importing.source import UnreadableDocument

MAX_FILE_BYTES = 20 * 1024 * 1024
"""A real standard, even a decree with fifty services and a scanned logo, is a few megabytes."""
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_RATIO = 200
"""Office XML compresses about 10:1; a part compressed 200:1 or more is built to explode."""
MAX_MEMBERS = 5_000
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def check_size(name: str, size: int) -> None:
    if size > MAX_FILE_BYTES:
        raise UnreadableDocument(MESSAGES.text("too_large", name=name, size=size, limit=MAX_FILE_BYTES))


def check_zip(name: str, data: bytes, kind: str) -> None:
    """Refuse an Office file before any part is inflated: encrypted, not a zip, or a zip bomb.

    zipfile stops reading a member at the size its directory declares, so checking the declared sizes
    bounds what any later reader can inflate.
    """
    if data.startswith(_OLE_MAGIC):
        raise UnreadableDocument(MESSAGES.text("encrypted", name=name))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as error:
        raise UnreadableDocument(MESSAGES.text("corrupted", name=name, kind=kind, reason=str(error))) from None
    total = sum(member.file_size for member in members)
    exploding = any(member.file_size > MAX_RATIO * max(member.compress_size, 1) for member in members)
    if len(members) > MAX_MEMBERS or total > MAX_UNPACKED_BYTES or (exploding and total > 1024 * 1024):
        raise UnreadableDocument(MESSAGES.text("zip_bomb", name=name, limit=MAX_UNPACKED_BYTES))
