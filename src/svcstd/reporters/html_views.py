"""The HTML report's reading views: one standard's fixes by points to gain, the comparison, each legal text once."""

from __future__ import annotations

from collections.abc import Iterator

from svcstd.i18n import Catalog, decimal
from svcstd.model import PRINCIPLE_NAMES, DocumentResult, Finding, Severity
from svcstd.reporters.comparison import DocumentChange
from svcstd.reporters.html_charts import SYMBOLS, change_chart, figure, name, principle_bars, simple_table
from svcstd.reporters.html_parts import (
    ROWS,
    card,
    code,
    e,
    gate,
    grade,
    head,
    num,
    number,
    scroll,
    section,
    severity,
    streamed,
)
from svcstd.reporters.priorities import FixItem, fix_first
from svcstd.reporters.summary import LABELS, Summary, finding_where, tone_of

MESSAGES = Catalog(
    "html_views",
    {
        "fix_first": ("What to fix first", "Yang perlu diperbaiki lebih dulu"),
        "fix_order": (
            "Ordered by the points each fix adds to the overall score (the rule's weight within its principle).",
            "Diurutkan menurut tambahan poin skor keseluruhan dari setiap perbaikan (bobot aturan dalam prinsipnya).",
        ),
        "gain": ("+{points} points", "+{points} poin"),
        "no_gain": ("needed to be scored", "wajib agar dapat dinilai"),
        "rule_doc": ("Rule {rule}: why, and its legal basis", "Aturan {rule}: alasan dan dasar hukumnya"),
        "references": ("Rules cited, with their legal basis", "Aturan yang disebut, beserta dasar hukumnya"),
        "score_line": ("Score {score} · {zone}", "Skor {score} · {zone}"),
        "quiet": ("Waived findings", "Temuan yang dikecualikan"),
        "regression": ("Regression", "Kemunduran"),
        "improved": ("Improved", "Membaik"),
        "rules_table": ("Table of the rules that fail most often", "Tabel aturan yang paling sering tidak terpenuhi"),
        "compare_table": ("Standards that changed, regressions first", "Standar yang berubah, kemunduran lebih dulu"),
        "compare_cut": (
            "The first {shown} of {total} standards that changed; {cut} more, with smaller changes, are left out.",
            "{shown} pertama dari {total} standar yang berubah; {cut} lainnya, dengan perubahan lebih kecil, tidak "
            "dimuat.",
        ),
        "new": ("New findings", "Temuan baru"),
        "fixed": ("Fixed findings", "Temuan yang diperbaiki"),
        "persisting": ("Persisting findings", "Temuan yang masih ada"),
        "principle_chart": ("Score per principle (0–100)", "Skor per prinsip (0–100)"),
        "details_limit": (
            "The fixes of the {shown} worst of {total} standards; for the others, filter the table by unit and "
            "write a report per unit.",
            "Perbaikan untuk {shown} standar terburuk dari {total}; untuk yang lain, saring tabel menurut unit lalu "
            "susun laporan per unit.",
        ),
    },
)
COMPARED_ROWS = 500


def _gain(item: FixItem, lang: str) -> str:
    if item.gain:
        points = decimal(item.gain, lang)
        return f'<span class="gain">{e(MESSAGES("gain", lang, points=points))}</span>'
    if item.severity is Severity.ERROR and item.principle is None:
        return f'<span class="gain">{e(MESSAGES("no_gain", lang))}</span>'
    return ""


def _finding(finding: Finding, lang: str) -> str:
    return f"<li>{finding_where(finding, lang, e, capital=True)}: {code(finding.message(lang))}</li>"


