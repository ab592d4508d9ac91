"""The typer app, its messages and the option parsing every command shares."""

from __future__ import annotations

import inspect
import os
import sys
from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from svcstd import __version__
from svcstd.cli.coercion import defer_coercion
from svcstd.errors import SvcstdError, UsageError
from svcstd.escaping import inert_lines
from svcstd.i18n import Catalog, default_language, environment_language
from svcstd.reporters import FORMATS

if TYPE_CHECKING:
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

HELP = Catalog(
    "help_cli",
    {
        "app": (
            "Check Indonesian public-service standards (standar pelayanan) against UU 25/2009 and PermenPANRB 15/2014.",
            "Memeriksa standar pelayanan publik berdasarkan UU 25/2009 dan PermenPANRB 15/2014.",
        ),
        "version": ("Show the version and exit.", "Menampilkan versi, lalu keluar."),
    },
)


SHARED_HELP = Catalog(
    "help_shared",
    {
        "config": ("Configuration file (default: discovered).", "Berkas konfigurasi (bawaan: dicari secara otomatis)."),
        "as_of": (
            "Judge dates as of YYYY-MM-DD (default today).",
            "Menilai tanggal per TTTT-BB-HH (bawaan: hari ini).",
        ),
    },
)


def help_language() -> str:
    """The language of `--help`: SVCSTD_LANG (en|id) if set, else the locale's.

    Help is rendered before options are parsed, so `--lang` cannot choose it; the environment does.
    """
    return default_language()


HELP_LANG = help_language()
"""Chosen once, when the commands are registered."""


def help_text(catalog: Catalog, key: str) -> str:
    """A help text of `catalog` in HELP_LANG, for `help=` of commands, options and arguments."""
    return catalog(key, HELP_LANG)


def _plain_argument_names() -> None:
    """Arguments in help as their metavar alone (`PATH`), not with typer's Python type (`PATH <list[str]>`).

    typer 0.2x prints an argument's annotation after its name and offers no switch for it; every
    argument of svcstd has a metavar that already says what it takes.
    """
    from typer.core import TyperArgument

    if hasattr(TyperArgument, "display_type_rich"):
        TyperArgument.display_type_rich = lambda self, ctx: None  # type: ignore[method-assign]


_plain_argument_names()
defer_coercion()

Function = TypeVar("Function", bound=Callable[..., Any])


def evaluated_annotations(function: Function) -> Function:
    """The command's annotations evaluated once, as `inspect.signature(eval_str=True)` evaluates them.

    typer reads a command's parameters several times while it builds the click command, evaluating every
    annotation string (`from __future__ import annotations`) each time: ~6 ms of a one-file run for `check`.
    """
    function.__annotations__ = inspect.get_annotations(function, eval_str=True)
    return function


app = typer.Typer(
    name="svcstd",
    help=help_text(HELP, "app"),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"svcstd {__version__}")
        raise typer.Exit(0)


@app.callback()
@evaluated_annotations
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help=help_text(HELP, "version"))
    ] = False,
) -> None:
    """svcstd: standar pelayanan checker."""


def resolve_lang(option: str | None, configured: str | None = None) -> str:
    lang = option or environment_language() or configured or default_language()
    if lang not in ("en", "id"):
        raise UsageError(MESSAGES.text("bad_lang", value=lang))
    return lang


def parse_as_of(value: str | None) -> date:
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


def parse_outputs(formats: list[str], output: Path | None) -> list[tuple[str, Path | None]]:
    """`--format NAME` or `--format NAME=FILE`, repeatable; `-o` is the file of the one without a file."""
    outputs: list[tuple[str, Path | None]] = []
    for spec in formats or ["text"]:
        name, _, file = spec.partition("=")
        if name not in FORMATS:
            raise UsageError(MESSAGES.text("bad_format", value=name, choices=", ".join(FORMATS)))
        outputs.append((name, Path(file) if file else None))
    unnamed = [i for i, (_, file) in enumerate(outputs) if file is None]
    if output is not None and unnamed:
        outputs[unnamed[0]] = (outputs[unnamed[0]][0], output)
        unnamed = unnamed[1:]
    if len(unnamed) > 1:
        raise UsageError(MESSAGES.text("one_stdout"))
    return outputs


def use_color(path: Path | None) -> bool:
    """Colour only on a terminal, never with NO_COLOR set (https://no-color.org)."""
    return path is None and "NO_COLOR" not in os.environ and sys.stdout.isatty()


def invoke(argv: list[str] | None = None) -> int:
    """Run the app with the commands registered so far; "cannot run" errors exit 2 with one line, Ctrl-C 130."""
    lang = _lang_from_argv(argv, default_language())
    try:
        result = app(args=argv, prog_name="svcstd", standalone_mode=False)
    except SvcstdError as error:
        # The message may quote the repository's configuration or a file name: shown, never obeyed.
        typer.echo(inert_lines(MESSAGES("error", lang, message=error.message(lang))), err=True)
        return 2
    except (KeyboardInterrupt, typer.Abort):
        typer.echo(MESSAGES("interrupted", lang), err=True)
        return 130
    except typer.Exit as stop:  # typer turns Ctrl-C inside a command into Exit(130)
        if stop.exit_code == 130:
            typer.echo(MESSAGES("interrupted", lang), err=True)
        return stop.exit_code
    except typer.TyperException as error:  # click's usage errors: bad option, missing argument
        error.show()  # type: ignore[attr-defined]
        return int(getattr(error, "exit_code", 2))
    if result == 130:  # typer returns Ctrl-C inside a command as the exit code 130
        typer.echo(MESSAGES("interrupted", lang), err=True)
    return result if isinstance(result, int) else 0


def _lang_from_argv(argv: list[str] | None, fallback: str) -> str:
    args = sys.argv[1:] if argv is None else argv
    for index, arg in enumerate(args):
        if arg == "--lang" and index + 1 < len(args) and args[index + 1] in ("en", "id"):
            return args[index + 1]
        if arg in ("--lang=en", "--lang=id"):
            return arg[-2:]
    return fallback
