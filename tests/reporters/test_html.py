"""`--format html` and the HTML report: structure (golden), self-containment, escaping of hostile content."""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Callable
from dataclasses import replace
from html.parser import HTMLParser

import pytest

from svcstd.reporters import RenderOptions, html
from svcstd.reporters.json_report import as_dict
from svcstd.reporters.summary import Summary, parse_previous, summarize
from svcstd.scoring.grades import SKM
from tests.reporters.test_markdown import HOSTILE
from tests.test_summary import sample_report

Golden = Callable[[str, str], None]
ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "header", "main", "footer", "section", "h1", "h2", "h3",
    "p", "ul", "li", "b", "strong", "small", "br", "a", "label", "input", "div", "table", "thead", "tbody", "tr",
    "th", "td", "span", "figure", "svg", "rect", "line", "text", "details", "summary", "dl", "dt", "dd", "script",
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


def test_grades_are_shown_by_text_and_colour() -> None:
    text = html.render(sample_report(), RenderOptions("id"))
    assert '<span class="grade good">Zona Hijau — kepatuhan tinggi</span>' in text
    assert '<span class="grade bad">Zona Merah — kepatuhan rendah</span>' in text
    assert '<span class="grade none">tidak dinilai: perbaiki dulu galatnya</span>' in text


def test_every_finding_in_the_drill_down_with_legal_basis_and_fix() -> None:
    text = html.render(sample_report(), RenderOptions("en"))
    details = text.split('<details id="doc-2"')[1].split("</details>")[0]
    assert details.count('<tr><td class="num"') == 3
    assert html.e(html.summarize(sample_report()).rules["SIM003"].help("en")) in details
    assert "<td>XYZ001</td>" in text.split('<details id="doc-3"')[1]


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
    assert f">79{point}2</text>" in text and f'data-v="-5.0">-5{point}0</td>' in text
    assert f">92{',' if point == '.' else '.'}3<" not in text
    skm = html.render_summary(summarize(replace(sample_report(), rules=()), SKM), RenderOptions(lang))
    assert f'text-anchor="middle">88{point}31</text>' in skm
