"""The result cache: a file's document results, keyed by its bytes and everything that can change them.

One folder per judging context (svcstd's code, the schema, the rules, the judging settings, the date)
inside the folder of the checked root (location.py). In it, like git's index, one signed `index` file
holds per checked file its digest, its stat stamp and where its results are in the context's packs
(index.py): a warm run reads that one file, stats each target, and reads only the records it uses.
The index is signed with HMAC-SHA256 under the user's private key, over the format, the context, the
checked root and every entry, and each record is trusted only when its bytes hash to the sha256 the
index holds for it: a planted, truncated or copied index, or a record changed in its pack, is a miss,
never a result. New records go to a new pack as they come (a cold run holds only their places in
memory); at the end the pack is renamed into place and the index replaced atomically. Anything else
that goes wrong with the cache is a miss or a skipped write, never an error.

The stamp is the file's (size, mtime_ns, inode, ctime_ns) from when its bytes were hashed: when it is
unchanged the entry answers without reading or hashing the file. A changed stamp (a touch, a checkout)
means reading and hashing again; equal bytes are still a hit, and the entry gets the new stamp. A file
changed within RACY_NS of being hashed gets no stamp (git's "racily clean" case: a second edit in the
same timestamp tick would leave the stamp as it was), so it is hashed on every run until it settles.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from svcstd import __version__, resources
from svcstd.cache.basics import FORMAT as _BASE_FORMAT
from svcstd.cache.basics import MAX_BYTES, MAX_ENTRY_BYTES, STALE_SECONDS
from svcstd.cache.basics import files_hash as _files_hash
from svcstd.cache.basics import label as index_label
from svcstd.cache.basics import stable as _stable
from svcstd.model import DocumentResult
from svcstd.reading import shared_parts

if TYPE_CHECKING:
    import json
    import shutil
    from datetime import date

    from svcstd.cache import codec, index, replay
    from svcstd.cache.encoder import Encoded, storable_record
    from svcstd.cache.location import cache_home, make_folder, root_folder, secret_key
    from svcstd.config.settings import Settings
    from svcstd.reading.discovery import Target
    from svcstd.rules.base import Rule


def _open_store() -> None:
    """Import what the cache itself is made of (its index, packs, codec, folder, the run records) into this
    module, on the first ResultCache, `prune` or `clean`.

    A run without the cache (`--no-cache`) still makes every file's key (`file_digest`, `settled_stamp`: the
    judge does, in the workers too) but opens no cache: it imports none of them (about 30 million instructions
    of start-up, measured in docs/performance.md). After the first call these names are this module's own
    globals, so the cache's code reads them as it read its top-level imports (no cost per use).
    """
    global codec, index, replay, json, shutil, storable_record  # noqa: PLW0603 (bound once, on first use)
    global cache_home, make_folder, root_folder, secret_key  # noqa: PLW0603
    import json
    import shutil

    from svcstd.cache import codec, index, replay
    from svcstd.cache.encoder import storable_record
    from svcstd.cache.location import cache_home, make_folder, root_folder, secret_key


FORMAT = "svcstd-cache-7"
"""The index and packs' format (the index's header): records with a table per pack, compressed (7); the
run record (replay.py) keeps basics.FORMAT. An index of another format is no index: every file a miss."""
KEEP_CONTEXTS = 8
_OUTPUT_ONLY = frozenset({"lang", "sources", "include", "exclude", "config_root"})
RACY_NS = 3_000_000_000
"""A file changed this recently before it was hashed gets no stamp: coarse file systems tick in 1-2 s."""

Results = tuple[DocumentResult, ...]
Stamp = tuple[int, int, int, int]
"""What a file's stat says of its content: size, mtime_ns, inode, ctime_ns (index.Stamp)."""


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
    from dataclasses import fields

    judging = {f.name: _stable(getattr(settings, f.name)) for f in fields(settings) if f.name not in _OUTPUT_ONLY}
    parts = (
        FORMAT,
        _BASE_FORMAT,
        __version__,
        _code_stamp(),
        _schema_hash(),
        [rule_identity(rule) for rule in rules],
        sorted(judging.items()),
        _files_hash(settings.rule_paths),
        as_of.isoformat(),
    )
    return hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()[:32]


