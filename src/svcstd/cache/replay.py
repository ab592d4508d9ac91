"""The run record: a whole `svcstd check` replayed when nothing it depends on has changed.

After a check with the cache on, the CLI stores, under a key of everything that can change what the
run prints and writes (`run_key`), the exact text of every output it wrote, its lines on standard
error, its exit code, and every target it checked with its stat stamp (and the stamps of the shared
files they used). The next run with the same key discovers the targets and stats each: when the list
is the same and every stamp equal, it writes the stored outputs through the same `write_output` and
exits with the stored code, reading, validating and judging nothing (the rules are not even loaded).
Anything else is a miss: the normal run (the per-file cache), which records a new run record.

A record is one file, `runs/run-<key digest>` in the cache folder of the checked root (location.py),
outside the checked tree:

    body     the outputs, one after another, each its text (UTF-8, lone surrogates kept) as it is
             ("raw", while the outputs' text together stays within RAW_BYTES) or as one zlib stream
             (deflate, level LEVEL; deflated in blocks on two threads, deflate.py)
    header   canonical JSON: format, key, root, targets and stamps, outputs (format, destination,
             offset and length stored, sha256 of the stored bytes, length of the text, "raw" or
             "zlib"), standard error lines, exit code
    trailer  "\\n" + the header's length (20 digits) + " " + HMAC-SHA256 of body and header (64 hex)

The HMAC is under the user's private key (location.secret_key), so a planted record, one copied from
another root, signed under another key, truncated, changed in one byte (an exit code 1 made 0), a
link or a file too large is a miss, never a result; each output's sha256 is checked as well (except
for raw bytes taken from the very buffer the HMAC was computed over, which it covers already), and
each stream is inflated once (bounded by its recorded length, which it must give exactly) before
anything is written, so a stream that does not inflate cleanly is a miss too. Every stamp was taken before the
run read the file, and one that was racy then (changed within RACY_NS) means no record is saved at
all. Nothing here raises for bad data.
"""

from __future__ import annotations

import codecs
import os
import stat
import sys
import time

from svcstd import __version__
from svcstd.cache.basics import (
    FORMAT,
    MAX_BYTES,
    STALE_SECONDS,
    TYPE_CHECKING,
    compare_digest,
    files_hash,
    hmac_sha256,
    label,
    sha256,
    stable,
)
from svcstd.cache.location import (
    BINARY,
    NO_FOLLOW,
    NONBLOCK,
    home_text,
    make_folder,
    open_regular,
    root_text,
    secret_key,
)

if TYPE_CHECKING:
    from array import array
    from collections.abc import Callable, Iterable, Iterator, Sequence
    from pathlib import Path
    from typing import Any

    from svcstd.cache.store import ResultCache
    from svcstd.config.settings import Settings
    from svcstd.reading.discovery import Target

RUN_FORMAT = "svcstd-run-4"
FOLDER = "runs"
PREFIX = "run-"
TEMPORARY = ".tmp-run-"
MAX_OUTPUT_BYTES = 96 * 1024 * 1024
"""All outputs of one run together, as stored (compressed): a larger run is not recorded (the per-file
cache still answers). Just under half the root's cache budget (MAX_BYTES // 2, what records may take):
JSON of 10,000 files (~77 MB of text) is stored in ~5 MB, of 100,000 (~770 MB) in ~50 MB."""
LEVEL = 6
"""zlib's level: JSON of 10,000 files 14× smaller (level 1: 7×, 9: 15× at half the speed), written at
~55 MB/s and inflated at ~400 MB/s (docs/performance.md, "Large outputs")."""
MAX_RATIO = 1032
"""Deflate's largest possible ratio: a recorded text length beyond it is not believed."""
RAW_BYTES = 16 * 1024 * 1024
"""Outputs whose UTF-8 together stays within this are stored as they are, not deflated: inflating is most of
a replay's own time (JSON of 1,000 files, 6.6-7.4 MB: ~15-25 ms at ~400 MB/s against ~1 ms to read it
and ~7 ms for the HMAC over it), so small records trade disk (~7 MB instead of ~0.5 MB a record of 1,000
files; records take at most half the root's budget) for that time. The recorder holds an output's first
RAW_BYTES in memory until it knows whether it fits; past it, the output is deflated."""
KEEP_BYTES = 32 * 1024 * 1024
"""Outputs up to this much text (all together) are kept as the check before writing inflates them, and
written from memory; larger ones are inflated a second time as they are written (memory stays flat)."""
MAX_HEADER_BYTES = 64 * 1024 * 1024
"""The header (targets and stamps: about 100 bytes a file)."""
KEEP_RUNS = 16
"""Records per checked root (one per key: options, date, configuration); the oldest go first."""
RACY_NS = 3_000_000_000
"""As store.RACY_NS: a file changed this recently before it was stat-ed gets no stamp (and no record)."""
PACKINGS = ("raw", "zlib")
"""How an output's bytes are stored: as they are, or as one zlib stream."""
_TRAILER = 1 + 20 + 1 + 64
_CHUNK = 1024 * 1024

Stamp = tuple[int, int, int, int]


def _pread(handle: int, length: int, offset: int) -> bytes:
    """os.pread, or a seek and a read where there is none (Windows; one thread reads a record)."""
    if hasattr(os, "pread"):
        return os.pread(handle, length, offset)
    os.lseek(handle, offset, os.SEEK_SET)
    return os.read(handle, length)


