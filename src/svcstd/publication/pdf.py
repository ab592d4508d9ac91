"""The official print as a PDF, made by headless Chromium from the same page (`render --format pdf`).

Why Chromium: the page already has an A4 print layout (publication/official.py) that the browser tests
measure, so printing it with a browser gives exactly that layout, fonts and line breaking included, and
adds no Python dependency. The pure-Python PDF writers (fpdf2, reportlab) would need a second layout of
the same notice, and WeasyPrint brings Pango and Cairo. Chromium is found as `SVCSTD_BROWSER`, else
`chromium`, `chromium-browser`, `google-chrome` on PATH; without one the command says how to get it (exit 2).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from svcstd.errors import SvcstdError
from svcstd.i18n import Catalog

MESSAGES = Catalog(
    "render_pdf",
    {
        "no_browser": (
            "--format pdf prints the page with headless Chromium, which was not found: install it (Debian: "
            "apt-get install chromium) or set SVCSTD_BROWSER to its path; --format html writes the page, "
            "which any browser prints the same way.",
            "--format pdf mencetak halaman dengan Chromium tanpa tampilan (headless), yang tidak ditemukan: "
            "pasang Chromium (Debian: apt-get install chromium) atau isi SVCSTD_BROWSER dengan lokasinya; "
            "--format html menulis halamannya, yang dapat dicetak dengan peramban apa pun dengan hasil yang sama.",
        ),
        "unwritable": ("Cannot write {path}: {reason}", "Tidak dapat menulis {path}: {reason}"),
        "failed": (
            "{browser} could not print the page as PDF: {reason}",
            "{browser} tidak dapat mencetak halaman sebagai PDF: {reason}",
        ),
    },
)
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--no-pdf-header-footer",
)
TIMEOUT = 120


class PdfError(SvcstdError):
    """No browser to print with, or the browser failed: exit 2."""


def browser() -> str:
    """The browser to print with; PdfError when there is none."""
    chosen = os.environ.get("SVCSTD_BROWSER")
    candidates = [chosen] if chosen else list(BROWSERS)
    for name in candidates:
        found = shutil.which(name)
        if found:
            return found
    raise PdfError(MESSAGES.text("no_browser"))


def write_pdf(html: str, path: Path) -> None:
    """Print `html` to `path` as A4 PDF; the file appears whole or not at all (made beside it, then renamed)."""
    executable = browser()
    folder = path.parent if str(path.parent) else Path()
    with tempfile.TemporaryDirectory(prefix=".svcstd-pdf-") as scratch:
        page = Path(scratch) / "page.html"
        page.write_text(html, encoding="utf-8")
        printed = Path(scratch) / "page.pdf"
        argv = [executable, *FLAGS, f"--user-data-dir={Path(scratch) / 'profile'}", f"--print-to-pdf={printed}"]
        try:
            done = subprocess.run([*argv, page.as_uri()], capture_output=True, text=True, timeout=TIMEOUT, check=False)
        except (OSError, subprocess.TimeoutExpired) as error:
            raise PdfError(MESSAGES.text("failed", browser=executable, reason=str(error))) from None
        if done.returncode != 0 or not printed.is_file() or not printed.read_bytes().startswith(b"%PDF"):
            reason = (done.stderr.strip().splitlines() or [f"exit {done.returncode}"])[-1]
            raise PdfError(MESSAGES.text("failed", browser=executable, reason=reason))
        temporary = ""
        try:
            handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=folder)
            os.close(handle)
            shutil.copyfile(printed, temporary)
            os.replace(temporary, path)
        except OSError as error:
            raise PdfError(MESSAGES.text("unwritable", path=str(path), reason=error.strerror or str(error))) from None
        finally:
            if temporary and os.path.exists(temporary):
                os.unlink(temporary)
