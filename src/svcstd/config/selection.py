"""select and ignore: each entry must be the id or prefix of a loaded rule, or a typo would run no rule."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from svcstd.config.file import CONFIG_MAX_BYTES, line_of, suggestion
from svcstd.config.settings import COMMAND_LINE, OPTION_NAMES, Settings
from svcstd.errors import ConfigError
from svcstd.i18n import Catalog, bilingual
from svcstd.model import Text
from svcstd.reading import files

MESSAGES = Catalog(
    "config.selection",
    {
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
    },
)


def _text(message_key: str, /, **params: object) -> Text:
    return bilingual(MESSAGES.messages[message_key], **params)


def validate_selection(settings: Settings, rule_ids: Iterable[str]) -> None:
    """Every select/ignore entry must be the id or prefix of a loaded rule: a typo would silently run no rule.

    Reading, schema, waiver and gate ids (YML, SCH, WVR, GAT) are refused as well: those checks always run,
    so naming them in select or ignore would change nothing.
    """
    from svcstd.checks import BUILTIN_CHECKS

    ids = sorted(set(rule_ids))
    builtin = [check.id for check in BUILTIN_CHECKS]
    for key in ("select", "ignore"):
        for entry in getattr(settings, key):
            if any(rule_id.startswith(entry) for rule_id in ids):
                continue
            where = _origin(settings, key)
            if any(check_id.startswith(entry.upper()) for check_id in builtin):
                raise ConfigError(_text("always_runs", where=where, entry=entry))
            hint = suggestion(entry.upper(), _selectable(ids))
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
        line = line_of(files.read_limited(path, CONFIG_MAX_BYTES).decode("utf-8"), dotted)
    except (OSError, UnicodeDecodeError):
        line = None
    return f"{source}:{line}: `{dotted}`" if line else f"{source}: `{dotted}`"
