"""Cache records made where results are judged: in each worker process, beside the report's own packing.

A cold run with the cache used to send every document pickled to the parent, which decoded it, encoded it
again as a cache record (codec.pack: each repeated string a number in the pack's table) and compressed it:
about 0.5 ms a file, in the one process that also merges the results and writes the report, beside two
workers on two cores. Now each worker encodes its files' results with a table of its own, and sends, per file,
the compressed record and the strings that record numbered first (`Encoded`). The parent writes each worker's
records into a pack of that worker's (store.ResultCache.put_encoded) and, at the end, the table it rebuilt from
those strings: the same table the worker holds, so every record reads back as the worker wrote it.

The parent receives one worker's files in the order that worker judged them (the pool hands out chunks in
order, and `imap` returns them in order), so its strings arrive in the order the worker numbered them; each
`Encoded` also says how many strings came before its own, and a pack whose count does not match is not saved.
"""

from __future__ import annotations

import secrets
from typing import NamedTuple

from svcstd.cache import codec, index
from svcstd.cache.basics import MAX_ENTRY_BYTES
from svcstd.cache.codec import Results


class Encoded(NamedTuple):
    """One file's results as a cache record, made by the encoder `source` (one per worker process)."""

    source: str
    """Which encoder made it: its records share one table, and go into one pack."""
    start: int
    """How many strings that encoder had numbered before this record."""
    strings: tuple[str, ...]
    """The strings this record numbered first: numbers start, start + 1, ..."""
    record: bytes | None
    """The record, compressed as a pack stores it; None when the results cannot be stored exactly (a NaN,
    a string JSON cannot write, larger than MAX_ENTRY_BYTES)."""


class Encoder:
    """Encodes the results of one process's files into records that share its table."""

    __slots__ = ("sent", "source", "table")

    def __init__(self) -> None:
        self.source = secrets.token_hex(8)
        self.table = codec.Table()
        self.sent = 0

    def encode(self, results: Results) -> Encoded:
        record = storable_record(results, self.table)
        start, self.sent = self.sent, len(self.table.strings)
        return Encoded(self.source, start, tuple(self.table.strings[start:]), record)


def storable_record(results: Results, table: codec.Table) -> bytes | None:
    """The results as a pack's record, compressed, their strings numbered in `table`; None when they cannot be
    stored exactly or are larger than MAX_ENTRY_BYTES (their strings then forgotten unless only the size failed:
    the table holds only strings that can be written, so it always writes). Workers and this process alike."""
    try:
        raw = codec.pack_storable(results, table)
    except ValueError:
        return None
    return index.compress(raw) if len(raw) <= MAX_ENTRY_BYTES else None
