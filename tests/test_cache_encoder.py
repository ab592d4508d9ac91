"""Cache records encoded in the workers (cache/encoder.py): each worker numbers strings in a table of its own, the
parent writes its records into a pack of that worker's and rebuilds its table from the strings that came with them.
A warm run reads every record back as a cold run judged it; anything out of order stores nothing, never a wrong
result."""

from __future__ import annotations

import json
import math
import os
from dataclasses import replace
from pathlib import Path

import pytest

from svcstd import api, cache, parallel
from svcstd.cache import codec, encoder, store
from svcstd.config.settings import DEFAULT_SETTINGS
from svcstd.judge import check_file
from svcstd.model import DocumentResult, Finding, Report, Severity, Text
from svcstd.reading.discovery import Target, discover
from tests.test_cache import AS_OF, forbid_judging, load_index, make_corpus, outputs, results_of
from tests.test_cache_tables import DOC, INVALID

RUN = api.pipeline(DEFAULT_SETTINGS, AS_OF)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository root as the current folder, with more standards than a pool needs (parallel.MIN_PARALLEL)."""
    (tmp_path / ".git").mkdir()
    make_corpus(tmp_path / "standards", parallel.MIN_PARALLEL + 20)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(jobs: int, use_cache: bool = True) -> Report:
    return api.check(["standards"], DEFAULT_SETTINGS, AS_OF, RUN.rules, jobs=jobs, use_cache=use_cache)


def test_a_pooled_cold_run_stores_what_a_warm_run_reads_back(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two workers: a pack each (their own tables), and one for the file judged before the fork. (A worker that
    started late may have been handed no chunk: then its pack is not made.)"""
    fresh = run(1, use_cache=False)
    encoded: list[str] = []
    real = store.ResultCache.put_encoded
    monkeypatch.setattr(
        store.ResultCache, "put_encoded", lambda self, t, *a: encoded.append(t.display) or real(self, t, *a)
    )
    cold = run(2)
    judged_here = parallel._pool_context().get_start_method() == "fork"  # the first file, before the fork
    assert len(encoded) == len(api.targets(["standards"], DEFAULT_SETTINGS)) - judged_here
    _, data = load_index()
    packs = len(data["packs"])
    assert packs in (2, 3)
    stored = [doc for label in data["entries"] for doc in results_of(data, label)]
    places = [cache.index.checked(raw, packs) for raw in data["entries"].values()]
    assert {fields.pack for fields in places if fields is not None} == set(range(packs))
    judged = forbid_judging(monkeypatch)
    warm = run(2)
    assert judged == []
    assert warm == cold == fresh and outputs(warm) == outputs(fresh)
    assert sorted(stored, key=lambda doc: (doc.path, doc.index)) == sorted(
        fresh.documents, key=lambda doc: (doc.path, doc.index)
    )


def test_an_encoder_numbers_each_string_once_and_sends_only_new_ones() -> None:
    worker = encoder.Encoder()
    first, second = worker.encode((DOC,)), worker.encode((DOC, INVALID))
    assert first.source == second.source and first.start == 0 and second.start == len(first.strings)
    assert len(set(first.strings)) == len(first.strings) and not set(first.strings) & set(second.strings)
    rebuilt = codec.Table()
    rebuilt.extend(first.strings + second.strings)
    assert rebuilt.strings == worker.table.strings
    shared = codec.Shared()
    strings = codec.read_table(json.loads(rebuilt.blob()), shared)
    for sent, results in ((first, (DOC,)), (second, (DOC, INVALID))):
        assert sent.record is not None
        raw = cache.index.expand(sent.record, store.MAX_ENTRY_BYTES)
        assert raw is not None
        assert codec.unpack(json.loads(raw), strings, shared) == results
    assert encoder.Encoder().source != worker.source


def test_results_that_cannot_be_stored_leave_no_string_behind() -> None:
    """A NaN score cannot be written as JSON: no record, and the strings it numbered are forgotten, so the table
    holds only what records use and the next record's numbers follow on."""
    worker = encoder.Encoder()
    unstorable = replace(DOC, score=math.nan, title="only here")
    refused = worker.encode((unstorable,))
    assert refused.record is None and refused.strings == () and worker.table.strings == []
    kept = worker.encode((DOC,))
    assert kept.start == 0 and kept.record is not None and list(kept.strings) == worker.table.strings


