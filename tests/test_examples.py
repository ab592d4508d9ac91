"""Every shipped example and real transcription is an acceptance case (STYLE.md, habit 11)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from svcstd.api import check
from svcstd.model import DocumentResult, Principle
from tests.conftest import ROOT

AS_OF = date(2026, 11, 27)
EXAMPLES = ROOT / "examples"
REAL = ROOT / "tests" / "fixtures" / "real"
VALID_FILES = sorted(p for p in EXAMPLES.glob("*.yaml")) + sorted(REAL.glob("*.yaml"))
FORMAT_1_0 = ROOT / "tests" / "fixtures" / "format-1.0"
"""Faithful copies of the examples as they were in format 1.0: `svcstd migrate` and 1.0 reading are tested on them."""
COPIES = sorted(FORMAT_1_0.rglob("*.yaml"))


def results(path: Path) -> list[DocumentResult]:
    return list(check([str(path)], as_of=AS_OF).documents)


@pytest.mark.parametrize("path", VALID_FILES, ids=lambda p: p.name)
def test_valid_examples_and_real_standards_read_as_valid(path: Path) -> None:
    docs = results(path)
    assert docs
    for doc in docs:
        assert doc.valid, [f"{f.rule} {f.line}:{f.column} {f.message.en}" for f in doc.findings]
        assert doc.score is not None and doc.grade is not None


def test_exemplary_standard_reaches_the_top_grade_with_no_finding() -> None:
    [doc] = results(EXAMPLES / "dukcapil-ktp-el.yaml")
    assert doc.grade is not None and doc.grade.key == "green"
    assert doc.score == 100.0
    assert doc.findings == ()
    assert doc.quality == 100.0
    assert all(p.score in (None, 100.0) and p.quality in (None, 100.0) for p in doc.principles)


def test_invalid_draft_has_each_planted_error_at_its_line() -> None:
    [doc] = results(EXAMPLES / "invalid" / "perpustakaan-draf.yaml")
    assert not doc.valid and not doc.passed and doc.score is None
    found = {(f.rule, f.line) for f in doc.findings}
    assert {("SCH001", 39), ("SCH004", 72), ("SCH005", 30), ("SCH003", 95)} <= found
    assert {"SCH002", "SCH008"} <= {rule for rule, _ in found}


@pytest.mark.parametrize("name", ["dpmptsp-pbg.yaml", "legalisir-ijazah.yaml"])
def test_weak_examples_score_below_the_exemplary_one(name: str) -> None:
    [weak] = results(EXAMPLES / name)
    assert weak.score is not None and weak.score < 81.0
    assert weak.findings


def principle_score(doc: DocumentResult, principle: Principle) -> float:
    score = next(p.score for p in doc.principles if p.principle is principle)
    assert score is not None
    return score


def test_real_published_sheet_is_scored_on_what_a_sheet_shows_and_scores_lower() -> None:
    """A published sheet (format 1.1) has no records of consultation or review: those principles do not apply."""
    [complete] = results(EXAMPLES / "dukcapil-ktp-el.yaml")
    [real] = results(REAL / "waykanan-ktp-el.yaml")
    assert real.valid and real.score is not None
    for principle in (Principle.PARTICIPATION, Principle.SUSTAINABILITY):
        assert next(p.score for p in real.principles if p.principle is principle) is None, principle
    for principle in (Principle.FAIRNESS, Principle.TRANSPARENCY, Principle.ACCOUNTABILITY):
        ours, theirs = (next(p for p in d.principles if p.principle is principle) for d in (real, complete))
        pairs = [(ours.score, theirs.score), (ours.quality, theirs.quality)]
        compared = [(a, b) for a, b in pairs if a is not None and b is not None]
        assert compared and all(a <= b - 20 for a, b in compared), principle
    assert real.score <= (complete.score or 0.0) - 20 and (real.quality or 0.0) <= (complete.quality or 0.0) - 20


def test_every_example_is_1_1_and_has_its_1_0_copy() -> None:
    examples = sorted(p.relative_to(EXAMPLES) for p in EXAMPLES.rglob("*.yaml"))
    assert examples == [p.relative_to(FORMAT_1_0) for p in COPIES]
    for name in examples:
        text = (EXAMPLES / name).read_text(encoding="utf-8")
        assert 'svcstd: "1.0"' not in text and 'svcstd: "1.1"' in text, name


FORMAT_1_1_ONLY = {"TRA009", "ACC010", "ACC011", "SUS009", "TRA010"}
"""Rules that judge what only format 1.1 can record (every component present, the complaint procedure, maklumat
publication and display, SKM records): their findings on a migrated 1.0 file may differ, and no other's."""


@pytest.mark.parametrize("copy", [p for p in COPIES if p.parent == FORMAT_1_0], ids=lambda p: p.name)
def test_a_migrated_1_0_example_keeps_every_1_0_finding(copy: Path, tmp_path: Path) -> None:
    """Only the version line differs; every 1.0 finding (rule, place, message) stays, but for the rules that read
    what 1.1 alone can say."""
    migrated = tmp_path / copy.name
    migrated.write_text(copy.read_text(encoding="utf-8").replace('svcstd: "1.0"', 'svcstd: "1.1"'), encoding="utf-8")
    before, after = results(copy), results(migrated)
    for old_doc, new_doc in zip(before, after, strict=True):
        old = [(f.rule, f.line, f.column, f.message) for f in old_doc.findings]
        new = [(f.rule, f.line, f.column, f.message) for f in new_doc.findings]
        assert [f for f in new if f[0] not in FORMAT_1_1_ONLY] == [f for f in old if f[0] not in FORMAT_1_1_ONLY]
        assert old_doc.valid and new_doc.valid


def test_the_1_0_copies_read_exactly_as_format_1_0_did(golden: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """The golden was written by svcstd before this branch's changes (schema 1.1 optional title, x-source, uses)."""
    from svcstd.reporters import RenderOptions, renderer

    monkeypatch.chdir(ROOT)
    report = check([str(FORMAT_1_0.relative_to(ROOT))], as_of=AS_OF)
    golden("format-1.0/check.en.txt", renderer("text")(report, RenderOptions(lang="en")))
