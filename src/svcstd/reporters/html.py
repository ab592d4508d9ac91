"""One self-contained HTML page over standards: the supervisor's view of many, the unit head's view of one.

Standards are untrusted input: every piece of their content goes through `escaping.html`, no content
ever becomes a link or an attribute name, and a Content-Security-Policy admits only this package's own
style sheet and script (by hash, html_assets.py), so even a missed escape could not run code.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from svcstd.i18n import Catalog
from svcstd.model import PRINCIPLE_NAMES, DocumentResult, Principle, Report, Severity, document_name
from svcstd.reporters import RenderOptions
from svcstd.reporters.html_assets import CSP, SCRIPT, STYLE
from svcstd.reporters.html_charts import name, principle_averages, rules_bar, strip_plot, zone_bar
from svcstd.reporters.html_parts import ROWS, card, e, gate, grade, head, num, number, scroll, section, streamed
from svcstd.reporters.html_views import comparison, detailed, details, references, single, top_rules
from svcstd.reporters.priorities import ZONE_ORDER
from svcstd.reporters.summary import EXPIRY_WINDOW_DAYS, LABELS, ExpiringWaiver, Summary, summarize

MESSAGES = Catalog(
    "html",
    {
        "skip": ("Skip to", "Langsung ke"),
        "verdict": ("Verdict", "Kesimpulan"),
        "charts": ("At a glance", "Sekilas"),
        "all_standards": ("All standards, worst first", "Semua standar pelayanan, yang terburuk lebih dulu"),
        "units": ("Units ranked, weakest first", "Peringkat unit, yang terlemah lebih dulu"),
        "unit": ("Unit", "Unit"),
        "lowest": ("Lowest score", "Skor terendah"),
        "in_worst": ("In the worst zone", "Di zona terburuk"),
        "verdict_fail": (
            "{failing} of {documents} standards fail the gate; {bad} in the worst zone. "
            "Start with the first rows below.",
            "{failing} dari {documents} standar pelayanan tidak lolos gerbang; {bad} di zona terburuk. "
            "Mulailah dari baris teratas di bawah.",
        ),
        "verdict_pass": (
            "All {documents} standards pass the gate.",
            "Seluruh {documents} standar pelayanan lolos gerbang.",
        ),
        "filters": ("Filter the standards", "Saring standar pelayanan"),
        "apply": ("Apply", "Terapkan"),
        "any": ("All", "Semua"),
        "text": ("Words in the title, unit or path", "Kata dalam judul, unit, atau lokasi berkas"),
        "principle_failing": ("Principle with findings", "Prinsip yang bertemuan"),
        "rule_failing": ("Rule with findings", "Aturan yang bertemuan"),
        "count": ("{shown} of {total} shown", "{shown} dari {total} ditampilkan"),
        "page": ("Page {page} of {pages}", "Halaman {page} dari {pages}"),
        "previous": ("Previous", "Sebelumnya"),
        "next": ("Next", "Berikutnya"),
        "show_all": ("Show all / 50 per page", "Tampilkan semua / 50 per halaman"),
        "weakest": ("Weakest principle", "Prinsip terlemah"),
        "table_label": ("Table of all standards", "Tabel semua standar pelayanan"),
        "units_label": ("Table of units", "Tabel unit"),
        "overdue_label": ("Table of overdue reviews", "Tabel evaluasi yang terlambat"),
        "waivers_label": ("Table of waivers", "Tabel pengecualian"),
        "print_rows": (
            "Printed: the first {shown} of {total} rows; the file holds them all.",
            "Cetakan: {shown} baris pertama dari {total}; berkas ini memuat semuanya.",
        ),
        "footer": (
            "Made by svcstd {version} as of {date}. Scores follow PermenPANRB 15/2014; grades follow the "
            "Ombudsman's compliance zones unless configured otherwise.",
            "Dibuat oleh svcstd {version} per {date}. Skor mengikuti PermenPANRB 15/2014; predikat mengikuti "
            "zona kepatuhan Ombudsman kecuali diatur lain dalam konfigurasi.",
        ),
    },
)

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


def render(report: Report, options: RenderOptions) -> str:
    """`svcstd check --format html`: the same page `svcstd report` writes, with the default title."""
    return "".join(render_chunks(report, options))


def render_chunks(report: Report, options: RenderOptions) -> Iterator[str]:
    """`render` in pieces, written as they come: the long tables row by row, never the whole page at once."""
    return summary_chunks(summarize(report), options)


def render_summary(summary: Summary, options: RenderOptions, title: str | None = None) -> str:
    """One standard gets the unit head's view (what to fix first); several get the supervisor's."""
    return "".join(summary_chunks(summary, options, title))


def summary_chunks(summary: Summary, options: RenderOptions, title: str | None = None) -> Iterator[str]:
    """`render_summary` in pieces: the page's start, each section (long tables a batch of rows at a time), its end."""
    lang = options.lang
    title = title or LABELS("title", lang)
    sections: list[str | Iterable[str]]
    if len(summary.report.documents) == 1:
        sections = [_header(summary, title, lang, single=True), "<main>", *single(summary, lang), "</main>"]
    else:
        sections = [_header(summary, title, lang), "<main>", *_supervisor(summary, lang), "</main>"]
    sections.append(_footer(summary, lang))
    fields = {"lang": lang, "csp": CSP, "version": e(summary.report.tool_version), "title": e(title)}
    start, end = PAGE.split("{body}")
    yield start.format(**fields, style=STYLE)
    first = True
    for part in sections:
        if isinstance(part, str) and not part:
            continue
        if not first:
            yield "\n"
        first = False
        if isinstance(part, str):
            yield part
        else:
            yield from part
    yield end.format(script=SCRIPT)


