"""Markdown, HTML and --baseline over a spilled report: identical output, and nothing kept per document."""

from __future__ import annotations

import gc
import json
import random
import tracemalloc
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from svcstd import api, spill
from svcstd.baseline import Baselined, apply_baseline, write_baseline
from svcstd.config.settings import DEFAULT_SETTINGS
from svcstd.judge import Pipeline
from svcstd.model import DocumentMeta, DocumentResult, DocumentStream, Report, Severity, Tally
from svcstd.reporters import FORMATS, RenderOptions, chunk_renderer, html, json_report, markdown
from svcstd.reporters.priorities import ZONE_ORDER
from svcstd.reporters.summary import parse_previous, summarize
from svcstd.rules import BUILTIN_RULES
from tests.conftest import ROOT
from tests.reporters.test_markdown import HOSTILE
from tests.test_summary import GREEN, RED, YELLOW, finding, principles, sample_report

AS_OF = date(2026, 11, 27)
RUN = Pipeline(DEFAULT_SETTINGS, BUILTIN_RULES, AS_OF)
PATHS = [str(ROOT / "examples"), str(ROOT / "tests" / "fixtures" / "real")]


def _summaries(report: Report, previous: Report, lang: str) -> dict[str, str]:
    """What `check -f markdown|html` and `report -o FILE.md|.html --compare` write, chunk by chunk."""
    compared = parse_previous(json_report.as_dict(previous, "en"), "old.json")
    summary = summarize(report, previous=compared)
    options = RenderOptions(lang)
    return {
        "check-markdown": "".join(chunk_renderer("markdown")(report, options)),
        "check-html": "".join(chunk_renderer("html")(report, options)),
        "report-markdown": markdown.render_summary(summary, options, "T"),
        "report-markdown-whole": markdown.render_summary(summary, options._replace(max_chars=None)),
        "report-markdown-chunks": "".join(markdown.summary_chunks(summary, options._replace(max_chars=None))),
        "report-html": "".join(html.summary_chunks(summary, options, "T")),
    }


@pytest.fixture(scope="module")
def previous() -> Report:
    """An earlier run (another date: other scores, reviews and waivers), to compare with."""
    return api.check_pipeline(PATHS, Pipeline(DEFAULT_SETTINGS, BUILTIN_RULES, date(2025, 3, 1)), 1)


@pytest.mark.parametrize("lang", ["en", "id"])
def test_markdown_and_html_are_identical_held_and_streamed(previous: Report, lang: str) -> None:
    """The examples and the real standards: the spilled report renders byte for byte as the held one."""
    held = api.check_pipeline(PATHS, RUN, 1)
    assert isinstance(held.documents, tuple)
    expected = _summaries(held, previous, lang)
    assert "<tr" in expected["check-html"] and "##" in expected["report-markdown"]
    assert (
        expected["report-markdown-chunks"] == expected["report-markdown-whole"]
    )  # without --max-chars, a row at a time
    with spill.Spill() as results:
        streamed = api.check_pipeline(PATHS, RUN, 1, spill=results)
        assert isinstance(streamed.documents, spill.SpilledDocuments)
        assert _summaries(streamed, previous, lang) == expected
        assert html.render(streamed, RenderOptions(lang)) == expected["check-html"]


def test_files_named_out_of_order_sort_alike_held_and_streamed(previous: Report) -> None:
    """Paths that do not come sorted are ranked from the paths themselves (Places.finish)."""
    named = sorted((ROOT / "tests" / "fixtures" / "real").glob("*.yaml"), reverse=True)[:10]
    paths = [*map(str, named), str(ROOT / "examples")]
    held = api.check_pipeline(paths, RUN, 1)
    assert [doc.path for doc in held.documents][:2] == sorted(doc.path for doc in held.documents[:2])[::-1]
    with spill.Spill() as results:
        streamed = api.check_pipeline(paths, RUN, 1, spill=results)
        assert _summaries(streamed, previous, "en") == _summaries(held, previous, "en")


def test_baseline_is_identical_held_and_streamed(tmp_path: Path) -> None:
    """A baseline of part of the findings (half its entries in full, the others once each): every format alike."""
    held = api.check_pipeline(PATHS, RUN, 1)
    recorded = json.loads(write_baseline(held))
    entries, half = recorded["entries"], len(recorded["entries"]) // 2
    recorded["entries"] = entries[:half] + [dict(entry, count=1) for entry in entries[half:]]
    known = tmp_path / "baseline.json"
    known.write_text(json.dumps(recorded), encoding="utf-8")
    baselined = apply_baseline(held, known, DEFAULT_SETTINGS)
    assert baselined.tally() != held.tally()
    expected = {name: "".join(chunk_renderer(name)(baselined, RenderOptions())) for name in FORMATS}
    with spill.Spill() as results:
        streamed = apply_baseline(api.check_pipeline(PATHS, RUN, 1, spill=results), known, DEFAULT_SETTINGS)
        assert isinstance(streamed.documents, Baselined)
        assert streamed.tally() == baselined.tally() and streamed.exit_code == baselined.exit_code
        assert tuple(streamed.documents) == baselined.documents
        assert streamed.documents[3] == baselined.documents[3] and streamed.documents[-1] == baselined.documents[-1]
        assert streamed.documents[1:4] == baselined.documents[1:4]
        with pytest.raises(IndexError):
            streamed.documents[len(baselined.documents)]
        assert {name: "".join(chunk_renderer(name)(streamed, RenderOptions())) for name in FORMATS} == expected


