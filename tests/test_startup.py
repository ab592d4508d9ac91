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


# --- issue 17, fourth part: what one small file imports, and typer's coercion without pydantic --------------------

INVALID = str(ROOT / "examples" / "invalid" / "perpustakaan-draf.yaml")
COMPARE = """
import json, sys
if sys.argv[1] == "typer":  # typer's own coercion for every value, as before the deferral
    import svcstd.cli.coercion
    svcstd.cli.coercion.defer_coercion = lambda: False
from svcstd.cli import run
code = run(sys.argv[2:])
sys.stdout.flush()
watched = ("pydantic", "jsonschema", "rich", "svcstd.importing", "multiprocessing")
loaded = sorted(name for name in watched if name in sys.modules)
print("\\n" + json.dumps({"code": code, "loaded": loaded}))
"""


def compare(mode: str, *argv: str) -> tuple[int, str, str, set[str]]:
    """Run the program with deferred coercion ("deferred") or typer's own ("typer"): code, stdout, stderr, imports."""
    done = subprocess.run(
        [sys.executable, "-c", COMPARE, mode, *argv], capture_output=True, text=True, timeout=300, check=False, cwd=ROOT
    )
    assert done.returncode == 0, done.stderr
    out, _, last = done.stdout.rstrip("\n").rpartition("\n")
    result = json.loads(last)
    return result["code"], out, done.stderr, set(result["loaded"])


@pytest.mark.parametrize("extra", [[], ["--format", "json"], ["-f", "sarif", "--quiet", "--select", "TRA,ACC"]])
def test_checking_a_valid_file_imports_neither_pydantic_nor_jsonschema_nor_rich(extra: list[str]) -> None:
    """Nor the readers of Word, PDF and spreadsheet originals (svcstd.importing), nor multiprocessing."""
    code, out, _, loaded = compare("deferred", "check", EXAMPLE, "--as-of", "2026-11-27", "--no-cache", *extra)
    assert code in (0, 1) and out
    assert loaded == set()


def test_an_invalid_file_still_gets_jsonschema_s_explanation() -> None:
    code, out, _, loaded = compare("deferred", "check", INVALID, "--as-of", "2026-11-27", "--no-cache")
    assert code == 1 and "SCH0" in out
    assert "jsonschema" in loaded


ARGVS = [
    ["check", EXAMPLE, "--no-cache", "--as-of", "2026-11-27"],
    ["check", EXAMPLE, INVALID, "--no-cache", "--as-of", "2026-11-27", "-f", "json", "--lang", "id"],
    ["check", EXAMPLE, "--no-cache", "--fail-under", "99.5", "--jobs", "1", "--min-principle", "60"],
    ["check", EXAMPLE, "--no-cache", "--fail-under", "abc"],
    ["check", EXAMPLE, "--no-cache", "--jobs", "0"],
    ["check", EXAMPLE, "--no-cache", "--jobs", "two"],
    ["check", EXAMPLE, "--no-cache", "--as-of", "27-11-2026"],
    ["check", EXAMPLE, "--no-cache", "--lang", "fr"],
    ["check", EXAMPLE, "--no-cache", "--format"],
    ["check", EXAMPLE, "--no-cache", "--show-config", "--fail-on", "warning"],
    ["check", "--no-cache", "--isolated", "--config", "x.yaml", EXAMPLE],
    ["explain", "TRN001"],
    ["rules", "--format", "json"],
]


@pytest.mark.parametrize("argv", ARGVS, ids=[" ".join(a[1:4]).replace(str(ROOT), "") for a in ARGVS])
def test_deferred_coercion_answers_as_typer_does(argv: list[str]) -> None:
    """Same exit code, output and messages (typer's own for bad numbers), with and without the deferral."""
    *deferred, _ = compare("deferred", *argv)
    *typer_own, _ = compare("typer", *argv)
    assert deferred == typer_own


def test_without_the_deferral_typer_does_build_its_adapters() -> None:
    """The comparison above compares two different things: typer's own coercion does import pydantic."""
    assert "pydantic" in compare("typer", "check", EXAMPLE, "--no-cache")[3]
    assert "pydantic" not in compare("deferred", "check", EXAMPLE, "--no-cache")[3]


def test_the_suffixes_that_skip_the_originals_are_never_an_original() -> None:
    from svcstd.cli.check import NEVER_ORIGINAL
    from svcstd.importing.originals import SUFFIXES, is_original

    assert not NEVER_ORIGINAL & SUFFIXES
    assert not any(is_original(f"name{suffix}") for suffix in NEVER_ORIGINAL)
    assert "svcstd.importing" in compare("deferred", "check", "--no-cache", str(ROOT / "no-such.docx"))[3]


def test_the_pool_classes_are_found_by_name_as_spawn_needs() -> None:
    """Defined on first use, the pool's classes still pickle by reference (a spawned worker unpickles its process)."""
    import pickle

    from svcstd import parallel

    for name in parallel.POOL_CLASSES:
        if name == "_QuietForkProcess" and sys.platform == "win32":
            continue
        cls = getattr(parallel, name)
        assert cls.__module__ == "svcstd.parallel" and cls.__qualname__ == name
        assert pickle.loads(pickle.dumps(cls)) is cls
    with pytest.raises(AttributeError):
        _ = parallel.no_such_name
