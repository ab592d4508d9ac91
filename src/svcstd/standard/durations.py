"""Durations as the format writes them (`{value|min+max, unit}`), compared on one scale."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from svcstd.model import Text

# Elapsed time in minutes. A working day stands for 7/5 of a calendar day, so that "10 working days"
# and "14 days" compare as the two weeks they both are.
MINUTES_PER_UNIT: dict[str, float] = {
    "minutes": 1.0,
    "hours": 60.0,
    "days": 1440.0,
    "working_days": 1440.0 * 7 / 5,
}

UNIT_NAMES: dict[str, Text] = {
    "minutes": Text("minutes", "menit"),
    "hours": Text("hours", "jam"),
    "days": Text("days", "hari"),
    "working_days": Text("working days", "hari kerja"),
}


def upper_minutes(duration: Mapping[str, Any]) -> float:
    """The longest the duration may take, in minutes (`max` of a range, else `value`)."""
    amount = duration.get("max", duration.get("value", 0))
    return float(amount) * MINUTES_PER_UNIT[duration["unit"]]


def lower_minutes(duration: Mapping[str, Any]) -> float:
    """The shortest the duration may take, in minutes (`min` of a range, else `value`)."""
    amount = duration.get("min", duration.get("value", 0))
    return float(amount) * MINUTES_PER_UNIT[duration["unit"]]


def completion_durations(completion_time: Any) -> list[Mapping[str, Any]]:
    """`completion_time` is one duration or a list of them (per case or stage)."""
    return list(completion_time) if isinstance(completion_time, list) else [completion_time]


def describe(duration: Mapping[str, Any], lang: str) -> str:
    """`1 working day`, `3-14 hari kerja`: a duration as a reader says it."""
    unit = UNIT_NAMES[duration["unit"]](lang)
    if "value" in duration:
        amount = _number(duration["value"])
    else:
        amount = f"{_number(duration['min'])}–{_number(duration['max'])}"
    return f"{amount} {unit}"


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)
