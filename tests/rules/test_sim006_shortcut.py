"""SIM006 decides a route that certainly fits from its groups' exact totals; it must decide as the walk does.

The walk adds each step's minutes in step order and flags the step at which the float total passes the
limit. The shortcut may only skip a route whose float total could not pass it: on procedures whose durations
sum to the limit or just past it in awkward fractions (0.1 hours, thirds, zeros), the findings with and
without the shortcut are the same.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from svcstd.rules import rules_by_id, simplicity
from svcstd.rules.base import Hit, RuleContext

SIM006 = rules_by_id()["SIM006"]
CONTEXT = RuleContext(dict(SIM006.options), date(2026, 11, 27))
VALUES = st.sampled_from([0, 0.1, 0.2, 0.3, 1, 1 / 3, 2.5, 7, 10, 1e-9, 1e9])
UNITS = st.sampled_from(["minutes", "hours", "days", "working_days"])
CASES = st.sampled_from([None, "baru", "hilang", "rusak"])
CHANNELS = st.sampled_from([None, "online", "in_person"])


@st.composite
def procedures(draw: st.DrawFn) -> dict[str, Any]:
    steps = []
    for n in range(draw(st.integers(1, 14))):
        step: dict[str, Any] = {"actor": "Petugas", "action": f"Langkah {n}"}
        step["duration"] = {"value": draw(VALUES), "unit": draw(UNITS)}
        for key, strategy in (("when", CASES), ("channel", CHANNELS)):
            if (value := draw(strategy)) is not None:
                step[key] = value
        steps.append(step)
    completion = [
        {"value": draw(VALUES), "unit": draw(UNITS), **({"when": case} if (case := draw(CASES)) else {})}
        for _ in range(draw(st.integers(1, 3)))
    ]
    return {"svcstd": "1.1", "delivery": {"procedure": {"steps": steps}, "completion_time": completion}}


def judged(doc: dict[str, Any]) -> list[Hit]:
    return list(SIM006.check(doc, CONTEXT)) if SIM006.applies is None or SIM006.applies(doc, CONTEXT) else []


@settings(derandomize=True, max_examples=400, deadline=None)
@given(procedures())
def test_the_shortcut_finds_what_the_walk_finds(doc: dict[str, Any]) -> None:
    with_shortcut = judged(doc)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(simplicity, "_group_sums", lambda minutes, timed: None)
        assert judged(doc) == with_shortcut


def test_a_route_at_its_limit_in_floats_is_not_flagged_and_one_past_it_is() -> None:
    steps = [
        {"actor": "Petugas", "action": f"L{n}", "duration": {"value": v, "unit": "minutes"}}
        for n, v in enumerate((0.1, 0.2))
    ]
    doc: dict[str, Any] = {
        "delivery": {"procedure": {"steps": steps}, "completion_time": {"value": 0.3, "unit": "minutes"}}
    }
    # 0.1 + 0.2 is 0.30000000000000004 in floats, past 0.3: the walk flags the second step, and so must SIM006
    assert [hit.pointer for hit in judged(doc)] == ["/delivery/procedure/steps/1/duration"]
    doc["delivery"]["completion_time"] = {"value": 0.1 + 0.2, "unit": "minutes"}
    assert judged(doc) == []
