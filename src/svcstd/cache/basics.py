"""What the per-file cache and the run record share without importing the document model."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping

FORMAT = "svcstd-cache-6"
MAX_BYTES = 200 * 1024 * 1024
"""Per checked root: beyond it the oldest contexts (and run records) go."""
STALE_SECONDS = 3600
"""A temporary file this old belongs to a run that died (kill -9): pruned."""


def stable(value: object) -> str:
    """A repr that does not depend on the insertion order of mappings."""
    if isinstance(value, Mapping):
        return "{" + ", ".join(sorted(f"{stable(k)}: {stable(v)}" for k, v in value.items())) + "}"
    if isinstance(value, list | tuple):
        return "(" + ", ".join(stable(item) for item in value) + ")"
    return repr(value)


def files_hash(paths: Iterable[str]) -> str:
    """The content of every file under the custom rule folders (a missing one hashes as missing)."""
    digest = hashlib.sha256()
    for given in paths:
        from pathlib import Path

        root = Path(given)
        for path in sorted([root] if root.is_file() else root.rglob("*")):
            if path.is_file():
                digest.update(path.as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def label(display: str, explicit: bool) -> str:
    """A target's name in the index: its display path and whether it was named."""
    return f"{display}\0{int(explicit)}"
