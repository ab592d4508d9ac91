"""Baselines: accept today's problems, fail on new ones; matched by document and pointer, never by line."""

from __future__ import annotations

import contextlib
import dataclasses
import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest

from svcstd import api
from svcstd.baseline import apply_baseline, write_baseline
from svcstd.cli.main import main
from svcstd.config.settings import DEFAULT_SETTINGS
from svcstd.errors import ConfigError
from svcstd.fingerprints import document_fingerprints
from svcstd.model import DocumentResult, Finding, Report, Severity, Text
from tests.reporters.cases import AS_OF as AS_OF_DATE
from tests.reporters.cases import ROOT, examples_report

AS_OF = ["--as-of", "2026-11-27"]
NEW_PROBLEM = ("    - name: Kartu Keluarga\n      form: original", "    - name: Kartu Keluarga\n      form: copy")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "examples", tmp_path / "standards")
    return tmp_path


def run(repo: Path, *args: str) -> int:
    with contextlib.chdir(repo):
        return main(["check", "standards", *AS_OF, *args])


def test_baseline_accepts_existing_problems(repo: Path, capsys: Any) -> None:
    assert run(repo, "--format", "json", "--write-baseline", "baseline.json") == 1
    capsys.readouterr()
    assert run(repo, "--baseline", "baseline.json", "--fail-on", "info") == 0
    assert " error " not in capsys.readouterr().out


def test_one_new_problem_fails_and_is_the_only_one_shown(repo: Path, capsys: Any) -> None:
    run(repo, "--format", "json", "--write-baseline", "baseline.json")
    standard = repo / "standards" / "dukcapil-ktp-el.yaml"
    text = standard.read_text(encoding="utf-8")
    assert NEW_PROBLEM[0] in text
    standard.write_text("# dipindah\n\n" + text.replace(*NEW_PROBLEM, 1), encoding="utf-8")
    capsys.readouterr()
    assert run(repo, "--baseline", "baseline.json", "--format", "json", "--fail-on", "info") == 1  # SIM003: info
    report = json.loads(capsys.readouterr().out)
    findings = [(d["path"], f["rule"]) for d in report["documents"] for f in d["findings"]]
    assert findings == [("standards/dukcapil-ktp-el.yaml", "SIM003")]


def test_moved_lines_still_match(repo: Path, capsys: Any) -> None:
    run(repo, "--format", "json", "--write-baseline", "baseline.json")
    for standard in (repo / "standards").rglob("*.yaml"):
        standard.write_text("# komentar\n\n\n" + standard.read_text(encoding="utf-8"), encoding="utf-8")
    assert run(repo, "--baseline", "baseline.json") == 0


def test_counts_limit_how_many_findings_are_accepted() -> None:
    # --verbose: one finding per item, so ACC005's two missing elements share rule and pointer
    with contextlib.chdir(ROOT):
        report = api.check(["examples"], dataclasses.replace(DEFAULT_SETTINGS, verbose=True), AS_OF_DATE)
    data = json.loads(write_baseline(report))
    entry = next(e for e in data["entries"] if e["count"] > 1)
    entry["count"] -= 1
    remaining = _apply(report, data)
    left = [(f.rule, f.pointer) for d in remaining.documents for f in d.findings if f.waiver is None]
    assert left == [(entry["rule"], entry["pointer"])]


def _apply(report: Report, data: dict[str, Any]) -> Report:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "baseline.json"
        path.write_text(json.dumps(data), encoding="utf-8")
        return apply_baseline(report, path, DEFAULT_SETTINGS)


def test_written_baseline_is_sorted_and_complete() -> None:
    report = examples_report()
    text = write_baseline(report)
    assert text == write_baseline(report)
    data = json.loads(text)
    assert data["version"] == 1
    keys = [(e["path"], e["document"]["index"], e["rule"], e["pointer"]) for e in data["entries"]]
    assert keys == sorted(keys)
    assert sum(e["count"] for e in data["entries"]) == sum(report.counts())
    assert any(e["rule"].startswith("SCH") for e in data["entries"])
    assert all("line" not in e for e in data["entries"])


@pytest.mark.parametrize("content", [None, "{not json", '{"version": 2, "entries": []}', '{"version": 1}'])
def test_missing_or_invalid_baseline_cannot_run(tmp_path: Path, content: str | None, capsys: Any) -> None:
    path = tmp_path / "baseline.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError):
        apply_baseline(examples_report(), path, DEFAULT_SETTINGS)
    with contextlib.chdir(ROOT):
        assert main(["check", "examples", *AS_OF, "--baseline", str(path)]) == 2
    assert "baseline" in capsys.readouterr().err


HAS_ANCHOR = "anchor" in {field.name for field in dataclasses.fields(Finding)}


@pytest.mark.skipif(not HAS_ANCHOR, reason="needs Finding.anchor, which the lead is adding in model.py/engine.py")
def test_a_finding_keeps_its_identity_when_an_item_is_inserted_before_it() -> None:
    fee = Finding("ACC003", Severity.WARNING, Text("x", "x"), "/delivery/fees/0/basis", 10, 5)
    anchored = dataclasses.replace(fee, anchor="/delivery/fees/[name=Retribusi PBG]/basis")
    shifted = dataclasses.replace(anchored, pointer="/delivery/fees/1/basis", line=14)
    before, after = (_one_finding_report(f) for f in (anchored, shifted))
    data = json.loads(write_baseline(before))
    assert [e["pointer"] for e in data["entries"]] == ["/delivery/fees/[name=Retribusi PBG]/basis"]
    assert _apply(after, data).documents[0].findings == ()
    assert document_fingerprints(before.documents[0]) == document_fingerprints(after.documents[0])
    data["entries"][0]["pointer"] = "/delivery/fees/0/basis"  # a baseline written before stable pointers
    assert _apply(before, data).documents[0].findings == ()


def _one_finding_report(finding: Finding) -> Report:
    doc = DocumentResult("a.yaml", 0, "dinas/layanan", "Layanan", True, (finding,), 80.0, passed=False)
    return Report("1.0", "2026-11-27", (doc,))
