"""The HTML report in a real browser: headless Chromium renders it, runs its script, logs no error.

CI installs Chromium and fails without it; elsewhere the tests skip when it is missing (tests/browser.py).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from svcstd.cli.main import main
from svcstd.i18n import decimal
from tests.browser import FLAGS, chromium, png_rows
from tests.conftest import ROOT
from tests.test_report_command import large_folder

pytestmark = pytest.mark.browser

EXAMPLES = ROOT / "examples"
PAGES = ("en", "id", "compare", "large")  # "large": 200 generated standards, in Indonesian
PAGE_FLAGS = ("--window-size=1280,2000", "--enable-logging=stderr", "--v=0")
TIMEOUT = 60


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
    pages["large"] = folder / "large.html"
    large = ["report", str(large_folder(folder)), "-o", str(pages["large"]), "--as-of", "2026-11-27", "--lang", "id"]
    assert main(large) == 0
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
            command = [browser, *FLAGS, *PAGE_FLAGS, profile, *output, page.as_uri()]
            jobs[name, kind] = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    results = {}
    for (name, kind), job in jobs.items():
        out, err = job.communicate(timeout=TIMEOUT)
        assert job.returncode == 0, err[-2000:]
        results[name, kind] = (out, err)
    return {name: (results[name, "dom"][0], results[name, "dom"][1] + results[name, "png"][1], folder / f"{name}.png")
            for name in PAGES}  # fmt: skip


@pytest.mark.parametrize("name", PAGES)
def test_screenshot_is_not_blank(rendered: dict[str, tuple[str, str, Path]], name: str) -> None:
    width, height, bpp, rows = png_rows(rendered[name][2], 700)
    assert (width, height) == (1280, 2000)
    pixels = [row[i : i + bpp][:3] for row in rows[::3] for i in range(0, len(row), bpp * 3)]
    colours = set(pixels)
    ink = sum(1 for pixel in pixels if min(pixel) < 200)
    assert len(colours) > 30, f"only {len(colours)} colours: the page looks blank"
    assert ink / len(pixels) > 0.01 and pixels.count(b"\xff\xff\xff") / len(pixels) > 0.3


@pytest.mark.parametrize("name", PAGES)
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
    average = round(sum(scores) / len(scores), 1)
    for name, words in (("en", "Average score"), ("id", "Skor rata-rata")):
        dom = rendered[name][0]
        shown = decimal(average, name)
        assert f"<b>{report['summary']['documents']}</b>" in dom and f"<b>{shown}</b>{words}" in dom
        assert all(f">{decimal(score, name)}</td>" in dom for score in scores)
    assert "Changes since 2026-01-05" in rendered["compare"][0] and 'lang="id"' in rendered["id"][0]


def test_a_report_over_two_hundred_standards_shows_them_all(rendered: dict[str, tuple[str, str, Path]]) -> None:
    dom = rendered["large"][0]
    assert dom.count('<details id="doc-') == 200 and "<b>200</b>Standar pelayanan" in dom
