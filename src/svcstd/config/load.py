"""The effective configuration: defaults, then svcstd.toml / .svcstd.toml / [tool.svcstd], then options.

The gate's options (`--fail-on`, `--fail-under`, `--min-principle`) are floors: the stricter of the file
and the command line applies, so a repository's own configuration cannot open a gate set in CI.

The parts: settings.py (the frozen Settings), file.py (finding and reading the file), keys.py (the
top-level keys), rules.py ([rules.<ID>]), selection.py (select and ignore) and describe.py (`--show-config`).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from svcstd.config.file import ConfigFile, find_config, read_explicit, toml_value
from svcstd.config.keys import KNOWN_KEYS, PARSERS, SCORE, is_number
from svcstd.config.rules import parse_rules
from svcstd.config.settings import COMMAND_LINE, DEFAULT_SETTINGS, FLOORS, OPTION_NAMES, Settings
from svcstd.errors import UsageError
from svcstd.i18n import Catalog
from svcstd.model import Principle, Text

MESSAGES = Catalog(
    "config.options",
    {
        "bad_option": (
            "`{option}` expects {expected}, not {value}.",
            "`{option}` harus berisi {expected}, bukan {value}.",
        ),
        "min_principle": (
            "a score from 0 to 100, or PRINCIPLE=SCORE with PRINCIPLE one of {principles}",
            "skor dari 0 sampai 100, atau PRINSIP=SKOR dengan PRINSIP salah satu dari {principles}",
        ),
    },
)


def _text(message_key: str, /, **params: object) -> Text:
    return MESSAGES.text(message_key, **params)


def load_settings(explicit: str | None = None, start: str = ".") -> Settings:
    """The configuration file's settings: the explicit path, else the first file found upwards from `start`."""
    found = read_explicit(Path(explicit)) if explicit else find_config(Path(start))
    return DEFAULT_SETTINGS if found is None else parse_settings(found)


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
        values["rules"] = parse_rules(source.table["rules"], source, values.get("rule_paths", ()))
        sources.update({f"rules.{rule_id}": source.display for rule_id in values["rules"]})
    return replace(DEFAULT_SETTINGS, **values, sources=sources, config_root=str(source.path.parent.resolve()))


STRICTNESS = ("never", "error", "warning", "info")
"""fail_on from the loosest to the strictest (`info` fails on every finding)."""


def with_overrides(settings: Settings, overrides: Mapping[str, Any]) -> Settings:
    """Command-line options over the file; None means "not given". Records "command line" as source.

    `select` and `ignore` replace the file's; `fail_on`, `fail_under` and `min_principle` are floors:
    the stricter value applies, and the source says which (`floor.<key>` records the option's value).
    """
    given = {key: value for key, value in overrides.items() if value is not None and value != {}}
    if not given:
        return settings
    fail_under = given.get("fail_under")
    if fail_under is not None and not (is_number(fail_under) and 0 <= fail_under <= 100):
        shown = toml_value(fail_under) if is_number(fail_under) else str(fail_under)
        raise UsageError(_text("bad_option", option=OPTION_NAMES["fail_under"], expected=SCORE, value=shown))
    sources = dict(settings.sources)
    values: dict[str, Any] = {}
    for key, value in given.items():
        from_file = key in FLOORS and key in settings.sources
        values[key] = _stricter(key, getattr(settings, key), value) if from_file else value
        if from_file and values[key] != value:
            sources[f"floor.{key}"] = toml_value(value)
        else:
            sources[key] = COMMAND_LINE
    return replace(settings, **values, sources=sources)


def _stricter(key: str, configured: Any, option: Any) -> Any:
    if key == "fail_on":
        return max(configured, option, key=STRICTNESS.index)
    if key == "fail_under":
        return option if configured is None else max(configured, option)
    merged = dict(configured)
    for principle, minimum in option.items():
        merged[principle] = max(merged.get(principle, minimum), minimum)
    return merged


def parse_min_principle(values: Sequence[str]) -> dict[Principle, float]:
    """`--min-principle 60` (every principle) or `--min-principle fairness=60`, repeatable; later ones add."""
    names = tuple(principle.value for principle in Principle)
    minima: dict[Principle, float] = {}
    for value in values:
        name, _, number = value.rpartition("=")
        try:
            minimum = float(number)
        except ValueError:
            minimum = math.nan
        if (name and name not in names) or not 0 <= minimum <= 100:
            expected = _text("min_principle", principles=", ".join(names))
            raise UsageError(_text("bad_option", option="--min-principle", expected=expected, value=value))
        chosen = [Principle(name)] if name else list(Principle)
        minima.update(dict.fromkeys(chosen, minimum))
    return minima
