"""What changed between two versions of a standard, component by component, judged from the citizen's side.

Regressions for citizens (more requirements, longer times, higher fees, fewer complaint channels,
fewer special services, a lower score, a standard withdrawn) are flagged; they make `svcstd diff`
exit 1. Documents are matched by `id`; a file with one document on each side is matched whatever its id.

The comparison: two versions in, a frozen DiffReport out (result.py); each component is compared in
components.py, and output.py renders the result as text, JSON or Markdown.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from svcstd.diff.components import content_changes
from svcstd.diff.messages import MESSAGES, message
from svcstd.diff.result import Change, DiffReport, DocumentDiff, Effect, Problem, Source, Status
from svcstd.i18n import decimal
from svcstd.judge import Pipeline, judge, normalised
from svcstd.model import PRINCIPLE_NAMES, DocumentResult, LoadedDocument, Principle, Severity, Text
from svcstd.reading.loader import load_bytes

__all__ = [
    "Change",
    "DiffReport",
    "DocumentDiff",
    "Effect",
    "Problem",
    "Source",
    "Status",
    "compare_documents",
    "compare_sources",
    "content_changes",
    "pair_documents",
    "score_changes",
]


def score_changes(old: DocumentResult, new: DocumentResult) -> Iterator[Change]:
    """Per principle, then overall: a lower score is a regression (one decimal, as reports show it)."""
    before = {r.principle: r.score for r in old.principles}
    after = {r.principle: r.score for r in new.principles}
    for principle in Principle:
        yield from _score_change(
            PRINCIPLE_NAMES[principle], principle.value, before.get(principle), after.get(principle)
        )
    yield from _score_change(MESSAGES.text("overall"), "overall", old.score, new.score)


def _score_change(name: Text, key: str, was: float | None, now: float | None) -> Iterator[Change]:
    if was is None or now is None or round(was, 1) == round(now, 1):
        return
    lower = now < was
    old, new = (Text(decimal(score, "en"), decimal(score, "id")) for score in (was, now))
    text = message("score.lower" if lower else "score.higher", subject=name, old=old, new=new)
    effect = Effect.REGRESSION if lower else Effect.IMPROVEMENT
    yield Change("score", "lower" if lower else "higher", effect, text, key, None, round(was, 1), round(now, 1))


def compare_sources(old: Source, new: Source, run: Pipeline) -> tuple[DocumentDiff, ...]:
    """Every standard of two versions of a file (None bytes: the file is absent on that side).

    Both versions are judged on `run`, the configured pipeline of `svcstd check`: the same settings,
    custom rules, waivers and date, so that diff and check agree on every score.
    """
    limits = run.settings.limits
    old_docs = [normalised(d) for d in load_bytes(old.raw, old.path, limits)] if old.raw is not None else []
    new_docs = [normalised(d) for d in load_bytes(new.raw, new.path, limits)] if new.raw is not None else []
    return tuple(compare_documents(a, b, run) for a, b in pair_documents(old_docs, new_docs))


def pair_documents(
    old: Sequence[LoadedDocument], new: Sequence[LoadedDocument]
) -> list[tuple[LoadedDocument | None, LoadedDocument | None]]:
    """By `id`; one document on each side pairs whatever its id (an id may be renamed)."""
    if len(old) == 1 and len(new) == 1:
        return [(old[0], new[0])]
    before = {_doc_key(doc): doc for doc in old}
    after = {_doc_key(doc): doc for doc in new}
    keys = list(before) + [key for key in after if key not in before]
    return [(before.get(key), after.get(key)) for key in keys]


def _doc_key(doc: LoadedDocument) -> str:
    data = doc.data if isinstance(doc.data, dict) else {}
    identifier = data.get("id")
    return identifier if isinstance(identifier, str) else f"#{doc.index}"


def compare_documents(old: LoadedDocument | None, new: LoadedDocument | None, run: Pipeline) -> DocumentDiff:
    results = [judge(doc, run) if doc else None for doc in (old, new)]
    before, after = results
    shown = after or before
    assert shown is not None
    paths = (before.path if before else None, after.path if after else None)
    problems = tuple(_problems(r) for r in results if r is not None and not r.valid)
    if problems:
        return DocumentDiff(shown.id, shown.title, *paths, Status.INVALID, problems=sum(problems, ()))
    if before is None or after is None:
        return DocumentDiff(shown.id, shown.title, *paths, Status.REMOVED if after is None else Status.ADDED)
    assert old is not None and new is not None
    changes = content_changes(_data(old), _data(new)) + list(score_changes(before, after))
    return DocumentDiff(after.id, after.title, *paths, Status.CHANGED if changes else Status.UNCHANGED, tuple(changes))


def _problems(result: DocumentResult) -> tuple[Problem, ...]:
    return tuple(Problem(result.path, f) for f in result.findings if f.severity is Severity.ERROR)


def _data(doc: LoadedDocument) -> Mapping[str, Any]:
    assert isinstance(doc.data, dict)
    return doc.data
