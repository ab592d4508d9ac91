"""Every command on one configured pipeline: custom rules, weights, waivers and the date reach check, diff,
report and render alike, and every output format names a custom rule from the report it is given."""

from __future__ import annotations

import contextlib
import json
import re
from pathlib import Path

import pytest

from svcstd.cli.main import main
from tests.conftest import ROOT

EXAMPLE = ROOT / "examples" / "legalisir-ijazah.yaml"
AS_OF = "2026-11-27"

CUSTOM_RULE = """\
id: KAMPUS-001
principle: transparency
severity: error
weight: 3
title: {en: Every fee names who collects it, id: Setiap biaya menyebut penerima pembayarannya}
message: {en: "{pointer}: say who collects the fee", id: "{pointer}: sebutkan penerima pembayaran biaya"}
fix: {en: Add `payment` to the fee, id: Tambahkan `payment` pada biaya}
reference: {en: Campus tariff rule, id: Aturan tarif kampus}
where: /delivery/fees/*/payment
require: {present: true}
"""

CONFIG = """\
rule_paths = ["rules"]
principle_weights = {transparency = 3, fairness = 0.5}

[rules.SIM003]
weight = 5
"""

WAIVER = """\
waivers:
  - rule: FAI002
    reason: Bidang miring dan toilet aksesibel sedang dibangun, selesai Juni 2027.
    approved_by: Kepala Biro Akademik
    until: 2027-06-30
"""


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "fees.yaml").write_text(CUSTOM_RULE, encoding="utf-8")
    (tmp_path / "svcstd.toml").write_text(CONFIG, encoding="utf-8")
    text = EXAMPLE.read_text(encoding="utf-8")
    (tmp_path / "old.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "new.yaml").write_text(text.rstrip("\n") + "\n" + WAIVER, encoding="utf-8")
    return tmp_path


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    main(list(argv))
    return capsys.readouterr().out


def test_diff_and_check_report_the_same_scores(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with contextlib.chdir(repo):
        checked = json.loads(_run(capsys, "check", "old.yaml", "new.yaml", "--format", "json", "--as-of", AS_OF))
        diffed = json.loads(_run(capsys, "diff", "old.yaml", "new.yaml", "--format", "json", "--as-of", AS_OF))
    old, new = (doc["score"] for doc in checked["documents"])
    assert old != new  # the waiver and the custom rule count, so the fixture tests something
    [change] = [c for doc in diffed["documents"] for c in doc["changes"] if c.get("subject") == "overall"]
    assert (change["old"], change["new"]) == (round(old, 1), round(new, 1))


def test_a_custom_rule_is_named_and_explained_in_every_format(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with contextlib.chdir(repo):
        argv = ["check", "old.yaml", "--as-of", AS_OF, "--lang", "en", "--format"]
        sarif = json.loads(_run(capsys, *argv, "sarif"))
        github = _run(capsys, *argv, "github")
        junit = _run(capsys, *argv, "junit")
        main(["report", "old.yaml", "-o", "report.html", "--as-of", AS_OF, "--lang", "en"])
        html = (repo / "report.html").read_text(encoding="utf-8")
    capsys.readouterr()
    rules = {rule["id"]: rule for rule in sarif["runs"][0]["tool"]["driver"]["rules"]}
    assert rules["KAMPUS-001"]["shortDescription"]["text"] == "Every fee names who collects it"
    assert "Add `payment` to the fee" in rules["KAMPUS-001"]["help"]["text"]
    assert re.search(r"title=KAMPUS-001 Every fee names who collects it::", github)
    assert "Every fee names who collects it: Add `payment` to the fee" in junit
    assert "Add <code>payment</code> to the fee" in html and "Every fee names who collects it" in html


def test_built_in_checks_have_their_own_titles_in_sarif(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text('svcstd: "1.0"\nid: x\ntitle: X\nstatus: adopted\nversion: "1"\nfoo: 1\n', encoding="utf-8")
    sarif = json.loads(_run(capsys, "check", str(broken), "--format", "sarif", "--lang", "en", "--fail-under", "99"))
    titles = {rule["id"]: rule["shortDescription"]["text"] for rule in sarif["runs"][0]["tool"]["driver"]["rules"]}
    assert titles["SCH001"] == "Unknown key" and titles["SCH002"] == "Required key missing"
    assert all(title != "A custom rule" for title in titles.values())


def test_the_gate_check_has_its_title_in_sarif(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["check", str(EXAMPLE), "--format", "sarif", "--lang", "en", "--fail-under", "99", "--as-of", AS_OF]
    sarif = json.loads(_run(capsys, *argv))
    titles = {rule["id"]: rule["shortDescription"]["text"] for rule in sarif["runs"][0]["tool"]["driver"]["rules"]}
    assert titles["GAT001"] == "Overall score below fail_under"
