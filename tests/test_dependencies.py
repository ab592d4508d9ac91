"""Declared lower bounds are tested ones: .ci/lowest.txt pins exactly pyproject's lower bounds, and CI runs with it."""

from __future__ import annotations

import tomllib

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.conftest import ROOT

LOWEST = ROOT / ".ci" / "lowest.txt"


def lower_bounds() -> dict[str, str]:
    """Each runtime dependency's `>=` version; every one must have exactly one."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    bounds: dict[str, str] = {}
    for text in project["dependencies"]:
        requirement = Requirement(text)
        [lower] = [spec.version for spec in requirement.specifier if spec.operator == ">="]
        bounds[canonicalize_name(requirement.name)] = lower
    return bounds


def pinned() -> dict[str, str]:
    pins: dict[str, str] = {}
    for line in LOWEST.read_text(encoding="utf-8").splitlines():
        text = line.split("#", 1)[0].strip()
        if text:
            [spec] = Requirement(text).specifier
            assert spec.operator == "==", line
            pins[canonicalize_name(Requirement(text).name)] = spec.version
    return pins


def test_every_runtime_dependency_has_a_lower_bound() -> None:
    assert set(lower_bounds()) == {"typer", "pyyaml", "jsonschema", "jsonschema-rs", "rich", "segno", "google-re2"}


def test_lowest_constraints_pin_exactly_the_declared_lower_bounds() -> None:
    assert pinned() == lower_bounds()


def test_ci_runs_the_suite_with_the_lowest_constraints() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "-m pip install -q -e '.[test]' -c .ci/lowest.txt" in ci
