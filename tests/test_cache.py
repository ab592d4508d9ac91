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
import zlib
from dataclasses import replace
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
    """The files of the current root's cache (every context's index and packs, no temporary file)."""
    return sorted(path for path in (folder or cache.root_folder()).glob("*/*") if not path.name.startswith(".tmp-"))


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


def context_folder() -> Path:
    return cache.root_folder() / cache.context_digest(DEFAULT_SETTINGS, BUILTIN_RULES, AS_OF)


def the_key() -> bytes:
    return (Path(os.environ["SVCSTD_CACHE_DIR"]) / "key").read_bytes()


def load_index(folder: Path | None = None) -> tuple[bytes, dict[str, Any]]:
    """The signature and the data of a context's index."""
    mac, _, payload = ((folder or context_folder()) / "index").read_bytes().partition(b"\n")
    return mac, json.loads(payload)


def store_index(data: dict[str, Any], mac: bytes | None = None, key: bytes | None = None) -> None:
    """Write an index: with `mac` as it is (a forger without the key), else signed under `key` (the real one)."""
    payload = codec.dumps(data)
    signature = mac if mac is not None else hmac.new(key or the_key(), payload, hashlib.sha256).hexdigest().encode()
    (context_folder() / "index").write_bytes(signature + b"\n" + payload)


def fields(data: dict[str, Any], label: str) -> cache.index.Fields:
    found = cache.index.checked(data["entries"][label], len(data["packs"]))
    assert found is not None
    return found


def pack_name(data: dict[str, Any], number: int) -> str:
    """A pack's file name: the first of the index's "name offset length sha" of its table."""
    return str(data["packs"][number]).split(" ")[0]


def read_at(name: str, offset: int, length: int) -> bytes:
    with open(context_folder() / name, "rb") as stream:
        stream.seek(offset)
        return stream.read(length)


def stored(data: dict[str, Any], label: str) -> bytes:
    """A record's bytes as they are in its pack (compressed)."""
    entry = fields(data, label)
    return read_at(pack_name(data, entry.pack), entry.offset, entry.length)


def table_strings(data: dict[str, Any], number: int) -> list[str]:
    _name, offset, length, _sha = str(data["packs"][number]).split(" ")
    raw = cache.index.expand(read_at(pack_name(data, number), int(offset), int(length)), 1 << 30)
    assert raw is not None
    strings = json.loads(raw)
    assert isinstance(strings, list)
    return strings


def record(data: dict[str, Any], label: str) -> bytes:
    """A record's JSON, expanded."""
    raw = cache.index.expand(stored(data, label), 1 << 30)
    assert raw is not None
    return raw


def results_of(data: dict[str, Any], label: str) -> Results:
    shared = codec.Shared()
    table = codec.read_table(table_strings(data, fields(data, label).pack), shared)
    return codec.unpack(json.loads(record(data, label)), table, shared)


def replace_records(data: dict[str, Any], change: Any, table: codec.Table | None = None) -> None:
    """Every record rewritten by `change` (results in; results, packed with a new table, or any JSON out)
    into a new pack the index points to."""
    name = "pack-" + "a" * 32 + ".dat"
    table = table or codec.Table()
    blob = b""
    for label in data["entries"]:
        changed = change(results_of(data, label))
        raw = codec.pack(changed, table) if isinstance(changed, tuple) else codec.dumps(changed)
        rewritten = cache.index.compress(raw)
        sha = hashlib.sha256(rewritten).hexdigest()
        entry = fields(data, label)._replace(pack=len(data["packs"]), offset=len(blob), length=len(rewritten), sha=sha)
        data["entries"][label] = cache.index.entry(*entry)
        blob += rewritten
    packed = cache.index.compress(table.blob())
    (context_folder() / name).write_bytes(blob + packed)
    data["packs"].append(cache.index.Pack(name, len(blob), len(packed), hashlib.sha256(packed).hexdigest()).written())


def passing(results: Results) -> Results:
    """Every document passes with no finding: what a planter wants."""
    return tuple(replace(doc, passed=True, findings=()) for doc in results)


