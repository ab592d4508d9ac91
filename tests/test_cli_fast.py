"""`svcstd check` without typer (svcstd.cli.fast): the same values, output, messages and exit codes as typer's.

The program (`run()`, reading sys.argv) answers the `check` lines the fast parser fully understands
without importing typer; `run(argv)` with a list always goes through typer. Each comparison runs the same
command line both ways and compares standard output, standard error, exit code and the files written.
"""

from __future__ import annotations

import inspect
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from svcstd.cli import check as logic
from svcstd.cli import run
from svcstd.cli.fast import parse_check
from tests.conftest import ROOT

EXAMPLES = ROOT / "examples"
SIGNATURE = inspect.signature(logic.check)


# --- the parser: the values typer would give `check`, or None --------------------------------------------------

ACCEPTED = [
    [],
    ["a.yaml"],
    ["a.yaml", "b.yaml", "--no-cache"],
    ["--format", "json", "a.yaml"],
    ["--format=json", "a.yaml", "--format", "sarif=r.sarif"],
    ["-f", "json", "-fsarif=x", "-o", "out.json"],
    ["-fjson", "-oout.json"],
    ["-o=out.txt", "-qf=json"],
    ["-qv", "a.yaml"],
    ["-qvf", "json"],
    ["-qvfjson"],
    ["-vq", "-j", "2"],
    ["-j2", "--jobs=3"],
    ["--jobs", "4", "--jobs", "1"],
    ["--output", "a", "--output=b", "-o", "c"],
    ["--fail-on", "warning", "--fail-on=never"],
    ["--fail-on", "nonsense"],
    ["--min-principle", "60", "--min-principle=Fairness=70"],
    ["--select", "TRA,ACC", "--ignore=TRA001"],
    ["--select=", "--ignore", ""],
    ["--config", "svcstd.yaml", "--isolated"],
    ["--as-of", "2026-11-27", "--as-of=not-a-date"],
    ["--lang", "id", "--lang=fr"],
    ["--baseline", "b.json", "--write-baseline=w.json"],
    ["--no-cache", "--skip-non-standards", "--allow-empty", "--show-skipped", "--isolated"],
    ["--quiet", "--verbose", "-q", "-v"],
    ["-", "a.yaml"],
    ["a.yaml", "--", "--no-cache", "-q", "--help-me"],
    ["--", "-weird.yaml"],
    ["--"],
    ["--format", "", "--output="],
    ["--format", "json=", "--as-of", "2026-02-30"],
    ["dokumen dengan spasi.yaml", "ünïcödé.yaml"],
]

DECLINED = [
    ["--help"],
    ["-h"],
    ["--version"],
    ["--show-config"],
    ["--fail-under", "99.5"],
    ["--fail-under=abc"],
    ["--jobs", "0"],
    ["--jobs", "02"],
    ["--jobs", "two"],
    ["--jobs", "-1"],
    ["--jobs", "+1"],
    ["--jobs", " 1"],
    ["--jobs", "١"],
    ["-j0"],
    ["--jobs", "9999999999"],
    ["--format"],
    ["a.yaml", "-o"],
    ["-f"],
    ["--format", "-q"],
    ["-o", "-"],
    ["--quiet=yes"],
    ["--no-cache=1"],
    ["--unknown"],
    ["--form", "json"],
    ["--formats", "json"],
    ["-x"],
    ["-qx"],
    ["-q=1"],
    ["-1"],
    ["---format", "json"],
]


