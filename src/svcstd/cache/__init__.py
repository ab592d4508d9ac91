"""The result cache: signed JSON entries in the user's cache folder, one folder per checked root."""

from __future__ import annotations

from svcstd.cache.location import CacheError, cache_home, checked_root, root_folder
from svcstd.cache.store import ResultCache, clean, context_digest, file_digest, prune

__all__ = [
    "CacheError",
    "ResultCache",
    "cache_home",
    "checked_root",
    "clean",
    "context_digest",
    "file_digest",
    "prune",
    "root_folder",
]
