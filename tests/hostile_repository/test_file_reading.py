"""Every file svcstd reads is a regular file of sane size and content, on every path, or a clear exit 2.

A repository can commit a symlink to /proc/kmsg (whose read blocks for ever), to /dev/zero (endless) or
to a file outside itself, a FIFO (`mkfifo` in a CI step), or JSON and TOML built to crash a parser:
nesting deeper than the recursion limit, integers over Python's 4,300 digits, NaN. Each must give a
one-line bilingual error (exit 2) or, for a standard, a YML001 finding; never a hang or a traceback.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from svcstd.cli.main import main
from svcstd.reading.files import UnsafeFileError, read_json, read_regular
from tests.conftest import ROOT

GOOD = ROOT / "examples" / "dukcapil-ktp-el.yaml"
PROC_FILE = "/proc/self/environ"
"""A "regular" kernel file every user can read: reading it would print this process's environment."""

needs_proc = pytest.mark.skipif(not os.path.exists(PROC_FILE), reason="no /proc on this system")
needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")

JSON_BOMBS = {
    "deep.json": ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    "digits.json": ('{"version": 1, "entries": ' + "9" * 5000 + "}", "5000 digits"),
    "nan.json": ('{"version": 1, "entries": NaN}', "NaN"),
    "infinite.json": ('{"version": 1, "entries": 1e999}', "not a finite number"),
    "empty.json": ("  \n", "empty"),
}


def svcstd(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """svcstd in a process of its own: a file that blocks fails the test by the timeout, not by hanging it."""
    command = [sys.executable, "-m", "svcstd", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, cwd=cwd, check=False)


def assert_clean_error(result: subprocess.CompletedProcess[str] | tuple[int, str], *expected: str) -> None:
    code, err = (result.returncode, result.stderr) if isinstance(result, subprocess.CompletedProcess) else result
    assert code == 2, err
    assert "Traceback" not in err
    for text in expected:
        assert text in err


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    shutil.copy(GOOD, tmp_path / "a.yaml")
    for name, (text, _) in JSON_BOMBS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "latin.json").write_bytes(b'{"version": 1, "entries": ["\xff"]}')
    (tmp_path / "folder.json").mkdir()
    return tmp_path


