"""`--show-config`: the effective configuration as TOML-like text, each value with where it came from."""

from __future__ import annotations

from pathlib import Path

from svcstd.config.file import toml_value
from svcstd.config.settings import COMMAND_LINE, FLOORS, RuleSettings, Settings
from svcstd.i18n import Catalog
from svcstd.reading.discovery import display_path
from svcstd.reading.limits import Limits
from svcstd.scoring.grades import NAMED_SCALES

DEFAULT = "default"

MESSAGES = Catalog(
    "config.describe",
    {
        "header": ("# svcstd: the effective configuration", "# svcstd: konfigurasi yang berlaku"),
        "default": ("default", "bawaan"),
        "command line": ("command line", "baris perintah"),
        "not_set": ("not set", "tidak diatur"),
        "floors": (
            "# --fail-on, --fail-under and --min-principle are floors: the stricter of the file and the "
            "command line applies.",
            "# --fail-on, --fail-under, dan --min-principle adalah batas bawah: yang lebih ketat antara berkas "
            "konfigurasi dan baris perintah yang berlaku.",
        ),
        "floor": (
            "stricter than {value} from the command line",
            "lebih ketat daripada {value} dari baris perintah",
        ),
    },
)

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
    floors = [key for key in FLOORS if settings.sources.get(key) == COMMAND_LINE or f"floor.{key}" in settings.sources]
    if floors:
        lines.append(MESSAGES("floors", lang))
    for key in TOP_KEYS:
        line = _described(key, _shown(key, getattr(settings, key)), settings.sources.get(key), lang)
        floor = settings.sources.get(f"floor.{key}")
        lines.append(line if floor is None else f"{line}; {MESSAGES('floor', lang, value=floor)}")
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
