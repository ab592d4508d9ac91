"""One file -> its documents' results: read, load, validate, judge with the rules, score, decide the gate."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date
from operator import attrgetter
from typing import Any, NamedTuple

from svcstd.cache import FileKey, file_digest, settled_stamp
from svcstd.config.settings import Settings
from svcstd.fingerprints import stable_pointer
from svcstd.model import (
    DocumentMeta,
    DocumentResult,
    Finding,
    LoadedDocument,
    Principle,
    PrincipleResult,
    Severity,
    make_finding,
    slot_constructor,
)
from svcstd.reading import shared_parts
from svcstd.reading.discovery import Target
from svcstd.reading.files import read_regular_stat
from svcstd.reading.loader import empty_file, load_bytes, unreadable
from svcstd.rules.base import Rule, quoted
from svcstd.rules.facts import judging
from svcstd.scoring.engine import evaluate
from svcstd.scoring.gate import passes_gate, threshold_findings
from svcstd.scoring.grades import grade_for
from svcstd.scoring.scores import Outcome, scored
from svcstd.standard.aliases import normalise
from svcstd.standard.dates import add_months
from svcstd.validation.validate import validate

NOT_A_MAPPING = "YML007"
"""Empty, or a list or a scalar: it parsed, and is no service standard."""

Results = tuple[DocumentResult, ...]


class Pipeline(NamedTuple):
    """The configured pipeline of a run: settings, every rule loaded once (built-in and custom), the date.

    Every command judges through one (CLI -> api.pipeline), and workers receive the same one.
    """

    settings: Settings
    rules: tuple[Rule, ...]
    as_of: date


def check_file(target: Target, pipeline: Pipeline) -> tuple[FileKey | None, Results]:
    """The cache key of the bytes read (None when unreadable) and the results of one file."""
    raw, info = read_stamped(target, pipeline.settings)
    if not isinstance(raw, bytes):
        return None, (judge(raw, pipeline),)
    key = FileKey(file_digest(raw), None if info is None else settled_stamp(info))
    loaded = load_bytes(raw, target.display, pipeline.settings.limits)
    if not target.explicit and not _is_standard(loaded):
        return key, ()
    if not loaded and target.explicit:
        loaded = [empty_file(target.display)]
    expanded = [with_shared_parts(doc, target, pipeline.settings) for doc in loaded]
    used = sorted({dependency for each in expanded for dependency in each.files})
    key = FileKey(shared_parts.dependency_digest(key.digest, used), key.stamp)
    return key, tuple(judge_expanded(each, pipeline) for each in expanded)


def judge_file(target: Target, pipeline: Pipeline) -> list[tuple[LoadedDocument, DocumentResult]]:
    """Each document of one file with its result; a discovered file that is no standard gives none."""
    _, loaded = read_target(target, pipeline.settings)
    if not target.explicit and not _is_standard(loaded):
        return []
    if not loaded and target.explicit:
        loaded = [empty_file(target.display)]
    expanded = [with_shared_parts(doc, target, pipeline.settings) for doc in loaded]
    return [(normalised(each.doc), judge_expanded(each, pipeline)) for each in expanded]


def with_shared_parts(doc: LoadedDocument, target: Target, settings: Settings) -> shared_parts.Expanded:
    """The document with the parts its `uses` takes from shared files (format 1.1), and where they came from."""
    return shared_parts.expand(doc, target.path, settings.config_root, settings.limits)


def judge_expanded(expanded: shared_parts.Expanded, pipeline: Pipeline) -> DocumentResult:
    """Judge a document with its shared parts; findings on a shared part point into its shared file."""
    result = judge(expanded.doc, pipeline)
    if not expanded.parts:
        return result
    return replace(result, findings=_in_order(shared_parts.relocate(result.findings, expanded.parts)))


def read_target(target: Target, settings: Settings) -> tuple[bytes, list[LoadedDocument]]:
    """The file's bytes and documents; a file that cannot be read is one document with a finding."""
    raw = read_raw(target, settings)
    if not isinstance(raw, bytes):
        return b"", [raw]
    return raw, load_bytes(raw, target.display, settings.limits)


def read_raw(target: Target, settings: Settings) -> bytes | LoadedDocument:
    """The file's bytes (up to one over the size limit), or a document saying why it cannot be read."""
    return read_stamped(target, settings)[0]


