"""The rendered pages in a real headless Chromium: the citizen page on a phone, the notice-board print on A4."""

from __future__ import annotations

import html
import json
import re
import subprocess
from pathlib import Path

import pytest

from svcstd.cli.main import main
from tests.browser import FLAGS, axe_violations, chromium, headless, pa11y_errors, pa11y_issues, png_rows, serious
from tests.conftest import ROOT

pytestmark = pytest.mark.browser

PAGE = "dukcapil-kota-contoh--penerbitan-ktp-el.html"
MEASURE = """<!DOCTYPE html><html><head><meta charset="utf-8"></head><body style="margin:0">
<iframe id="phone" width="{width}" height="844" style="border:0" srcdoc="{page}"></iframe>
<script>
document.getElementById("phone").addEventListener("load", function () {{
  var inner = this.contentDocument, found = {{}};
  ["fees", "time"].forEach(function (name) {{
    var box = inner.querySelector(".fact." + name).getBoundingClientRect();
    found[name] = Math.round(box.top) + "-" + Math.round(box.bottom);
  }});
  found.scroll = inner.documentElement.scrollWidth;
  found.lang = inner.documentElement.lang;
  document.body.setAttribute("data-measured", JSON.stringify(found));
}});
</script></body></html>"""
"""A phone-sized frame around the page: headless Chromium will not make its own window narrower than 500 px."""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The examples as a site, each page in its document's own language (no --lang)."""
    out = tmp_path_factory.mktemp("site")
    main(["render", str(ROOT / "tests" / "fixtures" / "format-1.0"), "-o", str(out)])  # the page lays out 1.0 only
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
    """Measured in the browser: the same page and style in a phone-sized frame, measured from outside it."""
    page = (site / PAGE).read_text(encoding="utf-8")
    assert '<html lang="id">' in page
    probe = tmp_path / "probe.html"
    probe.write_text(MEASURE.format(width=width, page=html.escape(page, quote=True)), "utf-8")
    dom = headless(probe, tmp_path / "profile", "--window-size=800,900", "--dump-dom").stdout
    measured = re.search(r'data-measured="([^"]+)"', dom)
    assert measured, dom[-500:]
    values = {key: str(value) for key, value in json.loads(html.unescape(measured.group(1))).items()}
    for name in ("fees", "time") if width == 390 else ("fees",):  # at 320 px, cost at least starts on screen one
        top, bottom = (int(edge) for edge in values[name].split("-"))
        assert (bottom if width == 390 else top) <= 844, f"{name} ends at {bottom} px, below the first screen"
    assert int(values["scroll"]) <= width, "the page scrolls sideways"
    assert values["lang"] == "id"


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