def _code_stamp() -> str:
    """svcstd's own modules by content: an edited rule (same version number) is a new context."""
    package = Path(__file__).parent.parent
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _schema_hash() -> str:
    return hashlib.sha256(resources.read_bytes("schemas/service-standard.schema.json")).hexdigest()


class NewPack(NamedTuple):
    """A pack this run writes: its writer, its number among the packs, and its table as it grows."""

    writer: index.PackWriter
    number: int
    table: codec.Table


class ResultCache:
    """The cached results of one judging context: `lookup` and `put` by target, `save` once at the end.

    Opening checks the cache folder, reads (or creates) the key and reads the context's index (one
    file); `put` writes each new record to a new pack at once, keeping only its place in memory, so a
    cold run's memory does not grow with what it stores. A CacheError when the folder is a link or not
    the user's own, so that the command can say so instead of silently writing elsewhere.

    Records this process encodes (`put`) go to one new pack; those a worker encoded (`put_encoded`,
    encoder.py) to a new pack of that worker's, whose table is the worker's own.
    """

    def __init__(self, context: str, start: str | os.PathLike[str] = ".") -> None:
        _open_store()
        self.home = cache_home()
        self.root = root_folder(start)
        self.folder = self.root / context
        self.context = context
        self.key = secret_key(self.home)
        self.shared = codec.Shared()
        self.header = {"format": FORMAT, "context": context, "root": self.root.name}
        self.changed = False
        self._new: dict[str | None, NewPack] = {}
        """The packs this run writes, by the encoder that numbers their strings (None: this process)."""
        self._unindexed: list[Path] = []
        """Packs this run renamed into place that no index names yet: removed if the save does not finish."""
        self._writable = True
        if self.folder.exists():
            make_folder(self.folder, self.home)
            names, self.entries = index.read_index(self.folder, self.key, self.header)
        else:
            names, self.entries = [], {}
        self.packs = index.Packs(self.folder, names, MAX_ENTRY_BYTES)
        self._tables: dict[int, codec.Strings | None] = {}

    def _raw(self, target: Target) -> tuple[str, index.Fields] | None:
        label = _label(target)
        fields = index.checked(self.entries.get(label), len(self.packs.names))
        return None if fields is None else (label, fields)

    def _strings(self, pack: int) -> codec.Strings | None:
        """The pack's table read back once a run, when it is what the signed index says; else None."""
        if pack in self._tables:
            return self._tables[pack]
        table = None
        blob = self.packs.table(pack)
        if blob is not None:
            try:
                table = codec.read_table(json.loads(blob), self.shared)
            except (ValueError, TypeError, RecursionError):
                table = None
        self._tables[pack] = table
        return table

    def _results(self, fields: index.Fields) -> Results | None:
        """The entry's results, read from its pack when the record and the pack's table are what the signed
        index says."""
        return self._read(fields, self.shared)

    def _read(self, fields: index.Fields, shared: codec.Shared) -> Results | None:
        table = self._strings(fields.pack)
        if table is None:
            return None
        blob = self.packs.record(fields.pack, fields.offset, fields.length, fields.sha)
        raw = None if blob is None else index.expand(blob, MAX_ENTRY_BYTES)
        if raw is None:
            return None
        try:
            return codec.unpack(json.loads(raw), table, shared)
        except (ValueError, TypeError, LookupError, AttributeError, RecursionError):
            return None

    def entry(self, target: Target) -> Entry | None:
        """The target's entry when the index holds one for exactly this context and target, and its record
        is intact; None (a miss) for anything else.

        The caller still decides whether it answers for the file as it is now: by its stamp, or by its digest.
        """
        found = self._raw(target)
        if found is None:
            return None
        fields = found[1]
        results = self._results(fields)
        return None if results is None else Entry(fields.digest, fields.stamp, results)

    def lookup(self, target: Target, read: Callable[[], tuple[object, os.stat_result | None]]) -> Results | None:
        """The target's results if its entry answers for the file as it is now; None (a miss) otherwise.

        An unchanged stamp answers without reading the file; else `read` gives its bytes (or anything
        else for a file that cannot be read) and the stat taken before reading, and equal bytes answer.
        """
        found = self._raw(target)
        if found is None:
            return None
        label, fields = found
        digest = fields.digest
        if fields.stamp is not None and fields.stamp == current_stamp(target.path):
            # The file is unchanged; the shared files it used (`uses:`) are checked by their bytes.
            own = digest.split("\n", 1)[0]
            return self._results(fields) if shared_parts.dependencies_current(digest, own) else None
        raw, info = read()
        if not isinstance(raw, bytes) or not shared_parts.dependencies_current(digest, file_digest(raw)):
            return None
        results = self._results(fields)
        if results is None:
            return None
        settled = None if info is None else settled_stamp(info)
        if settled is not None:  # same bytes, new stat (a touch, a checkout): the next run need not read it
            self.entries[label] = index.entry(*fields._replace(stamp=settled))
            self.changed = True
        return results

    def put(self, target: Target, key: FileKey | str, results: Results) -> None:
        """Written to this run's pack at once; results that cannot be stored exactly (NaN) are not stored."""
        if not self._writable:
            return
        try:
            new = self._pack(None)
            record = storable_record(results, new.table)
            if record is not None:
                self._append(target, key, new, record)
        except OSError:
            self._give_up()

    def put_encoded(self, target: Target, key: FileKey | str, encoded: Encoded) -> None:
        """A record a worker encoded (encoder.py), written to that worker's pack at once, its new strings added
        to that pack's table. Strings that do not follow on from those the pack has (which the pool's order
        rules out) leave this run's new records unsaved: a slower next run, never a wrong result."""
        if not self._writable:
            return
        try:
            new = self._pack(encoded.source)
            if encoded.start != len(new.table.strings):
                raise OSError("a worker's strings out of order")
            try:
                new.table.extend(encoded.strings)
            except ValueError as error:
                raise OSError("a worker's strings repeat") from error
            if encoded.record is not None:
                self._append(target, key, new, encoded.record)
        except OSError:
            self._give_up()

    def _pack(self, source: str | None) -> NewPack:
        """The new pack of the encoder `source` (None: this process), made on its first record."""
        new = self._new.get(source)
        if new is None:
            make_folder(self.folder, self.home)
            writer = index.PackWriter(self.folder)
            self.packs.add(writer.name)
            new = self._new[source] = NewPack(writer, len(self.packs.names) - 1, codec.Table())
        return new

    def _append(self, target: Target, key: FileKey | str, new: NewPack, record: bytes) -> None:
        digest, stamp = (key, None) if isinstance(key, str) else key
        offset = new.writer.append(record)
        fields = (digest, stamp, new.number, offset, len(record), index.record_hash(record))
        self.entries[_label(target)] = index.entry(*fields)
        self.changed = True

    def _give_up(self) -> None:
        """A pack that cannot be written: forget what went into this run's new packs, store nothing more this run."""
        self._writable = False
        self._drop_unindexed()
        if self._new:
            numbers = {new.number for new in self._new.values()}
            for new in self._new.values():
                new.writer.discard()
            packs = len(self.packs.names)
            self.entries = {label: raw for label, raw in self.entries.items() if not _in_packs(raw, numbers, packs)}
            self._new = {}

    def save(self) -> None:
        """Finish the new pack, merge packs when there are many, write the index, then prune.

        A cache that cannot be written is skipped (the entries already on disk stay as they were).
        """
        if not self.changed:
            self.close()
            return
        try:
            tables = [(new.writer, index.compress(new.table.blob())) for new in self._new.values()]  # before any rename
            for writer, table in tables:
                self._finish(writer, table)
            self._new = {}
            packs = self._compacted()
            make_folder(self.folder, self.home)
            index.write_index(self.folder, self.key, self.header, packs, self.entries)
            self._unindexed = []
            keep = {pack.name for pack in packs}
            index.drop_packs(self.folder, keep=keep, known=set(self.packs.names), stale_seconds=STALE_SECONDS)
            prune(self.root, keep=self.folder)
        except (OSError, ValueError):  # ValueError: a table JSON cannot write, which `put` rules out
            self._give_up()
        finally:
            self.changed = False
            self.close()

    def _finish(self, writer: index.PackWriter, table: bytes) -> None:
        """Append the pack's table (compressed) and rename the pack; its table's place is known from now on."""
        finished = writer.finish(table)
        self._unindexed.append(writer.path)
        number = self.packs.names.index(writer.name)
        self.packs.finish(number, finished)
        self._tables.pop(number, None)  # read (and missed) before it had a table

    def close(self) -> None:
        """Release the packs; a pack never saved (an interrupted run, or a save that did not finish) is removed."""
        for new in self._new.values():
            new.writer.discard()
        self._new = {}
        self._drop_unindexed()
        self.packs.close()

    def _drop_unindexed(self) -> None:
        for path in self._unindexed:
            with contextlib.suppress(OSError):
                path.unlink()
        self._unindexed = []

    def _compacted(self) -> list[index.Pack]:
        """The packs of the new index, its entries changed in place: entries that do not parse dropped,
        records of small or mostly dead packs copied into one new pack (when there are more than
        MAX_PACKS, or dead bytes outweigh live), packs renumbered when some are no longer used."""
        packs = len(self.packs.names)
        live: dict[int, int] = {}
        broken = []
        for label, raw in self.entries.items():
            fields = index.checked(raw, packs)
            if fields is None:
                broken.append(label)
            else:
                live[fields.pack] = live.get(fields.pack, 0) + fields.length
        for label in broken:
            del self.entries[label]
        sizes = {pack: _size(self.folder / self.packs.names[pack]) for pack in live}
        merge: set[int] = set()
        if sum(sizes.values()) > 2 * sum(live.values()) + COMPACT_SLACK:
            merge = set(live)  # more dead bytes than live: rewrite every record
        elif len(live) > index.MAX_PACKS:
            merge = _smallest(sizes, len(live) - index.MAX_PACKS + 1)
        used = set(live)
        if merge:
            used = used - merge | {self._merge(merge)}
        number = {pack: position for position, pack in enumerate(sorted(used))}
        if any(pack != position for pack, position in number.items()):
            for label, raw in self.entries.items():
                fields = index.checked(raw, len(self.packs.names))
                if fields is not None:
                    self.entries[label] = index.entry(*fields._replace(pack=number[fields.pack]))
        kept = []
        for old in sorted(used):
            pack = self.packs.tables[old]
            if pack is None:  # cannot be: every used pack is finished by now
                raise OSError("a pack without its table")
            kept.append(pack)
        return kept

    def _merge(self, merge: set[int]) -> int:
        """Copy the records of the packs in `merge`, one at a time, into a new pack with a table of its own
        (each record read back with its old pack's table and written with the new one; those that fail
        their hash or do not read back are dropped); the new pack's number."""
        writer = index.PackWriter(self.folder)
        table = codec.Table()
        new = len(self.packs.names)
        shared = codec.Shared()  # not the run's: these results are only written again
        dropped = []
        try:
            for label, raw in self.entries.items():
                fields = index.checked(raw, new)
                if fields is None or fields.pack not in merge:
                    continue
                results = self._read(fields, shared)
                if results is None:
                    dropped.append(label)
                    continue
                record = index.compress(codec.pack(results, table))
                offset = writer.append(record)
                moved = fields._replace(pack=new, offset=offset, length=len(record), sha=index.record_hash(record))
                self.entries[label] = index.entry(*moved)
            self.packs.add(writer.name)
            self._finish(writer, index.compress(table.blob()))
        except BaseException:
            writer.discard()
            raise
        for label in dropped:
            del self.entries[label]
        return new


