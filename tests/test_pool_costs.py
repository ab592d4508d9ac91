"""The pool's own costs: chunks that shrink toward the end, and forked workers that start warm.

Neither may change a result or its order (tests/test_parallel.py compares whole reports too).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from svcstd import api
from svcstd import parallel as pool
from svcstd.cache import FileKey
from svcstd.config.settings import DEFAULT_SETTINGS
from svcstd.judge import Pipeline, Results
from svcstd.reading.discovery import Target
from svcstd.reporters import RenderOptions, renderer
from svcstd.rules import BUILTIN_RULES
from svcstd.spill import Packing
from tests.test_cache import make_corpus

AS_OF = date(2026, 11, 27)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_corpus(tmp_path_factory.mktemp("corpus"), 70)


def as_json(report: Any) -> str:
    return renderer("json")(report, RenderOptions("en"))


def check(corpus: Path, jobs: int) -> Any:
    return api.check([str(corpus)], DEFAULT_SETTINGS, AS_OF, BUILTIN_RULES, jobs=jobs, use_cache=False)


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


def test_with_fork_the_first_target_is_judged_before_forking(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Its result comes first and the report is the one process gives; the workers judge the rest."""
    if pool._pool_context().get_start_method() != "fork":
        pytest.skip("spawned workers inherit nothing: every target goes to them")
    here: list[str] = []
    forked: list[list[str]] = []
    real_check, real_class = pool.check_file, pool._pool_class

    def judged_here(target: Target, pipeline: Pipeline) -> tuple[FileKey | None, Results]:
        here.append(target.display)
        return real_check(target, pipeline)

    def pool_class() -> Any:
        forked.append(list(here))  # what this process had judged when the pool forked
        return real_class()

    monkeypatch.setattr(pool, "check_file", judged_here)
    monkeypatch.setattr(pool, "_pool_class", pool_class)
    pooled = check(corpus, jobs=2)
    first = api.targets([str(corpus)], DEFAULT_SETTINGS)[0].display
    assert forked == [[first]] and here == [first]
    monkeypatch.undo()
    assert as_json(pooled) == as_json(check(corpus, jobs=1))


def test_with_spawn_every_target_goes_to_the_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    """A spawned worker starts from nothing: judging one here first would only delay the pool."""
    import multiprocessing

    monkeypatch.setattr(pool, "_pool_context", lambda: multiprocessing.get_context("spawn"))
    seen: list[list[str]] = []

    class NoPool:
        def __init__(self, *args: object, **kwargs: object) -> None:
            pass

        def __enter__(self) -> NoPool:
            return self

        def __exit__(self, *exc: object) -> None:
            pass

        def imap(self, function: object, chunks: list[list[Target]]) -> list[list[tuple[None, tuple[()]]]]:
            seen.extend([[t.display for t in chunk] for chunk in chunks])
            return [[(None, ())] for _ in chunks]

    monkeypatch.setattr(pool, "_pool_class", lambda: NoPool)
    monkeypatch.setattr(pool, "check_file", lambda *args: pytest.fail("judged in the parent"))
    targets = [Target(f"f{n}.yaml", f"f{n}.yaml", explicit=True) for n in range(60)]
    run = api.pipeline(DEFAULT_SETTINGS, AS_OF, BUILTIN_RULES)
    with pool._pooled(targets, run, 2, Packing()) as judged:
        assert len(list(judged)) == len(pool.chunks(targets, 2))
    assert [name for chunk in seen for name in chunk] == [t.display for t in targets]
