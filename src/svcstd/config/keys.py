"""The top-level keys of the configuration: one parser per key, each failing with what the key expects."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from svcstd.config.file import MISSING, TABLE, ConfigFile
from svcstd.config.settings import FAIL_ON_CHOICES
from svcstd.model import Principle, Text
from svcstd.reading.limits import DEFAULT_LIMITS, Limits
from svcstd.scoring.grades import NAMED_SCALES, Band, GradeScale

STRINGS = Text("a list of strings", "daftar teks (string)")
FOLDERS = Text(
    "a list of existing folders, relative to the configuration file",
    "daftar folder yang ada, relatif terhadap berkas konfigurasi",
)
SCORE = Text("a number from 0 to 100", "angka dari 0 sampai 100")
MIN_PRINCIPLE = Text(
    "a number from 0 to 100, or a table of principle = number",
    "angka dari 0 sampai 100, atau tabel prinsip = angka",
)
WEIGHT = Text("a number from 0 to 100", "angka dari 0 sampai 100")
GRADES = Text(
    '"ombudsman", "skm" or a list of bands {key, min, label_en, label_id}',
    '"ombudsman", "skm", atau daftar pita nilai {key, min, label_en, label_id}',
)
MAX_WEIGHT = 100
LIMIT_MAXIMA = Limits(max_file_bytes=1024**3, max_depth=1_000, max_nodes=10_000_000, max_documents=100_000)
"""What a limit may be raised to: beyond these a single file could exhaust memory or the stack."""
NON_EMPTY_TEXT = Text("a non-empty string", "teks yang tidak kosong")
UNUSED_KEY = Text("a key not used by another band", "kunci yang belum dipakai pita nilai lain")
UNUSED_MIN = Text("a minimum not used by another band", "batas bawah yang belum dipakai pita nilai lain")
LOWEST_MIN = Text(
    "0 as the minimum of the lowest band, so that every score gets a grade",
    "0 sebagai batas bawah pita nilai terendah, agar setiap skor mendapat predikat",
)
SOME_WEIGHT = Text(
    "weights that are not all 0 (a principle left out weighs 1)",
    "bobot yang tidak semuanya 0 (prinsip yang tidak disebut berbobot 1)",
)


def _one_of(choices: tuple[str, ...] | list[str]) -> Text:
    listed = ", ".join(choices)
    return Text(f"one of {listed}", f"salah satu dari {listed}")


def _whole(maximum: int) -> Text:
    return Text(f"a whole number from 1 to {maximum}", f"bilangan bulat dari 1 sampai {maximum}")


def is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _strings(value: object, source: ConfigFile, key: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        source.fail(key, STRINGS, value)
    return tuple(value)


def parse_choice(choices: tuple[str, ...]) -> Callable[[object, ConfigFile, str], str]:
    def parse(value: object, source: ConfigFile, key: str) -> str:
        if not isinstance(value, str) or value not in choices:
            source.fail(key, _one_of(choices), value)
        return value

    return parse


def _score(value: object, source: ConfigFile, key: str) -> float:
    if not is_number(value) or not 0 <= value <= 100:  # type: ignore[operator]
        source.fail(key, SCORE, value)
    return float(value)  # type: ignore[arg-type]


def _weight(value: object, source: ConfigFile, key: str) -> float:
    """Bounded, so that a weighted mean cannot overflow to infinity and the scores to NaN."""
    if not is_number(value) or not 0 <= value <= MAX_WEIGHT:  # type: ignore[operator]
        source.fail(key, WEIGHT, value)
    return float(value)  # type: ignore[arg-type]


def parse_table(value: object, source: ConfigFile, key: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        source.fail(key, TABLE, value)
    return value


def _per_principle(
    value: object, source: ConfigFile, key: str, parse: Callable[[object, ConfigFile, str], float]
) -> dict[Principle, float]:
    known = tuple(p.value for p in Principle)
    result: dict[Principle, float] = {}
    for name, number in parse_table(value, source, key).items():
        if name not in known:
            source.unknown(f"{key}.{name}", known)
        result[Principle(name)] = parse(number, source, f"{key}.{name}")
    return result


def _min_principle(value: object, source: ConfigFile, key: str) -> dict[Principle, float]:
    if isinstance(value, dict):
        return _per_principle(value, source, key, _score)
    if not is_number(value):
        source.fail(key, MIN_PRINCIPLE, value)
    minimum = _score(value, source, key)
    return dict.fromkeys(Principle, minimum)


def _principle_weights(value: object, source: ConfigFile, key: str) -> dict[Principle, float]:
    """A principle left out weighs 1; all six at 0 would leave no overall score to compute."""
    weights = _per_principle(value, source, key, _weight)
    if sum(weights.get(principle, 1.0) for principle in Principle) <= 0:
        source.fail(key, SOME_WEIGHT, value)
    return weights


def _grades(value: object, source: ConfigFile, key: str) -> GradeScale:
    if isinstance(value, str) and value in NAMED_SCALES:
        return NAMED_SCALES[value]
    if not isinstance(value, list) or not value:
        source.fail(key, GRADES, value)
    bands = tuple(_band(item, source, f"{key}[{index}]") for index, item in enumerate(value))
    for field_name, expected in (("key", UNUSED_KEY), ("min", UNUSED_MIN)):
        values = [getattr(band, field_name) for band in bands]
        for index, taken in enumerate(values):
            if values.index(taken) != index:
                source.fail(f"{key}[{index}].{field_name}", expected, taken)
    lowest = min(range(len(bands)), key=lambda index: bands[index].min)
    if bands[lowest].min != 0:
        source.fail(f"{key}[{lowest}].min", LOWEST_MIN, bands[lowest].min)
    return bands


BAND_KEYS = ("key", "min", "label_en", "label_id")


def _band(value: object, source: ConfigFile, key: str) -> Band:
    table = parse_table(value, source, key)
    for name in table:
        if name not in BAND_KEYS:
            source.unknown(f"{key}.{name}", BAND_KEYS)
    texts = {}
    for name in ("key", "label_en", "label_id"):
        if not isinstance(table.get(name), str) or not table[name].strip():
            source.fail(f"{key}.{name}", NON_EMPTY_TEXT, table.get(name, MISSING))
        texts[name] = table[name]
    minimum = _score(table.get("min", MISSING), source, f"{key}.min")
    return Band(texts["key"], minimum, Text(texts["label_en"], texts["label_id"]))


def _rule_paths(value: object, source: ConfigFile, key: str) -> tuple[str, ...]:
    """Absolute folders: relative to the configuration file, and valid in worker processes started elsewhere."""
    folders = []
    for index, entry in enumerate(_strings(value, source, key)):
        folder = source.path.parent / entry
        if not folder.is_dir():
            source.fail(f"{key}[{index}]", FOLDERS, entry)
        folders.append(str(folder.resolve()))
    return tuple(folders)


def _limits(value: object, source: ConfigFile, key: str) -> Limits:
    given: dict[str, int] = {}
    for name, number in parse_table(value, source, key).items():
        if name not in Limits._fields:
            source.unknown(f"{key}.{name}", Limits._fields)
        maximum = getattr(LIMIT_MAXIMA, name, 1)
        if not isinstance(number, int) or isinstance(number, bool) or not 1 <= number <= maximum:
            source.fail(f"{key}.{name}", _whole(maximum), number)
        given[name] = number
    return DEFAULT_LIMITS._replace(**given)


PARSERS: dict[str, Callable[[Any, ConfigFile, str], Any]] = {
    "include": _strings,
    "exclude": _strings,
    "select": _strings,
    "ignore": _strings,
    "fail_on": parse_choice(FAIL_ON_CHOICES),
    "fail_under": _score,
    "min_principle": _min_principle,
    "principle_weights": _principle_weights,
    "grades": _grades,
    "lang": parse_choice(("en", "id")),
    "rule_paths": _rule_paths,
    "limits": _limits,
}
KNOWN_KEYS = (*PARSERS, "rules")
