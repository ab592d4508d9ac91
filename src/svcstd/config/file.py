"""Finding and reading the configuration file: svcstd.toml, .svcstd.toml or pyproject.toml's [tool.svcstd]."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

from svcstd.errors import ConfigError
from svcstd.i18n import Catalog, bilingual
from svcstd.model import Principle, Severity, Text
from svcstd.reading import files
from svcstd.reading.discovery import display_path
from svcstd.scoring.grades import Band

CONFIG_FILES = ("svcstd.toml", ".svcstd.toml", "pyproject.toml")
CONFIG_MAX_BYTES = 1024 * 1024
"""A configuration is a few hundred bytes; a pyproject.toml a few kilobytes."""

MISSING = object()

TABLE = Text("a table", "sebuah tabel")

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
        "did_you_mean": (" (did you mean {suggestion}?)", " (maksud Anda {suggestion}?)"),
    },
)


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
        hint = suggestion(name, known)
        where = self.where(key)
        raise ConfigError(_text("unknown_key", where=where, key=self.prefix + key, hint=hint, known=", ".join(known)))


def find_config(start: Path) -> ConfigFile | None:
    """svcstd.toml, .svcstd.toml, then pyproject.toml with [tool.svcstd], in `start` and each folder above."""
    folder = start.resolve()
    for directory in (folder, *folder.parents):
        for name in CONFIG_FILES:
            candidate = directory / name
            if candidate.exists():  # a pipe or device named so is refused with its reason, never passed over
                found = read_config(candidate)
                if found is not None:
                    return found
    return None


def read_explicit(path: Path) -> ConfigFile:
    if not path.exists():
        raise ConfigError(_text("not_found", file=str(path)))
    found = read_config(path)
    if found is None:
        raise ConfigError(_text("no_table", file=str(path)))
    return found


def read_config(path: Path) -> ConfigFile | None:
    """The file's svcstd settings; None for a pyproject.toml without [tool.svcstd]."""
    try:  # a regular file only (a link to /proc/kmsg hung), of a sane size
        text = files.read_limited(path, CONFIG_MAX_BYTES).decode("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = files.reason(error) if isinstance(error, OSError) else Text(*files.NOT_UTF8)
        raise ConfigError(_text("unreadable", file=display_path(path), reason=reason)) from None
    table = parse_toml(text, path)
    if path.name != "pyproject.toml":
        return ConfigFile(path, text, table)
    tool = table.get("tool", {})
    if not isinstance(tool, dict) or "svcstd" not in tool:
        return None
    if not isinstance(tool["svcstd"], dict):
        ConfigFile(path, text, {}).fail("tool.svcstd", TABLE, tool["svcstd"])
    return ConfigFile(path, text, tool["svcstd"], "tool.svcstd.")


_TOML_PLACE = r"\s*\(at line (\d+), column (\d+)\)$"


def parse_toml(text: str, path: Path) -> dict[str, Any]:
    import tomllib  # only where a configuration file exists: a run without one never parses TOML

    try:
        return tomllib.loads(text)
    except RecursionError:  # tomllib recurses per nested array or inline table
        reason = Text(*files.TOO_DEEP)
        raise ConfigError(_text("unreadable", file=display_path(path), reason=reason)) from None
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        place = re.search(_TOML_PLACE, message)
        line, column = (place.group(1), place.group(2)) if place else (str(text.count("\n") + 1), "1")
        problem = re.sub(_TOML_PLACE, "", message).replace(" (at end of document)", "")
        raise ConfigError(
            _text("invalid_toml", file=display_path(path), line=line, column=column, problem=problem)
        ) from None
    except ValueError:  # an integer over Python's 4,300 digits, raised by int() inside tomllib
        reason = bilingual(files.HUGE_NUMBER, digits=f"> {sys.get_int_max_str_digits()}")
        raise ConfigError(_text("unreadable", file=display_path(path), reason=reason)) from None


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
    return MESSAGES.text(message_key, **params)


def suggestion(name: str, known: tuple[str, ...] | list[str]) -> Text:
    import difflib  # only for a misspelt name

    close = difflib.get_close_matches(name, list(known), n=1)
    return _text("did_you_mean", suggestion=close[0]) if close else Text("", "")


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