def fix_list(summary: Summary, doc: DocumentResult, lang: str, with_fix: bool = True) -> str:
    """The rules to fix, most points first; `with_fix` writes each fix here, else the link to it says it once."""
    items = fix_first(doc, summary.rules)
    if not items:
        return f"<p>{e(LABELS('no_problems', lang))}</p>"
    entries = []
    for item in items:
        title = item.info.title(lang) if item.info else item.findings[0].message(lang)
        fix = f"<p><b>{e(LABELS('fix', lang))}:</b> {code(item.info.help(lang))}</p>" if item.info and with_fix else ""
        link = f'<a href="#rule-{e(item.rule)}">{e(MESSAGES("rule_doc", lang, rule=item.rule))}</a>'
        found = "".join(_finding(f, lang) for f in item.findings)
        entries.append(
            f"<li>{_gain(item, lang)} <strong>{e(item.rule)}</strong> {code(title)} · {severity(item.severity, lang)}"
            f"<ul>{found}</ul>{fix}{link}</li>"
        )
    waived = [f for f in doc.findings if f.waiver is not None]
    quiet = ""
    if waived:
        rows = "".join(
            f'<li class="waived">{e(f.rule)} · {e(LABELS("waived", lang, until=f.waiver.until))}: '
            f"{e(f.message(lang))}</li>"
            for f in waived
            if f.waiver is not None
        )
        quiet = f"<details><summary>{e(MESSAGES('quiet', lang))} ({len(waived)})</summary><ul>{rows}</ul></details>"
    return f'<ol class="fixes">{"".join(entries)}</ol>{quiet}'


def _principles_figure(summary: Summary, doc: DocumentResult, lang: str) -> str:
    rows = [(PRINCIPLE_NAMES[r.principle](lang), r.score) for r in doc.principles]
    caption = MESSAGES("principle_chart", lang)
    svg = principle_bars(summary, rows, lang, caption)
    table = simple_table(
        (LABELS("principle", lang), LABELS("score", lang)),
        [(label, number(score, lang)) for label, score in rows],
        (False, True),
    )
    return figure("chart-principles", caption, svg, table, lang)


def _meta(doc: DocumentResult, lang: str) -> str:
    meta = doc.meta
    facts = [
        (LABELS("provider", lang), meta.provider),
        (LABELS("standard", lang), document_place(doc)),
        (LABELS("due", lang), meta.review_due),
    ]
    items = "".join(f"<dt>{e(label)}</dt><dd>{e(value)}</dd>" for label, value in facts if value)
    return f"<dl>{items}</dl>" if items else ""


def document_place(doc: DocumentResult) -> str:
    return name(doc)


def single(summary: Summary, lang: str) -> list[str]:
    """The unit head's page for one standard: the verdict with its reason, then the fixes by points to gain."""
    doc = summary.report.documents[0]
    tone = summary.tone(doc.score)
    verdict = (
        f'<p class="verdict {tone}">{e(doc.title or doc.id or doc.path)}: {e(LABELS("score", lang))} '
        f"{e(number(doc.score, lang))} · {grade(summary, doc, lang, full=True)} · "
        f"{e(LABELS('quality', lang))} {e(number(doc.quality, lang))} · {gate(doc, lang)}</p>"
    )
    parts = [section("verdict", LABELS("standard", lang), verdict + _meta(doc, lang))]
    if doc.principles:
        parts.append(section("principles", LABELS("principles", lang), _principles_figure(summary, doc, lang)))
    hint = f'<p class="muted">{e(MESSAGES("fix_order", lang))}</p>'
    parts.append(section("fixes", MESSAGES("fix_first", lang), hint + fix_list(summary, doc, lang)))
    parts.append(comparison(summary, lang))
    parts.append(references(summary, lang))
    return parts


DETAILS_LIMIT = 500
"""Beyond this many standards, only the worst get their fixes written out: a browser opens 10,000 in seconds."""


def detailed(summary: Summary) -> set[int]:
    """Positions (from 0) of the standards whose fixes the page writes out: all, or the DETAILS_LIMIT worst."""
    count = len(summary.report.documents)
    if count <= DETAILS_LIMIT:
        return set(range(count))
    return set(summary.order[:DETAILS_LIMIT])


def details(summary: Summary, lang: str, shown: set[int]) -> Iterator[str]:
    """Each standard's fixes, collapsed, in document order; the table's rows link here. Written a few
    standards at a time (each document read back when its turn comes)."""
    docs = summary.report.documents
    blocks = (_detail(summary, n + 1, docs[n], lang) for n in sorted(shown))
    hint = f'<p class="muted">{e(MESSAGES("fix_order", lang))}</p>'
    if len(shown) < len(docs):
        hint += f"<p>{e(MESSAGES('details_limit', lang, shown=len(shown), total=len(docs)))}</p>"
    return streamed(section("details", LABELS("findings", lang), hint + ROWS), blocks, "\n", batch=16)


