"""The process pool: files judged in worker processes when it pays, results in the files' order."""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from datetime import date
from functools import cache
from itertools import chain
from typing import TYPE_CHECKING, Any

from svcstd.cache import FileKey
from svcstd.config.settings import Settings
from svcstd.judge import Pipeline, Results, check_file
from svcstd.reading.discovery import Target

if TYPE_CHECKING:
    from multiprocessing.context import BaseContext

    from svcstd.cache.encoder import Encoded, Encoder
    from svcstd.spill import Pack, Packed, Packing

MIN_PARALLEL = 50
"""Below this many files to judge, starting worker processes costs more than it saves."""

Judged = Iterator[tuple[FileKey | None, "Results | Packed"]]
Rebuild = tuple[Settings, list[str], date]
"""What a spawned worker rebuilds its pipeline from: the settings, the rule ids, the date."""


def judging(
    targets: list[Target], pipeline: Pipeline, jobs: int | None, packing: Packing | None = None, encode: bool = False
) -> AbstractContextManager[Judged]:
    """(cache key of the bytes read, results) per target, in order; in worker processes when it pays.

    Results judged in this process are a tuple of documents; a worker's are `spill.Packed`, each document
    packed there as `packing` says (pickled, by default; with its JSON line too when the run writes JSON),
    and with `encode` (a run with the cache) the file's cache record (cache/encoder.py).
    """
    workers = min(jobs or cpu_count(), len(targets) // 8 + 1)
    if workers <= 1 or len(targets) < MIN_PARALLEL:
        return nullcontext(check_file(target, pipeline) for target in targets)
    from svcstd.spill import Packing

    return _pooled(targets, pipeline, workers, packing or Packing(), encode)


def cpu_count() -> int:
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


@contextmanager
def _pooled(
    targets: list[Target], pipeline: Pipeline, workers: int, packing: Packing, encode: bool
) -> Iterator[Judged]:
    """A process pool over chunks of targets (`chunks`), started at once; `imap` keeps their order.

    With fork, the first target is judged and packed here, before the pool forks (`_warm_start`).
    """
    from svcstd.spill import Packed

    if encode:
        import svcstd.cache.encoder  # noqa: F401  (imported once here, not by each forked worker)
    context = _pool_context()
    first: list[tuple[FileKey | None, Packed]] = []
    if context.get_start_method() == "fork" and targets:
        first.append(_warm_start(targets[0], pipeline, packing))
        targets = targets[1:]
    arguments = _worker_args(pipeline, context, packing, encode)
    with _pool_class()(workers, _start_worker, arguments, context=context) as pool:
        batches = pool.imap(_check_chunk, chunks(targets, workers))
        yield chain(first, ((key, Packed(packs, encoded)) for batch in batches for key, packs, encoded in batch))


def _warm_start(target: Target, pipeline: Pipeline, packing: Packing) -> tuple[FileKey | None, Packed]:
    """The first target judged and packed in this process, as a worker would: every worker forked after it
    inherits what that warmed, instead of each doing it again: the native validator (imported and built), the
    JSON reporter (imported) and its pieces, the rules' compiled patterns and memos. Its result is the run's
    first, not judged again (so the serial cost is that of one file, plus what the workers no longer repeat);
    it carries its documents as they are, for the cache (which encodes them here) or a report held in memory.
    """
    from svcstd.spill import Packed

    key, results = check_file(target, pipeline)
    return key, Packed(tuple(map(packing.pack, results)), documents=results)


CHUNK_MIN, CHUNK_MAX = 4, 64
"""A chunk's bounds, in files: below, sending chunks costs more than judging them; above, a worker waits long for
its first task and results reach the parent in bursts."""


def chunks(targets: list[Target], workers: int) -> list[list[Target]]:
    """Consecutive chunks of the targets, in order, each a quarter of what is left per worker (guided).

    Early chunks are large (few messages); they shrink toward the end, so that when the last ones are handed
    out no worker is left judging a large chunk while the others have nothing: with chunks of one size, the
    last could keep one worker busy for a whole chunk's time (62 files of the real corpus, 0.15 s) alone.
    """
    found, start = [], 0
    while start < len(targets):
        size = max(CHUNK_MIN, min(CHUNK_MAX, (len(targets) - start) // (workers * 4)))
        found.append(targets[start : start + size])
        start += size
    return found


POOL_CLASSES = ("_EndsQuietly", "_QuietSpawnProcess", "_QuietForkProcess", "_Pool")
"""Defined, and multiprocessing imported, only when a run starts a pool (a small run never does)."""


def __getattr__(name: str) -> Any:
    """The pool's classes as module attributes: spawn's workers find their process class by name here."""
    if name in POOL_CLASSES and name in _pool_classes():
        return _pool_classes()[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _pool_class() -> Any:
    return _pool_classes()["_Pool"]


@cache
def _pool_classes() -> dict[str, type]:
    from multiprocessing import context as mp_context
    from multiprocessing import pool as mp_pool
    from multiprocessing.process import BaseProcess

    class _EndsQuietly(BaseProcess):
        """A worker whose parent is gone ends without a traceback.

        When the parent was killed, or stopped by a closed output (`svcstd check big/ | head -1`), a worker
        sending its chunk's results gets BrokenPipeError, which multiprocessing would print as a traceback.
        The error is caught here, around the whole worker loop, so every lock it held is released first
        (restoring SIGPIPE instead would kill a worker inside the queue's write lock and hang the others).
        """

        def run(self) -> None:
            try:
                super().run()
            except BrokenPipeError:
                return

    class _QuietSpawnProcess(_EndsQuietly, mp_context.SpawnProcess):
        pass

    if sys.platform != "win32":

        class _QuietForkProcess(_EndsQuietly, mp_context.ForkProcess):
            pass

    class _Pool(mp_pool.Pool):
        """multiprocessing's pool with workers that end quietly when the parent is gone, and a worker handler
        that sleeps while results come in.

        multiprocessing's thread that keeps the workers alive (`_handle_workers`) waits on the workers'
        process sentinels, its change notifier, and the result queue's reader; the last is readable from the
        moment a worker sends a chunk's results until the result thread has read them all, and the handler
        loops without blocking all that time (747 turns for 80 results, in a test of a bare pool), taking the
        GIL from the threads that receive the results: 0.07 s of CPU in a run of 1,000 files. This pool has no
        `maxtasksperchild`, so nothing in that loop depends on a result arriving: a worker that dies wakes it
        through its process sentinel, and `close`, `terminate` and the cache emptying through the notifier.
        """

        def _get_sentinels(self) -> list[Any]:
            return [self._change_notifier._reader]  # type: ignore[attr-defined]

        def _setup_queues(self) -> None:
            super()._setup_queues()  # type: ignore[misc]
            widen_pipe(self._outqueue._reader)  # type: ignore[attr-defined]

        @staticmethod
        def Process(ctx: BaseContext, *args: Any, **kwds: Any) -> Any:
            if ctx.get_start_method() == "fork":
                return _QuietForkProcess(*args, **kwds)
            return _QuietSpawnProcess(*args, **kwds)

    classes: dict[str, type] = {cls.__name__: cls for cls in (_EndsQuietly, _QuietSpawnProcess, _Pool)}
    if sys.platform != "win32":
        classes["_QuietForkProcess"] = _QuietForkProcess
    for cls in classes.values():  # pickled by reference (spawn): svcstd.parallel.<name>, found by __getattr__
        cls.__qualname__ = cls.__name__
    return classes


PIPE_SIZE = 1 << 20
"""The results' pipe, widened from 64 KiB to Linux's default most (`/proc/sys/fs/pipe-max-size`)."""


def widen_pipe(connection: Any) -> None:
    """Widen the pipe the workers send their results through (Linux; elsewhere, or when refused, as it is).

    A chunk's results are up to 64 files' JSON lines, about 0.4 MB of the real corpus. Through a pipe of 64 KiB
    the worker sending them waits until the parent's result thread has read all but the last 64 KiB; that
    thread needs this process's GIL for each read, and a core, both shared with the main thread writing the
    previous results and with the other worker. Widened, a chunk's results fit in the pipe at once: the worker
    goes straight on to its next chunk, and the parent reads them in one call instead of seven.
    """
    try:
        import fcntl

        fcntl.fcntl(connection.fileno(), fcntl.F_SETPIPE_SZ, PIPE_SIZE)
    except (ImportError, AttributeError, OSError, ValueError):  # not Linux, a pipe-max-size below, no pipe
        return


def _pool_context() -> BaseContext:
    """'fork' where it is safe, else 'spawn'.

    fork: workers start in milliseconds with svcstd, jsonschema and the rules already imported, and
    inherit the pipeline, custom rules included, as it is: nothing is loaded or pickled again. As
    children of this process their time and memory count as its own (getrusage, the benchmark).
    The pool forks before svcstd starts any thread (the progress bar starts after), so no lock can
    be inherited held. macOS (fork unsafe with its system libraries) and Windows (no fork) use
    spawn: the rules' check functions cannot be pickled, so each worker rebuilds them from the settings.
    """
    import multiprocessing

    if sys.platform != "darwin" and "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _worker_args(
    pipeline: Pipeline, context: BaseContext, packing: Packing, encode: bool
) -> tuple[Pipeline | None, Rebuild | None, Packing, bool]:
    if context.get_start_method() == "fork":
        return (pipeline, None, packing, encode)  # inherited by fork, never pickled
    return (None, (pipeline.settings, [rule.id for rule in pipeline.rules], pipeline.as_of), packing, encode)


_WORKER_PIPELINE: Pipeline | None = None
_WORKER_PACKING: Packing | None = None
_WORKER_ENCODER: Encoder | None = None


def _start_worker(pipeline: Pipeline | None, rebuild: Rebuild | None, packing: Packing, encode: bool) -> None:
    """Set the pipeline, packing and cache encoder (a table of its own) of a worker; Ctrl-C is the parent's to
    handle (it stops the pool)."""
    global _WORKER_PIPELINE, _WORKER_PACKING, _WORKER_ENCODER  # noqa: PLW0603  (the state a pool initializer sets)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _WORKER_PACKING = packing
    _WORKER_ENCODER = None
    if encode:
        from svcstd.cache.encoder import Encoder

        _WORKER_ENCODER = Encoder()
    if pipeline is None:
        assert rebuild is not None
        from svcstd.rules import load_rules

        settings, rule_ids, as_of = rebuild
        by_id = {rule.id: rule for rule in load_rules(settings.rule_paths)}
        pipeline = Pipeline(settings, tuple(by_id[rule_id] for rule_id in rule_ids), as_of)
    _WORKER_PIPELINE = pipeline


def _check_chunk(targets: list[Target]) -> list[tuple[FileKey | None, tuple[Pack, ...], Encoded | None]]:
    """Each target's cache key, its documents' results, each packed here in the worker (spill.Packing), and
    with the cache its record, encoded here too (cache/encoder.py).

    The spill writes the same bytes to its file (spill.Packed), and the cache the same record: the parent,
    which receives every worker's results, encodes none of them again, and decodes them only for a report
    held in memory.
    """
    assert _WORKER_PIPELINE is not None and _WORKER_PACKING is not None, "the worker initializer sets them"
    pack, encoder = _WORKER_PACKING.pack, _WORKER_ENCODER
    found = []
    for target in targets:
        key, results = check_file(target, _WORKER_PIPELINE)
        encoded = None if encoder is None or key is None else encoder.encode(results)
        found.append((key, tuple(map(pack, results)), encoded))
    return found
