"""`svcstd.cli.program`, the `svcstd` program: after `run` it ends the process without Python's teardown,
but runs the atexit functions and flushes the standard streams first, and ends as Python always ends when
`run` raises, another thread still runs, or a stream cannot be flushed."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "dpmptsp-pbg.yaml"


def _program(body: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Run `program()` in a child with `svcstd.cli.run` replaced by `body` (a function `fake_run`)."""
    script = (
        textwrap.dedent(
            """
        import atexit, sys, threading, time
        import svcstd.cli as cli

        class Loud:
            def __del__(self):
                sys.stdout.write("teardown\\n")

        KEEP = Loud()
        """
        )
        + textwrap.dedent(body)
        + "\ncli.run = fake_run\ncli.program()\n"
    )
    return subprocess.run(
        [sys.executable, "-c", script, *args], capture_output=True, text=True, timeout=120, check=False
    )


def test_exit_code_atexit_and_buffered_output_kept_teardown_skipped() -> None:
    result = _program(
        """
        def fake_run():
            atexit.register(lambda: sys.stdout.write("atexit ran\\n"))
            sys.stdout.write("no newline yet")
            sys.stderr.write("to stderr")
            return 3
        """
    )
    assert result.returncode == 3
    assert result.stdout == "no newline yetatexit ran\n"
    assert result.stderr == "to stderr"


def test_a_running_thread_ends_as_python_ends() -> None:
    result = _program(
        """
        def fake_run():
            def late():
                time.sleep(0.2)
                sys.stdout.write("thread done\\n")
            threading.Thread(target=late).start()
            return 1
        """
    )
    assert result.returncode == 1
    assert "thread done\n" in result.stdout
    assert result.stdout.endswith("teardown\n")


def test_run_raising_ends_as_python_ends() -> None:
    result = _program(
        """
        def fake_run():
            raise SystemExit(4)
        """
    )
    assert result.returncode == 4
    assert result.stdout == "teardown\n"


def test_a_code_that_is_not_a_number_ends_as_python_ends() -> None:
    result = _program(
        """
        def fake_run():
            return None
        """
    )
    assert result.returncode == 0
    assert result.stdout == "teardown\n"


def _closed_pipe(ending: str) -> tuple[int, bytes]:
    """A child that writes to standard output after its reader has gone (the text waits in the buffer)."""
    script = textwrap.dedent(
        f"""
        import sys, time
        import svcstd.cli as cli

        def fake_run():
            time.sleep(0.3)
            sys.stdout.write("x" * 100)
            return 0

        cli.run = fake_run
        {ending}
        """
    )
    environment = {name: value for name, value in os.environ.items() if name != "PYTHONUNBUFFERED"}
    child = subprocess.Popen(
        [sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=environment
    )
    assert child.stdout is not None
    child.stdout.close()
    _, err = child.communicate(timeout=120)
    return child.returncode, err


def test_a_closed_pipe_ends_as_python_ends() -> None:
    code, err = _closed_pipe("cli.program()")
    assert (code, err) == _closed_pipe("sys.exit(cli.run())")
    assert code == 120  # Python's own exit when it cannot flush standard output
    assert b"BrokenPipeError" in err


def test_python_m_svcstd_same_report_and_code_as_run() -> None:
    through_run = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from svcstd.cli import run; sys.exit(run())",
            "check",
            str(EXAMPLE),
            "--no-cache",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    through_program = subprocess.run(
        [sys.executable, "-m", "svcstd", "check", str(EXAMPLE), "--no-cache"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert through_program.returncode == through_run.returncode == 1
    assert through_program.stdout == through_run.stdout
    assert through_program.stderr == through_run.stderr
    assert "document(s) checked" in through_program.stdout
