"""The results' pipe of the pool, widened so that a worker's chunk of results fits in it at once.

The width changes only when a worker may go on to its next chunk, never a result or its order
(tests/test_parallel.py and tests/test_transport.py compare whole reports with one process; the
run here does too, with the widened pipe in place).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import pytest

from svcstd import parallel as pool
from tests.test_cache import make_corpus
from tests.test_parallel import as_json, check

fcntl = pytest.importorskip("fcntl")


def _can_widen() -> bool:
    if not sys.platform.startswith("linux") or not hasattr(fcntl, "F_SETPIPE_SZ"):
        return False
    try:
        return int(Path("/proc/sys/fs/pipe-max-size").read_text()) >= pool.PIPE_SIZE
    except (OSError, ValueError):
        return False


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_corpus(tmp_path_factory.mktemp("corpus"), 60)


@pytest.mark.skipif(not _can_widen(), reason="Linux pipes of 1 MiB (F_SETPIPE_SZ, pipe-max-size)")
def test_the_results_pipe_holds_a_chunk_of_results(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Proven by mutation: without `_Pool._setup_queues`, the results' pipe stays at 64 KiB."""
    sizes: list[int] = []
    real = pool._warm_start

    def spy(*args: Any) -> Any:
        found = real(*args)
        base = pool._pool_class()
        made = base.__init__

        def init(self: Any, *init_args: Any, **kwargs: Any) -> None:
            made(self, *init_args, **kwargs)
            sizes.append(fcntl.fcntl(self._outqueue._reader.fileno(), fcntl.F_GETPIPE_SZ))

        monkeypatch.setattr(base, "__init__", init)
        return found

    monkeypatch.setattr(pool, "_warm_start", spy)
    assert as_json(check(corpus, jobs=2)) == as_json(check(corpus, jobs=1))
    assert sizes == [pool.PIPE_SIZE]


def test_a_pipe_that_cannot_be_widened_is_left_as_it_is(tmp_path: Path) -> None:
    """Not a pipe, a closed one, or a size the system refuses: the run goes on with the pipe as it was."""

    class Refused:
        def fileno(self) -> int:
            raise OSError("closed")

    class NotAPipe:
        def __init__(self, fd: int) -> None:
            self.fd = fd

        def fileno(self) -> int:
            return self.fd

    pool.widen_pipe(Refused())
    with open(tmp_path / "file", "wb") as file:
        pool.widen_pipe(NotAPipe(file.fileno()))  # EBADF: a regular file has no pipe size
    reader, writer = os.pipe()
    try:
        pool.widen_pipe(NotAPipe(reader))
    finally:
        os.close(reader)
        os.close(writer)
