"""Text as a reader compares it: lower case, punctuation and runs of spaces folded to one space."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache, lru_cache

_NON_WORD = re.compile(r"[\W_]+")
_REMEMBERED = 200
"""Texts up to this length are remembered (roles, requirement names and cases recur in document after document);
a longer one is folded afresh, so the memory held stays small whatever the documents hold."""


def folded(text: str) -> str:
    """`Petugas Loket/Front-Office` -> `petugas loket front office`."""
    return _remembered(text) if len(text) <= _REMEMBERED else _fold(text)


def _fold(text: str) -> str:
    return _NON_WORD.sub(" ", text.casefold()).strip()


_remembered = lru_cache(maxsize=4096)(_fold)


def lazy_pattern(pattern: str, flags: int = 0) -> Callable[[], re.Pattern[str]]:
    """A regular expression compiled at its first use, not at import: a run that never asks for it (a small
    file whose sector or fees do not call for it) does not pay for compiling it. `PATTERN().search(text)`."""

    @cache
    def compiled() -> re.Pattern[str]:
        return re.compile(pattern, flags)

    return compiled