def _detail(summary: Summary, position: int, doc: DocumentResult, lang: str) -> str:
    head_line = (
        f"<strong>{e(name(doc))}</strong> — {number(doc.score, lang)} {grade(summary, doc, lang)} {gate(doc, lang)}"
    )
    return (
        f'<details id="doc-{position}"><summary>{head_line}</summary>'
        f"{fix_list(summary, doc, lang, with_fix=False)}</details>"
    )


def references(summary: Summary, lang: str) -> str:
    """Every rule the findings cite, once: its title, how to fix it, and its legal basis."""
    cited = sorted(summary.facts.cited_rules)
    entries = []
    for rule in cited:
        info = summary.rules.get(rule)
        if info is None:
            entries.append(f'<dt id="rule-{e(rule)}">{e(rule)}</dt><dd>—</dd>')
            continue
        body = [f"<p>{code(info.help(lang))}</p>"]
        if info.description is not None:
            body.insert(0, f"<p>{code(info.description(lang))}</p>")
        if info.reference is not None:
            body.append(f"<p><b>{e(LABELS('reference', lang))}:</b> {code(info.reference(lang))}</p>")
        entries.append(f'<dt id="rule-{e(rule)}">{e(rule)} {code(info.title(lang))}</dt><dd>{"".join(body)}</dd>')
    content = f'<dl class="refs">{"".join(entries)}</dl>' if entries else f"<p>{e(LABELS('none', lang))}</p>"
    return section("references", MESSAGES("references", lang), content)


def top_rules(summary: Summary, lang: str) -> str:
    if not summary.top_rules:
        return section("rules", LABELS("top_rules", lang), f"<p>{e(LABELS('none', lang))}</p>")
    headers = [(LABELS("rule", lang), False), (LABELS("in_documents", lang), True)]
    headers += [(LABELS("findings_count", lang), True), (LABELS("fix", lang), False)]
    rows = []
    for tally in summary.top_rules:
        title = tally.title(lang) if tally.title else tally.example(lang)
        rule = f'<a href="#rule-{e(tally.rule)}">{e(tally.rule)}</a>'
        cell = f'<th scope="row">{severity(tally.severity, lang)} {rule} {code(title)}</th>'
        fix = code(tally.fix(lang)) if tally.fix else "—"
        rows.append(
            f"<tr>{cell}{num(tally.documents, tally.documents)}{num(tally.findings, tally.findings)}<td>{fix}</td></tr>"
        )
    table = f'<table class="sortable">{head(headers)}<tbody>{"".join(rows)}</tbody></table>'
    return section("rules", LABELS("top_rules", lang), scroll(MESSAGES("rules_table", lang), table))


def _arrow(delta: float | None, lang: str, higher_is_better: bool = True, whole: bool = False) -> str:
    """`▲ +2.0` or `▼ −1.5`, green when better and red when worse, the arrow saying which way."""
    if delta is None:
        return "—"
    if not delta:
        return "± 0"
    better = (delta > 0) == higher_is_better
    sign = "▲ +" if delta > 0 else "▼ "
    shown = str(round(delta)) if whole else decimal(delta, lang)
    return f'<span class="{"up" if better else "down"}">{sign}{e(shown)}</span>'


def _signed_text(delta: float | None, lang: str) -> str:
    """`▲ +2.0`, `▼ -1.5`, `± 0` or `—`, as plain text for a table cell."""
    if delta is None:
        return "—"
    return "± 0" if not delta else ("▲ +" if delta > 0 else "▼ ") + decimal(delta, lang)


def _delta_card(
    label: str, old: float | int | None, new: float | int | None, lang: str, higher_is_better: bool = True
) -> str:
    shown = number(new, lang) if isinstance(new, float) or new is None else str(new)
    delta: float | None = None if old is None or new is None else round(float(new) - float(old), 1)
    arrow = _arrow(delta, lang, higher_is_better, whole=not isinstance(new, float))
    before = number(old, lang) if isinstance(old, float) or old is None else str(old)
    return card(label, shown, delta=f'<span class="delta">{arrow} ({e(LABELS("before", lang))}: {e(before)})</span>')


