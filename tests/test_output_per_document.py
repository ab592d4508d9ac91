"""Issue 17, tenth part: a document's JSON line made as UTF-8 from pieces kept encoded, its principles kept by
judging's shared tuple, the spill's buffered writes and its totals, the review date remembered. Each test here was
proven by breaking what it guards (each docstring says how)."""

from __future__ import annotations

import errno
import gc
import os
import subprocess
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import IO, Any

import pytest

from svcstd import api, judge, spill
from svcstd.cli.main import main
from svcstd.config.settings import DEFAULT_SETTINGS
from svcstd.escaping import json_text
from svcstd.judge import Pipeline
from svcstd.model import DocumentResult, Principle, PrincipleResult, Report, Tally, Text
from svcstd.reporters import RenderOptions, json_report
from svcstd.rules import BUILTIN_RULES
from svcstd.standard.dates import add_months
from tests.conftest import ROOT
from tests.reporters.test_json_lines import ODD_TEXTS
from tests.test_io_output_json import DOC, PRINCIPLE, _variants

RUN = Pipeline(DEFAULT_SETTINGS, BUILTIN_RULES, date(2026, 11, 27))


def _judged() -> list[DocumentResult]:
    paths = [str(ROOT / "examples"), str(ROOT / "tests" / "fixtures" / "real")]
    return list(api.check_pipeline(paths, RUN, jobs=1).documents)  # judged here: the tuples judging shares


def _odd(docs: list[DocumentResult]) -> list[DocumentResult]:
    """Odd paths, titles, ids and messages (DEL, C1 controls, separators, bidi controls, lone surrogates, emoji)."""
    made = []
    for number, text in enumerate(ODD_TEXTS):
        doc = docs[number % len(docs)]
        findings = tuple(replace(f, message=Text(text, text)) for f in doc.findings[:2])
        made += [replace(doc, path=text, title=text, findings=findings), replace(doc, id=text)]
    return made


def _clear() -> None:
    for kept in (json_report._PIECES, json_report._UTF8_PIECES, json_report._BY_TUPLE, json_report._UTF8_BY_TUPLE):
        kept.clear()


@pytest.mark.parametrize("lang", ["en", "id"])
def test_a_documents_utf8_line_is_its_text_encoded(lang: str) -> None:
    """The bytes the spill keeps are `document_text` encoded, for judged documents, odd texts and odd values, with the
    pieces made afresh and kept from before, in either order. Proven by keeping the UTF-8 pieces without the
    language in their key (the other language's message came back) and by joining the findings with `b","`."""
    docs = _judged()
    every = [*docs, *_odd(docs), *_variants()]
    for order in (1, -1):
        _clear()
        for other in ("en", "id"):  # the other language's pieces kept too, then this one's
            for doc in every[::order]:
                expected = json_text(json_report._document(doc, other)).encode("utf-8", "surrogatepass")
                assert json_report.document_utf8(doc, other) == expected
                assert json_report.document_text(doc, other).encode("utf-8", "surrogatepass") == expected
        for doc in every:
            assert json_report.document_utf8(doc, lang) == json_report.document_text(doc, lang).encode(
                "utf-8", "surrogatepass"
            )


def test_the_utf8_pieces_stay_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    """Proven by clearing only the text pieces: the UTF-8 ones grew with every distinct finding."""
    monkeypatch.setattr(json_report, "_PIECES_LIMIT", 10)
    _clear()
    for number in range(100):
        doc = replace(DOC, findings=(replace(DOC.findings[0], line=number),))
        assert json_report.document_utf8(doc, "en") == json_report._utf8(json_text(json_report._document(doc, "en")))
        assert len(json_report._UTF8_PIECES) <= 10 and len(json_report._PIECES) <= 10


def test_principles_are_kept_by_their_tuple_and_only_by_it() -> None:
    """A tuple of principle results is one text as long as it lives; a new tuple, even at the id of one gone, is
    its own. Proven by keeping the text by the tuple's id alone (without holding the tuple and checking `is`):
    a tuple of other scores made where a dropped one was got the dropped one's text."""
    _clear()
    for number in range(300):
        principles = (replace(PRINCIPLE, score=float(number)),)
        doc = replace(DOC, principles=principles)
        expected = json_text(json_report._document(doc, "en"))
        assert json_report.document_text(doc, "en") == expected
        assert json_report.document_utf8(doc, "en") == expected.encode("utf-8")
        kept = json_report._BY_TUPLE.get(id(principles))
        assert kept is not None and kept[0] is principles  # held: its id is never another tuple's
        if number % 2:  # half of them dropped, as judging's memo drops them
            del principles, doc, kept
            gc.collect()
            made = (PrincipleResult(Principle.FAIRNESS, -1.0),)  # often at the dropped tuple's id
            other = replace(DOC, principles=made)
            assert json_report.document_text(other, "en") == json_text(json_report._document(other, "en"))
        assert len(json_report._BY_TUPLE) <= json_report._BY_TUPLE_LIMIT
        assert len(json_report._UTF8_BY_TUPLE) <= json_report._BY_TUPLE_LIMIT


