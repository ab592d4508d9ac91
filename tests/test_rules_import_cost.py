"""What was made cheaper at import in rules/ and standard/ gives what it gave before (docs/performance.md, issue 17,
ninth part)."""

from __future__ import annotations

import calendar
import random
from datetime import date

import pytest

from svcstd.standard.dates import _month_days, add_months


def _old_add_months(start: date, months: int) -> date:
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def test_month_lengths_are_the_calendars() -> None:
    for year in (*range(1, 2500), *range(9900, 10000), 0, -1, -400, 10_000, 12_000):
        for month in range(1, 13):
            assert _month_days(year, month) == calendar.monthrange(year, month)[1], (year, month)


def test_add_months_is_the_calendars() -> None:
    rng = random.Random(17)
    starts = [date(2024, 1, 31), date(2023, 1, 31), date(1900, 1, 29), date(2000, 2, 29), date(9999, 12, 31)]
    starts += [date.fromordinal(rng.randrange(1, date.max.toordinal())) for _ in range(3000)]
    for start in starts:
        for months in (0, 1, 2, 11, 12, 13, 24, 25, 48, 59, 600, rng.randrange(0, 120_000), -1, -13):
            try:
                expected: date | str = _old_add_months(start, months)
            except ValueError as error:
                expected = f"ValueError: {error}"
            try:
                got: date | str = add_months(start, months)
            except ValueError as error:
                got = f"ValueError: {error}"
            assert got == expected, (start, months)


def test_dates_does_not_import_calendar() -> None:
    import subprocess
    import sys

    code = "import sys, svcstd.standard.dates; print('calendar' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


@pytest.mark.parametrize("month", range(1, 13))
def test_a_month_end_is_clamped(month: int) -> None:
    start = date(2023, 1, 31)
    assert add_months(start, month - 1).day == calendar.monthrange(2023, month)[1]
