"""The result cache: a cached result is indistinguishable from a fresh one, and goes stale when it must."""

from __future__ import annotations

import hashlib
import hmac
import importlib.util
import json
import os
import random
import shutil
import sys
import time
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from svcstd import api, cache, judge, parallel
from svcstd.cache import FileKey, codec
from svcstd.cli.main import main
from svcstd.config.settings import DEFAULT_SETTINGS, Settings
from svcstd.judge import Pipeline, Results
from svcstd.model import (
    DocumentMeta,
    DocumentResult,
    Finding,
    Grade,
    Principle,
    PrincipleResult,
    Report,
    Severity,
    Text,
    Waiver,
)
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

    def spy(target: Target, job: Pipeline) -> tuple[FileKey | None, Results]:
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


def cache_files(folder: Path | None = None) -> list[Path]:
    """The entries of the current root's cache (all contexts)."""
    return sorted((folder or cache.root_folder()).glob("*/*.json"))


def test_cache_lives_in_the_users_cache_folder_not_the_repository(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo / "standards")
    api.check(["."], DEFAULT_SETTINGS, AS_OF, jobs=1, use_cache=True)
    home = Path(os.environ["SVCSTD_CACHE_DIR"])
    assert cache.root_folder() == home / hashlib.sha256(os.fsencode(repo.resolve())).hexdigest()[:32]
    assert cache_files()
    assert not list(repo.rglob(".svcstd_cache")) and not list(repo.rglob("*.json"))
    key = home / "key"
    assert key.stat().st_mode & 0o777 == 0o600 and len(key.read_bytes()) == 32


