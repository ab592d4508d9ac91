"""The result cache: a signed index and packs of JSON results in the user's cache folder, one per checked root.

The names below are imported on first use (PEP 562), so that a replayed run (replay.py), which needs
none of the per-file cache, does not import the document model and the readers behind it.
"""

from __future__ import annotations

TYPE_CHECKING = False
"""`typing.TYPE_CHECKING` without importing typing (start-up of a warm replay)."""
if TYPE_CHECKING:
    from typing import Any

    from svcstd.cache.location import CacheError, cache_home, checked_root, root_folder
    from svcstd.cache.store import (
        FileKey,
        ResultCache,
        Stamp,
        clean,
        context_digest,
        current_stamp,
        file_digest,
        prune,
        settled_stamp,
    )

_HOMES = {
    "CacheError": "location",
    "cache_home": "location",
    "checked_root": "location",
    "root_folder": "location",
    "FileKey": "store",
    "ResultCache": "store",
    "Stamp": "store",
    "clean": "store",
    "context_digest": "store",
    "current_stamp": "store",
    "file_digest": "store",
    "prune": "store",
    "settled_stamp": "store",
}

__all__ = [
    "CacheError",
    "FileKey",
    "ResultCache",
    "Stamp",
    "cache_home",
    "checked_root",
    "clean",
    "context_digest",
    "current_stamp",
    "file_digest",
    "prune",
    "root_folder",
    "settled_stamp",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(f"svcstd.cache.{home}"), name)
