"""The HTML report's charts as inline SVG: zone distribution, all scores on 0–100, rules by standards affected,
and each changed score before and after.

Each chart is a labelled figure (role="img", a title, text on the marks, not colour alone) followed by the
same numbers as a table, for screen readers and for anyone who would rather read than look.
"""

from __future__ import annotations

from collections.abc import Sequence

from svcstd import escaping
from svcstd.i18n import Catalog, decimal
from svcstd.model import PRINCIPLE_NAMES, DocumentResult, Text, document_name
from svcstd.reporters.comparison import Comparison, DocumentChange
from svcstd.reporters.summary import LABELS, Summary, tone_of
from svcstd.scoring.grades import Band

MESSAGES = Catalog(
    "html_charts",
    {
        "zones": ("Standards per zone", "Standar pelayanan per zona"),
        "zones_alt": ("{items}", "{items}"),
        "strip": (
            "Every standard's score on 0–100, with the zone bands",
            "Skor tiap standar pada 0–100, dengan pita zona",
        ),
        "strip_alt": (
            "{count} scores from {low} to {high}; median {median}",
            "{count} skor dari {low} sampai {high}; median {median}",
        ),
        "range": ("Score range", "Rentang skor"),
        "principles": ("Average score per principle (0–100)", "Skor rata-rata per prinsip (0–100)"),
        "rules": ("Rules by number of standards affected", "Aturan menurut jumlah standar yang terdampak"),
        "data": ("The chart's numbers as a table", "Angka grafik dalam bentuk tabel"),
        "share": ("Share", "Porsi"),
        "zone": ("Zone", "Zona"),
        "not_scored": ("Not scored", "Tidak dinilai"),
        "changes": (
            "Scores before → now, the regressions first, then by size of change",
            "Skor sebelumnya → sekarang, kemunduran lebih dulu, lalu menurut besar perubahan",
        ),
        "changes_alt": (
            "{count} standard(s) whose score changed: {fell} fell, {rose} rose; first: {first}",
            "{count} standar pelayanan yang skornya berubah: {fell} turun, {rose} naik; pertama: {first}",
        ),
        "changes_cut": (
            "The chart shows the {shown} largest of {total} score changes (the regressions first); "
            "{cut} smaller change(s) are left out.",
            "Grafik menampilkan {shown} perubahan skor terbesar dari {total} (kemunduran lebih dulu); "
            "{cut} perubahan yang lebih kecil tidak ditampilkan.",
        ),
        "before_mark": ("○ before", "○ sebelumnya"),
        "now_mark": ("● now", "● sekarang"),
        "fell": ("▼ fell", "▼ turun"),
        "rose": ("▲ rose", "▲ naik"),
    },
)
SYMBOLS = {"good": "✔", "mid": "!", "bad": "✖", "none": "–"}
"""A shape for each zone tone, so that the zone never rests on colour alone."""
WIDTH = 640


def name(doc: DocumentResult) -> str:
    """`Title (path #2)`, or the path alone: how the HTML report names a standard."""
    place = document_name(doc)
    return f"{doc.title or doc.id} ({place})" if doc.title or doc.id else place


def _escape(text: object) -> str:
    return escaping.html(text)


def _svg(height: int, label: str, body: str) -> str:
    e = _escape
    return (
        f'<svg viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" role="img" aria-label="{e(label)}" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{e(label)}</title>{body}</svg>'
    )


def figure(name: str, caption: str, svg: str, table: str, lang: str) -> str:
    e = _escape
    data = (
        f'<details class="data"><summary>{e(MESSAGES("data", lang))}</summary>'
        f'<div class="scroll" tabindex="0" role="region" aria-label="{e(caption)}">{table}</div></details>'
    )
    return f'<figure id="{name}"><figcaption>{e(caption)}</figcaption>{svg}{data}</figure>'


def simple_table(headers: Sequence[str], rows: Sequence[Sequence[str]], numeric: Sequence[bool]) -> str:
    """Escaped cells; the first cell of a row is its header."""
    e = _escape
    head = "".join(
        f'<th scope="col"{" class=num" if n else ""}>{e(h)}</th>' for h, n in zip(headers, numeric, strict=True)
    )
    body = []
    for row in rows:
        cells = [f'<th scope="row">{e(row[0])}</th>']
        cells += [f"<td{' class=num' if n else ''}>{e(c)}</td>" for c, n in zip(row[1:], numeric[1:], strict=True)]
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)} %" if whole else "—"