def test_a_list_of_principles_is_never_kept() -> None:
    """A list can change between two lines. Proven by keeping any sequence: the changed list's line was the old one."""
    _clear()
    principles = [PRINCIPLE]
    doc = replace(DOC, principles=principles)  # type: ignore[arg-type]
    assert json_report.document_text(doc, "en") == json_text(json_report._document(doc, "en"))
    principles[0] = replace(PRINCIPLE, score=0.25)
    assert json_report.document_text(doc, "en") == json_text(json_report._document(doc, "en"))
    assert json_report.document_utf8(doc, "en") == json_text(json_report._document(doc, "en")).encode("utf-8")
    assert not json_report._BY_TUPLE and not json_report._UTF8_BY_TUPLE


def test_a_principle_given_twice_is_written_as_the_whole_document() -> None:
    """The document's mapping of principles holds each once; neither kind of line keeps such a tuple."""
    _clear()
    doc = replace(DOC, principles=(PRINCIPLE, replace(PRINCIPLE, score=0.0)))
    expected = json_text(json_report._document(doc, "id"))
    assert json_report.document_text(doc, "id") == expected
    assert json_report.document_utf8(doc, "id") == expected.encode("utf-8")
    assert not json_report._BY_TUPLE and not json_report._UTF8_BY_TUPLE


def test_a_runs_shared_principle_tuples_give_their_text() -> None:
    """In a run, judging hands documents that scored alike the same tuple (judge._scores): those are written from
    what was kept. Proven by making the line from a stale kept text (the first tuple's for every document)."""
    _clear()
    docs = _judged() + _judged()  # judged again: the same outcomes, so the same tuples
    shared = {id(doc.principles) for doc in docs if doc.principles}
    assert len(shared) < len([doc for doc in docs if doc.principles])  # some tuples serve several documents
    for doc in docs:
        assert json_report.document_utf8(doc, "en") == json_text(json_report._document(doc, "en")).encode("utf-8")


class _Buffered:
    """A spill file whose write buffer fails to reach the disk (flush and close) while plain writes succeed."""

    def __init__(self, stream: IO[bytes]) -> None:
        self.stream = stream
        self.flushes = 0

    def write(self, data: bytes) -> int:
        return self.stream.write(data)

    def flush(self) -> None:
        self.flushes += 1
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def close(self) -> None:
        self.stream.close()
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


