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


TYPER_MODULES = {"check": "check_command"}
"""Commands whose typer registration is a module of its own (`svcstd.cli.check` imports no typer)."""


def run(argv: list[str] | None = None, *, fast: bool | None = None) -> int:
    """The `svcstd` program: what `svcstd.cli.main.main` does, importing only what this invocation needs.

    `svcstd --version` answers without importing typer; so does a `check` whose arguments
    `svcstd.cli.fast` fully understands (`fast`: by default when the arguments are the program's own,
    `argv` None; `run(argv)` with a list always goes through typer). Any other command imports only
    its own module (help and anything unexpected import every command, as `svcstd.cli.main` does).
    Start-up is most of the time of a run over one small file, and of a warm replay.
    """
    args = sys.argv[1:] if argv is None else argv
    if args == ["--version"]:
        from svcstd import __version__

        sys.stdout.write(f"svcstd {__version__}\n")
        return 0
    if (argv is None if fast is None else fast) and args[:1] == ["check"] and "--help" not in args:
        from svcstd.cli.fast import run_check

        code = run_check(list(args))
        if code is not None:
            return code
    module = COMMAND_MODULES.get(args[0]) if args else None
    if module is None or "--help" in args:
        from svcstd.cli.main import main

        return main(argv)
    import importlib

    from svcstd.cli.app import invoke

    importlib.import_module(f"svcstd.cli.{TYPER_MODULES.get(args[0], module)}")
    return invoke(argv)


def program() -> None:
    """The `svcstd` program (pyproject's script, `python -m svcstd`): `run()`, then the process ends at once.

    After a run, Python's own shutdown would free every module and object one by one: for one small file
    that was 0.05-0.06 s of CPU (a sixth of the run), after many files more. Nothing svcstd leaves needs it:
    every file it writes is closed (and renamed into place) before `run` returns, and the temporary files it
    reads back are unnamed. So when `run` returns an exit code with no other thread running, the atexit
    functions run (multiprocessing's, weakref finalizers), the standard streams are flushed, and the process
    ends with that code (`os._exit`). Anything else -- `run` raising, a thread still running, a stream that
    cannot be flushed (a closed pipe) -- ends as Python always ends, with the same code and messages.
    """
    code = run()
    threading = sys.modules.get("threading")
    if not isinstance(code, int) or (threading is not None and threading.active_count() > 1):
        raise SystemExit(code)
    import atexit

    atexit._run_exitfuncs()
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
    except BaseException:  # Python's own exit says it, as without this function
        raise SystemExit(code) from None
    import os

    os._exit(code)
