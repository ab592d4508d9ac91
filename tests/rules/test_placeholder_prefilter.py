"""TRA090's one-pass pre-check never hides a marker that the walk would find."""

from __future__ import annotations

from typing import Any

import pytest

from svcstd.rules.authoring import may_hold_placeholders, placeholder_pointers


@pytest.mark.parametrize(
    "data",
    [
        {"title": "<<ISI: nama layanan>>"},
        {"a": [{"b": 'say "<<FILL IN: x>>"'}]},
        {"<<ISI: key>>": 1},
        {"a": float("nan"), "b": ["\\<<ISI: q"]},
        {"title": "Layanan", "note": "<< ISI: not a marker", "n": 3},
        {"a": {"b": [1, 2.5, None, True, "ISI:<<"]}},
    ],
)
def test_the_pre_check_agrees_with_the_walk(data: dict[str, Any]) -> None:
    if any(True for _ in placeholder_pointers(data)):
        assert may_hold_placeholders(data)
    else:
        assert not may_hold_placeholders(data)