def zone_counts(summary: Summary) -> list[tuple[str, Text, int]]:
    """(tone, label, count) per zone, the worst first, with the standards not scored first of all."""
    not_scored = summary.facts.not_scored
    zones = [(g.tone, g.label, g.documents) for g in reversed(summary.grades)]
    return [("none", MESSAGES.text("not_scored"), not_scored), *zones]


def zone_bar(summary: Summary, lang: str) -> str:
    """One bar, 100 % wide, split by zone; each part says its zone and count in words."""
    e = _escape
    total = len(summary.report.documents)
    parts, x = [], 0.0
    zones = [(tone, label(lang), count) for tone, label, count in zone_counts(summary) if count]
    for tone, label, count in zones:
        width = WIDTH * count / total if total else 0
        short = f"{SYMBOLS[tone]} {count}"
        parts.append(
            f'<rect class="{tone}" x="{x:.1f}" y="0" width="{width:.1f}" height="40">'
            f"<title>{e(label)}: {count}</title></rect>"
        )
        if width > 36:
            parts.append(f'<text class="on" x="{x + width / 2:.1f}" y="26" text-anchor="middle">{e(short)}</text>')
        x += width
    legend = "".join(
        f'<li><span class="swatch {tone}"></span>{e(SYMBOLS[tone])} {e(label)}: {count} ({_percent(count, total)})</li>'
        for tone, label, count in zones
    )
    caption = MESSAGES("zones", lang)
    svg = _svg(40, caption, "".join(parts)) + f'<ul class="legend">{legend}</ul>'
    rows = [(label, str(count), _percent(count, total)) for _, label, count in zones]
    headers = (MESSAGES("zone", lang), LABELS("documents", lang), MESSAGES("share", lang))
    return figure("chart-zones", caption, svg, simple_table(headers, rows, (False, True, True)), lang)


def _x(score: float) -> float:
    return round(20 + score * (WIDTH - 40) / 100, 1)


