"""Document results kept in a temporary file while a run goes on, so that memory stays flat with the corpus.

`svcstd check` writes each file's results here as they come from the cache or the workers, and keeps in
memory only what the outputs need up front: the run's totals (`Tally`) and where each record is. The
reporters then read the documents back one at a time, in the report's order, as often as they need.

The file is made by `tempfile.TemporaryFile` in the system's temporary folder: on Linux it has no name
at all (O_TMPFILE), elsewhere on POSIX its name is removed as soon as it is created, and on Windows it
is deleted when closed. Nothing of it is ever seen in the checked tree or left behind, not even when the
process is killed. A record is what the run will read back of a document (`Packing`): its line of the JSON
report, in the run's language, when JSON is written, and the document itself, pickled, when anything else
reads it (another format, a baseline, the API). The file is private to this process (no name another process
could open) and read back only by the run that wrote it, unlike the result cache, which stores no pickle.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import tempfile
from array import array
from collections.abc import Iterable, Iterator, Sequence
from types import ModuleType
from typing import IO, TYPE_CHECKING, NamedTuple, overload

from svcstd.errors import SvcstdError
from svcstd.i18n import Catalog
from svcstd.model import DocumentResult, DocumentStream, FindingCounts, Severity, Tally

if TYPE_CHECKING:
    from svcstd.cache.encoder import Encoded

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


BLOCK = 1 << 20
"""Records that lie one after another in the file are read back in reads of about this many bytes."""

WRITE_BUFFER = 1 << 17
"""The file's write buffer: a record (a document's JSON line, about 4-8 KB) is copied into it, and written out with
others in one system call (io's default of 8 KB wrote about every record on its own: 4.8 µs a record against 2.6)."""

Counts = tuple[int, int, int, int, int]
"""What a document adds to the run's totals: passed, invalid (0 or 1), and its errors, warnings and notes
that are not waived."""


class Pack(NamedTuple):
    """One document as the spill writes it, made where the document was judged (in a worker, or here)."""

    path: str
    counts: Counts
    json: bytes | None
    """Its line of the JSON report (json_report.document_text), UTF-8, when the run writes JSON."""
    pickled: bytes | None
    """The document itself, when anything reads it back (`Packing.documents`)."""


class Packing(NamedTuple):
    """What a run keeps of each document, decided by what it writes (`for_outputs`).

    `json_lang`: the document's line of the JSON report in that language, made where the document is judged
    (a worker makes it in parallel, and writing the report is then copying bytes); None when no JSON is
    written. `documents`: the document itself, pickled, for everything else that reads it back; False only
    when JSON is all that is written, so that such a run pickles nothing.
    """

    json_lang: str | None = None
    documents: bool = True

    def pack(self, doc: DocumentResult) -> Pack:
        text = None
        if self.json_lang is not None:
            reporter = _JSON_REPORT[0] if _JSON_REPORT else _json_report()
            text = reporter.document_utf8(doc, self.json_lang)  # document_text, encoded
        blob = pickle.dumps(doc, protocol=pickle.HIGHEST_PROTOCOL) if self.documents else None
        return Pack(doc.path, counts(doc), text, blob)


_JSON_REPORT: list[ModuleType] = []
"""svcstd.reporters.json_report, once a run has packed a JSON line (an import statement per document cost about
2 µs: the import system is asked each time, though the module is loaded)."""


def _json_report() -> ModuleType:
    from svcstd.reporters import json_report

    _JSON_REPORT[:] = [json_report]
    return json_report


EVERYTHING = Packing()
"""Every document kept (pickled), no JSON lines: the default of a spill (API callers, `svcstd report`)."""


def for_outputs(formats: Iterable[str], lang: str, baseline: bool = False) -> Packing:
    """The packing of a `svcstd check` that writes `formats` in `lang`: JSON lines when JSON is among them; the
    documents unless JSON is all it writes and no baseline (given or written) reads them."""
    names = set(formats)
    return Packing(lang if "json" in names else None, documents=baseline or names != {"json"})


def counts(doc: DocumentResult) -> Counts:
    """What `TallyCounter.add` counts of one document (tests/test_transport.py holds the two equal)."""
    severities = [finding.severity for finding in doc.findings if finding.waiver is None]
    errors, warnings = severities.count(Severity.ERROR), severities.count(Severity.WARNING)
    return (int(doc.passed), int(not doc.valid), errors, warnings, len(severities) - errors - warnings)


class Packed(Sequence[DocumentResult]):
    """A file's results as a worker sent them: one `Pack` per document, each document unpickled on first use.

    `Spill.add` writes the packs as they are; the documents are decoded only for a caller that reads them
    (a report held in memory), once. Only this process's own workers make them (parallel.py). `encoded`: the
    file's cache record, when the run stores results (cache/encoder.py); `documents`: the documents themselves,
    when they were judged in this process (the first file of a pool, parallel._warm_start).
    """

    __slots__ = ("_documents", "encoded", "packs")

    def __init__(
        self,
        packs: tuple[Pack, ...],
        encoded: Encoded | None = None,
        documents: tuple[DocumentResult, ...] | None = None,
    ) -> None:
        self.packs = packs
        self.encoded = encoded
        self._documents = documents

    def __len__(self) -> int:
        return len(self.packs)

    @overload
    def __getitem__(self, position: int) -> DocumentResult: ...

    @overload
    def __getitem__(self, position: slice) -> tuple[DocumentResult, ...]: ...

    def __getitem__(self, position: int | slice) -> DocumentResult | tuple[DocumentResult, ...]:
        return self.documents()[position]

    def __iter__(self) -> Iterator[DocumentResult]:
        return iter(self.documents())

    def documents(self) -> tuple[DocumentResult, ...]:
        if self._documents is None:
            if any(pack.pickled is None for pack in self.packs):
                raise RuntimeError("the workers were asked for no documents, only their JSON lines")
            self._documents = tuple(pickle.loads(pack.pickled) for pack in self.packs)  # type: ignore[arg-type]
        return self._documents


def documents_of(results: Sequence[DocumentResult]) -> tuple[DocumentResult, ...]:
    """The documents of a file's results, decoded if a worker sent them packed."""
    if isinstance(results, Packed):
        return results.documents()
    return results if isinstance(results, tuple) else tuple(results)


class Spill:
    """The write side: `add` each target's results as they arrive, in any order; `documents()` reads them back.

    Use it as a context manager (`with Spill() as spill:`), so that the file is closed when the run ends,
    however it ends. `packing` says what is kept of each document (every document, by default).
    """

    def __init__(self, packing: Packing = EVERYTHING) -> None:
        self.packing = packing
        try:
            self._file: IO[bytes] = tempfile.TemporaryFile(  # noqa: SIM115  (closed by close)
                prefix="svcstd-results-", buffering=WRITE_BUFFER
            )
        except OSError as error:
            raise _failed(error) from None
        self._end = 0
        self._slots, self._offsets = array("q"), array("q")
        self._json_lengths, self._pickle_lengths = array("q"), array("q")
        self._paths: dict[str, None] = {}
        self._totals = [0, 0, 0, 0, 0]  # Counts added up (the documents are the slots' count)

    def __enter__(self) -> Spill:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def closed(self) -> bool:
        return self._file.closed

    def close(self) -> None:
        """Close (and so delete) the file; what is still in its write buffer is of no use any more, so a full disk
        met while writing it out is no error here (the file is closed either way)."""
        with contextlib.suppress(OSError):
            self._file.close()

    def add(self, slot: int, results: Iterable[DocumentResult]) -> None:
        """The results of the target at position `slot` of the run (its documents in their order).

        Results a worker sent packed (`Packed`) are written as those bytes; others are packed here.
        """
        packs = results.packs if isinstance(results, Packed) else map(self.packing.pack, results)
        json_lang, keep, write, paths = self.packing.json_lang, self.packing.documents, self._file.write, self._paths
        totals = self._totals
        for path, (passed, invalid, errors, warnings, infos), line, pickled in packs:
            text = line if json_lang is not None else None
            blob = pickled if keep else None
            if (text is None and json_lang is not None) or (blob is None and keep):
                raise RuntimeError("results packed for another spill")  # parallel.py packs as api.py asks
            try:
                if text is not None:
                    write(text)
                if blob is not None:
                    write(blob)
            except OSError as error:
                raise _failed(error) from None
            json_length = len(text) if text is not None else 0
            pickle_length = len(blob) if blob is not None else 0
            self._slots.append(slot)
            self._offsets.append(self._end)
            self._json_lengths.append(json_length)
            self._pickle_lengths.append(pickle_length)
            self._end += json_length + pickle_length
            totals[0] += passed  # Counts, added up: five additions, not a loop over them
            totals[1] += invalid
            totals[2] += errors
            totals[3] += warnings
            totals[4] += infos
            paths[path] = None

    def documents(self) -> SpilledDocuments:
        """Every document added so far, in the order of their slots, then their order within a slot."""
        try:
            self._file.flush()
        except OSError as error:
            raise _failed(error) from None
        slots = self._slots
        order: Sequence[int] = range(len(slots))
        if any(slots[number] > slots[number + 1] for number in range(len(slots) - 1)):
            order = sorted(order, key=slots.__getitem__)  # stable: a slot's documents keep their order
        offsets, json_lengths, pickle_lengths = (array("q", map(column.__getitem__, order)) for column in (
            self._offsets, self._json_lengths, self._pickle_lengths))  # fmt: skip
        passed, invalid, errors, warnings, infos = self._totals
        tally = Tally(len(slots), passed, invalid, FindingCounts(errors, warnings, infos))
        kept = self.packing.documents
        return SpilledDocuments(
            self._file, offsets, json_lengths, pickle_lengths if kept else None, tally, tuple(self._paths),
            self.packing.json_lang,
        )  # fmt: skip


class SpilledDocuments(DocumentStream):
    """The documents of a spill as a read-only sequence: each read back from the file when it is asked for.

    Iterating reads them one at a time, so any number of passes keeps one document in memory at a time.
    `json_lines(lang)` reads their lines of the JSON report instead, when the run made them in that language.
    """

    def __init__(
        self,
        file: IO[bytes],
        offsets: array[int],
        json_lengths: array[int],
        pickle_lengths: array[int] | None,
        tally: Tally,
        paths: tuple[str, ...] = (),
        json_lang: str | None = None,
    ) -> None:
        self._file = file
        self._offsets = offsets
        self._json_lengths = json_lengths
        self._pickle_lengths = pickle_lengths
        self._tally = tally
        self._paths = paths
        self._json_lang = json_lang

    def tally(self) -> Tally:
        return self._tally

    def paths(self) -> tuple[str, ...]:
        """Each file the documents came from, once, recorded as they were added (no document is read back)."""
        return self._paths

    def __len__(self) -> int:
        return len(self._offsets)

    def document(self, position: int) -> DocumentResult:
        if self._pickle_lengths is None:
            raise RuntimeError("this run kept only the documents' JSON lines (spill.for_outputs)")
        offset = self._offsets[position] + self._json_lengths[position]
        try:
            blob = _read_at(self._file, offset, self._pickle_lengths[position])
        except OSError as error:
            raise _failed(error) from None
        doc: DocumentResult = pickle.loads(blob)  # this process's own private file, see the module's docstring
        return doc

    def json_lines(self, lang: str) -> Iterator[str] | None:
        """Each document's line of the JSON report (json_report.document_text) in `lang`, in order; None when
        the run made none in that language."""
        return (str(line, "utf-8", "surrogatepass") for line in self._records()) if lang == self._json_lang else None

    def json_utf8(self, lang: str) -> Iterator[memoryview] | None:
        """`json_lines(lang)` as the UTF-8 the run kept (json_report.document_utf8), each line a view of the block
        read, never decoded; None when the run made none in that language."""
        return self._records() if lang == self._json_lang else None

    def _records(self) -> Iterator[memoryview]:
        offsets, json_lengths, pickle_lengths = self._offsets, self._json_lengths, self._pickle_lengths
        count, position = len(offsets), 0
        while position < count:  # one read for each run of records that follow one another in the file
            start = stop = offsets[position]
            end = position
            while end < count and offsets[end] == stop and (stop - start < BLOCK or end == position):
                stop += json_lengths[end] + (pickle_lengths[end] if pickle_lengths is not None else 0)
                end += 1
            try:
                block = memoryview(_read_at(self._file, start, stop - start))
            except OSError as error:
                raise _failed(error) from None
            for number in range(position, end):
                at = offsets[number] - start
                yield block[at : at + json_lengths[number]]
            position = end


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
