"""The result cache: a cached result is indistinguishable from a fresh one, and goes stale when it must."""

from __future__ import annotations

import importlib.util
import os
import pickle
import random
from datetime import date
from pathlib import Path
from types import ModuleType

import pytest

from svcstd import api, cache, parallel
from svcstd.cli.main import main
from svcstd.config.settings import DEFAULT_SETTINGS, Settings
from svcstd.judge import Pipeline, Results
from svcstd.model import Report
from svcstd.reading.discovery import Target
from svcstd.reporters import FORMATS, RenderOptions, renderer
from svcstd.rules import BUILTIN_RULES
from tests.conftest import ROOT

AS_OF = date(2026, 11, 27)


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("svcstd_benchmark_generate", ROOT / "benchmarks" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def make_corpus(folder: Path, count: int = 80) -> Path:
    """`count` generated standards (valid, invalid, multi-document) plus a broken and a foreign YAML file."""
    generator = _generator()
    templates = generator.load_templates()
    for number in range(count):
        relative, text = generator.make_file(templates, random.Random(f"test-{number}"), number)
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (folder / "broken.yaml").write_text('svcstd: "1.0"\nid: [unclosed\n', encoding="utf-8")
    (folder / "notes.yaml").write_text("owner: bagian organisasi\n", encoding="utf-8")
    return folder


def outputs(report: Report) -> dict[str, str]:
    """The report in every registered format and both languages."""
    return {f"{name}-{lang}": renderer(name)(report, RenderOptions(lang)) for name in FORMATS for lang in ("en", "id")}


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository root (it has .git) as the current folder, with a corpus in `standards/`."""
    (tmp_path / ".git").mkdir()
    make_corpus(tmp_path / "standards", 30)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(use_cache: bool = True, settings: Settings = DEFAULT_SETTINGS, as_of: date = AS_OF) -> Report:
    return api.check(["standards"], settings, as_of, BUILTIN_RULES, jobs=1, use_cache=use_cache)


def forbid_judging(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record which files get judged afresh (a warm cache judges none)."""
    judged: list[str] = []
    real = parallel.check_file

    def spy(target: Target, job: Pipeline) -> tuple[str | None, Results]:
        judged.append(target.display)
        return real(target, job)

    monkeypatch.setattr(parallel, "check_file", spy)
    return judged


def test_cached_results_are_indistinguishable_in_every_format(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_corpus(repo / "standards" / "more", 50)
    fresh = run(use_cache=False)
    cold = run()
    judged = forbid_judging(monkeypatch)
    warm = run()
    assert judged == []
    assert warm == cold == fresh
    assert outputs(warm) == outputs(fresh)


def test_cache_lives_at_the_repository_root(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo / "standards")
    api.check(["."], DEFAULT_SETTINGS, AS_OF, jobs=1, use_cache=True)
    assert list((repo / cache.CACHE_FOLDER).glob("*.pickle"))
    assert (repo / cache.CACHE_FOLDER / ".gitignore").read_text(encoding="utf-8") == "*\n"


def test_no_cache_neither_reads_nor_writes(repo: Path) -> None:
    run(use_cache=False)
    assert not (repo / cache.CACHE_FOLDER).exists()


def test_an_edited_file_is_judged_again(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    run()
    edited = next((repo / "standards").rglob("sp-*.yaml"))
    edited.write_text(edited.read_text(encoding="utf-8").replace("title: ", "title: Revisi ", 1), encoding="utf-8")
    judged = forbid_judging(monkeypatch)
    warm = run()
    assert judged == [str(edited.relative_to(repo))]
    assert warm == run(use_cache=False)


@pytest.mark.parametrize(
    "settings",
    [Settings(select=("SIM",)), Settings(ignore=("FAI001",)), Settings(fail_on="warning"), Settings(fail_under=90)],
)
def test_judging_settings_make_a_new_context(repo: Path, monkeypatch: pytest.MonkeyPatch, settings: Settings) -> None:
    run()
    judged = forbid_judging(monkeypatch)
    changed = run(settings=settings)
    assert len(judged) == len(api.discover(["standards"]))
    assert changed == run(use_cache=False, settings=settings)


def test_output_only_settings_share_the_context() -> None:
    plain = cache.context_digest(DEFAULT_SETTINGS, BUILTIN_RULES, AS_OF)
    assert cache.context_digest(Settings(lang="id", sources={"lang": "x"}), BUILTIN_RULES, AS_OF) == plain
    assert cache.context_digest(DEFAULT_SETTINGS, BUILTIN_RULES, date(2026, 11, 28)) != plain
    assert cache.context_digest(DEFAULT_SETTINGS, BUILTIN_RULES[1:], AS_OF) != plain


def test_as_of_makes_a_new_context(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    run()
    judged = forbid_judging(monkeypatch)
    later = run(as_of=date(2031, 1, 1))
    assert judged and later.as_of == "2031-01-01"
    assert later == run(use_cache=False, as_of=date(2031, 1, 1))


def test_custom_rule_files_are_part_of_the_context(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "mine.yaml").write_text("id: X001\n", encoding="utf-8")
    settings = Settings(rule_paths=(str(rules),))
    before = cache.context_digest(settings, BUILTIN_RULES, AS_OF)
    (rules / "mine.yaml").write_text("id: X002\n", encoding="utf-8")
    assert cache.context_digest(settings, BUILTIN_RULES, AS_OF) != before


def cache_files(repo: Path) -> list[Path]:
    return sorted((repo / cache.CACHE_FOLDER).glob("*.pickle"))


@pytest.mark.parametrize("content", [b"", b"garbage", b"svcstd-cache-1\n\x80\x05garbage", b"svcstd-cache-1\n"])
def test_a_corrupt_cache_file_is_a_miss(repo: Path, content: bytes) -> None:
    fresh = run()
    [path] = cache_files(repo)
    path.write_bytes(content)
    assert run() == fresh
    assert cache.ResultCache(path.parent, path.stem).entries  # rewritten whole


def test_a_planted_pickle_cannot_run_code(repo: Path) -> None:
    fresh = run()
    [path] = cache_files(repo)
    planted = repo / "planted"

    class Exploit:
        def __reduce__(self) -> tuple[object, tuple[str]]:
            return (os.mkdir, (str(planted),))

    path.write_bytes(b"svcstd-cache-1\n" + pickle.dumps({"x": ("0", (Exploit(),))}))
    assert run() == fresh
    assert not planted.exists()


def test_well_typed_garbage_is_a_miss(repo: Path) -> None:
    fresh = run()
    [path] = cache_files(repo)
    path.write_bytes(b"svcstd-cache-1\n" + pickle.dumps({"standards/x.yaml\x000": ("0", ("not a result",))}))
    assert run() == fresh


def test_writes_are_atomic_and_failures_silent(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fresh = run()
    [path] = cache_files(repo)
    before = path.read_bytes()
    edited = next((repo / "standards").rglob("sp-*.yaml"))
    edited.write_text(edited.read_text(encoding="utf-8") + "\n# diubah\n", encoding="utf-8")

    def full_disk(source: object, destination: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(cache.os, "replace", full_disk)
    assert run() == fresh
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == sorted([path.name, ".gitignore"])  # no temporary left


def test_an_unwritable_cache_folder_is_skipped(repo: Path) -> None:
    (repo / cache.CACHE_FOLDER).write_text("a file where the folder should be", encoding="utf-8")
    assert run() == run(use_cache=False)


def test_prune_removes_the_oldest_files(tmp_path: Path) -> None:
    for age, name in enumerate(["old", "middle", "new"]):
        path = tmp_path / f"{name}.pickle"
        path.write_bytes(b"x" * 100)
        os.utime(path, (1_000_000 + age, 1_000_000 + age))
    cache.prune(tmp_path, keep=tmp_path / "new.pickle", max_bytes=250)
    assert sorted(p.stem for p in tmp_path.glob("*.pickle")) == ["middle", "new"]


def test_cache_clean_removes_the_cache(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run()
    assert main(["cache", "clean", "--lang", "en"]) == 0
    assert not (repo / cache.CACHE_FOLDER).exists()
    assert "Removed the result cache" in capsys.readouterr().out
    assert main(["cache", "clean", "--lang", "en"]) == 0
    assert "There is no result cache" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("files", "lang", "expected"),
    [
        (1, "en", "(1 file)."),
        (2, "en", "(2 files)."),
        (1, "id", "dihapus (1 berkas)."),
        (2, "id", "dihapus (2 berkas)."),
    ],
)
def test_cache_clean_counts_files_in_both_languages(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    files: int,
    lang: str,
    expected: str,
) -> None:
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    folder = cache.cache_root()
    folder.mkdir()
    for number in range(files):
        (folder / f"{number}.pickle").write_bytes(b"x")
    assert main(["cache", "clean", "--lang", lang]) == 0
    assert capsys.readouterr().out.strip().endswith(expected)
