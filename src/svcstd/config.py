"""The effective configuration: defaults, then svcstd.toml / .svcstd.toml / [tool.svcstd], then options."""

from __future__ import annotations

import difflib
import json
import math
import re
import tomllib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, NoReturn

from svcstd.errors import ConfigError, UsageError
from svcstd.grades import NAMED_SCALES, OMBUDSMAN, Band, GradeScale
from svcstd.i18n import Catalog
from svcstd.limits import DEFAULT_LIMITS, Limits
from svcstd.model import Principle, Severity, Text

FAIL_ON_CHOICES = ("error", "warning", "info", "never")
CONFIG_FILES = ("svcstd.toml", ".svcstd.toml", "pyproject.toml")
COMMAND_LINE = "command line"
MISSING = object()
DEFAULT = "default"

MESSAGES = Catalog(
    "config",
    {
        "not_found": (
            "the configuration file {file} does not exist.",
            "berkas konfigurasi {file} tidak ada.",
        ),
        "unreadable": (
            "cannot read the configuration file {file}: {reason}.",
            "berkas konfigurasi {file} tidak dapat dibaca: {reason}.",
        ),
        "invalid_toml": (
            "{file}:{line}:{column}: the configuration is not valid TOML: {problem}.",
            "{file}:{line}:{column}: konfigurasi bukan TOML yang sah: {problem}.",
        ),
        "no_table": (
            "{file} has no [tool.svcstd] table; add one or name an svcstd.toml with --config.",
            "{file} tidak memiliki tabel [tool.svcstd]; tambahkan tabel itu atau tentukan svcstd.toml dengan --config.",
        ),
        "unknown_key": (
            "{where}: unknown key `{key}`{hint}; known keys: {known}.",
            "{where}: kunci `{key}` tidak dikenal{hint}; kunci yang dikenal: {known}.",
        ),
        "bad_value": (
            "{where}: `{key}` expects {expected}, not {value}.",
            "{where}: `{key}` harus berisi {expected}, bukan {value}.",
        ),
        "missing": (
            "{where}: `{key}` is missing; it expects {expected}.",
            "{where}: `{key}` belum ada; isinya harus {expected}.",
        ),
        "unknown_rule": (
            "{where}: `{key}`: there is no rule {rule}{hint}. List the rules with `svcstd rules`.",
            "{where}: `{key}`: tidak ada aturan {rule}{hint}. Lihat daftar aturan dengan `svcstd rules`.",
        ),
        "did_you_mean": (" (did you mean {suggestion}?)", " (maksud Anda {suggestion}?)"),
        "no_such_rule": (
            "{where}: {entry} matches no rule{hint}, so it would {effect}. List the rules with `svcstd rules`.",
            "{where}: {entry} tidak cocok dengan aturan mana pun{hint}, sehingga {effect}. "
            "Lihat daftar aturan dengan `svcstd rules`.",
        ),
        "select_effect": ("run no rule at all", "tidak ada satu aturan pun yang dijalankan"),
        "ignore_effect": ("ignore nothing", "tidak ada yang dilewati"),
        "always_runs": (
            "{where}: {entry} is a reading, schema, waiver or gate check; these always run and cannot be "
            "selected or ignored. `--select` and `--ignore` choose rules only (see `svcstd rules --all`).",
            "{where}: {entry} adalah pemeriksaan pembacaan, skema, pengecualian, atau gerbang; pemeriksaan ini "
            "selalu dijalankan dan tidak dapat dipilih atau dilewati. `--select` dan `--ignore` hanya memilih "
            "aturan (lihat `svcstd rules --all`).",
        ),
        "bad_option": (
            "`{option}` expects {expected}, not {value}.",
            "`{option}` harus berisi {expected}, bukan {value}.",
        ),
        "header": ("# svcstd: the effective configuration", "# svcstd: konfigurasi yang berlaku"),
        "default": ("default", "bawaan"),
        "command line": ("command line", "baris perintah"),
        "not_set": ("not set", "tidak diatur"),
    },
)


