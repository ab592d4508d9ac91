"""The README's worked import example is what svcstd prints and writes, so it cannot drift."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from svcstd.cli.main import main
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
SECTION = README[README.index("## Import your existing standards") :]


def blocks() -> list[str]:
    return re.findall(r"```[a-z]*\n(.*?)```", SECTION, re.DOTALL)


def test_worked_example_is_what_import_prints_and_writes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copy(ROOT / "tests" / "fixtures" / "import" / "sekadau-igd.html", tmp_path)
    monkeypatch.chdir(tmp_path)
    command, *printed = blocks()[1].splitlines()
    assert command == "$ svcstd import sekadau-igd.html -o draf --report --lang en"
    assert main(command.split()[2:]) == 0
    assert capsys.readouterr().out.splitlines() == printed
    written = (tmp_path / "draf" / "sekadau-igd.yaml").read_text(encoding="utf-8").splitlines()
    excerpt = blocks()[2].splitlines()
    position = 0
    for line in excerpt:  # every line of the excerpt appears in the file, in order
        position = written.index(line, position) + 1


def test_check_on_the_original_is_what_check_prints(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copy(ROOT / "tests" / "fixtures" / "import" / "sekadau-igd.html", tmp_path)
    monkeypatch.chdir(tmp_path)
    command, *printed = blocks()[3].splitlines()
    assert command == "$ svcstd check sekadau-igd.html --lang en --as-of 2026-11-27"
    assert main(command.split()[2:]) == 0  # valid: `provider: {}`, so the rules run and are placed
    assert "(table 1, row 5, cell 3): warning TRA003" in "\n".join(printed)
    assert capsys.readouterr().out.splitlines() == printed
