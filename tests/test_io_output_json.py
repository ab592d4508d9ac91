"""json_report.document_text from pieces (issue 17, seventh part): the same text as the whole document encoded.

Pieces are kept by value and reused, so values that are equal but written differently (1, 1.0 and True) must
never share one; each test here was proven by breaking what it guards.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from svcstd.escaping import json_text
from svcstd.model import DocumentResult, Finding, Grade, Origin, Principle, PrincipleResult, Severity, Text, Waiver
from svcstd.reporters import json_report


def _reference(doc: DocumentResult, lang: str) -> str:
    return json_text(json_report._document(doc, lang))


FINDING = Finding(
    "ACC001", Severity.ERROR, Text("pesan caf\u00e9", "pesan \u202e"), "/a/0", 3, 5, Principle.ACCOUNTABILITY
)
PRINCIPLE = PrincipleResult(Principle.SIMPLICITY, 1.0, ("SIM001",), ("SIM002",), (), (), 0.5)
DOC = DocumentResult(
    "a.yaml", 0, "id-1", "Title \x7f", True, (FINDING,), 1.0, Grade("A", Text("Baik", "Good")), (PRINCIPLE,), True
)


def _variants() -> list[DocumentResult]:
    """Equal values of other types, waivers, originals, shared files, empty parts, odd text."""
    same_column = replace(FINDING, column=5.0)  # type: ignore[arg-type]  # equal to FINDING, written 5.0
    return [
        DOC,
        replace(DOC, findings=(same_column,)),
        replace(DOC, findings=(replace(FINDING, line=1), replace(FINDING, line=True))),
        replace(DOC, principles=(replace(PRINCIPLE, score=1),)),  # type: ignore[arg-type]
        replace(DOC, principles=(replace(PRINCIPLE, quality=1),)),  # type: ignore[arg-type]
        replace(DOC, principles=(replace(PRINCIPLE, quality=1.0),)),
        replace(DOC, principles=(replace(PRINCIPLE, quality=True),)),  # type: ignore[arg-type]
        replace(DOC, principles=(PRINCIPLE, replace(PRINCIPLE, score=0.0))),
        replace(DOC, principles=(replace(PRINCIPLE, score=None),), findings=(replace(FINDING, principle=None),)),
        replace(DOC, findings=(replace(FINDING, waiver=Waiver("ACC001", "why \u2028", "me", "2027-01-01")),)),
        replace(DOC, findings=(replace(FINDING, origin=Origin(page=1, cell="B2")), replace(FINDING, file="s.yaml"))),
        replace(DOC, findings=(), principles=(), grade=None, score=None, id=None, title=None),
        replace(DOC, path="\ud800 name", findings=(FINDING, FINDING, replace(FINDING, message=Text("\x85", "\x85")))),
        *_heads(),
    ]


class _Title(str):
    pass


class _Score(float):
    pass


def _heads() -> list[DocumentResult]:
    """A document's own fields of other types than judging gives them: the head is written value by value."""
    return [
        replace(DOC, score=100, quality=0),  # type: ignore[arg-type]
        replace(DOC, score=True, quality=False, index=True),  # type: ignore[arg-type]
        replace(DOC, score=_Score(2.5), quality=-0.0, index=10**30),
        replace(DOC, title=_Title("sub \u2028"), id="\x7f", path='\\ "q"', valid=1, passed=0),  # type: ignore[arg-type]
        replace(DOC, grade=Grade("\u00e9", Text("\u202e", "\x00"))),
        replace(DOC, score=1e300, quality=5e-324),
    ]


@pytest.mark.parametrize("lang", ["en", "id"])
def test_pieces_make_the_line_of_the_whole_document(lang: str) -> None:
    """Proven by leaving the number types out of a piece's key (1 then read back as 1.0, True as 1), by
    escaping only the head of the line, and by leaving out the test for a principle given twice (which the
    document's dict of principles holds once, where it was first given, with the last value)."""
    for order in (1, -1):  # each variant first and after the others: a kept piece never leaks
        json_report._PIECES.clear()
        for doc in _variants()[::order]:
            assert json_report.document_text(doc, lang) == _reference(doc, lang)
            assert json_report.document_text(doc, lang) == _reference(doc, lang)


def test_the_pieces_kept_stay_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    """Proven by removing the clearing: the table grew with every distinct finding."""
    monkeypatch.setattr(json_report, "_PIECES_LIMIT", 10)
    json_report._PIECES.clear()
    for number in range(100):
        doc = replace(DOC, findings=(replace(FINDING, line=number),))
        assert json_report.document_text(doc, "en") == _reference(doc, "en")
        assert len(json_report._PIECES) <= 10


def test_a_head_json_refuses_is_refused_the_same_way() -> None:
    """A non-finite score is no JSON: the same error as encoding the whole document. Proven by writing the head's
    floats with `float.__repr__` whatever they are."""
    for value in (float("nan"), float("inf"), -float("inf")):
        doc = replace(DOC, score=value)
        with pytest.raises(ValueError) as expected:
            _reference(doc, "en")
        with pytest.raises(ValueError, match=str(expected.value)):
            json_report.document_text(doc, "en")
