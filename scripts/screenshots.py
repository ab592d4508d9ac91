"""Screenshots of every view at desktop (1366 px) and phone (390 px) widths, for reviewers to look at.

    python scripts/screenshots.py OUT_FOLDER

Writes OUT_FOLDER/<view>-<width>.png for: the supervisor's report over 200 generated standards (and the same
filtered to the red zone), the comparison with planted changes (the examples in English, and the 200 standards in
Indonesian with more changes than its chart shows), the unit head's report of one standard,
the citizen page (a 1.0 example, and a real format 1.1 standard with branching steps), and the notice-board
print of each (its print style shown on screen at A4 width, with the A4 PDF from `render --format pdf`).
Uses headless Chromium, as the browser tests do.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from tests.browser import FLAGS, chromium  # noqa: E402
from tests.test_browser import plant_change  # noqa: E402
from tests.test_report_command import large_folder  # noqa: E402

from svcstd.cli.main import main as svcstd  # noqa: E402

EXAMPLES = ROOT / "examples"
WIDTHS = {"desktop": (1366, 2400), "phone": (390, 2400)}
AS_OF = ["--as-of", "2026-11-27"]
REAL = ROOT / "tests" / "fixtures" / "real" / "kesehatan-rsud-sekadau-instalasi-gawat-darurat.yaml"
URL = "https://sp.contoh.go.id/layanan.html"


def _views(work: Path) -> dict[str, str]:
    """View name -> URL of the page to photograph."""
    standards = work / "standar"
    shutil.copytree(EXAMPLES, standards)
    old = work / "old.json"
    svcstd(["check", str(standards), "--format", "json", "-o", str(old), "--as-of", "2026-01-05"])
    large = large_folder(work)
    svcstd(["report", str(large), "-o", str(work / "supervisor.html"), *AS_OF, "--lang", "id"])
    svcstd(["check", str(large), "--format", "json", "-o", str(work / "large.json"), *AS_OF])
    for path in sorted(large.glob("*.yaml"))[::4]:  # a change in about one standard in ten: more than a chart shows
        plant_change(path)
    large_compare = work / "comparison-large.html"
    svcstd(
        ["report", str(large), "-o", str(large_compare), *AS_OF, "--lang", "id", "--compare", str(work / "large.json")]
    )
    one = EXAMPLES / "legalisir-ijazah.yaml"
    svcstd(["report", str(one), "-o", str(work / "unit-head.html"), *AS_OF, "--lang", "id"])
    for path in standards.glob("*.yaml"):
        plant_change(path)
    compare = work / "comparison.html"
    svcstd(["report", str(standards), "-o", str(compare), *AS_OF, "--lang", "en", "--compare", str(old)])
    citizen = work / "citizen.html"
    svcstd(["render", str(EXAMPLES / "dukcapil-ktp-el.yaml"), "-o", str(citizen), "--url", URL])
    real = work / "citizen-1-1.html"
    svcstd(["render", str(REAL), "-o", str(real), "--url", URL])
    for name, source in (("notice.html", citizen), ("notice-1-1.html", real)):
        page = source.read_text(encoding="utf-8").replace(".official{display:none}", "")
        (work / name).write_text(page.replace("@media print{", "@media all{"), encoding="utf-8")
    return {
        "supervisor": (work / "supervisor.html").as_uri(),
        "supervisor-red-zone": (work / "supervisor.html").as_uri() + "#zone=bad",
        "comparison": compare.as_uri(),
        "comparison-large": large_compare.as_uri(),
        "unit-head": (work / "unit-head.html").as_uri(),
        "citizen": citizen.as_uri(),
        "citizen-1-1": real.as_uri(),
        "notice-board": (work / "notice.html").as_uri(),
        "notice-board-1-1": (work / "notice-1-1.html").as_uri(),
    }


def _browser(work: Path, name: str, *args: str) -> None:
    profile = f"--user-data-dir={work / ('profile-' + name)}"
    subprocess.run([chromium(), *FLAGS, profile, "--hide-scrollbars", *args], check=True, capture_output=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("out", type=Path, help="the folder to write the PNG files to")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        for view, url in _views(work).items():
            for width, (columns, rows) in WIDTHS.items():
                notice = view.startswith("notice-board")
                if notice and width == "phone":
                    continue
                size = (794, 2400) if notice else (columns, rows)
                shot = args.out / f"{view}-{width if not notice else 'a4'}.png"
                _browser(work, f"{view}-{width}", f"--window-size={size[0]},{size[1]}", f"--screenshot={shot}", url)
                print(shot)
        for name, source in (("notice-board.pdf", EXAMPLES / "dukcapil-ktp-el.yaml"), ("notice-board-1-1.pdf", REAL)):
            svcstd(["render", str(source), "-o", str(args.out / name), "--format", "pdf", "--url", URL])
            print(args.out / name)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
