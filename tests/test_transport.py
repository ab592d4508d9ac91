"""Results from workers: packed once where they are judged, written to the spill as those bytes, read back equal."""

from __future__ import annotations

import pickle
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from svcstd import api, parallel, spill
from svcstd.config.settings import DEFAULT_SETTINGS
from svcstd.judge import Pipeline, check_file
from svcstd.model import DocumentResult, Tally, TallyCounter, Waiver
from svcstd.reading.discovery import discover
from svcstd.reporters import json_report
from svcstd.rules import BUILTIN_RULES
from tests.conftest import ROOT
from tests.test_cache import make_corpus

RUN = Pipeline(DEFAULT_SETTINGS, BUILTIN_RULES, date(2026, 11, 27))
BOTH = spill.Packing("id", documents=True)
JSON_ONLY = spill.Packing("en", documents=False)


def _results() -> list[DocumentResult]:
    targets = list(discover([str(ROOT / "examples"), str(ROOT / "tests" / "fixtures" / "real")]))
    found = [doc for target in targets for doc in check_file(target, RUN)[1]]
    assert len(found) > 10
    return found


def _waived(docs: list[DocumentResult]) -> list[DocumentResult]:
    """Every other finding waived: what the totals leave out."""
    waiver = Waiver("X", "reason", "someone", "2030-01-01")
    return [
        replace(doc, findings=tuple(f if n % 2 else replace(f, waiver=waiver) for n, f in enumerate(doc.findings)))
        for doc in docs
    ]


def test_a_packs_counts_are_what_the_tally_counts() -> None:
    docs = _results() + _waived(_results())
    for doc in docs:
        counter = TallyCounter()
        counter.add(doc)
        alone = counter.tally()
        passed, invalid, errors, warnings, infos = spill.counts(doc)
        assert (passed, invalid, errors, warnings, infos) == (
            alone.passed, alone.invalid, *alone.counts,
        )  # fmt: skip
    with spill.Spill() as kept:
        kept.add(0, docs)
        assert kept.documents().tally() == Tally.of(docs)


def test_packed_results_decode_their_documents_once() -> None:
    docs = _results()
    sent = spill.Packed(tuple(map(BOTH.pack, docs)))
    assert len(sent) == len(docs) and list(sent) == docs and sent[0] == docs[0] and sent[1:3] == tuple(docs[1:3])
    assert sent.documents() is sent.documents()  # decoded once, for the cache and a held report alike
    assert spill.documents_of(sent) == tuple(docs) and spill.documents_of(tuple(docs)) == tuple(docs)
    assert [pack.json for pack in sent.packs] == [
        json_report.document_text(doc, "id").encode("utf-8", "surrogatepass") for doc in docs
    ]
    with pytest.raises(RuntimeError):
        spill.Packed(tuple(map(JSON_ONLY.pack, docs))).documents()


@pytest.mark.parametrize("packing", [spill.Packing(), BOTH, JSON_ONLY], ids=["documents", "both", "json"])
def test_the_spill_writes_a_workers_packs_without_encoding_again(
    packing: spill.Packing, monkeypatch: pytest.MonkeyPatch
) -> None:
    docs = _results()
    packs = tuple(map(packing.pack, docs))
    encoded: list[object] = []
    real_dumps, real_text, real_utf8 = pickle.dumps, json_report.document_text, json_report.document_utf8
    monkeypatch.setattr(spill.pickle, "dumps", lambda obj, **kw: encoded.append(obj) or real_dumps(obj, **kw))
    monkeypatch.setattr(json_report, "document_text", lambda *args: encoded.append(args) or real_text(*args))
    monkeypatch.setattr(json_report, "document_utf8", lambda *args: encoded.append(args) or real_utf8(*args))
    with spill.Spill(packing) as sent, spill.Spill(packing) as plain:
        sent.add(0, spill.Packed(packs))
        assert encoded == []  # nothing pickled or encoded again
        plain.add(0, tuple(docs))
        assert len(encoded) == len(docs) * (packing.documents + (packing.json_lang is not None))
        read, expected = sent.documents(), plain.documents()
        assert read.tally() == expected.tally() == Tally.of(docs) and read.paths() == expected.paths()
        if packing.documents:
            assert list(read) == list(expected) == docs
        else:
            with pytest.raises(RuntimeError):
                read.document(0)
        lines = read.json_lines(packing.json_lang or "en")
        if packing.json_lang is None:
            assert lines is None
        else:
            assert lines is not None
            assert list(lines) == [real_text(doc, packing.json_lang) for doc in docs]
            assert read.json_lines("id" if packing.json_lang == "en" else "en") is None  # not in another language


def test_packs_of_another_packing_are_refused() -> None:
    docs = _results()
    with spill.Spill(BOTH) as wanting, pytest.raises(RuntimeError):
        wanting.add(0, spill.Packed(tuple(map(JSON_ONLY.pack, docs))))


