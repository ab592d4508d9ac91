"""GitLab Code Quality: the fields GitLab reads, its severities, unique fingerprints."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from svcstd.reporters import RenderOptions
from svcstd.reporters.gitlab import render
from tests.reporters.cases import examples_report, mixed_report


def issues(tmp_path: Path) -> list[dict[str, Any]]:
    return json.loads(render(mixed_report(tmp_path), RenderOptions("en")))  # type: ignore[no-any-return]


def test_issue_shape(tmp_path: Path) -> None:
    for issue in issues(tmp_path):
        assert set(issue) >= {"description", "check_name", "fingerprint", "severity", "location"}
        assert isinstance(issue["location"]["path"], str)
        assert issue["location"]["lines"]["begin"] >= 1
        assert issue["severity"] in {"info", "minor", "major", "critical"}


def test_severities(tmp_path: Path) -> None:
    by_rule = {issue["check_name"]: issue["severity"] for issue in issues(tmp_path)}
    assert by_rule["YML003"] == "critical"
    assert by_rule["SCH002"] == "major"
    assert by_rule["TRA007"] == "minor"
    assert by_rule["SIM003"] == "info"
    assert by_rule["FAI005"] == "info"


def test_fingerprints_are_unique_and_waived_findings_left_out(tmp_path: Path) -> None:
    found = issues(tmp_path)
    prints = [issue["fingerprint"] for issue in found]
    assert len(prints) == len(set(prints))
    assert not any(i["check_name"] == "TRA007" and "pengecualian" in i["location"]["path"] for i in found)


def test_paths_are_plain_relative_paths(tmp_path: Path) -> None:
    assert "standar pelayanan ü/rusak.yaml" in {issue["location"]["path"] for issue in issues(tmp_path)}


@pytest.mark.parametrize("lang", ["en", "id"])
def test_golden(golden: Any, lang: str) -> None:
    golden(f"gitlab/examples.{lang}.json", render(examples_report(), RenderOptions(lang)))
