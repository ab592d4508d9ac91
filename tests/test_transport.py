"""Results from workers: pickled once in the worker, written to the spill as those bytes, read back equal."""

from __future__ import annotations

import copy
import pickle
from datetime import date
from pathlib import Path

import pytest

from svcstd import api, parallel, spill
from svcstd.config.settings import DEFAULT_SETTINGS
from svcstd.judge import Pipeline, check_file
from svcstd.model import DocumentResult
from svcstd.reading.discovery import discover
from svcstd.rules import BUILTIN_RULES
from tests.conftest import ROOT
from tests.test_cache import make_corpus

RUN = Pipeline(DEFAULT_SETTINGS, BUILTIN_RULES, date(2026, 11, 27))


def _results() -> list[DocumentResult]:
    targets = list(discover([str(ROOT / "examples"), str(ROOT / "tests" / "fixtures" / "real")]))
    found = [doc for target in targets for doc in check_file(target, RUN)[1]]
    assert len(found) > 10
    return found


def test_pickled_results_are_the_documents_and_keep_their_bytes() -> None:
    docs = _results()
    blobs = tuple(pickle.dumps(doc, protocol=pickle.HIGHEST_PROTOCOL) for doc in docs)
    sent = spill.PickledResults(blobs)
    assert sent == tuple(docs) and len(sent) == len(docs) and list(sent) == docs and sent.blobs is blobs
    for again in (pickle.loads(pickle.dumps(sent)), copy.copy(sent), copy.deepcopy(sent)):
        assert again == sent and isinstance(again, spill.PickledResults) and again.blobs == blobs


def test_the_spill_writes_a_workers_bytes_and_reads_back_the_same_documents(monkeypatch: pytest.MonkeyPatch) -> None:
    docs = _results()
    blobs = tuple(pickle.dumps(doc, protocol=pickle.HIGHEST_PROTOCOL) for doc in docs)
    dumped: list[object] = []
    real_dumps = pickle.dumps
    monkeypatch.setattr(spill.pickle, "dumps", lambda obj, **kw: dumped.append(obj) or real_dumps(obj, **kw))
    with spill.Spill() as kept, spill.Spill() as plain:
        kept.add(0, spill.PickledResults(blobs))
        assert dumped == []  # nothing pickled again
        plain.add(0, tuple(docs))
        assert len(dumped) == len(docs)
        read, expected = kept.documents(), plain.documents()
        assert list(read) == list(expected) == docs
        assert read.tally() == expected.tally() and read.paths() == expected.paths()


def test_pooled_runs_hand_over_pickled_results_equal_to_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = make_corpus(tmp_path, parallel.MIN_PARALLEL + 10)
    targets = list(discover([str(corpus)]))
    with parallel.judging(targets, RUN, 2) as judged:
        pooled = list(judged)
    assert all(isinstance(results, spill.PickledResults) for _, results in pooled)
    alone = [check_file(target, RUN) for target in targets]
    # the digest and results; not the stat stamp, which is absent for a file changed within RACY_NS of
    # being hashed, so a slow machine may stamp a file in one process and not in the other
    assert [(key.digest, results) for key, results in pooled] == [(key.digest, results) for key, results in alone]
    with spill.Spill() as one, spill.Spill() as two:
        report_one = api.check_pipeline([str(corpus)], RUN, jobs=1, spill=one)
        report_two = api.check_pipeline([str(corpus)], RUN, jobs=2, spill=two)
        assert list(report_one.documents) == list(report_two.documents)
        assert report_one.documents.tally() == report_two.documents.tally()  # type: ignore[attr-defined]