def test_slots_in_any_order_read_back_in_slot_order_and_in_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Out of order (the cache's results come first), one document per slot or several; lines read in blocks."""
    docs = _results()
    monkeypatch.setattr(spill, "BLOCK", 5000)  # several blocks, and records larger than one
    reads: list[tuple[int, int]] = []
    real_read = spill._read_at
    monkeypatch.setattr(spill, "_read_at", lambda f, o, n: reads.append((o, n)) or real_read(f, o, n))
    for packing in (BOTH, JSON_ONLY):
        with spill.Spill(packing) as kept:
            slots = list(range(0, len(docs), 3))
            for slot in [*slots[1::2], *slots[::2]]:
                kept.add(slot, docs[slot : slot + 3])
            read = kept.documents()
            reads.clear()
            lines = list(read.json_lines(packing.json_lang or "") or ())
            assert lines == [json_report.document_text(doc, packing.json_lang or "") for doc in docs]
            assert len(set(reads)) == len(reads) < len(docs)  # never the same bytes twice; fewer reads than lines
            if packing.documents:
                assert list(read) == docs


def test_outputs_say_what_a_run_keeps() -> None:
    assert spill.for_outputs(["json"], "id") == spill.Packing("id", documents=False)
    assert spill.for_outputs(["json"], "en", baseline=True) == spill.Packing("en", documents=True)
    assert spill.for_outputs(["json", "text"], "en") == spill.Packing("en", documents=True)
    assert spill.for_outputs(["json", "json"], "en") == spill.Packing("en", documents=False)
    assert spill.for_outputs(["sarif"], "en") == spill.Packing(None, documents=True)
    assert spill.for_outputs([], "en") == spill.Packing(None, documents=True)


def _pooled(targets: list[Any], packing: spill.Packing | None) -> list[tuple[Any, Any]]:
    with parallel.judging(targets, RUN, 2, packing) as judged:
        return list(judged)


def test_pooled_runs_hand_over_packed_results_equal_to_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = make_corpus(tmp_path, parallel.MIN_PARALLEL + 10)
    targets = list(discover([str(corpus)]))
    alone = [check_file(target, RUN) for target in targets]
    for packing in (None, BOTH):
        pooled = _pooled(targets, packing)
        assert all(isinstance(results, spill.Packed) for _, results in pooled)
        # the digest and results; not the stat stamp, which is absent for a file changed within RACY_NS of
        # being hashed, so a slow machine may stamp a file in one process and not in the other
        assert [(key.digest, tuple(results)) for key, results in pooled] == [
            (key.digest, results) for key, results in alone
        ]
    json_only = _pooled(targets, JSON_ONLY)
    assert [[pack.json for pack in results.packs] for _, results in json_only] == [
        [JSON_ONLY.pack(doc).json for doc in results] for _, results in alone
    ]
    assert all(pack.pickled is None for _, results in json_only for pack in results.packs)
    for packing in (spill.Packing(), BOTH):
        with spill.Spill(packing) as one, spill.Spill(packing) as two:
            report_one = api.check_pipeline([str(corpus)], RUN, jobs=1, spill=one)
            report_two = api.check_pipeline([str(corpus)], RUN, jobs=2, spill=two)
            assert list(report_one.documents) == list(report_two.documents)
            assert report_one.tally() == report_two.tally() == api.check_pipeline([str(corpus)], RUN, 1).tally()


def test_a_json_only_run_pickles_no_document(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Neither here nor in the workers (whose packs say so), with the cache or without: the workers encode the
    cache's records themselves (cache/encoder.py), and this process writes them as they are."""
    corpus = make_corpus(tmp_path / "corpus", parallel.MIN_PARALLEL + 10)
    added: list[spill.Pack] = []
    real_add = spill.Spill.add

    def add(self: spill.Spill, slot: int, results: Any) -> None:
        if isinstance(results, spill.Packed):
            added.extend(results.packs)
        real_add(self, slot, results)

    monkeypatch.setattr(spill.Spill, "add", add)
    monkeypatch.setattr(spill.pickle, "dumps", lambda *a, **k: pytest.fail("pickled in this process"))
    expected = json_report.render(api.check_pipeline([str(corpus)], RUN, 1), json_report.RenderOptions("en"))
    for jobs in (1, 2):
        added.clear()
        with spill.Spill(JSON_ONLY) as kept:
            report = api.check_pipeline([str(corpus)], RUN, jobs, spill=kept)
            assert json_report.render(report, json_report.RenderOptions("en")) == expected
        assert all(pack.pickled is None for pack in added) and (jobs == 1 or added)
    monkeypatch.setenv("SVCSTD_CACHE_DIR", str(tmp_path / "cache"))
    from svcstd.cache import store

    stored: list[str] = []
    real_put, real_put_encoded = store.ResultCache.put, store.ResultCache.put_encoded
    monkeypatch.setattr(store.ResultCache, "put", lambda self, *a: stored.append("here") or real_put(self, *a))
    monkeypatch.setattr(
        store.ResultCache, "put_encoded", lambda self, *a: stored.append("worker") or real_put_encoded(self, *a)
    )
    added.clear()
    with spill.Spill(JSON_ONLY) as kept:  # cold: the spill keeps only JSON, the workers encode the cache's records
        report = api.check_pipeline([str(corpus)], RUN, 2, use_cache=True, spill=kept)
        assert json_report.render(report, json_report.RenderOptions("en")) == expected
    assert added and all(pack.pickled is None for pack in added)
    assert len(stored) == len(api.targets([str(corpus)], RUN.settings))
    here = int(parallel._pool_context().get_start_method() == "fork")  # the first file, judged before the fork
    assert stored == ["here"] * here + ["worker"] * (len(stored) - here)
    stored.clear()  # the first file was judged here before the pool forked (parallel._warm_start)
    with spill.Spill(JSON_ONLY) as kept:  # warm: every result from the cache, encoded here
        report = api.check_pipeline([str(corpus)], RUN, 2, use_cache=True, spill=kept)
        assert json_report.render(report, json_report.RenderOptions("en")) == expected
    assert stored == []
