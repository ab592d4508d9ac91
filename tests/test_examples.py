"""Every shipped example and real transcription is an acceptance case (STYLE.md, habit 11)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from svcstd.api import check
from svcstd.model import DocumentResult, Principle
from tests.conftest import ROOT

AS_OF = date(2026, 11, 27)
EXAMPLES = ROOT / "examples"
REAL = ROOT / "tests" / "fixtures" / "real"
VALID_FILES = sorted(p for p in EXAMPLES.glob("*.yaml")) + sorted(REAL.glob("*.yaml"))


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