def read_stamped(target: Target, settings: Settings) -> tuple[bytes | LoadedDocument, os.stat_result | None]:
    """`read_raw` with the file's stat taken on the open file just before reading (for the cache's stamp).

    Only a regular file outside /proc, /sys and /dev is read (reading.files): a link to /proc/kmsg hung.
    """
    try:
        return read_regular_stat(target.path, settings.limits.max_file_bytes)
    except OSError as error:
        return unreadable(target.display, error.strerror or type(error).__name__), None


def _is_standard(loaded: list[LoadedDocument]) -> bool:
    """A discovered file counts when a document has the `svcstd` key, or could not be read at all.

    Only a file that parses into something without the key is passed over; one that fails to read
    or parse (a syntax error, over a limit, not UTF-8) may be a broken standard, and is reported.
    """
    return any(
        (isinstance(doc.data, dict) and "svcstd" in doc.data)
        or (doc.data is None and any(finding.rule != NOT_A_MAPPING for finding in doc.findings))
        for doc in loaded
    )


def normalised(doc: LoadedDocument) -> LoadedDocument:
    """The document with its Indonesian values (format 1.1 aliases) as English ones; positions unchanged.

    Callers that use the data after judging (render, diff) get the same data the rules saw.
    """
    if not isinstance(doc.data, dict):
        return doc
    made: LoadedDocument = _document(doc.path, doc.index, normalise(doc.data, doc.source), doc.source, doc.findings)
    return made


_document = slot_constructor(LoadedDocument)
"""`LoadedDocument(*every field)` without `dataclasses.replace`'s walk over the fields (once per document)."""


def judge(doc: LoadedDocument, pipeline: Pipeline) -> DocumentResult:
    """Validate one document and, when valid, run the rules, score it and decide the gate."""
    if isinstance(doc.data, dict):
        doc = normalised(doc)
    with judging(doc.data):  # what validation derives from the document (its JSON text), the rules reuse
        return _judged(doc, pipeline)


def _judged(doc: LoadedDocument, pipeline: Pipeline) -> DocumentResult:
    settings = pipeline.settings
    findings: list[Finding] = list(doc.findings)
    if isinstance(doc.data, dict):
        findings.extend(validate(doc))
    data: Mapping[str, Any] = doc.data if isinstance(doc.data, dict) else {}
    identity = (_text(data.get("id")), _text(data.get("title")))
    if any(f.severity is _ERROR for f in findings):
        return DocumentResult(doc.path, doc.index, *identity, valid=False, findings=_sorted(findings, data))
    evaluation = evaluate(doc, pipeline.rules, settings, pipeline.as_of)
    findings.extend(evaluation.findings)
    principles, score, quality = _scores(evaluation.outcomes, settings.principle_weights)
    findings.extend(threshold_findings(score, principles, settings, doc.source.value("")))
    ordered = _sorted(findings, data)  # in the order the keyword arguments of before were evaluated
    grade = grade_for(score, settings.grades) if score is not None else None
    passed = passes_gate(findings, settings)
    meta = document_meta(data, evaluation.waivers)
    made: DocumentResult = _result(
        doc.path, doc.index, *identity, True, ordered, score, grade, principles, passed, meta, quality
    )  # DocumentResult(path, index, id, title, valid, findings, score, grade, principles, passed, meta, quality)
    return made


_result = slot_constructor(DocumentResult)
"""`DocumentResult(*every field)` without the frozen dataclass's `__init__` (once per valid document)."""


_ERROR = Severity.ERROR

Scores = tuple[tuple[PrincipleResult, ...], float | None, float | None]


def _scores(outcomes: tuple[Outcome, ...], weights: Mapping[Principle, float]) -> Scores:
    """`scored(outcomes, weights)`, remembered by the outcomes and weights: documents of one kind end the same way.

    The engine's outcomes hold `Status` members (never an equal plain string, which `scored` would count
    otherwise), so equal outcomes and weights give the same results; an int weight equal to a float one gives
    the same floats (every sum is of whole numbers or of the same products). The memo is emptied when it holds
    `_SCORES_LIMIT`, so it stays under a megabyte.
    """
    key = (outcomes, tuple(weights.items()))
    found = _SCORED.get(key)
    if found is None:
        if len(_SCORED) >= _SCORES_LIMIT:
            _SCORED.clear()
        found = _SCORED[key] = scored(outcomes, weights)
    return found