def test_a_full_disk_met_flushing_is_said_when_reading_and_ignored_when_closing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The records wait in a larger buffer now: a full disk may be met when it is written out. Reading back says so
    (SpillError, said plainly by the CLI); closing a spill whose records are no longer needed does not. Proven by
    leaving out the suppression in `close` (OSError escaped) and the flush in `documents` (nothing was said)."""
    made = spill.tempfile.TemporaryFile
    opened: list[_Buffered] = []

    def failing(**options: Any) -> _Buffered:
        opened.append(_Buffered(made(**options)))
        return opened[-1]

    monkeypatch.setattr(spill.tempfile, "TemporaryFile", failing)
    docs = _judged()[:5]
    kept = spill.Spill()
    kept.add(0, docs)
    with pytest.raises(spill.SpillError):
        kept.documents()
    assert opened[0].flushes == 1
    kept.close()
    assert kept.closed


def test_records_added_after_reading_are_read_back_too(monkeypatch: pytest.MonkeyPatch) -> None:
    """Reading flushes the buffer each time: what was added after a first reading is read back whole. Proven by
    flushing only once (the second reading got short records)."""
    monkeypatch.setattr(spill, "WRITE_BUFFER", 1 << 20)  # everything stays buffered until read
    docs = _judged()
    with spill.Spill(spill.Packing("en", documents=True)) as kept:
        kept.add(0, docs[:3])
        first = kept.documents()
        assert list(first) == docs[:3]
        kept.add(1, docs[3:])
        second = kept.documents()
        assert list(second) == docs and list(first) == docs[:3]
        assert list(second.json_lines("en") or ()) == [json_report.document_text(doc, "en") for doc in docs]
        assert second.tally() == Tally.of(docs)


def test_a_spills_totals_are_the_documents_tally() -> None:
    """Added one document at a time, from packs and from documents. Proven by adding a document's warnings to its
    notes (the five sums written out one by one)."""
    docs = _judged()
    for packing in (spill.Packing(), spill.Packing("id", documents=False)):
        with spill.Spill(packing) as kept:
            for slot, doc in enumerate(docs):
                kept.add(slot, spill.Packed((packing.pack(doc),)) if slot % 2 else (doc,))
            assert kept.documents().tally() == Tally.of(docs)


@pytest.mark.parametrize(
    ("last", "interval"),
    [
        ("2024-01-31", 1),
        ("2024-01-31", 13),
        ("2023-12-31", 2),
        ("2024-02-29", 12),
        ("2024-05-15", 0),
        ("2024-05-15", -1),
    ],
)
def test_the_review_date_is_the_computed_one(last: str, interval: int) -> None:
    """Kept by date and interval; an interval of another type (1.0, True: keys equal to 1's) is computed, not looked
    up. Proven by keeping any interval by value (1.0 then came back as 1's date instead of add_months' TypeError)."""
    judge._DUE.clear()
    for _ in range(2):
        assert judge._review_due(last, interval) == add_months(date.fromisoformat(last), interval).isoformat()
    assert judge._review_due(last, True) == add_months(date.fromisoformat(last), True).isoformat()
    with pytest.raises(TypeError):
        add_months(date.fromisoformat(last), 1.0)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        judge._review_due(last, 1.0)


def test_the_review_dates_kept_stay_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(judge, "_DUE_LIMIT", 5)
    judge._DUE.clear()
    for day in range(1, 29):
        judge._review_due(f"2024-02-{day:02d}", 1)
        assert len(judge._DUE) <= 5


def _spilled(docs: list[DocumentResult], packing: spill.Packing) -> tuple[spill.Spill, Report]:
    kept = spill.Spill(packing)
    for slot, doc in enumerate(docs):
        kept.add(slot, (doc,))
    return kept, Report("1.0", "2026-11-27", kept.documents(), (), (), ())


@pytest.mark.parametrize("lang", ["en", "id"])
def test_the_json_report_in_utf8_is_the_text_encoded(lang: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The spill's lines copied as bytes, in batches smaller and larger than a line, with odd texts, and with no
    document at all: the bytes `write_output` writes for `render`. Proven by joining a batch with `b","`, by starting
    every batch with the first line's separator, and by closing an empty list as a full one."""
    docs = _judged()
    every = [*docs, *_odd(docs)]
    for batch in (1, 5000, 1 << 18):
        monkeypatch.setattr(json_report, "_BATCH", batch)
        for documents in (every, every[:1], []):
            kept, report = _spilled(documents, spill.Packing(lang, documents=False))
            with kept:
                made = json_report.render_utf8(report, RenderOptions(lang))
                assert made is not None
                assert b"".join(made) == json_report.render(report, RenderOptions(lang)).encode("utf-8")


def test_the_json_report_in_utf8_is_only_for_a_spills_lines_in_its_language() -> None:
    """Documents held in memory, a spill of pickles only, or lines made in the other language: None (then the text is
    rendered). Proven by answering for the other language (English lines under an Indonesian report)."""
    docs = _judged()[:3]
    held = Report("1.0", "2026-11-27", tuple(docs), (), (), ())
    assert json_report.render_utf8(held, RenderOptions("en")) is None
    for packing in (spill.Packing(), spill.Packing("en", documents=True)):
        kept, report = _spilled(docs, packing)
        with kept:
            assert json_report.render_utf8(report, RenderOptions("id")) is None


def test_a_check_writes_its_json_report_as_the_text_would_be(tmp_path: Path) -> None:
    """The CLI's JSON, written from the spill's bytes (no run record: `--no-cache`) to a file and to a standard output
    that is plain UTF-8, equals the report rendered as text from the documents held. Proven by writing the bytes
    path's chunks twice (the report repeated)."""
    paths = [str(ROOT / "examples"), str(ROOT / "tests" / "fixtures" / "real")]
    expected = json_report.render(api.check_pipeline(paths, RUN, jobs=1), RenderOptions("id")).encode("utf-8")
    out = tmp_path / "out.json"
    args = ["check", *paths, "--no-cache", "--as-of", "2026-11-27", "--lang", "id", "--jobs", "1", "--quiet"]
    assert main([*args, "-f", f"json={out}"]) in (0, 1)
    assert out.read_bytes() == expected
    child = subprocess.run(
        [sys.executable, "-m", "svcstd", *args, "-f", "json"],
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        check=False,
    )
    assert child.returncode in (0, 1) and child.stdout == expected
