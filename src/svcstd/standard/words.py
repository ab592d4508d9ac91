"""Text as a reader compares it: lower case, punctuation and runs of spaces folded to one space."""

from __future__ import annotations

import re
from functools import lru_cache

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