def _supervisor(summary: Summary, lang: str) -> list[str | Iterable[str]]:
    shown = detailed(summary)
    return [
        _verdict(summary, lang),
        comparison(summary, lang),
        _charts(summary, lang),
        _standards(summary, lang, shown),
        _units(summary, lang),
        top_rules(summary, lang),
        _overdue(summary, lang),
        _expiring(summary, lang),
        details(summary, lang, shown),
        references(summary, lang),
    ]


def _header(summary: Summary, title: str, lang: str, single: bool = False) -> str:
    report = summary.report
    line = LABELS("as_of", lang, date=report.as_of, version=report.tool_version)
    targets = ("verdict", "fixes", "references") if single else ("verdict", "standards", "units", "rules", "details")
    names = {
        "verdict": MESSAGES("verdict", lang),
        "standards": LABELS("documents", lang),
        "units": MESSAGES("unit", lang),
        "rules": LABELS("top_rules", lang),
        "details": LABELS("findings", lang),
        "fixes": LABELS("fix", lang),
        "references": LABELS("reference", lang),
    }
    links = " ".join(f'<a href="#{name}">{e(names[name])}</a>' for name in targets)
    skip = f'<nav class="skip" aria-label="{e(MESSAGES("skip", lang))}">{links}</nav>'
    return f'{skip}\n<header>\n<h1>{e(title)}</h1>\n<p class="muted">{e(line)}</p>\n</header>'


def _footer(summary: Summary, lang: str) -> str:
    text = MESSAGES("footer", lang, version=summary.report.tool_version, date=summary.report.as_of)
    return f'<footer class="muted"><p>{e(text)}</p></footer>'


def _verdict(summary: Summary, lang: str) -> str:
    counts = summary.counts
    failing = counts.documents - counts.passing
    bad = summary.facts.count("bad")
    if not counts.documents:
        sentence, tone = LABELS("nothing", lang), "none"
    elif failing:
        sentence = MESSAGES("verdict_fail", lang, failing=failing, documents=counts.documents, bad=bad)
        tone = "bad" if bad else "mid"
    else:
        sentence, tone = MESSAGES("verdict_pass", lang, documents=counts.documents), "good"
    cards = [
        card(LABELS("documents", lang), str(counts.documents)),
        card(LABELS("passing", lang), str(counts.passing)),
        card(LABELS("average", lang), number(counts.average, lang), summary.tone(counts.average)),
        card(LABELS("errors", lang), str(counts.findings.error)),
        card(LABELS("warnings", lang), str(counts.findings.warning)),
        card(LABELS("valid", lang), str(counts.valid)),
    ]
    content = f'<p class="verdict {tone}">{e(sentence)}</p>\n<ul class="cards">\n' + "\n".join(cards) + "\n</ul>"
    return section("verdict", MESSAGES("verdict", lang), content)


def _charts(summary: Summary, lang: str) -> str:
    charts = [zone_bar(summary, lang), strip_plot(summary, lang), rules_bar(summary, lang)]
    charts.append(principle_averages(summary, lang))
    return section("charts", MESSAGES("charts", lang), '<div class="charts">' + "".join(charts) + "</div>")


def _weakest(doc: DocumentResult, lang: str) -> tuple[str, float]:
    scored = [r for r in doc.principles if r.score is not None]
    if not scored:
        return "—", 101.0
    weakest = min(scored, key=lambda r: r.score if r.score is not None else 0.0)
    return f"{PRINCIPLE_NAMES[weakest.principle](lang)} {number(weakest.score, lang)}", weakest.score or 0.0


