"""`svcstd diff`'s output formats: text, JSON and Markdown, each `render(report, lang) -> str`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from svcstd import escaping
from svcstd.diff.result import Change, DiffReport, DocumentDiff, Effect, Problem, Status
from svcstd.i18n import Catalog

OUTPUT = Catalog(
    "semantic_diff.output",
    {
        "regression": ("REGRESSION", "KEMUNDURAN"),
        "improvement": ("improvement", "perbaikan"),
        "neutral": ("change", "perubahan"),
        "added": ("new standard", "standar baru"),
        "removed": (
            "standard withdrawn (a regression: set `status: retired` instead)",
            "standar dihapus (kemunduran: sebaiknya ubah menjadi `status: retired`)",
        ),
        "unchanged": ("no change for citizens", "tidak ada perubahan bagi masyarakat"),
        "invalid": ("cannot compare: invalid", "tidak dapat dibandingkan: tidak valid"),
        "summary": (
            "{documents} standard(s) compared: {regressions} regression(s), {improvements} improvement(s), "
            "{other} other change(s).",
            "{documents} standar dibandingkan: {regressions} kemunduran, {improvements} perbaikan, "
            "{other} perubahan lain.",
        ),
        "summary_invalid": (
            "{invalid} standard(s) cannot be compared until the errors above are fixed.",
            "{invalid} standar tidak dapat dibandingkan sebelum galat di atas diperbaiki.",
        ),
        "title": ("Service standard changes", "Perubahan standar pelayanan"),
    },
)

_MARKS = {Effect.REGRESSION: "✗", Effect.IMPROVEMENT: "✓", Effect.NEUTRAL: "·"}
_MD_MARKS = {Effect.REGRESSION: "⚠️", Effect.IMPROVEMENT: "✅", Effect.NEUTRAL: "ℹ️"}


def _heading(doc: DocumentDiff) -> str:
    paths = " → ".join(dict.fromkeys(p for p in (doc.old_path, doc.new_path) if p))
    return f"{doc.id or '?'} — {doc.title or '?'} ({paths})"


def _problem_line(problem: Problem, lang: str) -> str:
    f = problem.finding
    return f"{problem.path}:{f.line}:{f.column}: {f.rule} {f.message(lang)}"


def _summary(report: DiffReport, lang: str) -> str:
    counts = {e: report.count(e) for e in Effect}
    summary = OUTPUT(
        "summary",
        lang,
        documents=len(report.documents),
        regressions=counts[Effect.REGRESSION],
        improvements=counts[Effect.IMPROVEMENT],
        other=counts[Effect.NEUTRAL],
    )
    return f"{summary} {OUTPUT('summary_invalid', lang, invalid=report.invalid)}" if report.invalid else summary


def render_text(report: DiffReport, lang: str) -> str:
    """One line per heading, problem and change; document text cannot break a line or start a workflow command."""
    lines: list[str] = []
    for doc in report.documents:
        lines.append(_heading(doc))
        if doc.status is not Status.CHANGED:
            lines.append(f"  {OUTPUT(doc.status.value, lang)}")
        lines.extend(f"    {_problem_line(p, lang)}" for p in doc.problems)
        lines.extend(f"  {_MARKS[c.effect]} {OUTPUT(c.effect.value, lang)}: {c.message(lang)}" for c in doc.changes)
    lines.append(_summary(report, lang))
    return "".join(escaping.inert_line(line) + "\n" for line in lines)


def render_json(report: DiffReport, lang: str) -> str:
    documents = [
        {
            "id": doc.id,
            "title": doc.title,
            "old_path": doc.old_path,
            "new_path": doc.new_path,
            "status": doc.status.value,
            "regression": bool(doc.regressions) or doc.status is Status.REMOVED,
            "changes": [_change_json(c, lang) for c in doc.changes],
            "problems": [_problem_json(p, lang) for p in doc.problems],
        }
        for doc in report.documents
    ]
    summary = {**{e.value: report.count(e) for e in Effect}, "invalid": report.invalid}
    payload = {"format_version": 1, "exit_code": report.exit_code, "summary": summary, "documents": documents}
    return escaping.json_text(payload, indent=2) + "\n"


def _change_json(change: Change, lang: str) -> dict[str, Any]:
    return {
        "component": change.component,
        "kind": change.kind,
        "effect": change.effect.value,
        "subject": change.subject,
        "when": change.when,
        "old": change.old,
        "new": change.new,
        "message": change.message(lang),
    }


def _problem_json(problem: Problem, lang: str) -> dict[str, Any]:
    f = problem.finding
    return {"path": problem.path, "rule": f.rule, "line": f.line, "column": f.column, "message": f.message(lang)}


def markdown_escape(text: str) -> str:
    """Plain text for a Markdown PR comment (escaping.markdown)."""
    return escaping.markdown(text)


def render_markdown(report: DiffReport, lang: str) -> str:
    lines = [f"## {markdown_escape(OUTPUT('title', lang))}", ""]
    for doc in report.documents:
        lines.append(f"### {markdown_escape(_heading(doc))}")
        lines.append("")
        if doc.status is not Status.CHANGED:
            lines.append(f"- {markdown_escape(OUTPUT(doc.status.value, lang))}")
        lines.extend(f"  - {markdown_escape(_problem_line(p, lang))}" for p in doc.problems)
        for c in doc.changes:
            label = markdown_escape(OUTPUT(c.effect.value, lang))
            label = f"**{label}**" if c.effect is Effect.REGRESSION else label
            lines.append(f"- {_MD_MARKS[c.effect]} {label}: {markdown_escape(c.message(lang))}")
        lines.append("")
    lines.append(_summary(report, lang))  # counts only: no document text to escape
    return "\n".join(lines) + "\n"


RENDERERS: dict[str, Callable[[DiffReport, str], str]] = {
    "text": render_text,
    "json": render_json,
    "markdown": render_markdown,
}