def package_stamp() -> str:
    """Every file of svcstd's package (code, schema, templates, data): what renders and judges.

    By each file's path and stat stamp (size, mtime, inode, ctime), as the run record knows its targets:
    changing a file's bytes moves its ctime, and installing a file anew gives it another inode. Should a
    file have changed within RACY_NS (its stamp might not yet tell a change made in the same tick), by
    every file's content instead; either way a changed package gives another key.
    """
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    files = _package_files(package, "")
    now = time.time_ns()
    stamps = []
    for relative, path in files:
        info = os.stat(path)
        if max(info.st_mtime_ns, info.st_ctime_ns) > now - RACY_NS:
            return _package_content(files)
        stamps.append(f"{relative}\0{info.st_size}\0{info.st_mtime_ns}\0{info.st_ino}\0{info.st_ctime_ns}")
    return sha256("\n".join(["stamps", *stamps]).encode("utf-8", "surrogatepass")).hexdigest()


def _package_files(folder: str, prefix: str) -> list[tuple[str, str]]:
    """(path relative to the package in POSIX form, path) of each file below `folder` but bytecode, in
    os.walk's order with names sorted (a folder's files, then its subfolders)."""
    with os.scandir(folder) as listing:
        entries = sorted(listing, key=lambda entry: entry.name)
    found = [
        (prefix + entry.name, entry.path)
        for entry in entries
        if not entry.is_dir() and not entry.name.endswith((".pyc", ".pyo"))
    ]
    for entry in entries:
        if entry.is_dir() and entry.name != "__pycache__" and not entry.is_symlink():  # as os.walk
            found.extend(_package_files(entry.path, f"{prefix}{entry.name}/"))
    return found


def _package_content(files: list[tuple[str, str]]) -> str:
    digest = sha256()
    for relative, path in files:
        with open(path, "rb") as stream:
            digest.update(relative.encode("utf-8", "surrogatepass") + b"\0" + stream.read() + b"\0")
    return digest.hexdigest()


CONFIG_FILES = ("svcstd.toml", ".svcstd.toml", "pyproject.toml")
"""config.file.CONFIG_FILES (a test says so): the files a configuration may come from."""
SOURCE_MAX_BYTES = 4 * 1024 * 1024
"""A configuration file larger than this (beyond config.file.CONFIG_MAX_BYTES, refused) counts by its size."""
PSEUDO_ROOTS = ("/proc", "/sys", "/dev")
"""As reading.files.PSEUDO_ROOTS: never opened (opening some devices acts)."""


def settings_source(config: str | None, isolated: bool) -> list[object]:
    """What the settings are made of, read without parsing them: every configuration file they may come
    from, by path (as named and resolved) and content digest (a file that is not a regular file, cannot be
    opened or is too large by what it is instead).

    The settings are a function of this (the code being in the key too), and of the custom rule files the
    record checks itself (Recorder.settings). `--config FILE`: that file; `--isolated`: nothing; else every
    svcstd.toml, .svcstd.toml and pyproject.toml in the current folder and each folder above, the root
    included (the configuration is the first of them with a table for svcstd; more is taken than used).
    """
    if isolated:
        return ["isolated"]
    if config:
        parent = os.path.realpath(os.path.dirname(os.path.abspath(config)))
        return ["explicit", config, parent, _source_file(config)]
    found: list[object] = ["discovered"]
    folder = os.path.realpath(".")
    while True:
        for name in CONFIG_FILES:
            candidate = os.path.join(folder, name)
            if os.path.exists(candidate):
                found.append([candidate, _source_file(candidate)])
        parent = os.path.dirname(folder)
        if parent == folder:
            return found
        folder = parent


def _source_file(path: str) -> list[object]:
    """A configuration file by what it is: its resolved path and the sha256 of its bytes, or why not."""
    real = os.path.realpath(path)
    if any(real == root or real.startswith(root + "/") for root in PSEUDO_ROOTS):
        return [real, "pseudo"]
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            return [real, "kind", stat.S_IFMT(info.st_mode)]
        handle = os.open(path, os.O_RDONLY | NONBLOCK | BINARY)
    except OSError as error:
        return [real, "error", error.errno]
    try:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode) or info.st_size > SOURCE_MAX_BYTES:
            return [real, "kind", stat.S_IFMT(info.st_mode), info.st_size]
        digest = sha256()
        while blob := os.read(handle, _CHUNK):
            digest.update(blob)
        return [real, digest.hexdigest()]
    except OSError as error:
        return [real, "error", error.errno]
    finally:
        os.close(handle)


def run_key(source: list[object], options: dict[str, object]) -> str:
    """The digest of everything that can change what a check prints and writes, short of the files checked.

    `source` is what the settings are made of (settings_source); `options` are the command's own (the
    overrides of the settings, formats and destinations, colour, the language as given, the paths as
    given, the date, the baseline's digest...).
    """
    parts = (
        RUN_FORMAT,
        FORMAT,
        __version__,
        package_stamp(),
        stable(source),
        sorted((name, stable(value)) for name, value in options.items()),
        os.getcwd(),
        os.environ.get("SVCSTD_NATIVE"),
        sys.version,
    )
    return sha256(repr(parts).encode("utf-8", "surrogatepass")).hexdigest()


