"""One context's cache on disk: a signed index like git's, and packs of results it points into.

A context folder (store.py) holds:

- `index`: one line with the HMAC-SHA256 of the rest, under the user's key, then canonical JSON:
  the cache format, the context, the checked root (its cache folder's name), the packs (each its name
  and the offset, length and sha256 of its table), and per checked file (its label: display path and
  whether it was named) its digest, its stat stamp, and where its results are: which pack, the offset
  and length of the record there, and the record's sha256. The signature covers all of it, so a record
  or a table is trusted exactly when its bytes hash to what the signed index says.
- `pack-<random>.dat`: records appended one after another, each one file's results as codec.pack
  writes them (repeated strings as numbers in the pack's table), zlib-compressed; then the table, the
  pack's strings once each, compressed too. A run writes its new records into a fresh pack as they
  come, named `.tmp-pack-…` until the run saves (so a killed run's pack is a stale temporary file,
  pruned after an hour), then appends the table, renames the pack and replaces the index.

A warm run reads the index once, stats each target and reads only the records whose stamp or digest
still answers. An index that is missing, unsigned, signed under another key, truncated, of another
format, context or root, or a link, is no index: every file is a miss, and the next save writes a new
one. A record whose pack is gone, short, a link, or whose bytes (or its pack's table's) do not hash to
the index's sha256, or do not decompress within the size limit, is a miss. Nothing here raises for bad
data; only OSError from writing reaches the caller (store.py skips the write then).
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import re
import secrets
import time
import zlib
from collections.abc import Iterable
from pathlib import Path
from typing import IO, NamedTuple

from svcstd.cache.location import BINARY, NO_FOLLOW, open_regular

INDEX = "index"
PACK_PREFIX = "pack-"
PACK_SUFFIX = ".dat"
TEMPORARY = ".tmp-"
MAX_INDEX_BYTES = 512 * 1024 * 1024
"""An index larger than this is not read (at 100,000 files one is about 25 MB)."""
MAX_PACKS = 8
"""More packs than this after a save: the smaller ones are merged into one."""
_PACK_NAME = re.compile(r"pack-[0-9a-f]{32}\.dat")
_PACK = re.compile(r"(pack-[0-9a-f]{32}\.dat) ([0-9]{1,18}) ([0-9]{1,18}) ([0-9a-f]{64})")
LEVEL = 1
"""zlib's level for records and tables: level 1 gets most of the gain (~1,200 → ~580 bytes a document)
for a fraction of the time of the default."""


class Pack(NamedTuple):
    """A finished pack as the index names it: its file, and where its table is in it and the table's sha256."""

    name: str
    offset: int
    length: int
    sha: str

    def written(self) -> str:
        return f"{self.name} {self.offset} {self.length} {self.sha}"


def compress(raw: bytes) -> bytes:
    return zlib.compress(raw, LEVEL)


def expand(blob: bytes, limit: int) -> bytes | None:
    """The bytes `compress` made of at most `limit` bytes; None for anything else (never more than `limit`)."""
    inflater = zlib.decompressobj()
    try:
        raw = inflater.decompress(blob, limit + 1)
    except zlib.error:
        return None
    if len(raw) > limit or not inflater.eof or inflater.unused_data or inflater.unconsumed_tail:
        return None
    return raw


Raw = str
"""An index entry as stored: "sha256 pack offset length stamp digest", one string (a tenth of the memory
and load time of a list of six values, at 100,000 files), the stamp "-" or four integers with commas; the
digest last, since a file's digest with shared parts holds paths (see shared_parts.dependency_digest)."""
Stamp = tuple[int, int, int, int]
_ENTRY = re.compile(
    r"([0-9a-f]{64}) ([0-9]{1,9}) ([0-9]{1,18}) ([0-9]{1,18}) (-|-?[0-9]{1,24}(?:,-?[0-9]{1,24}){3}) (.+)", re.DOTALL
)


class Fields(NamedTuple):
    """An index entry read back."""

    digest: str
    stamp: Stamp | None
    pack: int
    offset: int
    length: int
    sha: str


def entry(digest: str, stamp: Stamp | None, pack: int, offset: int, length: int, sha: str) -> Raw:
    written = "-" if stamp is None else ",".join(map(str, stamp))
    return f"{sha} {pack} {offset} {length} {written} {digest}"


