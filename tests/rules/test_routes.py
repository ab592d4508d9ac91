"""A route's steps looked up by group are exactly the steps a scan of every step finds, in the same order."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from svcstd.rules.routes import Routes

NAMES = st.sampled_from([None, "online", "in_person", "a", "b"])
STEPS = st.lists(st.fixed_dictionaries({}, optional={"channel": NAMES, "when": NAMES, "duration": st.just({})}))


def _scan(steps: list[dict[str, Any]], path: tuple[Any, Any]) -> list[int]:
    channel, case = path
    return [i for i, s in enumerate(steps) if s.get("channel") in (None, channel) and s.get("when") in (None, case)]


@settings(max_examples=300, deadline=None, derandomize=True)
@given(STEPS, NAMES, NAMES, st.integers(0, 12))
def test_lookup_matches_a_scan(steps: list[dict[str, Any]], channel: Any, case: Any, n: int) -> None:
    routes = Routes(steps)
    expected = _scan(steps, (channel, case))
    assert list(routes.indexes((channel, case))) == expected
    assert routes.count((channel, case)) == len(expected)
    assert routes.nth((channel, case), n) == (expected[n] if n < len(expected) else None)
    timed = Routes(steps, where=lambda step: "duration" in step)
    assert list(timed.indexes((channel, case))) == [i for i in expected if "duration" in steps[i]]
