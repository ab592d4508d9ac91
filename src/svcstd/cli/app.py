"""The typer app, its messages and the option parsing every command shares."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Annotated, Any, TypeVar

import typer

from svcstd import __version__
from svcstd.cli.coercion import defer_coercion
from svcstd.cli.common import (
    MESSAGES,
    configured_pipeline,
    lang_from_argv,
    parse_as_of,
    parse_outputs,
    refuse_config_when_isolated,
    resolve_lang,
    use_color,
)
from svcstd.errors import SvcstdError
from svcstd.escaping import inert_lines
from svcstd.i18n import Catalog, default_language

__all__ = [  # the commands' shared checks live in svcstd.cli.common (no typer) and are importable from here
    "HELP",
    "MESSAGES",
    "SHARED_HELP",
    "app",
    "configured_pipeline",
    "evaluated_annotations",
    "help_text",
    "invoke",
    "lang_from_argv",
    "parse_as_of",
    "parse_outputs",
    "refuse_config_when_isolated",
    "resolve_lang",
    "use_color",
]

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


def invoke(argv: list[str] | None = None) -> int:
    """Run the app with the commands registered so far; "cannot run" errors exit 2 with one line, Ctrl-C 130."""
    lang = lang_from_argv(argv, default_language())
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
