"""`svcstd check` without typer: the command lines it fully understands, run as typer would run them.

Importing typer (with its copy of click) costs more than checking one small file or replaying a warm run
of a thousand. So the `svcstd` program first reads its arguments here: a `check` whose every argument is
a known option with a well-formed value, or a path, calls `svcstd.cli.check.check` with the values
typer would give it, and says its errors as `svcstd.cli.app.invoke` says them (same text, stream, exit
code). Anything else answers None and goes to typer exactly as before: help, an unknown or malformed
option, a missing value, a value typer converts or refuses (`--fail-under`, `--jobs 0`), `--show-config`,
another command, no command. The parser declines whenever it is unsure; declining is always correct.

It parses as click's parser does for these options: `--opt value` and `--opt=value`, short options
alone or clustered (`-qv`, `-fjson`, `-qf json`), paths before, between and after options, `--` ending
the options, the last value of a single-value option winning, repeatable options collected in order.
"""

from __future__ import annotations

import errno
import os
import sys

TYPE_CHECKING = False
"""`typing.TYPE_CHECKING` without importing typing, which a warm replay never needs (start-up)."""
if TYPE_CHECKING:
    from typing import Any

FLAGS = {
    "--isolated": "isolated",
    "--quiet": "quiet",
    "-q": "quiet",
    "--verbose": "verbose",
    "-v": "verbose",
    "--no-cache": "no_cache",
    "--skip-non-standards": "skip_non_standards",
    "--allow-empty": "allow_empty",
    "--show-skipped": "show_skipped",
}
"""The flags of `check` understood here, each with its parameter (`--show-config` is left to typer)."""

VALUES = {
    "--format": "formats",
    "-f": "formats",
    "--output": "output_name",
    "-o": "output_name",
    "--fail-on": "fail_on",
    "--min-principle": "min_principle",
    "--select": "select",
    "--ignore": "ignore",
    "--config": "config",
    "--as-of": "as_of",
    "--lang": "lang",
    "--baseline": "baseline_name",
    "--write-baseline": "write_baseline_name",
    "--jobs": "jobs",
    "-j": "jobs",
}
"""The options of `check` taking a value understood here (`--fail-under`, a float, is left to typer)."""

REPEATABLE = frozenset({"formats", "min_principle"})


def _plain_jobs(value: str) -> bool:
    """`--jobs` as typer takes it without a doubt: 1 to 9 plain ASCII digits, at least 1 (`min=1`), no sign
    or leading zero (the regular expression `[1-9][0-9]{0,8}`, without importing re)."""
    return 0 < len(value) <= 9 and value.isascii() and value.isdigit() and value[0] != "0"


COMPLETE_VAR = "_SVCSTD_COMPLETE"
"""Set, typer answers shell completion instead of running the command."""


def parse_check(args: list[str]) -> dict[str, Any] | None:
    """The keyword arguments of `check` for the arguments after `check`, or None when typer should parse them."""
    values: dict[str, Any] = {}
    paths: list[str] = []
    index = 0
    while index < len(args):
        arg = args[index]
        index += 1
        if arg == "--":
            paths.extend(args[index:])
            break
        if arg[:1] != "-" or arg == "-":
            paths.append(arg)
            continue
        index = _long(arg, args, index, values) if arg.startswith("--") else _short(arg, args, index, values)
        if index < 0:
            return None
    if paths:
        values["paths"] = paths
    return values


def _long(arg: str, args: list[str], index: int, values: dict[str, Any]) -> int:
    """`--flag`, `--opt=value` or `--opt value` stored; the index of the next argument, or -1 to decline."""
    name, equals, value = arg.partition("=")
    if name in FLAGS and not equals:
        values[FLAGS[name]] = True
        return index
    if name not in VALUES:
        return -1  # unknown, or a flag given a value: typer says what is wrong
    found: str | None = value
    if not equals:
        found, index = _next(args, index)
    return index if found is not None and _store(values, VALUES[name], found) else -1