def _standard_row(summary: Summary, position: int, doc: DocumentResult, unit: int, lang: str, link: bool) -> str:
    active = doc.active_findings()
    tally = {s: sum(1 for f in active if f.severity is s) for s in Severity}
    tone = summary.tone(doc.score)
    name = doc.title or doc.id or doc.path
    failing = " ".join(sorted({f.principle.value for f in active if f.principle is not None}))
    rules = " ".join(sorted({f.rule for f in active}))
    text = " ".join(part for part in (doc.path, doc.id, doc.title, doc.meta.provider) if part).lower()
    attributes = (
        f'data-zone="{tone}" data-gate="{"pass" if doc.passed else "fail"}" data-unit="{unit}" '
        f'data-principles="{e(failing)}" data-rules="{e(rules)}" data-text="{e(text)}"'
    )
    place = f'<small class="muted">{e(document_name(doc))}</small>'
    shown = f'<a href="#doc-{position}">{e(name)}</a>' if link else e(name)
    title = f'<th scope="row">{shown}<br>{place}</th>'
    weakest, weakest_key = _weakest(doc, lang)
    cells = [
        f"<td>{e(doc.meta.provider or '—')}</td>",
        num(number(doc.score, lang), doc.score if doc.score is not None else -1),
        f'<td data-v="{ZONE_ORDER[tone]}">{grade(summary, doc, lang)}</td>',
        f'<td data-v="{int(doc.passed)}">{gate(doc, lang)}</td>',
        num(tally[Severity.ERROR], tally[Severity.ERROR]),
        num(tally[Severity.WARNING], tally[Severity.WARNING]),
        f'<td data-v="{weakest_key}">{e(weakest)}</td>',
    ]
    return f"<tr {attributes}>{title}{''.join(cells)}</tr>"


def _options(name: str, label: str, choices: Sequence[tuple[str, str]], lang: str) -> str:
    items = f'<option value="">{e(MESSAGES("any", lang))}</option>' + "".join(
        f'<option value="{e(value)}">{e(text)}</option>' for value, text in choices
    )
    return f'<label for="f-{name}">{e(label)}<select id="f-{name}">{items}</select></label>'


def _filters(summary: Summary, unit_names: Sequence[str], lang: str) -> str:
    zones = [("none", LABELS("not_scored", lang))] + [(g.tone, g.label(lang)) for g in reversed(summary.grades)]
    gates = [("fail", LABELS("failed", lang)), ("pass", LABELS("passed", lang))]
    principles = [(p.value, PRINCIPLE_NAMES[p](lang)) for p in Principle]
    found = sorted(summary.facts.active_rules)
    rules = [(rule, f"{rule} {summary.rules[rule].title(lang)}" if rule in summary.rules else rule) for rule in found]
    fields = [
        f'<label for="f-text">{e(MESSAGES("text", lang))}<input id="f-text" type="search" autocomplete="off"></label>',
        _options("zone", LABELS("grade", lang), zones, lang),
        _options("gate", LABELS("gate", lang), gates, lang),
        _options("unit", MESSAGES("unit", lang), list(enumerate(unit_names)), lang),  # type: ignore[arg-type]
        _options("principle", MESSAGES("principle_failing", lang), principles, lang),
        _options("rule", MESSAGES("rule_failing", lang), rules, lang),
    ]
    label = e(MESSAGES("filters", lang))
    # The list follows every change as it is made; the submit button is for keyboard users who expect one
    # (WCAG 3.2.2, HTML_CodeSniffer H32.2), and the script applies the filters on submit without leaving the page.
    button = f'<button type="submit">{e(MESSAGES("apply", lang))}</button>'
    return f'<form id="filters" class="filters" hidden aria-label="{label}">{"".join(fields)}{button}</form>'


def _standards(summary: Summary, lang: str, detailed: set[int]) -> Iterator[str]:
    docs = summary.report.documents
    unit_names = sorted({name or "—" for name in summary.facts.providers}, key=str.casefold)
    unit_number = {name: number_ for number_, name in enumerate(unit_names)}
    rows = (
        _standard_row(summary, n + 1, doc, unit_number[doc.meta.provider or "—"], lang, n in detailed)
        for n, doc in ((n, docs[n]) for n in summary.order)
    )
    headers = [(LABELS("standard", lang), False), (MESSAGES("unit", lang), False), (LABELS("score", lang), True)]
    headers += [(LABELS("grade", lang), False), (LABELS("gate", lang), False), (LABELS("errors", lang), True)]
    headers += [(LABELS("warnings", lang), True), (MESSAGES("weakest", lang), False)]
    table = f'<table id="standards-table">{head(headers, "3")}<tbody>\n' + ROWS + "\n</tbody></table>"
    total = len(docs)
    count = MESSAGES("count", lang, shown="{shown}", total="{total}")
    page = MESSAGES("page", lang, page="{page}", pages="{pages}")
    pager = (
        f'<nav id="pager" class="pager" hidden aria-label="{e(MESSAGES("page", lang, page="", pages=""))}">'
        f'<button type="button" id="prev">{e(MESSAGES("previous", lang))}</button>'
        f'<span id="page" data-template="{e(page)}"></span>'
        f'<button type="button" id="next">{e(MESSAGES("next", lang))}</button>'
        f'<button type="button" id="all">{e(MESSAGES("show_all", lang))}</button></nav>'
    )
    parts = [
        _filters(summary, unit_names, lang),
        f'<p id="count" class="count" role="status" data-template="{e(count)}">'
        f"{e(MESSAGES('count', lang, shown=total, total=total))}</p>",
        scroll(MESSAGES("table_label", lang), table),
        pager,
    ]
    return streamed(section("standards", MESSAGES("all_standards", lang), "\n".join(parts)), rows, "\n")


