"""What validation costs per rejected document (issue 17, eleventh part), with the same findings as before.

A document jsonschema-rs rejects is explained by Python's jsonschema, which skips each top-level value the
native validator accepts under that property's schema. Each such test used to encode the value with
`json.dumps` to learn that it holds no NaN or infinity; a document whose JSON text was made holds none, so its
values are no longer encoded again. SCH010's walk is skipped for a rejected document without ranges, as for an
accepted one. Each test here was proven by breaking what it guards (said in each).
"""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from svcstd.model import LoadedDocument
from svcstd.standard.facts import judging
from svcstd.validation import native
from svcstd.validation import validate as validation
from tests.test_native_validation import DOCUMENTS


def _rejected(doc: LoadedDocument, bad: dict[str, Any]) -> LoadedDocument:
    data = copy.deepcopy(doc.data)
    assert isinstance(data, dict)
    data.update(bad)
    return LoadedDocument(doc.path, doc.index, data, doc.source, doc.findings)


def _python_only(doc: LoadedDocument, monkeypatch: pytest.MonkeyPatch) -> object:
    with monkeypatch.context() as patch:
        patch.setattr(validation, "_native", lambda version="1.1": None)
        patch.setattr(validation, "_may_have_ranges", lambda data: True)
        return validation.validate(doc)


def _old_finite(data: object) -> bool:
    """`native._finite` as it was: `json.dumps` tells."""
    try:
        json.dumps(data, allow_nan=False)
    except ValueError:
        return False
    return True


def _circular() -> list[Any]:
    made: list[Any] = [1]
    made.append(made)
    return made


def _deep() -> list[Any]:
    made: list[Any] = []
    for _ in range(100_000):
        made = [made]
    return made


@pytest.mark.parametrize(
    "value",
    [
        1, 1.5, -0.0, 10**40, "a", "\ud800", "é – ≤", None, True, [], {}, [1, [2, {"a": 3}]], {"a": {"b": [1.0]}},
        float("nan"), float("inf"), -float("inf"), [1, [float("nan")]], {"a": {"b": float("inf")}}, {1: 2, None: 3},
        {(1, 2): 3}, {"a": object()}, _circular(), _deep(), {"a": _deep()},
    ],
)  # fmt: skip
def test_finiteness_is_told_as_json_dumps_told_it(value: object) -> None:
    """Proven by answering True for a value whose text cannot be made (NaN, a tuple key, a cycle)."""
    try:
        expected = _old_finite(value)
    except (TypeError, RecursionError, OverflowError):
        expected = False  # `accepts` turned these errors into False
    assert native._finite(value) is expected


def _counting(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    asked: list[object] = []
    real = native._finite

    def counted(data: object) -> bool:
        asked.append(data)
        return real(data)

    monkeypatch.setattr(native, "_finite", counted)
    return asked


REJECTED = [_rejected(doc, {"id": 5}) for doc in DOCUMENTS[:6]]


@pytest.mark.parametrize("doc", REJECTED, ids=lambda doc: f"{doc.path}#{doc.index}")
def test_a_rejected_documents_values_are_not_encoded_again(
    doc: LoadedDocument, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The document's JSON text says it is finite, so its values are not tested one by one. Proven by leaving
    `finite` out (each value jsonschema-rs accepted was encoded again, and counted here)."""
    asked = _counting(monkeypatch)
    with judging(doc.data):
        findings = validation.validate(doc)
    assert asked == []
    assert any(finding.pointer == "/id" for finding in findings)
    assert findings == _python_only(doc, monkeypatch)


@pytest.mark.parametrize("where", ["top", "nested"])
def test_a_document_with_a_nan_has_its_values_tested(where: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A document whose JSON text cannot be made: each value jsonschema-rs accepts is still tested, so the value
    with the NaN is explained by jsonschema. Proven by taking every value as finite (the NaN's finding went)."""
    doc = next(doc for doc in DOCUMENTS if isinstance(doc.data, dict) and isinstance(doc.data.get("delivery"), dict))
    data = copy.deepcopy(doc.data)
    assert isinstance(data, dict)
    data["id"] = 5
    fees = data["delivery"].setdefault("fees", [])
    if where == "top" or not fees:
        data["delivery"]["fees"] = [{"name": "x", "amount": float("nan"), "currency": "IDR"}]
    else:
        fees[0]["amount"] = -float("inf")
    nan = LoadedDocument(doc.path, doc.index, data, doc.source, doc.findings)
    asked = _counting(monkeypatch)
    with judging(nan.data):
        findings = validation.validate(nan)
    assert asked  # its values, one by one
    assert any(finding.pointer.startswith("/delivery/fees/") for finding in findings)
    assert findings == _python_only(nan, monkeypatch)


def test_a_rejected_document_without_ranges_is_not_walked(monkeypatch: pytest.MonkeyPatch) -> None:
    """SCH010's walk is skipped as for an accepted document. Proven by walking every rejected document."""
    plain = [doc for doc in REJECTED if '"max": ' not in (validation.json_text(doc.data) or "")]  # type: ignore[arg-type]
    assert plain
    expected = [_python_only(doc, monkeypatch) for doc in plain]

    def no_walk(*args: Any) -> Any:
        raise AssertionError("walked")

    monkeypatch.setattr(validation, "_durations", no_walk)
    for doc, findings in zip(plain, expected, strict=True):
        with judging(doc.data):
            assert validation.validate(doc) == findings
