"""Results as plain JSON data and back, through the same constructors as fresh results.

Nothing of Python's own encoding (pickle, reprs) is stored: the same entry reads the same on every
Python version, and decoding builds only svcstd's result types from checked values, so data that is
not exactly what `pack` writes is refused (a `ValueError`, which the cache treats as a miss).

A finding, the bulk of a warm run's decoding (about 18 per document), is a flat list in a fixed order
rather than an object with named fields: JSON reads it faster and it is checked by position. Decoding
with a `Shared` (one per run) returns one object per distinct message and pointer, so that equal texts
are shared across the run from the start (api.SharedTexts then has nothing to replace).

The cache's packs (format 7) store `pack`'s records, each string that repeats a number in the pack's
table (below).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import fields
from typing import Any, TypeVar

from svcstd.model import (
    DocumentMeta,
    DocumentResult,
    Finding,
    Grade,
    Principle,
    PrincipleResult,
    Severity,
    Text,
    Waiver,
)

T = TypeVar("T")
Results = tuple[DocumentResult, ...]


def dumps(value: object) -> bytes:
    """Canonical JSON: sorted keys, no spaces, no NaN or infinity (a result holding one is not stored)."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False).encode()


class Shared:
    """One object per distinct message and string across every `unpack` given it (one run)."""

    __slots__ = ("strings", "texts")

    def __init__(self) -> None:
        self.texts: dict[tuple[str, str], Text] = {}
        self.strings: dict[str, str] = {}


FINDING_FIELDS = 10
"""A finding's list: these fields, and an eleventh (the file) for a finding in a shared file (`uses:`)."""
_SEVERITIES = {severity.value: severity for severity in Severity}
_PRINCIPLES = {principle.value: principle for principle in Principle}


_FINDING_ORDER = (
    "rule",
    "severity",
    "message",
    "pointer",
    "line",
    "column",
    "principle",
    "waiver",
    "anchor",
    "origin",
    "file",
)
_FINDING_SETTERS = tuple(getattr(Finding, name).__set__ for name in _FINDING_ORDER)
_FAST_FINDINGS = (
    tuple(field.name for field in fields(Finding)) == _FINDING_ORDER
    and not hasattr(Finding, "__post_init__")
    and hasattr(Finding, "__slots__")
)
"""Whether `_new_finding` may fill a Finding's slots directly: only while its fields are exactly these.

A frozen dataclass's __init__ sets each field through object.__setattr__, which is most of the cost of
building ~18 findings per cached document; setting the slots directly builds the same (equal) object.
"""


def _new_finding(values: tuple[Any, ...]) -> Finding:
    """A Finding of `values` in _FINDING_ORDER, as Finding(*values) would build it."""
    if not _FAST_FINDINGS or len(values) != len(_FINDING_ORDER):
        return Finding(*values)
    finding = object.__new__(Finding)
    rule, severity, message, pointer, line, column, principle, waiver, anchor, origin, file = _FINDING_SETTERS
    rule(finding, values[0])
    severity(finding, values[1])
    message(finding, values[2])
    pointer(finding, values[3])
    line(finding, values[4])
    column(finding, values[5])
    principle(finding, values[6])
    waiver(finding, values[7])
    anchor(finding, values[8])
    origin(finding, values[9])
    file(finding, values[10])
    return finding


def _dict(value: object) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ValueError("expected an object")
    return value


_KEY_SETS: dict[Sequence[str], frozenset[str]] = {}
"""Each expected key set made once (a set per call was a tenth of decoding a document)."""


def _optional(make: Callable[[Any], T], value: object) -> T | None:
    return None if value is None else make(value)


def _list(value: object) -> list[Any]:
    if not isinstance(value, list):
        raise ValueError("expected a list")
    return value


def _strings(value: object, length: int | None = None) -> tuple[str, ...]:
    if type(value) is not list:
        raise ValueError("expected a list")
    items = tuple(value)
    for item in items:
        if type(item) is not str:
            raise ValueError("expected a string")
    if length is not None and len(items) != length:
        raise ValueError("wrong length")
    return items


def _str(value: object) -> str:
    if not isinstance(value, str):
        raise ValueError("expected a string")
    return value