def _units(summary: Summary, lang: str) -> str:
    tallies = summary.facts.units
    headers = [(MESSAGES("unit", lang), False), (LABELS("documents", lang), True), (LABELS("passing", lang), True)]
    headers += [(LABELS("average", lang), True), (MESSAGES("lowest", lang), True), (MESSAGES("in_worst", lang), True)]
    rows = []
    for tally in tallies:
        cells = [
            f'<th scope="row">{e(tally.name or LABELS("unknown_provider", lang))}</th>',
            num(tally.documents, tally.documents),
            num(f"{tally.passing} ({round(100 * tally.passing / tally.documents)} %)", tally.passing / tally.documents),
            num(number(tally.average, lang), tally.average if tally.average is not None else -1),
            num(number(tally.lowest, lang), tally.lowest if tally.lowest is not None else -1),
            num(tally.bad, tally.bad),
        ]
        rows.append("<tr>" + "".join(cells) + "</tr>")
    table = f'<table class="sortable">{head(headers, "3")}<tbody>' + "\n".join(rows) + "</tbody></table>"
    content = scroll(MESSAGES("units_label", lang), table) + _print_note(len(rows), lang)
    return section("units", MESSAGES("units", lang), content)


PRINTED_ROWS = 15
"""The print summary keeps the first rows of each long table (the print style sheet hides the rest)."""


def _print_note(rows: int, lang: str) -> str:
    if rows <= PRINTED_ROWS:
        return ""
    return f'<p class="print-note muted">{e(MESSAGES("print_rows", lang, shown=PRINTED_ROWS, total=rows))}</p>'


def _overdue(summary: Summary, lang: str) -> str | Iterator[str]:
    if not summary.overdue:
        return section("overdue", LABELS("overdue", lang), f"<p>{e(LABELS('none', lang))}</p>")
    keys = (("standard", False), ("provider", False), ("due", False), ("days_overdue", True))
    rows = (
        f'<tr><th scope="row">{e(name(item.document))}</th><td>{e(item.document.meta.provider or "—")}</td>'
        f"<td>{e(item.due)}</td>{num(item.days, item.days)}</tr>"
        for item in summary.overdue
    )
    table = f'<table class="sortable">{head((LABELS(k, lang), n) for k, n in keys)}<tbody>{ROWS}</tbody></table>'
    content = scroll(MESSAGES("overdue_label", lang), table) + _print_note(len(summary.overdue), lang)
    return streamed(section("overdue", LABELS("overdue", lang), content), rows, "")


def _expiring(summary: Summary, lang: str) -> str | Iterator[str]:
    heading = LABELS("expiring", lang, days=EXPIRY_WINDOW_DAYS)
    if not summary.expiring:
        return section("waivers", heading, f"<p>{e(LABELS('none', lang))}</p>")
    keys = [("standard", False), ("rule", False), ("until", False), ("days_left", True)]
    keys += [("approved_by", False), ("reason", False)]
    table = f'<table class="sortable">{head((LABELS(k, lang), n) for k, n in keys)}<tbody>{ROWS}</tbody></table>'
    content = scroll(MESSAGES("waivers_label", lang), table) + _print_note(len(summary.expiring), lang)
    return streamed(section("waivers", heading, content), map(_expiring_row, summary.expiring), "")


def _expiring_row(item: ExpiringWaiver) -> str:
    waiver = item.waiver
    cells = f"<td>{e(waiver.rule)}</td><td>{e(waiver.until)}</td>{num(item.days, item.days)}"
    cells += f"<td>{e(waiver.approved_by)}</td><td>{e(waiver.reason)}</td>"
    return f'<tr><th scope="row">{e(name(item.document))}</th>{cells}</tr>'
