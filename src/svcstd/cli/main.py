"""The command line's entry point: every command registered, errors to exit codes. Only the CLI prints or exits."""

from __future__ import annotations

from svcstd.cli import (  # noqa: F401  (registers the commands)
    cache,
    check,
    check_command,
    diff,
    import_command,
    init,
    migrate,
    render,
    report,
    rules,
    schema,
)
from svcstd.cli.app import invoke


def main(argv: list[str] | None = None) -> int:
    """Run the app with every command registered; "cannot run" errors exit 2 with one line, Ctrl-C exits 130.

    The `svcstd` program itself starts at `svcstd.cli.run`, which registers only the command it runs.
    """
    return invoke(argv)
