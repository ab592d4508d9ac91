"""Baselines: record today's findings, then report only new ones (matched by place in the data, never by line)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import jsonschema

from svcstd.config.settings import Settings
from svcstd.errors import ConfigError
from svcstd.escaping import json_text
from svcstd.fingerprints import FindingKey, finding_key
from svcstd.i18n import Catalog
from svcstd.model import DocumentResult, DocumentStream, Finding, Report, Tally, TallyCounter
from svcstd.reading import files
from svcstd.scoring.gate import passes_gate

VERSION = 1
# A document is matched by its id when it has one (robust to reordering), else by its position.
DocumentRef = tuple[str, str | int]
EntryKey = tuple[str, DocumentRef, str, str]

MESSAGES = Catalog(
    "baseline",
    {
        "unreadable": (
            "cannot read the baseline {path}: {reason}",
            "tidak dapat membaca berkas acuan (baseline) {path}: {reason}",
        ),
        "invalid": (
            "the baseline {path} is not a svcstd baseline (version {version}): {reason}",
            "{path} bukan berkas acuan (baseline) svcstd (versi {version}): {reason}",
        ),
    },
)

SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["version", "entries"],
    "properties": {
        "version": {"const": VERSION},
        "entries": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["path", "document", "rule", "pointer", "count"],
                "properties": {
                    "path": {"type": "string"},
                    "document": {
                        "type": "object",
                        "required": ["index", "id"],
                        "properties": {"index": {"type": "integer", "minimum": 0}, "id": {"type": ["string", "null"]}},
                    },
                    "rule": {"type": "string"},
                    "pointer": {"type": "string"},
                    "count": {"type": "integer", "minimum": 1},
                },
            },
        },
    },
}


def write_baseline(report: Report) -> str:
    """Every unwaived finding (schema and reading problems included), counted per key, sorted."""
    counts: Counter[FindingKey] = Counter(
        finding_key(doc, finding) for doc in report.documents for finding in doc.active_findings()
    )
    ordered = sorted(
        counts.items(), key=lambda item: (item[0].path, item[0].document_index, item[0].document_id or "", *item[0][3:])
    )
    entries = [_entry(key, count) for key, count in ordered]
    return json_text({"version": VERSION, "entries": entries}, indent=2) + "\n"  # a non-UTF-8 name reads back


def _entry(key: FindingKey, count: int) -> dict[str, Any]:
    return {
        "path": key.path,
        "document": {"index": key.document_index, "id": key.document_id},
        "rule": key.rule,
        "pointer": key.pointer,
        "count": count,
    }


def apply_baseline(report: Report, path: Path, settings: Settings) -> Report:
    """The report without the findings the baseline records (up to each count); gates recomputed.

    A report held in memory gets a new tuple; one read back from a spill (a DocumentStream) gets a
    stream over it that drops the known findings as each document is read (`Baselined`).
    """
    budget = load_baseline(path)
    if isinstance(report.documents, DocumentStream):
        return replace(report, documents=Baselined(report.documents, budget, settings))
    documents = tuple(_without_known(doc, budget, settings) for doc in report.documents)
    return replace(report, documents=documents)


class Baselined(DocumentStream):
    """Documents without the findings a baseline records, made as each is read; memory flat with the corpus.

    Which finding a baseline entry matches depends on the order the documents are met in (each entry's
    count is spent as it goes), so one pass at the start spends the budget in the report's order and
    keeps, for each document that loses findings, which of them (the bits of one integer); the budget
    is then let go. Reading a document drops those findings and recomputes its gate, exactly as
    `_without_known` does for a held report, in any order and as often as a reporter reads it.
    """

    def __init__(self, source: Sequence[DocumentResult], budget: Counter[EntryKey], settings: Settings) -> None:
        self._source = source
        self._settings = settings
        self._dropped: dict[int, int] = {}
        counter = TallyCounter()
        for position, doc in enumerate(source):
            dropped = 0
            for number, finding in enumerate(doc.findings):
                entry = _known_entry(doc, finding, budget) if finding.waiver is None else None
                if entry is not None:
                    budget[entry] -= 1
                    dropped |= 1 << number
            if dropped:
                self._dropped[position] = dropped
            counter.add(self._filtered(doc, dropped))
        self._tally = counter.tally()

    def _filtered(self, doc: DocumentResult, dropped: int) -> DocumentResult:
        kept = [finding for number, finding in enumerate(doc.findings) if not dropped >> number & 1]
        return replace(doc, findings=tuple(kept), passed=passes_gate(kept, self._settings))

    def tally(self) -> Tally:
        return self._tally

    def __len__(self) -> int:
        return len(self._source)

    def document(self, position: int) -> DocumentResult:
        return self._filtered(self._source[position], self._dropped.get(position, 0))

    def __iter__(self) -> Iterator[DocumentResult]:  # one pass over the source, as a spill reads fastest
        for position, doc in enumerate(self._source):
            yield self._filtered(doc, self._dropped.get(position, 0))


def load_baseline(path: Path) -> Counter[EntryKey]:
    """The baseline's entries as a budget per key; an unreadable or malformed file cannot run (exit 2)."""
    try:
        data: Any = files.read_json(path)  # a regular file only, bounded, no NaN, no runaway depth or digits
    except (OSError, ValueError) as error:
        raise ConfigError(MESSAGES.text("unreadable", path=str(path), reason=files.reason(error))) from None
    problem = jsonschema.exceptions.best_match(jsonschema.Draft202012Validator(SCHEMA).iter_errors(data))
    if problem is not None:
        where = "/".join(str(part) for part in problem.absolute_path) or "/"
        reason = f"{where}: {problem.message}"
        raise ConfigError(MESSAGES.text("invalid", path=str(path), version=VERSION, reason=reason))
    budget: Counter[EntryKey] = Counter()
    shared: dict[Any, Any] = {}  # one object per path, document, rule and pointer: they repeat across entries
    entries = data["entries"]
    while entries:  # from the end, each entry let go once counted: the file's value and the budget never both whole
        entry = entries.pop()
        ref = _ref(entry["document"]["id"], entry["document"]["index"])
        parts = (entry["path"], ref, entry["rule"], entry["pointer"])
        key: EntryKey = tuple(shared.setdefault(part, part) for part in parts)
        budget[key] += entry["count"]
    return budget


def _ref(document_id: str | None, index: int) -> DocumentRef:
    return ("id", document_id) if document_id else ("index", index)


def _known_entry(doc: DocumentResult, finding: Finding, budget: Counter[EntryKey]) -> EntryKey | None:
    """The entry with budget left for the finding: by its stable anchor, else (an older baseline) its pointer."""
    key = finding_key(doc, finding)
    ref = _ref(key.document_id, key.document_index)
    for pointer in dict.fromkeys((key.pointer, finding.pointer)):
        entry = (key.path, ref, key.rule, pointer)
        if budget[entry] > 0:
            return entry
    return None


def _without_known(doc: DocumentResult, budget: Counter[EntryKey], settings: Settings) -> DocumentResult:
    kept = []
    for finding in doc.findings:
        entry = _known_entry(doc, finding, budget) if finding.waiver is None else None
        if entry is None:
            kept.append(finding)
        else:
            budget[entry] -= 1
    passed = passes_gate(kept, settings)  # score minimums are findings already (GAT001, GAT002)
    return replace(doc, findings=tuple(kept), passed=passed)