@dataclass(frozen=True)
class RuleSettings:
    """A repository's adjustments to one rule."""

    severity: Severity | None = None
    weight: int | None = None
    options: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Settings:
    """Everything that can change a result; `sources` says where each non-default value came from."""

    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: str = "error"
    fail_under: float | None = None
    min_principle: Mapping[Principle, float] = field(default_factory=dict)
    principle_weights: Mapping[Principle, float] = field(default_factory=dict)
    grades: GradeScale = OMBUDSMAN
    lang: str | None = None
    rules: Mapping[str, RuleSettings] = field(default_factory=dict)
    rule_paths: tuple[str, ...] = ()
    limits: Limits = DEFAULT_LIMITS
    sources: Mapping[str, str] = field(default_factory=dict)
    config_root: str | None = None
    """The configuration file's folder (absolute): include/exclude globs are relative to it. None: no file."""

    def is_selected(self, rule_id: str) -> bool:
        """select/ignore by id or prefix; ignore wins over select."""
        if any(rule_id.startswith(prefix) for prefix in self.ignore):
            return False
        return not self.select or any(rule_id.startswith(prefix) for prefix in self.select)

    def fails_gate(self, severity: Severity) -> bool:
        """Whether an unwaived finding of this severity fails the gate (`fail_on`)."""
        if self.fail_on == "never":
            return False
        return severity.rank >= Severity(self.fail_on).rank


DEFAULT_SETTINGS = Settings()


# --- reading and discovery -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ConfigFile:
    """One configuration file as read: its path, text (for line numbers) and svcstd's table within it."""

    path: Path
    text: str
    table: Mapping[str, Any]
    prefix: str = ""

    @property
    def display(self) -> str:
        return display_path(self.path)

    def where(self, key: str) -> str:
        line = line_of(self.text, self.prefix + key)
        return f"{self.display}:{line}" if line else self.display

    def fail(self, key: str, expected: Text, value: object) -> NoReturn:
        if value is MISSING:
            raise ConfigError(_text("missing", where=self.where(key), key=self.prefix + key, expected=expected))
        shown = Text("a table", "tabel") if isinstance(value, dict) else toml_value(value)
        raise ConfigError(
            _text("bad_value", where=self.where(key), key=self.prefix + key, expected=expected, value=shown)
        )

    def unknown(self, key: str, known: tuple[str, ...]) -> NoReturn:
        name = key.rsplit(".", 1)[-1]
        hint = _suggestion(name, known)
        where = self.where(key)
        raise ConfigError(_text("unknown_key", where=where, key=self.prefix + key, hint=hint, known=", ".join(known)))


def load_settings(explicit: str | None = None, start: str = ".") -> Settings:
    """The configuration file's settings: the explicit path, else the first file found upwards from `start`."""
    found = read_explicit(Path(explicit)) if explicit else find_config(Path(start))
    return DEFAULT_SETTINGS if found is None else parse_settings(found)


def find_config(start: Path) -> ConfigFile | None:
    """svcstd.toml, .svcstd.toml, then pyproject.toml with [tool.svcstd], in `start` and each folder above."""
    folder = start.resolve()
    for directory in (folder, *folder.parents):
        for name in CONFIG_FILES:
            candidate = directory / name
            if candidate.is_file():
                found = read_config(candidate)
                if found is not None:
                    return found
    return None


def read_explicit(path: Path) -> ConfigFile:
    if not path.is_file():
        raise ConfigError(_text("not_found", file=str(path)))
    found = read_config(path)
    if found is None:
        raise ConfigError(_text("no_table", file=str(path)))
    return found


