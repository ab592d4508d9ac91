"""Which files to check: named files always, folders searched for *.yaml/*.yml, include/exclude applied."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator, Sequence
from fnmatch import fnmatch
from pathlib import Path
from typing import NamedTuple

from svcstd.errors import MissingPathError
from svcstd.i18n import Catalog

MESSAGES = Catalog(
    "discovery",
    {
        "missing": ("Path not found: {path}", "Path tidak ditemukan: {path}"),
    },
)

SUFFIXES = (".yaml", ".yml")
SKIPPED_FOLDERS = {"node_modules", "__pycache__"}


class Target(NamedTuple):
    """A file to read; `explicit` when named on the command line (then never skipped silently)."""

    path: str
    display: str
    explicit: bool


def discover(paths: Sequence[str], include: Sequence[str] = (), exclude: Sequence[str] = ()) -> list[Target]:
    """Every target under `paths`, in a stable order, each once."""
    seen: set[str] = set()
    targets: list[Target] = []
    for given in paths:
        for target in _expand(given, include, exclude):
            key = os.path.normpath(target.path)
            if key not in seen:
                seen.add(key)
                targets.append(target)
    return targets


def _expand(given: str, include: Sequence[str], exclude: Sequence[str]) -> Iterator[Target]:
    if not os.path.lexists(given):
        raise MissingPathError(MESSAGES.text("missing", path=given))
    if not os.path.isdir(given):
        yield Target(given, given, True)
        return
    for relative in _walk(given):
        posix = Path(relative).as_posix()
        if include and not any(fnmatch(posix, pattern) for pattern in include):
            continue
        if any(fnmatch(posix, pattern) for pattern in exclude):
            continue
        yield Target(os.path.join(given, relative), _display(given, relative), False)


def _display(folder: str, relative: str) -> str:
    return relative if os.path.normpath(folder) == "." else os.path.join(folder, relative)


def _walk(folder: str) -> Iterator[str]:
    """Relative paths of the regular *.yaml/*.yml files below `folder`; links to folders are not followed."""
    for root, folders, files in os.walk(folder):
        folders[:] = sorted(f for f in folders if not f.startswith(".") and f not in SKIPPED_FOLDERS)
        for name in sorted(files):
            full = os.path.join(root, name)
            if name.endswith(SUFFIXES) and is_regular_file(full):
                yield os.path.relpath(full, folder)


def is_regular_file(path: str) -> bool:
    """True for a regular file (after following links); never opens it, so pipes and devices are safe."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False
