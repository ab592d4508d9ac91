"""Text as a reader compares it: lower case, punctuation and runs of spaces folded to one space."""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from functools import cache, lru_cache
from typing import Any

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


Search = Callable[[str], "re.Match[str] | None"]


def quick_search(pattern: re.Pattern[str] | Callable[[], re.Pattern[str]]) -> Search:
    """`pattern.search(text)`, the same match, with the texts that cannot match passed over without the pattern.

    Python's regular expressions try every alternative at every position of a text; most texts hold none of
    the words a pattern needs. `needed_words` reads from the pattern a few words of which every match holds
    one; a text without any of them (a case-insensitive pattern: an ASCII text lowered, where no other
    character can stand for an ASCII letter) cannot match, and the search runs only on the others. A pattern
    whose words cannot be read off (a branch starting with a character class) is searched as it always was.
    A lazy pattern (`lazy_pattern`) is compiled at the first search, as before.

    The answer for a text of at most `_REMEMBERED` characters is remembered (at most `_REMEMBERED_SEARCHES`
    texts, then forgotten all at once): the same contacts, actors, names and notes recur in document after
    document (two searches in three on the real corpus are of a text already searched). An equal text gets
    an equal match (the same groups and positions), made from the first text.
    """
    state: list[Search] = []
    answers: dict[str, re.Match[str] | None] = {}

    def search(text: str) -> re.Match[str] | None:
        found = answers.get(text, _UNSEEN) if type(text) is str else _UNSEEN
        if found is not _UNSEEN:
            return found  # type: ignore[return-value]
        if not state:
            state.append(_prefiltered(pattern if isinstance(pattern, re.Pattern) else pattern()))
        found = state[0](text)
        if type(text) is str and len(text) <= _REMEMBERED:
            if len(answers) >= _REMEMBERED_SEARCHES:
                answers.clear()
            answers[text] = found
        return found

    return search


_UNSEEN = object()
_REMEMBERED_SEARCHES = 2048


def _prefiltered(pattern: re.Pattern[str]) -> Search:
    words = needed_words(pattern)
    full = pattern.search
    if words is None:
        return full
    if not pattern.flags & re.IGNORECASE:

        def exact(text: str) -> re.Match[str] | None:
            for word in words:
                if word in text:
                    return full(text)
            return None

        return exact

    def ignoring_case(text: str) -> re.Match[str] | None:
        if text.isascii():
            lowered = text.lower()
            for word in words:
                if word in lowered:
                    return full(text)
            return None
        return full(text)  # 'K' (Kelvin) or 'ſ' may stand for an ASCII letter: no shortcut

    return ignoring_case


def needed_words(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    """Words of which every match of `pattern` holds at least one (lowered for a case-insensitive pattern),
    or None when the pattern does not show such words. ASCII words only."""
    try:  # the standard library's own parser of patterns (a private module: looked up, not imported by name)
        sre = importlib.import_module("re._constants")
        _parser = importlib.import_module("re._parser")
        parsed = _parser.parse(pattern.pattern, pattern.flags)
    except Exception:  # a private module: if a later Python changes it, every search runs in full
        return None
    ignore = bool(pattern.flags & re.IGNORECASE)

    def of_sequence(items: Any) -> tuple[str, ...] | None:
        """The best condition of a sequence: every match of it matches each item, so any item's will do."""
        options: list[tuple[str, ...]] = []
        run: list[str] = []
        for op, av in items:
            if op is sre.LITERAL and av < 128:
                run.append(chr(av))
                continue
            if op is sre.AT:
                continue  # a boundary matches no character: the letters around it stay side by side
            if run:
                options.append(("".join(run),))
                run = []
            if op is sre.BRANCH:
                branches = [of_sequence(branch) for branch in av[1]]
                if all(branches):
                    options.append(tuple(word for words in branches for word in words))  # type: ignore[union-attr]
            elif op is sre.SUBPATTERN and not av[1] and not av[2]:  # a group that changes no flag
                inner = of_sequence(av[3])
                if inner:
                    options.append(inner)
            elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and av[0] >= 1:
                inner = of_sequence(av[2])
                if inner:
                    options.append(inner)
        if run:
            options.append(("".join(run),))
        if not options:
            return None
        return max(options, key=lambda words: (min(map(len, words)), -len(words)))

    words = of_sequence(parsed)
    if not words:
        return None
    return tuple(dict.fromkeys(word.lower() if ignore else word for word in words))
