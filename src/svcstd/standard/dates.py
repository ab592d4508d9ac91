"""Date arithmetic of the format: months added as a person counts them."""

from __future__ import annotations

from datetime import date

_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
"""The days of each month in a common year (what `calendar.mdays` holds; `calendar` imports `locale`, ~4 ms)."""


def _month_days(year: int, month: int) -> int:
    """The days of `month` (1-12) of `year`: `calendar.monthrange(year, month)[1]`, with its leap years."""
    if month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0):
        return 29
    return _DAYS[month - 1]


def add_months(start: date, months: int) -> date:
    """The same day `months` later, clamped to the month's end (31 Jan + 1 month = 28/29 Feb)."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    return date(year, month, min(start.day, _month_days(year, month)))