def test_a_planted_index_with_a_wrong_signature_is_a_miss(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Proven by mutation: with the signature check in index.read_index disabled, the planted results are used."""
    fresh = run()
    mac, data = load_index()
    replace_records(data, passing)
    store_index(data, mac=mac)
    judged = forbid_judging(monkeypatch)
    assert run() == fresh
    assert len(judged) == len(data["entries"])  # every planted entry was a miss, judged afresh


def test_an_index_signed_with_another_key_is_a_miss(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fresh = run()
    _, data = load_index()
    replace_records(data, passing)
    store_index(data, key=b"k" * 32)
    judged = forbid_judging(monkeypatch)
    assert run() == fresh
    assert len(judged) == len(data["entries"])


def test_a_record_changed_in_its_pack_is_a_miss(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The signed index holds each record's sha256: a pack rewritten behind its back answers for nothing.

    Proven by mutation: with the hash comparison in index.Packs.record disabled, the planted result is used.
    """
    fresh = run()
    _, data = load_index()
    label = max((label for label in data["entries"] if "sp-" in label), key=lambda label: fields(data, label).length)
    _digest, _stamp, pack, offset, length, _sha = fields(data, label)
    table = codec.Table()
    for text in table_strings(data, pack):
        table.ref(text)
    raw = codec.pack(passing(results_of(data, label)), table)
    assert len(table.strings) == len(table_strings(data, pack))  # the planted record needs no new string
    planted = zlib.compress(raw.ljust(length - 11), 0)  # stored, not deflated: 11 bytes of zlib's own
    assert len(planted) == length and cache.index.expand(planted, 1 << 30) is not None
    path = context_folder() / pack_name(data, pack)
    blob = path.read_bytes()
    path.write_bytes(blob[:offset] + planted + blob[offset + length :])
    judged = forbid_judging(monkeypatch)
    assert run() == fresh
    assert judged == [label.split("\0")[0]]


def test_an_index_copied_from_another_root_or_context_is_no_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Proven by mutation: with the header comparison in index.read_index disabled, the copy is read."""
    for name in ("one", "two"):
        (tmp_path / name / ".git").mkdir(parents=True)
        make_corpus(tmp_path / name / "standards", 6)
    monkeypatch.chdir(tmp_path / "one")
    run()
    copied = context_folder()
    monkeypatch.chdir(tmp_path / "two")
    target = context_folder()
    target.mkdir(parents=True, mode=0o700)
    for path in copied.iterdir():
        shutil.copy2(path, target / path.name)
    context = cache.context_digest(DEFAULT_SETTINGS, BUILTIN_RULES, AS_OF)
    assert cache.ResultCache(context).entries == {}  # another root's index
    other = cache.context_digest(Settings(fail_on="warning"), BUILTIN_RULES, AS_OF)
    shutil.copytree(target, cache.root_folder() / other)
    assert cache.ResultCache(other).entries == {}  # another context's index
    assert run() == run(use_cache=False)
    assert cache.ResultCache(context).entries  # written afresh for this root


def test_the_index_and_records_are_plain_json_the_same_on_every_python(repo: Path) -> None:
    run()
    mac, data = load_index()
    assert len(mac) == 64 and int(mac, 16) >= 0
    assert sorted(data) == ["context", "entries", "format", "packs", "root"]
    assert data["format"] == cache.store.FORMAT and data["root"] == cache.root_folder().name
    payload = (context_folder() / "index").read_bytes().partition(b"\n")[2]
    assert payload == json.dumps(data, sort_keys=True, separators=(",", ":")).encode("ascii")
    for label in data["entries"]:
        blob = record(data, label)
        assert codec.dumps(json.loads(blob)) == blob
    for number in range(len(data["packs"])):
        strings = table_strings(data, number)
        assert all(type(text) is str for text in strings) and len(set(strings)) == len(strings)
    assert not list(cache.root_folder().rglob("*.pickle"))


def stored_and_read(results: tuple[DocumentResult, ...], shared: codec.Shared | None = None) -> codec.Results:
    """Results packed with their table and read back through their JSON bytes, as a warm run reads them."""
    table = codec.Table()
    record = json.loads(codec.pack(results, table))
    share = codec.Shared() if shared is None else shared
    return codec.unpack(record, codec.read_table(json.loads(table.blob()), share), share)


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
    assert stored_and_read((doc, invalid)) == (doc, invalid)
    assert type(stored_and_read((doc, invalid))[0].findings[0].message) is Text


@pytest.mark.parametrize(
    "content",
    [b"", b"garbage", b"0" * 64 + b"\n{}", b"\n\n", "é".encode("latin-1"), "half"],
)
def test_a_corrupt_or_truncated_index_is_a_miss(repo: Path, content: bytes | str) -> None:
    fresh = run()
    path = context_folder() / "index"
    blob = path.read_bytes()
    planted = blob[: len(blob) // 2] if content == "half" else content
    assert isinstance(planted, bytes)
    labels = load_index()[1]["entries"].keys()
    path.write_bytes(planted)
    assert run() == fresh
    assert load_index()[1]["entries"].keys() == labels  # written afresh


def test_a_truncated_or_missing_pack_is_a_miss(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fresh = run()
    _, data = load_index()
    pack = context_folder() / pack_name(data, 0)
    pack.write_bytes(pack.read_bytes()[: pack.stat().st_size // 2])
    judged = forbid_judging(monkeypatch)
    assert run() == fresh
    assert len(judged) == len(data["entries"])  # the table, at the pack's end, is cut: every record misses
    judged.clear()
    data = load_index()[1]
    for number in range(len(data["packs"])):
        (context_folder() / pack_name(data, number)).unlink()
    assert run() == fresh
    assert len(judged) == len(data["entries"])


@pytest.mark.parametrize("results", [["not a result"], [{"path": 1}], {"x": 1}, None])
def test_well_signed_garbage_is_a_miss(repo: Path, results: object) -> None:
    """Even a record under an index signed with the right key builds nothing but the exact result types."""
    fresh = run()
    _, data = load_index()
    replace_records(data, lambda _: results)
    store_index(data)
    assert run() == fresh


SHA = "0" * 64


@pytest.mark.parametrize(
    "entry",
    [
        "x",
        [],
        ["d", None, 0, 0, 1, SHA],  # the list form of an early draft
        f"{SHA} 0 0 1 -",  # no digest
        f"{SHA} 5 0 1 - d",  # no such pack
        f"{SHA} 0 0 1 1 d",  # a stamp of one number
        f"{SHA} 0 -1 1 - d",
        f"{SHA} 0 0 1000000000000 - d",  # longer than any record may be
        f"{SHA.upper()} 0 0 1 - d",
        f"{SHA} \uff10 0 1 - d",  # a digit that int() would take
        f"{SHA} 0 0 1_0 - d",
    ],
)
def test_well_signed_malformed_entries_are_misses(repo: Path, entry: object) -> None:
    fresh = run()
    _, data = load_index()
    for label in data["entries"]:
        data["entries"][label] = entry
    store_index(data)
    assert run() == fresh


@pytest.mark.parametrize(
    "packs",
    [
        ["../../key"],
        [f"../../key 0 1 {SHA}"],
        ["pack-" + "0" * 32 + ".dat"],  # the name alone: the format before tables
        [f"pack-{'0' * 32}.dat 0 1"],
        [f"pack-{'0' * 32}.dat -1 1 {SHA}"],
        [f"pack-{'0' * 32}.dat 0 1 {SHA} "],
        [f"pack-{'0' * 32}.dat 0 1 {SHA}", f"pack-{'0' * 32}.dat 5 1 {SHA}"],  # one pack twice
        [["pack-" + "0" * 32 + ".dat", 0, 1, SHA]],
    ],
)
def test_well_signed_malformed_pack_names_are_no_index(repo: Path, packs: list[object]) -> None:
    fresh = run()
    _, data = load_index()
    data["packs"] = packs
    store_index(data)
    assert cache.ResultCache(cache.context_digest(DEFAULT_SETTINGS, BUILTIN_RULES, AS_OF)).entries == {}
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


def test_a_linked_index_or_pack_is_not_read(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fresh = run()
    context = cache.context_digest(DEFAULT_SETTINGS, BUILTIN_RULES, AS_OF)
    _, data = load_index()
    pack = context_folder() / pack_name(data, 0)
    elsewhere = repo / "pack.dat"
    elsewhere.write_bytes(pack.read_bytes())
    pack.unlink()
    pack.symlink_to(elsewhere)
    judged = forbid_judging(monkeypatch)
    assert run() == fresh
    assert len(judged) == len(data["entries"])
    index = context_folder() / "index"
    (repo / "index").write_bytes(index.read_bytes())
    index.unlink()
    index.symlink_to(repo / "index")
    assert cache.index.read_file(index, 10**9) is None
    assert cache.ResultCache(context).entries == {}
    assert run() == fresh
    assert not index.is_symlink()  # replaced by a new index, the link's target untouched
    assert (repo / "index").read_bytes() != b""


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

    monkeypatch.setattr(cache.index.os, "replace", full_disk)
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
    """Proven by mutation: with the signature check in index.read_index disabled, the stale result is used.

    The file is edited, then its entry's stamp rewritten to the edited file's stat, so that the stamp
    alone would take the old results for the new bytes.
    """
    run()
    edited = next((repo / "standards").rglob("sp-*.yaml"))
    edited.write_text(edited.read_text(encoding="utf-8").replace("title: ", "title: Revisi ", 1), encoding="utf-8")
    mac, data = load_index()
    label = f"{edited.relative_to(repo)}\x000"
    assert fields(data, label).stamp
    data["entries"][label] = cache.index.entry(*fields(data, label)._replace(stamp=cache.current_stamp(str(edited))))
    store_index(data, mac=mac)
    judged = forbid_judging(monkeypatch)
    warm = run()
    assert len(judged) == len(data["entries"])  # the whole index is unsigned now: every file judged afresh
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


def test_a_finding_in_a_shared_file_keeps_its_file_and_texts_are_shared_across_decodes() -> None:
    here = Finding("SIM002", Severity.WARNING, Text("a", "b"), "/a", 3, 5, Principle.SIMPLICITY, anchor="/x")
    there = Finding("SCH001", Severity.ERROR, Text("a", "b"), "/a", 1, 1, file="bersama.yaml")
    docs = (DocumentResult("a.yaml", 0, None, None, valid=True, findings=(here, there)),)
    shared = codec.Shared()
    first = stored_and_read(docs, shared)
    second = stored_and_read(docs, shared)
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


def test_a_file_of_any_size_is_read_whole_or_not_at_all(tmp_path: Path) -> None:
    path = tmp_path / "index"
    for size in (0, 1, 65_536, 300_000):
        path.write_bytes(b"x" * size)
        assert cache.index.read_file(path, 10**6) == b"x" * size
    path.write_bytes(b"x" * 1001)
    assert cache.index.read_file(path, 1000) is None
    assert cache.index.read_file(tmp_path, 1000) is None  # a folder


def test_a_cold_run_writes_each_record_as_it_comes(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Records go to the new pack during the run, not held to the end: only their places are in memory."""
    sizes: list[int] = []
    real = cache.index.PackWriter.append

    def spy(writer: cache.index.PackWriter, blob: bytes) -> int:
        offset = real(writer, blob)
        writer._stream.flush()
        sizes.append(writer.temporary.stat().st_size)
        return offset

    monkeypatch.setattr(cache.index.PackWriter, "append", spy)
    run()
    assert len(sizes) > 10 and sizes == sorted(sizes) and sizes[0] < sizes[-1]
    store = cache.ResultCache(cache.context_digest(DEFAULT_SETTINGS, BUILTIN_RULES, AS_OF))
    assert not hasattr(store, "pending")
    assert all(type(raw) is str and len(raw) < 400 for raw in store.entries.values())


def test_an_interrupted_run_leaves_no_pack_and_the_index_as_it_was(repo: Path) -> None:
    fresh = run()
    before = {path: path.read_bytes() for path in cache_files()}
    for path in standards(repo)[:5]:
        path.write_text(path.read_text(encoding="utf-8") + "\n# diubah\n", encoding="utf-8")

    def interrupt(done: int, total: int) -> None:
        if done > len(standards(repo)) - 3:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        api.check(["standards"], DEFAULT_SETTINGS, AS_OF, BUILTIN_RULES, jobs=1, use_cache=True, progress=interrupt)
    assert {path: path.read_bytes() for path in cache_files()} == before
    assert not list(cache.root_folder().rglob(".tmp-*"))
    assert run() == run(use_cache=False) != fresh


@pytest.mark.usefixtures("settled")
def test_packs_are_merged_and_dead_ones_removed(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each run that changes a file adds a small pack; past MAX_PACKS they are merged, and a pack that is
    mostly dead records is rewritten; the packs no index uses are removed at once."""
    monkeypatch.setattr(cache.store, "COMPACT_SLACK", 0)
    run()
    files = standards(repo)
    for number in range(cache.index.MAX_PACKS + 3):
        edited = files[number]
        edited.write_text(edited.read_text(encoding="utf-8") + f"\n# {number}\n", encoding="utf-8")
        assert run() == run(use_cache=False)
        _, data = load_index()
        assert len(data["packs"]) <= cache.index.MAX_PACKS
        names = [pack_name(data, number) for number in range(len(data["packs"]))]
        assert sorted(path.name for path in context_folder().glob("pack-*")) == sorted(names)
    for edited in files:  # every record replaced: the first pack is all dead and goes
        edited.write_text(edited.read_text(encoding="utf-8") + "\n# lagi\n", encoding="utf-8")
    data = load_index()[1]
    first = {pack_name(data, number) for number in range(len(data["packs"]))}
    warm = run()
    assert warm == run(use_cache=False)
    assert not first & {path.name for path in context_folder().glob("pack-*")}
    judged = forbid_judging(monkeypatch)
    assert run() == warm and judged == []


def test_two_runs_saving_at_once_leave_a_usable_cache(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The later index wins; the other run's records are simply not in it (a miss next time), never wrong."""
    run()
    context = cache.context_digest(DEFAULT_SETTINGS, BUILTIN_RULES, AS_OF)
    first, second = cache.ResultCache(context), cache.ResultCache(context)
    job = api.pipeline(DEFAULT_SETTINGS, AS_OF, BUILTIN_RULES)
    edited = standards(repo)[:2]
    for store, path in zip((first, second), edited, strict=True):
        path.write_text(path.read_text(encoding="utf-8") + "\n# diubah\n", encoding="utf-8")
        target = Target(str(path), str(path.relative_to(repo)), False)
        key, results = parallel.check_file(target, job)
        assert key is not None
        store.put(target, key, results)
    first.save()
    second.save()
    judged = forbid_judging(monkeypatch)
    warm = run()
    assert judged == [str(edited[0].relative_to(repo))]  # the first run's record was not in the last index
    assert warm == run(use_cache=False)


@pytest.mark.usefixtures("settled")
def test_the_command_writes_the_same_bytes_cold_and_warm_in_every_format(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`svcstd check` itself (spilled results, streaming reporters) with the index cold, warm and off."""
    written: dict[str, dict[str, bytes]] = {}
    for state in ("off", "cold", "warm"):
        if state == "cold":
            assert main(["cache", "clean", "--lang", "en"]) == 0
        if state == "warm":
            judged = forbid_judging(monkeypatch)
        outputs = written[state] = {}
        for name in FORMATS:
            for lang in ("en", "id"):
                out = repo / f"out-{state}-{name}-{lang}"
                command = ["check", "standards", "-f", name, "-o", str(out), "--lang", lang, "--as-of", "2026-11-27"]
                command += ["--jobs", "1", *(["--no-cache"] if state == "off" else [])]
                assert main(command) == 1
                outputs[f"{name}-{lang}"] = out.read_bytes()
    assert judged == []
    assert written["cold"] == written["off"] and written["warm"] == written["off"]


def test_the_index_is_written_in_slices_as_canonical_json(tmp_path: Path) -> None:
    """write_index streams its entries; the bytes are still those of one canonical json.dumps, and signed.

    A file name that is not UTF-8 (surrogate escapes) reads back: written raw, it made the index unreadable.
    """
    key = b"k" * 32
    header = {"format": cache.store.FORMAT, "context": "c", "root": "r"}
    entries = {f'dir/ä "{number}"\\caf\udce9.yaml\x000': f"{SHA} 0 {number} 1 - d\n{number}" for number in range(9000)}
    packs = [cache.index.Pack("pack-" + "0" * 32 + ".dat", 10, 20, SHA)]
    cache.index.write_index(tmp_path, key, header, packs, entries)
    mac, _, payload = (tmp_path / "index").read_bytes().partition(b"\n")
    document = {**header, "packs": [f"pack-{'0' * 32}.dat 10 20 {SHA}"], "entries": entries}
    assert payload == json.dumps(document, sort_keys=True, separators=(",", ":")).encode("ascii")
    assert mac == hmac.new(key, payload, hashlib.sha256).hexdigest().encode()
    assert cache.index.read_index(tmp_path, key, header) == (packs, entries)
    assert cache.index.read_index(tmp_path, b"x" * 32, header) == ([], {})
