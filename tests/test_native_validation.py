"""The native fast path (jsonschema-rs) never changes a schema finding: same findings with and without it."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from svcstd.model import Finding, LoadedDocument
from svcstd.reading.loader import load_bytes
from svcstd.validation import native
from svcstd.validation import validate as validation
from tests.hostile.test_properties import _mutate as mutate_structure

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted([*ROOT.glob("examples/**/*.yaml"), *ROOT.glob("tests/fixtures/real/*.yaml")])
DOCUMENTS = [doc for path in SOURCES for doc in load_bytes(path.read_bytes(), path.name) if doc.data is not None]

ODD_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(
        ["", "08:00", "08:00\n", "24:00", "25:00", "IDR", "IDR\n", "idr", "2024-02-30", "2024-02-28", "2024-02-28\n"]
    ),
    st.sampled_from(["a@b.id", "a@b", "https://x.go.id", "https://", "mailto:a@b.id", "1.0", "1.0\n", "2.0"]),
    st.sampled_from(["kota-x/ktp", "Kota X", "id", "en-US", "SIM004", "x\u00a0", "\ufeff", "\x1c", "٣"]),
    st.text(max_size=12),
    st.just([]),
    st.just({}),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.sampled_from(["min", "max", "unit", "amount", "x-a", "name"]), st.integers(), max_size=3),
)


def _retype(data: dict[str, Any], draw: Any) -> None:
    """One value, reached by a random walk down from the root, becomes an odd one."""
    node: Any = data
    while node:
        key = draw(st.sampled_from(list(node) if isinstance(node, dict) else list(range(len(node)))))
        if isinstance(node[key], dict | list) and node[key] and draw(st.booleans()):
            node = node[key]
        else:
            node[key] = draw(ODD_VALUES)
            return


@st.composite
def documents(draw: Any) -> LoadedDocument:
    doc = draw(st.sampled_from(DOCUMENTS))
    data = copy.deepcopy(doc.data)
    assert isinstance(data, dict)
    for _ in range(draw(st.integers(0, 5))):
        if draw(st.booleans()):
            _retype(data, draw)
        else:
            mutate_structure(data, draw)  # renames, deletions, duplicates, odd values of the hostile tests
    return LoadedDocument(doc.path, doc.index, data, doc.source, doc.findings)


def _findings(doc: LoadedDocument, fast: bool, monkeypatch: pytest.MonkeyPatch) -> tuple[Finding, ...]:
    with monkeypatch.context() as patch:
        if not fast:
            patch.setattr(validation, "_native", lambda version="1.1": None)
        return validation.validate(doc)


def test_the_native_validator_is_there() -> None:
    """Without it the property below would compare the Python path with itself."""
    assert validation._native() is not None


def test_the_native_validator_accepts_the_valid_examples() -> None:
    accepts = validation._native()
    assert accepts is not None
    valid = [doc for doc in DOCUMENTS if not validation._errors(doc.data)]
    assert valid and all(accepts(doc.data) for doc in valid)


@settings(max_examples=300, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_findings_are_identical_with_and_without_the_native_validator(doc: LoadedDocument) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        assert _findings(doc, True, monkeypatch) == _findings(doc, False, monkeypatch)


@pytest.mark.parametrize("value", [float("nan"), float("inf"), -float("inf")])
def test_non_finite_numbers_are_left_to_jsonschema(value: float) -> None:
    """jsonschema-rs accepts -inf for `minimum: 0`; jsonschema does not."""
    accepts = native.validator({"minimum": 0, "maximum": 10, "multipleOf": 2}, {})
    assert accepts is not None
    assert not accepts(value)
    assert accepts(4)


@pytest.mark.parametrize(("text", "valid"), [("IDR", True), ("IDR\n", True), ("idr", False), ("١٢٣", False)])
def test_patterns_are_searched_by_python(text: str, valid: bool) -> None:
    """Python's `$` matches before a final newline, Rust's does not; the native answer follows Python."""
    accepts = native.validator({"properties": {"pattern": {"pattern": "^[A-Z]{3}$"}}}, {})
    assert accepts is not None
    assert accepts({"pattern": text}) is valid


def test_formats_are_the_given_checks() -> None:
    accepts = native.validator({"format": "email"}, {"email": lambda value: value == "ok"})
    assert accepts is not None
    assert accepts("ok")
    assert not accepts("a@b.id")


def test_without_jsonschema_rs_there_is_no_native_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(__import__("sys").modules, "jsonschema_rs", None)
    assert native.validator({}, {}) is None


def test_root_properties_that_jsonschema_rs_accepts_are_not_walked_again(monkeypatch: pytest.MonkeyPatch) -> None:
    """A rejected document: Python's jsonschema explains only the top-level values jsonschema-rs rejects.

    The property test above compares these findings with the whole walk's (no native validator, no pruning).
    """
    asked: list[tuple[str, bool]] = []
    real = validation._native_part

    def spy(version: str, name: str) -> native.Accepts | None:
        accepts = real(version, name)
        assert accepts is not None

        def check(value: object) -> bool:
            asked.append((name, accepts(value)))
            return asked[-1][1]

        return check

    monkeypatch.setattr(validation, "_native_part", spy)
    for doc in DOCUMENTS[:3]:
        data = copy.deepcopy(doc.data)
        assert isinstance(data, dict)
        data["id"] = 5
        data.setdefault("provider", {})["name"] = 7
        errors = validation._errors(data, validation.format_version(data))
        assert {tuple(error.absolute_path) for error in errors} >= {("id",), ("provider", "name")}
    assert ("delivery", True) in asked and ("id", False) in asked and ("provider", False) in asked
