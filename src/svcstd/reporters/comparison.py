"""Comparison with an earlier `svcstd check --format json` report: score, zone and gate changes, new and fixed findings.

Matching is linear: one dictionary by (path, index) and one by id, built once, so 10,000 documents compare
in the time it takes to read them (benchmarks/report_compare.py). The new report is read in one pass and
only positions are kept of it: each change names its document when it is asked for (`Lazy`), so that a
report of documents read back from a spill stays out of memory.
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, NamedTuple, TypeVar, overload

from svcstd.errors import UsageError
from svcstd.i18n import Catalog
from svcstd.model import DocumentResult, Principle, Report, Text
from svcstd.reporters.priorities import Places

MESSAGES = Catalog(
    "comparison",
    {
        "bad_previous": (
            "{source} is not a JSON report of `svcstd check --format json`: {reason}.",
            "{source} bukan laporan JSON dari `svcstd check --format json`: {reason}.",
        ),
        "no_version": ("it has no `format_version` 1", "tidak ada `format_version` 1"),
        "no_documents": ("it has no `documents` list", "tidak ada daftar `documents`"),
        "not_object": ("a document is not a JSON object", "ada dokumen yang bukan objek JSON"),
        "no_path": ("a document lacks its `path` or `index`", "ada dokumen tanpa `path` atau `index`"),
        "bad_principles": ("a document's `principles` is not an object", "`principles` sebuah dokumen bukan objek"),
        "bad_score": ("a score is not a number", "ada skor yang bukan angka"),
    },
)

T = TypeVar("T")

FindingKey = tuple[str, str]
"""(rule, pointer): what makes a finding the same one in two reports."""


class PreviousDocument(NamedTuple):
    path: str
    index_in_file: int
    id: str | None
    title: str | None
    score: float | None
    principles: Mapping[Principle, float | None]
    grade: str | None = None
    passed: bool | None = None
    findings: tuple[FindingKey, ...] = ()
    errors: int = 0


class PreviousReport(NamedTuple):
    as_of: str
    documents: tuple[PreviousDocument, ...]


class ScoreChange(NamedTuple):
    old: float | None
    new: float | None

    @property
    def delta(self) -> float | None:
        return round(self.new - self.old, 1) if self.old is not None and self.new is not None else None


class DocumentChange(NamedTuple):
    """One standard in both reports: its score, zone and gate then and now, and its findings new and fixed."""

    document: DocumentResult
    change: ScoreChange
    old_grade: str | None = None
    old_passed: bool | None = None
    new_findings: tuple[FindingKey, ...] = ()
    fixed_findings: tuple[FindingKey, ...] = ()
    persisting: int = 0

    @property
    def regressed(self) -> bool:
        """Worse than before: it stopped passing the gate, its score fell, or it has new findings."""
        delta = self.change.delta
        return (self.old_passed is True and not self.document.passed) or (delta is not None and delta < 0)

    @property
    def improved(self) -> bool:
        delta = self.change.delta
        return (self.old_passed is False and self.document.passed) or (delta is not None and delta > 0)

    @property
    def changed(self) -> bool:
        """Anything to say about it: a score, gate or zone that moved, or a finding new or fixed."""
        moved = self.change.delta or (self.change.old is None) != (self.change.new is None)
        return bool(moved or self.new_findings or self.fixed_findings or self.regressed or self.improved)


class Headline(NamedTuple):
    """The summary numbers then and now."""

    passing: tuple[int, int]
    documents: tuple[int, int]
    errors: tuple[int, int]
    findings: tuple[int, int]


class Lazy(Sequence[T]):
    """A read-only sequence whose items are made when asked for, from compact records (positions into a
    report's documents): iterating it keeps one item at a time in memory."""

    __slots__ = ("_make", "_records")

    def __init__(self, records: Sequence[Any], make: Callable[[Any], T]) -> None:
        self._records = records
        self._make = make

    def __len__(self) -> int:
        return len(self._records)

    @overload
    def __getitem__(self, position: int) -> T: ...

    @overload
    def __getitem__(self, position: slice) -> tuple[T, ...]: ...

    def __getitem__(self, position: int | slice) -> T | tuple[T, ...]:
        if isinstance(position, slice):
            return tuple(map(self._make, self._records[position]))
        return self._make(self._records[position])

    def __iter__(self) -> Iterator[T]:
        return map(self._make, self._records)

    def __repr__(self) -> str:
        return f"Lazy({len(self)} items)"


class Comparison(NamedTuple):
    """Changes since `previous_as_of`, the regressions first, then by size; matched by path and index, else by id.

    `documents` holds every standard found in both reports; `changed` those of them with something to say
    and `scored` those whose score moved (both in the same order). `totals` counts the new, fixed and
    persisting findings and the scores that fell, so that no one walks the documents again for them.
    """

    previous_as_of: str
    overall: ScoreChange
    principles: tuple[tuple[Principle, ScoreChange], ...]
    documents: Sequence[DocumentChange]
    added: Sequence[DocumentResult]
    removed: tuple[PreviousDocument, ...]
    headline: Headline = Headline((0, 0), (0, 0), (0, 0), (0, 0))
    changed: Sequence[DocumentChange] = ()
    scored: Sequence[DocumentChange] = ()
    totals: tuple[int, int, int, int] = (0, 0, 0, 0)

    @property
    def new_findings(self) -> int:
        return self.totals[0]

    @property
    def fixed_findings(self) -> int:
        return self.totals[1]

    @property
    def persisting(self) -> int:
        return self.totals[2]

    @property
    def fell(self) -> int:
        """How many of `scored` fell."""
        return self.totals[3]


def average(scores: Sequence[float]) -> float | None:
    return round(sum(scores) / len(scores), 1) if scores else None


_CHANGED, _SCORED = 1, 2


def compare(report: Report, previous: PreviousReport) -> Comparison:
    """Each standard matched once, in one pass over each report (no search per document).

    Of the new report only positions and a few numbers per document are kept: `documents`, `changed`,
    `scored` and `added` read each document back when their items are asked for.
    """
    by_place = {(old.path, old.index_in_file): number for number, old in enumerate(previous.documents)}
    id_count = Counter(old.id for old in previous.documents if old.id)
    by_id = {old.id: number for number, old in enumerate(previous.documents) if old.id and id_count[old.id] == 1}
    docs = report.documents
    places = Places()
    records: list[tuple[int, float, int, int, int, int]] = []
    added: array[int] = array("q")
    matched: set[int] = set()
    scores: array[float] = array("d")
    principle_scores: dict[Principle, array[float]] = {p: array("d") for p in Principle}
    passing = count = new_total = fixed_total = persisting = fell = 0
    for position, doc in enumerate(docs):
        places.add(doc)
        count += 1
        passing += doc.passed
        if doc.score is not None:
            scores.append(doc.score)
        for result in doc.principles:
            if result.score is not None:
                principle_scores[result.principle].append(result.score)
        number = by_place.get((doc.path, doc.index))
        if number is None and doc.id:
            number = by_id.get(doc.id)
        if number is None or number in matched:
            added.append(position)
            continue
        matched.add(number)
        item = document_change(doc, previous.documents[number])
        new_total += len(item.new_findings)
        fixed_total += len(item.fixed_findings)
        persisting += item.persisting
        change = item.change
        scored = change.old is not None and change.new is not None and bool(change.delta)
        fell += scored and (change.delta or 0) < 0
        flags = (_CHANGED if item.changed else 0) | (_SCORED if scored else 0)
        rank, size, new, _, _ = regressions_then_largest(item)
        records.append((rank, size, new, position, number, flags))
    places.finish(docs)
    records.sort(key=lambda record: (*record[:3], *places.key(record[3])))

    def make(record: tuple[int, float, int, int, int, int]) -> DocumentChange:
        return document_change(docs[record[3]], previous.documents[record[4]])

    old_docs = previous.documents
    counts = report.counts()
    headline = Headline(
        (sum(1 for d in old_docs if d.passed), passing),
        (len(old_docs), count),
        (sum(d.errors for d in old_docs), counts.error),
        (sum(len(d.findings) for d in old_docs), counts.error + counts.warning + counts.info),
    )
    return Comparison(
        previous_as_of=previous.as_of,
        overall=ScoreChange(_old_average(old_docs), average(scores)),
        principles=tuple((p, _principle_change(previous, p, principle_scores[p])) for p in Principle),
        documents=Lazy(records, make),
        added=Lazy(added, docs.__getitem__),
        removed=tuple(d for number, d in enumerate(old_docs) if number not in matched),
        headline=headline,
        changed=Lazy([r for r in records if r[5] & _CHANGED], make),
        scored=Lazy([r for r in records if r[5] & _SCORED], make),
        totals=(new_total, fixed_total, persisting, fell),
    )


def document_change(doc: DocumentResult, old: PreviousDocument) -> DocumentChange:
    now = Counter(_keys(doc))
    then = Counter(old.findings)
    return DocumentChange(
        doc,
        ScoreChange(old.score, doc.score),
        old.grade,
        old.passed,
        tuple(sorted((now - then).elements())),
        tuple(sorted((then - now).elements())),
        sum((now & then).values()),
    )


def _keys(doc: DocumentResult) -> Iterable[FindingKey]:
    return ((f.rule, f.pointer) for f in doc.active_findings())


def regressions_then_largest(item: DocumentChange) -> tuple[int, float, int, str, int]:
    """The regressions first (a gate lost before a score that fell), each group by the size of the change, the
    largest first; then the most new findings."""
    lost_gate = item.old_passed is True and not item.document.passed
    rank = 0 if lost_gate else 1 if item.regressed else 2
    size = abs(item.change.delta or 0.0)
    return (rank, -size, -len(item.new_findings), item.document.path, item.document.index)


def _old_average(documents: Iterable[PreviousDocument]) -> float | None:
    return average([d.score for d in documents if d.score is not None])


def _principle_change(previous: PreviousReport, principle: Principle, new: Sequence[float]) -> ScoreChange:
    old = [d.principles.get(principle) for d in previous.documents]
    return ScoreChange(average([s for s in old if s is not None]), average(new))


def parse_previous(data: Any, source: str) -> PreviousReport:
    """An earlier JSON report (CLI.md, JSON output) as values; UsageError when it is not one."""
    try:
        _require(isinstance(data, dict) and data.get("format_version") == 1, "no_version")
        _require(isinstance(data.get("documents"), list), "no_documents")
        documents = tuple(_previous_document(entry) for entry in data["documents"])
    except ValueError as problem:
        reason = MESSAGES.text(str(problem))
        en, id_ = (MESSAGES("bad_previous", lang, source=source, reason=reason(lang)) for lang in ("en", "id"))
        raise UsageError(Text(en, id_)) from None
    return PreviousReport(str(data.get("as_of", "")), documents)


def _previous_document(entry: Any) -> PreviousDocument:
    _require(isinstance(entry, dict), "not_object")
    _require(isinstance(entry.get("path"), str) and isinstance(entry.get("index"), int), "no_path")
    principles = entry.get("principles")
    principles = {} if principles is None else principles
    _require(isinstance(principles, dict), "bad_principles")
    scores = {
        p: _score(principles[p.value].get("score")) for p in Principle if isinstance(principles.get(p.value), dict)
    }
    text = {key: value if isinstance(value, str) else None for key, value in entry.items() if key in ("id", "title")}
    grade = entry.get("grade")
    passed = entry.get("passed")
    return PreviousDocument(
        entry["path"],
        entry["index"],
        text.get("id"),
        text.get("title"),
        _score(entry.get("score")),
        scores,
        grade if isinstance(grade, str) else None,
        passed if isinstance(passed, bool) else None,
        _previous_findings(entry.get("findings")),
        _previous_errors(entry.get("findings")),
    )


def _previous_findings(findings: Any) -> tuple[FindingKey, ...]:
    """The unwaived findings' (rule, pointer); entries that are not findings are ignored, not fatal."""
    if not isinstance(findings, list):
        return ()
    return tuple(
        (str(f["rule"]), str(f.get("pointer", "")))
        for f in findings
        if isinstance(f, dict) and isinstance(f.get("rule"), str) and not f.get("waived")
    )


def _previous_errors(findings: Any) -> int:
    if not isinstance(findings, list):
        return 0
    return sum(1 for f in findings if isinstance(f, dict) and f.get("severity") == "error" and not f.get("waived"))


def _score(value: Any) -> float | None:
    if value is None:
        return None
    _require(isinstance(value, int | float) and not isinstance(value, bool), "bad_score")
    return float(value)


def _require(condition: bool, reason: str) -> None:
    if not condition:
        raise ValueError(reason)
