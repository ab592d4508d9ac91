"""The rendered pages in a real headless Chromium: a non-blank phone-width screenshot and an A4 PDF."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from svcstd.cli.main import main
from tests.browser import headless, png_rows
from tests.conftest import ROOT

pytestmark = pytest.mark.browser


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
    width, height, _, rows = png_rows(shot)
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
    _, _, _, rows = png_rows(shot)
    assert len(set(rows)) > 20
