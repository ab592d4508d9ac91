"""`svcstd report` end to end, in-process: format by suffix, exit codes, --compare, hostile and large repositories."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from svcstd.cli.main import main
from tests.conftest import ROOT

EXAMPLES = ROOT / "examples"
AS_OF = ["--as-of", "2026-11-27"]
HOSTILE_TITLE = "<script>alert(1)</script><img src=x onerror=alert(2)> [klik](javascript:alert(3)) | `kode`"
HOSTILE_PROVIDER = 'Dinas "><svg onload=alert(4)> | **tebal** www.evil.example'
HOSTILE_REQUIREMENT = "Fotokopi <iframe src=javascript:alert(5)> | ``` [x](javascript:alert(6))"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize(("name", "marker"), [("r.html", '<html lang="en">'), ("R.HTM", "<!DOCTYPE html>")])
def test_html_by_suffix_exits_0_despite_failing_standards(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str, marker: str
) -> None:
    out = tmp_path / name
    code, stdout, _ = run(capsys, "report", str(EXAMPLES), "-o", str(out), *AS_OF, "--lang", "en")
    assert code == 0 and stdout == ""
    text = out.read_text(encoding="utf-8")
    assert marker in text and "Persetujuan Bangunan Gedung (PBG)" in text and "Layanan Perpustakaan" in text


def test_markdown_by_suffix_with_title_in_indonesian(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out = tmp_path / "laporan.md"
    code, _, _ = run(capsys, "report", str(EXAMPLES), "-o", str(out), *AS_OF, "--lang", "id", "--title", "Uji *Kab*")
    text = out.read_text(encoding="utf-8")
    assert code == 0 and text.startswith("# Uji \\*Kab\\*\n")
    assert "## Aturan yang paling sering dilanggar" in text and "## Evaluasi berkala yang terlambat" in text


@pytest.mark.parametrize(
    "argv",
    [
        ["report", str(EXAMPLES), "-o", "report.pdf"],
        ["report", str(EXAMPLES)],
        ["report", "no/such/folder", "-o", "r.html"],
        ["report", str(EXAMPLES), "-o", "r.html", "--as-of", "27-11-2026"],
        ["report", str(EXAMPLES), "-o", "r.html", "--lang", "fr"],
        ["report", str(EXAMPLES), "-o", "r.html", "--compare", "no-such.json"],
        ["report", str(EXAMPLES), "-o", "r.html", "--compare", str(EXAMPLES / "dukcapil-ktp-el.yaml")],
        ["report", str(EXAMPLES), "-o", "no/such/folder/r.html"],
    ],
)
def test_cannot_run_exits_2_and_writes_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, argv: list[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, *argv)
    assert code == 2 and err.strip()
    assert not list(tmp_path.rglob("r.*"))


def test_a_json_file_of_another_shape_cannot_be_compared(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    other = tmp_path / "other.json"
    other.write_text('{"documents": "none"}', encoding="utf-8")
    code, _, err = run(capsys, "report", str(EXAMPLES), "-o", str(tmp_path / "r.md"), "--compare", str(other))
    assert code == 2 and "svcstd check --format json" in err


def test_compare_with_an_earlier_json_report(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    folder = tmp_path / "standar"
    shutil.copytree(EXAMPLES, folder)
    old = tmp_path / "old.json"
    run(capsys, "check", str(folder), "--format", "json", "-o", str(old), "--as-of", "2026-01-05")
    pbg = folder / "dpmptsp-pbg.yaml"
    text = pbg.read_text(encoding="utf-8").replace("interval_months: 36", "interval_months: 12")
    # A binding flaw mended too (the fee gains its legal basis): compliance, the score compared, moves.
    basis = "      basis: Peraturan Daerah Kabupaten Sukamaju tentang Retribusi Persetujuan Bangunan Gedung\n"
    text = text.replace("      payment: Disetor ke bank", basis + "      payment: Disetor ke bank")
    pbg.write_text(text, "utf-8")
    out = tmp_path / "r.html"
    code, _, _ = run(capsys, "report", str(folder), "-o", str(out), *AS_OF, "--lang", "en", "--compare", str(old))
    text = out.read_text(encoding="utf-8")
    assert code == 0 and "Changes since 2026-01-05" in text
    changes = text.split('id="changes-table"')[1].split("</table>")[0]
    row = re.search(r"Persetujuan Bangunan Gedung \(PBG\) \([^)]*\)(.*?)</tr>", changes)
    assert row and re.search(r"[▲▼] [+-]?\d+\.\d<", row.group(1))


def hostile_folder(tmp_path: Path) -> Path:
    """A weak example whose title, provider and a requirement carry HTML, script, Markdown links, pipes, backticks."""
    folder = tmp_path / "hostile"
    folder.mkdir()
    text = (EXAMPLES / "legalisir-ijazah.yaml").read_text(encoding="utf-8")
    text = text.replace("title: Legalisir Ijazah dan Transkrip Akademik", f"title: {json.dumps(HOSTILE_TITLE)}")
    text = text.replace("  name: Universitas Negeri Sukamaju", f"  name: {json.dumps(HOSTILE_PROVIDER)}")
    text = text.replace(
        "- name: Fotokopi ijazah atau transkrip yang akan dilegalisir", f"- name: {json.dumps(HOSTILE_REQUIREMENT)}"
    )
    (folder / "jahat.yaml").write_text(text, encoding="utf-8")
    return folder


def test_hostile_standard_is_shown_as_text(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    folder = hostile_folder(tmp_path)
    for name in ("r.html", "r.md"):
        code, _, _ = run(capsys, "report", str(folder), "-o", str(tmp_path / name), *AS_OF)
        assert code == 0
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert page.count("<script") == 1 and "<img" not in page and "<svg onload" not in page and "<iframe" not in page
    assert not re.search(r"""href\s*=\s*["']?\s*javascript""", page, re.I)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "&lt;iframe src=javascript:alert(5)&gt;" in page
    notes = (tmp_path / "r.md").read_text(encoding="utf-8")
    assert "<script" not in notes and "<iframe" not in notes and "javascript:" not in notes and "](" not in notes
    assert "&#60;script&#62;" in notes


