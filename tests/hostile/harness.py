"""Run svcstd on hostile input in a bounded child process and judge what comes out."""

from __future__ import annotations

import hashlib
import json
import os
import resource
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from html.parser import HTMLParser
from pathlib import Path
from typing import NamedTuple

MEMORY_BOUND = 500 * 1024 * 1024
TIME_BOUND = 10  # seconds of CPU: a bound on a run, never an assertion about speed
WALL_SECONDS = 300
"""A backstop for a run that waits instead of computing (a hang): on a machine shared by many jobs, 10 s of
CPU can take minutes of wall time, so the wall clock bounds only what the CPU limit cannot see."""
TRACEBACK = "Traceback (most recent call last)"


class Run(NamedTuple):
    code: int
    stdout: str
    stderr: str


def _bounded() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BOUND, MEMORY_BOUND))
    resource.setrlimit(resource.RLIMIT_CPU, (TIME_BOUND, TIME_BOUND))  # past it the kernel stops the run


def svcstd(args: Sequence[str], cwd: Path) -> Run:
    """`python -m svcstd ARGS` under the CPU-time and memory bounds; a run past them fails the test."""
    environment = {**os.environ, "NO_COLOR": "1", "PYTHONIOENCODING": "utf-8"}
    done = subprocess.run(
        [sys.executable, "-m", "svcstd", *args],
        cwd=cwd,
        capture_output=True,
        timeout=WALL_SECONDS,
        preexec_fn=_bounded,
        env=environment,
        stdin=subprocess.DEVNULL,
        check=False,
    )
    run = Run(done.returncode, done.stdout.decode("utf-8", "replace"), done.stderr.decode("utf-8", "replace"))
    assert TRACEBACK not in run.stdout + run.stderr, run.stderr[-3000:]
    return run


def digest(path: Path) -> str | None:
    """The content hash of a regular file (None for anything else: pipes are never opened)."""
    if not path.is_file() or path.is_symlink():
        return None
    return hashlib.sha256(path.read_bytes()).hexdigest()


def digests(folder: Path) -> dict[str, str | None]:
    return {str(p): digest(p) for p in sorted(folder.rglob("*")) if not p.is_dir()}


class _Html(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self.tags.append(tag)


def _html(text: str) -> None:
    parser = _Html()
    parser.feed(text)
    parser.close()
    assert "html" in parser.tags or "body" in parser.tags or "table" in parser.tags, text[:300]


def _lines(text: str) -> None:
    """Line formats (GitHub annotations): every line is a complete record, none split by a file name."""
    for line in text.splitlines():
        assert line.startswith(("::", "svcstd")), line


def _text(text: str) -> None:
    assert text.strip()


# How to tell that each known format's output is well formed; an unknown format must at least be text.
WELL_FORMED: dict[str, Callable[[str], object]] = {
    "text": _text,
    "json": json.loads,
    "sarif": json.loads,
    "gitlab": json.loads,
    "junit": ET.fromstring,
    "github": _lines,
    "markdown": _text,
    "html": _html,
}


def check_well_formed(name: str, text: str) -> None:
    WELL_FORMED.get(name, _text)(text)