@pytest.mark.parametrize("name", [*JSON_BOMBS, "latin.json", "folder.json"])
def test_baseline_and_compare_with_bad_content(
    name: str, folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Proven before the fix: deep and huge-integer files ended in RecursionError and ValueError tracebacks,
    NaN passed as a baseline's `entries` type error, and an empty file gave a JSON decoder's message."""
    monkeypatch.chdir(folder)
    expected = JSON_BOMBS.get(name, ("", ""))[1]
    assert_clean_error(
        (main(["check", "a.yaml", "--baseline", name, "--lang", "en"]), capsys.readouterr().err), expected
    )
    code = main(["report", "a.yaml", "-o", "r.md", "--compare", name, "--lang", "id"])
    assert_clean_error((code, capsys.readouterr().err), "tidak dapat membaca")
    assert not (folder / "r.md").exists()


def test_read_json_never_raises_anything_else(folder: Path) -> None:
    for name in [*JSON_BOMBS, "latin.json", "folder.json"]:
        with pytest.raises((OSError, ValueError)) as caught:
            read_json(folder / name)
        assert " / " in str(caught.value)  # English / Indonesian


@needs_proc
def test_links_to_kernel_files_are_never_read(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Proven before the fix: check read this process's environment through the link (a YAML error quoting
    it), and the baseline, --compare, configuration and rule paths opened it too."""
    for name in ("standard.yaml", "base.json", "prev.json", "svcstd.toml", "rules/r.yaml"):
        (folder / name).parent.mkdir(exist_ok=True)
        (folder / name).symlink_to(PROC_FILE)
    assert main(["check", str(folder / "standard.yaml"), "--format", "json"]) == 1
    out = capsys.readouterr().out
    assert '"rule": "YML001"' in out and "kernel or device file" in out
    runs = {
        "baseline": ["check", str(folder / "a.yaml"), "--baseline", str(folder / "base.json")],
        "compare": [
            "report",
            str(folder / "a.yaml"),
            "-o",
            str(folder / "r.md"),
            "--compare",
            str(folder / "prev.json"),
        ],
        "config": ["check", str(folder / "a.yaml"), "--config", str(folder / "svcstd.toml")],
    }
    for command in runs.values():
        assert_clean_error((main([*command, "--lang", "en"]), capsys.readouterr().err), "kernel or device file")
    (folder / "rules.toml").write_text('rule_paths = ["rules"]\n', encoding="utf-8")
    code = main(["check", str(folder / "a.yaml"), "--config", str(folder / "rules.toml"), "--lang", "en"])
    assert_clean_error((code, capsys.readouterr().err), "r.yaml", "kernel or device file")


@needs_fifo
def test_fifos_never_block(folder: Path) -> None:
    """A FIFO as baseline, earlier report, configuration or rule file: before the fix each blocked for ever
    (open waits for a writer), and a FIFO among rule files was passed over in silence."""
    for name in ("base.json", "prev.json", "svcstd.toml", "rules/r.yaml"):
        (folder / name).parent.mkdir(exist_ok=True)
        os.mkfifo(folder / name)
    (folder / "rules.toml").write_text('rule_paths = ["rules"]\n', encoding="utf-8")
    runs = [
        ["check", "a.yaml", "--baseline", "base.json"],
        ["report", "a.yaml", "-o", "r.md", "--compare", "prev.json"],
        ["check", "a.yaml", "--config", "svcstd.toml"],
        ["check", "a.yaml", "--config", "rules.toml"],
    ]
    for command in runs:
        assert_clean_error(svcstd(*command, "--lang", "en", cwd=folder), "not a regular file")


def test_configuration_bombs(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Proven before the fix: RecursionError and an int-digits ValueError, each with a traceback."""
    (folder / "deep.toml").write_text("a = " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    (folder / "digits.toml").write_text("fail_under = " + "9" * 5000 + "\n", encoding="utf-8")
    for name, expected in (("deep.toml", "nested too deeply"), ("digits.toml", "digits")):
        code = main(["check", str(folder / "a.yaml"), "--config", str(folder / name), "--lang", "en"])
        assert_clean_error((code, capsys.readouterr().err), "cannot read the configuration file", expected)


def test_read_regular_refuses_links_when_asked(tmp_path: Path) -> None:
    (tmp_path / "real.yaml").write_text("x: 1\n", encoding="utf-8")
    (tmp_path / "link.yaml").symlink_to(tmp_path / "real.yaml")
    assert read_regular(tmp_path / "link.yaml", 100) == b"x: 1\n"
    with pytest.raises(UnsafeFileError, match="symbolic link"):
        read_regular(tmp_path / "link.yaml", 100, follow_links=False)
    assert read_regular(tmp_path / "real.yaml", 2) == b"x: "  # one byte over the limit, never more


# --- diff --since reads git's blobs --------------------------------------------------------------------------


def git(*args: str, cwd: Path) -> None:
    identity = ["-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false"]
    subprocess.run(["git", *identity, *args], check=True, capture_output=True, cwd=cwd)


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path / "repo"
    (repo / "standar").mkdir(parents=True)
    shutil.copy(GOOD, repo / "standar" / "ktp.yaml")
    git("init", "-q", cwd=repo)
    return repo


def test_since_never_follows_committed_links(
    repository: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Proven by mutation (the working tree read following links): the link outside the repository was
    read and its values echoed as a standard's. A link to /dev/zero grew without limit before; here it is
    never opened. A link in the old revision (mode 120000) is skipped too, never resolved."""
    outside = tmp_path / "secret.yaml"
    outside.write_text(GOOD.read_text(encoding="utf-8").replace("title:", "title: SECRET-VALUE", 1), encoding="utf-8")
    standards = repository / "standar"
    (standards / "was-link.yaml").symlink_to(outside)
    git("add", ".", cwd=repository)
    git("commit", "-q", "-m", "first", cwd=repository)
    (standards / "was-link.yaml").unlink()
    (standards / "was-link.yaml").write_text("svcstd: '1.0'\n", encoding="utf-8")
    (standards / "outside.yaml").symlink_to(outside)
    (standards / "zero.yaml").symlink_to("/dev/zero")
    git("add", ".", cwd=repository)
    git("commit", "-q", "-m", "links", cwd=repository)
    monkeypatch.chdir(repository)
    code = main(["diff", "--since", "HEAD~1", "--lang", "en", "-f", "json"])
    captured = capsys.readouterr()
    assert "SECRET-VALUE" not in captured.out + captured.err
    for name in ("outside", "zero", "was-link"):
        assert f"standar/{name}.yaml not compared: a symbolic link" in captured.err
    assert code == 0  # nothing compared: the skips are reported, the run ends


def test_since_reads_no_more_than_the_limit(
    repository: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A committed blob over the reading limit is read only to one byte past it and reported as too large."""
    big = repository / "standar" / "big.yaml"
    big.write_text("svcstd: '1.0'\n" + "#" * 80 + "\n" * 300_000, encoding="utf-8")
    git("add", ".", cwd=repository)
    git("commit", "-q", "-m", "first", cwd=repository)
    big.write_text("svcstd: '1.0'\n", encoding="utf-8")
    (repository / "svcstd.toml").write_text("[limits]\nmax_file_bytes = 100000\n", encoding="utf-8")
    monkeypatch.chdir(repository)
    code = main(["diff", "--since", "HEAD", "--lang", "en"])
    out = capsys.readouterr().out
    assert code == 1
    assert "YML006" in out and "100001" in out.replace(",", "").replace(".", "")
