"""Durations as the format writes them (`{value|min+max, unit}`), compared on one scale."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from svcstd.model import Text

# Elapsed time in minutes. A working day stands for 7/5 of a calendar day, so that "10 working days"
# and "14 days" compare as the two weeks they both are. A month (format 1.1) is 30 calendar days, about
# 21 working days (not the 22 of a long month: a promise of "1 bulan" is read at its shortest fair length);
# a year is 365 calendar days.
MINUTES_PER_UNIT: dict[str, float] = {
    "minutes": 1.0,
    "hours": 60.0,
    "days": 1440.0,
    "working_days": 1440.0 * 7 / 5,
    "months": 1440.0 * 30,
    "years": 1440.0 * 365,
}

UNIT_NAMES: dict[str, Text] = {
    "minutes": Text("minutes", "menit"),
    "hours": Text("hours", "jam"),
    "days": Text("days", "hari"),
    "working_days": Text("working days", "hari kerja"),
    "months": Text("months", "bulan"),
    "years": Text("years", "tahun"),
}


def as_float(amount: Any) -> float:
    """`float(amount)`, except that an integer too large for a float (YAML allows `1` followed by 400 zeros, and
    the schema's `number` does too) is infinite, with its sign, instead of raising OverflowError."""
    try:
        return float(amount)
    except OverflowError:
        return math.inf if amount > 0 else -math.inf


def is_measured(duration: object) -> bool:
    """A duration with a number and a unit; a text-only one (`text: Sesuai SLA`, format 1.1) cannot be compared."""
    if not isinstance(duration, Mapping) or duration.get("unit") not in MINUTES_PER_UNIT:
        return False
    return "value" in duration or ("min" in duration and "max" in duration)


def upper_minutes(duration: Mapping[str, Any]) -> float:
    """The longest the duration may take, in minutes (`max` of a range, else `value`); 0 when not measured."""
    if not is_measured(duration):
        return 0.0
    amount = duration.get("max", duration.get("value", 0))
    return as_float(amount) * MINUTES_PER_UNIT[duration["unit"]]


def measured_upper(duration: object) -> float | None:
    """`upper_minutes` of a measured duration, None for one that is not (`is_measured`): both in one test, the
    plain mapping YAML gives read directly (rules call it for every step and completion time)."""
    if type(duration) is dict:
        per_unit = MINUTES_PER_UNIT.get(duration.get("unit"))  # type: ignore[arg-type]
        if per_unit is not None and ("value" in duration or ("min" in duration and "max" in duration)):
            return as_float(duration.get("max", duration.get("value", 0))) * per_unit
        return None
    if is_measured(duration):
        return upper_minutes(duration)  # type: ignore[arg-type]
    return None


def lower_minutes(duration: Mapping[str, Any]) -> float:
    """The shortest the duration may take, in minutes (`min` of a range, else `value`); 0 when not measured."""
    if not is_measured(duration):
        return 0.0
    amount = duration.get("min", duration.get("value", 0))
    return as_float(amount) * MINUTES_PER_UNIT[duration["unit"]]


def completion_durations(completion_time: Any) -> list[Mapping[str, Any]]:
    """`completion_time` is one duration or a list of them (per case or stage)."""
    return list(completion_time) if isinstance(completion_time, list) else [completion_time]


def describe(duration: Mapping[str, Any], lang: str) -> str:
    """`1 working day`, `3-14 hari kerja`: a duration as a reader says it (a text-only one: its text)."""
    if not is_measured(duration):
        return str(duration.get("text", ""))
    unit = UNIT_NAMES[duration["unit"]](lang)
    if "value" in duration:
        amount = _number(duration["value"])
    else:
        amount = f"{_number(duration['min'])}–{_number(duration['max'])}"
    return f"{amount} {unit}"


def _number(value: float) -> str:
    if type(value) is int:  # as it is: one too large for a float has no float to test
        return str(value)
    return str(int(value)) if float(value).is_integer() else str(value)