def _zone_name(summary: Summary, key: str | None, lang: str) -> str:
    for band in summary.scale:
        if band.key == key:
            return f"{SYMBOLS[tone_of(key, summary.scale)]} {band.label(lang).split(' — ')[0]}"
    return "—"


def _change_row(summary: Summary, item: DocumentChange, lang: str) -> str:
    doc = item.document
    label = ""
    if item.regressed:
        label = f'<br><span class="fails">▼ {e(MESSAGES("regression", lang))}</span>'
    elif item.improved:
        label = f'<br><span class="passes">▲ {e(MESSAGES("improved", lang))}</span>'
    now = doc.grade.key if doc.grade else None
    zone = f"{e(_zone_name(summary, item.old_grade, lang))} → {e(_zone_name(summary, now, lang))}"
    old_gate = "—" if item.old_passed is None else LABELS("passed" if item.old_passed else "failed", lang)
    gates = f"{e(old_gate)} → {e(LABELS('passed' if doc.passed else 'failed', lang))}"
    scores = f"{number(item.change.old, lang)} → {number(item.change.new, lang)} {_arrow(item.change.delta, lang)}"
    new = ", ".join(rule for rule, _ in item.new_findings) or "—"
    fixed = ", ".join(rule for rule, _ in item.fixed_findings) or "—"
    css = ' class="regressed"' if item.regressed else ""
    return (
        f'<tr{css}><th scope="row">{e(name(doc))}{label}</th><td data-v="{item.change.delta or 0}">{scores}</td>'
        f"<td>{zone}</td><td>{gates}</td><td>{e(new)}</td><td>{e(fixed)}</td></tr>"
    )


def comparison(summary: Summary, lang: str) -> str:
    compared = summary.comparison
    if compared is None:
        return ""
    headline = compared.headline
    cards = [
        _delta_card(LABELS("passing", lang), headline.passing[0], headline.passing[1], lang),
        _delta_card(LABELS("average", lang), compared.overall.old, compared.overall.new, lang),
        _delta_card(LABELS("errors", lang), headline.errors[0], headline.errors[1], lang, higher_is_better=False),
        card(MESSAGES("new", lang), str(compared.new_findings)),
        card(MESSAGES("fixed", lang), str(compared.fixed_findings)),
        card(MESSAGES("persisting", lang), str(compared.persisting)),
    ]
    parts = ['<ul class="cards">' + "".join(cards) + "</ul>", change_chart(summary, compared, lang)]
    changed = compared.changed
    keys = ("standard", "score", "grade", "gate")
    headers = [(LABELS(k, lang), False) for k in keys] + [
        (MESSAGES("new", lang), False),
        (MESSAGES("fixed", lang), False),
    ]
    if changed:
        rows = "".join(_change_row(summary, item, lang) for item in changed[:COMPARED_ROWS])
        table = f'<table id="changes-table">{head(headers)}<tbody>{rows}</tbody></table>'
        parts.append(f"<h3>{e(MESSAGES('compare_table', lang))}</h3>" + scroll(MESSAGES("compare_table", lang), table))
        if len(changed) > COMPARED_ROWS:
            cut = MESSAGES(
                "compare_cut", lang, shown=COMPARED_ROWS, total=len(changed), cut=len(changed) - COMPARED_ROWS
            )
            parts.append(f'<p class="muted">{e(cut)}</p>')
    unchanged = len(compared.documents) - len(changed)
    if unchanged:
        parts.append(f"<p>{e(LABELS('unchanged', lang, count=unchanged))}</p>")
    principle_rows = [
        (
            PRINCIPLE_NAMES[p](lang),
            number(c.old, lang),
            number(c.new, lang),
            _signed_text(c.delta, lang),
        )
        for p, c in compared.principles
    ]
    parts.append(
        simple_table(
            [LABELS(k, lang) for k in ("principle", "before", "now", "change")],
            principle_rows,
            (False, True, True, True),
        )
    )
    if compared.added:
        parts.append(f"<p>{e(LABELS('added', lang, items=', '.join(name(d) for d in compared.added)))}</p>")
    if compared.removed:
        parts.append(f"<p>{e(LABELS('removed', lang, items=', '.join(d.path for d in compared.removed)))}</p>")
    return section("changes", LABELS("changes", lang, date=compared.previous_as_of), "\n".join(parts))
