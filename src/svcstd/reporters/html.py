"""One self-contained HTML page over a repository of standards: inline CSS and SVG, no external resource.

Standards are untrusted input: every piece of their content goes through `html.escape`, no content
ever becomes a link or an attribute name, and a Content-Security-Policy admits only this module's own
style sheet and script (by hash), so even a missed escape could not run code.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterable, Mapping, Sequence

from svcstd import escaping
from svcstd.i18n import Catalog, decimal
from svcstd.model import PRINCIPLE_NAMES, DocumentResult, Finding, Principle, Report, RuleInfo, Severity, document_name
from svcstd.reporters import RenderOptions
from svcstd.reporters.summary import EXPIRY_WINDOW_DAYS, LABELS, ScoreChange, Summary, summarize

MESSAGES = Catalog(
    "html",
    {
        "filter": ("Filter standards", "Saring standar pelayanan"),
        "sort_hint": (
            "Select a column heading to sort the table.",
            "Pilih judul kolom untuk mengurutkan tabel.",
        ),
        "chart": ("Average score per principle (0–100)", "Skor rata-rata per prinsip (0–100)"),
        "doc_chart": ("Score per principle (0–100)", "Skor per prinsip (0–100)"),
        "details": ("Details per standard", "Rincian per standar pelayanan"),
        "summary": ("Summary", "Ringkasan"),
        "unit": ("Unit", "Unit pelaksana"),
        "status": ("Status", "Status"),
        "version": ("Version", "Versi"),
        "last_reviewed": ("Last reviewed", "Evaluasi terakhir"),
        "review_due": ("Next review due", "Evaluasi berikutnya"),
        "view": ("details", "rincian"),
        "footer": (
            "Made by svcstd {version} as of {date}. Scores follow PermenPANRB 15/2014; grades follow the "
            "Ombudsman's compliance zones unless configured otherwise.",
            "Dibuat oleh svcstd {version} per {date}. Skor mengikuti PermenPANRB 15/2014; predikat mengikuti "
            "zona kepatuhan Ombudsman kecuali diatur lain dalam konfigurasi.",
        ),
    },
)

STYLE = """
:root{--good:#1a7f37;--good-bg:#dafbe1;--mid:#7d5a00;--mid-bg:#fff3c4;--bad:#b42318;--bad-bg:#fde4e1;
--none:#57606a;--none-bg:#eaeef2;--line:#d0d7de;--ink:#1f2328;--muted:#57606a}
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:var(--ink);
background:#fff}
header,main,footer{max-width:75rem;margin:0 auto;padding:0 1rem}
header{padding-top:1.5rem}
h1{font-size:1.75rem;margin:.25rem 0}
h2{font-size:1.3rem;margin:2rem 0 .5rem;border-bottom:1px solid var(--line);padding-bottom:.25rem}
h3{font-size:1.1rem;margin:1.25rem 0 .5rem}
.muted{color:var(--muted)}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(9.5rem,1fr));gap:.75rem;padding:0;list-style:none}
.cards li{border:1px solid var(--line);border-radius:.5rem;padding:.75rem;background:#f6f8fa}
.cards b{display:block;font-size:1.6rem;line-height:1.2}
.cards li.good{background:var(--good-bg);border-color:var(--good)}
.cards li.mid{background:var(--mid-bg);border-color:var(--mid)}
.cards li.bad{background:var(--bad-bg);border-color:var(--bad)}
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{border:1px solid var(--line);padding:.35rem .5rem;text-align:left;vertical-align:top}
thead th{background:#f6f8fa}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
th.sort{cursor:pointer}
th[aria-sort=ascending]::after{content:" ▲"}
th[aria-sort=descending]::after{content:" ▼"}
.grade{display:inline-block;padding:0 .45rem;border-radius:1rem;border:1px solid;font-weight:600;white-space:nowrap}
.grade.good{color:var(--good);background:var(--good-bg)}
.grade.mid{color:var(--mid);background:var(--mid-bg)}
.grade.bad{color:var(--bad);background:var(--bad-bg)}
.grade.none{color:var(--none);background:var(--none-bg)}
.sev-error{color:var(--bad);font-weight:600}
.sev-warning{color:var(--mid);font-weight:600}
.sev-info{color:var(--none)}
.waived{color:var(--muted);font-style:italic}
svg{max-width:100%;height:auto}
svg text{font:13px system-ui,sans-serif;fill:var(--ink)}
svg .good{fill:var(--good)} svg .mid{fill:#bf8700} svg .bad{fill:var(--bad)} svg .none{fill:#8c959f}
svg .rule{stroke:var(--muted);stroke-dasharray:3 3}
details{border:1px solid var(--line);border-radius:.5rem;margin:.5rem 0;padding:.25rem .75rem}
details[open]{padding-bottom:.75rem}
summary{cursor:pointer;padding:.25rem 0}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.1rem 1rem;margin:.5rem 0}
dt{font-weight:600}
dd{margin:0}
.filter input{font:inherit;padding:.3rem .5rem;width:min(100%,24rem)}
footer{margin:2rem auto;font-size:.85rem}
@media (max-width:40rem){body{font-size:15px}h1{font-size:1.4rem}}
@page{size:A4;margin:14mm 12mm}
@media print{
body{font-size:10pt}header,main,footer{max-width:none;padding:0}
.filter,.hint{display:none}
.scroll{overflow:visible}
table{font-size:8.5pt}
tr,li,svg{break-inside:avoid}
h2,h3{break-after:avoid}
details{border:0;padding:0}
details::details-content{content-visibility:visible;display:block}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
"""

SCRIPT = """
(function () {
  "use strict";
  function key(cell) {
    var value = cell.getAttribute("data-v");
    return value === null ? cell.textContent.trim().toLowerCase() : parseFloat(value);
  }
  function sorter(table, th, column) {
    return function () {
      var body = table.tBodies[0], rows = Array.prototype.slice.call(body.rows);
      var down = th.getAttribute("aria-sort") === "ascending";
      table.querySelectorAll("thead th").forEach(function (other) { other.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", down ? "descending" : "ascending");
      rows.sort(function (a, b) {
        var x = key(a.cells[column]), y = key(b.cells[column]);
        return (x < y ? -1 : x > y ? 1 : 0) * (down ? -1 : 1);
      });
      rows.forEach(function (row) { body.appendChild(row); });
    };
  }
  document.querySelectorAll("table.sortable").forEach(function (table) {
    table.querySelectorAll("thead th").forEach(function (th, column) {
      var sort = sorter(table, th, column);
      th.classList.add("sort");
      th.tabIndex = 0;
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") { event.preventDefault(); sort(); }
      });
    });
  });
  var filter = document.getElementById("filter");
  if (filter) {
    filter.parentNode.hidden = false;
    filter.addEventListener("input", function () {
      var query = filter.value.trim().toLowerCase();
      document.querySelectorAll("[data-filter]").forEach(function (element) {
        element.hidden = query !== "" && element.getAttribute("data-filter").indexOf(query) < 0;
      });
    });
  }
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details").forEach(function (details) { details.open = true; });
  });
})();
"""

PAGE = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<meta name="generator" content="svcstd {version}">
<title>{title}</title>
<style>{style}</style>
</head>
<body>
{body}
<script>{script}</script>
</body>
</html>
"""


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


CSP = (
    f"default-src 'none'; style-src {_sha256(STYLE)}; script-src {_sha256(SCRIPT)}; base-uri 'none'; form-action 'none'"
)
CHART_WIDTH, LABEL_WIDTH, BAR_HEIGHT = 640, 170, 30
_NUMERIC = ' class="num"'


def e(text: object) -> str:
    """Escape for text and double-quoted attribute values alike (escaping.html)."""
    return escaping.html(text)


def render(report: Report, options: RenderOptions) -> str:
    """`svcstd check --format html`: the same page `svcstd report` writes, with the default title."""
    return render_summary(summarize(report), options)


def render_summary(summary: Summary, options: RenderOptions, title: str | None = None) -> str:
    lang = options.lang
    title = title or LABELS("title", lang)
    sections = [
        _header(summary, title, lang),
        "<main>",
        _cards(summary, lang),
        _principles(summary, lang),
        _documents(summary, lang),
        _top_rules(summary, lang),
        _overdue(summary, lang),
        _expiring(summary, lang),
        _comparison(summary, lang),
        _details(summary, lang),
        "</main>",
        _footer(summary, lang),
    ]
    body = "\n".join(section for section in sections if section)
    fields = {"lang": lang, "csp": CSP, "version": e(summary.report.tool_version), "title": e(title)}
    return PAGE.format(**fields, style=STYLE, body=body, script=SCRIPT)


def _header(summary: Summary, title: str, lang: str) -> str:
    report = summary.report
    line = LABELS("as_of", lang, date=report.as_of, version=report.tool_version)
    return f'<header>\n<h1>{e(title)}</h1>\n<p class="muted">{e(line)}</p>\n</header>'


def _footer(summary: Summary, lang: str) -> str:
    text = MESSAGES("footer", lang, version=summary.report.tool_version, date=summary.report.as_of)
    return f'<footer class="muted"><p>{e(text)}</p></footer>'


def _section(name: str, heading: str, content: str) -> str:
    return (
        f'<section id="{name}" aria-labelledby="{name}-h">\n<h2 id="{name}-h">{e(heading)}</h2>\n{content}\n</section>'
    )


def _card(label: str, value: str, tone: str = "") -> str:
    css = f' class="{tone}"' if tone else ""
    return f"<li{css}><b>{e(value)}</b>{e(label)}</li>"


def _cards(summary: Summary, lang: str) -> str:
    counts = summary.counts
    average = _number(counts.average, lang)
    cards = [
        _card(LABELS("documents", lang), str(counts.documents)),
        _card(LABELS("valid", lang), str(counts.valid)),
        _card(LABELS("passing", lang), str(counts.passing)),
        _card(LABELS("average", lang), average, summary.tone(counts.average)),
        _card(LABELS("errors", lang), str(counts.findings.error)),
        _card(LABELS("warnings", lang), str(counts.findings.warning)),
    ]
    cards += [_card(grade.label(lang), str(grade.documents), grade.tone) for grade in summary.grades]
    items = "\n".join(cards)
    return _section("summary", MESSAGES("summary", lang), f'<ul class="cards">\n{items}\n</ul>')


def _grade(summary: Summary, doc: DocumentResult, lang: str) -> str:
    if doc.grade is None or doc.score is None:
        return f'<span class="grade none">{e(LABELS("not_scored", lang))}</span>'
    return f'<span class="grade {summary.tone(doc.score)}">{e(doc.grade.label(lang))}</span>'


def bar_chart(summary: Summary, rows: Sequence[tuple[str, float | None]], label: str, lang: str) -> str:
    """Horizontal bars, one per row, with the grade bands' lower bounds as dashed lines."""
    height = BAR_HEIGHT * len(rows) + 24
    span = CHART_WIDTH - LABEL_WIDTH - 50
    parts = [
        f'<svg viewBox="0 0 {CHART_WIDTH} {height}" width="{CHART_WIDTH}" height="{height}" role="img" '
        f'aria-label="{e(label)}" xmlns="http://www.w3.org/2000/svg"><title>{e(label)}</title>'
    ]
    for number, (name, score) in enumerate(rows):
        y = number * BAR_HEIGHT + 4
        width = round((score or 0) * span / 100, 1)
        shown = _number(score, lang)
        parts.append(f'<text x="0" y="{y + 17}">{e(name)}</text>')
        parts.append(f'<rect class="{summary.tone(score)}" x="{LABEL_WIDTH}" y="{y}" width="{width}" height="22"/>')
        parts.append(f'<text x="{LABEL_WIDTH + width + 6}" y="{y + 17}">{shown}</text>')
    for band in summary.scale:
        if 0 < band.min < 100:
            x = round(LABEL_WIDTH + band.min * span / 100, 1)
            parts.append(f'<line class="rule" x1="{x}" x2="{x}" y1="0" y2="{height - 20}"/>')
            tick = f"{band.min:g}".replace(".", "," if lang == "id" else ".")  # 88.31 is a bound, not a score
            parts.append(f'<text x="{x}" y="{height - 4}" text-anchor="middle">{tick}</text>')
    return "".join(parts) + "</svg>"


def _principles(summary: Summary, lang: str) -> str:
    rows = [(PRINCIPLE_NAMES[p](lang), score) for p, score in summary.principles]
    chart = bar_chart(summary, rows, MESSAGES("chart", lang), lang)
    return _section("principles", LABELS("principles", lang), f"<figure>{chart}</figure>")


def mini_chart(summary: Summary, doc: DocumentResult, lang: str) -> str:
    """Six small columns, one per principle, each with its name and score as a tooltip."""
    scores = {r.principle: r.score for r in doc.principles}
    parts = ['<svg viewBox="0 0 84 30" width="84" height="30" role="img" xmlns="http://www.w3.org/2000/svg"']
    text = "; ".join(f"{PRINCIPLE_NAMES[p](lang)} {_number(scores.get(p), lang)}" for p in Principle)
    parts.append(f' aria-label="{e(text)}">')
    for number, principle in enumerate(Principle):
        score = scores.get(principle)
        height = max(round((score or 0) * 0.28, 1), 1)
        tip = f"{PRINCIPLE_NAMES[principle](lang)}: {_number(score, lang)}"
        parts.append(
            f'<rect class="{summary.tone(score)}" x="{number * 14}" y="{30 - height}" width="11" height="{height}">'
            f"<title>{e(tip)}</title></rect>"
        )
    return "".join(parts) + "</svg>"


def _number(score: float | None, lang: str) -> str:
    """One decimal, with the decimal comma in Indonesian; a dash without a score."""
    return decimal(score, lang) if score is not None else "—"


def _table(headers: Sequence[tuple[str, bool]], rows: Iterable[str], css: str = "") -> str:
    """A scrolling table; each header is (label, numeric)."""
    cells = "".join(f'<th scope="col"{_NUMERIC if numeric else ""}>{e(label)}</th>' for label, numeric in headers)
    table_class = f' class="{css}"' if css else ""
    body = "\n".join(rows)
    head = f"<thead><tr>{cells}</tr></thead>"
    return f'<div class="scroll"><table{table_class}>\n{head}\n<tbody>\n{body}\n</tbody></table></div>'


def _num(value: object, sort: float | None = None) -> str:
    data = f' data-v="{sort}"' if sort is not None else ""
    return f'<td class="num"{data}>{e(value)}</td>'


def _filter_text(doc: DocumentResult) -> str:
    return " ".join(part for part in (doc.path, doc.id, doc.title, doc.meta.provider) if part).lower()


def _document_row(summary: Summary, number: int, doc: DocumentResult, lang: str) -> str:
    tally = {s: sum(1 for f in doc.active_findings() if f.severity is s) for s in Severity}
    name = doc.title or doc.id or doc.path
    place = document_name(doc)
    head = f'<th scope="row"><a href="#doc-{number}">{e(name)}</a><br><small class="muted">{e(place)}</small></th>'
    score = _num(_number(doc.score, lang), doc.score if doc.score is not None else -1)
    gate = LABELS("passed" if doc.passed else "failed", lang)
    cells = [score, f"<td>{_grade(summary, doc, lang)}</td>", *(_num(tally[s], tally[s]) for s in Severity)]
    cells += [f"<td>{mini_chart(summary, doc, lang)}</td>", f"<td>{e(gate)}</td>"]
    return f'<tr data-filter="{e(_filter_text(doc))}">{head}{"".join(cells)}</tr>'


def _documents(summary: Summary, lang: str) -> str:
    headers = [(LABELS("standard", lang), False), (LABELS("score", lang), True), (LABELS("grade", lang), False)]
    headers += [(LABELS(key, lang), True) for key in ("errors", "warnings", "infos")]
    headers += [(LABELS("principles", lang), False), (LABELS("gate", lang), False)]
    numbers = {id(doc): number for number, doc in enumerate(summary.report.documents, 1)}
    parts = [
        f'<p class="filter" hidden><label for="filter">{e(MESSAGES("filter", lang))}</label> '
        '<input id="filter" type="search" autocomplete="off"></p>',
        f'<p class="hint muted">{e(MESSAGES("sort_hint", lang))}</p>',
    ]
    if not summary.report.documents:
        parts.append(f"<p>{e(LABELS('nothing', lang))}</p>")
    for group in summary.providers:
        name = group.provider or LABELS("unknown_provider", lang)
        rows = (_document_row(summary, numbers[id(doc)], doc, lang) for doc in group.documents)
        parts += [f"<h3>{e(name)}</h3>", _table(headers, rows, "sortable docs")]
    return _section("documents", LABELS("by_provider", lang), "\n".join(parts))


def _top_rules(summary: Summary, lang: str) -> str:
    if not summary.top_rules:
        return _section("rules", LABELS("top_rules", lang), f"<p>{e(LABELS('none', lang))}</p>")
    headers = [(LABELS("rule", lang), False), (LABELS("in_documents", lang), True)]
    headers += [
        (LABELS("findings_count", lang), True),
        (LABELS("fix", lang), False),
        (LABELS("reference", lang), False),
    ]
    rows = []
    for tally in summary.top_rules:
        title = tally.title(lang) if tally.title else tally.example(lang)
        head = f'<th scope="row"><span class="sev-{tally.severity.value}">{e(tally.rule)}</span> {e(title)}</th>'
        fix = e(tally.fix(lang)) if tally.fix else "—"
        reference = e(tally.reference(lang)) if tally.reference else "—"
        counts = _num(tally.documents, tally.documents) + _num(tally.findings, tally.findings)
        rows.append(f"<tr>{head}{counts}<td>{fix}</td><td>{reference}</td></tr>")
    return _section("rules", LABELS("top_rules", lang), _table(headers, rows, "sortable"))


def _overdue(summary: Summary, lang: str) -> str:
    if not summary.overdue:
        return _section("overdue", LABELS("overdue", lang), f"<p>{e(LABELS('none', lang))}</p>")
    keys = (("standard", False), ("provider", False), ("due", False), ("days_overdue", True))
    rows = [
        f'<tr><th scope="row">{e(_name(item.document))}</th><td>{e(item.document.meta.provider or "—")}</td>'
        f"<td>{e(item.due)}</td>{_num(item.days, item.days)}</tr>"
        for item in summary.overdue
    ]
    return _section("overdue", LABELS("overdue", lang), _table([(LABELS(k, lang), n) for k, n in keys], rows))


def _expiring(summary: Summary, lang: str) -> str:
    heading = LABELS("expiring", lang, days=EXPIRY_WINDOW_DAYS)
    if not summary.expiring:
        return _section("waivers", heading, f"<p>{e(LABELS('none', lang))}</p>")
    keys = [("standard", False), ("rule", False), ("until", False), ("days_left", True)]
    keys += [("approved_by", False), ("reason", False)]
    rows = []
    for item in summary.expiring:
        waiver = item.waiver
        cells = f"<td>{e(waiver.rule)}</td><td>{e(waiver.until)}</td>{_num(item.days, item.days)}"
        cells += f"<td>{e(waiver.approved_by)}</td><td>{e(waiver.reason)}</td>"
        rows.append(f'<tr><th scope="row">{e(_name(item.document))}</th>{cells}</tr>')
    return _section("waivers", heading, _table([(LABELS(k, lang), n) for k, n in keys], rows))


def _name(doc: DocumentResult) -> str:
    place = document_name(doc)
    return f"{doc.title or doc.id} ({place})" if doc.title or doc.id else place


def _change_row(label: str, change: ScoreChange, lang: str) -> str:
    delta = change.delta
    shown = "—" if delta is None else ("+" if delta > 0 else "") + _number(delta or 0.0, lang)
    tone = "" if not delta else " sev-info" if delta > 0 else " sev-error"
    delta_cell = f'<td class="num{tone}" data-v="{delta if delta is not None else 0}">{shown}</td>'
    scores = _num(_number(change.old, lang)) + _num(_number(change.new, lang))
    return f'<tr><th scope="row">{e(label)}</th>{scores}{delta_cell}</tr>'


def _comparison(summary: Summary, lang: str) -> str:
    comparison = summary.comparison
    if comparison is None:
        return ""
    headers = [(LABELS(k, lang), k != "standard") for k in ("standard", "before", "now", "change")]
    rows = [_change_row(LABELS("overall", lang), comparison.overall, lang)]
    rows += [_change_row(PRINCIPLE_NAMES[p](lang), change, lang) for p, change in comparison.principles]
    rows += [_change_row(_name(item.document), item.change, lang) for item in comparison.documents]
    parts = [_table(headers, rows)]
    if comparison.added:
        parts.append(f"<p>{e(LABELS('added', lang, items=', '.join(_name(d) for d in comparison.added)))}</p>")
    if comparison.removed:
        parts.append(f"<p>{e(LABELS('removed', lang, items=', '.join(d.path for d in comparison.removed)))}</p>")
    heading = LABELS("changes", lang, date=comparison.previous_as_of)
    return _section("changes", heading, "\n".join(parts))


def _details(summary: Summary, lang: str) -> str:
    blocks = [_document_details(summary, number, doc, lang) for number, doc in enumerate(summary.report.documents, 1)]
    return _section("details", MESSAGES("details", lang), "\n".join(blocks))


def _document_details(summary: Summary, number: int, doc: DocumentResult, lang: str) -> str:
    score = _number(doc.score, lang)
    head = f"<summary><strong>{e(_name(doc))}</strong> — {score} {_grade(summary, doc, lang)}</summary>"
    parts = [f'<details id="doc-{number}" data-filter="{e(_filter_text(doc))}">', head, _meta(doc, lang)]
    if doc.principles:
        rows = [(PRINCIPLE_NAMES[r.principle](lang), r.score) for r in doc.principles]
        parts.append(bar_chart(summary, rows, MESSAGES("doc_chart", lang), lang))
    parts.append(
        _findings_table(doc.findings, summary.rules, lang) if doc.findings else f"<p>{e(LABELS('none', lang))}</p>"
    )
    return "\n".join([*parts, "</details>"])


def _meta(doc: DocumentResult, lang: str) -> str:
    meta = doc.meta
    facts = [
        (LABELS("provider", lang), meta.provider),
        (MESSAGES("unit", lang), meta.unit),
        (MESSAGES("status", lang), meta.status),
        (MESSAGES("version", lang), meta.version),
        (MESSAGES("last_reviewed", lang), meta.last_reviewed),
        (MESSAGES("review_due", lang), meta.review_due),
    ]
    items = "".join(f"<dt>{e(label)}</dt><dd>{e(value)}</dd>" for label, value in facts if value)
    return f"<dl>{items}</dl>" if items else ""


def _findings_table(findings: Sequence[Finding], rules: Mapping[str, RuleInfo], lang: str) -> str:
    keys = ("line", "rule", "severity", "message", "reference", "fix")
    headers = [(LABELS(key, lang), key == "line") for key in keys]
    return _table(headers, (_finding_row(f, rules.get(f.rule), lang) for f in findings))


def _finding_row(finding: Finding, rule: RuleInfo | None, lang: str) -> str:
    severity = LABELS(finding.severity.value, lang)
    css = "waived" if finding.waiver else f"sev-{finding.severity.value}"
    if finding.waiver is not None:
        severity += " — " + LABELS("waived", lang, until=finding.waiver.until)
    reference = e(rule.reference(lang)) if rule and rule.reference else "—"
    fix = e(rule.help(lang)) if rule else "—"
    cells = f'{_num(finding.line, finding.line)}<td>{e(finding.rule)}</td><td class="{css}">{e(severity)}</td>'
    return f"<tr>{cells}<td>{e(finding.message(lang))}</td><td>{reference}</td><td>{fix}</td></tr>"
