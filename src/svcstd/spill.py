"""Document results kept in a temporary file while a run goes on, so that memory stays flat with the corpus.

`svcstd check` writes each file's results here as they come from the cache or the workers, and keeps in
memory only what the outputs need up front: the run's totals (`Tally`) and where each record is. The
reporters then read the documents back one at a time, in the report's order, as often as they need.

The file is made by `tempfile.TemporaryFile` in the system's temporary folder: on Linux it has no name
at all (O_TMPFILE), elsewhere on POSIX its name is removed as soon as it is created, and on Windows it
is deleted when closed. Nothing of it is ever seen in the checked tree or left behind, not even when the
process is killed. Records are pickles: the file is private to this process (no name another process
could open) and read back only by the run that wrote it, unlike the result cache, which stores no pickle.
"""

from __future__ import annotations

import os
import pickle
import tempfile
from array import array
from collections.abc import Iterable
from typing import IO, Any

from svcstd.errors import SvcstdError
from svcstd.i18n import Catalog
from svcstd.model import DocumentResult, DocumentStream, Tally, TallyCounter

MESSAGES = Catalog(
    "spill",
    {
        "cannot": (
            "cannot keep the results in a temporary file in {folder}: {reason}. Free some space there, or "
            "point TMPDIR to a folder with room.",
            "tidak dapat menyimpan hasil pemeriksaan dalam berkas sementara di {folder}: {reason}. Kosongkan "
            "sebagian ruang di sana, atau arahkan TMPDIR ke folder yang masih lapang.",
        ),
    },
)


class SpillError(SvcstdError):
    """The temporary file of a run cannot be made, written or read (a full disk): exit 2, said plainly."""


def _failed(error: OSError) -> SpillError:
    reason = error.strerror or str(error)
    return SpillError(MESSAGES.text("cannot", folder=tempfile.gettempdir(), reason=reason))


class Spill:
    """The write side: `add` each target's results as they arrive, in any order; `documents()` reads them back.

    Use it as a context manager (`with Spill() as spill:`), so that the file is closed when the run ends,
    however it ends.
    """

    def __init__(self) -> None:
        try:
            self._file: IO[bytes] = tempfile.TemporaryFile(prefix="svcstd-results-")  # noqa: SIM115  (closed by close)
        except OSError as error:
            raise _failed(error) from None
        self._end = 0
        self._slots: dict[int, list[tuple[int, int]]] = {}
        self._paths: dict[str, None] = {}
        self._tally = TallyCounter()

    def __enter__(self) -> Spill:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def closed(self) -> bool:
        return self._file.closed

    def close(self) -> None:
        self._file.close()

    def add(self, slot: int, results: Iterable[DocumentResult]) -> None:
        """The results of the target at position `slot` of the run (its documents in their order).

        Results that came from a worker already pickled (`PickledResults`) are written as those bytes.
        """
        records = self._slots.setdefault(slot, [])
        blobs = results.blobs if isinstance(results, PickledResults) else None
        for position, doc in enumerate(results):
            blob = pickle.dumps(doc, protocol=pickle.HIGHEST_PROTOCOL) if blobs is None else blobs[position]
            try:
                self._file.write(blob)
            except OSError as error:
                raise _failed(error) from None
            records.append((self._end, len(blob)))
            self._end += len(blob)
            self._tally.add(doc)
            self._paths[doc.path] = None

    def documents(self) -> SpilledDocuments:
        """Every document added so far, in the order of their slots, then their order within a slot."""
        try:
            self._file.flush()
        except OSError as error:
            raise _failed(error) from None
        offsets, lengths = array("q"), array("q")
        for slot in sorted(self._slots):
            for offset, length in self._slots[slot]:
                offsets.append(offset)
                lengths.append(length)
        return SpilledDocuments(self._file, offsets, lengths, self._tally.tally(), tuple(self._paths))


class PickledResults(tuple[DocumentResult, ...]):
    """A file's results as a worker sent them: the documents, and the pickle each one was unpickled from.

    A plain tuple of the documents to everything else; `Spill.add` writes `blobs` as they are instead of
    pickling the documents again. Only this process's own workers make them (parallel.py), with this code.
    """

    blobs: tuple[bytes, ...]

    def __new__(cls, blobs: tuple[bytes, ...]) -> PickledResults:
        made = super().__new__(cls, [pickle.loads(blob) for blob in blobs])  # from this run's own workers
        made.blobs = blobs
        return made

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled (or copied) as the bytes it came from; tuple's own way would pass it the documents."""
        return (PickledResults, (self.blobs,))


class SpilledDocuments(DocumentStream):
    """The documents of a spill as a read-only sequence: each read back from the file when it is asked for.

    Iterating reads them one at a time, so any number of passes keeps one document in memory at a time.
    """

    def __init__(
        self, file: IO[bytes], offsets: array[int], lengths: array[int], tally: Tally, paths: tuple[str, ...] = ()
    ) -> None:
        self._file = file
        self._offsets = offsets
        self._lengths = lengths
        self._tally = tally
        self._paths = paths

    def tally(self) -> Tally:
        return self._tally

    def paths(self) -> tuple[str, ...]:
        """Each file the documents came from, once, recorded as they were added (no document is read back)."""
        return self._paths

    def __len__(self) -> int:
        return len(self._offsets)

    def document(self, position: int) -> DocumentResult:
        offset, length = self._offsets[position], self._lengths[position]
        try:
            blob = _read_at(self._file, offset, length)
        except OSError as error:
            raise _failed(error) from None
        doc: DocumentResult = pickle.loads(blob)  # this process's own private file, see the module's docstring
        return doc


def _read_at(file: IO[bytes], offset: int, length: int) -> bytes:
    """`length` bytes at `offset`, without moving a position other readers share (pread where there is one)."""
    if hasattr(os, "pread"):
        blob = os.pread(file.fileno(), length, offset)
    else:  # Windows: no pread; the run reads from one thread
        file.seek(offset)
        blob = file.read(length)
    if len(blob) != length:
        raise OSError(0, "the temporary file is shorter than what was written to it")
    return blob
