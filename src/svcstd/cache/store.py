"""The result cache: a file's document results, keyed by its bytes and everything that can change them.

One JSON entry per checked file, in a folder per judging context (svcstd's code, the schema, the
rules, the judging settings, the date) inside the folder of the checked root (location.py). Every
entry is signed with HMAC-SHA256 under the user's private key, over the context, the file and its
digest as well as the results: a planted entry, or one copied from another file, root or key, is a
miss, never a result. Entries are written atomically (a temporary file renamed into place); anything
else that goes wrong with the cache is a miss or a skipped write, never an error.

Like git's index, an entry also keeps the file's stat *stamp* (size, mtime_ns, inode, ctime_ns) from
when its bytes were hashed, under the same signature: a warm run stats the file and, when the stamp is
unchanged, uses the entry without reading or hashing the file. A changed stamp (a touch, a checkout)
means reading and hashing again; equal bytes are still a hit, and the entry gets the new stamp. A file
changed within RACY_NS of being hashed gets no stamp (git's "racily clean" case: a second edit in the
same timestamp tick would leave the stamp as it was), so it is hashed on every run until it settles.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import shutil
import stat
import tempfile
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import fields
from datetime import date
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from svcstd import __version__
from svcstd.cache import codec
from svcstd.cache.location import NO_FOLLOW, cache_home, make_folder, root_folder, secret_key
from svcstd.model import DocumentResult
from svcstd.reading import shared_parts

if TYPE_CHECKING:
    from svcstd.config.settings import Settings
    from svcstd.reading.discovery import Target
    from svcstd.rules.base import Rule

FORMAT = "svcstd-cache-5"
MAX_BYTES = 200 * 1024 * 1024
"""Per checked root: beyond it the oldest contexts go."""
MAX_ENTRY_BYTES = 64 * 1024 * 1024
KEEP_CONTEXTS = 8
STALE_SECONDS = 3600
"""A temporary file this old belongs to a run that died (kill -9): pruned."""
_OUTPUT_ONLY = frozenset({"lang", "sources", "include", "exclude", "config_root"})
_SUFFIX = ".json"
RACY_NS = 3_000_000_000
"""A file changed this recently before it was hashed gets no stamp: coarse file systems tick in 1-2 s."""

Results = tuple[DocumentResult, ...]
Stamp = tuple[int, int, int, int]
"""What a file's stat says of its content: size, mtime_ns, inode, ctime_ns."""


class FileKey(NamedTuple):
    """How a file's results are found again: the sha256 of its bytes and its stamp when they were read."""

    digest: str
    stamp: Stamp | None


class Entry(NamedTuple):
    """A verified entry: the digest and stamp it was stored under, and the results."""

    digest: str
    stamp: Stamp | None
    results: Results


