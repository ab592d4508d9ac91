"""The pool's own costs: chunks that shrink toward the end, so that no worker is left alone with a large one.

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
