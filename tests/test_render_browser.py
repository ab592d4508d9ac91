"""The rendered pages in a real headless Chromium: a non-blank phone-width screenshot and an A4 PDF."""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest

from svcstd.cli import main
from tests.conftest import ROOT

pytestmark = pytest.mark.browser


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        pytest.fail("chromium is not on PATH: apt-get update && apt-get install -y chromium")
    return found


def headless(page: Path, profile: Path, *args: str) -> None:
    argv = [
        chromium(),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={profile}",
        *args,
        page.as_uri(),
    ]
    subprocess.run(argv, check=True, capture_output=True, timeout=120)


def png_pixels(data: bytes) -> tuple[int, int, list[bytes]]:
    """Width, height and the unfiltered rows of an 8-bit RGB/RGBA PNG (no Pillow)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    chunks, offset = {}, 8
    idat = b""
    while offset < len(data):
        (length,) = struct.unpack(">I", data[offset : offset + 4])
        kind, body = data[offset + 4 : offset + 8], data[offset + 8 : offset + 8 + length]
        chunks[kind] = body
        idat += body if kind == b"IDAT" else b""
        offset += 12 + length
    width, height, depth, color = struct.unpack(">IIBB", chunks[b"IHDR"][:10])
    assert depth == 8 and color in (2, 6)
    return width, height, unfilter(zlib.decompress(idat), width, 4 if color == 6 else 3, height)


def unfilter(raw: bytes, width: int, bpp: int, height: int) -> list[bytes]:
    stride, rows, previous = width * bpp, [], bytearray(width * bpp)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b, c = previous[x], previous[x - bpp] if x >= bpp else 0
            predictor = {0: 0, 1: a, 2: b, 3: (a + b) // 2, 4: paeth(a, b, c)}[kind]
            line[x] = (line[x] + predictor) & 0xFF
        rows.append(bytes(line))
        previous = line
    return rows


def paeth(a: int, b: int, c: int) -> int:
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    return a if pa <= pb and pa <= pc else (b if pb <= pc else c)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    main(["render", str(ROOT / "examples"), "-o", str(out), "--lang", "id"])
    return out


def test_phone_screenshot_is_not_blank(site: Path, tmp_path: Path) -> None:
    shot = tmp_path / "phone.png"
    headless(
        site / "dukcapil-kota-contoh--penerbitan-ktp-el.html",
        tmp_path / "profile",
        "--window-size=390,844",
        f"--screenshot={shot}",
    )
    width, height, rows = png_pixels(shot.read_bytes())
    assert (width, height) == (390, 844)
    dark = sum(1 for row in rows for value in row if value < 100)
    assert dark > width * height // 200, "the page looks blank"
    assert len(set(rows)) > 50


def test_a4_pdf(site: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "notice.pdf"
    headless(
        site / "dukcapil-kota-contoh--penerbitan-ktp-el.html",
        tmp_path / "profile",
        f"--print-to-pdf={pdf}",
        "--no-pdf-header-footer",
    )
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 10_000
    boxes = re.findall(rb"/MediaBox\s*\[0 0 ([\d.]+) ([\d.]+)\]", data)
    assert len(boxes) >= 2, "a standard fills more than one A4 page"
    assert all(abs(float(w) - 595.3) < 1 and abs(float(h) - 841.9) < 1 for w, h in boxes), boxes


def test_index_screenshot(site: Path, tmp_path: Path) -> None:
    shot = tmp_path / "index.png"
    headless(site / "index.html", tmp_path / "profile", "--window-size=390,844", f"--screenshot={shot}")
    _, _, rows = png_pixels(shot.read_bytes())
    assert len(set(rows)) > 20