RED_ZONE = ROOT / "tests" / "fixtures" / "real" / "sosial-dinsos-garut-pengecekan-dtks-pip.yaml"


def large_folder(tmp_path: Path, count: int = 200) -> Path:
    """`count` standards made from the single-document examples, each with its own id, title and provider."""
    folder = tmp_path / "besar"
    folder.mkdir()
    sources = [p for p in sorted(EXAMPLES.glob("*.yaml")) if "\n---" not in p.read_text(encoding="utf-8")]
    sources.append(RED_ZONE)  # the examples are all green or yellow now: a real standard brings the red zone
    for number in range(count):
        text = sources[number % len(sources)].read_text(encoding="utf-8")
        text = re.sub(r"(?m)^id: (.*)$", rf"id: \1-{number}", text, count=1)
        text = re.sub(r"(?m)^title: (.*)$", rf"title: \1 nomor {number}", text, count=1)
        text = re.sub(r"(?m)^  name: (.*)$", rf"  name: Penyelenggara {number % 17}", text, count=1)
        (folder / f"standar-{number:03}.yaml").write_text(text, encoding="utf-8")
    return folder


@pytest.mark.slow
def test_two_hundred_standards_render(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    folder = large_folder(tmp_path)
    for name in ("r.html", "r.md"):
        code, _, _ = run(capsys, "report", str(folder), "-o", str(tmp_path / name), *AS_OF, "--lang", "id")
        assert code == 0
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert page.count('<details id="doc-') == 200 and "<li><b>200</b>Standar pelayanan</li>" in page
    assert page.count('<table id="standards-table">') == 1 and page.count('<tr data-zone="') == 200
    units = page.split('<section id="units"')[1].split("</section>")[0]
    assert units.count('<tr><th scope="row">Penyelenggara ') == 17
    notes = (tmp_path / "r.md").read_text(encoding="utf-8")
    assert len(notes) < 65_536 and "nomor 199" in notes
