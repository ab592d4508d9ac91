"""include/exclude: relative to the configuration file's folder, wherever svcstd runs and whatever it searches."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from svcstd.cli.main import main
from svcstd.reading.discovery import discover, glob_match
from tests.rules.harness import EXEMPLARY
from tests.test_config import write

FILES = ("standar/ktp.yaml", "standar/kk/akta.yaml", "standar/draft-baru.yaml", "arsip/lama.yaml", "draft-0.yaml")


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository of standards; the current folder is its root."""
    for name in FILES:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(EXEMPLARY, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def checked(capsys: pytest.CaptureFixture[str], *argv: str) -> list[str]:
    """The paths `svcstd check` reported (sorted), via its JSON output."""
    code = main(["check", *argv, "--format", "json", "--no-cache", "--as-of", "2026-11-27", "--lang", "en"])
    captured = capsys.readouterr()
    assert code in (0, 1), captured.err
    return sorted(document["path"] for document in json.loads(captured.out)["documents"])


@pytest.mark.parametrize(
    ("pattern", "path", "expected"),
    [
        ("standar/**", "standar/a/b.yaml", True),
        ("standar/**", "standar/b.yaml", True),
        ("standar/**", "arsip/b.yaml", False),
        ("**/draft-*.yaml", "standar/kk/draft-1.yaml", True),
        ("**/draft-*.yaml", "draft-1.yaml", True),  # `**/` may stand for no folder
        ("standar/**/akta.yaml", "standar/akta.yaml", True),
        ("*.yaml", "standar/ktp.yaml", True),  # fnmatch: `*` crosses `/`
        ("standar/*.yml", "standar/ktp.yaml", False),
    ],
)
def test_glob_semantics(pattern: str, path: str, expected: bool) -> None:
    assert glob_match(path, pattern) is expected


def test_config_at_the_root_and_a_subfolder_searched(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(repo / "svcstd.toml", 'include = ["standar/**"]\n')
    assert checked(capsys, "standar") == ["standar/draft-baru.yaml", "standar/kk/akta.yaml", "standar/ktp.yaml"]
    assert checked(capsys, "standar/kk") == ["standar/kk/akta.yaml"]
    assert checked(capsys) == ["standar/draft-baru.yaml", "standar/kk/akta.yaml", "standar/ktp.yaml"]


def test_globs_are_relative_to_the_configuration_file(repo: Path) -> None:
    found = discover(["."], ["standar/**"], ["**/draft-*.yaml"], root=str(repo))
    assert sorted(t.display for t in found) == ["standar/kk/akta.yaml", "standar/ktp.yaml"]
    found = discover([str(repo / "standar" / "kk")], ["standar/**"], root=str(repo))
    assert [Path(t.path).name for t in found] == ["akta.yaml"]


def test_running_inside_a_subfolder(
    repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write(repo / "svcstd.toml", 'include = ["standar/**"]\nexclude = ["**/draft-*.yaml"]\n')
    monkeypatch.chdir(repo / "standar")
    assert sorted(t.display for t in discover(["."], ["standar/**"], ["**/draft-*.yaml"], str(repo))) == [
        "kk/akta.yaml",
        "ktp.yaml",
    ]
    assert checked(capsys) == ["kk/akta.yaml", "ktp.yaml"]  # needs api.check to pass settings.config_root


def test_exclude(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(repo / "svcstd.toml", 'exclude = ["**/draft-*.yaml", "arsip/**"]\n')
    assert checked(capsys) == ["standar/kk/akta.yaml", "standar/ktp.yaml"]
    assert checked(capsys, "standar") == ["standar/kk/akta.yaml", "standar/ktp.yaml"]


def test_no_configuration_means_relative_to_the_current_folder(
    repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert checked(capsys, "arsip", "standar/kk") == ["arsip/lama.yaml", "standar/kk/akta.yaml"]
    assert sorted(t.display for t in discover(["standar"], ["standar/kk/**"])) == ["standar/kk/akta.yaml"]
    monkeypatch.chdir(repo / "standar")
    assert sorted(t.display for t in discover(["."], ["kk/**"])) == ["kk/akta.yaml"]


def test_a_named_file_is_never_filtered(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(repo / "svcstd.toml", 'include = ["standar/**"]\nexclude = ["**/draft-*.yaml"]\n')
    assert checked(capsys, "draft-0.yaml", "arsip/lama.yaml") == ["arsip/lama.yaml", "draft-0.yaml"]


def test_a_file_outside_the_root_is_matched_by_its_path_as_shown(tmp_path: Path) -> None:
    write(tmp_path / "other" / "x.yaml", "svcstd: '1.0'\n")
    write(tmp_path / "other" / "draft-y.yaml", "svcstd: '1.0'\n")
    root = tmp_path / "repo"
    root.mkdir()
    found = discover([str(tmp_path / "other")], (), ["**/draft-*.yaml"], root=str(root))
    assert [Path(t.path).name for t in found] == ["x.yaml"]