def read_index(
    folder: Path, key: bytes, header: dict[str, str], limit: int | None = None
) -> tuple[list[Pack], dict[str, Raw]]:
    """The packs and entries of the folder's index when it is signed under `key` for exactly `header`.

    Anything else (no index, a link, too large, a wrong signature, another context or root) is an empty
    index: ([], {}). Entries are checked one by one when used (`checked`), not here.
    """
    blob = read_file(folder / INDEX, MAX_INDEX_BYTES if limit is None else limit)
    if blob is None:
        return [], {}
    mac, _, payload = blob.partition(b"\n")
    if not hmac.compare_digest(mac, sign(key, payload)):
        return [], {}
    try:
        data = json.loads(payload)
        if not isinstance(data, dict) or any(data.get(name) != value for name, value in header.items()):
            return [], {}
        packs, entries = data["packs"], data["entries"]
        if not isinstance(packs, list) or not isinstance(entries, dict):
            return [], {}
        found = [_PACK.fullmatch(written) if type(written) is str else None for written in packs]
        if not all(found) or len({match[1] for match in found if match}) != len(found):
            return [], {}
        return [Pack(match[1], int(match[2]), int(match[3]), match[4]) for match in found if match], entries
    except (ValueError, TypeError, KeyError, RecursionError):
        return [], {}


def checked(raw: object, packs: int) -> Fields | None:
    """An index entry's fields when it is written exactly as `entry` writes it, for an existing pack; else None."""
    if type(raw) is not str:
        return None
    match = _ENTRY.fullmatch(raw)
    if match is None:
        return None
    sha, pack, offset, length, written, digest = match.groups()
    if int(pack) >= packs:
        return None
    if written == "-":
        stamp = None
    else:
        size, mtime, inode, ctime = map(int, written.split(","))
        stamp = (size, mtime, inode, ctime)
    return Fields(digest, stamp, int(pack), int(offset), int(length), sha)


def write_index(folder: Path, key: bytes, header: dict[str, str], packs: list[Pack], entries: dict[str, Raw]) -> None:
    """The signed index, written to a temporary file and renamed into place.

    The payload is exactly `json.dumps(document, sort_keys=True, separators=(",", ":"))`, but written and
    signed in slices of entries, so that saving 100,000 entries holds no second copy of them. It is ASCII:
    a file name that is not UTF-8 (held with surrogate escapes) is written as \\u escapes and reads back.
    """
    if sorted(header) != ["context", "format", "root"]:
        raise ValueError("an index header is its context, format and root")
    signer = hmac.new(key, digestmod=hashlib.sha256)
    temporary = folder / f"{TEMPORARY}{INDEX}-{secrets.token_hex(8)}"
    handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | NO_FOLLOW | BINARY, 0o600)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(b"0" * 64 + b"\n")  # the signature's place, filled in at the end

            def put(text: str) -> None:
                blob = text.encode("ascii")
                signer.update(blob)
                stream.write(blob)

            put(f'{{"context":{_json(header["context"])},"entries":{{')
            labels = sorted(entries)
            for start in range(0, len(labels), 4096):
                part = ",".join(f"{_json(label)}:{_json(entries[label])}" for label in labels[start : start + 4096])
                put(f",{part}" if start else part)
            written = _json([pack.written() for pack in packs])
            put(f'}},"format":{_json(header["format"])},"packs":{written},"root":{_json(header["root"])}}}')
            stream.seek(0)
            stream.write(signer.hexdigest().encode())
        os.replace(temporary, folder / INDEX)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _json(value: object) -> str:
    return json.dumps(value, separators=(",", ":"))


def sign(key: bytes, payload: bytes) -> bytes:
    return hmac.new(key, payload, hashlib.sha256).hexdigest().encode()


def record_hash(record: bytes) -> str:
    return hashlib.sha256(record).hexdigest()