_SCORED: dict[tuple[tuple[Outcome, ...], tuple[tuple[Principle, float], ...]], Scores] = {}
_SCORES_LIMIT = 256


def document_meta(data: Mapping[str, Any], waivers: tuple[Any, ...]) -> DocumentMeta:
    provider = data.get("provider", {})
    review = data.get("review", {})
    last = review.get("last_reviewed") or data.get("adoption", {}).get("date")
    interval = review.get("interval_months")
    made: DocumentMeta = _meta(
        provider.get("name"),
        provider.get("unit"),
        data.get("status"),
        data.get("version"),
        review.get("last_reviewed"),
        _review_due(last, interval) if last and interval else None,
        waivers,
    )  # DocumentMeta(provider, unit, status, version, last_reviewed, review_due, waivers)
    return made


def _review_due(last: Any, interval: Any) -> str:
    """`add_months(date.fromisoformat(last), interval).isoformat()`, remembered for a text and an `int`: a corpus
    holds few distinct review dates and intervals (the real one, 61 dates), and the date arithmetic is Python."""
    if type(last) is not str or type(interval) is not int:  # anything else is computed (or refused) as it comes
        return add_months(date.fromisoformat(last), interval).isoformat()
    key = (last, interval)
    due = _DUE.get(key)
    if due is None:
        if len(_DUE) >= _DUE_LIMIT:
            _DUE.clear()
        due = _DUE[key] = add_months(date.fromisoformat(last), interval).isoformat()
    return due


_DUE: dict[tuple[str, int], str] = {}
_DUE_LIMIT = 1024


_meta = slot_constructor(DocumentMeta)


def _text(value: object) -> str | None:
    """An id or title as every output names the document: cut like quoted text (a 2 MiB title is one line)."""
    shown = quoted(value)
    return shown if isinstance(shown, str) else None


def _anchored(finding: Finding, data: Mapping[str, Any]) -> Finding:
    """The finding with its anchor, where the anchor differs from the pointer (else the pointer serves).

    Only a list index can give an anchor other than the pointer (`stable_pointer` changes no other token),
    so a pointer without a token of digits is its own anchor and is not walked.
    """
    pointer = finding.pointer
    if not _is_indexed(pointer):
        return finding
    anchor = stable_pointer(pointer, data)
    return _with_anchor(finding, anchor) if anchor != pointer else finding


def _is_indexed(pointer: str) -> bool:
    """Whether a token of the pointer is digits (`str.isdigit`), remembered: the same pointers recur per document."""
    indexed = _INDEXED.get(pointer)
    if indexed is None:
        if len(_INDEXED) >= _INDEXED_LIMIT:
            _INDEXED.clear()
        indexed = _INDEXED[pointer] = bool(pointer) and any(map(str.isdigit, pointer.split("/")))
    return indexed


_INDEXED: dict[str, bool] = {}
_INDEXED_LIMIT = 4096

_FINDING_FIELDS = attrgetter(*Finding.__slots__)
_ANCHOR = Finding.__slots__.index("anchor")


def _with_anchor(finding: Finding, anchor: str) -> Finding:
    """`dataclasses.replace(finding, anchor=anchor)`, by the finding's slots (a fifth of the cost)."""
    values = _FINDING_FIELDS(finding)
    made: Finding = make_finding(*values[:_ANCHOR], anchor, *values[_ANCHOR + 1 :])
    return made


def _in_order(findings: Sequence[Finding]) -> tuple[Finding, ...]:
    """The document's own findings first, then each shared file's, each by place."""
    return tuple(sorted(findings, key=lambda f: (f.file is not None, f.file or "", *f.sort_key)))


_PLACE = attrgetter("line", "column", "rule", "pointer")
"""`Finding.sort_key`, read in C."""


def _sorted(findings: Sequence[Finding], data: Mapping[str, Any]) -> tuple[Finding, ...]:
    """In report order, each with its anchor: a location that list insertions do not move."""
    indexed = _INDEXED.get
    anchored = [
        finding if indexed(finding.pointer) is False else _anchored(finding, data)  # unknown or indexed: ask
        for finding in findings
    ]
    anchored.sort(key=_PLACE)
    return tuple(anchored)
