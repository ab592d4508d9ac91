"""`quick_search` finds what `pattern.search` finds, on every text: the words it checks first only pass over
texts that cannot match.

Derandomised texts are built from each pattern's own words (respelt in upper and mixed case, cut, glued to
other letters, between boundaries) and from characters that case-insensitive matching treats specially
(the Kelvin sign, the long s, the dotted and dotless i), so that both a missed word and a wrong shortcut
show as a difference.
"""

from __future__ import annotations

import random
import re

import pytest

from svcstd.rules import accountability, complaints, fairness, sector_packs
from svcstd.rules import guarantees as guarantee_rules
from svcstd.standard import fees
from svcstd.standard.words import needed_words, quick_search

PATTERNS = {
    "RELIEF": fairness.RELIEF(),
    "IN_PERSON_BY_NATURE": fairness.IN_PERSON_BY_NATURE(),
    "POPULATION": sector_packs.POPULATION,
    "EMERGENCY": sector_packs.EMERGENCY,
    "DEFERRED": sector_packs._DEFERRED(),
    "DOWN_PAYMENT": sector_packs._DOWN_PAYMENT(),
    "COVERAGE": fees.COVERAGE(),
    "COMPENSATION": guarantee_rules._COMPENSATION,
    "COMPLAINT_SERVICE": complaints._COMPLAINT_SERVICE,
    "SANCTION": accountability._SANCTION,
}
ODD = ["\u212a", "\u017f", "\u0130", "\u0131", "é", "—", "\u00a0", " ", "\n", "-", "_", "/", "2", "x", "24"]
FILLER = "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789 ,.;:()\n"


def _respelt(word: str, rng: random.Random) -> str:
    choice = rng.randrange(6)
    if choice == 0:
        return word.upper()
    if choice == 1:
        return "".join(c.upper() if rng.random() < 0.5 else c for c in word)
    if choice == 2 and len(word) > 1:
        cut = rng.randrange(1, len(word))
        return word[:cut] + rng.choice(ODD) + word[cut:]  # broken by an odd character
    if choice == 3:  # one ASCII letter swapped for a character that case-insensitive matching may equate
        swaps = {"k": "\u212a", "s": "\u017f", "i": "\u0131", "K": "\u212a", "S": "\u017f", "I": "\u0130"}
        return "".join(swaps.get(c, c) if rng.random() < 0.5 else c for c in word)
    if choice == 4:
        return rng.choice("xZ1_") + word + rng.choice("yQ9_")  # glued to other word characters
    return word


def _texts(pattern: re.Pattern[str], seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    words = list(needed_words(pattern) or ()) + [w for w in re.split(r"[^A-Za-z ]+", pattern.pattern) if w]
    texts = ["", " ", "\n"]
    for _ in range(count):
        parts = []
        for _ in range(rng.randrange(1, 6)):
            roll = rng.random()
            if roll < 0.45:
                parts.append(_respelt(rng.choice(words), rng))
            elif roll < 0.6:
                parts.append(rng.choice(ODD))
            else:
                parts.append("".join(rng.choice(FILLER) for _ in range(rng.randrange(0, 12))))
        texts.append(rng.choice(["", " ", "\n", "-"]).join(parts))
    return texts


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_the_same_match_as_the_pattern(name: str) -> None:
    pattern = PATTERNS[name]
    quick = quick_search(pattern)
    matched = 0
    for text in _texts(pattern, seed=sum(map(ord, name)), count=3000):
        expected = pattern.search(text)
        found = quick(text)
        assert (found and (found.span(), found.group())) == (expected and (expected.span(), expected.group())), text
        matched += expected is not None
    assert 300 < matched < 2900  # both kinds of text were tried


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_the_shortcut_is_taken(name: str) -> None:
    """Each wired pattern shows its words (else `quick_search` is only `pattern.search`, slower by a call)."""
    assert needed_words(PATTERNS[name])


@pytest.mark.parametrize(
    ("pattern", "words"),
    [
        (r"tidak\s+(?:menjadi\s+)?syarat|\bkk\b", ("syarat", "kk")),
        (r"akta\s+(?:kelahiran|kematian)", ("lahiran", "matian")),  # the parser takes their common start out
        (r"Jamkes(?:da|mas)?|sesuai (?:dengan )?hak", ("jamkes", "sesuai ")),
        (r"\d|sesuai", None),  # a branch of digits shows no word: searched in full
        (r"^(?=.*janji)(?=.*standar)", None),  # lookaheads: searched in full
        (r"(?-i:ABC)|def", None),  # a group that changes flags: searched in full
        (r"caf\u00e9|tea", ("caf", "tea")),  # a letter that is not ASCII ends a word
        (r"(?:ab)+cd|ef{2,}", ("ab", "e")),  # a repeat taken at least once counts
    ],
)
def test_words_read_off_a_pattern(pattern: str, words: tuple[str, ...] | None) -> None:
    assert needed_words(re.compile(pattern, re.IGNORECASE)) == words


def test_case_sensitive_patterns_check_the_words_as_written() -> None:
    pattern = re.compile(r"\bSKTM\b|Jamkes")
    quick = quick_search(pattern)
    for text in ["sktm", "SKTM", "a SKTM b", "jamkes", "xJamkesy", "\u212aSKTM", ""]:
        expected = pattern.search(text)
        found = quick(text)
        assert (found and found.span()) == (expected and expected.span())


def test_a_lazy_pattern_is_compiled_at_the_first_search() -> None:
    compiled: list[int] = []

    def lazy() -> re.Pattern[str]:
        compiled.append(1)
        return re.compile("gratis", re.IGNORECASE)

    quick = quick_search(lazy)
    assert not compiled
    assert quick("GRATIS") is not None and quick("bayar") is None
    assert compiled == [1]
