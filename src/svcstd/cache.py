"""The result cache: a file's document results, keyed by its bytes and everything that can change them.

One cache file per judging context (svcstd's code, the schema, the rules, the judging settings, the
date) maps each target to (sha256 of its bytes, its results). A run loads that one file once and,
when something changed, writes it back atomically (a temporary file renamed into place), so
concurrent runs can at worst lose each other's additions, never corrupt the cache. Anything that
goes wrong with the cache is a miss or a skipped write, never an error.

Results are stored with pickle, but read back with an unpickler that builds only the result types
of `svcstd.model`: a cache file planted in a repository cannot run code.
"""

from __future__ import annotations

import hashlib
import io
import os
import pickle
import shutil
import tempfile
import zlib
from collections.abc import Iterable, Mapping
from dataclasses import fields
from datetime import date
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from svcstd import __version__, model
from svcstd.model import DocumentResult

if TYPE_CHECKING:
    from svcstd.config.settings import Settings
    from svcstd.reading.discovery import Target
    from svcstd.rules.base import Rule

CACHE_FOLDER = ".svcstd_cache"
MAX_BYTES = 200 * 1024 * 1024
MAX_ENTRIES = 200_000
_MAGIC = b"svcstd-cache-3\n"
_OUTPUT_ONLY = frozenset({"lang", "sources", "include", "exclude", "config_root"})
_MODEL_TYPES = frozenset(
    {"DocumentResult", "DocumentMeta", "Finding", "Text", "Severity", "Principle", "Waiver", "Grade", "PrincipleResult"}
)
_BROKEN = (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError, KeyError, IndexError)

Results = tuple[DocumentResult, ...]
Entry = tuple[str, bytes]
"""(sha256 of the file, its results pickled and zlib-compressed)"""


def cache_root(start: str | os.PathLike[str] = ".") -> Path:
    """The nearest folder upwards holding `.git` (the repository root), else `start` itself."""
    here = Path(start).resolve()
    for folder in (here, *here.parents):
        if (folder / ".git").exists():
            return folder / CACHE_FOLDER
    return here / CACHE_FOLDER


def file_digest(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def rule_identity(rule: Rule) -> tuple[str, str, str, int, str, str]:
    """What of a rule can change a result: id, principle, severity, weight, options, and which check it runs."""
    check = f"{getattr(rule.check, '__module__', '')}.{getattr(rule.check, '__qualname__', '')}"
    return (rule.id, rule.principle.value, rule.severity.value, rule.weight, _stable(rule.options), check)


def context_digest(settings: Settings, rules: Iterable[Rule], as_of: date) -> str:
    """One digest of everything except the file's bytes and path that can change a file's results."""
    judging = {f.name: _stable(getattr(settings, f.name)) for f in fields(settings) if f.name not in _OUTPUT_ONLY}
    parts = (
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


def _code_stamp() -> list[tuple[str, int, int]]:
    """svcstd's own modules by size and time: an edited rule (same version number) is a new context."""
    package = Path(__file__).parent
    stamp = []
    for path in sorted(package.rglob("*.py")):
        info = path.stat()
        stamp.append((path.relative_to(package).as_posix(), info.st_size, info.st_mtime_ns))
    return stamp


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


class _ModelUnpickler(pickle.Unpickler):
    """Builds nothing but svcstd's result types (and the containers pickle builds by itself)."""

    def find_class(self, module: str, name: str) -> Any:
        if module == "svcstd.model" and name in _MODEL_TYPES:
            return getattr(model, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not a result type")


class ResultCache:
    """The cached results of one judging context; `get` and `put` by target, `save` once at the end."""

    def __init__(self, folder: Path, context: str) -> None:
        self.folder = folder
        self.path = folder / f"{context}.pickle"
        self.entries: dict[str, Entry] = _read(self.path)
        self.touched: set[str] = set()
        self.changed = False

    def get(self, target: Target, digest: str) -> Results | None:
        key = _key(target)
        entry = self.entries.get(key)
        if entry is None or entry[0] != digest:
            return None
        results = _unpickle_results(entry[1])
        if results is None:
            return None
        self.touched.add(key)
        return results

    def put(self, target: Target, digest: str, results: Results) -> None:
        """Kept pickled and compressed, one blob per file: loading the cache builds no object it does not use."""
        key = _key(target)
        self.entries[key] = (digest, zlib.compress(pickle.dumps(results, protocol=pickle.HIGHEST_PROTOCOL), 1))
        self.touched.add(key)
        self.changed = True

    def save(self) -> None:
        """Write the entries back when something changed; a cache that cannot be written is skipped."""
        if not self.changed:
            return
        if len(self.entries) > MAX_ENTRIES:
            self.entries = {key: self.entries[key] for key in self.touched}
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            _write_ignore_file(self.folder)
            _write_atomically(self.path, self.entries)
            prune(self.folder, keep=self.path)
        except OSError:
            return


def _key(target: Target) -> str:
    return f"{target.display}\0{int(target.explicit)}"


def _read(path: Path) -> dict[str, Entry]:
    """The entries of a cache file; a missing, foreign or corrupt file is an empty cache."""
    try:
        with path.open("rb") as stream:  # unpickled from the file: no second copy of it in memory
            if stream.read(len(_MAGIC)) != _MAGIC:
                return {}
            entries = _ModelUnpickler(stream).load()
    except (*_BROKEN, RecursionError, MemoryError):
        return {}
    return entries if _well_formed(entries) else {}


def _well_formed(entries: object) -> bool:
    if not isinstance(entries, dict):
        return False
    return all(
        isinstance(key, str)
        and isinstance(entry, tuple)
        and len(entry) == 2
        and isinstance(entry[0], str)
        and isinstance(entry[1], bytes)
        for key, entry in entries.items()
    )


def _unpickle_results(blob: bytes) -> Results | None:
    """One file's results; None (a miss) for anything that is not a tuple of svcstd's results."""
    try:
        results = _ModelUnpickler(io.BytesIO(zlib.decompress(blob))).load()
    except (*_BROKEN, zlib.error, RecursionError, MemoryError):
        return None
    if isinstance(results, tuple) and all(isinstance(result, DocumentResult) for result in results):
        return results
    return None


def _write_atomically(path: Path, entries: dict[str, Entry]) -> None:
    """Pickled straight into a temporary file, then renamed: readers see the old file or the new one."""
    handle, temporary = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(_MAGIC)
            pickle.dump(entries, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
    except OSError:
        Path(temporary).unlink(missing_ok=True)
        raise


def _write_ignore_file(folder: Path) -> None:
    """Keep the cache out of version control, whatever the repository's own .gitignore says."""
    ignore = folder / ".gitignore"
    if not ignore.exists():
        ignore.write_text("*\n", encoding="utf-8")


def prune(folder: Path, keep: Path, max_bytes: int = MAX_BYTES) -> None:
    """Delete the oldest cache files until the folder is under `max_bytes` (the current one stays)."""
    files = [(path.stat().st_mtime, path.stat().st_size, path) for path in folder.glob("*.pickle") if path != keep]
    total = sum(size for _, size, _ in files) + (keep.stat().st_size if keep.exists() else 0)
    for _, size, path in sorted(files):
        if total <= max_bytes:
            return
        path.unlink(missing_ok=True)
        total -= size


def clean(folder: Path) -> int:
    """Remove the cache folder and everything in it; the number of cache files it held.

    Raises OSError when the folder cannot be removed (the command reports it).
    """
    if not folder.is_dir():
        return 0
    removed = len(list(folder.glob("*.pickle")))
    shutil.rmtree(folder)
    return removed
