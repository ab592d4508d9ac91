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