class Packs:
    """The packs of one index, opened on first use (never through a link); `record` reads one record,
    `table` a pack's table. `names` are the packs' files; `tables[n]` where pack n's table is, None while
    this run's new pack is written."""

    def __init__(self, folder: Path, packs: list[Pack], limit: int) -> None:
        self.folder = folder
        self.names = [pack.name for pack in packs]
        self.tables: list[Pack | None] = list(packs)
        self.limit = limit
        self._handles: dict[int, int | None] = {}

    def add(self, name: str) -> None:
        self.names.append(name)
        self.tables.append(None)

    def finish(self, number: int, pack: Pack) -> None:
        """Pack `number` is finished as `pack`: its table is known, and it is opened afresh when next read."""
        self.tables[number] = pack
        handle = self._handles.pop(number, None)
        if handle is not None:
            os.close(handle)

    def table(self, pack: int) -> bytes | None:
        """The pack's table, expanded, when its bytes hash to what the index says; else None."""
        place = self.tables[pack] if 0 <= pack < len(self.tables) else None
        if place is None:
            return None
        blob = self.record(pack, place.offset, place.length, place.sha)
        return None if blob is None else expand(blob, self.limit)

    def record(self, pack: int, offset: int, length: int, sha: str) -> bytes | None:
        """The record's bytes when they hash to `sha`; None when the pack or the record is not what the index says."""
        if length > self.limit or not 0 <= pack < len(self.names):
            return None
        handle = self._handles.get(pack, -1)
        if handle == -1:
            handle = self._handles[pack] = open_regular(self.folder / self.names[pack])
        if handle is None:
            return None
        try:
            blob = os.pread(handle, length, offset) if hasattr(os, "pread") else _read_at(handle, offset, length)
        except OSError:
            return None
        if len(blob) != length or not hmac.compare_digest(record_hash(blob), sha):
            return None
        return blob

    def close(self) -> None:
        for handle in self._handles.values():
            if handle is not None:
                os.close(handle)
        self._handles.clear()


class PackWriter:
    """A new pack in the folder, written record by record as results come (nothing is held in memory).

    It is a temporary file (`.tmp-pack-…`) until `finish` renames it to its pack name.
    """

    def __init__(self, folder: Path) -> None:
        self.name = f"{PACK_PREFIX}{secrets.token_hex(16)}{PACK_SUFFIX}"
        self.temporary = folder / f"{TEMPORARY}{self.name}"
        self.path = folder / self.name
        handle = os.open(self.temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | NO_FOLLOW | BINARY, 0o600)
        self._stream: IO[bytes] = os.fdopen(handle, "wb")
        self.size = 0

    def append(self, record: bytes) -> int:
        """Write one record; its offset."""
        offset = self.size
        self._stream.write(record)
        self.size += len(record)
        return offset

    def finish(self, table: bytes) -> Pack:
        """Append the table (already compressed), close and rename the pack; the pack as the index names it."""
        offset = self.append(table)
        self._stream.close()
        os.replace(self.temporary, self.path)
        return Pack(self.name, offset, len(table), record_hash(table))

    def discard(self) -> None:
        """Close and remove the temporary pack (a run that failed, or was interrupted, before saving)."""
        with contextlib.suppress(OSError):
            self._stream.close()
        self.temporary.unlink(missing_ok=True)


def pack_files(folder: Path) -> Iterable[os.DirEntry[str]]:
    """The folder's finished packs."""
    return (entry for entry in os.scandir(folder) if _PACK_NAME.fullmatch(entry.name))


def drop_packs(folder: Path, keep: set[str], known: set[str], stale_seconds: float) -> None:
    """Remove the packs the new index does not use: at once those the old index used (merged or replaced),
    the others (a concurrent run's, a lost index's) once they are `stale_seconds` old."""
    cutoff = time.time() - stale_seconds
    for entry in pack_files(folder):
        if entry.name in keep:
            continue
        try:
            if entry.name in known or entry.stat(follow_symlinks=False).st_mtime < cutoff:
                os.unlink(entry.path)
        except OSError:
            continue


def read_file(path: Path, limit: int) -> bytes | None:
    """The file's bytes, never through a link and never more than `limit`; None when there is none."""
    handle = open_regular(path)
    if handle is None:
        return None
    try:
        size = os.fstat(handle).st_size
        if size > limit:
            return None
        chunks = [os.read(handle, size + 1)]  # one read: the file is written whole, then renamed
        while chunks[-1] and sum(map(len, chunks)) <= limit:
            chunks.append(os.read(handle, limit + 1))
    except OSError:
        return None
    finally:
        os.close(handle)
    blob = b"".join(chunks)
    return blob if len(blob) <= limit else None


def _read_at(handle: int, offset: int, length: int) -> bytes:
    """pread for systems without it (Windows): the run reads packs from one thread."""
    os.lseek(handle, offset, os.SEEK_SET)
    return os.read(handle, length)
