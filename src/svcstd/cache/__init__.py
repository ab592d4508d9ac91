"""The result cache: a signed index and packs of JSON results in the user's cache folder, one per checked root."""

from __future__ import annotations

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