def typer_values(args: list[str], monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """What typer gives `check` for `svcstd check ARGS`: every parameter, by name."""
    seen: list[dict[str, Any]] = []

    def spy(*positional: Any, **named: Any) -> int:
        bound = SIGNATURE.bind(*positional, **named)
        bound.apply_defaults()
        seen.append(dict(bound.arguments))
        return 0

    monkeypatch.setattr(logic, "check", spy)
    assert run(["check", *args]) == 0
    return seen[0]


def fast_values(args: list[str]) -> dict[str, Any] | None:
    values = parse_check(args)
    if values is None:
        return None
    bound = SIGNATURE.bind(**values)
    bound.apply_defaults()
    return dict(bound.arguments)


def normal(values: dict[str, Any]) -> dict[str, Any]:
    """An empty list and no list are the same to `check` (it reads each as `value or ...`)."""
    return {name: (value or None) if isinstance(value, (list, tuple)) else value for name, value in values.items()}


@pytest.mark.parametrize("args", ACCEPTED, ids=[" ".join(a) or "(none)" for a in ACCEPTED])
def test_the_fast_parser_gives_the_values_typer_gives(args: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    fast = fast_values(args)
    assert fast is not None
    assert normal(fast) == normal(typer_values(args, monkeypatch))
    assert all(type(value) in (bool, int, str, list, type(None)) for value in fast.values())


@pytest.mark.parametrize("args", DECLINED, ids=[" ".join(a) for a in DECLINED])
def test_what_the_fast_parser_is_unsure_of_goes_to_typer(args: list[str]) -> None:
    assert parse_check(args) is None


def test_other_commands_and_no_command_go_to_typer(capsys: pytest.CaptureFixture[str]) -> None:
    from svcstd.cli.fast import run_check

    for argv in (["rules"], [], ["--version"], ["chek", "a.yaml"], ["explain", "check"]):
        assert run_check(argv) is None
    assert capsys.readouterr() == ("", "")


def test_shell_completion_goes_to_typer(monkeypatch: pytest.MonkeyPatch) -> None:
    from svcstd.cli.fast import run_check

    monkeypatch.setenv("_SVCSTD_COMPLETE", "bash_complete")
    assert run_check(["check", "a.yaml"]) is None


# --- errors from the check logic: same message, stream and exit code -------------------------------------------


def raising(error: BaseException) -> Any:
    def check(*args: Any, **kwargs: Any) -> int:
        raise error

    return check


def said(fast: bool, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> tuple[object, str, str]:
    monkeypatch.setattr(sys, "stdout", sys.stdout)  # restored after a closed pipe replaced it
    monkeypatch.setattr(sys, "stderr", sys.stderr)
    argv = ["check", "a.yaml", "--lang", "id"]
    try:
        code: object = run(argv, fast=True) if fast else run(argv)
    except SystemExit as stop:
        code = ("exit", stop.code)
    out, err = capsys.readouterr()
    return code, out, err


def errors() -> list[BaseException]:
    from svcstd.cache.location import CacheError
    from svcstd.cli.output import Terminated
    from svcstd.errors import ConfigError, MissingPathError, NothingCheckedError, UsageError
    from svcstd.model import Text

    text = Text("bad \x1b[31mthing\x1b[0m\nsecond line", "hal \x1b[31mburuk\x1b[0m\nbaris kedua")
    return [
        UsageError(text),
        NothingCheckedError(text),
        CacheError(text),
        ConfigError(text),
        MissingPathError(text),
        KeyboardInterrupt(),
        EOFError(),
        BrokenPipeError(32, "Broken pipe"),
        Terminated(143),
    ]


@pytest.mark.parametrize("index", range(9))
def test_errors_are_said_as_typer_says_them(
    index: int, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    error = errors()[index]
    monkeypatch.setattr(logic, "check", raising(error))
    through_typer = said(False, monkeypatch, capsys)
    fast = said(True, monkeypatch, capsys)
    assert fast == through_typer
    assert through_typer[0] != 0


def test_an_unexpected_error_goes_up_either_way(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(logic, "check", raising(ValueError("a bug")))
    for fast in (True, False):
        with pytest.raises(ValueError, match="a bug"):
            run(["check", "a.yaml"], fast=fast)


# --- whole runs in fresh processes: output, messages, exit codes and files, fast and through typer ---------------

PROGRAM = """
import sys
mode = sys.argv.pop(1)
from svcstd.cli import run
code = run() if mode == "fast" else run(sys.argv[1:])
sys.stdout.flush()
with open(".loaded", "w") as out:
    out.write(" ".join(sorted(m for m in sys.modules if m.split(".")[0] in ("typer", "click", "rich", "pydantic"))))
raise SystemExit(code)
"""

ASOF = ["--as-of", "2026-11-27"]
RUNS = [
    ["check", "a.yaml", "--no-cache", *ASOF],
    ["check", "a.yaml", "b.yaml", "--no-cache", "--as-of=2026-11-27", "-f", "json", "--lang", "id"],
    ["check", "--no-cache", "-qv", "a.yaml", "bad.yaml", *ASOF],
    ["check", "a.yaml", "--no-cache", "-fjson", "-o", "out.json", *ASOF],
    ["check", ".", "--no-cache", "--format", "sarif", "--format", "junit=r.xml", "-j", "1", *ASOF],
    ["check", "a.yaml", "--no-cache", "--fail-on", "warning", "--select", "TRA,ACC", "--ignore", "TRA001", *ASOF],
    ["check", "a.yaml", "--no-cache", "--min-principle", "60", "--min-principle", "Fairness=99", *ASOF],
    ["check", ".", "--no-cache", "--show-skipped", "--allow-empty", "--jobs=2", *ASOF],
    ["check", "notes.yaml", "--no-cache", "--skip-non-standards", "--allow-empty", *ASOF],
    ["check", "empty", "--no-cache", *ASOF],
    ["check", "empty", "--no-cache", "--allow-empty", "--lang=id"],
    ["check", "a.yaml", "--no-cache", "--lang", "fr"],
    ["check", "a.yaml", "--no-cache", "--as-of", "27-11-2026", "--lang", "id"],
    ["check", "a.yaml", "--no-cache", "-f", "nope"],
    ["check", "a.yaml", "--no-cache", "-f", "json", "-f", "sarif"],
    ["check", "--isolated", "--config", "x.yaml", "a.yaml", "--no-cache"],
    ["check", "a.yaml", "--no-cache", "--config", "missing.yaml"],
    ["check", "a.yaml", "--no-cache", "--fail-on", "sometimes"],
    ["check", "a.yaml", "--no-cache", "-o", "a.yaml"],
    ["check", "a.yaml", "--no-cache", "-o", "missing/folder/out.txt"],
    ["check", "a.yaml", "--no-cache", "--write-baseline", "base.json", *ASOF],
    ["check", "a.yaml", "--no-cache", "--baseline", "missing.json", *ASOF],
    ["check", "missing.yaml", "--no-cache"],
    ["check", "--no-cache", "--", "-dash.yaml", *ASOF],
    ["check", "--select", "NOPE999", "a.yaml", "--no-cache"],
    ["check", "a.yaml", "--no-cache", "-q", "--lang", "en", "--lang", "id", *ASOF],
    # left to typer by the fast parser: both ways are typer's
    ["check", "a.yaml", "--no-cache", "--jobs", "0"],
    ["check", "a.yaml", "--no-cache", "--fail-under", "99.5", *ASOF],
    ["check", "a.yaml", "--no-cache", "--show-config"],
    ["check", "a.yaml", "--format"],
    ["check", "a.yaml", "--quiet=yes"],
    ["check", "a.yaml", "--unknown"],
    ["check", "--help"],
    # the result cache: a cold run records, the same line again replays
    ["check", "a.yaml", "bad.yaml", *ASOF],
    ["check", "a.yaml", "bad.yaml", *ASOF],
    ["check", ".", "-f", "json", "-o", "cached.json", "--jobs", "1", *ASOF],
    ["check", ".", "-f", "json", "-o", "cached.json", "--jobs", "1", *ASOF],
]


def tree(folder: Path) -> None:
    shutil.copy(EXAMPLES / "dukcapil-ktp-el.yaml", folder / "a.yaml")
    shutil.copy(EXAMPLES / "legalisir-ijazah.yaml", folder / "b.yaml")
    shutil.copy(EXAMPLES / "legalisir-ijazah.yaml", folder / "-dash.yaml")
    shutil.copy(EXAMPLES / "invalid" / "perpustakaan-draf.yaml", folder / "bad.yaml")
    (folder / "notes.yaml").write_text("title: not a standard\n", encoding="utf-8")
    (folder / "empty").mkdir()


def files(folder: Path) -> dict[str, str]:
    return {
        str(path.relative_to(folder)): path.read_text(encoding="utf-8", errors="replace")
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.name != ".loaded"
    }


def session(mode: str, folder: Path, cache: Path) -> list[tuple[object, ...]]:
    """Every line of RUNS in order, in fresh processes: what each said and left, and what it imported."""
    tree(folder)
    env = {key: value for key, value in __import__("os").environ.items() if key not in ("SVCSTD_LANG", "CI")}
    env |= {"SVCSTD_CACHE_DIR": str(cache), "NO_COLOR": "1", "PYTHONPATH": str(ROOT / "src")}
    results = []
    for argv in RUNS:
        done = subprocess.run(
            [sys.executable, "-c", PROGRAM, mode, *argv],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
            cwd=folder,
            env=env,
        )
        loaded = (folder / ".loaded").read_text(encoding="utf-8") if (folder / ".loaded").exists() else None
        (folder / ".loaded").unlink(missing_ok=True)
        results.append((done.returncode, done.stdout, done.stderr, files(folder), loaded))
    return results


def test_whole_runs_say_and_write_the_same_fast_and_through_typer(tmp_path: Path) -> None:
    (tmp_path / "fast").mkdir()
    (tmp_path / "typer").mkdir()
    fast = session("fast", tmp_path / "fast", tmp_path / "cache-fast")
    typer = session("typer", tmp_path / "typer", tmp_path / "cache-typer")
    for argv, mine, theirs in zip(RUNS, fast, typer, strict=True):
        assert mine[:4] == theirs[:4], argv
    codes = {result[0] for result in fast}
    assert {0, 1, 2} <= codes  # passing, failing and misuse are all among the lines compared
    # the lines the fast parser understands never import typer; the others (and every typer run) do
    understood = [parse_check(argv[1:]) is not None for argv in RUNS]
    assert [mine[4] == "" for mine in fast] == understood
    assert all("typer" in theirs[4] for theirs in typer)
    assert sum(understood) >= 25
    replayed = [json.loads(fast[-1][3]["cached.json"]), json.loads(typer[-1][3]["cached.json"])]
    assert replayed[0] == replayed[1]


def loaded_by(mode: str, *argv: str, cwd: Path) -> tuple[int, str]:
    done = subprocess.run(
        [sys.executable, "-c", PROGRAM, mode, *argv], capture_output=True, text=True, timeout=300, check=False, cwd=cwd
    )
    return done.returncode, (cwd / ".loaded").read_text(encoding="utf-8")


def test_the_common_path_imports_neither_typer_nor_click_nor_rich(tmp_path: Path) -> None:
    """Nor pydantic; the same line through typer does import typer, so the probe can see it."""
    tree(tmp_path)
    argv = ("check", "a.yaml", "--as-of", "2026-11-27", "-f", "json", "-o", "out.json", "--jobs", "1")
    assert loaded_by("fast", *argv, cwd=tmp_path) == (0, "")  # cold: recorded
    assert loaded_by("fast", *argv, cwd=tmp_path) == (0, "")  # warm: replayed
    assert "typer" in loaded_by("typer", *argv, cwd=tmp_path)[1].split()
