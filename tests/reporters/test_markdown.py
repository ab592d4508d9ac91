"""`--format markdown` and the Markdown report: golden output, and content that can never become markup."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest

from svcstd.reporters import RenderOptions, markdown
from svcstd.reporters.json_report import as_dict
from svcstd.reporters.summary import Summary, parse_previous, summarize
from svcstd.rules import BUILTIN_RULES
from tests.test_summary import sample_report

HOSTILE = {
    "title": "<script>alert(1)</script> <img src=x onerror=alert(2)> [klik](javascript:alert(3))",
    "provider": "Dinas | `kode` **tebal** _miring_ # judul ![gambar](http://evil.example/x.png) www.evil.example",
    "message": "Fotokopi <b>KTP</b> | ``` ~~coret~~ \\ $x$ <!-- komentar --> a@b.example\nbaris baru",
    "path": "standar/<i>b</i>|x.yaml",
}
Golden = Callable[[str, str], None]


def _report_with_comparison() -> Summary:
    """The sample with an earlier report to compare with; rules outside the registry so rule texts can change."""
    previous = as_dict(sample_report(), "en")
    previous["as_of"] = "2026-06-01"
    previous["documents"][1]["score"] = 50.0
    return summarize(replace(sample_report(), rules=()), previous=parse_previous(previous, "old.json"))


@pytest.mark.parametrize("lang", ["en", "id"])
def test_check_format_markdown_golden(golden: Golden, lang: str) -> None:
    golden(f"markdown/check-{lang}.md", markdown.render(sample_report(), RenderOptions(lang)))


@pytest.mark.parametrize("lang", ["en", "id"])
def test_report_markdown_golden(golden: Golden, lang: str) -> None:
    text = markdown.render_summary(_report_with_comparison(), RenderOptions(lang), "Laporan Triwulan IV")
    golden(f"markdown/report-{lang}.md", text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a | b", "a &#124; b"),
        ("`x`", "&#96;x&#96;"),
        ("<script>", "&#60;script&#62;"),
        ("[x](javascript:alert(1))", "&#91;x&#93;(javascript&#58;alert(1))"),
        ("*_#!~&$@\\", "&#42;&#95;&#35;&#33;&#126;&#38;&#36;&#64;&#92;"),
        ("lihat www.lapor.go.id", "lihat www&#46;lapor.go.id"),
        ("dua\nbaris\t\x00 ok", "dua baris ok"),
        ("\u202eevil", "evil"),
    ],
)
def test_escape(text: str, expected: str) -> None:
    assert markdown.escape(text) == expected


def test_hostile_content_is_shown_as_text() -> None:
    report = sample_report(**HOSTILE)
    for text in (
        markdown.render(report, RenderOptions("en")),
        markdown.render_summary(summarize(report), RenderOptions("id")),
    ):
        lowered = text.lower()
        assert "<script" not in lowered and "<img" not in lowered and "<b>" not in lowered and "<!--" not in text
        assert "javascript:" not in lowered and "http://" not in lowered and "www.evil" not in lowered
        assert "](" not in text and "``" not in text and "~~" not in text
        assert "&#60;script&#62;" in text
        rows = [line for line in text.splitlines() if line.startswith("| ")]
        assert rows and all(row.count("|") == rows[0].count("|") for row in rows[:3])


def test_only_errors_and_warnings_are_open_info_and_waived_are_collapsed() -> None:
    text = markdown.render(sample_report(), RenderOptions("en"))
    good = text.split("### standar/a.yaml")[1].split("###")[0]
    assert "No errors or warnings." in good
    details = good.split("<details><summary>1 info, 1 waived</summary>")[1]
    assert "FAI005" in details and "TRA007" in details and "waived until 2026-12-10" in details


def test_top_rules_show_the_fix_and_legal_basis_from_the_registry() -> None:
    text = markdown.render_summary(summarize(sample_report()), RenderOptions("id"))
    rule = {r.id: r for r in BUILTIN_RULES}["SIM003"]
    assert markdown.escape(rule.fix("id")) in text and markdown.escape(rule.reference("id")) in text


def test_an_empty_report_says_so() -> None:
    text = markdown.render(sample_report().__class__("1", "2026-11-27", ()), RenderOptions("id"))
    assert "Tidak ditemukan standar pelayanan." in text