def test_this_process_forgets_the_strings_of_results_it_cannot_store(repo: Path) -> None:
    target = discover(["standards"])[0]
    key, results = check_file(target, RUN)
    assert key is not None
    kept = store.ResultCache(cache.context_digest(RUN.settings, RUN.rules, AS_OF))
    meta = replace(results[0].meta, provider="tidak tersimpan")  # a string the table would hold
    kept.put(target, key, (replace(results[0], score=math.nan, meta=meta),))
    new = kept._new[None]
    assert new.table.strings == []
    kept.put(target, key, (replace(results[0], meta=meta),))
    assert "tidak tersimpan" in new.table.strings  # stored, it is there
    kept.close()


def _put_all(kept: store.ResultCache, targets: list[Target], order: list[int]) -> None:
    worker = encoder.Encoder()
    sent = []
    for target in targets:
        key, results = check_file(target, RUN)
        assert key is not None
        sent.append((target, key, worker.encode(results)))
    for position in order:
        kept.put_encoded(*sent[position])


def test_strings_out_of_order_store_nothing(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Proven by mutation: without the check of `start`, the records of the out-of-order run are saved and read
    back with the wrong strings. The pool rules the order out; if it ever came, the next run judges again."""
    targets = discover(["standards"])[:4]
    context = cache.context_digest(RUN.settings, RUN.rules, AS_OF)
    kept = store.ResultCache(context)
    _put_all(kept, targets, [0, 2, 1, 3])
    kept.save()
    assert load_index(cache.root_folder() / context)[1]["entries"] == {}
    assert not list((cache.root_folder() / context).glob("*pack*"))
    kept = store.ResultCache(context)
    _put_all(kept, targets, [0, 1, 2, 3])
    kept.save()
    judged = forbid_judging(monkeypatch)
    assert api.check(["standards"], DEFAULT_SETTINGS, AS_OF, RUN.rules, jobs=1, use_cache=True)
    assert sorted(judged) == sorted(target.display for target in discover(["standards"])[4:])


def test_past_max_packs_only_the_smallest_are_merged(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A pooled cold run leaves a pack per worker: merging all but the largest would rewrite one of them after a
    few small runs. The smallest packs are merged, just enough to leave MAX_PACKS."""
    monkeypatch.setattr(cache.index, "MAX_PACKS", 4)
    run(2)
    _, data = load_index()
    names = [str(pack).split(" ")[0] for pack in data["packs"]]
    sizes = {name: (cache.root_folder() / store_folder() / name).stat().st_size for name in names}
    workers = sorted(sizes, key=sizes.__getitem__)[1:]  # the two workers' packs; the smallest is one file's
    files = sorted((repo / "standards").rglob("*.yaml"))
    for number in range(4):
        files[number].write_text(files[number].read_text(encoding="utf-8") + f"\n# {number}\n", encoding="utf-8")
        assert run(1) == run(1, use_cache=False)
        _, data = load_index()
        names = [str(pack).split(" ")[0] for pack in data["packs"]]
        assert len(names) <= 4
        assert set(workers) <= set(names)  # never rewritten: the small packs were merged instead


def store_folder() -> str:
    return cache.context_digest(RUN.settings, RUN.rules, AS_OF)


def test_spawned_workers_encode_with_tables_of_their_own(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """macOS and Windows spawn their workers (nothing judged before the pool): a pack per worker, read back equal."""
    import multiprocessing

    monkeypatch.setattr(parallel, "_pool_context", lambda: multiprocessing.get_context("spawn"))
    fresh = run(1, use_cache=False)
    cold = run(2)
    _, data = load_index()
    assert len(data["packs"]) in (1, 2) and len(data["entries"]) == len(api.targets(["standards"], DEFAULT_SETTINGS))
    judged = forbid_judging(monkeypatch)
    assert run(2) == cold == fresh and judged == []


@pytest.mark.parametrize("jobs", [1, 2], ids=["here", "workers"])
def test_a_result_that_cannot_be_stored_never_stops_the_run(
    repo: Path, monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    """A folder whose name is not UTF-8 holds a standard that takes a part with an error from a shared file: its
    finding names the shared file by a path JSON cannot write (a lone surrogate), so the results are not stored.
    Proven by mutation: before, the path stayed in the pack's table and saving it raised UnicodeEncodeError, a
    traceback at the end of the run (with the workers, too, without the encoder's forgetting)."""
    folder = os.fsencode(repo / "standards") + b"/\xff"
    try:
        os.mkdir(folder)
    except OSError:
        pytest.skip("this file system refuses a name that is not UTF-8")
    with open(folder + b"/bersama.yaml", "w", encoding="utf-8") as stream:
        stream.write('svcstd-shared: "1.1"\nmanufacturing:\n  legal_basis: 5\n')
    for number in range(3):  # three, so that with workers one surely lands in a worker
        with open(folder + b"/layanan-%d.yaml" % number, "w", encoding="utf-8") as stream:
            stream.write(f'svcstd: "1.1"\ntitle: Layanan {number}\nuses:\n  - bersama.yaml\n')
    fresh = run(1, use_cache=False)
    assert any(finding.file and "\udcff" in finding.file for doc in fresh.documents for finding in doc.findings)
    assert run(jobs) == fresh
    judged = forbid_judging(monkeypatch)
    assert run(jobs) == fresh
    assert sorted(judged) == [os.fsdecode(b"standards/\xff/layanan-%d.yaml" % n) for n in range(3)]


def _with_unwritable_string(results: tuple[DocumentResult, ...]) -> tuple[DocumentResult, ...]:
    """A finding whose message holds a lone surrogate (a path that is not UTF-8, as YML009 quotes it): messages go
    into the pack's table, not the record, so only the table could not be written."""
    finding = Finding("YML009", Severity.ERROR, Text("di luar \udcff", "outside \udcff"), "/uses/0", 1, 1)
    return (replace(results[0], findings=(*results[0].findings, finding)), *results[1:])


def test_a_string_the_table_cannot_write_is_never_numbered(repo: Path) -> None:
    """Proven by mutation: with `pack` in place of `pack_storable`, the string stays in the table, the save
    cannot write it and gives up, and not one file of the run is stored (the reviewer's case, every run)."""
    worker = encoder.Encoder()
    refused = worker.encode(_with_unwritable_string((DOC,)))
    assert refused.record is None and refused.strings == () and worker.table.strings == []
    judged = [(target, *check_file(target, RUN)) for target in discover(["standards"])]
    chosen = [(target, key, results) for target, key, results in judged if key is not None and results][:3]
    targets = [target for target, _, _ in chosen]
    context = cache.context_digest(RUN.settings, RUN.rules, AS_OF)
    kept = store.ResultCache(context)
    for number, (target, key, results) in enumerate(chosen):
        kept.put(target, key, _with_unwritable_string(results) if number == 1 else results)
    kept.save()
    entries = load_index(cache.root_folder() / context)[1]["entries"]
    assert len(entries) == 2 and not any(targets[1].display in label for label in entries)


def test_a_save_that_fails_leaves_no_pack_behind(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Proven by mutation: without `_drop_unindexed`, the packs renamed before the index failed stay on disk, and a
    run that fails to save every time leaves more of them each time."""

    def full_disk(*args: object) -> None:
        raise OSError(28, "No space left on device")

    real = cache.index.write_index
    monkeypatch.setattr(cache.index, "write_index", full_disk)
    run(2)
    folder = cache.root_folder() / store_folder()
    assert not list(folder.glob("*pack*")) and not (folder / "index").exists()
    monkeypatch.setattr(cache.index, "write_index", real)
    judged = forbid_judging(monkeypatch)
    again = run(1)
    assert len(judged) == len(api.targets(["standards"], DEFAULT_SETTINGS))  # nothing was stored, nothing wrong
    assert again == run(1, use_cache=False)


MB = 1 << 20


@pytest.mark.parametrize(
    ("sizes", "count", "merged"),
    [
        ({0: 28 * MB, 1: 28 * MB, 2: 4000, 3: 9000, 4: 3000}, 2, {4, 2}),  # two workers' packs stay
        (dict.fromkeys(range(17), MB), 10, {0, 1, 2, 3}),  # 16 workers: a quarter at most, not ten of them
        ({0: 28 * MB, 1: 28 * MB, 2: 20 * MB}, 2, set()),  # none is small: none merged
        ({0: 20_000, 1: 3000, 2: 3000, 3: 3000}, 3, {1, 2, 3}),  # a small cache: as before
        ({0: 28 * MB, 1: 28 * MB, 2: 3000}, 2, set()),  # one small pack alone is not merged
    ],
)
def test_a_save_merges_the_smallest_packs_and_at_most_a_quarter(
    sizes: dict[int, int], count: int, merged: set[int]
) -> None:
    assert store._smallest(sizes, count) == merged
