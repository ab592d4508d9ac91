"""`--format markdown` and the Markdown report: golden output, and content that can never become markup."""

from __future__ import annotations

import re
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
        ("a | b", "a \\| b"),
        ("`x`", "\\`x\\`"),
        ("<script>", "&#60;script&#62;"),
        ("[x](javascript:alert(1))", "\\[x\\]\\(javascript\\:alert(1))"),
        ("*_#!~&$@\\", "\\*\\_\\#!\\~&#38;\\$\\@\u2060\\\\"),
        ("![x](y) pukul 08:00 · tidak valid: SCH002", "!\\[x\\]\\(y) pukul 08:00 · tidak valid: SCH002"),
        ("lihat www.lapor.go.id", "lihat www\\.lapor.go.id"),
        ("https://lapor.go.id", "https\\://lapor.go.id"),
        ("halo @admin", "halo \\@\u2060admin"),
        ("Biaya (retribusi) 10.000, sesuai Perda", "Biaya (retribusi) 10.000, sesuai Perda"),
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


def _many(count: int) -> Summary:
    """`count` standards made from the sample's, each with many findings, one of them far worse than the rest."""
    report = sample_report()
    weak = report.documents[1]
    findings = tuple(replace(weak.findings[0], line=n) for n in range(40))
    docs = [
        replace(weak, path=f"standar/{n:03}.yaml", title=f"Layanan nomor {n}", score=60.0 + n % 30, findings=findings)
        for n in range(count)
    ]
    docs[137] = replace(docs[137], score=12.5, title="Layanan terburuk")
    return summarize(replace(report, documents=tuple(docs)))


def test_two_hundred_standards_fit_a_pull_request_comment_with_the_worst_kept() -> None:
    text = markdown.render_summary(_many(200), RenderOptions("en"))
    assert len(text) < 65_536
    table = text.split("## Standards, worst first")[1]
    first_row = next(line for line in table.splitlines() if line.startswith("| standar/"))
    assert "Layanan terburuk" in first_row
    assert "> ✂️ Cut to fit 60,000 characters:" in text and "left out" in text
    assert "### standar/137.yaml — Layanan terburuk" in text  # the worst standard's findings are kept


def test_max_chars_none_keeps_everything_and_tables_fit_githubs_width() -> None:
    text = markdown.render_summary(_many(200), RenderOptions("en", max_chars=None))
    assert len(text) > 65_536 and "✂️" not in text
    rows = [line for line in text.splitlines() if line.startswith("| ")]
    assert max(row.replace("\\|", "").count(" | ") + 1 for row in rows) <= 6


def test_check_format_markdown_is_capped_too() -> None:
    report = _many(300).report
    text = markdown.render(report, RenderOptions("id"))
    assert len(text) < 65_536 and "> ✂️ Dipangkas agar muat dalam 60.000 karakter" in text


def test_severity_and_zone_have_distinct_symbols() -> None:
    text = markdown.render(sample_report(), RenderOptions("en"))
    assert "🛑 **error**" in text and "⚠️ **warning**" in text and "🟡 Yellow zone" in text
    assert "⚠️ " not in text.split("Standard | Compliance")[1].split("\n\n")[0].replace("⚠️ 2", "")  # no ⚠️ for a zone


def compared(count: int, title: str = "Layanan") -> Summary:
    """`count` standards at 50 now; then 50 + (n % 7 - 3) * (1 + n % 5): falls, rises and one in seven unchanged."""
    weak = replace(sample_report().documents[1], index=0, score=50.0)
    docs = tuple(replace(weak, path=f"s/{n:05}.yaml", id=f"s-{n}", title=f"{title} {n}") for n in range(count))
    report = replace(sample_report(), documents=docs, rules=())
    previous = as_dict(report, "en")
    for n, entry in enumerate(previous["documents"]):
        entry["score"] = 50.0 + (n % 7 - 3) * (1 + n % 5)
    return summarize(report, previous=parse_previous(previous, "old.json"))


def _change_rows(text: str, heading: str = "## Changes since") -> list[float]:
    section = text.split(heading)[1].split("\n## ", maxsplit=1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| ") and "s/" in line]
    return [float(re.search(r"\| ([▲▼] [+-][\d.]+)", row).group(1)[2:]) for row in rows]  # type: ignore[union-attr]


def test_the_comparison_lists_the_changed_scores_regressions_first_then_by_size() -> None:
    text = markdown.render_summary(compared(14), RenderOptions("en", max_chars=None))
    deltas = _change_rows(text)
    assert len(deltas) == 12 and "2 standard(s) unchanged." in text  # n = 3 and 10 kept their score
    rises = [d for d in deltas if d > 0]
    assert deltas == sorted(d for d in deltas if d < 0) + sorted(rises, reverse=True)


def test_the_comparison_of_ten_thousand_standards_keeps_the_largest_regressions_within_the_budget() -> None:
    text = markdown.render_summary(compared(10_000), RenderOptions("id"))
    changed = sum(1 for n in range(10_000) if n % 7 != 3)
    assert len(text) < 65_536 and f"{changed - 50} dari {changed} baris “Perubahan sejak 2026-11-27”" in text
    deltas = _change_rows(text.replace(",", "."), "## Perubahan sejak")
    assert len(deltas) == 50 and all(d == -15.0 for d in deltas)  # the largest falls
    assert "## Standar pelayanan, yang terburuk lebih dulu" in text