def _int(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValueError("expected an integer")
    return value


def _bool(value: object) -> bool:
    if not isinstance(value, bool):
        raise ValueError("expected true or false")
    return value


def _float(value: object) -> float:
    if not isinstance(value, int | float) or isinstance(value, bool):
        raise ValueError("expected a number")
    return float(value)


# A pack's records (index.py): the same results with every repeated string stored once per pack.
#
# A record is a JSON list of documents, each a list in a fixed order; every string that repeats across
# documents (rule ids, severities, principles, messages in both languages, pointers, anchors, shared
# files, grades, the meta fields, waivers) is its number in the pack's table, a list of strings written
# once at the pack's end. Only a document's path, id and title, which no other document shares, are
# written out. At ~18 findings a document, whose two-language messages were ~90% of a record, a record
# is a tenth of what format 6's named form wrote, and `json.loads` reads ints instead of long texts.


class Table:
    """The strings of one pack being written: each given a number on first use."""

    __slots__ = ("numbers", "strings")

    def __init__(self) -> None:
        self.numbers: dict[str, int] = {}
        self.strings: list[str] = []

    def ref(self, value: str) -> int:
        number = self.numbers.get(value)
        if number is None:
            if type(value) is not str:
                raise ValueError("expected a string")
            number = self.numbers[value] = len(self.strings)
            self.strings.append(value)
        return number

    def blob(self) -> bytes:
        """The table as stored: compact JSON, a list of strings."""
        return dumps(self.strings)

    def forget(self, count: int) -> None:
        """Drop every string numbered `count` or more: those of a record that could not be stored (a string
        JSON cannot write, a NaN), so that the table keeps only strings its records use, and always writes."""
        for value in self.strings[count:]:
            del self.numbers[value]
        del self.strings[count:]

    def extend(self, strings: Iterable[str]) -> None:
        """Number `strings` after those the table has, as another table (a worker's, encoder.py) numbered them."""
        for value in strings:
            if type(value) is not str or value in self.numbers:
                raise ValueError("expected a new string")
            self.numbers[value] = len(self.strings)
            self.strings.append(value)


class Strings:
    """A pack's table read back: its strings by number (a dict, so that a negative or out-of-range number
    is a KeyError, never another string), and one Text per pair of numbers used as a message."""

    __slots__ = ("shared", "strings", "texts")

    def __init__(self, strings: dict[int, str], shared: Shared) -> None:
        self.strings = strings
        self.texts: dict[tuple[int, int], Text] = {}
        self.shared = shared.texts


def read_table(data: object, shared: Shared) -> Strings:
    """The Strings of a table `Table.blob` wrote, each string shared across the run; ValueError for anything else."""
    if type(data) is not list:
        raise ValueError("expected a list")
    own = shared.strings
    table = {}
    for number, value in enumerate(data):
        if type(value) is not str:
            raise ValueError("expected a string")
        table[number] = own.setdefault(value, value)
    return Strings(table, shared)


def pack(results: Results, table: Table) -> bytes:
    """A record: the results with their repeated strings as numbers in `table` (canonical JSON)."""
    return dumps([_packed_document(doc, table) for doc in results])


def pack_storable(results: Results, table: Table) -> bytes:
    """`pack`, with the strings it numbered first written too: ValueError when the record or one of them cannot be
    written (a NaN, a lone surrogate in a path), and then `table` is as it was before. A string goes into the
    table, not the record: unchecked, one that cannot be written would make the whole table unwritable."""
    before = len(table.strings)
    try:
        raw = pack(results, table)
        dumps(table.strings[before:])
    except ValueError:
        table.forget(before)
        raise
    return raw


def _packed_document(doc: DocumentResult, table: Table) -> list[Any]:
    ref = table.ref
    meta = doc.meta
    return [
        doc.path,
        doc.index,
        doc.id,
        doc.title,
        doc.valid,
        [_packed_finding(finding, ref) for finding in doc.findings],
        doc.score,
        None if doc.grade is None else [ref(doc.grade.key), ref(doc.grade.label.en), ref(doc.grade.label.id)],
        [
            [
                ref(result.principle.value),
                result.score,
                [ref(rule) for rule in result.passed],
                [ref(rule) for rule in result.failed],
                [ref(rule) for rule in result.not_applicable],
                [ref(rule) for rule in result.waived],
                result.quality,
            ]
            for result in doc.principles
        ],
        doc.passed,
        doc.quality,
        [
            *(
                None if value is None else ref(value)
                for value in (meta.provider, meta.unit, meta.status, meta.version, meta.last_reviewed, meta.review_due)
            ),
            [[ref(part) for part in waiver] for waiver in meta.waivers],
        ],
    ]


def _packed_finding(finding: Finding, ref: Callable[[str], int]) -> list[Any]:
    """[rule, severity, message en, message id, pointer, line, column, principle, waiver, anchor(, file)],
    every string a number in the table."""
    encoded = [
        ref(finding.rule),
        ref(finding.severity.value),
        ref(finding.message.en),
        ref(finding.message.id),
        ref(finding.pointer),
        finding.line,
        finding.column,
        None if finding.principle is None else ref(finding.principle.value),
        None if finding.waiver is None else [ref(part) for part in finding.waiver],
        None if finding.anchor is None else ref(finding.anchor),
    ]
    return encoded if finding.file is None else [*encoded, ref(finding.file)]


def unpack(data: object, table: Strings, shared: Shared) -> Results:
    """The results `pack` wrote with the table read back as `table`; ValueError (or KeyError) for anything else."""
    return tuple(_unpacked_document(item, table, shared) for item in _list(data))


_DOCUMENT_FIELDS = 12


def _unpacked_document(item: object, table: Strings, shared: Shared) -> DocumentResult:
    if type(item) is not list or len(item) != _DOCUMENT_FIELDS:
        raise ValueError("expected a document")
    path, number, id_, title, valid, findings, score, grade, principles, passed, quality, meta = item
    strings = table.strings
    return DocumentResult(
        path=_str(path),
        index=_int(number),
        id=_optional(_str, id_),
        title=_optional(_str, title),
        valid=_bool(valid),
        findings=tuple([_unpacked_finding(entry, table) for entry in _list(findings)]),
        score=_optional(_float, score),
        grade=None if grade is None else _unpacked_grade(grade, strings),
        principles=tuple(_unpacked_principle(entry, strings) for entry in _list(principles)),
        passed=_bool(passed),
        meta=_unpacked_meta(meta, strings),
        quality=_optional(_float, quality),
    )


def _ref(strings: dict[int, str], value: object) -> str:
    if type(value) is not int:
        raise ValueError("expected a string's number")
    return strings[value]


def _refs(strings: dict[int, str], value: object, length: int | None = None) -> tuple[str, ...]:
    if type(value) is not list or (length is not None and len(value) != length):
        raise ValueError("expected a list of string numbers")
    return tuple([_ref(strings, item) for item in value])


def _unpacked_finding(item: object, table: Strings) -> Finding:
    """The hot path of a warm run (one call per cached finding): every field checked by its exact type."""
    if type(item) is not list or not FINDING_FIELDS <= len(item) <= FINDING_FIELDS + 1:
        raise ValueError("expected a finding")
    rule, severity, en, id_, pointer, line, column, principle, waiver, anchor = item[:FINDING_FIELDS]
    if not (type(rule) is type(severity) is type(en) is type(id_) is type(pointer) is int):
        raise ValueError("expected numbers")
    if not (type(line) is type(column) is int):
        raise ValueError("expected numbers")
    strings = table.strings
    message = table.texts.get((en, id_))
    if message is None:
        pair = (strings[en], strings[id_])
        message = table.shared.get(pair)
        if message is None:
            message = table.shared[pair] = Text(*pair)
        table.texts[(en, id_)] = message
    return _new_finding(
        (
            strings[rule],
            _SEVERITIES[strings[severity]],
            message,
            strings[pointer],
            line,
            column,
            None if principle is None else _PRINCIPLES[_ref(strings, principle)],
            None if waiver is None else Waiver(*_refs(strings, waiver, 4)),
            None if anchor is None else _ref(strings, anchor),
            None,
            _ref(strings, item[FINDING_FIELDS]) if len(item) > FINDING_FIELDS else None,
        )
    )


def _unpacked_grade(item: object, strings: dict[int, str]) -> Grade:
    key, en, id_ = _refs(strings, item, 3)
    return Grade(key, Text(en, id_))


def _unpacked_principle(item: object, strings: dict[int, str]) -> PrincipleResult:
    if type(item) is not list or len(item) != 7:
        raise ValueError("expected a principle's result")
    principle, score, passed, failed, not_applicable, waived, quality = item
    return PrincipleResult(
        principle=_PRINCIPLES[_ref(strings, principle)],
        score=_optional(_float, score),
        passed=_refs(strings, passed),
        failed=_refs(strings, failed),
        not_applicable=_refs(strings, not_applicable),
        waived=_refs(strings, waived),
        quality=_optional(_float, quality),
    )


def _unpacked_meta(item: object, strings: dict[int, str]) -> DocumentMeta:
    if type(item) is not list or len(item) != 7:
        raise ValueError("expected a document's meta")
    provider, unit, status, version, last_reviewed, review_due = (
        None if value is None else _ref(strings, value) for value in item[:6]
    )
    return DocumentMeta(
        provider=provider,
        unit=unit,
        status=status,
        version=version,
        last_reviewed=last_reviewed,
        review_due=review_due,
        waivers=tuple(Waiver(*_refs(strings, entry, 4)) for entry in _list(item[6])),
    )
