"""The HTML report in a real browser: headless Chromium renders it, runs its script, logs no error.

CI installs Chromium; locally: `apt-get update && apt-get install -y chromium`. Without it these tests
fail (never skip), so a missing browser is noticed.
"""

from __future__ import annotations

import json
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest

from svcstd.cli import main
from tests.conftest import ROOT

pytestmark = pytest.mark.browser

EXAMPLES = ROOT / "examples"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--window-size=1280,2000",
    "--enable-logging=stderr",
    "--v=0",
]
TIMEOUT = 60


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        pytest.fail(
            "chromium is not on PATH: CI installs it; locally run `apt-get update && apt-get install -y chromium`"
        )
    return found


def build_pages(folder: Path) -> dict[str, Path]:
    """The examples' report in English and Indonesian, and one compared with an earlier JSON report."""
    standards = folder / "standar"
    shutil.copytree(EXAMPLES, standards)
    old = folder / "old.json"
    assert main(["check", str(standards), "--format", "json", "-o", str(old), "--as-of", "2026-01-05"]) in (0, 1)
    pages = {"en": folder / "en.html", "id": folder / "id.html", "compare": folder / "compare.html"}
    for name, page in pages.items():
        argv = [
            "report",
            str(standards),
            "-o",
            str(page),
            "--as-of",
            "2026-11-27",
            "--lang",
            "id" if name == "id" else "en",
        ]
        assert main(argv + (["--compare", str(old)] if name == "compare" else [])) == 0
    return pages


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[str, str, Path]]:
    """(DOM, browser log, screenshot) per page; the browsers run in parallel to stay fast."""
    browser = chromium()
    folder = tmp_path_factory.mktemp("browser")
    jobs = {}
    for name, page in build_pages(folder).items():
        for kind in ("dom", "png"):
            output = ["--dump-dom"] if kind == "dom" else [f"--screenshot={folder / (name + '.png')}"]
            profile = f"--user-data-dir={folder / ('profile-' + name + kind)}"
            command = [browser, *FLAGS, profile, *output, page.as_uri()]
            jobs[name, kind] = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    results = {}
    for (name, kind), job in jobs.items():
        out, err = job.communicate(timeout=TIMEOUT)
        assert job.returncode == 0, err[-2000:]
        results[name, kind] = (out, err)
    return {name: (results[name, "dom"][0], results[name, "dom"][1] + results[name, "png"][1], folder / f"{name}.png")
            for name in ("en", "id", "compare")}  # fmt: skip


def _unfilter(kind: int, line: bytes, previous: bytes, bpp: int) -> bytes:
    """Undo one PNG scanline filter (PNG spec, section 9)."""
    if kind == 0:
        return line
    if kind == 2:
        return bytes((a + b) & 0xFF for a, b in zip(line, previous, strict=True))
    row = bytearray(line)
    for i in range(len(row)):
        left = row[i - bpp] if i >= bpp else 0
        up, corner = previous[i], previous[i - bpp] if i >= bpp else 0
        if kind == 1:
            row[i] = (row[i] + left) & 0xFF
        elif kind == 3:
            row[i] = (row[i] + (left + up) // 2) & 0xFF
        else:
            p = left + up - corner
            pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
            row[i] = (row[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 0xFF
    return bytes(row)


def png_rows(path: Path, limit: int) -> tuple[int, int, int, list[bytes]]:
    """Width, height, bytes per pixel and the first `limit` decoded rows of an 8-bit RGB(A) PNG."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    position, header, compressed = 8, b"", b""
    while position < len(data):
        (size,) = struct.unpack(">I", data[position : position + 4])
        kind, body = data[position + 4 : position + 8], data[position + 8 : position + 8 + size]
        header, compressed = (body, compressed) if kind == b"IHDR" else (header, compressed + body * (kind == b"IDAT"))
        position += 12 + size
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", header)
    assert depth == 8 and colour in (2, 6) and interlace == 0
    bpp, raw = (3 if colour == 2 else 4), zlib.decompress(compressed)
    stride, rows, previous = width * (3 if colour == 2 else 4), [], bytes(width * (3 if colour == 2 else 4))
    for number in range(min(height, limit)):
        start = number * (stride + 1)
        previous = _unfilter(raw[start], raw[start + 1 : start + 1 + stride], previous, bpp)
        rows.append(previous)
    return width, height, bpp, rows


@pytest.mark.parametrize("name", ["en", "id", "compare"])
def test_screenshot_is_not_blank(rendered: dict[str, tuple[str, str, Path]], name: str) -> None:
    width, height, bpp, rows = png_rows(rendered[name][2], 700)
    assert (width, height) == (1280, 2000)
    pixels = [row[i : i + bpp][:3] for row in rows[::3] for i in range(0, len(row), bpp * 3)]
    colours = set(pixels)
    ink = sum(1 for pixel in pixels if min(pixel) < 200)
    assert len(colours) > 30, f"only {len(colours)} colours: the page looks blank"
    assert ink / len(pixels) > 0.01 and pixels.count(b"\xff\xff\xff") / len(pixels) > 0.3


@pytest.mark.parametrize("name", ["en", "id", "compare"])
def test_no_script_error_and_the_script_ran(rendered: dict[str, tuple[str, str, Path]], name: str) -> None:
    dom, log, _ = rendered[name]
    problems = [line for line in log.splitlines() if "CONSOLE" in line or "Uncaught" in line or "Refused" in line]
    assert not problems, "\n".join(problems)
    assert '<p class="filter">' in dom  # the script unhid the filter: it ran under the page's own CSP


def test_key_numbers_are_visible(rendered: dict[str, tuple[str, str, Path]], tmp_path: Path) -> None:
    out = tmp_path / "now.json"
    main(["check", str(EXAMPLES), "--format", "json", "-o", str(out), "--as-of", "2026-11-27"])
    report = json.loads(out.read_text(encoding="utf-8"))
    scores = [d["score"] for d in report["documents"] if d["score"] is not None]
    average = f"{round(sum(scores) / len(scores), 1):.1f}"
    for name, words in (("en", "Average score"), ("id", "Skor rata-rata")):
        dom = rendered[name][0]
        assert f"<b>{report['summary']['documents']}</b>" in dom and f"<b>{average}</b>{words}" in dom
        assert all(f">{score:.1f}</td>" in dom for score in scores)
    assert "Changes since 2026-01-05" in rendered["compare"][0] and 'lang="id"' in rendered["id"][0]
