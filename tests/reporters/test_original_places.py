"""Findings in an original (`svcstd check berkas.docx`): every human report names the page, table and row in words.

The line of the YAML imported in memory means nothing to the reader of the Word file, so the HTML report, the
Markdown report and the terminal text say `halaman 1, tabel 1, baris 14` where the JSON report's `origin.text`
does, and never `baris 33` of a YAML nobody has seen.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from svcstd.cli.main import main
from tests.conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "import"
ORIGINALS = [
    ("bangilan-skck.docx", "id"),
    ("bangilan-skck.docx", "en"),
    ("bangilan-skck.pdf", "en"),
    ("sekadau-igd.html", "id"),
    ("perpustakaan-ntb.xlsx", "en"),
]
YAML_LINE = {
    "markdown": re.compile(r"\*\* · (line|baris) \d+ · \*\*"),
    "html": re.compile(r"<li>(Line|Baris) \d+:"),
    "text": re.compile(r"\.(docx|pdf|html|xlsx):\d+:\d+:"),
}


def _output(original: Path, fmt: str, lang: str, tmp_path: Path) -> str:
    out = tmp_path / f"out-{fmt}-{lang}"
    code = main(["check", str(original), "--format", fmt, "--lang", lang, "--as-of", "2026-11-27", "-o", str(out)])
    assert code in (0, 1)
    return out.read_text(encoding="utf-8")


@pytest.mark.parametrize(("name", "lang"), ORIGINALS)
def test_every_human_report_shows_the_place_in_the_original(name: str, lang: str, tmp_path: Path) -> None:
    original = FIXTURES / name
    findings = json.loads(_output(original, "json", lang, tmp_path))["documents"][0]["findings"]
    places = {f["origin"]["text"] for f in findings}
    assert all("origin" in f for f in findings) and any("," in place for place in places)  # a row, not only "whole"
    for fmt in ("markdown", "html", "text"):
        shown = _output(original, fmt, lang, tmp_path)
        if fmt == "html":
            shown = html.unescape(shown)
            shown = re.sub(r"<li>(\w)", lambda m: "<li>" + m.group(1).lower(), shown)
        for place in places:
            assert place in shown, f"{fmt}: {place!r} not shown"
        assert not YAML_LINE[fmt].search(shown), f"{fmt} shows a line of the imported YAML"


def test_a_yaml_standard_still_shows_its_line(tmp_path: Path) -> None:
    """The other side: a YAML standard's findings keep their line (`baris 12`), the place its author edits."""
    standard = ROOT / "examples" / "legalisir-ijazah.yaml"
    assert YAML_LINE["markdown"].search(_output(standard, "markdown", "id", tmp_path))
    assert YAML_LINE["html"].search(_output(standard, "html", "id", tmp_path))
