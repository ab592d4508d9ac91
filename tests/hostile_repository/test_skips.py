"""A folder search never passes silently over a file that fails to read: it may be a broken standard.

A file that parses and has no `svcstd` key is passed over (and `--show-skipped` lists it); one that
does not parse, is over a limit or is not UTF-8 is reported as a failed document.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from svcstd.cli.main import main

BROKEN = {
    "quoted-key.yaml": b'"svcstd": "1.0"\nid: [unclosed\n',
    "single-quoted.yaml": b"'svcstd': '1.0'\ntitle: {\n",
    "padded.yaml": b"# " + b"x" * (2 * 1024 * 1024) + b'\nsvcstd: "1.0"\n',
    "tab.yaml": b"\tsvcstd: 1.0\n",
    "latin1.yaml": "judul: \xe9\n".encode("latin-1"),
}


def check(capsys: pytest.CaptureFixture[str], folder: Path, *args: str) -> tuple[int, str, str]:
    code = main(["check", str(folder), "--lang", "en", "--no-cache", "--as-of", "2026-11-27", *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_a_file_that_fails_to_read_in_a_folder_is_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    """Proven by mutation: with _is_standard as before (a `svcstd:` line or key needed), quoted-key,
    single-quoted and padded exit 2 (nothing found) instead of 1."""
    (tmp_path / name).write_bytes(BROKEN[name])
    code, out, _ = check(capsys, tmp_path, "--format", "json")
    [doc] = json.loads(out)["documents"]
    assert code == 1 and doc["path"].endswith(name) and not doc["passed"]
    assert doc["findings"][0]["rule"] in {"YML002", "YML003", "YML006"}


@pytest.mark.parametrize(
    "content", [b"owner: bagian organisasi\n", b"- a\n- b\n", b"", b"# only a comment\n", b"a: 1\n---\nb: 2\n"]
)
def test_a_file_that_parses_without_the_key_is_skipped_and_listed_on_request(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes
) -> None:
    (tmp_path / "notes.yaml").write_bytes(content)
    (tmp_path / "standard.yaml").write_bytes(BROKEN["quoted-key.yaml"])
    code, out, err = check(capsys, tmp_path, "-q")
    assert code == 1 and "notes.yaml" not in out and err == ""
    code, _, err = check(capsys, tmp_path, "-q", "--show-skipped")
    notes = tmp_path / "notes.yaml"
    assert err == f"svcstd: skipped {notes}: not a service standard (no top-level svcstd key)\n"


def test_only_skipped_files_is_zero_standards(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "notes.yaml").write_bytes(b"owner: x\n")
    assert check(capsys, tmp_path, "--show-skipped")[0] == 2
