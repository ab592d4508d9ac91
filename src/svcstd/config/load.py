"""The effective configuration: defaults, then svcstd.toml / .svcstd.toml / [tool.svcstd], then options.

The parts: settings.py (the frozen Settings), file.py (finding and reading the file), keys.py (the
top-level keys), rules.py ([rules.<ID>]), selection.py (select and ignore) and describe.py (`--show-config`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from svcstd.config.file import ConfigFile, find_config, read_explicit, toml_value
from svcstd.config.keys import KNOWN_KEYS, PARSERS, SCORE, is_number
from svcstd.config.rules import parse_rules
from svcstd.config.settings import COMMAND_LINE, DEFAULT_SETTINGS, OPTION_NAMES, Settings
from svcstd.errors import UsageError
from svcstd.i18n import Catalog
from svcstd.model import Text

MESSAGES = Catalog(
    "config.options",
    {
        "bad_option": (
            "`{option}` expects {expected}, not {value}.",
            "`{option}` harus berisi {expected}, bukan {value}.",
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
