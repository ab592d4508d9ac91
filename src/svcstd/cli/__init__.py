"""The command line: options -> api -> reporters -> written output -> exit code; the only place that prints or exits."""

from __future__ import annotations

import sys

COMMAND_MODULES = {
    "cache": "cache",
    "check": "check",
    "diff": "diff",
    "import": "import_command",
    "init": "init",
    "migrate": "migrate",
    "render": "render",
    "report": "report",
    "rules": "rules",
    "explain": "rules",
    "schema": "schema",
}
"""Which module of svcstd.cli registers each command (`svcstd.cli.main` imports them all)."""


def run(argv: list[str] | None = None) -> int:
    """The `svcstd` program: what `svcstd.cli.main.main` does, importing only what this invocation needs.

    `svcstd --version` answers without importing typer; a command imports only its own module (help
    and anything unexpected import every command, as `svcstd.cli.main` does). Start-up is most of the
    time of a run over one small file.
    """
    args = sys.argv[1:] if argv is None else argv
    if args == ["--version"]:
        from svcstd import __version__

        sys.stdout.write(f"svcstd {__version__}\n")
        return 0
    module = COMMAND_MODULES.get(args[0]) if args else None
    if module is None or "--help" in args:
        from svcstd.cli.main import main

        return main(argv)
    import importlib

    from svcstd.cli.app import invoke

    importlib.import_module(f"svcstd.cli.{module}")
    return invoke(argv)
