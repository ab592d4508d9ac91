"""The pool's own costs: chunks that shrink toward the end (no worker left alone with a large one), a worker
handler that does not spin, and the first file judged before the fork (the workers inherit what it warmed).

They never change a result or its order (tests/test_parallel.py and tests/test_transport.py compare whole
reports and every packing with one process).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from svcstd import parallel as pool
from tests.test_cache import make_corpus
from tests.test_parallel import as_json, check


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_corpus(tmp_path_factory.mktemp("corpus"), 70)


@pytest.mark.parametrize("count", [0, 1, 3, 4, 5, 49, 50, 63, 64, 65, 100, 999, 1000, 10_007])
@pytest.mark.parametrize("workers", [1, 2, 3, 8])
def test_chunks_are_the_targets_in_order_and_shrink_toward_the_end(count: int, workers: int) -> None:
    targets = list(range(count))
    chunks = pool.chunks(targets, workers)  # type: ignore[arg-type]
    assert [item for chunk in chunks for item in chunk] == targets
    sizes = [len(chunk) for chunk in chunks]
    assert all(size <= pool.CHUNK_MAX for size in sizes)
    assert all(size >= pool.CHUNK_MIN for size in sizes[:-1])
    assert sizes == sorted(sizes, reverse=True)  # never a larger chunk after a smaller one
    if count // (workers * 4) > pool.CHUNK_MIN:
        assert sizes[0] > pool.CHUNK_MIN and sizes[-2] == pool.CHUNK_MIN  # large first, the smallest last


def test_shrinking_chunks_give_the_report_of_one_process(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sizes: list[list[int]] = []
    real = pool.chunks

    def spy(targets: list[Any], workers: int) -> list[list[Any]]:
        found = real(targets, workers)
        sizes.append([len(chunk) for chunk in found])
        return found

    monkeypatch.setattr(pool, "chunks", spy)
    pooled = check(corpus, jobs=2)
    assert len(sizes) == 1 and len(set(sizes[0])) > 2  # several sizes, in one pool
    assert as_json(pooled) == as_json(check(corpus, jobs=1))


def test_the_worker_handler_sleeps_while_results_come_in(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """multiprocessing's worker handler waits on the result queue too, and loops while a result is unread
    (dozens of turns per run); this pool's waits only on the workers and its notifier: a few turns per run.

    Proven by mutation: without `_Pool._get_sentinels`, 647 turns for the 70 files' 15 chunks."""
    from multiprocessing import pool as mp_pool

    turns: list[int] = []
    real = mp_pool.Pool._wait_for_updates

    def counted(*args: Any, **kwargs: Any) -> None:
        turns.append(1)
        real(*args, **kwargs)

    monkeypatch.setattr(mp_pool.Pool, "_wait_for_updates", staticmethod(counted))
    assert as_json(check(corpus, jobs=2)) == as_json(check(corpus, jobs=1))
    assert 1 <= len(turns) <= len(pool.chunks(list(range(70)), 2)) // 2


def test_the_first_file_is_judged_before_the_fork_and_only_there(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The parent judges the first target (the workers inherit what it warmed) and the pool the rest, once each."""
    warmed: list[str] = []
    chunked: list[list[str]] = []
    real_warm, real_chunks = pool._warm_start, pool.chunks

    def warm(target: Any, *args: Any) -> Any:
        warmed.append(target.display)
        return real_warm(target, *args)

    def spy(targets: list[Any], workers: int) -> list[list[Any]]:
        found = real_chunks(targets, workers)
        chunked.extend([target.display for target in chunk] for chunk in found)
        return found

    monkeypatch.setattr(pool, "_warm_start", warm)
    monkeypatch.setattr(pool, "chunks", spy)
    pooled = check(corpus, jobs=2)
    judged = warmed + [name for chunk in chunked for name in chunk]
    assert len(warmed) == 1 and judged == sorted(set(judged), key=judged.index)  # each target once
    assert warmed[0] == pooled.documents[0].path
    assert as_json(pooled) == as_json(check(corpus, jobs=1))


def test_spawned_workers_give_the_report_of_one_process(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """macOS and Windows spawn their workers: nothing is judged before the pool starts, each worker rebuilds the
    pipeline from the settings, and the report is the same."""
    import multiprocessing

    warmed: list[object] = []
    monkeypatch.setattr(pool, "_pool_context", lambda: multiprocessing.get_context("spawn"))
    monkeypatch.setattr(pool, "_warm_start", lambda *args: warmed.append(args))
    assert as_json(check(corpus, jobs=2)) == as_json(check(corpus, jobs=1))
    assert warmed == []
