"""The README cannot drift: its quick start, its sample output and its --help block are checked here."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from svcstd.cli.main import main
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def fenced_after(marker: str) -> str:
    """The first fenced block after `marker` in the README."""
    start = README.index(marker)
    match = re.search(r"```[a-z]*\n(.*?)```", README[start:], re.DOTALL)
    assert match, marker
    return match.group(1)


def test_quick_start_is_two_commands_install_and_check_then_test() -> None:
    commands = fenced_after("## Quick start").strip().splitlines()
    assert commands == [
        "python3 -m pip install -e '.[test]' && svcstd check examples/",
        "python3 -m pytest -q",
    ]


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "python -m pytest -q" in ci


def test_sample_output_is_what_svcstd_prints(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    code = main(["check", "examples/legalisir-ijazah.yaml", "--lang", "en", "--as-of", "2026-11-27"])
    assert code == 1
    assert capsys.readouterr().out == fenced_after("## What a check looks like")


def test_help_block_is_what_svcstd_prints() -> None:
    environment = {**os.environ, "COLUMNS": "80", "SVCSTD_LANG": "en", "LANG": "C.UTF-8"}
    environment.pop("LC_ALL", None)
    result = subprocess.run(
        [sys.executable, "-m", "svcstd", "check", "--help"],
        capture_output=True,
        text=True,
        env=environment,
        cwd=ROOT,
        check=True,
    )
    assert result.stdout == fenced_after("All options of `svcstd check`")
