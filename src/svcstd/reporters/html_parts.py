"""Pieces of the HTML report shared by its views: escaping, sections, cells, the zone and gate with words and shape."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from svcstd import escaping
from svcstd.i18n import decimal
from svcstd.model import DocumentResult, Severity
from svcstd.reporters.html_charts import SYMBOLS
from svcstd.reporters.priorities import gate_reason
from svcstd.reporters.summary import LABELS, Summary

SEVERITY_SYMBOLS = {Severity.ERROR: "✖", Severity.WARNING: "▲", Severity.INFO: "ℹ"}
"""A shape for each severity, different from the zones' shapes: status is never told by colour alone."""
_CODE = re.compile(r"`([^`]+)`")


def e(text: object) -> str:
    """Escape for text and double-quoted attribute values alike (escaping.html)."""
    return escaping.html(text)


def section(name: str, heading: str, content: str, css: str = "") -> str:
    extra = f' class="{css}"' if css else ""
    return (
        f'<section id="{name}" aria-labelledby="{name}-h"{extra}>\n<h2 id="{name}-h">{e(heading)}</h2>\n'
        f"{content}\n</section>"
    )


def number(score: float | None, lang: str) -> str:
    """One decimal, with the decimal comma in Indonesian; a dash without a score."""
    return decimal(score, lang) if score is not None else "—"


def card(label: str, value: str, tone: str = "", delta: str = "") -> str:
    css = f' class="{tone}"' if tone else ""
    return f"<li{css}><b>{e(value)}</b>{e(label)}{delta}</li>"


def grade(summary: Summary, doc: DocumentResult, lang: str, full: bool = False) -> str:
    """The zone in words and with its shape; in tables the short name (`Red zone`), elsewhere the whole label."""
    tone = summary.tone(doc.score)
    label = doc.grade.label(lang) if doc.grade else ""
    if doc.grade is None or doc.score is None:
        return f'<span class="grade none">{SYMBOLS["none"]} {e(LABELS("not_scored", lang))}</span>'
    return f'<span class="grade {tone}">{SYMBOLS[tone]} {e(label if full else label.split(" — ")[0])}</span>'


def gate(doc: DocumentResult, lang: str) -> str:
    """`✔ passes`, or `✖ fails` with the reason beside it."""
    if doc.passed:
        return f'<span class="passes">✔ {e(LABELS("passed", lang))}</span>'
    reason = gate_reason(doc)
    why = f'<span class="why">{e(reason(lang))}</span>' if reason else ""
    return f'<span class="fails">✖ {e(LABELS("failed", lang))}</span> {why}'


def scroll(label: str, content: str) -> str:
    """A region that scrolls sideways on a phone; focusable so that the keyboard can scroll it too."""
    return f'<div class="scroll" tabindex="0" role="region" aria-label="{e(label)}">{content}</div>'


def head(headers: Iterable[tuple[str, bool]], sort: str | None = None) -> str:
    """Column headings; each a button that sorts the table by it."""
    cells = []
    for number_, (label, numeric) in enumerate(headers):
        css = ' class="num"' if numeric else ""
        state = ' aria-sort="ascending"' if sort == str(number_) else ""
        cells.append(f'<th scope="col"{css}{state}><button type="button">{e(label)}</button></th>')
    return "<thead><tr>" + "".join(cells) + "</tr></thead>"


def num(value: object, sort: float | None = None) -> str:
    data = f' data-v="{sort}"' if sort is not None else ""
    return f'<td class="num"{data}>{e(value)}</td>'


def code(text: str) -> str:
    """Escaped text with `backtick` spans shown as code (rule texts write keys that way)."""
    return _CODE.sub(r"<code>\1</code>", e(text))


def severity(value: Severity, lang: str) -> str:
    return f'<span class="sev-{value.value}">{SEVERITY_SYMBOLS[value]} {e(LABELS(value.value, lang))}</span>'


ROWS = "\0rows\0"
"""Where a streamed table's rows go in the text around them (no escaped text holds a NUL)."""


def streamed(frame: str, rows: Iterable[str], separator: str, batch: int = 256) -> Iterator[str]:
    """`frame` with `separator.join(rows)` in place of ROWS, in pieces of `batch` rows: the page is written
    as its long tables are made, never held whole."""
    before, after = frame.split(ROWS)
    yield before
    pending: list[str] = []
    first = True
    for row in rows:
        pending.append(row)
        if len(pending) == batch:
            yield ("" if first else separator) + separator.join(pending)
            first, pending = False, []
    if pending:
        yield ("" if first else separator) + separator.join(pending)
    yield after
