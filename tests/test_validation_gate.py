"""Validation's shortcut for accepted documents (issue 17, eighth part): SCH010's walk is skipped when the
document's JSON text has no `min` and `max` keys, with the same findings as the walk.

Each test here was proven by breaking what it guards.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from svcstd.model import Finding, LoadedDocument
from svcstd.standard.facts import judging
from svcstd.validation import validate as validation
from tests.test_native_validation import DOCUMENTS, documents


def _reversed(doc: LoadedDocument) -> LoadedDocument:
    """The document with every duration's `min` and `max` set the wrong way round (SCH010 where accepted)."""
    data = copy.deepcopy(doc.data)
    for _, duration in validation._durations(data, validation._schema(), ()):
        if "min" in duration and "max" in duration:
            duration["min"], duration["max"] = duration["max"], duration["min"]
        elif "value" in duration:  # one amount becomes a range the wrong way round
            del duration["value"]
            duration["min"], duration["max"] = 9, 2
    return LoadedDocument(doc.path, doc.index, data, doc.source, doc.findings)


def _both(doc: LoadedDocument, monkeypatch: pytest.MonkeyPatch) -> tuple[tuple[Finding, ...], tuple[Finding, ...]]:
    """The findings with the shortcut, and with the walk always taken (the reference)."""
    with judging(doc.data):  # as judge.py validates: the JSON text the native path made is reused
        fast = validation.validate(doc)
    with monkeypatch.context() as patch:
        patch.setattr(validation, "_may_have_ranges", lambda data: True)
        reference = validation.validate(doc)
    return fast, reference


CASES = [*DOCUMENTS, *map(_reversed, DOCUMENTS)]


@pytest.mark.parametrize("doc", CASES, ids=lambda doc: f"{doc.path}#{doc.index}")
def test_the_shortcut_finds_what_the_walk_finds(doc: LoadedDocument, monkeypatch: pytest.MonkeyPatch) -> None:
    """Proven by looking for `"maks": ` instead of `"max": `: the reversed ranges went unreported."""
    fast, reference = _both(doc, monkeypatch)
    assert fast == reference


def test_reversed_ranges_are_among_the_cases(monkeypatch: pytest.MonkeyPatch) -> None:
    """Otherwise the test above would compare documents without SCH010 only: documents the native validator
    accepts (where the shortcut is taken) with reversed ranges, and documents without ranges."""
    accepted = [doc for doc in CASES if validation._native(validation.format_version(doc.data))(doc.data)]
    reversed_ranges = [doc for doc in accepted if any(f.rule == "SCH010" for f in _both(doc, monkeypatch)[1])]
    assert len(reversed_ranges) >= 10
    assert len(accepted) - len(reversed_ranges) >= 10


def test_a_document_without_ranges_is_not_walked(monkeypatch: pytest.MonkeyPatch) -> None:
    """The point of the shortcut: proven by taking it out (the walk ran for every document)."""
    plain = [doc for doc in DOCUMENTS if '"max": ' not in _text(doc.data) and not validation.validate(doc)]
    assert plain
    monkeypatch.setattr(validation, "_durations", _no_walk)
    for doc in plain:
        with judging(doc.data):
            assert validation.validate(doc) == ()


def _text(data: object) -> str:
    from svcstd.standard.facts import json_text

    return json_text(data) or ""  # type: ignore[arg-type]


def _no_walk(*args: Any) -> Any:
    raise AssertionError("walked")


@settings(max_examples=200, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_the_shortcut_on_mutated_documents(doc: LoadedDocument) -> None:
    for each in (doc, _reversed(doc)):
        with judging(each.data):
            fast = validation.validate(each)
        original = validation._may_have_ranges
        validation._may_have_ranges = lambda data: True  # type: ignore[assignment]
        try:
            reference = validation.validate(each)
        finally:
            validation._may_have_ranges = original
        assert fast == reference
