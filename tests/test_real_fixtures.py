"""Real published standards transcribed as format-1.1 fixtures (tests/fixtures/real/*.yaml).

Each fixture is a faithful transcription of one source in tests/fixtures/real/sources/: it must read
as valid under its kind (no error-severity reading or schema finding), say where it was read
(`# Sumber: http…`), and declare format 1.1. A source page with several services (one table row each)
is one file with one YAML document per service. Validity is checked with no rules loaded, so that a
rule's opinion of the content (which the transcriptions must not bend to) never hides a schema error.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from svcstd.api import check
from svcstd.model import Severity
from tests.conftest import ROOT

REAL = ROOT / "tests" / "fixtures" / "real"
FIXTURES = sorted(REAL.glob("*.yaml"))
SECTORS = frozenset(
    [
        "desa",
        "dukcapil",
        "kecamatan",
        "kepolisian",
        "kesehatan",
        "pajak",
        "pendidikan",
        "pengadilan",
        "perizinan",
        "perpustakaan",
        "sosial",
    ]
)
# Kept under its 1.0 name because tests/test_examples.py reads it by that name.
LEGACY_NAMES = {"waykanan-ktp-el.yaml": "dukcapil"}


def sector(path: Path) -> str:
    return LEGACY_NAMES.get(path.name, path.name.split("-", 1)[0])


def documents(path: Path) -> list[dict[str, Any]]:
    return [data for data in yaml.safe_load_all(path.read_text(encoding="utf-8")) if data is not None]


def test_there_are_enough_fixtures_from_enough_sectors() -> None:
    sectors = Counter(sector(path) for path in FIXTURES)
    assert len(FIXTURES) >= 12, [p.name for p in FIXTURES]
    assert len(sectors) >= 6, sectors


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_fixture_is_named_after_a_sector(path: Path) -> None:
    assert sector(path) in SECTORS, path.name


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_fixture_says_where_it_was_read_and_declares_format_1_1(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    header = text.split("\nsvcstd:", 1)[0]
    assert re.search(r"^# Sumber: https?://\S+", header, re.MULTILINE), "no '# Sumber: http…' comment before svcstd"
    assert re.search(r"^# Dibaca: ", header, re.MULTILINE), "no '# Dibaca:' comment before svcstd"
    found = documents(path)
    assert found
    for data in found:
        assert data["svcstd"] == "1.1"
        assert data["language"] == "id"
        assert data["kind"] in {"standard", "published_sheet"}


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_declared_kind_is_what_the_content_shows(path: Path) -> None:
    """A full standard carries manufacturing components; a published sheet only the delivery ones."""
    for data in documents(path):
        assert (data["kind"] == "standard") == ("manufacturing" in data), data.get("title")


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_fixture_adds_nothing_the_sources_never_show(path: Path) -> None:
    """No transcribed source shows an id, a version, a status or a dated adoption: they stay absent."""
    for data in documents(path):
        assert not {"id", "version", "status", "adoption"} & data.keys(), data.get("title")


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_fixture_reads_as_valid_under_its_kind(path: Path) -> None:
    docs = check([str(path)], rules=()).documents
    assert docs
    for doc in docs:
        errors = [
            f"#{doc.index + 1} {f.rule} {f.line}:{f.column} {f.pointer} {f.message.en}"
            for f in doc.findings
            if f.severity is Severity.ERROR and f.rule.startswith(("YML", "SCH"))
        ]
        assert not errors
        assert doc.valid
