"""Worker processes change the speed of `api.check`, never its result or its order."""

from __future__ import annotations

import contextlib
import signal
import subprocess
import sys
from contextlib import AbstractContextManager
from datetime import date
from pathlib import Path

import pytest

from svcstd import api
from svcstd import parallel as pool
from svcstd.cli.main import main
from svcstd.config.settings import DEFAULT_SETTINGS, Settings
from svcstd.judge import Pipeline
from svcstd.model import Report
from svcstd.reading.discovery import Target
from svcstd.reporters import RenderOptions, renderer
from svcstd.rules import BUILTIN_RULES
from svcstd.spill import Packing
from tests.test_cache import make_corpus

AS_OF = date(2026, 11, 27)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_corpus(tmp_path_factory.mktemp("corpus"), 80)


def as_json(report: Report) -> str:
    return renderer("json")(report, RenderOptions("en"))


def check(corpus: Path, jobs: int, settings: Settings = DEFAULT_SETTINGS, **options: object) -> Report:
    return api.check([str(corpus)], settings, AS_OF, BUILTIN_RULES, jobs=jobs, use_cache=False, **options)  # type: ignore[arg-type]


def test_two_workers_give_the_same_report_as_one(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pooled: list[int] = []
    real = pool._pooled

    def spy(
        targets: list[Target], job: Pipeline, workers: int, kept: Packing, encode: bool
    ) -> AbstractContextManager[pool.Judged]:
        pooled.append(workers)
        return real(targets, job, workers, kept, encode)

    monkeypatch.setattr(pool, "_pooled", spy)
    serial = check(corpus, jobs=1)
    parallel = check(corpus, jobs=2)
    assert pooled == [2]
    assert as_json(parallel) == as_json(serial)
    assert [doc.path for doc in parallel.documents] == [doc.path for doc in serial.documents]


def test_workers_rebuild_the_settings(corpus: Path) -> None:
    settings = Settings(select=("SIM", "TRA"), fail_on="warning", fail_under=80)
    assert as_json(check(corpus, 2, settings)) == as_json(check(corpus, 1, settings))


def test_small_inputs_stay_in_one_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_corpus(tmp_path, pool.MIN_PARALLEL - 10)

    def no_pool(*args: object) -> None:
        raise AssertionError("a pool for a handful of files")

    monkeypatch.setattr(pool, "_pooled", no_pool)
    assert check(tmp_path, jobs=8).documents


def test_workers_judge_with_the_parents_rules(corpus: Path) -> None:
    """Rules changed in this process (not rebuildable from the settings) reach the workers as they are."""
    from dataclasses import replace

    rules = (replace(BUILTIN_RULES[0], weight=BUILTIN_RULES[0].weight + 5), *BUILTIN_RULES[1:])
    serial = api.check([str(corpus)], DEFAULT_SETTINGS, AS_OF, rules, jobs=1, use_cache=False)
    pooled = api.check([str(corpus)], DEFAULT_SETTINGS, AS_OF, rules, jobs=2, use_cache=False)
    assert as_json(pooled) == as_json(serial)
    assert as_json(pooled) != as_json(check(corpus, jobs=1))


def test_custom_rules_are_read_once_per_run(corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """One read of the rule files for a whole run, however many workers judge (issue: loaded four times)."""
    from svcstd.rules import declarative

    rules_dir = tmp_path / "rules"
    rules_dir.mkdir()
    (rules_dir / "fee.yaml").write_text(CUSTOM_RULE, encoding="utf-8")
    log = tmp_path / "reads.log"
    real = declarative.read_rule_file

    def counted(file: Path) -> object:
        with log.open("a", encoding="utf-8") as handle:  # a file, so that reads in workers count too
            handle.write(f"{file.name}\n")
        return real(file)

    monkeypatch.setattr(declarative, "read_rule_file", counted)
    monkeypatch.setattr(declarative, "_LOADED", {})
    (tmp_path / "svcstd.toml").write_text(
        f'rule_paths = ["{rules_dir}"]\n[rules.KEMENKES-001]\nweight = 2\n', encoding="utf-8"
    )  # the [rules] table makes the configuration look at the rule files too
    with contextlib.chdir(tmp_path):
        code = main(["check", str(corpus), "--jobs", "2", "--no-cache", "--format", "json", "-o", "out.json"])
    assert code in (0, 1)
    assert log.read_text(encoding="utf-8").splitlines() == ["fee.yaml"]
    assert "KEMENKES-001" in (tmp_path / "out.json").read_text(encoding="utf-8")


CUSTOM_RULE = """\
id: KEMENKES-001
principle: transparency
severity: error
title: {en: Every fee names its basis, id: Setiap biaya menyebut dasar hukumnya}
message: {en: "{pointer} has no basis", id: "{pointer} tidak memiliki dasar hukum"}
fix: {en: Name the regulation, id: Sebutkan peraturannya}
reference: {en: UU 25/2009, id: UU 25/2009}
where: /delivery/fees/*/basis
require: {present: true}
"""


def test_progress_counts_every_file_in_order(corpus: Path) -> None:
    seen: list[tuple[int, int]] = []
    check(corpus, 2, progress=lambda done, total: seen.append((done, total)))
    total = len(api.discover([str(corpus)]))
    assert seen[0] == (0, total) and seen[-1] == (total, total)
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)


HANG_BOUND = 300
"""Seconds: a guard against a hang, not a measurement (the workers finish their chunk and stop)."""

KILL_PARENT = """
import os, signal, sys
from svcstd import api
def progress(done, total):
    if done == 1:  # the first chunk is back; the workers are still judging theirs
        os.kill(os.getpid(), signal.SIGKILL)
api.check([sys.argv[1]], jobs=2, progress=progress)
"""


def test_workers_end_silently_when_the_parent_is_gone(corpus: Path, tmp_path: Path) -> None:
    """Proven by mutation: without SIGPIPE restored in `_start_worker`, a worker sending its chunk's results
    to the dead parent prints a multiprocessing traceback ending in BrokenPipeError."""
    child = subprocess.run(
        [sys.executable, "-c", KILL_PARENT, str(corpus)],
        capture_output=True,
        timeout=HANG_BOUND,  # stderr closes once the last worker has gone
        check=False,
        cwd=tmp_path,
    )
    assert child.returncode == -signal.SIGKILL
    assert child.stderr == b""


def test_a_closed_output_pipe_prints_no_traceback(corpus: Path, tmp_path: Path) -> None:
    """`svcstd check big/ --jobs 2 | head -c 1`: no traceback from svcstd or its workers."""
    reader = subprocess.Popen(["head", "-c", "1"], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL)
    assert reader.stdin is not None
    command = [
        sys.executable,
        "-m",
        "svcstd",
        "check",
        str(corpus),
        "--jobs",
        "2",
        "--no-cache",
        "--as-of",
        "2026-11-27",
    ]
    child = subprocess.run(command, stdout=reader.stdin, stderr=subprocess.PIPE, timeout=HANG_BOUND, check=False)
    reader.stdin.close()
    reader.wait(timeout=HANG_BOUND)
    assert child.returncode in (0, 1)
    assert b"Traceback" not in child.stderr and b"Error" not in child.stderr, child.stderr.decode()