def strip_plot(summary: Summary, lang: str) -> str:
    """Every score as a mark on 0–100 over the zone bands; marks spread over rows so that ties stay visible."""
    e = _escape
    scores = sorted(summary.facts.scored)
    bands = sorted(summary.scale, key=lambda b: b.min)
    parts = []
    for number, band in enumerate(bands):
        upper = bands[number + 1].min if number + 1 < len(bands) else 100.0
        tone = tone_of(band.key, summary.scale)
        x0, x1 = _x(band.min), _x(upper)
        parts.append(f'<rect class="band-{tone}" x="{x0}" y="0" width="{x1 - x0:.1f}" height="92"/>')
        # Under the ticks, on two alternating rows, the first band's label from its start and the last one's
        # to its end: neighbours never collide, even at the larger phone font.
        anchor, x = ("start", x0) if number == 0 else ("end", x1) if number == len(bands) - 1 else ("middle", None)
        where = f"{x:.1f}" if x is not None else f"{(x0 + x1) / 2:.1f}"
        parts.append(
            f'<text x="{where}" y="{134 + 22 * (number % 2)}" text-anchor="{anchor}">'
            f"{e(SYMBOLS[tone])} {e(_short(band, lang))}</text>"
        )
    for number, score in enumerate(scores):
        y = 10 + (number * 7919 % 71)
        parts.append(f'<circle class="{summary.tone(score)}" cx="{_x(score)}" cy="{y}" r="3"/>')
    for tick in (0, 25, 50, 75, 100):
        parts.append(f'<text class="tick" x="{_x(tick)}" y="112" text-anchor="middle">{tick}</text>')
    caption = MESSAGES("strip", lang)
    label = caption
    if scores:
        median = scores[len(scores) // 2]
        numbers = {"low": decimal(scores[0], lang), "high": decimal(scores[-1], lang), "median": decimal(median, lang)}
        label = caption + ": " + MESSAGES("strip_alt", lang, count=len(scores), **numbers)
    svg = _svg(164, label, "".join(parts))
    return figure("chart-scores", caption, svg, _bins_table(scores, lang), lang)


def _short(band: Band, lang: str) -> str:
    return band.label(lang).split(" — ")[0]


def _bins_table(scores: Sequence[float], lang: str) -> str:
    rows = []
    for low in range(0, 100, 10):
        high = low + 10
        count = sum(1 for s in scores if low <= s < high or (high == 100 and s == 100))
        rows.append((f"{low}–{high}", str(count)))
    return simple_table((MESSAGES("range", lang), LABELS("documents", lang)), rows, (False, True))


def rules_bar(summary: Summary, lang: str) -> str:
    """The rules that fail in the most standards, one labelled bar each, the count written at its end."""
    e = _escape
    tallies = summary.top_rules
    if not tallies:
        return ""
    most = max(t.documents for t in tallies)
    label_width, span = 100, WIDTH - 100 - 60
    parts = []
    for number, tally in enumerate(tallies):
        y = number * 28
        width = round(span * tally.documents / most, 1) if most else 0
        parts.append(f'<text x="0" y="{y + 18}">{e(tally.rule)}</text>')
        parts.append(
            f'<rect class="sev-{tally.severity.value}" x="{label_width}" y="{y + 4}" width="{width}" height="20"/>'
        )
        parts.append(f'<text x="{label_width + width + 6}" y="{y + 18}">{tally.documents}</text>')
    caption = MESSAGES("rules", lang)
    svg = _svg(28 * len(tallies) + 4, caption, "".join(parts))
    rows = [(f"{t.rule} {(t.title or t.example)(lang)}", str(t.documents), str(t.findings)) for t in tallies]
    headers = (LABELS("rule", lang), LABELS("in_documents", lang), LABELS("findings_count", lang))
    return figure("chart-rules", caption, svg, simple_table(headers, rows, (False, True, True)), lang)


def principle_bars(summary: Summary, rows: Sequence[tuple[str, float | None]], lang: str, label: str) -> str:
    """Horizontal bars, one per principle, the score written at the end of each and the zone bounds dashed."""
    e = _escape
    label_width, span, step = 195, WIDTH - 195 - 60, 30
    height = step * len(rows) + 24
    parts = []
    for number, (name, score) in enumerate(rows):
        y = number * step + 4
        width = round((score or 0) * span / 100, 1)
        shown = decimal(score, lang) if score is not None else "—"
        tone = summary.tone(score)
        parts.append(f'<text x="0" y="{y + 17}">{e(name)}</text>')
        parts.append(f'<rect class="{tone}" x="{label_width}" y="{y}" width="{width}" height="22"/>')
        parts.append(f'<text x="{label_width + width + 6}" y="{y + 17}">{shown} {SYMBOLS[tone]}</text>')
    for band in summary.scale:
        if 0 < band.min < 100:
            x = round(label_width + band.min * span / 100, 1)
            parts.append(f'<line class="rule" x1="{x}" x2="{x}" y1="0" y2="{height - 20}"/>')
            tick = f"{band.min:g}".replace(".", "," if lang == "id" else ".")  # 88.31 is a bound, not a score
            parts.append(f'<text x="{x}" y="{height - 4}" text-anchor="middle">{tick}</text>')
    return _svg(height, label, "".join(parts))


def principle_averages(summary: Summary, lang: str) -> str:
    """The average per principle over all standards, as bars with their numbers."""
    rows = [(PRINCIPLE_NAMES[p](lang), score) for p, score in summary.principles]
    caption = MESSAGES("principles", lang)
    shown = [(label, decimal(score, lang) if score is not None else "—") for label, score in rows]
    table = simple_table((LABELS("principle", lang), LABELS("average", lang)), shown, (False, True))
    return figure("chart-principles", caption, principle_bars(summary, rows, lang, caption), table, lang)


CHANGE_ROWS = 20
"""The comparison chart shows this many changed scores at most, the regressions first, then the largest."""
_LEFT, _RIGHT, _STEP = 80, 560, 62
"""The 0–100 axis of the comparison chart, with room on each side for a score written beside its dot."""


def _cx(score: float) -> float:
    return round(_LEFT + score * (_RIGHT - _LEFT) / 100, 1)


def _signed(delta: float, lang: str) -> str:
    """`▼ -17.0` / `▲ +2.0`: the direction in shape and sign, never in colour alone."""
    return ("▲ +" if delta > 0 else "▼ ") + decimal(delta, lang)


def _shorten(text: str, limit: int) -> str:
    """The start and the end of a long name: titles that differ only at the end (`… nomor 12`) stay apart."""
    return text if len(text) <= limit else text[: limit - 13] + "…" + text[-12:]


def change_chart(summary: Summary, compared: Comparison, lang: str) -> str:
    """A dumbbell per standard whose score changed: the old score hollow, the new one filled, on 0–100 over the
    zone bands, the signed change written at the end of the row; the comparison's order kept (regressions first,
    then by size), CHANGE_ROWS at most, with a note of how many were left out."""
    e = _escape
    scored = compared.scored
    if not scored:
        return ""
    shown = scored[:CHANGE_ROWS]
    bands = sorted(summary.scale, key=lambda b: b.min)
    parts = []
    for number, item in enumerate(shown):
        old, new, delta = item.change.old or 0.0, item.change.new or 0.0, item.change.delta or 0.0
        doc = item.document
        title = doc.title or doc.id or document_name(doc)
        y, middle = 4 + number * _STEP, 4 + number * _STEP + 44
        row = [f"<title>{e(name(doc))}: {_numbers(item, lang)}</title>"]
        for index, band in enumerate(bands):
            upper = bands[index + 1].min if index + 1 < len(bands) else 100.0
            x0, x1 = _cx(band.min), _cx(upper)
            tone = tone_of(band.key, summary.scale)
            row.append(f'<rect class="band-{tone}" x="{x0}" y="{middle - 11}" width="{x1 - x0:.1f}" height="22"/>')
        way = "rose" if delta > 0 else "fell"
        # The name cut to fit beside the change: shorter on a phone, where the chart's text is larger.
        for css, limit in (("wide", 64), ("narrow", 40)):
            row.append(f'<text class="{css}" x="4" y="{y + 18}">{e(_shorten(title, limit))}</text>')
        row.append(f'<text class="{way}" x="{WIDTH - 4}" y="{y + 18}" text-anchor="end">{_signed(delta, lang)}</text>')
        row.append(f'<line class="{way}" x1="{_cx(old)}" x2="{_cx(new)}" y1="{middle}" y2="{middle}"/>')
        row.append(f'<circle class="was" cx="{_cx(old)}" cy="{middle}" r="7"/>')
        row.append(f'<circle class="{way}" cx="{_cx(new)}" cy="{middle}" r="7"/>')
        # Each score beside its dot, on the side away from the other: they never overlap, however close.
        for score, outward in ((old, old >= new), (new, new > old)):
            x, anchor = (_cx(score) + 10, "start") if outward else (_cx(score) - 10, "end")
            row.append(f'<text x="{x}" y="{middle + 6}" text-anchor="{anchor}">{decimal(score, lang)}</text>')
        parts.append(f'<g class="change" data-delta="{delta}">{"".join(row)}</g>')
    # Under the rows: the zone bounds as ticks, and each zone's shape between them (not colour alone).
    axis = 4 + len(shown) * _STEP + 18
    for index, band in enumerate(bands):
        upper = bands[index + 1].min if index + 1 < len(bands) else 100.0
        symbol = SYMBOLS[tone_of(band.key, summary.scale)]
        parts.append(f'<text x="{_cx((band.min + upper) / 2)}" y="{axis}" text-anchor="middle">{symbol}</text>')
    for tick in sorted({0.0, 100.0, *(band.min for band in bands if 0 < band.min < 100)}):
        shown_tick = f"{tick:g}".replace(".", "," if lang == "id" else ".")
        parts.append(f'<text class="tick" x="{_cx(tick)}" y="{axis}" text-anchor="middle">{shown_tick}</text>')
    caption = MESSAGES("changes", lang)
    fell = compared.fell
    first = shown[0]
    summary_text = MESSAGES(
        "changes_alt",
        lang,
        count=len(scored),
        fell=fell,
        rose=len(scored) - fell,
        first=f"{first.document.title or document_name(first.document)} {_numbers(first, lang)}",
    )
    svg = _svg(axis + 8, f"{caption}: {summary_text}", "".join(parts))
    marks = "".join(f"<li>{e(MESSAGES(key, lang))}</li>" for key in ("before_mark", "now_mark", "fell", "rose"))
    zones = "".join(
        f'<li><span class="swatch band-{tone_of(band.key, summary.scale)}"></span>'
        f"{SYMBOLS[tone_of(band.key, summary.scale)]} {e(_short(band, lang))}</li>"
        for band in bands
    )
    legend = marks + zones
    note = ""
    if len(scored) > len(shown):
        cut = MESSAGES("changes_cut", lang, shown=len(shown), total=len(scored), cut=len(scored) - len(shown))
        note = f'<p class="muted">{e(cut)}</p>'
    rows = [
        (
            name(c.document),
            decimal(c.change.old or 0.0, lang),
            decimal(c.change.new or 0.0, lang),
            _signed(c.change.delta or 0.0, lang),
        )
        for c in shown
    ]
    headers = [LABELS(key, lang) for key in ("standard", "before", "now", "change")]
    table = simple_table(headers, rows, (False, True, True, True))
    body = f'{svg}<ul class="legend">{legend}</ul>{note}'
    return figure("chart-changes", caption, body, table, lang)


def _numbers(item: DocumentChange, lang: str) -> str:
    old, new, delta = item.change.old or 0.0, item.change.new or 0.0, item.change.delta or 0.0
    return f"{decimal(old, lang)} → {decimal(new, lang)} ({_signed(delta, lang)})"
