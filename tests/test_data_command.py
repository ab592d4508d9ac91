"""`python -m svcstd.standard.data`: writes the data files' JSON copies when run without arguments (README,
Development); `--help` prints what it does and writes nothing; anything else is refused with status 2."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from svcstd.standard import data

PARSED = Path(data.__file__).resolve().parent / "parsed"


def _snapshot() -> dict[str, tuple[bytes, int]]:
    return {path.name: (path.read_bytes(), path.stat().st_mtime_ns) for path in sorted(PARSED.iterdir())}


def _command(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "svcstd.standard.data", *args], capture_output=True, text=True, check=False
    )


@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_help_prints_usage_and_writes_nothing(flag: str) -> None:
    before = _snapshot()
    done = _command(flag)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("usage: python -m svcstd.standard.data [-h]\n")
    words = " ".join(done.stdout.split())
    assert "JSON copy" in words and "(citations.yaml, legal_status.yaml)" in words
    assert done.stderr == ""
    assert _snapshot() == before


@pytest.mark.parametrize("args", [["--bogus"], ["write"], ["-v"], ["--", "x"]])
def test_other_arguments_are_refused_and_nothing_is_written(args: list[str]) -> None:
    before = _snapshot()
    done = _command(*args)
    assert done.returncode == 2
    assert done.stderr.startswith("usage: python -m svcstd.standard.data [-h]\n")
    assert "unrecognized arguments" in done.stderr
    assert done.stdout == ""
    assert _snapshot() == before


def test_without_arguments_it_writes_the_copies(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    """Into a stand-in for the module's folder: what it writes is the shipped copies, byte for byte."""
    monkeypatch.setattr(data, "__file__", str(tmp_path / "standard" / "data.py"))
    assert data.main([]) == 0
    written = sorted((tmp_path / "standard" / "parsed").iterdir())
    assert [path.name for path in written] == [Path(data.copy_path(name)).name for name in data.DATA_FILES]
    for path in written:
        assert path.read_bytes() == (PARSED / path.name).read_bytes()
    assert capsys.readouterr().out.split() == [str(path) for path in written]