def read_config(path: Path) -> ConfigFile | None:
    """The file's svcstd settings; None for a pyproject.toml without [tool.svcstd]."""
    try:
        text = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) else "not UTF-8 text / bukan teks UTF-8"
        raise ConfigError(_text("unreadable", file=display_path(path), reason=reason or str(error))) from None
    table = parse_toml(text, path)
    if path.name != "pyproject.toml":
        return ConfigFile(path, text, table)
    tool = table.get("tool", {})
    if not isinstance(tool, dict) or "svcstd" not in tool:
        return None
    if not isinstance(tool["svcstd"], dict):
        ConfigFile(path, text, {}).fail("tool.svcstd", TABLE, tool["svcstd"])
    return ConfigFile(path, text, tool["svcstd"], "tool.svcstd.")


_TOML_PLACE = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")


def parse_toml(text: str, path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        place = _TOML_PLACE.search(message)
        line, column = (place.group(1), place.group(2)) if place else (str(text.count("\n") + 1), "1")
        problem = _TOML_PLACE.sub("", message).replace(" (at end of document)", "")
        raise ConfigError(
            _text("invalid_toml", file=display_path(path), line=line, column=column, problem=problem)
        ) from None


def display_path(path: Path) -> str:
    """Relative to the current folder when below it, else as it is."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def line_of(text: str, dotted: str) -> int | None:
    """The line that sets a dotted key: each part searched after the previous one (a cheap guess).

    A part that is not in the text (a missing key) gives the line of the parts found before it.
    """
    position, found = 0, None
    for part in re.split(r"\.|\[\d+\]\.?", dotted):
        if not part:
            continue
        match = re.compile(rf"(?<![\w-])[\"']?{re.escape(part)}[\"']?\s*[=.\]]", re.MULTILINE).search(text, position)
        if match is None:
            break
        position, found = match.end(), match.start()
    return None if found is None else text.count("\n", 0, found) + 1


def _text(message_key: str, /, **params: object) -> Text:
    return bilingual(MESSAGES.messages[message_key], **params)


def bilingual(pair: tuple[str, str], /, **params: object) -> Text:
    """A (English, Indonesian) format pair filled with parameters that may themselves be bilingual Texts."""

    def pick(lang: str) -> dict[str, object]:
        return {key: value(lang) if isinstance(value, Text) else value for key, value in params.items()}

    return Text(pair[0].format(**pick("en")), pair[1].format(**pick("id")))


def _suggestion(name: str, known: tuple[str, ...] | list[str]) -> Text:
    close = difflib.get_close_matches(name, list(known), n=1)
    return _text("did_you_mean", suggestion=close[0]) if close else Text("", "")


# --- validation ----------------------------------------------------------------------------------------------------

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
NON_NEGATIVE = Text("a number of 0 or more", "angka 0 atau lebih")
TABLE = Text("a table", "sebuah tabel")
GRADES = Text(
    '"ombudsman", "skm" or a list of bands {key, min, label_en, label_id}',
    '"ombudsman", "skm", atau daftar pita nilai {key, min, label_en, label_id}',
)
POSITIVE = Text("a whole number of 1 or more", "bilangan bulat 1 atau lebih")
WEIGHT = Text("a whole number from 1 to 5", "bilangan bulat dari 1 sampai 5")
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


def is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _strings(value: object, source: ConfigFile, key: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        source.fail(key, STRINGS, value)
    return tuple(value)


def _choice(choices: tuple[str, ...]) -> Callable[[object, ConfigFile, str], str]:
    def parse(value: object, source: ConfigFile, key: str) -> str:
        if not isinstance(value, str) or value not in choices:
            source.fail(key, _one_of(choices), value)
        return value

    return parse


def _score(value: object, source: ConfigFile, key: str) -> float:
    if not is_number(value) or not 0 <= value <= 100:  # type: ignore[operator]
        source.fail(key, SCORE, value)
    return float(value)  # type: ignore[arg-type]


def _non_negative(value: object, source: ConfigFile, key: str) -> float:
    if not is_number(value) or value < 0:  # type: ignore[operator]
        source.fail(key, NON_NEGATIVE, value)
    return float(value)  # type: ignore[arg-type]


def _table(value: object, source: ConfigFile, key: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        source.fail(key, TABLE, value)
    return value


def _per_principle(
    value: object, source: ConfigFile, key: str, parse: Callable[[object, ConfigFile, str], float]
) -> dict[Principle, float]:
    known = tuple(p.value for p in Principle)
    result: dict[Principle, float] = {}
    for name, number in _table(value, source, key).items():
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
    weights = _per_principle(value, source, key, _non_negative)
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
    table = _table(value, source, key)
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
    for name, number in _table(value, source, key).items():
        if name not in Limits._fields:
            source.unknown(f"{key}.{name}", Limits._fields)
        if not isinstance(number, int) or isinstance(number, bool) or number < 1:
            source.fail(f"{key}.{name}", POSITIVE, number)
        given[name] = number
    return DEFAULT_LIMITS._replace(**given)


PARSERS: dict[str, Callable[[Any, ConfigFile, str], Any]] = {
    "include": _strings,
    "exclude": _strings,
    "select": _strings,
    "ignore": _strings,
    "fail_on": _choice(FAIL_ON_CHOICES),
    "fail_under": _score,
    "min_principle": _min_principle,
    "principle_weights": _principle_weights,
    "grades": _grades,
    "lang": _choice(("en", "id")),
    "rule_paths": _rule_paths,
    "limits": _limits,
}
KNOWN_KEYS = (*PARSERS, "rules")


def parse_settings(source: ConfigFile) -> Settings:
    """Every key validated; an unknown key or a bad value is a ConfigError naming file, line and key."""
    for key in source.table:
        if key not in KNOWN_KEYS:
            source.unknown(key, KNOWN_KEYS)
    values = {key: PARSERS[key](value, source, key) for key, value in source.table.items() if key in PARSERS}
    sources = dict.fromkeys(source.table, source.display)
    if "limits" in source.table:
        sources.update({f"limits.{name}": source.display for name in source.table["limits"]})
    if "rules" in source.table:
        values["rules"] = _rules(source.table["rules"], source, values.get("rule_paths", ()))
        sources.update({f"rules.{rule_id}": source.display for rule_id in values["rules"]})
    return replace(DEFAULT_SETTINGS, **values, sources=sources, config_root=str(source.path.parent.resolve()))


# --- [rules.<ID>] ---------------------------------------------------------------------------------------------------


def known_rules(rule_paths: tuple[str, ...]) -> dict[str, Any]:
    """Rule id -> Rule, built-in and declarative: the ids a [rules.<ID>] table may name."""
    from svcstd.rules import BUILTIN_RULES
    from svcstd.rules.declarative import load_rule_files

    custom = load_rule_files(rule_paths) if rule_paths else ()
    return {rule.id: rule for rule in (*BUILTIN_RULES, *custom)}


def _rules(value: object, source: ConfigFile, rule_paths: tuple[str, ...]) -> dict[str, RuleSettings]:
    known = known_rules(rule_paths)
    result: dict[str, RuleSettings] = {}
    for rule_id, entry in _table(value, source, "rules").items():
        key = f"rules.{rule_id}"
        if rule_id not in known:
            hint = _suggestion(rule_id.upper(), list(known))
            raise ConfigError(
                _text("unknown_rule", where=source.where(key), key=source.prefix + key, rule=rule_id, hint=hint)
            )
        result[rule_id] = _rule_settings(_table(entry, source, key), source, key, known[rule_id].options)
    return result


def _rule_settings(table: dict[str, Any], source: ConfigFile, key: str, defaults: Mapping[str, Any]) -> RuleSettings:
    allowed = ("severity", "weight", *defaults)
    options: dict[str, Any] = {}
    for name, value in table.items():
        if name not in allowed:
            source.unknown(f"{key}.{name}", allowed)
        if name in defaults:
            options[name] = _option(value, defaults[name], source, f"{key}.{name}")
    severity = table.get("severity")
    if severity is not None:
        severity = Severity(_choice(tuple(s.value for s in Severity))(severity, source, f"{key}.severity"))
    weight = table.get("weight")
    if weight is not None and (not isinstance(weight, int) or isinstance(weight, bool) or not 1 <= weight <= 5):
        source.fail(f"{key}.weight", WEIGHT, weight)
    return RuleSettings(severity, weight, options)


_KINDS: dict[type, Text] = {
    bool: Text("true or false", "true atau false"),
    int: Text("a whole number", "bilangan bulat"),
    float: Text("a number", "angka"),
    str: Text("a string", "teks"),
}


def _option(value: object, default: object, source: ConfigFile, key: str) -> Any:
    """An option's value must have its default's type (a whole number is fine for a decimal one)."""
    if isinstance(default, list | tuple):
        item_type = type(default[0]) if default else object
        if not isinstance(value, list) or not all(isinstance(item, item_type) for item in value):
            source.fail(key, _like(Text("a list", "daftar"), default), value)
        return type(default)(value)
    if _same_kind(value, default):
        return float(value) if isinstance(default, float) else value  # type: ignore[arg-type]
    source.fail(key, _like(_KINDS.get(type(default), Text("a value", "nilai")), default), value)


def _same_kind(value: object, default: object) -> bool:
    if isinstance(default, bool) or isinstance(value, bool):
        return type(value) is type(default)
    if isinstance(default, float):
        return is_number(value)
    return type(value) is type(default)


def _like(kind: Text, default: object) -> Text:
    shown = toml_value(default)
    return Text(f"{kind.en}, like its default {shown}", f"{kind.id}, seperti nilai bawaannya {shown}")


OPTION_NAMES = {"fail_on": "--fail-on", "fail_under": "--fail-under", "select": "--select", "ignore": "--ignore"}


def with_overrides(settings: Settings, overrides: Mapping[str, Any]) -> Settings:
    """Command-line options win over the file; None means "not given". Records "command line" as source."""
    given = {key: value for key, value in overrides.items() if value is not None}
    if not given:
        return settings
    fail_under = given.get("fail_under")
    if fail_under is not None and not (is_number(fail_under) and 0 <= fail_under <= 100):
        shown = toml_value(fail_under) if is_number(fail_under) else str(fail_under)
        raise UsageError(_text("bad_option", option=OPTION_NAMES["fail_under"], expected=SCORE, value=shown))
    sources = {**settings.sources, **dict.fromkeys(given, COMMAND_LINE)}
    return replace(settings, **given, sources=sources)


# --- select and ignore ----------------------------------------------------------------------------------------------


def validate_selection(settings: Settings, rule_ids: Iterable[str]) -> None:
    """Every select/ignore entry must be the id or prefix of a loaded rule: a typo would silently run no rule.

    Reading, schema, waiver and gate ids (YML, SCH, WVR, GAT) are refused as well: those checks always run,
    so naming them in select or ignore would change nothing.
    """
    from svcstd.ruledocs import BUILTIN_CHECKS

    ids = sorted(set(rule_ids))
    builtin = [check.id for check in BUILTIN_CHECKS]
    for key in ("select", "ignore"):
        for entry in getattr(settings, key):
            if any(rule_id.startswith(entry) for rule_id in ids):
                continue
            where = _origin(settings, key)
            if any(check_id.startswith(entry.upper()) for check_id in builtin):
                raise ConfigError(_text("always_runs", where=where, entry=entry))
            hint = _suggestion(entry.upper(), _selectable(ids))
            effect = MESSAGES.text("select_effect" if key == "select" else "ignore_effect")
            raise ConfigError(_text("no_such_rule", where=where, entry=entry, hint=hint, effect=effect))


def _selectable(rule_ids: list[str]) -> list[str]:
    """What select and ignore may name: rule ids and their letter prefixes (SIM, DINAS)."""
    prefixes = {match.group() for rule_id in rule_ids if (match := re.match(r"[A-Za-z]+", rule_id))}
    return sorted(prefixes) + rule_ids


def _origin(settings: Settings, key: str) -> str:
    """`--select` when given on the command line, else `file:line: `select`` (the line when it can be found)."""
    source = settings.sources.get(key, COMMAND_LINE)
    if source == COMMAND_LINE:
        return f"`{OPTION_NAMES[key]}`"
    path = Path(source)
    dotted = f"tool.svcstd.{key}" if path.name == "pyproject.toml" else key
    try:
        line = line_of(path.read_text(encoding="utf-8"), dotted)
    except (OSError, UnicodeDecodeError):
        line = None
    return f"{source}:{line}: `{dotted}`" if line else f"{source}: `{dotted}`"


# --- describe ------------------------------------------------------------------------------------------------------

TOP_KEYS = (
    "include",
    "exclude",
    "select",
    "ignore",
    "fail_on",
    "fail_under",
    "min_principle",
    "principle_weights",
    "grades",
    "lang",
    "rule_paths",
)


def describe(settings: Settings, lang: str) -> str:
    """The effective configuration as TOML-like text, each value with where it came from."""
    lines = [MESSAGES("header", lang)]
    for key in TOP_KEYS:
        lines.append(_described(key, _shown(key, getattr(settings, key)), settings.sources.get(key), lang))
    lines += ["", "[limits]"]
    for name in Limits._fields:
        value = toml_value(getattr(settings.limits, name))
        lines.append(_described(name, value, settings.sources.get(f"limits.{name}"), lang))
    lines.extend(_rule_sections(settings, lang))
    return "\n".join(lines) + "\n"


def _rule_sections(settings: Settings, lang: str) -> list[str]:
    """A [rules.<ID>] section for every rule with options or with adjustments."""
    from svcstd.rules import BUILTIN_RULES

    defaults = {rule.id: rule.options for rule in BUILTIN_RULES if rule.options}
    lines: list[str] = []
    for rule_id in sorted({*defaults, *settings.rules}):
        adjusted = settings.rules.get(rule_id, RuleSettings())
        source = settings.sources.get(f"rules.{rule_id}")
        lines += ["", f"[rules.{rule_id}]"]
        for name, setting in (("severity", adjusted.severity), ("weight", adjusted.weight)):
            if setting is not None:
                lines.append(_described(name, toml_value(setting), source, lang))
        for name, default in defaults.get(rule_id, {}).items():
            given = name in adjusted.options
            value = toml_value(adjusted.options[name] if given else default)
            lines.append(_described(name, value, source if given else None, lang))
    return lines


def _shown(key: str, value: object) -> str | None:
    if value is None:
        return None
    if key == "rule_paths":
        return toml_value([display_path(Path(folder)) for folder in value])  # type: ignore[attr-defined]
    if key == "grades":
        named = [name for name, scale in NAMED_SCALES.items() if scale == value]
        return toml_value(named[0]) if named else toml_value(value)
    return toml_value(value)


def _described(key: str, value: str | None, source: str | None, lang: str) -> str:
    text = f"# {key} = ({MESSAGES('not_set', lang)})" if value is None else f"{key} = {value}"
    where = MESSAGES(source or DEFAULT, lang) if source in (None, DEFAULT, COMMAND_LINE) else source
    return f"{text:<40}  # {where}"


def toml_value(value: object) -> str:
    """A value written as TOML would write it (inline tables and arrays)."""
    if isinstance(value, Band):
        fields = {"key": value.key, "min": value.min, "label_en": value.label.en, "label_id": value.label.id}
        return toml_value(fields)
    if isinstance(value, Principle | Severity):
        return toml_value(value.value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str | int | float):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, Mapping):
        items = ", ".join(f"{toml_value(k).strip(chr(34))} = {toml_value(v)}" for k, v in value.items())
        return f"{{ {items} }}" if items else "{}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(toml_value(item) for item in value) + "]"
    return json.dumps(str(value), ensure_ascii=False)
