"""[rules.<ID>] tables: a rule's severity, weight and options, each option checked against its default."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from svcstd.config.file import ConfigFile, suggestion, toml_value
from svcstd.config.keys import is_number, parse_choice, parse_table
from svcstd.config.settings import RuleSettings
from svcstd.errors import ConfigError
from svcstd.i18n import Catalog, bilingual
from svcstd.model import Severity, Text

MESSAGES = Catalog(
    "config.rules",
    {
        "unknown_rule": (
            "{where}: `{key}`: there is no rule {rule}{hint}. List the rules with `svcstd rules`.",
            "{where}: `{key}`: tidak ada aturan {rule}{hint}. Lihat daftar aturan dengan `svcstd rules`.",
        ),
    },
)


def _text(message_key: str, /, **params: object) -> Text:
    return bilingual(MESSAGES.messages[message_key], **params)


WEIGHT = Text("a whole number from 1 to 5", "bilangan bulat dari 1 sampai 5")


def known_rules(rule_paths: tuple[str, ...]) -> dict[str, Any]:
    """Rule id -> Rule, built-in and declarative: the ids a [rules.<ID>] table may name."""
    from svcstd.rules import BUILTIN_RULES
    from svcstd.rules.declarative import load_rule_files

    custom = load_rule_files(rule_paths) if rule_paths else ()
    return {rule.id: rule for rule in (*BUILTIN_RULES, *custom)}


def parse_rules(value: object, source: ConfigFile, rule_paths: tuple[str, ...]) -> dict[str, RuleSettings]:
    known = known_rules(rule_paths)
    result: dict[str, RuleSettings] = {}
    for rule_id, entry in parse_table(value, source, "rules").items():
        key = f"rules.{rule_id}"
        if rule_id not in known:
            hint = suggestion(rule_id.upper(), list(known))
            raise ConfigError(
                _text("unknown_rule", where=source.where(key), key=source.prefix + key, rule=rule_id, hint=hint)
            )
        result[rule_id] = _rule_settings(parse_table(entry, source, key), source, key, known[rule_id].options)
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
        severity = Severity(parse_choice(tuple(s.value for s in Severity))(severity, source, f"{key}.severity"))
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
