"""The command line's entry point: every command registered, errors to exit codes. Only the CLI prints or exits."""

from __future__ import annotations

import sys

import typer

from svcstd.cli import (  # noqa: F401  (registers the commands)
    cache,
    check,
    diff,
    import_command,
    init,
    migrate,
    render,
    report,
    rules,
    schema,
)
from svcstd.cli.app import MESSAGES, app
from svcstd.errors import SvcstdError
from svcstd.escaping import inert_lines
from svcstd.i18n import default_language


def main(argv: list[str] | None = None) -> int:
    """Run the app; "cannot run" errors exit 2 with one line, Ctrl-C exits 130."""
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