def file_digest(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def file_stamp(info: os.stat_result) -> Stamp:
    return (info.st_size, info.st_mtime_ns, info.st_ino, info.st_ctime_ns)


def settled_stamp(info: os.stat_result, now_ns: int | None = None) -> Stamp | None:
    """The stamp of a file whose stat `info` was taken just before reading it, or None if it is too fresh.

    A later edit changes mtime or ctime only if it falls in a later timestamp tick than the read; when
    the file last changed RACY_NS or more before now, every later edit does.
    """
    now = time.time_ns() if now_ns is None else now_ns
    if max(info.st_mtime_ns, info.st_ctime_ns) > now - RACY_NS:
        return None
    return file_stamp(info)


def current_stamp(path: str) -> Stamp | None:
    """The stamp of the regular file at `path` now (links followed, as reading does); None otherwise."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return file_stamp(info) if stat.S_ISREG(info.st_mode) else None


def rule_identity(rule: Rule) -> tuple[str, str, str, int, str, str]:
    """What of a rule can change a result: id, principle, severity, weight, options, and which check it runs."""
    check = f"{getattr(rule.check, '__module__', '')}.{getattr(rule.check, '__qualname__', '')}"
    return (rule.id, rule.principle.value, rule.severity.value, rule.weight, _stable(rule.options), check)


def context_digest(settings: Settings, rules: Iterable[Rule], as_of: date) -> str:
    """One digest of everything except the file's bytes and path that can change a file's results."""
    judging = {f.name: _stable(getattr(settings, f.name)) for f in fields(settings) if f.name not in _OUTPUT_ONLY}
    parts = (
        FORMAT,
        __version__,
        _code_stamp(),
        _schema_hash(),
        [rule_identity(rule) for rule in rules],
        sorted(judging.items()),
        _files_hash(settings.rule_paths),
        as_of.isoformat(),
    )
    return hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()[:32]


def _stable(value: object) -> str:
    """A repr that does not depend on the insertion order of mappings."""
    if isinstance(value, Mapping):
        return "{" + ", ".join(sorted(f"{_stable(k)}: {_stable(v)}" for k, v in value.items())) + "}"
    if isinstance(value, list | tuple):
        return "(" + ", ".join(_stable(item) for item in value) + ")"
    return repr(value)


def _code_stamp() -> str:
    """svcstd's own modules by content: an edited rule (same version number) is a new context."""
    package = Path(__file__).parent.parent
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _schema_hash() -> str:
    schema = resources.files("svcstd").joinpath("schemas").joinpath("service-standard.schema.json")
    return hashlib.sha256(schema.read_bytes()).hexdigest()


def _files_hash(paths: Iterable[str]) -> str:
    """The content of every file under the custom rule folders (a missing one hashes as missing)."""
    digest = hashlib.sha256()
    for given in paths:
        root = Path(given)
        for path in sorted([root] if root.is_file() else root.rglob("*")):
            if path.is_file():
                digest.update(path.as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


class ResultCache:
    """The cached results of one judging context; `get` and `put` by target, `save` once at the end.

    Opening checks the cache folder and reads (or creates) the key: a CacheError when the folder is a
    link or not the user's own, so that the command can say so instead of silently writing elsewhere.
    """

    def __init__(self, context: str, start: str | os.PathLike[str] = ".") -> None:
        self.home = cache_home()
        self.root = root_folder(start)
        self.folder = self.root / context
        self.context = context
        self.key = secret_key(self.home)
        self.pending: dict[str, tuple[Path, bytes]] = {}
        self.shared = codec.Shared()
        if self.folder.exists():
            make_folder(self.folder, self.home)

    def entry(self, target: Target) -> Entry | None:
        """The target's entry when it is signed for exactly this context and target; None (a miss) for anything else.

        The caller still decides whether it answers for the file as it is now: by its stamp, or by its digest.
        """
        label = _label(target)
        blob = _read_entry(self._path(label))
        if blob is None:
            return None
        mac, _, payload = blob.partition(b"\n")
        if not hmac.compare_digest(mac, self._sign(payload)):
            return None
        try:
            entry = json.loads(payload)
            context, stored_label, digest = entry["entry"]
            if context != self.context or stored_label != label or not isinstance(digest, str):
                return None
            return Entry(digest, _stamp(entry.get("stat")), codec.decode(entry["results"], self.shared))
        except (ValueError, TypeError, KeyError, AttributeError, RecursionError):
            return None

    def lookup(self, target: Target, read: Callable[[], tuple[object, os.stat_result | None]]) -> Results | None:
        """The target's results if its entry answers for the file as it is now; None (a miss) otherwise.

        An unchanged stamp answers without reading the file; else `read` gives its bytes (or anything
        else for a file that cannot be read) and the stat taken before reading, and equal bytes answer.
        """
        entry = self.entry(target)
        if entry is None:
            return None
        if entry.stamp is not None and entry.stamp == current_stamp(target.path):
            # The file is unchanged; the shared files it used (`uses:`) are checked by their bytes.
            own = entry.digest.split("\n", 1)[0]
            return entry.results if shared_parts.dependencies_current(entry.digest, own) else None
        raw, info = read()
        if not isinstance(raw, bytes) or not shared_parts.dependencies_current(entry.digest, file_digest(raw)):
            return None
        stamp = None if info is None else settled_stamp(info)
        if stamp is not None:  # same bytes, new stat (a touch, a checkout): the next run need not read it
            self.put(target, FileKey(entry.digest, stamp), entry.results)
        return entry.results

    def put(self, target: Target, key: FileKey | str, results: Results) -> None:
        """Signed now, written by `save`; results that cannot be stored exactly (NaN) are not stored."""
        digest, stamp = (key, None) if isinstance(key, str) else key
        label = _label(target)
        entry: dict[str, object] = {"entry": [self.context, label, digest], "results": codec.encode(results)}
        if stamp is not None:
            entry["stat"] = list(stamp)
        try:
            payload = codec.dumps(entry)
        except ValueError:
            return
        self.pending[label] = (self._path(label), self._sign(payload) + b"\n" + payload)

    def save(self) -> None:
        """Write the new entries, then prune; a cache that cannot be written is skipped."""
        if not self.pending:
            return
        try:
            make_folder(self.folder, self.home)
            for path, blob in self.pending.values():
                _write_atomically(path, blob)
            prune(self.root, keep=self.folder)
        except OSError:
            return
        finally:
            self.pending.clear()

    def _path(self, label: str) -> Path:
        return self.folder / (hashlib.sha256(label.encode("utf-8", "surrogateescape")).hexdigest()[:40] + _SUFFIX)

    def _sign(self, payload: bytes) -> bytes:
        return hmac.new(self.key, payload, hashlib.sha256).hexdigest().encode()


def _stamp(value: object) -> Stamp | None:
    """A stored stamp: four integers, else none (an entry without one is checked by its digest)."""
    if value is None:
        return None
    if isinstance(value, list) and len(value) == 4 and all(type(part) is int for part in value):
        return (value[0], value[1], value[2], value[3])
    raise ValueError("not a stamp")


def _label(target: Target) -> str:
    return f"{target.display}\0{int(target.explicit)}"


def _read_entry(path: Path) -> bytes | None:
    """The entry's bytes, never through a link and never more than MAX_ENTRY_BYTES; None when there is none."""
    try:
        handle = os.open(path, os.O_RDONLY | NO_FOLLOW)
    except OSError:
        return None
    try:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_ENTRY_BYTES:
            return None
        chunks = [os.read(handle, info.st_size + 1)]  # one read: an entry is written whole, then renamed
        while chunks[-1] and sum(map(len, chunks)) <= MAX_ENTRY_BYTES:
            chunks.append(os.read(handle, MAX_ENTRY_BYTES + 1))
    except OSError:
        return None
    finally:
        os.close(handle)
    blob = b"".join(chunks)
    return blob if len(blob) <= MAX_ENTRY_BYTES else None


def _write_atomically(path: Path, blob: bytes) -> None:
    """Into a private temporary file, then renamed: readers see the old entry or the new one."""
    handle, temporary = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(blob)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def prune(root: Path, keep: Path, max_bytes: int = MAX_BYTES, now: float | None = None) -> None:
    """Drop stale temporary files, then the oldest contexts until KEEP_CONTEXTS and `max_bytes` hold."""
    cutoff = (time.time() if now is None else now) - STALE_SECONDS
    contexts = []
    for folder in _folders(root):
        size = 0
        for entry in os.scandir(folder):
            info = entry.stat(follow_symlinks=False)
            if entry.name.startswith(".tmp-") and info.st_mtime < cutoff:
                os.unlink(entry.path)
            else:
                size += info.st_size
        contexts.append((os.lstat(folder).st_mtime, size, folder))
    total = sum(size for _, size, _ in contexts)
    others = sorted(item for item in contexts if item[2] != keep)
    for position, (_, size, folder) in enumerate(others):  # the oldest first
        if total <= max_bytes and len(others) - position < KEEP_CONTEXTS:
            return
        shutil.rmtree(folder)
        total -= size


def _folders(root: Path) -> list[Path]:
    return [Path(entry.path) for entry in os.scandir(root) if entry.is_dir(follow_symlinks=False)]


def clean(start: str | os.PathLike[str] = ".") -> tuple[Path, int | None]:
    """Remove the cache of the checked root around `start`: its folder and the number of entries it held
    (None when there was none). Raises OSError when it cannot be removed, CacheError for a link."""
    folder = root_folder(start)
    if not os.path.lexists(folder):
        return folder, None
    make_folder(folder, cache_home())
    count = sum(1 for context in _folders(folder) for entry in os.scandir(context) if entry.name.endswith(_SUFFIX))
    shutil.rmtree(folder)
    return folder, count
