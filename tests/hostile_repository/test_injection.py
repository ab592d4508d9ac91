"""Document text printed by `diff` and `render` reaches neither a terminal nor a GitHub Actions runner as commands.

A title with line breaks once emitted `::error`, `::add-mask::` and `::stop-commands::` lines that
Actions obeys, and escape sequences reached the terminal.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from svcstd.cli.main import main
from svcstd.reporters.github import inert_line
from tests.conftest import ROOT

GOOD = ROOT / "examples" / "dukcapil-ktp-el.yaml"
PAYLOAD = "x\n::error::owned\r\n  ::add-mask::secret\u2028::stop-commands::t\x85##[error]e\x1b[2J\x9b31m\u202eZ"
FORBIDDEN = ("\x1b", "\x9b", "\u202e", "\u2028", "\x85", "\r")


def assert_inert(output: str) -> None:
    for line in output.splitlines():
        body = line.lstrip()
        assert not body.startswith(("::", "##[")), line
    for char in FORBIDDEN:
        assert char not in output, repr(char)


def hostile_title(text: str) -> str:
    """The standard with PAYLOAD as its title (JSON is YAML: a double-quoted scalar with \\u escapes)."""
    return text.replace("\ntitle: ", f"\ntitle: {json.dumps(PAYLOAD)}\nx-old-title: ", 1)


def test_diff_text_shows_a_hostile_title_inertly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Proven by mutation: with render_text joining raw lines, `::error::owned` starts a line."""
    old = tmp_path / "old.yaml"
    new = tmp_path / "new.yaml"
    old.write_text(GOOD.read_text(encoding="utf-8"), encoding="utf-8")
    new.write_text(hostile_title(GOOD.read_text(encoding="utf-8")), encoding="utf-8")
    main(["diff", str(old), str(new), "--lang", "en"])
    out = capsys.readouterr().out
    assert "::error::owned" in out  # shown, on the heading's line ...
    assert_inert(out)  # ... never as a command


def test_render_reports_a_hostile_file_name_inertly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Proven by mutation: with _report echoing raw lines, the file name's `::error` line is obeyed."""
    folder = tmp_path / "site-src"
    folder.mkdir()
    (folder / "a\n::error::owned\x1b[2J.yaml").write_text('svcstd: "1.0"\nid: 1\n', encoding="utf-8")
    assert main(["render", str(folder), "-o", str(tmp_path / "site"), "--lang", "en"]) == 1
    err = capsys.readouterr().err
    assert "::error::owned" in err
    assert_inert(err)


@pytest.mark.parametrize(
    ("line", "shown"),
    [
        ("::error::x", "\\x3a:error::x"),
        ("   ::warning file=a::x", "   \\x3a:warning file=a::x"),
        ("##[error]x", "\\x23#[error]x"),
        ("a\n::error::x", "a\\n::error::x"),
        ("fine: a::b", "fine: a::b"),
    ],
)
def test_inert_line(line: str, shown: str) -> None:
    assert inert_line(line) == shown