def _short(arg: str, args: list[str], index: int, values: dict[str, Any]) -> int:
    """`-q`, `-qv`, `-fjson`, `-qf json` stored; the index of the next argument, or -1 to decline.

    As click: flags up to the first option taking a value, whose value is the rest of the argument
    (`-o=x` gives `=x`), or the next argument when nothing is left.
    """
    for position in range(1, len(arg)):
        name = "-" + arg[position]
        if name in FLAGS:
            values[FLAGS[name]] = True
            continue
        if name not in VALUES:
            return -1
        found: str | None = arg[position + 1 :]
        if not found:
            found, index = _next(args, index)
        return index if found is not None and _store(values, VALUES[name], found) else -1
    return index


def _next(args: list[str], index: int) -> tuple[str | None, int]:
    """The value in the next argument, or None: none left (typer: a missing value), or one starting with
    `-` (click would take it as the value; typer decides what that means)."""
    if index == len(args) or args[index][:1] == "-":
        return None, index
    return args[index], index + 1


def _store(values: dict[str, Any], parameter: str, value: str) -> bool:
    """The value as typer would give it; False when typer should judge it (a `--jobs` not plainly >= 1)."""
    if parameter == "jobs":
        if not _plain_jobs(value):
            return False
        values[parameter] = int(value)
    elif parameter in REPEATABLE:
        values.setdefault(parameter, []).append(value)
    else:
        values[parameter] = value  # a single-value option given twice: the last wins, as in click
    return True


def run_check(argv: list[str]) -> int | None:
    """`svcstd check ...` run without typer: its exit code, or None (nothing done) when typer should run it.

    `argv` is the whole command line after the program name, starting with `check`.
    """
    if argv[:1] != ["check"] or os.environ.get(COMPLETE_VAR) or _ascii_stream(sys.stderr):
        return None
    if os.name == "nt":  # typer expands wildcards in the program's own arguments there (click's _expand_args)
        return None
    values = parse_check(argv[1:])
    if values is None:
        return None
    from svcstd import collector

    collector.pause()  # until the first file is judged (svcstd.collector); back as it was when this returns
    try:
        return _run_check(argv, values)
    finally:
        collector.restore()


def _run_check(argv: list[str], values: dict[str, Any]) -> int:
    from svcstd.cli.check import check
    from svcstd.cli.common import MESSAGES, echo_err, lang_from_argv
    from svcstd.errors import SvcstdError
    from svcstd.i18n import default_language

    lang = lang_from_argv(argv, default_language())
    try:
        result = check(**values)
    except SvcstdError as error:  # as svcstd.cli.app.invoke: one line, exit 2
        from svcstd.escaping import inert_lines

        echo_err(inert_lines(MESSAGES("error", lang, message=error.message(lang))))
        return 2
    except KeyboardInterrupt:  # typer: Exit(130), which invoke says as an interruption
        echo_err(MESSAGES("interrupted", lang))
        return 130
    except EOFError:  # typer: an empty line on standard error, then Abort, said as an interruption
        echo_err("")
        echo_err(MESSAGES("interrupted", lang))
        return 130
    except OSError as error:  # typer: a closed pipe quietly exits 1; any other error goes on up
        if error.errno != errno.EPIPE:
            raise
        sys.stdout = _QuietFlush(sys.stdout)
        sys.stderr = _QuietFlush(sys.stderr)
        raise SystemExit(1) from None
    if result == 130:
        echo_err(MESSAGES("interrupted", lang))
    return result if isinstance(result, int) else 0


def _ascii_stream(stream: Any) -> bool:
    """A standard error declaring ASCII, which click replaces by its own UTF-8 writer: left to typer."""
    import codecs

    try:
        return codecs.lookup(getattr(stream, "encoding", None) or "ascii").name == "ascii"
    except LookupError:
        return True


class _QuietFlush:
    """A stream whose flush ignores a closed pipe: the flush at exit says nothing more (as typer leaves it)."""

    def __init__(self, wrapped: Any) -> None:
        self.wrapped = wrapped

    def flush(self) -> None:
        try:
            self.wrapped.flush()
        except OSError as error:
            if error.errno != errno.EPIPE:
                raise

    def __getattr__(self, name: str) -> Any:
        return getattr(self.wrapped, name)
