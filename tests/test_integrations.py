"""CI integrations: the pre-commit hook really run by pre-commit, the GitHub Action, the GitLab template."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
AS_OF = "2026-11-27"
BAD = "svcstd: '1.0'\nid: contoh/rusak\ntitle: Rusak\n"
WORKFLOW = "name: ci\non: [push]\njobs:\n  check:\n    runs-on: ubuntu-latest\n    steps: [{run: svcstd check}]\n"


def load(name: str) -> Any:
    return yaml.safe_load((ROOT / name).read_text(encoding="utf-8"))


def test_pre_commit_hook_definition() -> None:
    (hook,) = load(".pre-commit-hooks.yaml")
    assert hook["id"] == "svcstd"
    assert hook["entry"] == "svcstd check --skip-non-standards --allow-empty"
    assert "args" not in hook, "the option is in `entry`, so that a user's `args:` cannot drop it"
    assert hook["language"] == "python"
    assert hook["files"] == r"\.ya?ml$"


def local_config() -> str:
    """The published hook as a `repo: local` hook running this checkout's svcstd (no network needed)."""
    (hook,) = load(".pre-commit-hooks.yaml")
    entry = hook["entry"].replace("svcstd", f"{sys.executable} -m svcstd", 1)
    local = {**hook, "entry": entry, "language": "system", "args": ["--as-of", AS_OF]}
    return yaml.safe_dump({"repos": [{"repo": "local", "hooks": [local]}]})


def pre_commit(repo: Path, *files: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "pre_commit", "run", "svcstd", "--files", *files]
    env = {**os.environ, "PRE_COMMIT_HOME": str(repo.parent / "pre-commit-home"), "NO_COLOR": "1"}
    return subprocess.run(command, cwd=repo, env=env, capture_output=True, text=True, timeout=120, check=False)


@pytest.fixture
def git_repo(tmp_path: Path) -> Path:
    assert shutil.which("git"), "git is needed to run pre-commit"
    repo = tmp_path / "standar"
    repo.mkdir()
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    (repo / ".pre-commit-config.yaml").write_text(local_config(), encoding="utf-8")
    shutil.copy(ROOT / "examples" / "dukcapil-ktp-el.yaml", repo / "baik.yaml")
    (repo / "rusak.yaml").write_text(BAD, encoding="utf-8")
    (repo / ".github" / "workflows").mkdir(parents=True)
    (repo / ".github" / "workflows" / "ci.yml").write_text(WORKFLOW, encoding="utf-8")
    subprocess.run(["git", "add", "."], cwd=repo, check=True)
    return repo


def test_pre_commit_passes_a_good_standard_and_fails_a_bad_one(git_repo: Path) -> None:
    ordinary = (".pre-commit-config.yaml", ".github/workflows/ci.yml")
    good = pre_commit(git_repo, "baik.yaml", *ordinary)
    assert good.returncode == 0, good.stdout + good.stderr
    assert "Passed" in good.stdout
    assert pre_commit(git_repo, *ordinary).returncode == 0
    bad = pre_commit(git_repo, "rusak.yaml")
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "Failed" in bad.stdout and "rusak.yaml" in bad.stdout and "SCH002" in bad.stdout


def test_gitlab_template_structure() -> None:
    job = load("docs/ci/gitlab-ci.yml")["svcstd"]
    reports = job["artifacts"]["reports"]
    assert set(reports) == {"codequality", "junit"}
    assert job["artifacts"]["when"] == "always"
    script = " ".join(job["script"])
    assert f"gitlab={reports['codequality']}" in script
    assert f"junit={reports['junit']}" in script
