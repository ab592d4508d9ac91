"""What was made cheaper at import in rules/ and standard/ gives what it gave before (docs/performance.md, issue 17,
ninth part)."""

from __future__ import annotations

import calendar
import random
from datetime import date

import pytest

from svcstd.rules import fairness, guarantees, simplicity, transparency
from svcstd.standard import contacts, legal, template
from svcstd.standard.dates import _month_days, add_months

OLD_PATTERNS = [  # what each pattern compiled at import was on main, its text and flags (re.UNICODE is 32)
    (
        "guarantees._SERVICE_CHECKABLE",
        "\\d|sesuai\\s+(?:dengan\\s+)?(?:standar|sp\\b|ketentuan|prosedur|jadwal|waktu)|standar\\s+pelayanan|tepat\\s+waktu|kompensasi|ganti\\s*rugi|diganti|dikembalikan|pengembalian|gratis|tanpa\\s+(?:dipungut\\s+)?biaya|tidak\\s+dipungut|sanksi|diantar|dikirim|bebas\\s+pungl|kepastian|sesuai|tanpa|\\bhari\\b|\\bjam\\b|menit|selesai|urutan|antre(?:an)?|antri(?:an)?",
        34,
    ),
    (
        "guarantees._SECURITY_CHECKABLE",
        "aman|keselamatan|selamat|bahaya|risiko|resiko|rahasia|data\\s+pribadi|privasi|perlindungan|dilindungi|terlindungi|apar|pemadam|evakuasi|cctv|satpam|satpol|petugas\\s+keamanan|pengamanan|p3k|asuransi|steril|higien|infeksi|k3\\b|kebakaran|darurat|pengawasan|\\bdata\\b|dokumen|ditahan|dikembalikan|pihak\\s+lain|nyaman|kondusif|tanpa\\s+meminta",
        34,
    ),
    (
        "fairness.SERVES['disability']",
        "disabilitas|difabel|kursi roda|\\bramp\\b|jalur landai|bidang miring|guiding block|ubin pemandu|tuna",
        34,
    ),
    ("fairness.SERVES['elderly']", "lansia|lanjut usia|manula", 34),
    ("fairness.SERVES['pregnant']", "ibu hamil|laktasi|menyusui|obstetri|kebidanan|bersalin|ponek", 34),
    ("fairness.SERVES['children']", "\\banak\\b|ramah anak|bermain|bayi|balita|pojok baca", 34),
    ("simplicity._SENTENCE_END", "(?<=[.!?;])\\s+", 32),
    ("transparency._LINE_RANGE", "^(.*\\d)-(\\d+)$", 32),
    ("contacts._WEB", "https?://[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)+(?::\\d+)?(?:[/?#]\\S*)?", 34),
    ("legal._YEAR_ONLY", "\\b(?:tahun|thn\\.?|th\\.?)\\W*(?P<year>(?:19|20)\\d\\d)\\b", 34),
    ("template._FIELDS", "\\{(service|provider|id)\\}", 32),
    ("template._KIND", "\\{kind\\} *", 32),
    ("template._STANDARD_ONLY", "^#<standard>\n.*?^#</standard>\n", 56),
    ("template._NOT_SLUG", "[^a-z0-9]+", 32),
]


def _lazy(name: str) -> object:
    module, _, rest = name.partition(".")
    holder = {
        "guarantees": guarantees,
        "fairness": fairness,
        "simplicity": simplicity,
        "transparency": transparency,
        "contacts": contacts,
        "legal": legal,
        "template": template,
    }[module]
    if rest.startswith("SERVES["):
        return fairness.SERVES[rest[len("SERVES['") : -2]]
    return getattr(holder, rest)


@pytest.mark.parametrize(("name", "pattern", "flags"), OLD_PATTERNS, ids=[item[0] for item in OLD_PATTERNS])
def test_a_pattern_compiled_at_first_use_is_the_one_compiled_at_import_before(
    name: str, pattern: str, flags: int
) -> None:
    lazy = _lazy(name)
    assert callable(lazy)
    compiled = lazy()
    assert (compiled.pattern, int(compiled.flags)) == (pattern, flags)
    assert lazy() is compiled  # compiled once


def test_importing_the_rules_compiles_none_of_them() -> None:
    import subprocess
    import sys

    names = [item[0] for item in OLD_PATTERNS]
    code = (
        "import svcstd.rules\n"
        "from svcstd.rules import fairness, guarantees, simplicity, transparency\n"
        "from svcstd.standard import contacts, legal, template\n"
        f"names = {names!r}\n"
        "def lazy(name):\n"
        "    module, _, rest = name.partition('.')\n"
        "    if rest.startswith('SERVES['):\n"
        '        return fairness.SERVES[rest[len("SERVES[\'"):-2]]\n'
        "    return getattr(globals()[module], rest)\n"
        "print(sum(lazy(name).cache_info().currsize for name in names))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "0"


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


def test_the_registry_is_what_copying_every_rule_made() -> None:
    from dataclasses import replace

    import svcstd.rules as registry

    binding = registry.binding_ids()
    assert not any(rule.binding for rule in registry._REGISTRY)
    assert tuple(replace(rule, binding=rule.id in binding) for rule in registry._REGISTRY) == registry.BUILTIN_RULES
    assert [rule.binding for rule in registry.BUILTIN_RULES] == [rule.id in binding for rule in registry._REGISTRY]
    assert 0 < sum(rule.binding for rule in registry.BUILTIN_RULES) < len(registry.BUILTIN_RULES)
