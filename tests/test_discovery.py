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


def _walk_as_before(folder: str) -> list[str]:
    """Discovery's walk as it was (os.walk, then a stat per file): the new one must list the same files."""
    import os
    import stat

    found = []
    for root, folders, files in os.walk(folder):
        folders[:] = sorted(f for f in folders if not f.startswith(".") and f not in ("node_modules", "__pycache__"))
        for name in sorted(files):
            full = os.path.join(root, name)
            try:
                regular = stat.S_ISREG(os.stat(full).st_mode)
            except OSError:
                regular = False
            if name.endswith((".yaml", ".yml")) and regular:
                found.append(os.path.relpath(full, folder))
    return found


def test_the_walk_lists_what_os_walk_and_stat_listed(tmp_path: Path) -> None:
    """Links to files followed; links to folders, hidden and skipped folders not entered; no pipes or broken links."""
    import os

    from svcstd.reading import discovery

    outside = tmp_path / "outside"
    (outside / "deep").mkdir(parents=True)
    (outside / "deep" / "far.yaml").write_text("svcstd: '1.0'\n", encoding="utf-8")
    (outside / "target.yaml").write_text("svcstd: '1.0'\n", encoding="utf-8")
    tree = tmp_path / "tree"
    for name in (
        "b.yaml",
        "a.yml",
        "c.txt",
        "z/2.yaml",
        "z/1.yaml",
        "a/x.yaml",
        ".hidden/h.yaml",
        "node_modules/n.yaml",
    ):
        (tree / name).parent.mkdir(parents=True, exist_ok=True)
        (tree / name).write_text("svcstd: '1.0'\n", encoding="utf-8")
    (tree / "linked.yaml").symlink_to(outside / "target.yaml")
    (tree / "broken.yaml").symlink_to(tmp_path / "nowhere.yaml")
    (tree / "folder-link").symlink_to(outside / "deep", target_is_directory=True)
    (tree / "folder.yaml").mkdir()
    (tree / "folder.yaml" / "inside.yaml").write_text("svcstd: '1.0'\n", encoding="utf-8")
    os.mkfifo(tree / "pipe.yaml")
    found = list(discovery._walk(str(tree)))
    assert found == _walk_as_before(str(tree))
    assert found == ["a.yml", "b.yaml", "linked.yaml", "a/x.yaml", "folder.yaml/inside.yaml", "z/1.yaml", "z/2.yaml"]
    assert [target.display for target in discover([str(tree)])] == [str(tree / name) for name in found]


def test_an_unreadable_folder_is_passed_over(tmp_path: Path) -> None:
    import os

    from svcstd.reading import discovery

    (tmp_path / "open").mkdir()
    (tmp_path / "open" / "a.yaml").write_text("svcstd: '1.0'\n", encoding="utf-8")
    (tmp_path / "shut").mkdir()
    (tmp_path / "shut" / "b.yaml").write_text("svcstd: '1.0'\n", encoding="utf-8")
    (tmp_path / "shut").chmod(0)
    try:
        expected = ["open/a.yaml"] if os.geteuid() != 0 else ["open/a.yaml", "shut/b.yaml"]  # root reads anyway
        assert list(discovery._walk(str(tmp_path))) == _walk_as_before(str(tmp_path)) == expected
    finally:
        (tmp_path / "shut").chmod(0o700)
