"""What the commands share and the fast path of `svcstd check` needs too: messages, option checks, writing
to standard error. Nothing here imports typer, click or rich (`svcstd.cli.app` re-exports it all)."""

from __future__ import annotations

import os
import sys

from svcstd.errors import UsageError
from svcstd.i18n import TYPE_CHECKING, Catalog, default_language, environment_language

if TYPE_CHECKING:
    import re
    from collections.abc import Callable, Mapping
    from datetime import date
    from pathlib import Path
    from typing import Any

    from svcstd.judge import Pipeline

MESSAGES = Catalog(
    "cli",
    {
        "error": ("svcstd: error: {message}", "svcstd: galat: {message}"),
        "interrupted": ("svcstd: interrupted.", "svcstd: dihentikan."),
        "bad_date": (
            "--as-of expects a date as YYYY-MM-DD, got `{value}`.",
            "--as-of memerlukan tanggal dengan bentuk TTTT-BB-HH, bukan `{value}`.",
        ),
        "bad_format": (
            "unknown output format `{value}`; choose from: {choices}.",
            "format keluaran `{value}` tidak dikenal; pilih salah satu: {choices}.",
        ),
        "one_stdout": (
            "only one format can go to standard output; give the others a file: --format sarif=results.sarif.",
            "hanya satu format yang dapat ditulis ke keluaran standar; beri berkas untuk yang lain: "
            "--format sarif=hasil.sarif.",
        ),
        "overwrite_input": (
            "will not write {path}: it is one of the standards being read. Choose another output file.",
            "tidak akan menulis {path}: berkas itu salah satu standar yang sedang dibaca. Pilih berkas keluaran lain.",
        ),
        "cannot_write": ("cannot write {path}: {reason}", "tidak dapat menulis {path}: {reason}"),
        "bad_fail_on": (
            "--fail-on must be one of {choices}, got `{value}`.",
            "--fail-on harus salah satu dari {choices}, bukan `{value}`.",
        ),
        "bad_lang": ("--lang must be `en` or `id`, got `{value}`.", "--lang harus `en` atau `id`, bukan `{value}`."),
        "isolated_config": (
            "--isolated reads no configuration file; leave out --config {path}.",
            "--isolated tidak membaca berkas konfigurasi; hilangkan --config {path}.",
        ),
    },
)


def resolve_lang(option: str | None, configured: str | None = None) -> str:
    lang = option or environment_language() or configured or default_language()
    if lang not in ("en", "id"):
        raise UsageError(MESSAGES.text("bad_lang", value=lang))
    return lang


def parse_as_of(value: str | None) -> date:
    from datetime import date

    if value is None:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(MESSAGES.text("bad_date", value=value)) from None


def refuse_config_when_isolated(config: str | None, isolated: bool) -> str | None:
    """`--isolated` with `--config` asks for two opposite things: a usage error."""
    if isolated and config is not None:
        raise UsageError(MESSAGES.text("isolated_config", path=config))
    return config


def configured_pipeline(
    config: str | None, as_of: str | None, overrides: Mapping[str, object] | None = None, isolated: bool = False
) -> Pipeline:
    """The one pipeline of every command: configuration (with command-line overrides), every rule loaded once
    (built-in and custom), `--select`/`--ignore` checked against them, and the date judged against.
    `isolated`: no configuration file at all, only the defaults and the options."""
    from svcstd import api
    from svcstd.config.load import load_settings, with_overrides
    from svcstd.config.selection import validate_selection
    from svcstd.config.settings import DEFAULT_SETTINGS

    settings = DEFAULT_SETTINGS if isolated else load_settings(config)
    if overrides:
        settings = with_overrides(settings, overrides)
    run = api.pipeline(settings, parse_as_of(as_of))
    validate_selection(settings, [rule.id for rule in run.rules])
    return run


def parse_outputs(formats: list[str], output: Path | None, known: bool = True) -> list[tuple[str, Path | None]]:
    """`--format NAME` or `--format NAME=FILE`, repeatable; `-o` is the file of the one without a file.

    `known=False` leaves the names unchecked (a run record's key: no record has an unknown one)."""
    from pathlib import Path

    return _outputs(formats, output, known, Path)


def output_texts(formats: list[str], output: str | None) -> list[tuple[str, str | None]]:
    """`parse_outputs(formats, Path(output), known=False)` with the text of each path (`str(Path(file))`)
    instead of the Path: what a replay needs, without importing pathlib (start-up)."""
    from svcstd.reading.discovery import path_text

    return _outputs(formats, output, False, path_text)


def _outputs(formats: list[str], output: Any, known: bool, make: Callable[[str], Any]) -> list[tuple[str, Any]]:
    outputs: list[tuple[str, Any]] = []
    if known:
        from svcstd.reporters import FORMATS
    for spec in formats or ["text"]:
        name, _, file = spec.partition("=")
        if known and name not in FORMATS:
            raise UsageError(MESSAGES.text("bad_format", value=name, choices=", ".join(FORMATS)))
        outputs.append((name, make(file) if file else None))
    unnamed = [i for i, (_, file) in enumerate(outputs) if file is None]
    if output is not None and unnamed:
        outputs[unnamed[0]] = (outputs[unnamed[0]][0], output)
        unnamed = unnamed[1:]
    if len(unnamed) > 1:
        raise UsageError(MESSAGES.text("one_stdout"))
    return outputs


def use_color(path: str | Path | None) -> bool:
    """Colour only on a terminal, never with NO_COLOR set (https://no-color.org)."""
    return path is None and "NO_COLOR" not in os.environ and sys.stdout.isatty()


def lang_from_argv(argv: list[str] | None, fallback: str) -> str:
    """The language of the messages said before (or instead of) a command's own: `--lang en|id` if given."""
    args = sys.argv[1:] if argv is None else argv
    for index, arg in enumerate(args):
        if arg == "--lang" and index + 1 < len(args) and args[index + 1] in ("en", "id"):
            return args[index + 1]
        if arg in ("--lang=en", "--lang=id"):
            return arg[-2:]
    return fallback


ANSI = r"\033\[[;?0-9]*[a-zA-Z]"
"""The escape sequences click's `echo` removes from what goes to a stream that is not a terminal."""
_ansi: re.Pattern[str] | None = None
"""ANSI compiled, once a line holds an escape character (re is not imported before: start-up)."""


def strip_ansi(text: str) -> str:
    """`text` without the escape sequences of ANSI; re only for text holding ESC (none else can match)."""
    global _ansi  # noqa: PLW0603
    if "\033" not in text:
        return text
    if _ansi is None:
        import re

        _ansi = re.compile(ANSI)
    return _ansi.sub("", text)


def echo_err(line: str) -> None:
    """One line on standard error, written as `typer.echo(line, err=True)` writes it, without importing click:
    the line and a newline, ANSI styles removed unless standard error is a terminal, then flushed."""
    stream = sys.stderr
    if stream is None:  # no standard error at all (pythonw): click says nothing either
        return
    text = line + "\n"
    if not _isatty(stream):
        text = strip_ansi(text)
    stream.write(text)
    stream.flush()


def _isatty(stream: object) -> bool:
    try:
        return bool(stream.isatty())  # type: ignore[attr-defined]
    except Exception:  # as click's isatty: a stream without one is no terminal
        return False
