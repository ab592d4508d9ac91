"""A contributor's custom rule cannot hang or flood a gate (issue 12): RE2 patterns, plain message fields.

Each run is `svcstd check` in a child bounded to 10 s of CPU and 500 MB (test_linear_time.svcstd).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.hostile_repository.test_linear_time import BASE, ROOM, fill, svcstd

RULE = """\
id: DINAS-001
principle: transparency
severity: error
title: {{en: Title shape, id: Bentuk judul}}
message: {{en: {message}, id: "{{pointer}} tidak sesuai."}}
fix: {{en: Fix it., id: Perbaiki.}}
reference: Peraturan Kepala Dinas 1/2026
where: /title
require: {{pattern: {pattern}}}
"""


def repository(tmp_path: Path, pattern: str, message: str = '"{pointer} does not match."', title: str = "") -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / "aturan").mkdir()
    (tmp_path / "aturan" / "rule.yaml").write_text(RULE.format(pattern=pattern, message=message), encoding="utf-8")
    (tmp_path / "svcstd.toml").write_text('rule_paths = ["aturan"]\n', encoding="utf-8")
    text = BASE.replace("title: Legalisir Ijazah dan Transkrip Akademik", f"title: {json.dumps(title)}", 1)
    assert text != BASE or not title
    (tmp_path / "standar.yaml").write_text(text, encoding="utf-8")
    return tmp_path


def test_nested_quantifiers_on_a_2_mib_title_finish(tmp_path: Path) -> None:
    """`^(a+)+$` backtracks exponentially in Python's re (33 characters ran past 20 s); on RE2 it is one pass."""
    folder = repository(tmp_path, "'^(a+)+$'", title=fill("a", ROOM - 1) + "!")
    run = svcstd(["check", "standar.yaml", "--no-cache", "--as-of", "2026-11-27", "--lang", "en"], folder)
    assert run.code == 1
    assert "DINAS-001" in run.stdout and "/title does not match." in run.stdout


@pytest.mark.parametrize(
    ("pattern", "reason"),
    [(r"'(\w+)\s\1'", "invalid escape sequence: \\1"), ("'^(?=.*ijazah)'", "invalid perl operator: (?=")],
)
def test_a_backtracking_pattern_stops_the_run_with_exit_2(tmp_path: Path, pattern: str, reason: str) -> None:
    folder = repository(tmp_path, pattern)
    run = svcstd(["check", "standar.yaml", "--no-cache", "--lang", "en"], folder)
    assert run.code == 2 and run.stdout == ""
    assert "rule.yaml:9:20" in run.stderr and reason in run.stderr and "linear time" in run.stderr
    assert "re2.cc" not in run.stderr  # RE2's own log line stays silent
    indonesian = svcstd(["check", "standar.yaml", "--no-cache", "--lang", "id"], folder)
    assert indonesian.code == 2 and "waktu linear" in indonesian.stderr


@pytest.mark.parametrize("message", ['"{value:>400000000}"', '"{value.__class__.__init__.__globals__}"'])
def test_a_message_template_beyond_plain_fields_stops_the_run_with_exit_2(tmp_path: Path, message: str) -> None:
    """`{value:>400000000}` once wrote 4.7 GB; attribute access reached Python's internals."""
    folder = repository(tmp_path, "'^L'", message=message)
    run = svcstd(["check", "standar.yaml", "--no-cache", "--lang", "en"], folder)
    assert run.code == 2 and run.stdout == ""
    assert "rule.yaml:5:" in run.stderr and "plain placeholders" in run.stderr