def basis(settings: Settings, as_of: str, baseline: str | Path | None) -> tuple[object, ...]:
    """What the run took from files and the clock (configuration, custom rules, today, the baseline): taken
    when the key is made and again when the run ends, a record is saved only if the run used exactly that."""
    from dataclasses import fields

    return (
        sorted((f.name, stable(getattr(settings, f.name))) for f in fields(settings)),
        files_hash(settings.rule_paths),
        as_of,
        None if baseline is None else file_digest(baseline),
    )


def file_digest(path: Path | str) -> str | None:
    """sha256 of a regular file's bytes (the baseline, a shared file), None when it cannot be read or is
    no regular file: a pipe or device is never opened to wait for a writer (the key is made before the
    run refuses it in its own words)."""
    real = os.path.realpath(path)
    if any(real == root or real.startswith(root + "/") for root in PSEUDO_ROOTS):
        return None
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return None
        handle = os.open(path, os.O_RDONLY | NONBLOCK | BINARY)
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(handle).st_mode):
            return None
        digest = sha256()
        while blob := os.read(handle, _CHUNK):
            digest.update(blob)
        return digest.hexdigest()
    except OSError:
        return None
    finally:
        os.close(handle)


def _stamp(path: str, now: int) -> Stamp | None:
    """The settled stamp of the regular file at `path` (links followed), None when racy or not a file."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    if not stat.S_ISREG(info.st_mode) or max(info.st_mtime_ns, info.st_ctime_ns) > now - RACY_NS:
        return None
    return (info.st_size, info.st_mtime_ns, info.st_ino, info.st_ctime_ns)


def _now_stamp(path: str) -> Stamp | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    if not stat.S_ISREG(info.st_mode):
        return None
    return (info.st_size, info.st_mtime_ns, info.st_ino, info.st_ctime_ns)


def _folder(start: str = ".") -> tuple[str, str]:
    """The cache home and the records' folder of the checked root around `start` (the text of their paths,
    as `str(cache_home())` and `str(root_folder(start) / FOLDER)` give them: pathlib is not imported)."""
    return home_text(), os.path.join(root_text(start), FOLDER)


def _root_name(folder: str) -> str:
    """The name of the checked root's cache folder, which holds the records' `folder` (`Path(folder).parent.name`)."""
    return os.path.basename(os.path.dirname(folder))


def _name(key: str) -> str:
    return f"{PREFIX}{key[:40]}"


def _sign(key: bytes) -> Any:
    return hmac_sha256(key)


class _Decoding:
    """What `json.loads` gives its C scanner (json.decoder's default decoder): the same values, objects
    as dicts, floats and ints as float and int, NaN and the infinities as floats."""

    strict = True
    object_hook = None
    object_pairs_hook = None
    parse_float = float
    parse_int = int
    parse_constant = {"-Infinity": float("-inf"), "Infinity": float("inf"), "NaN": float("nan")}.__getitem__


def _loads(blob: bytes) -> Any:
    """`json.loads(blob)` of a header as the recorder writes it (a JSON object, no byte order mark), by the
    very C scanner json uses, without importing json and re (start-up of a warm replay); anything else, or a
    Python without the C scanner, goes to json.loads itself. A malformed text raises ValueError (json's
    JSONDecodeError is one) or RecursionError, as json.loads does."""
    if blob[:2] == b'{"':  # json.loads takes it as UTF-8 then (json.detect_encoding)
        try:
            from _json import make_scanner
        except ImportError:
            pass
        else:
            text = blob.decode("utf-8", "surrogatepass")
            try:
                value, end = make_scanner(_Decoding)(text, 0)  # type: ignore[arg-type]
            except StopIteration:  # as JSONDecoder.raw_decode: "Expecting value"
                raise ValueError("expecting a value") from None
            if text[end:].strip(" \t\n\r"):  # json.loads allows JSON's whitespace after the value, nothing else
                raise ValueError("extra data after the header")
            return value
    import json

    return json.loads(blob)


# --- replaying ----------------------------------------------------------------------------------------------------


class Record:
    """A verified record, its file still open: the outputs are read from it as they are written."""

    def __init__(
        self, handle: int, header: dict[str, Any], checked: dict[tuple[int, int, int], Inflated] | None = None
    ) -> None:
        self.handle = handle
        self.header = header
        self.checked = {} if checked is None else checked
        """What the check before writing learnt of each output (by offset, stored size and length): see Inflated."""

    @property
    def stderr(self) -> list[str]:
        return list(self.header["stderr"])

    @property
    def exit_code(self) -> int:
        return int(self.header["exit"])

    def documents(self, inode: int | None = None) -> list[str]:
        """The paths of the targets that were standards (a normal run's inputs, which no output may replace);
        with `inode`, only those whose stamp (found current) holds that inode number."""
        skipped = set(self.header["skipped"])
        return [
            path
            for path, display, _, stamp in self.header["targets"]
            if display not in skipped and (inode is None or stamp[2] == inode)
        ]

    def outputs(self) -> list[tuple[str, str | None, Iterator[str]]]:
        outputs = self.header["outputs"]
        return [
            (name, file, self._text(start, size, length, packing))
            for name, file, start, size, _, length, packing in outputs
        ]

    def output_bytes(self) -> list[tuple[str, str | None, Iterator[bytes] | None]]:
        """Each output as its stored UTF-8 bytes, to be written as they are; None for an output holding a
        lone surrogate (or not seen whole by the check), whose text `outputs` gives."""
        found: list[tuple[str, str | None, Iterator[bytes] | None]] = []
        for name, file, start, size, _, length, packing in self.header["outputs"]:
            seen = self.checked.get((start, size, length))
            if seen is None or not seen.whole or seen.surrogate:
                found.append((name, file, None))
            elif seen.chunks is not None:
                found.append((name, file, iter(seen.chunks)))
            else:
                found.append((name, file, self._bytes(start, size, length, packing)))
        return found

    def _bytes(self, offset: int, stored: int, length: int, packing: str) -> Iterator[bytes]:
        """The output's bytes, inflated chunk by chunk as they are written (memory stays flat)."""
        try:
            yield from _inflate(self.handle, offset, stored, length, packing)
        except ValueError as error:
            raise OSError(f"the run record changed while it was replayed: {error}") from None

    def _text(self, offset: int, stored: int, length: int, packing: str) -> Iterator[str]:
        """The output's text, inflated chunk by chunk as it is written (memory stays flat). The stream
        inflated cleanly when the record was found; should it not now (the file rewritten in place by
        someone holding the key), the write fails as a write does: a file destination is left as it was."""
        decoder = codecs.getincrementaldecoder("utf-8")("surrogatepass")
        seen = self.checked.get((offset, stored, length))
        blobs = seen.chunks if seen is not None and seen.whole else None
        try:
            for blob in _inflate(self.handle, offset, stored, length, packing) if blobs is None else blobs:
                yield decoder.decode(blob)
            yield decoder.decode(b"", final=True)
        except ValueError as error:
            raise OSError(f"the run record changed while it was replayed: {error}") from None

    def close(self) -> None:
        try:  # noqa: SIM105  (contextlib is not imported: start-up)
            os.close(self.handle)
        except OSError:
            pass


class Inflated:
    """What the check before writing learnt of one output: whether its text holds a lone surrogate (then it
    is written as text, as the run wrote it), and its inflated bytes when they were small enough to keep
    (then they are written without inflating the stream a second time)."""

    def __init__(self, keep: bool) -> None:
        self.whole = False
        """Set once the stream inflated cleanly to its recorded length: till then nothing here is used."""
        self.surrogate = False
        self.chunks: list[bytes] | None = [] if keep else None
        self.size = 0
        self._last = b""

    def see(self, blob: bytes) -> None:
        self.size += len(blob)
        if self.chunks is not None:
            self.chunks.append(blob)
        if not self.surrogate and blob:
            self.surrogate = _surrogate(self._last + blob[:1]) or _surrogate(blob)
            self._last = blob[-1:]


def _surrogate(blob: bytes) -> bool:
    """Whether UTF-8 bytes (as `surrogatepass` writes them) hold a lone surrogate: 0xED then 0xA0-0xBF,
    which well-formed UTF-8 never holds (0xED is followed by 0x80-0x9F there)."""
    at = blob.find(b"\xed")
    while at >= 0:
        if blob[at + 1 : at + 2] >= b"\xa0":
            return True
        at = blob.find(b"\xed", at + 1)
    return False


def find(
    key: str,
    targets_of: Callable[[list[str], list[str], str | None], tuple[Sequence[Target], int | None]],
    start: str = ".",
) -> Record | None:
    """The record stored for `key` when it answers for its targets as they are now; None otherwise.

    `targets_of(include, exclude, root)` discovers the run's targets (and what the folder searches found)
    under the record's own include/exclude globs and their root, which the settings of its key gave.
    """
    home, folder = _folder(start)
    if not os.path.isdir(folder):
        return None
    try:
        make_folder(folder, home)
        secret = secret_key(home)
    except OSError:
        return None
    handle = open_regular(os.path.join(folder, _name(key)))
    if handle is None:
        return None
    record = None
    try:
        checked: dict[tuple[int, int, int], Inflated] = {}
        header = _verified(handle, secret, key, _root_name(folder), checked)
        if header is not None and _rules_current(header):
            include, exclude, root = _globs(header["globs"])
            targets, found = targets_of(include, exclude, root)
            if _current(header, targets, found):
                record = Record(handle, header, checked)
    except (OSError, ValueError, TypeError, KeyError, IndexError, RecursionError):
        pass
    finally:
        if record is None:
            os.close(handle)
    return record


def _globs(value: object) -> tuple[list[str], list[str], str | None]:
    """The record's include and exclude globs and their root; ValueError unless well formed."""
    if not isinstance(value, list) or len(value) != 3:
        raise ValueError("globs")
    include, exclude, root = value
    for patterns in (include, exclude):
        if not isinstance(patterns, list) or not all(isinstance(pattern, str) for pattern in patterns):
            raise ValueError("globs")
    if root is not None and not isinstance(root, str):
        raise ValueError("globs")
    return include, exclude, root


def _rules_current(header: dict[str, Any]) -> bool:
    """Whether the custom rule files (of the record's settings) hold what they held when it was made."""
    paths, digest = header["rules"]
    if not isinstance(paths, list) or not all(isinstance(path, str) for path in paths):
        return False
    return bool(digest == files_hash(paths))


def _verified(
    handle: int, secret: bytes, key: str, root: str, checked: dict[tuple[int, int, int], Inflated] | None = None
) -> dict[str, Any] | None:
    """The record's header when its signature, format, key, root and every output's sha256 hold; `checked`
    gets what inflating each output told (Inflated)."""
    size = os.fstat(handle).st_size
    if size < _TRAILER or size > MAX_OUTPUT_BYTES + MAX_HEADER_BYTES + _TRAILER:
        return None
    trailer = _pread(handle, _TRAILER, size - _TRAILER)
    if len(trailer) != _TRAILER or trailer[:1] != b"\n" or trailer[21:22] != b" ":
        return None
    length_text, mac = trailer[1:21], trailer[22:]
    if not length_text.isdigit():
        return None
    length = int(length_text)
    body = size - _TRAILER - length
    if length > MAX_HEADER_BYTES or body < 0 or body > MAX_OUTPUT_BYTES:
        return None
    signed, whole = _signed(handle, secret, body, length, mac)
    if not signed:
        return None
    header = _loads(_pread(handle, length, body))
    if not isinstance(header, dict):
        return None
    if header.get("format") != RUN_FORMAT or header.get("key") != key or header.get("root") != root:
        return None
    if type(header.get("exit")) is not int or not isinstance(header.get("stderr"), list):
        return None
    if not all(isinstance(line, str) for line in (*header["stderr"], *header["skipped"])):
        return None
    outputs = header.get("outputs")
    checked = {} if checked is None else checked
    if not isinstance(outputs, list) or not all(_intact(handle, item, body, checked, whole) for item in outputs):
        return None
    return header


def _signed(handle: int, secret: bytes, body: int, length: int, mac: bytes) -> tuple[bool, bytes | None]:
    """Whether the record's body and header carry the HMAC `mac`; with the body, when it was read in one
    piece (within KEEP_BYTES: its raw outputs are then taken from these very bytes)."""
    signer = _sign(secret)
    whole = None
    size = body + length
    if body <= KEEP_BYTES:
        whole = _pread(handle, body, 0)
        if len(whole) != body:
            return False, None
        signer.update(whole)
    offset = 0 if whole is None else body
    while offset < size:
        blob = _pread(handle, min(_CHUNK, size - offset), offset)
        if not blob:
            return False, None
        signer.update(blob)
        offset += len(blob)
    return compare_digest(signer.hexdigest().encode(), mac), whole


def _intact(
    handle: int,
    item: object,
    body: int,
    checked: dict[tuple[int, int, int], Inflated],
    whole: bytes | None = None,
) -> bool:
    """Whether an output's entry is well formed, its stored bytes hash to its sha256 and inflate exactly
    (raw: are exactly its length).

    The inflated bytes are kept (in `checked`, by offset, size and length) while the outputs kept stay
    within KEEP_BYTES. Raw bytes within `whole` (the record's body as the HMAC was just computed over it, in
    memory) are taken from it: the HMAC covers them, so no sha256 of them is computed again."""
    if not isinstance(item, list) or len(item) != 7:
        return False
    name, file, start, size, sha, length, packing = item
    if not (isinstance(name, str) and (file is None or isinstance(file, str)) and isinstance(sha, str)):
        return False
    if type(start) is not int or type(size) is not int or start < 0 or size < 0 or start + size > body:
        return False
    if type(length) is not int or length < 0 or length > MAX_RATIO * size + 64:
        return False
    if packing not in PACKINGS or (packing == "raw" and size != length):
        return False
    kept = sum(seen.size for seen in checked.values() if seen.chunks is not None)
    seen = Inflated(keep=(start, size, length) not in checked and kept + length <= KEEP_BYTES)
    if packing == "raw" and whole is not None:
        seen.see(whole if (start, size) == (0, len(whole)) else whole[start : start + size])  # one output: no copy
        seen.whole = True
        checked[(start, size, length)] = seen
        return True
    if not compare_digest(_range_sha(handle, start, size), sha):
        return False
    if not _inflates(handle, start, size, length, seen, packing):
        return False
    checked[(start, size, length)] = seen
    return True


def _inflates(
    handle: int, offset: int, stored: int, length: int, seen: Inflated | None = None, packing: str = "zlib"
) -> bool:
    """Whether the stored stream inflates cleanly to exactly `length` bytes (shown to `seen` as it goes)."""
    try:
        for blob in _inflate(handle, offset, stored, length, packing):
            if seen is not None:
                seen.see(blob)
    except ValueError:
        return False
    if seen is not None:
        seen.whole = True
    return True


def _inflate(handle: int, offset: int, stored: int, length: int, packing: str = "zlib") -> Iterator[bytes]:
    """The text of the zlib stream stored at `offset`, at most _CHUNK bytes at a time; ValueError (zlib's
    errors too) unless the stream ends exactly where it is stored and gives exactly `length` bytes (never
    more is inflated: a stream that would give more stops at length + 1). Raw: the stored bytes as they
    are, which must be exactly `length`."""
    if packing == "raw":
        yield from _raw(handle, offset, stored, length)
        return
    import zlib  # only for a deflated output: a replay of raw ones loads no zlib (start-up)

    inflater = zlib.decompressobj()
    end = offset + stored
    given = 0
    while True:
        blob = b""
        if offset < end:
            blob = _pread(handle, min(_CHUNK, end - offset), offset)
            if not blob:
                raise ValueError("record truncated")
            offset += len(blob)
        while blob or (offset >= end and not inflater.eof):  # at the end, what zlib still holds
            if inflater.eof:
                raise ValueError("data after the stream")
            try:
                text = inflater.decompress(blob, min(_CHUNK, length - given + 1))
            except zlib.error as error:  # said as a ValueError: callers need not import zlib to catch it
                raise ValueError(str(error)) from None
            blob = inflater.unconsumed_tail
            given += len(text)
            if given > length:
                raise ValueError("longer than recorded")
            if not text and not blob:
                break
            yield text
        if offset >= end:
            break
    if not inflater.eof or inflater.unused_data or given != length:
        raise ValueError("stream cut short or shorter than recorded")


def _raw(handle: int, offset: int, stored: int, length: int) -> Iterator[bytes]:
    """The raw bytes stored at `offset`, at most _CHUNK bytes at a time; ValueError unless exactly `length`."""
    if stored != length:
        raise ValueError("raw bytes not of the recorded length")
    end = offset + stored
    while offset < end:
        blob = _pread(handle, min(_CHUNK, end - offset), offset)
        if not blob:
            raise ValueError("record truncated")
        offset += len(blob)
        yield blob


def _range_sha(handle: int, offset: int, length: int) -> str:
    digest = sha256()
    end = offset + length
    while offset < end:
        blob = _pread(handle, min(_CHUNK, end - offset), offset)
        if not blob:
            return ""
        digest.update(blob)
        offset += len(blob)
    return digest.hexdigest()


def _current(header: dict[str, Any], targets: Sequence[Target], found: int | None) -> bool:
    """Whether the targets are those of the record, each (and each shared file) with its stamp unchanged."""
    stored = header["targets"]
    if not isinstance(stored, list) or len(stored) != len(targets) or header.get("found") != found:
        return False
    now, regular = os.stat, stat.S_ISREG  # the loop below runs once a file: no call or tuple it can spare
    for target, item in zip(targets, stored, strict=True):
        path, display, explicit, stamp = item
        if path != target.path or display != target.display or explicit != target.explicit:
            return False
        try:
            info = now(path)
        except OSError:
            return False
        if not regular(info.st_mode) or stamp != [info.st_size, info.st_mtime_ns, info.st_ino, info.st_ctime_ns]:
            return False
    shared = header["shared"]
    if not isinstance(shared, list):
        return False
    return all(isinstance(stamp, list) and _now_stamp(path) == tuple(stamp) for path, stamp in shared)


# --- recording ----------------------------------------------------------------------------------------------------


class Recorder:
    """What a normal run prints and writes, kept (outputs streamed to a temporary file) for a record.

    `watch` stamps the targets before the run reads them; `stored` notes the shared files the cache
    says they used; `tee` passes the outputs through; `save` signs and renames the record into place.
    Anything doubtful (a racy stamp, an output too large, a file not in the cache) gives up: no record.
    """

    def __init__(
        self, key: str, start: str = ".", basis: tuple[object, ...] = (), settings: Settings | None = None
    ) -> None:
        self.key = key
        self.basis = basis
        self.globs: list[object] = [[], [], None]
        """The settings' include and exclude globs and their root: a replay discovers its targets with them."""
        self.rules: list[object] = [[], files_hash(())]
        """The settings' custom rule paths and their content's digest, checked again by a replay."""
        if settings is not None:
            self.globs = [list(settings.include), list(settings.exclude), settings.config_root]
            self.rules = [list(settings.rule_paths), files_hash(settings.rule_paths)]
        self.start = start
        self.ok = True
        self.targets: Sequence[Target] = ()
        from array import array

        self.stamps = array("q")
        """The targets' stamps, four numbers each, packed: lists of lists cost ~300 bytes a file."""
        self.found: int | None = None
        self.shared: list[list[object]] = []
        self.stderr: list[str] = []
        self.skipped: list[str] = []
        self.outputs: list[list[object]] = []
        self.size = 0
        self.raw = 0
        """The text of the outputs stored raw so far (all together within RAW_BYTES)."""
        self._stream: Any = None
        self._temporary: str | None = None
        self._folder: str | None = None
        self._secret = b""

    def give_up(self) -> None:
        self.ok = False
        self._discard()

    def watch(self, targets: Sequence[Target], found: int | None) -> None:
        """Each target's stamp, taken before it is read; a racy one means no record."""
        now = time.time_ns()
        self.found = found
        self.targets = targets  # the run's own list: only the stamps are kept here
        for target in targets:
            stamp = _stamp(target.path, now)
            if stamp is None:
                self.give_up()
                return
            try:
                self.stamps.extend(stamp)
            except OverflowError:  # an inode beyond 2**63 (some network file systems): no record, a normal run
                self.give_up()
                return

    def stored(self, store: ResultCache, targets: Sequence[Target]) -> None:
        """The shared files each target used, from the cache's entries; their stamps, when their bytes
        still hash to what the run used. A target the cache holds no entry for means no record."""
        from svcstd.cache import index

        if not self.ok:
            return
        now = time.time_ns()
        shared: dict[str, str] = {}
        for target in targets:
            fields_ = index.checked(store.entries.get(label(target.display, target.explicit)), 1 << 30)
            if fields_ is None:
                self.give_up()
                return
            for entry in fields_.digest.split("\n")[1:]:
                path, _, sha = entry.partition("\0")
                shared[path] = sha
        for path, sha in sorted(shared.items()):
            stamp = _stamp(path, now)
            if stamp is None or file_digest(path) != sha or _now_stamp(path) != stamp:
                self.give_up()
                return
            self.shared.append([path, list(stamp)])

    def note(self, line: str) -> None:
        self.stderr.append(line)

    def documents(self, skipped: Iterable[str]) -> None:
        """The targets that were not standards (shown by display): the others are the run's inputs."""
        self.skipped = sorted(skipped)

    def tee(self, name: str, file: Path | None, chunks: Iterable[str]) -> Iterator[str]:
        """The chunks as they are written, each also appended to the record (as UTF-8, lone surrogates kept)."""
        return self._tee(name, file, chunks, False)

    def tee_utf8(self, name: str, file: Path | None, chunks: Iterable[bytes]) -> Iterator[bytes]:
        """`tee` of text already encoded as UTF-8 (the JSON report written from the spill's bytes): the chunks
        as they are written, each appended to the record as it is, without being decoded and encoded again.
        The record is the one `tee` makes of their text."""
        return self._tee(name, file, chunks, True)

    def _tee(self, name: str, file: Path | None, chunks: Iterable[Any], encoded: bool) -> Iterator[Any]:
        """Each chunk passed on, then appended: raw to the record at once while the outputs' text together stays
        within RAW_BYTES (nothing is held in memory to decide), else deflated. An output that crosses RAW_BYTES
        is deflated from its first byte: what it wrote raw so far is read back and deflated in its place."""
        if not self.ok or not self._open():
            yield from chunks
            return
        start, digest, signer = self.size, sha256(), self._signer.copy()  # the signature where the output begins
        deflater: Any = None
        length = 0
        try:
            for chunk in chunks:
                yield chunk
                if self.ok:
                    blob = chunk if encoded else chunk.encode("utf-8", "surrogatepass")
                    length += len(blob)
                    if deflater is None:
                        if self.raw + length <= RAW_BYTES:
                            self._write(blob, digest)
                            continue
                        digest = sha256()
                        deflater = self._deflate_written(start, signer, digest)
                        if deflater is None:
                            continue
                    self._deflated(deflater, deflater.compress(blob), digest)
            if self.ok:
                self._ended(deflater, length, digest)
        finally:  # a deflater's threads end with the output, however it ends (deflate.py)
            if deflater is not None:
                deflater.close()
        if self.ok:
            destination = None if file is None else str(file)
            packing = "raw" if deflater is None else "zlib"
            self.outputs.append([name, destination, start, self.size - start, digest.hexdigest(), length, packing])

    def _ended(self, deflater: Any, length: int, digest: Any) -> None:
        """An output's end: its raw bytes counted against MAX_OUTPUT_BYTES, or its stream finished."""
        if deflater is None:
            self.raw += length
            if self.size > MAX_OUTPUT_BYTES:  # raw bytes are counted here, not as they come (see _write)
                self.give_up()
        else:
            self._deflated(deflater, deflater.flush(), digest)

    def _deflated(self, deflater: Any, blob: bytes, digest: Any) -> None:
        """Deflated bytes to the record; a deflater that failed (deflate.py) gives the record up, not the output."""
        if deflater.failed:
            self.give_up()
        else:
            self._append(blob, digest)

    def _write(self, blob: bytes, digest: Any) -> None:
        """Bytes to the record as they are. Raw text is not held to MAX_OUTPUT_BYTES as it comes but when its
        output ends: an output that crosses RAW_BYTES is deflated instead, and may yet fit."""
        try:
            self._stream.write(blob)
        except OSError:
            self.give_up()
            return
        self._signer.update(blob)
        digest.update(blob)
        self.size += len(blob)

    def _deflate_written(self, start: int, signer: Any, digest: Any) -> Any:
        """The output written raw from `start` so far, read back and deflated in its place: the record cut back
        to `start`, its signature to `signer` (what it was there), the deflated bytes appended (to `digest`).
        The deflater, to go on with; None once given up."""
        from svcstd.cache.deflate import BlockDeflater

        deflater = BlockDeflater(LEVEL)
        deflated = []  # at most what RAW_BYTES deflates to (about a fourteenth of it for JSON)
        try:
            self._stream.flush()
            handle, offset = self._stream.fileno(), start
            while offset < self.size:
                blob = _pread(handle, min(_CHUNK, self.size - offset), offset)
                if not blob:
                    raise OSError("the record was cut short")
                deflated.append(deflater.compress(blob))
                offset += len(blob)
            if deflater.failed:
                raise OSError("the output could not be deflated")
            self._stream.seek(start)
            self._stream.truncate()
        except BaseException as error:  # the threads end with the stream, whatever ends it
            deflater.close()
            if not isinstance(error, OSError):
                raise
            self.give_up()
            return None
        self.size, self._signer = start, signer
        for blob in deflated:
            self._append(blob, digest)
        if not self.ok:
            deflater.close()
            return None
        return deflater

    def _append(self, blob: bytes, digest: Any) -> None:
        """Deflated bytes to the record; beyond MAX_OUTPUT_BYTES stored, no record."""
        if not blob:
            return
        if self.size + len(blob) > MAX_OUTPUT_BYTES:
            self.give_up()
            return
        self._write(blob, digest)

    def _open(self) -> bool:
        if self._stream is not None:
            return True
        try:
            home, folder = _folder(self.start)
            make_folder(folder, home)
            self._secret = secret_key(home)
            self._folder = folder
            import secrets

            self._temporary = os.path.join(folder, f"{TEMPORARY}{secrets.token_hex(8)}")
            handle = os.open(self._temporary, os.O_RDWR | os.O_CREAT | os.O_EXCL | NO_FOLLOW | BINARY, 0o600)
            self._stream = os.fdopen(handle, "wb")
        except OSError:
            self.give_up()
            return False
        self._signer = _sign(self._secret)
        return True

    def save(self, exit_code: int, basis: tuple[object, ...] = ()) -> None:
        """Sign and rename the record into place (replacing the key's older one); skipped when not ok, or
        when `basis` (what the run used, taken at its end) is not what the key was made of."""
        if basis != self.basis:
            self.give_up()
        if not self.ok or not self._open() or self._folder is None or self._temporary is None:
            self._discard()
            return
        header = {
            "exit": exit_code,
            "format": RUN_FORMAT,
            "found": self.found,
            "globs": self.globs,
            "key": self.key,
            "outputs": self.outputs,
            "root": _root_name(self._folder),
            "rules": self.rules,
            "shared": self.shared,
            "skipped": self.skipped,
            "stderr": self.stderr,
        }
        import json

        try:  # written a slice of targets at a time: 100,000 targets never stand as one text (~20 MB, and its bytes)
            length = 0
            for blob in _header_pieces(
                json.dumps(header, sort_keys=True, separators=(",", ":")), self.targets, self.stamps
            ):
                length += len(blob)
                if length > MAX_HEADER_BYTES:
                    raise ValueError("the header is too large")
                self._signer.update(blob)
                self._stream.write(blob)
        except (ValueError, UnicodeEncodeError, OverflowError, OSError):
            self._discard()
            return
        try:
            self._stream.write(b"\n" + b"%020d" % length + b" " + self._signer.hexdigest().encode())
            self._stream.close()
            self._stream = None
            os.replace(self._temporary, os.path.join(self._folder, _name(self.key)))
            self._temporary = None
            prune_runs(self._folder)
        except OSError:
            pass
        finally:
            self._discard()

    def _discard(self) -> None:
        if self._stream is not None:
            try:  # noqa: SIM105  (contextlib is not imported: start-up)
                self._stream.close()
            except OSError:
                pass
            self._stream = None
        if self._temporary is not None:
            try:  # noqa: SIM105  (contextlib is not imported: start-up)
                os.unlink(self._temporary)
            except OSError:
                pass
            self._temporary = None


# --- housekeeping -------------------------------------------------------------------------------------------------


def prune_runs(folder: str | Path, max_bytes: int | None = None, now: float | None = None) -> int:
    """Drop stale temporary records, then the oldest records beyond KEEP_RUNS or `max_bytes`; the bytes left."""
    limit = MAX_BYTES // 2 if max_bytes is None else max_bytes
    cutoff = (time.time() if now is None else now) - STALE_SECONDS
    records = []
    try:
        listing = list(os.scandir(folder))
    except OSError:
        return 0
    for entry in listing:
        try:
            info = entry.stat(follow_symlinks=False)
            if entry.name.startswith(TEMPORARY):
                if info.st_mtime < cutoff:
                    os.unlink(entry.path)
                    continue
            elif not entry.name.startswith(PREFIX) or not stat.S_ISREG(info.st_mode):
                os.unlink(entry.path)  # nothing else belongs here (a planted link, a stray file)
                continue
            records.append((info.st_mtime, info.st_size, entry.path, entry.name.startswith(PREFIX)))
        except OSError:
            continue
    records.sort(reverse=True)  # the newest first
    total = 0
    kept = 0
    for _, size, path, is_record in records:
        if is_record and (kept >= KEEP_RUNS or total + size > limit):
            try:  # noqa: SIM105  (contextlib is not imported: start-up)
                os.unlink(path)
            except OSError:
                pass
            continue
        total += size
        kept += is_record
    return total


_SLICE = 4096
"""Targets written to the header's JSON at a time: the text of all of them is made without their lists."""


def _with_targets(head: str, targets: Sequence[Target], stamps: array[int]) -> bytes:
    """The header's canonical JSON with `"targets"` (its last key in sorted order) spliced in at the end.

    Exactly `json.dumps(header, sort_keys=True, separators=(",", ":"))` of a header whose `targets` is
    `[[path, display, explicit, [size, mtime_ns, inode, ctime_ns]], ...]`; made a slice at a time, so
    that 100,000 targets never stand as 100,000 lists at once.
    """
    return b"".join(_header_pieces(head, targets, stamps))


def _header_pieces(head: str, targets: Sequence[Target], stamps: array[int]) -> Iterator[bytes]:
    """`_with_targets` in pieces, a slice of targets each (what Recorder.save writes and signs as it goes)."""
    import json

    yield (head[:-1] + ',"targets":[').encode("ascii")
    for start in range(0, len(targets), _SLICE):
        chunk = [
            [target.path, target.display, target.explicit, list(stamps[4 * at : 4 * at + 4])]
            for at, target in enumerate(targets[start : start + _SLICE], start)
        ]
        text = json.dumps(chunk, separators=(",", ":"))[1:-1]
        yield (f",{text}" if start else text).encode("ascii")
    yield b"]}"
