"""The command line: options -> api -> render -> write -> exit code. The only module that prints or exits."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from svcstd import __version__
from svcstd.errors import SvcstdError, UsageError
from svcstd.i18n import Catalog, default_language, environment_language
from svcstd.reporters import FORMATS

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


def write_output(text: str | Iterable[str], path: Path | None, inputs: Iterable[str] = ()) -> None:
    """Standard output, or a file written atomically (a temporary file renamed into place).

    `text` may be a whole string or chunks, so that large reports are written as they are rendered.
    `inputs` are the files this run read: an output that would replace one of them is refused.
    """
    if path is not None:
        refuse_overwriting(path, inputs)
    chunks = [text] if isinstance(text, str) else text
    if path is None:
        for chunk in chunks:
            sys.stdout.write(chunk)
        sys.stdout.flush()
        return
    if path.exists() and not path.is_file():  # /dev/null, a pipe: write through, never replace it
        _write_chunks(chunks, path)
        return
    folder = path.parent if str(path.parent) else Path()
    temporary = ""
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=folder)
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.writelines(chunks)
        os.chmod(temporary, _default_file_mode())
        os.replace(temporary, path)
    except OSError as error:
        raise _cannot_write(path, error) from None
    finally:
        if temporary and os.path.exists(temporary):
            os.unlink(temporary)  # interrupted or failed: leave no half-written file behind


def refuse_overwriting(path: Path, inputs: Iterable[str]) -> None:
    """No command ever changes an input file (CLI.md): `-o` naming a checked standard is an error."""
    try:
        written = path.stat()
    except OSError:
        return
    for name in inputs:
        try:
            read = os.stat(name)
        except OSError:
            continue
        if (read.st_dev, read.st_ino) == (written.st_dev, written.st_ino):
            raise UsageError(MESSAGES.text("overwrite_input", path=str(path)))


def _write_chunks(chunks: Iterable[str], path: Path) -> None:
    try:
        with path.open("w", encoding="utf-8", newline="\n") as stream:
            stream.writelines(chunks)
    except OSError as error:
        raise _cannot_write(path, error) from None


def _cannot_write(path: Path, error: OSError) -> UsageError:
    return UsageError(MESSAGES.text("cannot_write", path=str(path), reason=error.strerror or str(error)))


def _default_file_mode() -> int:
    """The mode a plain `open(path, "w")` would give (mkstemp's own is private, 0600)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def use_color(path: Path | None) -> bool:
    """Colour only on a terminal, never with NO_COLOR set (https://no-color.org)."""
    return path is None and "NO_COLOR" not in os.environ and sys.stdout.isatty()


def main(argv: list[str] | None = None) -> int:
    """Run the app; "cannot run" errors exit 2 with one line, Ctrl-C exits 130."""
    from svcstd import commands  # noqa: F401  (registers the commands on `app`)

    lang = _lang_from_argv(argv, default_language())
    try:
        result = app(args=argv, prog_name="svcstd", standalone_mode=False)
    except SvcstdError as error:
        typer.echo(MESSAGES("error", lang, message=error.message(lang)), err=True)
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
