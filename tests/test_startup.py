"""Start-up: the `svcstd` program imports only what an invocation needs, and answers as `main` does.

Each case runs in a fresh interpreter, since what matters is what a new process imports. No timing
is asserted here (benchmarks/run.py measures it); what is asserted is which modules get imported.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from svcstd.cli import COMMAND_MODULES
from tests.conftest import ROOT

EXAMPLE = str(ROOT / "examples" / "legalisir-ijazah.yaml")
PROBE = """
import json, sys
from svcstd.cli import run
code = run(sys.argv[1:])
sys.stdout.flush()
loaded = sorted(name for name in sys.modules if name.split(".")[0] in ("svcstd", "typer", "pydantic", "jsonschema"))
print("\\n" + json.dumps({"code": code, "loaded": loaded}))
"""


def probe(*argv: str) -> tuple[int, str, set[str]]:
    """Run the program in a new interpreter: exit code, standard output, modules imported."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *argv], capture_output=True, text=True, timeout=300, check=False, cwd=ROOT
    )
    assert done.returncode == 0, done.stderr
    out, _, last = done.stdout.rstrip("\n").rpartition("\n")
    result = json.loads(last)
    return result["code"], out.rstrip("\n"), set(result["loaded"])


def test_version_imports_neither_typer_nor_the_checker() -> None:
    code, out, loaded = probe("--version")
    assert code == 0 and out.strip().startswith("svcstd ")
    assert not any(name.startswith(("typer", "pydantic", "jsonschema", "svcstd.cli.")) for name in loaded)


def test_a_command_registers_only_its_own_module_and_answers_as_main_does(capsys: pytest.CaptureFixture[str]) -> None:
    from svcstd.cli.main import main

    argv = ["check", EXAMPLE, "--as-of", "2026-11-27", "--lang", "en", "--no-cache", "--format", "json"]
    code, out, loaded = probe(*argv)
    commands = {f"svcstd.cli.{module}" for module in COMMAND_MODULES.values()}
    assert loaded & commands == {"svcstd.cli.check"}
    assert (code, out) == (main(argv), capsys.readouterr().out.rstrip("\n"))


@pytest.mark.parametrize("argv", [["--help"], ["check", "--help"]])
def test_help_registers_and_lists_every_command(argv: list[str]) -> None:
    code, out, loaded = probe(*argv)
    assert code == 0 and {f"svcstd.cli.{module}" for module in COMMAND_MODULES.values()} <= loaded
    if argv == ["--help"]:
        assert all(command in out for command in COMMAND_MODULES)


def test_an_unknown_command_gets_the_usage_error_of_main(capsys: pytest.CaptureFixture[str]) -> None:
    from svcstd.cli.main import main

    code, _, loaded = probe("no-such-command")
    assert code == main(["no-such-command"]) == 2 and "svcstd.cli.migrate" in loaded
    assert "no-such-command" in capsys.readouterr().err


def test_every_command_module_is_known() -> None:
    """A command added to svcstd.cli.main but not to COMMAND_MODULES would be unreachable from `svcstd`."""
    import typer

    import svcstd.cli.main  # noqa: F401  (registers the commands)
    from svcstd.cli.app import app

    group = typer.main.get_command(app)
    assert set(getattr(group, "commands", {})) == set(COMMAND_MODULES)