@pytest.mark.parametrize(
    ("query", "shown"),
    [("ktp%20kependudukan", 1), ("Kependudukan%20KTP", 1), ("tidak-ada-layanan-seperti-ini", 0)],
)
def test_site_search_matches_words_in_any_order_in_titles_and_providers(
    site: Path, tmp_path: Path, query: str, shown: int
) -> None:
    argv = [chromium(), *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom"]
    dom = subprocess.run([*argv, (site / "index.html").as_uri() + "#q=" + query], check=True, capture_output=True,
                         text=True, timeout=120).stdout  # fmt: skip
    visible = re.findall(r"<li data-entry=\"\">", dom)
    assert len(visible) == shown
    assert ('<p id="none" role="status">' in dom) == (shown == 0)


def _pdf_pages(path: Path) -> list[str]:
    pdfplumber = pytest.importorskip("pdfplumber", reason="pdfplumber comes with the test extra")
    with pdfplumber.open(path) as pdf:
        assert all(abs(page.width - 595) < 2 and abs(page.height - 842) < 2 for page in pdf.pages), "not A4"
        return [page.extract_text() or "" for page in pdf.pages]


TYPICAL = [
    ROOT / "examples" / "dukcapil-ktp-el.yaml",
    ROOT / "tests" / "fixtures" / "real" / "kesehatan-rsud-sekadau-instalasi-gawat-darurat.yaml",
    ROOT / "tests" / "fixtures" / "real" / "desa-kelurahan-paria-surat-pengantar-skck-sippn.yaml",
]


@pytest.mark.parametrize("path", TYPICAL, ids=[p.stem for p in TYPICAL])
def test_render_format_pdf_is_the_a4_notice_in_two_pages_and_the_poster(
    path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SVCSTD_BROWSER", chromium())
    out = tmp_path / "notice.pdf"
    assert main(["render", str(path), "-o", str(out), "--format", "pdf", "--url", "https://sp.contoh.go.id/x"]) == 0
    pages = _pdf_pages(out)
    poster = 1 if "MAKLUMAT PELAYANAN" in pages[-1] else 0
    assert len(pages) - poster <= 2, f"{len(pages)} pages"
    assert "No Komponen Uraian" in pages[0] and "Versi daring" in pages[0]
    assert not any("MAKLUMAT PELAYANAN" in page for page in pages[:-1])  # the poster is a page of its own


def test_render_format_pdf_without_a_browser_is_a_clear_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SVCSTD_BROWSER", str(tmp_path / "no-such-browser"))
    out = tmp_path / "notice.pdf"
    assert main(["render", str(TYPICAL[0]), "-o", str(out), "--format", "pdf", "--lang", "en"]) == 2
    assert "headless Chromium, which was not found" in capsys.readouterr().err and not out.exists()


REAL_1_1 = ROOT / "tests" / "fixtures" / "real" / "kesehatan-rsud-sekadau-instalasi-gawat-darurat.yaml"


@pytest.mark.parametrize("width", [1366, 390])
@pytest.mark.parametrize("view", ["page", "index", "real"])
def test_axe_finds_no_violation_on_the_citizen_pages(site: Path, tmp_path: Path, view: str, width: int) -> None:
    """The citizen page (with its QR code), the site's index, and a real format 1.1 standard with branches."""
    if view == "real":
        page = tmp_path / "real.html"
        assert main(["render", str(REAL_1_1), "-o", str(page), "--url", "https://sp.contoh.go.id/igd.html"]) == 0
    else:
        page = site / (PAGE if view == "page" else "index.html")
    violations = axe_violations(page, width, tmp_path)
    assert not violations, json.dumps(violations, indent=1, ensure_ascii=False)[:3000]


def test_axe_reports_a_planted_violation(site: Path, tmp_path: Path) -> None:
    """The accessibility tests can fail: an image without text and an empty button are critical for axe."""
    page = tmp_path / "planted.html"
    planted = '<img src="x.png"><button type="button"></button></main>'
    page.write_text((site / PAGE).read_text(encoding="utf-8").replace("</main>", planted, 1), encoding="utf-8")
    found = {str(v["id"]) for v in serious(axe_violations(page, 1366, tmp_path))}
    assert {"image-alt", "button-name"} <= found


PA11Y_VIEWS = {  # name: (page, media); "print" is the official A4 notice the same page prints (publication/official.py)
    "page": (PAGE, "screen"),
    "index": ("index.html", "screen"),
    "real": ("real.html", "screen"),
    "print": (PAGE, "print"),
    "real-print": ("real.html", "print"),
}


@pytest.fixture(scope="module")
def pa11y_results(site: Path) -> dict[str, dict[str, object]]:
    """pa11y's result per `<view>-<width>`, all in one Node process: the citizen page, the index, a real format
    1.1 standard with its QR code, and both as printed."""
    real = site / "real.html"
    assert main(["render", str(REAL_1_1), "-o", str(real), "--url", "https://sp.contoh.go.id/igd.html"]) == 0
    keys = [(view, width) for view in PA11Y_VIEWS for width in (1366, 390)]
    jobs: list[dict[str, object]] = [
        {"url": (site / PA11Y_VIEWS[view][0]).as_uri(), "width": width, "height": 844, "media": PA11Y_VIEWS[view][1]}
        for view, width in keys
    ]
    return {f"{view}-{width}": result for (view, width), result in zip(keys, pa11y_issues(jobs), strict=True)}


@pytest.mark.parametrize("width", [1366, 390])
@pytest.mark.parametrize("view", PA11Y_VIEWS)
def test_pa11y_finds_no_error_on_the_citizen_pages(
    pa11y_results: dict[str, dict[str, object]], view: str, width: int
) -> None:
    """pa11y, WCAG 2 AA with HTML_CodeSniffer, on screen and as printed."""
    found = pa11y_errors(pa11y_results[f"{view}-{width}"])
    assert not found, json.dumps(found, indent=1, ensure_ascii=False)[:3000]


def test_pa11y_reports_a_planted_violation(site: Path, tmp_path: Path) -> None:
    """The pa11y tests can fail: an image without alt text and a form field without a label are errors."""
    page = tmp_path / "planted.html"
    planted = '<img src="x.png"><form><input type="text" id="unlabelled"><button>Kirim</button></form></main>'
    page.write_text((site / PAGE).read_text(encoding="utf-8").replace("</main>", planted, 1), encoding="utf-8")
    clean, broken = pa11y_issues([{"url": (site / PAGE).as_uri(), "width": 390}, {"url": page.as_uri(), "width": 390}])
    assert not pa11y_errors(clean)
    codes = {str(issue["code"]) for issue in pa11y_errors(broken)}
    assert any(".H37" in code for code in codes), codes  # img without alt
    assert any(".H91.InputText.Name" in code for code in codes), codes  # a text field without a name
