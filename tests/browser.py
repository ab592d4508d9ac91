"""Headless Chromium for the browser tests, and a PNG reader so that no imaging library is needed.

CI installs Chromium (.ci/run) and there a missing browser fails the tests; on a developer's machine
without it they are skipped with the command that installs it.
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import zlib
from pathlib import Path
from typing import Any

import pytest

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)
INSTALL = "apt-get update && apt-get install -y chromium"


def chromium() -> str:
    """The browser's path; fails in CI and skips elsewhere when it is not installed."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is not None:
        return found
    if os.environ.get("CI"):
        pytest.fail(f"chromium is not on PATH in CI: .ci/run must install it ({INSTALL})")
    pytest.skip(f"chromium is not installed; to run the browser tests: {INSTALL}")


def headless(page: Path, profile: Path, *args: str, timeout: int = 120) -> subprocess.CompletedProcess[str]:
    """Open `page` in headless Chromium with a fresh profile; `args` ask for a screenshot, a PDF, the DOM."""
    argv = [chromium(), *FLAGS, f"--user-data-dir={profile}", *args, page.as_uri()]
    return subprocess.run(argv, check=True, capture_output=True, text=True, timeout=timeout)


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


def png_rows(path: Path, limit: int = 1_000_000) -> tuple[int, int, int, list[bytes]]:
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


AXE_ENV = "SVCSTD_AXE"
AXE_INSTALL = "npm install --prefix DIR axe-core, then SVCSTD_AXE=DIR/node_modules/axe-core/axe.min.js (.ci/run does)"
AXE_RUN = (
    "<script>axe.run(document,{resultTypes:['violations']}).then(function(r){"
    "var p=document.createElement('pre');p.id='axe-result';p.textContent=JSON.stringify(r.violations.map("
    "function(v){return {id:v.id,impact:v.impact,help:v.help,nodes:v.nodes.slice(0,5).map(function(n){"
    "return n.target.join(' ')+' :: '+(n.failureSummary||'');})};}));document.body.appendChild(p);},"
    "function(e){var p=document.createElement('pre');p.id='axe-result';p.textContent='ERROR '+e;"
    "document.body.appendChild(p);});</script>"
)
"""Run axe-core on the whole document and write its violations into the page for --dump-dom to read."""


def axe_script() -> Path:
    """axe-core's axe.min.js from SVCSTD_AXE; fails in CI and skips elsewhere when it is not there."""
    named = os.environ.get(AXE_ENV)
    if named and Path(named).is_file():
        return Path(named)
    if os.environ.get("CI"):
        pytest.fail(f"axe-core is not at {AXE_ENV}={named!r} in CI: .ci/run must install it ({AXE_INSTALL})")
    pytest.skip(f"axe-core not found ({AXE_ENV} unset or not a file); to run the accessibility tests: {AXE_INSTALL}")


def axe_violations(page: Path, width: int, scratch: Path, height: int = 900) -> list[dict[str, object]]:
    """axe-core's violations for `page` at `width` px in headless Chromium.

    The page is copied with its Content-Security-Policy removed so that axe (a local file) may run beside the
    page's own script; nothing else changes. Chromium's virtual time lets axe's asynchronous run finish
    before the DOM is read."""
    import html
    import json
    import re

    script = axe_script()
    text = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", page.read_text(encoding="utf-8"))
    probe = scratch / f"axe-{width}-{page.name}"
    probe.write_text(text.replace("</body>", f'<script src="{script.as_uri()}"></script>{AXE_RUN}</body>'), "utf-8")
    window = f"--window-size={width},{height}"
    dom = headless(probe, scratch / f"profile-axe-{width}", window, "--virtual-time-budget=30000", "--dump-dom",
                   timeout=240).stdout  # fmt: skip
    found = re.search(r'<pre id="axe-result">(.*?)</pre>', dom, re.S)
    assert found, f"axe did not finish on {page.name}: {dom[-300:]}"
    result = html.unescape(found.group(1))
    assert not result.startswith("ERROR"), result
    violations: list[dict[str, object]] = json.loads(result)
    return violations


def serious(violations: list[dict[str, object]]) -> list[dict[str, object]]:
    """The violations axe rates serious or critical: what the accessibility tests refuse."""
    return [v for v in violations if v.get("impact") in ("serious", "critical")]


PA11Y_ENV = "SVCSTD_PA11Y"
PA11Y_INSTALL = (
    "PUPPETEER_SKIP_DOWNLOAD=1 npm install --prefix DIR pa11y@9, then SVCSTD_PA11Y=DIR/node_modules/.bin/pa11y"
    " (.ci/run does)"
)
PA11Y_SCRIPT = Path(__file__).with_name("pa11y.js")


def pa11y_modules() -> Path:
    """The node_modules folder holding pa11y (and its browserless puppeteer), from SVCSTD_PA11Y: the executable."""
    named = os.environ.get(PA11Y_ENV)
    if named and Path(named).is_file():
        for folder in Path(named).resolve().parents:
            if folder.name == "node_modules" and (folder / "pa11y").is_dir():
                return folder
    if os.environ.get("CI"):
        pytest.fail(f"pa11y is not at {PA11Y_ENV}={named!r} in CI: .ci/run must install it ({PA11Y_INSTALL})")
    pytest.skip(f"pa11y not found ({PA11Y_ENV} unset or not pa11y's executable); to run these tests: {PA11Y_INSTALL}")


def pa11y_issues(jobs: list[dict[str, object]], timeout: int = 900) -> list[dict[str, Any]]:
    """pa11y (WCAG2AA) on each job's `url` at its `width`, in one Node process driving one headless Chromium.

    A job is {"url", "width", "height"?, "media"?: "screen" | "print", "runners"?}; the runner is HTML_CodeSniffer
    unless a job names others ("axe": the axe tests run axe-core already, and through pa11y it costs minutes on
    the 200-standard report). The answer is one result per job, in order: {"url", "width", "media", "seconds",
    "issues": [{"type", "code", "message", "selector", "runner", "review"}]}."""
    import json

    modules, browser = pa11y_modules(), chromium()
    node = shutil.which("node")
    assert node, "node is not on PATH, yet pa11y is installed"
    argv = [node, str(PA11Y_SCRIPT), str(modules), browser]
    done = subprocess.run(argv, input=json.dumps(jobs), capture_output=True, text=True, timeout=timeout, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    results: list[dict[str, Any]] = json.loads(done.stdout)
    assert [(r["url"], r["width"]) for r in results] == [(j["url"], j["width"]) for j in jobs]
    return results


def pa11y_errors(result: dict[str, Any]) -> list[dict[str, Any]]:
    """The issues pa11y calls errors, less axe's "needs review" ones (axe could not decide; the axe tests skip them)."""
    return [issue for issue in result["issues"] if issue["type"] == "error" and not issue["review"]]