@pytest.mark.parametrize(
    ("environment", "expected"),
    [
        ({"SVCSTD_CACHE_DIR": "/c/mine", "XDG_CACHE_HOME": "/x"}, "/c/mine"),
        ({"XDG_CACHE_HOME": "/x"}, "/x/svcstd"),
        ({"XDG_CACHE_HOME": "relative"}, "~/.cache/svcstd"),
        ({}, "~/.cache/svcstd"),
    ],
)
def test_cache_home_follows_the_environment(
    monkeypatch: pytest.MonkeyPatch, environment: dict[str, str], expected: str
) -> None:
    for name in ("SVCSTD_CACHE_DIR", "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(sys, "platform", "linux")
    assert cache.cache_home() == Path(expected).expanduser()


def test_each_checked_root_has_its_own_cache(tmp_path: Path) -> None:
    (tmp_path / "one" / ".git").mkdir(parents=True)
    (tmp_path / "two" / ".git").mkdir(parents=True)
    (tmp_path / "one" / "deep").mkdir()
    assert cache.root_folder(tmp_path / "one" / "deep") == cache.root_folder(tmp_path / "one")
    assert cache.root_folder(tmp_path / "one") != cache.root_folder(tmp_path / "two")


def test_no_cache_neither_reads_nor_writes(repo: Path) -> None:
    run(use_cache=False)
    assert not cache.root_folder().exists()


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


def only_entry() -> Path:
    [path] = [path for path in cache_files() if "sp-" in path.read_text(encoding="utf-8")][:1]
    return path


def resign(blob: bytes, key: bytes) -> bytes:
    """The entry's payload signed under `key` (the way a forger with a key of their own would)."""
    _, _, payload = blob.partition(b"\n")
    return hmac.new(key, payload, hashlib.sha256).hexdigest().encode() + b"\n" + payload


def passing(blob: bytes) -> bytes:
    """The entry's payload rewritten so that every document passes with no finding: what a planter wants."""
    mac, _, payload = blob.partition(b"\n")
    entry = json.loads(payload)
    for doc in entry["results"]:
        doc.update(passed=True, findings=[])
    return mac + b"\n" + json.dumps(entry).encode()


def test_a_planted_entry_with_a_wrong_signature_is_a_miss(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Proven by mutation: with the signature check in ResultCache.get disabled, the planted result is used."""
    fresh = run()
    entries = cache_files()
    for path in entries:
        path.write_bytes(passing(path.read_bytes()))
    judged = forbid_judging(monkeypatch)
    assert run() == fresh
    assert len(judged) == len(entries)  # every planted entry was a miss, judged afresh


def test_an_entry_signed_with_another_key_is_a_miss(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fresh = run()
    entries = cache_files()
    for path in entries:
        path.write_bytes(resign(passing(path.read_bytes()), b"k" * 32))
    judged = forbid_judging(monkeypatch)
    assert run() == fresh
    assert len(judged) == len(entries)


def test_an_entry_moved_to_another_file_is_a_miss(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A genuine, correctly signed entry of a passing file does not answer for a failing one."""
    fresh = run()
    by_name = {doc.path: doc for doc in fresh.documents}
    good = next(doc.path for doc in fresh.documents if doc.passed and doc.index == 0)
    bad = next(doc.path for doc in fresh.documents if not doc.passed and doc.path != good and doc.index == 0)
    store = cache.ResultCache(cache.context_digest(DEFAULT_SETTINGS, BUILTIN_RULES, AS_OF))
    good_entry = store._path(f"{good}\x000")
    store._path(f"{bad}\x000").write_bytes(good_entry.read_bytes())
    judged = forbid_judging(monkeypatch)
    assert run() == fresh and not by_name[bad].passed
    assert judged == [bad]


def test_entries_are_plain_json_the_same_on_every_python(repo: Path) -> None:
    run()
    for path in cache_files():
        mac, _, payload = path.read_bytes().partition(b"\n")
        assert len(mac) == 64 and int(mac, 16) >= 0
        entry = json.loads(payload)
        assert sorted(entry) in (["entry", "results"], ["entry", "results", "stat"])
        assert payload == json.dumps(entry, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def test_every_field_of_a_result_survives_the_round_trip() -> None:
    waiver = Waiver("SIM002", "Diatur Permen", "Kepala Dinas", "2026-12-31")
    finding = Finding(
        "SIM002", Severity.WARNING, Text("en ✓", "id ✓"), "/a/0", 3, 5, Principle.SIMPLICITY, waiver, "/a/x"
    )
    doc = DocumentResult(
        "dir/ä.yaml",
        1,
        "x/y",
        "Judul",
        valid=True,
        findings=(finding, Finding("YML001", Severity.ERROR, Text("a", "b"), "", 1, 1)),
        score=72.35,
        grade=Grade("yellow", Text("Yellow", "Kuning")),
        principles=(PrincipleResult(Principle.FAIRNESS, None, ("FAI001",), ("FAI002",), ("FAI003",), ("FAI004",)),),
        passed=True,
        meta=DocumentMeta("Dinas", "Unit", "adopted", "1.2", "2026-01-02", "2027-01-02", (waiver,)),
    )
    invalid = DocumentResult("b.yaml", 0, None, None, valid=False, findings=())
    stored = json.loads(codec.dumps(codec.encode((doc, invalid))))
    assert codec.decode(stored) == (doc, invalid)
    assert type(codec.decode(stored)[0].findings[0].message) is Text


@pytest.mark.parametrize(
    "content",
    [b"", b"garbage", b"0" * 64 + b"\n{}", b"\n\n", "é".encode("latin-1")],
)
def test_a_corrupt_entry_is_a_miss(repo: Path, content: bytes) -> None:
    fresh = run()
    path = only_entry()
    path.write_bytes(content)
    assert run() == fresh
    assert path.read_bytes() != content  # rewritten


@pytest.mark.parametrize("results", [["not a result"], [{"path": 1}], {"x": 1}, None])
def test_well_signed_garbage_is_a_miss(repo: Path, results: object) -> None:
    """Even an entry signed with the right key builds nothing but the exact result types."""
    fresh = run()
    path = only_entry()
    _mac, _, payload = path.read_bytes().partition(b"\n")
    entry = json.loads(payload)
    entry["results"] = results
    key = (Path(os.environ["SVCSTD_CACHE_DIR"]) / "key").read_bytes()
    path.write_bytes(resign(b"\n" + codec.dumps(entry), key))
    assert run() == fresh


def test_a_committed_cache_link_in_the_repository_is_never_used(repo: Path) -> None:
    """The old in-tree location as a link to someone's folder: nothing there is read, written or deleted."""
    victim = repo / "victim"
    victim.mkdir()
    (victim / "precious.pickle").write_bytes(b"keep me")
    (repo / ".svcstd_cache").symlink_to(victim, target_is_directory=True)
    assert run() == run(use_cache=False)
    assert main(["cache", "clean", "--lang", "en"]) == 0
    assert sorted(p.name for p in victim.iterdir()) == ["precious.pickle"]
    assert (victim / "precious.pickle").read_bytes() == b"keep me"


def test_a_linked_cache_folder_is_refused_with_exit_2(
    repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Proven by mutation: with the link check in check_private disabled, svcstd writes into the victim."""
    victim = repo / "victim"
    victim.mkdir()
    link = repo / "linked-cache"
    link.symlink_to(victim, target_is_directory=True)
    monkeypatch.setenv("SVCSTD_CACHE_DIR", str(link))
    assert main(["check", "standards", "--lang", "en", "--as-of", "2026-11-27"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("svcstd: error: the result cache ") and "symbolic link" in err and "--no-cache" in err
    assert list(victim.iterdir()) == []
    assert main(["check", "standards", "--no-cache", "-q", "--as-of", "2026-11-27"]) == 1


def test_a_linked_root_folder_or_entry_is_not_written_through(repo: Path) -> None:
    run()
    victim = repo / "victim"
    victim.mkdir()
    root = cache.root_folder()
    shutil.rmtree(root)
    root.symlink_to(victim, target_is_directory=True)
    with pytest.raises(cache.CacheError):
        run()
    assert list(victim.iterdir()) == []


def test_a_linked_entry_is_not_read(repo: Path) -> None:
    fresh = run()
    path = only_entry()
    elsewhere = repo / "entry.json"
    elsewhere.write_bytes(path.read_bytes())
    path.unlink()
    path.symlink_to(elsewhere)
    assert cache.store._read_entry(path) is None
    assert run() == fresh


def test_a_key_readable_by_others_is_refused(repo: Path) -> None:
    run()
    key = Path(os.environ["SVCSTD_CACHE_DIR"]) / "key"
    key.chmod(0o644)
    with pytest.raises(cache.CacheError):
        run()


def test_writes_are_atomic_and_failures_silent(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fresh = run()
    edited = next((repo / "standards").rglob("sp-*.yaml"))
    edited.write_text(edited.read_text(encoding="utf-8") + "\n# diubah\n", encoding="utf-8")
    before = {path: path.read_bytes() for path in cache_files()}

    def full_disk(source: object, destination: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(cache.store.os, "replace", full_disk)
    assert run() == fresh
    assert {path: path.read_bytes() for path in cache_files()} == before
    assert not list(cache.root_folder().rglob(".tmp-*"))


def test_an_unwritable_cache_folder_is_skipped(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = repo / "a-file"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    monkeypatch.setenv("SVCSTD_CACHE_DIR", str(blocker / "svcstd"))
    assert run() == run(use_cache=False)


def test_prune_removes_stale_temporaries_and_the_oldest_contexts(tmp_path: Path) -> None:
    now = time.time()
    for age, name in enumerate(["old", "middle", "new"]):
        folder = tmp_path / name
        folder.mkdir()
        (folder / "e.json").write_bytes(b"x" * 100)
        os.utime(folder, (now - 100 + age, now - 100 + age))
    (tmp_path / "new" / ".tmp-dead").write_bytes(b"x")
    os.utime(tmp_path / "new" / ".tmp-dead", (now - 2 * cache.store.STALE_SECONDS,) * 2)
    (tmp_path / "new" / ".tmp-live").write_bytes(b"x")
    cache.prune(tmp_path, keep=tmp_path / "new", max_bytes=250)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["middle", "new"]
    assert sorted(p.name for p in (tmp_path / "new").iterdir()) == [".tmp-live", "e.json"]


def test_prune_keeps_a_bounded_number_of_contexts(tmp_path: Path) -> None:
    for age in range(cache.store.KEEP_CONTEXTS + 3):
        (tmp_path / f"c{age:02}").mkdir()
        os.utime(tmp_path / f"c{age:02}", (1_000_000 + age,) * 2)
    cache.prune(tmp_path, keep=tmp_path / "c00")
    assert len(list(tmp_path.iterdir())) == cache.store.KEEP_CONTEXTS
    assert (tmp_path / "c00").exists() and not (tmp_path / "c01").exists()


def test_cache_clean_removes_the_cache_of_this_root(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run()
    folder = cache.root_folder()
    other = folder.parent / "another-root"
    other.mkdir()
    assert main(["cache", "clean", "--lang", "en"]) == 0
    assert not folder.exists() and other.exists()
    assert f"Removed the result cache {folder}" in capsys.readouterr().out
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
    folder = cache.root_folder() / "context"
    folder.mkdir(parents=True, mode=0o700)
    for number in range(files):
        (folder / f"{number}.json").write_bytes(b"x")
    assert main(["cache", "clean", "--lang", lang]) == 0
    assert capsys.readouterr().out.strip().endswith(expected)


def count_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record every file svcstd's judging module opens (reading a standard goes through it, nothing else)."""
    opened: list[str] = []

    real = judge.read_regular_stat

    def spy(path: str, *args: Any, **kwargs: Any) -> Any:
        opened.append(str(Path(path).resolve()))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(judge, "read_regular_stat", spy)
    return opened


@pytest.fixture
def settled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files written by the test count as settled at once (else they are all 'racily clean' for RACY_NS)."""
    monkeypatch.setattr(cache.store, "RACY_NS", 0)


def stamped(path: Path) -> tuple[int, int, int, int] | None:
    store = cache.ResultCache(cache.context_digest(DEFAULT_SETTINGS, BUILTIN_RULES, AS_OF))
    entry = store.entry(Target(str(path), str(path.relative_to(Path.cwd())), False))
    return None if entry is None else entry.stamp


def standards(repo: Path) -> list[Path]:
    return sorted((repo / "standards").rglob("*.yaml"))


@pytest.mark.usefixtures("settled")
def test_an_unchanged_file_is_a_hit_without_being_read(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Like git's index: the stat stamp answers; no standard is opened, read or hashed on a warm run."""
    fresh = run()
    opened = count_reads(monkeypatch)
    judged = forbid_judging(monkeypatch)
    assert run() == fresh
    assert judged == [] and opened == []


@pytest.mark.usefixtures("settled")
def test_a_touched_file_with_the_same_bytes_is_hashed_again_and_hits(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fresh = run()
    touched = next((repo / "standards").rglob("sp-*.yaml"))
    before = stamped(touched)
    earlier = touched.stat().st_mtime_ns - 5_000_000_000  # not in the future: that would never settle
    os.utime(touched, ns=(earlier, earlier))
    opened = count_reads(monkeypatch)
    judged = forbid_judging(monkeypatch)
    assert run() == fresh
    assert judged == [] and opened == [str(touched.resolve())]  # read and hashed, not judged
    assert stamped(touched) not in (None, before)  # the entry took the new stamp: the next run reads nothing
    opened.clear()
    assert run() == fresh and opened == []


@pytest.mark.usefixtures("settled")
def test_a_changed_file_is_a_miss_with_size_and_mtime_kept(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    run()
    edited = next((repo / "standards").rglob("sp-*.yaml"))
    info = edited.stat()
    text = edited.read_text(encoding="utf-8")
    edited.write_text(text.replace("title: ", "title: X", 1).replace("\n", "", 1), encoding="utf-8")
    assert edited.stat().st_size == info.st_size
    os.utime(edited, ns=(info.st_atime_ns, info.st_mtime_ns))  # only ctime and the bytes tell
    judged = forbid_judging(monkeypatch)
    warm = run()
    assert judged == [str(edited.relative_to(repo))]
    assert warm == run(use_cache=False)


@pytest.mark.usefixtures("settled")
def test_a_tampered_stamp_is_a_miss(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Proven by mutation: with the signature check in ResultCache.entry disabled, the stale result is used.

    The file is edited, then its entry's stamp rewritten to the edited file's stat, so that the stamp
    alone would take the old results for the new bytes.
    """
    run()
    edited = next((repo / "standards").rglob("sp-*.yaml"))
    edited.write_text(edited.read_text(encoding="utf-8").replace("title: ", "title: Revisi ", 1), encoding="utf-8")
    store = cache.ResultCache(cache.context_digest(DEFAULT_SETTINGS, BUILTIN_RULES, AS_OF))
    path = store._path(f"{edited.relative_to(repo)}\x000")
    mac, _, payload = path.read_bytes().partition(b"\n")
    entry = json.loads(payload)
    assert entry["stat"]
    entry["stat"] = list(cache.current_stamp(str(edited)) or ())
    path.write_bytes(mac + b"\n" + codec.dumps(entry))
    judged = forbid_judging(monkeypatch)
    warm = run()
    assert judged == [str(edited.relative_to(repo))]
    assert warm == run(use_cache=False)


def test_a_file_hashed_right_after_it_changed_gets_no_stamp(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """git's 'racily clean' case: an edit in the same timestamp tick as the read would keep the old stamp.

    The window is widened to an hour so that every file of the corpus counts as just written, however
    slowly the machine runs (the window's own value is tested on a stat result, below).
    """
    monkeypatch.setattr(cache.store, "RACY_NS", 3600 * 1_000_000_000)
    fresh = run()
    assert all(stamped(path) is None for path in standards(repo))
    opened = count_reads(monkeypatch)
    assert run() == fresh
    assert len(opened) == len(standards(repo))  # checked by their bytes, every one
    monkeypatch.setattr(cache.store, "RACY_NS", 0)
    opened.clear()
    run()  # same bytes, now settled: the entries take their stamps
    assert all(stamped(path) is not None for path in standards(repo))


def test_settled_stamp_follows_the_racy_window() -> None:
    # mode, inode, device, links, uid, gid, size, 3 x seconds, 3 x float seconds, atime_ns, mtime_ns, ctime_ns
    info = os.stat_result((0o100644, 7, 0, 1, 0, 0, 10, 0, 0, 0, 0.0, 0.0, 0.0, 0, 40, 50))
    window = cache.store.RACY_NS
    assert cache.settled_stamp(info, now_ns=50 + window - 1) is None  # ctime counts, not only mtime
    assert cache.settled_stamp(info, now_ns=50 + window) == (10, 40, 7, 50)


@pytest.mark.parametrize(
    "change",
    [
        {1: "fatal"},  # severity
        {1: ["error"]},
        {7: "luck"},  # principle
        {2: 1},  # message
        {3: None},
        {0: None},  # rule
        {4: 4},  # pointer
        {5: True},  # line
        {6: 2.0},  # column
        {8: ["a", "b"]},  # waiver
        {9: 3},  # anchor
        {10: 1},  # file
        {10: "shared.yaml", 11: "extra"},
        {"drop": 9},
    ],
)
def test_a_finding_that_encode_would_not_write_is_refused(change: dict[object, object]) -> None:
    finding = Finding("SIM002", Severity.WARNING, Text("a", "b"), "/a", 3, 5, Principle.SIMPLICITY)
    doc = DocumentResult("a.yaml", 0, None, None, valid=True, findings=(finding,))
    stored = json.loads(codec.dumps(codec.encode((doc,))))
    assert codec.decode(stored) == (doc,)
    encoded = stored[0]["findings"][0]
    for position, value in change.items():
        if position == "drop":
            del encoded[value]  # type: ignore[arg-type]
        else:
            assert isinstance(position, int)
            encoded.extend([None] * (position + 1 - len(encoded)))
            encoded[position] = value
    with pytest.raises((ValueError, KeyError, TypeError)):
        codec.decode(stored)


def test_a_finding_in_a_shared_file_keeps_its_file_and_texts_are_shared_across_decodes() -> None:
    here = Finding("SIM002", Severity.WARNING, Text("a", "b"), "/a", 3, 5, Principle.SIMPLICITY, anchor="/x")
    there = Finding("SCH001", Severity.ERROR, Text("a", "b"), "/a", 1, 1, file="bersama.yaml")
    docs = (DocumentResult("a.yaml", 0, None, None, valid=True, findings=(here, there)),)
    shared = codec.Shared()
    first = codec.decode(json.loads(codec.dumps(codec.encode(docs))), shared)
    second = codec.decode(json.loads(codec.dumps(codec.encode(docs))), shared)
    assert first == second == docs
    assert first[0].findings[1].file == "bersama.yaml"
    assert first[0].findings[0].message is first[0].findings[1].message is second[0].findings[0].message
    assert first[0].findings[0].pointer is second[0].findings[1].pointer


def test_shared_texts_leave_shared_results_as_they_are() -> None:
    """api.SharedTexts replaces only findings whose texts are not yet the run's own objects."""
    finding = Finding("SIM002", Severity.WARNING, Text("a", "b"), "/a", 3, 5, anchor="")
    doc = DocumentResult("a.yaml", 0, None, None, valid=True, findings=(finding,))
    share = api.SharedTexts()
    once = share((doc,))
    assert once is not None and once[0].findings[0].anchor is None  # an empty anchor is none, as before
    twice = share(once)
    assert twice is not None and twice[0] is once[0]
    copy = DocumentResult(
        "a.yaml", 0, None, None, valid=True, findings=(Finding("SIM002", Severity.WARNING, Text("a", "b"), "/a", 3, 5),)
    )
    shared = share((copy,))
    assert shared is not None and shared[0].findings[0].message is once[0].findings[0].message


def test_findings_built_by_their_slots_equal_those_of_the_constructor() -> None:
    """codec fills a Finding's slots directly only while Finding's fields are the ones it knows."""
    assert codec._FAST_FINDINGS  # else the fast path is silently off: a change to Finding must update codec
    waiver = Waiver("SIM002", "Diatur Permen", "Kepala Dinas", "2026-12-31")
    values = (
        "SIM002",
        Severity.WARNING,
        Text("a", "b"),
        "/a",
        3,
        5,
        Principle.SIMPLICITY,
        waiver,
        "/x",
        None,
        "s.yaml",
    )
    built = codec._new_finding(values)
    assert built == Finding(*values) and hash(built) == hash(Finding(*values))
    with pytest.raises(TypeError):
        codec._new_finding(values[:5])  # as the constructor: a required field missing


def test_an_entry_of_any_size_is_read_whole_or_not_at_all(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "entry.json"
    for size in (0, 1, 65_536, 300_000):
        path.write_bytes(b"x" * size)
        assert cache.store._read_entry(path) == b"x" * size
    monkeypatch.setattr(cache.store, "MAX_ENTRY_BYTES", 1000)
    path.write_bytes(b"x" * 1001)
    assert cache.store._read_entry(path) is None
    assert cache.store._read_entry(tmp_path) is None  # a folder