COMPACT_SLACK = 1024 * 1024
"""Dead bytes below this are never worth a rewrite."""
MERGE_SHARE = 4
"""A save merges packs of at most 1/MERGE_SHARE of the cache's bytes (or COMPACT_SLACK, if more) at a time."""


def _smallest(sizes: dict[int, int], count: int) -> set[int]:
    """Up to `count` of the smallest packs, to be merged into one: as many as fit in a quarter of the cache's bytes
    (MERGE_SHARE), and none unless two do.

    A run with workers leaves a large pack per worker (17 on 16 cores). Merging all but the largest, or the
    smallest down to MAX_PACKS whatever they hold, would decode and encode most of the cache again in this
    process at the end of a run. So a save merges small packs first (those that runs changing a few files add)
    and at most a quarter of the cache; more packs than MAX_PACKS are left while they are large.
    """
    budget = max(sum(sizes.values()) // MERGE_SHARE, COMPACT_SLACK)
    merge: set[int] = set()
    for pack in sorted(sizes, key=lambda pack: (sizes[pack], pack))[:count]:
        if sizes[pack] > budget:
            break
        budget -= sizes[pack]
        merge.add(pack)
    return merge if len(merge) > 1 else set()


def _in_packs(raw: object, numbers: set[int], packs: int) -> bool:
    fields = index.checked(raw, packs)
    return fields is not None and fields.pack in numbers


def _size(path: Path) -> int:
    try:
        return os.lstat(path).st_size
    except OSError:
        return 0


def _label(target: Target) -> str:
    return index_label(target.display, target.explicit)


def prune(root: Path, keep: Path, max_bytes: int = MAX_BYTES, now: float | None = None) -> None:
    """Drop stale temporary files, then the oldest contexts until KEEP_CONTEXTS and `max_bytes` hold.

    The run records (replay.py) are pruned to half of `max_bytes` and KEEP_RUNS first; their bytes count.
    """
    _open_store()
    cutoff = (time.time() if now is None else now) - STALE_SECONDS
    contexts = []
    records = replay.prune_runs(root / replay.FOLDER, max_bytes // 2, now)  # the run records count too
    for folder in _folders(root):
        if folder.name == replay.FOLDER:
            continue
        size = 0
        for entry in os.scandir(folder):
            info = entry.stat(follow_symlinks=False)
            if entry.name.startswith(".tmp-") and info.st_mtime < cutoff:
                os.unlink(entry.path)
            else:
                size += info.st_size
        contexts.append((os.lstat(folder).st_mtime, size, folder))
    total = records + sum(size for _, size, _ in contexts)
    others = sorted(item for item in contexts if item[2] != keep)
    for position, (_, size, folder) in enumerate(others):  # the oldest first
        if total <= max_bytes and len(others) - position < KEEP_CONTEXTS:
            return
        shutil.rmtree(folder)
        total -= size


def _folders(root: Path) -> list[Path]:
    return [Path(entry.path) for entry in os.scandir(root) if entry.is_dir(follow_symlinks=False)]


def clean(start: str | os.PathLike[str] = ".") -> tuple[Path, int | None]:
    """Remove the cache of the checked root around `start`: its folder and the number of files it held
    (None when there was none). Raises OSError when it cannot be removed, CacheError for a link."""
    _open_store()
    folder = root_folder(start)
    if not os.path.lexists(folder):
        return folder, None
    make_folder(folder, cache_home())
    count = sum(
        1 for context in _folders(folder) for entry in os.scandir(context) if entry.is_file(follow_symlinks=False)
    )
    shutil.rmtree(folder)
    return folder, count
