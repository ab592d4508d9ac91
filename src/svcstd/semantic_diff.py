"""What changed between two versions of a standard, component by component, judged from the citizen's side.

Regressions for citizens (more requirements, longer times, higher fees, fewer complaint channels,
fewer special services, a lower score, a standard withdrawn) are flagged; they make `svcstd diff`
exit 1. Documents are matched by `id`; a file with one document on each side is matched whatever its id.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any, NamedTuple

from svcstd.api import judge
from svcstd.config import DEFAULT_SETTINGS
from svcstd.durations import completion_durations, lower_minutes, upper_minutes
from svcstd.i18n import Catalog
from svcstd.loader import load_bytes
from svcstd.model import PRINCIPLE_NAMES, DocumentResult, Finding, LoadedDocument, Principle, Severity, Text
from svcstd.publication import duration_words, money
from svcstd.reporters.text import decimal
from svcstd.rules import BUILTIN_RULES

MESSAGES = Catalog(
    "semantic_diff",
    {
        "requirement.added": ("requirement added: {subject}{case}", "persyaratan ditambahkan: {subject}{case}"),
        "requirement.removed": ("requirement removed: {subject}{case}", "persyaratan dihapus: {subject}{case}"),
        "requirement.now_mandatory": (
            "requirement now mandatory: {subject}{case}",
            "persyaratan kini wajib: {subject}{case}",
        ),
        "requirement.now_optional": (
            "requirement now optional: {subject}{case}",
            "persyaratan kini tidak wajib: {subject}{case}",
        ),
        "step.added": ("step added: {subject}{case}", "langkah ditambahkan: {subject}{case}"),
        "step.removed": ("step removed: {subject}{case}", "langkah dihapus: {subject}{case}"),
        "time.longer": ("completion time longer{case}: {old} → {new}", "jangka waktu lebih lama{case}: {old} → {new}"),
        "time.shorter": (
            "completion time shorter{case}: {old} → {new}",
            "jangka waktu lebih singkat{case}: {old} → {new}",
        ),
        "time.added": ("completion time added{case}: {new}", "jangka waktu ditambahkan{case}: {new}"),
        "time.removed": ("completion time removed{case}: {old}", "jangka waktu dihapus{case}: {old}"),
        "fee.raised": ("fee raised: {subject}{case}: {old} → {new}", "biaya naik: {subject}{case}: {old} → {new}"),
        "fee.lowered": ("fee lowered: {subject}{case}: {old} → {new}", "biaya turun: {subject}{case}: {old} → {new}"),
        "fee.added": ("fee added: {subject}{case}: {new}", "biaya ditambahkan: {subject}{case}: {new}"),
        "fee.removed": ("fee removed: {subject}{case}: {old}", "biaya dihapus: {subject}{case}: {old}"),
        "fee.formula": (
            "fee computed differently: {subject}{case}: {old} → {new}",
            "cara penghitungan biaya berubah: {subject}{case}: {old} → {new}",
        ),
        "channel.added": ("complaint channel added: {subject}", "sarana pengaduan ditambahkan: {subject}"),
        "channel.removed": ("complaint channel removed: {subject}", "sarana pengaduan dihapus: {subject}"),
        "channel.changed": ("complaint contact changed: {old} → {new}", "kontak pengaduan berubah: {old} → {new}"),
        "special.added": ("special service added: {subject}", "pelayanan khusus ditambahkan: {subject}"),
        "special.removed": ("special service removed: {subject}", "pelayanan khusus dihapus: {subject}"),
        "special.changed": ("special service changed: {subject}", "pelayanan khusus berubah: {subject}"),
        "product.added": ("product added: {subject}", "produk pelayanan ditambahkan: {subject}"),
        "product.removed": ("product removed: {subject}", "produk pelayanan dihapus: {subject}"),
        "score.lower": ("score lower: {subject}: {old} → {new}", "skor turun: {subject}: {old} → {new}"),
        "score.higher": ("score higher: {subject}: {old} → {new}", "skor naik: {subject}: {old} → {new}"),
        "id.changed": ("id changed: {old} → {new}", "kode layanan berubah: {old} → {new}"),
        "case": (" (case: {when})", " (kasus: {when})"),
        "free": ("free", "gratis"),
        "overall": ("overall", "keseluruhan"),
    },
)

ComponentName = str


class Effect(StrEnum):
    REGRESSION = "regression"
    IMPROVEMENT = "improvement"
    NEUTRAL = "neutral"


class Status(StrEnum):
    CHANGED = "changed"
    UNCHANGED = "unchanged"
    ADDED = "added"
    REMOVED = "removed"
    INVALID = "invalid"


@dataclass(frozen=True)
class Change:
    """One semantic change; `old`/`new` are the values as written (JSON-able), `message` says it for people."""

    component: ComponentName
    kind: str
    effect: Effect
    message: Text
    subject: str = ""
    when: str | None = None
    old: Any = None
    new: Any = None


class Problem(NamedTuple):
    """Why a version cannot be compared: an error finding of the file it is in."""

    path: str
    finding: Finding


@dataclass(frozen=True)
class DocumentDiff:
    id: str | None
    title: str | None
    old_path: str | None
    new_path: str | None
    status: Status
    changes: tuple[Change, ...] = ()
    problems: tuple[Problem, ...] = ()

    @property
    def regressions(self) -> tuple[Change, ...]:
        return tuple(c for c in self.changes if c.effect is Effect.REGRESSION)


@dataclass(frozen=True)
class DiffReport:
    documents: tuple[DocumentDiff, ...]

    @property
    def exit_code(self) -> int:
        """1 on a regression (a withdrawn standard is one) or a version that cannot be compared; 0 otherwise."""
        return 1 if self.count(Effect.REGRESSION) or self.invalid else 0

    def count(self, effect: Effect) -> int:
        """Changes with this effect; a withdrawn standard counts as one regression, as its heading says."""
        changes = sum(1 for d in self.documents for c in d.changes if c.effect is effect)
        if effect is Effect.REGRESSION:
            changes += sum(1 for d in self.documents if d.status is Status.REMOVED)
        return changes

    @property
    def invalid(self) -> int:
        """How many standards cannot be compared because a version is invalid."""
        return sum(1 for d in self.documents if d.status is Status.INVALID)


class Source(NamedTuple):
    """One version of a file: how to name it, and its bytes (None when the file does not exist there)."""

    path: str
    raw: bytes | None


# --- messages --------------------------------------------------------------------------------------------------


def message(key: str, /, **params: object) -> Text:
    """A catalogue message whose parameters may be bilingual `Text`s."""
    en, id_ = MESSAGES.messages[key]
    pick = {lang: {k: v(lang) if isinstance(v, Text) else v for k, v in params.items()} for lang in ("en", "id")}
    return Text(en.format(**pick["en"]), id_.format(**pick["id"]))


def _case(when: str | None) -> Text:
    return message("case", when=when) if when else Text("", "")


def _change(
    component: str, kind: str, effect: Effect, *, subject: str = "", when: str | None = None, **values: Any
) -> Change:
    old, new = values.get("old"), values.get("new")
    shown = {k: v for k, v in values.items() if k in ("old_text", "new_text")}
    text = message(
        f"{component}.{kind}",
        subject=subject,
        case=_case(when),
        old=shown.get("old_text", old),
        new=shown.get("new_text", new),
    )
    return Change(_COMPONENT[component], kind, effect, text, subject, when, old, new)


_COMPONENT = {
    "requirement": "requirements",
    "step": "procedure",
    "time": "completion_time",
    "fee": "fees",
    "channel": "complaints",
    "special": "special_services",
    "product": "products",
    "score": "score",
    "id": "id",
}


def normalise(text: object) -> str:
    """Case, spacing and trailing punctuation do not make a different requirement."""
    return " ".join(str(text or "").casefold().split()).strip(" .;:,")


def duration_text(duration: Mapping[str, Any]) -> Text:
    return Text(duration_words(duration, "en"), duration_words(duration, "id"))


def fee_text(fee: Mapping[str, Any]) -> Text:
    if "formula" in fee:
        return Text(str(fee["formula"]), str(fee["formula"]))
    if fee["amount"] == 0:
        return MESSAGES.text("free")
    shown = money(int(fee["amount"]), str(fee.get("currency", "IDR")))
    return Text(shown, shown)


# --- components --------------------------------------------------------------------------------------------------


def _keyed(items: Iterable[Mapping[str, Any]], key: Callable[[Mapping[str, Any]], tuple[str, ...]]) -> dict[Any, Any]:
    """Items by key; the first of two items with one key wins (a duplicate is a rule's business)."""
    keyed: dict[tuple[str, ...], Mapping[str, Any]] = {}
    for item in items:
        keyed.setdefault(key(item), item)
    return keyed


def _name_when(item: Mapping[str, Any]) -> tuple[str, ...]:
    return (normalise(item.get("name")), normalise(item.get("when")))


def requirement_changes(old: Sequence[Any], new: Sequence[Any]) -> Iterator[Change]:
    before, after = _keyed(old, _name_when), _keyed(new, _name_when)
    for key, item in after.items():
        optional = item.get("mandatory", True) is False
        if key not in before:
            effect = Effect.NEUTRAL if optional else Effect.REGRESSION
            yield _change("requirement", "added", effect, subject=item["name"], when=item.get("when"), new=item)
        elif optional != (before[key].get("mandatory", True) is False):
            kind, effect = ("now_optional", Effect.IMPROVEMENT) if optional else ("now_mandatory", Effect.REGRESSION)
            yield _change("requirement", kind, effect, subject=item["name"], when=item.get("when"), new=item)
    for key, item in before.items():
        if key not in after:
            yield _change(
                "requirement", "removed", Effect.IMPROVEMENT, subject=item["name"], when=item.get("when"), old=item
            )


def _step_key(step: Mapping[str, Any]) -> tuple[str, ...]:
    return (normalise(step.get("actor")), normalise(step.get("action")), normalise(step.get("when")))


def step_changes(old: Sequence[Any], new: Sequence[Any]) -> Iterator[Change]:
    before, after = _keyed(old, _step_key), _keyed(new, _step_key)
    for key, step in after.items():
        if key not in before:
            yield _change("step", "added", Effect.NEUTRAL, subject=_step_label(step), when=step.get("when"), new=step)
    for key, step in before.items():
        if key not in after:
            yield _change("step", "removed", Effect.NEUTRAL, subject=_step_label(step), when=step.get("when"), old=step)


def _step_label(step: Mapping[str, Any]) -> str:
    return f"{step['actor']}: {step['action']}"


def time_changes(old: Any, new: Any) -> Iterator[Change]:
    """Per `when` case, across units: 2 working days and 48 hours compare as elapsed time."""
    by_case = lambda d: (normalise(d.get("when")),)  # noqa: E731
    before, after = _keyed(completion_durations(old), by_case), _keyed(completion_durations(new), by_case)
    for key, duration in after.items():
        when = duration.get("when")
        if key not in before:
            yield _change("time", "added", Effect.NEUTRAL, when=when, new=duration, new_text=duration_text(duration))
            continue
        was = before[key]
        longer = (upper_minutes(duration), lower_minutes(duration)) > (upper_minutes(was), lower_minutes(was))
        shorter = (upper_minutes(duration), lower_minutes(duration)) < (upper_minutes(was), lower_minutes(was))
        if longer or shorter:
            kind, effect = ("longer", Effect.REGRESSION) if longer else ("shorter", Effect.IMPROVEMENT)
            old_text, new_text = duration_text(was), duration_text(duration)
            yield _change("time", kind, effect, when=when, old=was, new=duration, old_text=old_text, new_text=new_text)
    for key, duration in before.items():
        if key not in after:
            when = duration.get("when")
            yield _change("time", "removed", Effect.NEUTRAL, when=when, old=duration, old_text=duration_text(duration))


def fee_changes(old: Sequence[Any], new: Sequence[Any]) -> Iterator[Change]:
    before, after = _keyed(old, _name_when), _keyed(new, _name_when)
    for key, fee in after.items():
        if key not in before:
            effect = Effect.NEUTRAL if fee.get("amount") == 0 else Effect.REGRESSION
            yield _change(
                "fee", "added", effect, subject=fee["name"], when=fee.get("when"), new=fee, new_text=fee_text(fee)
            )
        else:
            yield from _fee_change(before[key], fee)
    for key, fee in before.items():
        if key not in after:
            effect = Effect.NEUTRAL if fee.get("amount") == 0 else Effect.IMPROVEMENT
            yield _change(
                "fee", "removed", effect, subject=fee["name"], when=fee.get("when"), old=fee, old_text=fee_text(fee)
            )


def _fee_change(was: Mapping[str, Any], fee: Mapping[str, Any]) -> Iterator[Change]:
    texts = {"old_text": fee_text(was), "new_text": fee_text(fee)}
    common = {"subject": fee["name"], "when": fee.get("when"), "old": was, "new": fee, **texts}
    if "amount" in was and "amount" in fee and was.get("currency") == fee.get("currency"):
        if fee["amount"] != was["amount"]:
            raised = fee["amount"] > was["amount"]
            yield _change(
                "fee", "raised" if raised else "lowered", Effect.REGRESSION if raised else Effect.IMPROVEMENT, **common
            )
    elif normalise(fee_text(was).en) != normalise(fee_text(fee).en):
        yield _change("fee", "formula", Effect.NEUTRAL, **common)


def _pair(
    old: Sequence[Mapping[str, Any]],
    new: Sequence[Mapping[str, Any]],
    exact: Callable[[Mapping[str, Any]], Any],
    loose: str,
) -> tuple[list[Any], list[Any], list[tuple[Any, Any]]]:
    """Removed, added, and changed items: exact matches drop out, leftovers of the same `loose` key pair up."""
    before, after = _keyed(old, exact), _keyed(new, exact)
    removed = [item for key, item in before.items() if key not in after]
    added = [item for key, item in after.items() if key not in before]
    changed = []
    for item in list(removed):
        partner = next((other for other in added if other[loose] == item[loose]), None)
        if partner is not None:
            removed.remove(item)
            added.remove(partner)
            changed.append((item, partner))
    return removed, added, changed


def channel_changes(old: Sequence[Any], new: Sequence[Any]) -> Iterator[Change]:
    exact = lambda c: (c["type"], normalise(c["contact"]))  # noqa: E731
    removed, added, changed = _pair(old, new, exact, "type")
    for channel in removed:
        yield _change("channel", "removed", Effect.REGRESSION, subject=_channel_label(channel), old=channel)
    for channel in added:
        yield _change("channel", "added", Effect.IMPROVEMENT, subject=_channel_label(channel), new=channel)
    for was, now in changed:
        texts = {"old_text": _channel_label(was), "new_text": _channel_label(now)}
        yield _change("channel", "changed", Effect.NEUTRAL, subject=now["type"], old=was, new=now, **texts)


def _channel_label(channel: Mapping[str, Any]) -> str:
    return f"{channel['type']} {channel['contact']}"


def special_changes(old: Sequence[Any], new: Sequence[Any]) -> Iterator[Change]:
    exact = lambda s: (s["group"], normalise(s["provision"]))  # noqa: E731
    removed, added, changed = _pair(old, new, exact, "group")
    for item in removed:
        yield _change("special", "removed", Effect.REGRESSION, subject=item["group"], old=item)
    for item in added:
        yield _change("special", "added", Effect.IMPROVEMENT, subject=item["group"], new=item)
    for was, now in changed:
        yield _change("special", "changed", Effect.NEUTRAL, subject=now["group"], old=was, new=now)


def product_changes(old: Sequence[Any], new: Sequence[Any]) -> Iterator[Change]:
    by_name = lambda p: (normalise(p.get("name")),)  # noqa: E731
    before, after = _keyed(old, by_name), _keyed(new, by_name)
    for key, product in after.items():
        if key not in before:
            yield _change("product", "added", Effect.NEUTRAL, subject=product["name"], new=product)
    for key, product in before.items():
        if key not in after:
            yield _change("product", "removed", Effect.NEUTRAL, subject=product["name"], old=product)


def content_changes(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[Change]:
    """Every semantic change between two schema-valid versions, in component order."""
    was, now = old["delivery"], new["delivery"]
    changes: list[Change] = []
    if old.get("id") != new.get("id"):
        changes.append(_change("id", "changed", Effect.NEUTRAL, old=old.get("id"), new=new.get("id")))
    changes.extend(requirement_changes(was["requirements"], now["requirements"]))
    changes.extend(step_changes(was["procedure"]["steps"], now["procedure"]["steps"]))
    changes.extend(time_changes(was["completion_time"], now["completion_time"]))
    changes.extend(fee_changes(was["fees"], now["fees"]))
    changes.extend(product_changes(was["products"], now["products"]))
    changes.extend(channel_changes(was["complaints"]["channels"], now["complaints"]["channels"]))
    changes.extend(special_changes(old.get("special_services", []), new.get("special_services", [])))
    return changes


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


# --- documents -----------------------------------------------------------------------------------------------------


def compare_sources(old: Source, new: Source, as_of: date | None = None) -> tuple[DocumentDiff, ...]:
    """Every standard of two versions of a file (None bytes: the file is absent on that side)."""
    as_of = as_of or date.today()
    old_docs = load_bytes(old.raw, old.path) if old.raw is not None else []
    new_docs = load_bytes(new.raw, new.path) if new.raw is not None else []
    return tuple(compare_documents(a, b, as_of) for a, b in pair_documents(old_docs, new_docs))


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


def compare_documents(old: LoadedDocument | None, new: LoadedDocument | None, as_of: date) -> DocumentDiff:
    results = [judge(doc, DEFAULT_SETTINGS, BUILTIN_RULES, as_of) if doc else None for doc in (old, new)]
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


# --- outputs -------------------------------------------------------------------------------------------------------

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
    lines: list[str] = []
    for doc in report.documents:
        lines.append(_heading(doc))
        if doc.status is not Status.CHANGED:
            lines.append(f"  {OUTPUT(doc.status.value, lang)}")
        lines.extend(f"    {_problem_line(p, lang)}" for p in doc.problems)
        lines.extend(f"  {_MARKS[c.effect]} {OUTPUT(c.effect.value, lang)}: {c.message(lang)}" for c in doc.changes)
    lines.append(_summary(report, lang))
    return "\n".join(lines) + "\n"


def render_json(report: DiffReport, lang: str) -> str:
    import json

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
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


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


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~=:&\"'$%^])")


def markdown_escape(text: str) -> str:
    """Plain text for a Markdown PR comment: punctuation escaped, no @mentions, no raw HTML, one line."""
    flat = " ".join(text.split())
    return _MD_SPECIAL.sub(r"\\\1", flat).replace("@", "@\u200b")


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
    lines.append(markdown_escape(_summary(report, lang)))
    return "\n".join(lines) + "\n"


RENDERERS: dict[str, Callable[[DiffReport, str], str]] = {
    "text": render_text,
    "json": render_json,
    "markdown": render_markdown,
}
