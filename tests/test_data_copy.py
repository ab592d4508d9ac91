"""The JSON copies of svcstd's data files (standard/data.py): current, the same data as YAML gives, never stale."""

from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path

import pytest

from svcstd.rules import citation_data
from svcstd.standard import data, legal

PACKAGE = Path(data.__file__).resolve().parent.parent


@pytest.mark.parametrize("name", data.DATA_FILES)
def test_each_copy_is_current(name: str) -> None:
    """What `python -m svcstd.standard.data` would write now is what is shipped: run it after editing a data file."""
    shipped = (PACKAGE / data.copy_path(name)).read_text(encoding="utf-8")
    assert shipped == data.copy_text(name), f"run: python -m svcstd.standard.data  ({name} changed)"
    stored = json.loads(shipped)
    assert stored["source_sha256"] == hashlib.sha256((PACKAGE / "data" / name).read_bytes()).hexdigest()


@pytest.mark.parametrize("name", data.DATA_FILES)
def test_load_gives_what_yaml_gives(name: str) -> None:
    loaded = data.load(name)
    assert data._same(loaded, data.parse_yaml(name))
    assert loaded is not data.load(name)  # a fresh object each time: no caller shares another's


def test_the_tables_are_the_same_as_from_yaml() -> None:
    from_yaml = {rule_id: citation_data._entry(raw) for rule_id, raw in data.parse_yaml("citations.yaml").items()}
    assert list(citation_data.load_citations().items()) == list(from_yaml.items())
    acts = {entry["id"]: legal._act(entry) for entry in data.parse_yaml("legal_status.yaml")}
    assert list(legal.catalogue().items()) == list(acts.items())


def _reading(monkeypatch: pytest.MonkeyPatch, change: dict[str, bytes | None]) -> list[str]:
    """`_package_bytes` with some files' bytes replaced (None: unreadable); `parse_yaml` recorded."""
    real_bytes, real_parse = data._package_bytes, data.parse_yaml
    parsed: list[str] = []

    def package_bytes(relative: str) -> bytes | None:
        return change[relative] if relative in change else real_bytes(relative)

    def parse_yaml(name: str) -> object:
        parsed.append(name)
        return real_parse(name)

    monkeypatch.setattr(data, "_package_bytes", package_bytes)
    monkeypatch.setattr(data, "parse_yaml", parse_yaml)
    return parsed


@pytest.mark.parametrize("name", data.DATA_FILES)
def test_an_edited_file_is_parsed_not_read_from_its_copy(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    edited = (PACKAGE / "data" / name).read_bytes() + b"\n# edited\n"
    parsed = _reading(monkeypatch, {f"data/{name}": edited})
    expected = data.parse_yaml(name)
    parsed.clear()
    assert data._same(data.load(name), expected)
    assert parsed == [name]


@pytest.mark.parametrize(
    "change",
    [
        {"copy": b"{not json"},
        {"copy": b"[1, 2]"},
        {"copy": b'{"source_sha256": "0"}'},
        {"copy": None},
        {"source": None},
    ],
    ids=["damaged", "not an object", "no data", "copy unreadable", "file unreadable"],
)
def test_a_missing_or_damaged_copy_falls_back_to_yaml(
    monkeypatch: pytest.MonkeyPatch, change: dict[str, bytes | None]
) -> None:
    name = "legal_status.yaml"
    paths = {"copy": data.copy_path(name), "source": f"data/{name}"}
    parsed = _reading(monkeypatch, {paths[key]: value for key, value in change.items()})
    assert data.load(name)[0]["id"] == "uu-36-2009"
    assert parsed == [name]


def test_the_current_copy_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    parsed = _reading(monkeypatch, {})
    for name in data.DATA_FILES:
        data.load(name)
    assert parsed == []


@pytest.mark.parametrize(
    ("left", "right", "same"),
    [
        ({"a": 1, "b": [True, None, "x"]}, {"a": 1, "b": [True, None, "x"]}, True),
        ({"a": 1, "b": 2}, {"b": 2, "a": 1}, False),
        (1, True, False),
        ([1], [1, 2], False),
        (1.5, 1.5, False),
        (date(2023, 8, 8), date(2023, 8, 8), False),
        ({1: "a"}, {"1": "a"}, False),
    ],
)
def test_only_what_json_gives_back_exactly_counts_as_the_same(left: object, right: object, same: bool) -> None:
    assert data._same(left, right) is same


def test_data_json_cannot_carry_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(data, "parse_yaml", lambda name: {"SIM001": {"date": date(2023, 8, 8)}})
    with pytest.raises((ValueError, TypeError)):
        data.copy_text("citations.yaml")
    monkeypatch.setattr(data, "parse_yaml", lambda name: {"SIM001": {"weight": 0.5}})
    with pytest.raises(ValueError):
        data.copy_text("citations.yaml")