@pytest.mark.parametrize("lang", ["en", "id"])
def test_markdown_without_a_limit_streams_the_same_text(lang: str) -> None:
    """Overdue reviews, a waiver ending, a comparison, hostile text; and the generated documents."""
    for texts in ({}, HOSTILE):
        report = sample_report(**texts)
        previous = parse_previous(json_report.as_dict(replace(report, as_of="2026-06-01"), "en"), "old.json")
        summary = summarize(report, previous=previous)
        options = RenderOptions(lang, max_chars=None)
        assert summary.overdue and summary.expiring and summary.comparison is not None
        assert "".join(markdown.summary_chunks(summary, options, "T")) == markdown.render_summary(summary, options, "T")
    generated = summarize(Report("9", "2026-11-27", Generated(120), api.rule_infos(BUILTIN_RULES)))
    options = RenderOptions(lang, max_chars=None)
    assert "".join(markdown.summary_chunks(generated, options)) == markdown.render_summary(generated, options)
    limited = RenderOptions(lang)
    assert "".join(markdown.summary_chunks(generated, limited)) == markdown.render_summary(generated, limited)


class Generated(DocumentStream):
    """`count` documents made when read, each a new object with a few findings: none is kept by the stream."""

    def __init__(self, count: int, seed: int = 7) -> None:
        self.count = count
        self.seed = seed

    def __len__(self) -> int:
        return self.count

    def document(self, position: int) -> DocumentResult:
        return self._make(position)

    def tally(self) -> Tally:
        return Tally.of(self)

    def _make(self, number: int) -> DocumentResult:
        draw = random.Random(self.seed * 1_000_003 + number)
        score = round(draw.uniform(20, 100), 1)
        grade = GREEN if score >= 88 else YELLOW if score >= 51 else RED
        rules = draw.sample(["SIM003", "ACC003", "FAI005", "TRA007", "XYZ001"], 3)
        severities = (Severity.ERROR, Severity.WARNING, Severity.INFO)
        findings = tuple(
            finding(rule, draw.choice(severities), 10 + n, f"message {rule} {number}") for n, rule in enumerate(rules)
        )
        meta = DocumentMeta(f"Dinas {number % 7}", None, "adopted", "1.0", None, f"2026-{1 + number % 12:02d}-01")
        path = f"standar/{number // 3:05d}.yaml"
        return DocumentResult(path, number % 3, f"s-{number}", f"Layanan {number}", True, findings, score, grade,
                              principles(score, score, None, 50.0, score, 70.0), score >= 60, meta)  # fmt: skip


def _kept(count: int) -> tuple[int, int]:
    """(documents alive, bytes still allocated) once a summary of `count` generated documents is made."""
    report = Report("9", "2026-11-27", Generated(count), api.rule_infos(BUILTIN_RULES))
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        summary = summarize(report)
        assert summary.order is not None  # the worst-first order, as the reports ask for it
        gc.collect()
        kept = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    alive = sum(1 for item in gc.get_objects() if isinstance(item, DocumentResult))
    assert summary.counts.documents == count
    return alive, kept


def test_the_summary_keeps_numbers_not_documents() -> None:
    """No document outlives the pass, and what the summary keeps grows by a few dozen bytes per document
    (positions, scores, zones), not by the kilobytes of a document and its findings."""
    alive_small, small = _kept(300)
    alive_large, large = _kept(2300)
    assert alive_small == alive_large  # only the overdue and waiver lists' positions, not their documents
    per_document = (large - small) / 2000
    assert per_document < 120, per_document


def test_the_generated_stream_renders_as_its_held_copy() -> None:
    """The same documents held in a tuple and made on the fly: the same Markdown and HTML, and the
    worst-first order is that of a plain sort by zone, score, errors, path and number in the file."""
    stream = Generated(300, seed=3)
    rules = api.rule_infos(BUILTIN_RULES)
    streamed, held = Report("9", "2026-11-27", stream, rules), Report("9", "2026-11-27", tuple(stream), rules)
    for name in ("markdown", "html"):
        assert "".join(chunk_renderer(name)(streamed, RenderOptions())) == "".join(
            chunk_renderer(name)(held, RenderOptions())
        )
    summary = summarize(held)
    docs = held.documents

    def key(number: int) -> tuple[int, float, int, str, int]:
        doc = docs[number]
        errors = sum(1 for f in doc.active_findings() if f.severity is Severity.ERROR)
        score = doc.score if doc.score is not None else -1.0
        return (ZONE_ORDER[summary.tone(doc.score)], score, -errors, doc.path, doc.index)

    assert list(summary.order) == sorted(range(len(docs)), key=key)
    shuffled = replace(held, documents=tuple(random.Random(5).sample(list(docs), len(docs))))
    again = summarize(shuffled)
    docs = shuffled.documents
    assert list(again.order) == sorted(range(len(docs)), key=key)
