"""The JSON report's document lines, made where a document is judged: the same bytes as made at writing time."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from svcstd import api, parallel
from svcstd.baseline import apply_baseline
from svcstd.cli.main import main
from svcstd.config.settings import DEFAULT_SETTINGS
from svcstd.escaping import json_text
from svcstd.judge import Pipeline
from svcstd.model import DocumentResult, Text
from svcstd.reporters import RenderOptions, json_report
from svcstd.rules import BUILTIN_RULES
from tests.conftest import ROOT
from tests.test_cache import make_corpus

AS_OF = "2026-11-27"
RUN = Pipeline(DEFAULT_SETTINGS, BUILTIN_RULES, date(2026, 11, 27))
ODD_TEXTS = (
    "plain", "caf\u00e9", "\x7f", "a\x7fb", "\x85", "\u2028", "\u202e", "\u200b", "\ud800", "\udcff name",
    "\x00\x1f", "\u00e9\x7f", "emoji \U0001f600", "\\", '"', "\u00a0",
)  # fmt: skip


def _documents() -> list[DocumentResult]:
    return list(api.check_pipeline([str(ROOT / "examples"), str(ROOT / "tests" / "fixtures" / "real")], RUN).documents)


@pytest.mark.parametrize("lang", ["en", "id"])
def test_a_document_line_is_escaping_json_text_of_the_document(lang: str) -> None:
    """The shortcut (ASCII text without DEL is not scanned) changes nothing, on odd paths, titles and messages."""
    docs = _documents()
    for number, text in enumerate(ODD_TEXTS):
        doc = docs[number % len(docs)]
        finding = replace(doc.findings[0], message=Text(text, text)) if doc.findings else None
        odd = replace(doc, path=text, title=text, findings=(finding,) if finding else ())
        docs.extend([odd, replace(doc, id=text)])
    for doc in docs:
        assert json_report.document_text(doc, lang) == json_text(json_report._document(doc, lang))


def _run(tmp_path: Path, name: str, *args: str) -> str:
    out = tmp_path / f"{name}.json"
    main(["check", *args, "--no-cache", "--as-of", AS_OF, "-f", f"json={out}", "--quiet"])
    return out.read_text(encoding="utf-8")


def test_a_json_only_run_writes_what_a_run_of_several_formats_writes(tmp_path: Path) -> None:
    """JSON alone (its lines made by the workers, no document kept) or beside other formats, with a baseline:
    one process or two, English or Indonesian, the same bytes as the report rendered from documents in memory."""
    corpus = str(make_corpus(tmp_path / "corpus", parallel.MIN_PARALLEL + 6))
    paths = [str(ROOT / "examples"), corpus]
    for lang in ("en", "id"):
        held = api.check_pipeline(paths, RUN)
        expected = json_report.render(held, RenderOptions(lang))
        for jobs in ("1", "2"):
            args = [*paths, "--jobs", jobs, "--lang", lang]
            assert _run(tmp_path, "alone", *args) == expected
            assert _run(tmp_path, "beside", *args, "-f", f"text={tmp_path / 'out.txt'}") == expected
            assert _run(tmp_path, "twice", *args, "-f", f"json={tmp_path / 'again.json'}") == expected
            assert (tmp_path / "again.json").read_text(encoding="utf-8") == expected
    known = tmp_path / "known.json"
    main(["check", *paths, "--no-cache", "--as-of", AS_OF, "--write-baseline", str(known), "-f", "json"])
    partial = tmp_path / "partial.json"  # half of the entries known: documents lose some findings, not all
    whole = json.loads(known.read_text(encoding="utf-8"))
    whole["entries"] = whole["entries"][::2]
    partial.write_text(json.dumps(whole), encoding="utf-8")
    expected = json_report.render(apply_baseline(held, partial, DEFAULT_SETTINGS), RenderOptions("en"))
    assert expected != json_report.render(held, RenderOptions("en"))
    for jobs in ("1", "2"):
        assert _run(tmp_path, "baselined", *paths, "--jobs", jobs, "--baseline", str(partial)) == expected
        writing = _run(tmp_path, "writing", *paths, "--jobs", jobs, "--write-baseline", str(tmp_path / "b.json"))
        assert writing == json_report.render(held, RenderOptions("en"))
        assert (tmp_path / "b.json").read_text(encoding="utf-8") == known.read_text(encoding="utf-8")
