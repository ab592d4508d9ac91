"""svcstd.collector: `svcstd check` starts with Python's cyclic collector paused, and judges with it running.

The start (imports, configuration, rules, discovery) makes long-lived objects and almost no garbage; the
collector is resumed before any file is judged or worker forked, with what the start made frozen, and put
back as it was when the run ends, however it ends.
"""

from __future__ import annotations

import gc
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from svcstd import collector
from svcstd.cli import check as cli_check
from svcstd.cli import run
from tests.conftest import ROOT

MINIMAL = ROOT / "tests" / "fixtures" / "minimal.yaml"
# Python 3.12 starts with objects of its own frozen (375 on 3.12.1); svcstd.collector never freezes or unfreezes
# beside someone else's frozen objects, so there the start is paused but not frozen. Counts are relative to this.
BASE = gc.get_freeze_count()
FREEZES = BASE == 0


@pytest.fixture(autouse=True)
def collecting() -> Iterator[None]:
    assert gc.isenabled() and gc.get_freeze_count() == BASE
    yield
    enabled, frozen = gc.isenabled(), gc.get_freeze_count()
    gc.enable()
    if frozen != BASE:
        gc.unfreeze()
    assert (enabled, frozen) == (True, BASE), "the run left the collector as it found it"


def spying(monkeypatch: pytest.MonkeyPatch, module: Any, name: str, seen: list[tuple[str, bool, bool]]) -> None:
    original = getattr(module, name)

    def spy(*args: Any, **kwargs: Any) -> Any:
        seen.append((name, gc.isenabled(), gc.get_freeze_count() > BASE))
        return original(*args, **kwargs)

    monkeypatch.setattr(module, name, spy)


def test_the_start_runs_paused_and_the_files_are_judged_collecting(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from svcstd import parallel

    seen: list[tuple[str, bool, bool]] = []
    spying(monkeypatch, cli_check, "configured_pipeline", seen)
    spying(monkeypatch, parallel, "check_file", seen)
    output = tmp_path / "report.json"
    code = run(["check", str(MINIMAL), "--no-cache", "--format", "json", "-o", str(output)], fast=True)
    assert code in (0, 1) and output.stat().st_size  # judged and written (the gate is not this test's)
    assert seen == [("configured_pipeline", False, False), ("check_file", True, FREEZES)]


def test_a_failed_start_puts_the_collector_back(monkeypatch: pytest.MonkeyPatch, capsys: Any) -> None:
    seen: list[bool] = []

    def failing(*args: Any, **kwargs: Any) -> Any:
        seen.append(gc.isenabled())
        raise KeyError("broken")

    monkeypatch.setattr(cli_check, "configured_pipeline", failing)
    with pytest.raises(KeyError):
        run(["check", str(MINIMAL), "--no-cache"], fast=True)
    assert seen == [False]


def test_a_worker_forked_by_the_pool_collects_and_inherits_a_frozen_start(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from svcstd import parallel

    if parallel._pool_context().get_start_method() != "fork":
        pytest.skip("workers are spawned here: fresh interpreters, collecting from their start")
    folder = tmp_path / "standards"
    folder.mkdir()
    for number in range(parallel.MIN_PARALLEL + 2):
        shutil.copy(MINIMAL, folder / f"s{number:03}.yaml")
    states = tmp_path / "states"
    original = parallel.check_file

    def spy(*args: Any, **kwargs: Any) -> Any:
        import os

        with states.open("a") as file:
            file.write(f"{os.getpid()} {gc.isenabled()} {gc.get_freeze_count() > BASE}\n")
        return original(*args, **kwargs)

    monkeypatch.setattr(parallel, "check_file", spy)
    output = tmp_path / "report.json"
    code = run(["check", str(folder), "--no-cache", "--jobs", "2", "--format", "json", "-o", str(output)], fast=True)
    assert code in (0, 1) and output.stat().st_size
    lines = states.read_text().splitlines()
    assert len(lines) == parallel.MIN_PARALLEL + 2  # the parent's warm start, then the workers'
    assert {line.split(" ", 1)[1] for line in lines} == {f"True {FREEZES}"}
    assert len({line.split()[0] for line in lines}) == 3


def test_a_collector_switched_off_by_the_caller_stays_off() -> None:
    gc.disable()
    try:
        collector.pause()
        collector.resume()
        assert not gc.isenabled() and gc.get_freeze_count() == BASE
        collector.restore()
        assert not gc.isenabled() and gc.get_freeze_count() == BASE
    finally:
        gc.enable()


def test_resume_and_restore_without_a_pause_do_nothing() -> None:
    collector.resume()
    collector.restore()
    assert gc.isenabled() and gc.get_freeze_count() == BASE


def test_a_warm_replay_runs_collecting(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SVCSTD_CACHE_DIR", str(tmp_path / "cache"))
    seen: list[tuple[str, bool, bool]] = []
    output = tmp_path / "report.json"
    argv = ["check", str(MINIMAL), "--format", "json", "-o", str(output)]
    first = run(argv, fast=True)
    spying(monkeypatch, cli_check, "_replay", seen)
    assert run(argv, fast=True) == first
    assert seen == [("_replay", True, FREEZES)]  # replayed from the run record, the start frozen


def test_overlapping_runs_leave_nothing_frozen() -> None:
    """Two runs in one process whose starts and ends interleave (threads of a host calling the fast path):
    the second's pause must not forget the first's freeze, or nothing would ever unfreeze it."""
    collector.pause()  # run A starts
    collector.resume()  # A judges: the start frozen
    assert gc.isenabled() and (gc.get_freeze_count() > BASE) == FREEZES
    collector.pause()  # run B starts while A judges
    collector.resume()
    collector.restore()  # B ends
    collector.restore()  # A ends
    assert gc.isenabled()
    assert gc.get_freeze_count() == BASE
