"""A remembered message is the message `bilingual` fills: for every rule, on first and later use, with texts
around the remembered length, ints, bools and floats (never remembered), and after the memo is emptied."""

from __future__ import annotations

import random
import string

import pytest

from svcstd.i18n import bilingual
from svcstd.rules import BUILTIN_RULES, base
from svcstd.rules.base import quoted

VALUES: list[object] = [0, 1, 7, -3, True, False, 0.5, "", "KTP", "a" * 199, "b" * 200, "c" * 201, "d" * 300, "e" * 301]


def _params(rule: base.Rule, rng: random.Random) -> dict[str, object]:
    names = {name for text in rule.message for _, name, _, _ in string.Formatter().parse(text) if name}
    return {name: rng.choice(VALUES) for name in sorted(names)}


@pytest.mark.parametrize("limit", [4096, 3])
def test_remembered_messages_are_the_filled_ones(monkeypatch: pytest.MonkeyPatch, limit: int) -> None:
    monkeypatch.setattr(base, "_FILLED", {})
    monkeypatch.setattr(base, "_FILLED_LIMIT", limit)
    rng = random.Random(limit)
    for _ in range(3):
        for rule in BUILTIN_RULES:
            for _ in range(4):
                params = _params(rule, rng)
                expected = bilingual(rule.message, **{key: quoted(value) for key, value in params.items()})
                assert rule.format_message(params) == expected
                assert rule.format_message(dict(reversed(params.items()))) == expected
    assert len(base._FILLED) <= limit
    assert base._FILLED  # messages were remembered
