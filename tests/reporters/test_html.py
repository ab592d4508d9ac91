"""`--format html` and the HTML report: structure (golden), self-containment, escaping of hostile content."""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Callable
from dataclasses import replace
from html.parser import HTMLParser

import pytest

from svcstd.model import Principle, PrincipleResult
from svcstd.reporters import RenderOptions, html
from svcstd.reporters.json_report import as_dict
from svcstd.reporters.summary import Summary, parse_previous, summarize
from svcstd.scoring.grades import SKM
from tests.reporters.test_markdown import HOSTILE, compared
from tests.test_summary import sample_report

Golden = Callable[[str, str], None]
ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "header", "main", "footer", "section", "h1", "h2", "h3",
    "p", "ul", "li", "b", "strong", "small", "br", "a", "label", "input", "div", "table", "thead", "tbody", "tr",
    "th", "td", "span", "figure", "svg", "rect", "line", "text", "details", "summary", "dl", "dt", "dd", "script",
    "nav", "form", "select", "option", "button", "code", "circle", "figcaption", "ol",
}  # fmt: skip


class Page(HTMLParser):
    """Every tag with its attributes, the text inside headings and table headers, and a readable skeleton."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.skeleton: list[str] = []
        self.capture: str | None = None
        self.buffer = ""
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        wanted = tag in ("h1", "h2", "h3", "summary") or (tag == "th" and attributes.get("scope") == "col")
        if (wanted or (tag == "title" and len(self.tags) < 8)) and self.capture is None:
            self.capture, self.buffer = tag, ""
        elif tag in ("table", "section", "details", "html"):
            keys = ("lang", "id", "class")
            self.skeleton.append(tag + "".join(f" {k}={attributes[k]}" for k in keys if attributes.get(k)))

    def handle_endtag(self, tag: str) -> None:
        if tag == self.capture:
            self.skeleton.append(f"  {tag}: {' '.join(self.buffer.split())}")
            self.capture = None

    def handle_data(self, data: str) -> None:
        if self.capture is not None:
            self.buffer += data


def _summary() -> Summary:
    previous = as_dict(sample_report(), "en")
    previous["as_of"] = "2026-06-01"
    previous["documents"][1]["score"] = 50.0
    return summarize(replace(sample_report(), rules=()), previous=parse_previous(previous, "old.json"))


@pytest.mark.parametrize("lang", ["en", "id"])
def test_report_structure_golden(golden: Golden, lang: str) -> None:
    page = Page(html.render_summary(_summary(), RenderOptions(lang), "Laporan Triwulan IV"))
    golden(f"html/report-{lang}.txt", "\n".join(page.skeleton) + "\n")


def test_check_format_html_is_the_same_page_with_the_default_title() -> None:
    text = html.render(sample_report(), RenderOptions("id"))
    assert "<title>Laporan Kepatuhan Standar Pelayanan</title>" in text and '<html lang="id">' in text


def test_self_contained_responsive_printable_and_locked_down() -> None:
    text = html.render(sample_report(), RenderOptions("en"))
    page = Page(text)
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in text
    assert "@page{size:A4" in text and "@media print" in text and ".scroll{overflow-x:auto" in text
    for tag, attributes in page.tags:
        assert tag in ALLOWED_TAGS
        assert not {"src", "srcset", "style", "action"} & set(attributes), tag
        assert (attributes.get("href") or "#").startswith("#")
    assert not re.search(r"url\(|@import|<link|<img|<iframe|<object", text)  # URLs may appear only as text
    assert all(th.get("scope") in ("col", "row") for tag, th in page.tags if tag == "th")


def _csp_hash(body: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'"


def test_the_policy_admits_exactly_the_inline_style_and_script() -> None:
    text = html.render(sample_report(), RenderOptions("en"))
    style = re.search(r"<style>(.*?)</style>", text, re.S)
    script = re.search(r"<script>(.*?)</script>", text, re.S)
    assert style and script
    assert f"style-src {_csp_hash(style.group(1))};" in text and f"script-src {_csp_hash(script.group(1))};" in text
    assert "default-src 'none'" in text


def test_zone_gate_and_severity_are_shown_by_text_and_shape_not_colour_alone() -> None:
    text = html.render(sample_report(), RenderOptions("id"))
    assert '<span class="grade good">✔ Zona Hijau</span>' in text
    assert '<span class="grade bad">✖ Zona Merah</span>' in text
    assert '<span class="grade none">– tidak dinilai: perbaiki dulu galatnya</span>' in text
    assert '<span class="sev-error">✖ galat</span>' in text and '<span class="sev-warning">▲ peringatan</span>' in text


def test_fails_says_why_beside_it() -> None:
    text = html.render(sample_report(), RenderOptions("en"))
    assert '<span class="fails">✖ fails</span> <span class="why">1 error(s): ACC003</span>' in text
    assert '<span class="why">not valid: SCH002</span>' in text


def test_the_drill_down_lists_fixes_by_points_and_cites_each_legal_text_once() -> None:
    text = html.render(sample_report(), RenderOptions("en"))
    details = text.split('<details id="doc-2"')[1].split("</details>")[0]
    assert details.count("<li>Line ") == 3 and '<a href="#rule-SIM003">' in details
    reference = html.e(html.summarize(sample_report()).rules["SIM003"].reference("en"))  # type: ignore[union-attr]
    assert text.count(reference) == 1 and '<dt id="rule-SIM003">' in text
    assert "<strong>XYZ001</strong>" in text.split('<details id="doc-3"')[1]


def test_one_table_of_all_standards_worst_first_with_filters_and_a_live_count() -> None:
    text = html.render(sample_report(), RenderOptions("en"))
    table = text.split('<table id="standards-table">')[1].split("</table>")[0]
    rows = re.findall(r'<tr data-zone="(\w+)"', table)
    assert rows == ["none", "bad", "mid", "good"]  # not scored, red, yellow, green
    assert text.count('<table id="standards-table">') == 1
    for name in ("zone", "gate", "unit", "principle", "rule", "text"):
        assert f'id="f-{name}"' in text
    assert '<p id="count" class="count" role="status" data-template="{shown} of {total} shown">4 of 4 shown</p>' in text
    zone_cells = re.findall(r'<td data-v="(\d)"><span class="grade', table)
    assert zone_cells == ["0", "1", "2", "3"]  # the zone sorts by how bad it is, not by its name


def test_every_scroll_region_can_be_reached_by_keyboard_and_has_a_name() -> None:
    text = html.render_summary(_summary(), RenderOptions("en"))
    regions = re.findall(r'<div class="scroll"[^>]*>', text)
    assert regions and all('tabindex="0"' in r and 'role="region"' in r and "aria-label=" in r for r in regions)
    assert '<nav class="skip"' in text and '<a href="#standards">' in text


def test_each_chart_has_its_numbers_as_a_table() -> None:
    text = html.render(sample_report(), RenderOptions("en"))
    for chart in ("chart-zones", "chart-scores", "chart-rules", "chart-principles"):
        figure = text.split(f'<figure id="{chart}">')[1].split("</figure>")[0]
        assert 'role="img"' in figure and "<table>" in figure, chart


def test_one_standard_gets_the_unit_head_view_fixes_by_points_to_gain() -> None:
    report = sample_report()
    results = (
        PrincipleResult(Principle.SIMPLICITY, 50.0, passed=("SIM001",), failed=("SIM003",)),
        PrincipleResult(Principle.ACCOUNTABILITY, 0.0, failed=("ACC003",)),
    )
    one = replace(report, documents=(replace(report.documents[1], principles=results),))
    text = html.render(one, RenderOptions("en"))
    assert '<ul class="cards">' not in text and 'id="standards-table"' not in text
    fixes = text.split('<ol class="fixes">')[1].split("</ol>")[0]
    gains = [float(g) for g in re.findall(r'<span class="gain">\+([\d.]+) points</span>', fixes)]
    assert gains[0] == 50.0 and gains == sorted(gains, reverse=True) and len(gains) == 2
    assert fixes.index("ACC003") < fixes.index("SIM003")  # the heavier fix first, not the first line
    assert "How to fix:" in fixes


@pytest.mark.parametrize("lang", ["en", "id"])
def test_hostile_content_is_shown_as_text(lang: str) -> None:
    page_text = html.render(sample_report(**HOSTILE), RenderOptions(lang))
    page = Page(page_text)
    assert page_text.count("<script") == 1 and "<img" not in page_text and "<b>KTP" not in page_text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page_text and "&lt;img src=x onerror=alert(2)&gt;" in page_text
    assert "[klik](javascript:alert(3))" in page_text  # visible as text, never a link
    assert all(not (a.get("href") or "#").lower().startswith("javascript") for _, a in page.tags)
    assert all(not name.startswith("on") for _, attributes in page.tags for name in attributes)
    assert "<!--" not in page_text


@pytest.mark.parametrize(("lang", "point"), [("en", "."), ("id", ",")])
def test_numbers_use_the_decimal_comma_in_indonesian(lang: str, point: str) -> None:
    text = html.render_summary(_summary(), RenderOptions(lang))
    cards = re.search(r'<ul class="cards">.*?</ul>', text, re.S)
    assert cards is not None and f"<b>69{point}1</b>" in cards.group()
    assert f'<td class="num" data-v="92.3">92{point}3</td>' in text
    assert f">79{point}2 ! </text>" in text.replace("</text>", " </text>") or f">79{point}2 !</text>" in text
    assert f"50{point}0 → 45{point}0" in text
    assert f">92{',' if point == '.' else '.'}3<" not in text
    skm = html.render_summary(summarize(replace(sample_report(), rules=()), SKM), RenderOptions(lang))
    assert f'text-anchor="middle">88{point}31</text>' in skm


def test_beyond_five_hundred_standards_only_the_worst_get_their_fixes_written_out() -> None:
    """So that a browser opens 10,000 standards in seconds; the table still holds every one."""
    weak = sample_report().documents[1]
    docs = tuple(replace(weak, path=f"s/{n:04}.yaml", score=40.0 + n % 50) for n in range(600))
    docs = (*docs[:321], replace(docs[321], score=1.0, title="Terburuk"), *docs[322:])
    text = html.render(replace(sample_report(), documents=docs), RenderOptions("en"))
    assert text.count('<details id="doc-') == 500 and text.count("<tr data-zone=") == 600
    assert '<details id="doc-322">' in text and "The fixes of the 500 worst of 600 standards" in text
    first = text.split('<table id="standards-table">')[1].split("<tr data-zone=")[1]
    assert '<a href="#doc-322">Terburuk</a>' in first


def _chart_rows(text: str) -> list[float]:
    chart = text.split('<figure id="chart-changes">')[1].split("</figure>", maxsplit=1)[0]
    return [float(d) for d in re.findall(r'<g class="change" data-delta="([-\d.]+)">', chart)]


@pytest.mark.parametrize("lang", ["en", "id"])
def test_the_comparison_chart_puts_regressions_first_then_the_largest_changes(lang: str) -> None:
    summary = compared(10)
    text = html.render_summary(summary, RenderOptions(lang))
    deltas = _chart_rows(text)
    assert len(deltas) == 10 - sum(1 for n in range(10) if n % 7 == 3)  # unchanged scores are not drawn
    rises = [d for d in deltas if d > 0]
    assert deltas == sorted(d for d in deltas if d < 0) + sorted(rises, reverse=True)
    assert deltas[0] < 0 and deltas[-1] > 0
    chart = text.split('<figure id="chart-changes">')[1].split("</figure>")[0]
    assert 'role="img"' in chart and "aria-label=" in chart and "<figcaption>" in chart and "<table>" in chart
    point = "," if lang == "id" else "."
    assert f">▼ -{abs(deltas[0]):.1f}</text>".replace(".", point) in chart  # the change in words, not colour alone
    assert f">▲ +{deltas[-1]:.1f}</text>".replace(".", point) in chart
    cut = {"en": "The chart shows", "id": "Grafik menampilkan"}[lang]
    assert cut not in text


@pytest.mark.parametrize("lang", ["en", "id"])
def test_the_comparison_chart_of_ten_thousand_standards_shows_the_largest_and_says_how_many_were_cut(
    lang: str,
) -> None:
    summary = compared(10_000)
    text = html.render_summary(summary, RenderOptions(lang))
    deltas = _chart_rows(text)
    changed = sum(1 for n in range(10_000) if n % 7 != 3)
    assert len(deltas) == 20 and deltas == sorted(deltas) and deltas[0] == -15.0  # the largest falls
    note = {
        "en": f"The chart shows the 20 largest of {changed} score changes (the regressions first); "
        f"{changed - 20} smaller change(s) are left out.",
        "id": f"Grafik menampilkan 20 perubahan skor terbesar dari {changed} (kemunduran lebih dulu); "
        f"{changed - 20} perubahan yang lebih kecil tidak ditampilkan.",
    }[lang]
    assert note in text


def test_the_comparison_chart_shows_names_as_text() -> None:
    text = html.render_summary(compared(3, title=HOSTILE["title"]), RenderOptions("en"))
    chart = text.split('<figure id="chart-changes">')[1].split("</figure>")[0]
    assert "&lt;script&gt;alert(1)" in chart and "<script" not in chart and "<img" not in chart
