"""GitHub workflow commands: GitHub's escaping, one annotation per unwaived finding, the job summary."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

import pytest

from svcstd.cli.main import main
from svcstd.model import DocumentResult, Finding, Report, Severity, Text
from svcstd.reporters import RenderOptions
from svcstd.reporters.github import escape_data, escape_markdown, escape_property, render, step_summary
from tests.reporters.cases import ROOT, examples_report, mixed_report


def one_finding(message: str, path: str, severity: Severity = Severity.ERROR) -> Report:
    finding = Finding("SCH001", severity, Text(message, message), "/x", 7, 3)
    doc = DocumentResult(path, 0, "a/b", "Judul | <b>", valid=False, findings=(finding,))
    return Report("0.0.0", "2026-11-27", (doc,))


def test_data_escaping() -> None:
    assert escape_data("100% a\r\nb: c, d") == "100%25 a%0D%0Ab: c, d"


def test_property_escaping() -> None:
    assert escape_property("C:\\a,b%\n") == "C%3A\\a%2Cb%25%0A"


def test_command_escapes_message_and_properties() -> None:
    text = render(one_finding("50% done:\nline two, ok", "dir,x/a:b.yaml"), RenderOptions("en"))
    command = text.splitlines()[0]
    assert command == "::error file=dir%2Cx/a%3Ab.yaml,line=7,col=3,title=SCH001::50%25 done:%0Aline two, ok"


@pytest.mark.parametrize(("severity", "name"), [(Severity.WARNING, "warning"), (Severity.INFO, "notice")])
def test_severity_names(severity: Severity, name: str) -> None:
    assert render(one_finding("m", "a.yaml", severity), RenderOptions("en")).startswith(f"::{name} file=a.yaml,")


def test_waived_findings_are_not_annotated(tmp_path: Path) -> None:
    lines = render(mixed_report(tmp_path), RenderOptions("en")).splitlines()
    assert not any("legalisir dengan pengecualian.yaml" in line and "TRA007" in line for line in lines)
    assert any("legalisir-ijazah.yaml" in line and "TRA007" in line for line in lines)


def test_markdown_escaping() -> None:
    assert escape_markdown("a | b\n<script>&*x*") == "a \\| b &#60;script&#62;&#38;\\*x\\*"


def test_step_summary_is_a_table_with_escaped_cells() -> None:
    summary = step_summary(one_finding("m", "a.yaml"), "en")
    assert "| Judul \\| &#60;b&#62;<br>a.yaml | — | — | failed | 1 | 0 | 0 |" in summary.splitlines()


def test_check_appends_the_step_summary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Any) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("before\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    with contextlib.chdir(ROOT):
        code = main(["check", "examples/dukcapil-ktp-el.yaml", "--format", "github", "--as-of", "2026-11-27"])
    assert code == 0
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("before\n") and "| Penerbitan Kartu Tanda Penduduk Elektronik (KTP-el)" in text
    assert "::" not in capsys.readouterr().out


def test_no_step_summary_without_github_format(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Any) -> None:
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    with contextlib.chdir(ROOT):
        main(["check", "examples/dukcapil-ktp-el.yaml", "--format", "json", "--as-of", "2026-11-27"])
    assert not summary.exists()


@pytest.mark.parametrize("lang", ["en", "id"])
def test_golden(golden: Any, lang: str) -> None:
    golden(f"github/examples.{lang}.txt", render(examples_report(), RenderOptions(lang)))
    golden(f"github/summary.{lang}.md", step_summary(examples_report(), lang))
