"""Worker processes change the speed of `api.check`, never its result or its order."""

from __future__ import annotations

from contextlib import AbstractContextManager
from datetime import date
from pathlib import Path

import pytest

from svcstd import api
from svcstd.config import DEFAULT_SETTINGS, Settings
from svcstd.model import Report
from svcstd.reporters import RenderOptions, renderer
from svcstd.rules import BUILTIN_RULES
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
    real = api._pooled

    def spy(targets: list[api.Target], job: api.Job, workers: int) -> AbstractContextManager[api.Judged]:
        pooled.append(workers)
        return real(targets, job, workers)

    monkeypatch.setattr(api, "_pooled", spy)
    serial = check(corpus, jobs=1)
    parallel = check(corpus, jobs=2)
    assert pooled == [2]
    assert as_json(parallel) == as_json(serial)
    assert [doc.path for doc in parallel.documents] == [doc.path for doc in serial.documents]


def test_workers_rebuild_the_settings(corpus: Path) -> None:
    settings = Settings(select=("SIM", "TRA"), fail_on="warning", fail_under=80)
    assert as_json(check(corpus, 2, settings)) == as_json(check(corpus, 1, settings))


def test_small_inputs_stay_in_one_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_corpus(tmp_path, api.MIN_PARALLEL - 10)

    def no_pool(*args: object) -> None:
        raise AssertionError("a pool for a handful of files")

    monkeypatch.setattr(api, "_pooled", no_pool)
    assert check(tmp_path, jobs=8).documents


def test_rules_workers_cannot_rebuild_stay_in_one_process(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from dataclasses import replace

    rules = (replace(BUILTIN_RULES[0], weight=BUILTIN_RULES[0].weight + 5), *BUILTIN_RULES[1:])

    def no_pool(*args: object) -> None:
        raise AssertionError("workers would judge with the registry's rules")

    monkeypatch.setattr(api, "_pooled", no_pool)
    report = api.check([str(corpus)], DEFAULT_SETTINGS, AS_OF, rules, jobs=2, use_cache=False)
    assert report.documents


def test_progress_counts_every_file_in_order(corpus: Path) -> None:
    seen: list[tuple[int, int]] = []
    check(corpus, 2, progress=lambda done, total: seen.append((done, total)))
    total = len(api.discover([str(corpus)]))
    assert seen[0] == (0, total) and seen[-1] == (total, total)
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)
