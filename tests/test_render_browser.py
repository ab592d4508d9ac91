"""The rendered pages in a real headless Chromium: the citizen page on a phone, the notice-board print on A4."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from svcstd.cli.main import main
from tests.browser import headless, png_rows
from tests.conftest import ROOT

pytestmark = pytest.mark.browser

PAGE = "dukcapil-kota-contoh--penerbitan-ktp-el.html"
MEASURE = """<script>
window.addEventListener("load", function () {
  var found = {};
  ["fees", "time"].forEach(function (name) {
    var box = document.querySelector(".fact." + name).getBoundingClientRect();
    found[name] = Math.round(box.top) + "-" + Math.round(box.bottom);
  });
  found.scroll = document.documentElement.scrollWidth;
  document.body.setAttribute("data-measured", JSON.stringify(found));
});
</script>"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The examples as a site, each page in its document's own language (no --lang)."""
    out = tmp_path_factory.mktemp("site")
    main(["render", str(ROOT / "examples"), "-o", str(out)])
    return out


def test_phone_screenshot_is_not_blank(site: Path, tmp_path: Path) -> None:
    shot = tmp_path / "phone.png"
    headless(site / PAGE, tmp_path / "profile", "--window-size=390,844", f"--screenshot={shot}")
    width, height, _, rows = png_rows(shot)
    assert (width, height) == (390, 844)
    dark = sum(1 for row in rows for value in row if value < 100)
    assert dark > width * height // 200, "the page looks blank"
    assert len(set(rows)) > 50


@pytest.mark.parametrize("width", [390, 320])
def test_an_indonesian_page_is_lang_id_with_cost_and_time_on_the_first_phone_screen(
    site: Path, tmp_path: Path, width: int
) -> None:
    """Measured in the browser: the same page and style, with the policy lifted only to let a measuring script run."""
    page = (site / PAGE).read_text(encoding="utf-8")
    assert '<html lang="id">' in page
    probe = tmp_path / "probe.html"
    probe.write_text(re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", page) + MEASURE, "utf-8")
    dom = headless(probe, tmp_path / "profile", f"--window-size={width},844", "--dump-dom").stdout
    measured = re.search(r'data-measured="([^"]+)"', dom)
    assert measured, dom[-500:]
    values = dict(re.findall(r"&quot;(\w+)&quot;:&quot;?([\d-]+)", measured.group(1)))
    for name in ("fees", "time"):
        bottom = int(values[name].split("-")[1])
        assert bottom <= 844, f"{name} ends at {bottom} px, below the first screen"
    assert int(values["scroll"]) <= width, "the page scrolls sideways"


def test_a4_print_is_at_most_two_pages_and_the_pledge_poster(site: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "notice.pdf"
    headless(site / PAGE, tmp_path / "profile", f"--print-to-pdf={pdf}", "--no-pdf-header-footer")
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 10_000
    boxes = re.findall(rb"/MediaBox\s*\[0 0 ([\d.]+) ([\d.]+)\]", data)
    assert 2 <= len(boxes) <= 3, f"{len(boxes)} pages: the table fits two A4 pages and the pledge has its own"
    assert all(abs(float(w) - 595.3) < 1 and abs(float(h) - 841.9) < 1 for w, h in boxes), boxes


def test_index_screenshot(site: Path, tmp_path: Path) -> None:
    shot = tmp_path / "index.png"
    headless(site / "index.html", tmp_path / "profile", "--window-size=390,844", f"--screenshot={shot}")
    _, _, _, rows = png_rows(shot)
    assert len(set(rows)) > 20
