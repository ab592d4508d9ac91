"""The README cannot drift: its quick start, its sample output and its --help block are checked here."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

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


QUICK_START = [
    "python3 -m venv .venv && .venv/bin/python -m pip install -e '.[test]' && .venv/bin/svcstd check examples/",
    ".venv/bin/python -m pytest -q",
]
# Where a README, CI or docs command may run pip: an interpreter inside a virtual environment.
VENV_PIP = re.compile(r"""(?:^|[\s;&|(])["']?(?:\.venv|\$[\w{}]+|"\$[\w{}]+")[^\s]*/bin/python["']? -m pip install """)


def test_quick_start_is_two_commands_venv_install_and_check_then_test() -> None:
    assert fenced_after("## Quick start").strip().splitlines() == QUICK_START


def test_indonesian_summary_gives_the_same_quick_start() -> None:
    assert fenced_after("**Mulai cepat.**").strip().splitlines() == QUICK_START


def test_ci_reads_the_quick_start_from_the_readme() -> None:
    result = subprocess.run(["bash", str(ROOT / ".ci" / "quick-start")], capture_output=True, text=True, check=True)
    assert result.stdout.splitlines() == QUICK_START
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert ".ci/quick-start" in ci
    assert not any(command in ci for command in QUICK_START), "CI runs the README's commands, never a copy"


def pip_installs() -> list[tuple[str, str]]:
    """Every line that runs `pip install` in the README, CI, the Action and the docs."""
    files = [ROOT / "README.md", ROOT / "action.yml", *(ROOT / ".ci").iterdir(), *(ROOT / "docs").rglob("*.*")]
    return [
        (path.name, line)
        for path in files
        if path.is_file() and path.suffix not in {".txt", ".json"}
        for line in path.read_text(encoding="utf-8").splitlines()
        if "pip install" in line
    ]


def test_pip_never_installs_outside_a_virtual_environment() -> None:
    """Debian, Ubuntu and Homebrew refuse pip outside a venv (PEP 668): every pip is a venv's."""
    found = pip_installs()
    assert any(name == "run" for name, _ in found) and any(name == "README.md" for name, _ in found)
    outside = [(name, line) for name, line in found if not VENV_PIP.search(line)]
    assert not outside


@pytest.mark.parametrize(
    ("line", "in_venv"),
    [
        ("python3 -m pip install -e '.[test]'", False),
        ("pip install svcstd", False),
        ("python -m pip install --quiet x", False),
        (".venv/bin/python -m pip install -e '.[test]'", True),
        ('"$scratch/lowest/bin/python" -m pip install -q -e .', True),
        ('run: "$SVCSTD_VENV/bin/python" -m pip install x', True),
    ],
)
def test_the_venv_pip_pattern_tells_them_apart(line: str, in_venv: bool) -> None:
    assert bool(VENV_PIP.search(line)) is in_venv


def test_editor_section_shows_what_init_writes_and_the_schema_command_it_names(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    assert main(["init", "standar/ktp-el.yaml", "--lang", "en"]) == 0
    written = (tmp_path / "standar" / "ktp-el.yaml").read_text(encoding="utf-8")
    assert written.splitlines()[0] == fenced_after("### Editor support").strip()
    command = fenced_after("Write the schema there once").strip()
    assert f"#     {command}\n" in written
    assert command in capsys.readouterr().err  # init names it while the schema is missing
    assert main(command.split()[1:]) == 0
    schema = written.splitlines()[0].split("$schema=", 1)[1]
    assert (tmp_path / "standar" / schema).is_file()  # the modeline finds what the command wrote


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
