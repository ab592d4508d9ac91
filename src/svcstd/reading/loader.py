"""Bytes -> YAML 1.2 data with a line/column index per JSON Pointer; reading problems become findings.

libyaml's C parser produces events; this module builds the data itself instead of using PyYAML's
constructors, so that scalars follow the YAML 1.2 core schema (`08:00` and `no` stay strings),
duplicate keys and foreign tags are reported, aliases are shared rather than copied, and every
limit (depth, nodes, documents) is checked while reading, before anything can blow up.
"""

from __future__ import annotations

import errno
import math
import os
import re
from dataclasses import dataclass, field
from typing import Any, cast

import yaml
from yaml import events
from yaml._yaml import CParser

from svcstd.i18n import Catalog
from svcstd.model import Finding, LoadedDocument, Location, Severity, Text
from svcstd.reading import files
from svcstd.reading.limits import DEFAULT_LIMITS, Limits
from svcstd.reading.sourcemap import SourceMap, join_pointer

MESSAGES = Catalog(
    "loader",
    {
        "unreadable": (
            "The file cannot be read: {reason_en}.",
            "Berkas tidak dapat dibaca: {reason_id}.",
        ),
        "encoding": (
            "The file is not UTF-8 text: byte {byte} cannot be read (perhaps it was saved as Latin-1 or "
            "Windows-1252). Save the file as UTF-8.",
            "Berkas bukan teks UTF-8: bita {byte} tidak dapat dibaca (mungkin disimpan sebagai Latin-1 atau "
            "Windows-1252). Simpan ulang berkas dengan pengodean UTF-8.",
        ),
        "utf16": (
            "The file is UTF-16 or UTF-32 text; svcstd reads UTF-8 only. Save the file as UTF-8.",
            "Berkas berupa teks UTF-16 atau UTF-32; svcstd hanya membaca UTF-8. "
            "Simpan ulang berkas dengan pengodean UTF-8.",
        ),
        "binary": (
            "The file contains a NUL byte: it is a binary file, not YAML text.",
            "Berkas memuat bita NUL: ini berkas biner, bukan teks YAML.",
        ),
        "too_large": (
            "The file is {size} bytes, over the limit of {limit}; it was not read.",
            "Ukuran berkas {size} bita, melebihi batas {limit}; berkas tidak dibaca.",
        ),
        "syntax": (
            "The YAML cannot be read: {problem_en}. Check the indentation, colons and quotes near this spot.",
            "YAML tidak dapat dibaca: {problem_id}. Periksa indentasi, titik dua, dan tanda kutip "
            "di sekitar posisi ini.",
        ),
        "duplicate_key": (
            "The key `{key}` appears twice in the same mapping (first at line {first}); only one may stay.",
            "Kunci `{key}` muncul dua kali dalam pemetaan yang sama (pertama di baris {first}); hapus salah satunya.",
        ),
        "tag": (
            "The tag `{tag}` is not allowed: only plain YAML values are read. Remove the tag.",
            "Tag `{tag}` tidak diizinkan: hanya nilai YAML biasa yang dibaca. Hapus tag tersebut.",
        ),
        "bad_tagged_value": (
            "The value `{value}` does not fit its tag `{tag}`. Remove the tag or correct the value.",
            "Nilai `{value}` tidak sesuai dengan tag `{tag}`. Hapus tag atau perbaiki nilainya.",
        ),
        "merge_key": (
            "Merge keys (`<<`) are not part of YAML 1.2. Write the keys out in full.",
            "Kunci gabungan (`<<`) bukan bagian dari YAML 1.2. Tuliskan kunci-kuncinya secara lengkap.",
        ),
        "complex_key": (
            "A key must be plain text, not a list or mapping.",
            "Kunci harus berupa teks biasa, bukan daftar atau pemetaan.",
        ),
        "undefined_alias": (
            "The alias `*{anchor}` refers to no anchor defined before it.",
            "Alias `*{anchor}` merujuk ke jangkar yang belum didefinisikan sebelumnya.",
        ),
        "recursive_alias": (
            "The alias `*{anchor}` refers to a node that contains it; recursive structures are not allowed.",
            "Alias `*{anchor}` merujuk ke simpul yang memuat alias itu sendiri; struktur rekursif tidak diizinkan.",
        ),
        "too_deep": (
            "The document is nested more than {limit} levels deep; a service standard never needs that. "
            "The rest of the file was not read.",
            "Dokumen bersarang lebih dari {limit} tingkat; standar pelayanan tidak pernah memerlukannya. "
            "Sisa berkas tidak dibaca.",
        ),
        "too_many_nodes": (
            "The document has more than {limit} values once aliases are expanded (an alias bomb?). "
            "It was not checked further.",
            "Dokumen memuat lebih dari {limit} nilai setelah alias diuraikan (kemungkinan bom alias). "
            "Dokumen tidak diperiksa lebih lanjut.",
        ),
        "too_much_text": (
            "The document holds more than {limit} characters of text once aliases are expanded (one long value "
            "repeated by aliases?). It was not checked further.",
            "Dokumen memuat lebih dari {limit} karakter teks setelah alias diuraikan (satu nilai panjang yang "
            "diulang dengan alias?). Dokumen tidak diperiksa lebih lanjut.",
        ),
        "too_many_documents": (
            "The file holds more than {limit} YAML documents; the rest were not read.",
            "Berkas memuat lebih dari {limit} dokumen YAML; sisanya tidak dibaca.",
        ),
        "not_mapping": (
            "A service standard must be a mapping of keys (svcstd, id, title, ...), but this document is {found}.",
            "Standar pelayanan harus berupa pemetaan kunci (svcstd, id, title, ...), "
            "tetapi dokumen ini berupa {found_id}.",
        ),
        "empty_file": (
            "The file holds no YAML document: there is no service standard to check.",
            "Berkas tidak memuat dokumen YAML: tidak ada standar pelayanan yang dapat diperiksa.",
        ),
    },
)

_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT10 = re.compile(r"^[-+]?[0-9]+$")
_INT8 = re.compile(r"^0o[0-7]+$")
_INT16 = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_INF = re.compile(r"^[-+]?\.(?:inf|Inf|INF)$")
_NAN = re.compile(r"^\.(?:nan|NaN|NAN)$")

_CORE = "tag:yaml.org,2002:"
_SCALAR_TAGS = {_CORE + t for t in ("str", "int", "float", "bool", "null")}
_COLLECTION_TAGS = {_CORE + "seq", _CORE + "map"}


def resolve_plain(value: str) -> Any:
    """A plain (unquoted) scalar by the YAML 1.2 core schema."""
    if _NULL.match(value):
        return None
    if value in _BOOL:
        return _BOOL[value]
    if _INT10.match(value):
        return int(value)
    if _INT8.match(value):
        return int(value[2:], 8)
    if _INT16.match(value):
        return int(value[2:], 16)
    if _FLOAT.match(value):
        return float(value)
    if _INF.match(value):
        return -math.inf if value.startswith("-") else math.inf
    if _NAN.match(value):
        return math.nan
    return value


# What a plain scalar that resolve_plain turns into something other than text can start with: the rest
# (most of a standard's words and sentences) is text without a regular expression tried.
_MAY_RESOLVE = frozenset("~0123456789+-.nNtTfF")
_WORDS: dict[str, Any] = {"null": None, "Null": None, "NULL": None, **_BOOL}


def _resolve_untagged(value: str) -> Any:
    """resolve_plain for a plain scalar, with the common words looked up rather than matched.

    A word starting with a letter can only be null or a boolean; `_NULL`'s `$` also matches before a final
    line break, which libyaml never leaves at the end of a plain scalar, but such a value still goes the
    long way.
    """
    if value and value[0].isalpha() and value[-1] != "\n":
        return _WORDS.get(value, value)
    return resolve_plain(value)


def _resolve_tagged(value: str, tag: str) -> Any:
    """A scalar with an explicit core tag; raises ValueError when the value does not fit."""
    if tag == _CORE + "str":
        return value
    resolved: Any = resolve_plain(value)
    kinds: dict[str, type | tuple[type, ...]] = {"int": int, "float": (int, float), "bool": bool, "null": type(None)}
    expected = kinds[tag[len(_CORE) :]]
    if not isinstance(resolved, expected) or (tag.endswith("int") and isinstance(resolved, bool)):
        raise ValueError(value)
    return float(cast("float", resolved)) if tag.endswith("float") else resolved


def short_tag(tag: str) -> str:
    """`tag:yaml.org,2002:python/object` as its author wrote it: `!!python/object`."""
    return "!!" + tag[len(_CORE) :] if tag.startswith(_CORE) else tag


def _location(mark: Any) -> Location:
    return Location(mark.line + 1, mark.column + 1)


@dataclass(slots=True)
class _Frame:
    """A mapping or sequence being built; `row` is its node in the SourceMap.

    `start` is the builder's node count just after the frame was placed: its weight (itself and every
    value under it, aliases expanded) is 1 + what was counted since, so no count is kept per frame.
    """

    container: Any
    row: int
    anchor: str | None
    is_map: bool
    start: int
    key: str | None = None
    key_mark: tuple[int, int] | None = None
    keys_seen: dict[str, int] = field(default_factory=dict)


class _Abort(Exception):
    """Reading this document cannot go on; the finding says why."""

    def __init__(self, finding: Finding, ends_file: bool = False) -> None:
        super().__init__(finding.rule)
        self.finding = finding
        self.ends_file = ends_file


_RULE_OF = {
    "unreadable": "YML001",
    "not_regular": "YML001",
    "encoding": "YML002",
    "utf16": "YML002",
    "binary": "YML002",
    "syntax": "YML003",
    "complex_key": "YML003",
    "undefined_alias": "YML003",
    "recursive_alias": "YML003",
    "duplicate_key": "YML004",
    "tag": "YML005",
    "bad_tagged_value": "YML005",
    "merge_key": "YML005",
    "too_deep": "YML006",
    "too_many_nodes": "YML006",
    "too_much_text": "YML006",
    "too_many_documents": "YML006",
    "too_large": "YML006",
    "not_mapping": "YML007",
    "empty_file": "YML007",
}


def reading_finding(kind: str, at: Location, pointer: str = "", **params: object) -> Finding:
    """A reading problem as a finding; every one of them is an error."""
    return Finding(
        rule=_RULE_OF[kind],
        severity=Severity.ERROR,
        message=MESSAGES.text(kind, **params),
        pointer=pointer,
        line=at.line,
        column=at.column,
    )


class _DocumentBuilder:
    """Turns one document's parser events into data, a SourceMap and reading findings.

    Each node is recorded as one SourceMap row (its parent's row and its token); pointer strings and
    Locations are made only for findings. `scalar`, the event of most nodes, does its common case (an
    untagged key or value in a block) inline, in one call; anything unusual goes to the general helpers.
    """

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.max_nodes = limits.max_nodes
        self.max_text = limits.max_file_bytes
        self.source = SourceMap()
        self.rows = self.source.rows()
        self.findings: list[Finding] = []
        self.stack: list[_Frame] = []
        self.top: _Frame | None = None
        """The innermost open mapping or sequence (the last of `stack`), None at the root."""
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.open_anchors: set[str] = set()
        self.total = 0
        self.text = 0
        """Characters of keys and scalar values, aliases expanded: bounded like the file's bytes."""
        self.root: Any = None

    def feed(self, event: events.Event) -> None:
        """One event of the document (load_text dispatches the same way, inline)."""
        kind = type(event)
        if kind is events.ScalarEvent:
            self.scalar(event)
        elif kind is events.MappingStartEvent or kind is events.SequenceStartEvent:
            self.start(event, {} if kind is events.MappingStartEvent else [])
        elif kind is events.MappingEndEvent or kind is events.SequenceEndEvent:
            self.end()
        elif kind is events.AliasEvent:
            self.alias(event)  # type: ignore[arg-type]

    def _expects_key(self) -> bool:
        frame = self.top
        return frame is not None and frame.is_map and frame.key is None

    def _frame_pointer(self) -> str:
        return self.source.pointer(self.stack[-1].row)

    def _child_pointer(self) -> str:
        if not self.stack:
            return ""
        frame = self.stack[-1]
        if isinstance(frame.container, list):
            return join_pointer(self._frame_pointer(), len(frame.container))
        return join_pointer(self._frame_pointer(), frame.key or "")

    def scalar(self, event: Any) -> None:
        """A key, or a value placed in its parent (events come from libyaml's C parser, untyped)."""
        value: str = event.value
        mark = event.start_mark
        self.text += len(value)
        if self.text > self.max_text:
            self._add_text(0, mark)  # raises
        frame = self.top
        if frame is not None and frame.is_map and frame.key is None:
            if event.tag is None and value != "<<" and value not in frame.keys_seen:
                frame.keys_seen[value] = mark.line + 1
                frame.key = value
                frame.key_mark = (mark.line, mark.column)
            else:
                self._take_key(event, mark)
            return
        if event.tag is None and (event.style or (value and value[0] not in _MAY_RESOLVE)):
            data = value  # quoted or block text, or plain text no core-schema value starts like: hot
        else:
            data = self._scalar_value(event)
        self.total += 1
        if event.anchor or self.total > self.max_nodes:
            self._count(event.anchor, data, mark)
        at = (mark.line, mark.column)
        if frame is None:
            self.root = data
            self.rows.append((-1, "", at, None))
        elif frame.is_map:
            key = frame.key
            if key is not _SKIP:
                frame.container[key] = data
                self.rows.append((frame.row, cast("str", key), at, frame.key_mark))
            else:
                self.rows.append((frame.row, _SKIP, None, None))  # a duplicate key's value: not recorded
            frame.key = None
        else:
            container = frame.container
            self.rows.append((frame.row, len(container), at, None))
            container.append(data)

    def _scalar_value(self, event: Any) -> Any:
        """A plain scalar by the core schema; a tagged one resolved by its core tag, or reported."""
        tag = event.tag
        if tag is None or tag == "!":
            return event.value if event.style else _resolve_untagged(event.value)
        at = _location(event.start_mark)
        pointer = self._child_pointer()
        if tag not in _SCALAR_TAGS:
            self.findings.append(reading_finding("tag", at, pointer, tag=short_tag(tag)))
            return event.value
        try:
            return _resolve_tagged(event.value, tag)
        except ValueError:
            self.findings.append(
                reading_finding("bad_tagged_value", at, pointer, tag=short_tag(tag), value=event.value)
            )
            return event.value

    def _take_key(self, event: events.ScalarEvent, mark: Any) -> None:
        frame = self.stack[-1]
        key = event.value
        if event.tag not in (None, "!", _CORE + "str"):
            pointer = join_pointer(self._frame_pointer(), key)
            self.findings.append(reading_finding("tag", _location(mark), pointer, tag=short_tag(event.tag)))
        if key == "<<" and not event.style:
            self.findings.append(
                reading_finding("merge_key", _location(mark), join_pointer(self._frame_pointer(), key))
            )
        if key in frame.keys_seen:
            first = frame.keys_seen[key]
            pointer = join_pointer(self._frame_pointer(), key)
            self.findings.append(reading_finding("duplicate_key", _location(mark), pointer, key=key, first=first))
            key = None  # type: ignore[assignment]
        else:
            frame.keys_seen[key] = mark.line + 1
        frame.key = key if key is not None else _SKIP
        frame.key_mark = (mark.line, mark.column)

    def _count(self, anchor: str | None, data: Any, mark: Any) -> None:
        """A scalar over the node limit stops the document; an anchored one is remembered."""
        if self.total > self.max_nodes:
            raise _Abort(reading_finding("too_many_nodes", _location(mark), "", limit=self.max_nodes))
        if anchor:
            self.anchors[anchor] = (data, 1)

    def _place(self, value: Any, weight: int, mark: Any) -> int:
        """Put a collection or an alias's value in its parent; its row in the SourceMap."""
        self.total += weight
        if self.total > self.max_nodes:
            raise _Abort(reading_finding("too_many_nodes", _location(mark), "", limit=self.max_nodes))
        at = (mark.line, mark.column)
        rows = self.rows
        row = len(rows)
        frame = self.top
        if frame is None:
            self.root = value
            rows.append((-1, "", at, None))
        elif frame.is_map:
            key = frame.key
            if key is not _SKIP:
                frame.container[key] = value
                rows.append((frame.row, cast("str", key), at, frame.key_mark))
            else:
                rows.append((frame.row, _SKIP, None, None))  # a duplicate key's value: not recorded
            frame.key = None
        else:
            rows.append((frame.row, len(frame.container), at, None))
            frame.container.append(value)
        return row

    def start(self, event: Any, container: Any) -> None:
        mark = event.start_mark
        if self._expects_key():
            raise _Abort(reading_finding("complex_key", _location(mark), self._frame_pointer()))
        if len(self.stack) >= self.limits.max_depth:
            # Ends the file: libyaml's scanner is quadratic in flow depth, so skipping `[[[[...` would hang.
            raise _Abort(reading_finding("too_deep", _location(mark), "", limit=self.limits.max_depth), ends_file=True)
        tag = event.tag
        if tag is not None and tag != "!" and tag not in _COLLECTION_TAGS:
            self.findings.append(reading_finding("tag", _location(mark), self._child_pointer(), tag=short_tag(tag)))
        row = self._place(container, 1, mark)
        if event.anchor:
            self.open_anchors.add(event.anchor)
        frame = self.top = _Frame(container, row, event.anchor, type(container) is dict, self.total)
        self.stack.append(frame)

    def end(self) -> None:
        stack = self.stack
        frame = stack.pop()
        self.top = stack[-1] if stack else None
        if frame.anchor:
            self.open_anchors.discard(frame.anchor)
            self.anchors[frame.anchor] = (frame.container, 1 + self.total - frame.start)

    def alias(self, event: events.AliasEvent) -> None:
        mark = event.start_mark
        anchor = event.anchor or ""
        if anchor in self.open_anchors:
            raise _Abort(reading_finding("recursive_alias", _location(mark), self._child_pointer(), anchor=anchor))
        if anchor not in self.anchors:
            raise _Abort(reading_finding("undefined_alias", _location(mark), self._child_pointer(), anchor=anchor))
        value, weight = self.anchors[anchor]
        if self._expects_key():
            if not isinstance(value, str):
                raise _Abort(reading_finding("complex_key", _location(mark), self._frame_pointer()))
            self._add_text(len(value), mark)
            self._take_key(events.ScalarEvent(None, None, (True, False), value, mark), mark)
            return
        self._place(value, weight, mark)
        self._add_text(_text_size(value), mark)  # walks `weight` nodes: all aliases together walk max_nodes

    def _add_text(self, size: int, mark: Any) -> None:
        """One long value repeated 10,000 times by aliases costs what 10,000 copies would in every rule."""
        self.text += size
        if self.text > self.max_text:
            raise _Abort(reading_finding("too_much_text", _location(mark), "", limit=self.max_text))


def _text_size(value: Any) -> int:
    """The characters of a value's keys and scalars, as its YAML text gave them (numbers count one)."""
    if isinstance(value, str):
        return len(value)
    if isinstance(value, dict):
        return sum(len(key) + _text_size(item) for key, item in value.items())
    if isinstance(value, list):
        return sum(_text_size(item) for item in value)
    return 1


_SKIP = "\x00skip"


def _finish(builder: _DocumentBuilder, path: str, index: int) -> LoadedDocument | None:
    """The document as read, or None for an empty document (which is skipped)."""
    data = builder.root
    findings = list(builder.findings)
    if data is None and not findings:
        return None
    if data is not None and not isinstance(data, dict):
        found = Text(*_KIND_NAMES[type(data) is list])
        findings.append(reading_finding("not_mapping", builder.source.value(""), "", found=found.en, found_id=found.id))
        data = None
    return LoadedDocument(path, index, data, builder.source, tuple(findings))


_KIND_NAMES = {True: ("a list", "daftar"), False: ("a single value", "satu nilai tunggal")}


# libyaml's problems, as an author would understand them; anything else is shown as libyaml says it.
SYNTAX_PROBLEMS: dict[str, tuple[str, str]] = {
    "mapping values are not allowed in this context": (
        "a colon followed by a space starts a new key here; put a value that contains ': ' in quotes",
        "titik dua yang diikuti spasi memulai kunci baru di sini; beri tanda kutip pada nilai yang memuat ': '",
    ),
    "mapping values are not allowed here": (
        "a colon followed by a space starts a new key here; put a value that contains ': ' in quotes",
        "titik dua yang diikuti spasi memulai kunci baru di sini; beri tanda kutip pada nilai yang memuat ': '",
    ),
    "did not find expected key": (
        "a line is not indented like the keys around it",
        "ada baris yang indentasinya tidak sejajar dengan kunci di sekitarnya",
    ),
    "did not find expected '-' indicator": (
        "a line inside a list is not indented like the list's items (`- ...`)",
        "ada baris di dalam daftar yang indentasinya tidak sejajar dengan butir daftar (`- ...`)",
    ),
    "did not find expected node content": (
        "a value is missing or a bracket is not closed",
        "ada nilai yang hilang atau tanda kurung yang belum ditutup",
    ),
    "did not find expected ',' or ']'": (
        "a list in square brackets `[...]` is not closed, or two items lack a comma between them",
        "daftar dalam kurung siku `[...]` belum ditutup, atau dua butir tidak dipisahkan koma",
    ),
    "did not find expected ',' or '}'": (
        "a mapping in braces `{...}` is not closed, or two entries lack a comma between them",
        "pemetaan dalam kurung kurawal `{...}` belum ditutup, atau dua entri tidak dipisahkan koma",
    ),
    "found character that cannot start any token": (
        "a value starts with a character YAML reserves (such as @, ` or a tab); put the value in quotes "
        "and indent with spaces",
        "nilai diawali karakter khusus YAML (misalnya @, ` atau tab); beri tanda kutip pada nilai dan "
        "gunakan spasi untuk indentasi",
    ),
    "found unexpected end of stream": (
        "a quotation mark is opened but never closed",
        "tanda kutip dibuka tetapi tidak pernah ditutup",
    ),
    "found unknown escape character": (
        'a backslash inside "double quotes" starts an unknown escape; use single quotes or write \\\\',
        'garis miring terbalik di dalam "tanda kutip ganda" membentuk escape yang tidak dikenal; gunakan '
        "tanda kutip tunggal atau tulis \\\\",
    ),
    "found undefined tag handle": (
        "a value starts with `!`, which YAML reads as a tag; put the value in quotes",
        "nilai diawali `!`, yang dibaca YAML sebagai tag; beri tanda kutip pada nilai tersebut",
    ),
    "could not find expected ':'": (
        "a key is not followed by a colon",
        "ada kunci yang tidak diikuti titik dua",
    ),
}


LIBYAML_DEPTH_LIMIT = "exceeded maximum nesting depth"  # libyaml 0.2.6 and later stop there themselves


def _syntax_finding(error: yaml.YAMLError, limits: Limits) -> Finding:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    at = _location(mark) if mark is not None else Location(1, 1)
    problem = str(getattr(error, "problem", None) or getattr(error, "reason", None) or error)
    if problem == LIBYAML_DEPTH_LIMIT:
        return reading_finding("too_deep", at, "", limit=limits.max_depth)
    problem_en, problem_id = SYNTAX_PROBLEMS.get(problem, (problem, problem))
    return reading_finding("syntax", at, "", problem_en=problem_en, problem_id=problem_id)


def load_text(text: str, path: str = "<text>", limits: Limits = DEFAULT_LIMITS) -> list[LoadedDocument]:
    """Every non-empty document in `text`, in order; a syntax error ends the file with a finding."""
    parser = CParser(text)
    get_event = parser.get_event
    documents: list[LoadedDocument] = []
    index = 0
    try:
        while (event := get_event()) is not None:
            if type(event) is not _DOCUMENT_START:
                continue
            if index >= limits.max_documents:
                at = _location(event.start_mark)
                finding = reading_finding("too_many_documents", at, "", limit=limits.max_documents)
                documents.append(LoadedDocument(path, index, None, SourceMap(), (finding,)))
                break
            builder = _DocumentBuilder(limits)
            try:
                _build(builder, get_event)
            except _Abort as abort:
                aborted, stop = _aborted(builder, abort, parser, path, index, limits)
                documents.append(aborted)
                if stop:
                    break
            else:
                loaded = _finish(builder, path, index)
                if loaded is not None:
                    documents.append(loaded)
            index += 1
    except yaml.YAMLError as error:
        documents.append(LoadedDocument(path, index, None, SourceMap(), (_syntax_finding(error, limits),)))
    finally:
        parser.dispose()
    return documents


def _build(builder: _DocumentBuilder, get_event: Any) -> None:
    """Feed one document's events to the builder, up to its end (the builder's `feed`, inline: once per event)."""
    scalar, start, end = builder.scalar, builder.start, builder.end
    while True:
        event = get_event()
        kind = type(event)
        if kind is _SCALAR:
            scalar(event)
        elif kind is _MAPPING_START:
            start(event, {})
        elif kind is _SEQUENCE_START:
            start(event, [])
        elif kind is _MAPPING_END or kind is _SEQUENCE_END:
            end()
        elif kind is _DOCUMENT_END or event is None:
            return
        else:
            builder.feed(event)


def _aborted(
    builder: _DocumentBuilder, abort: _Abort, parser: Any, path: str, index: int, limits: Limits
) -> tuple[LoadedDocument, bool]:
    """The document a builder gave up on, and whether reading the file stops there."""
    found = (*builder.findings, abort.finding)
    stopped = None if abort.ends_file else _skip_document(parser, limits)
    if stopped is not None:
        found += (stopped,)
    return LoadedDocument(path, index, None, builder.source, found), abort.ends_file or stopped is not None


_SCALAR, _DOCUMENT_START, _DOCUMENT_END = events.ScalarEvent, events.DocumentStartEvent, events.DocumentEndEvent
_MAPPING_START, _MAPPING_END = events.MappingStartEvent, events.MappingEndEvent
_SEQUENCE_START, _SEQUENCE_END = events.SequenceStartEvent, events.SequenceEndEvent


def _skip_document(parser: Any, limits: Limits) -> Finding | None:
    """Consume events up to and including the end of the current document.

    Gives up with a finding when nesting goes deeper than the limit (libyaml's scanner slows
    quadratically with flow depth, so skipping `[[[[...` to its end would hang) or the YAML breaks.
    """
    depth = 0
    try:
        while parser.check_event():
            event = parser.get_event()
            if isinstance(event, events.CollectionStartEvent):
                depth += 1
                if depth > limits.max_depth:
                    return reading_finding("too_deep", _location(event.start_mark), "", limit=limits.max_depth)
            elif isinstance(event, events.CollectionEndEvent):
                depth -= 1
            elif isinstance(event, events.DocumentEndEvent):
                return None
    except yaml.YAMLError as error:
        return _syntax_finding(error, limits)
    return None


_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_UTF32_BOMS = (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")


def _byte_location(data: bytes, offset: int) -> Location:
    line_start = data.rfind(b"\n", 0, offset) + 1
    column = len(data[line_start:offset].decode("utf-8", errors="replace")) + 1
    return Location(data.count(b"\n", 0, offset) + 1, column)


def decode(data: bytes) -> str | Finding:
    """UTF-8 text (a byte-order mark is fine), or the finding that says why it is not."""
    if data.startswith(_UTF32_BOMS) or data.startswith(_UTF16_BOMS):
        return reading_finding("utf16", Location(1, 1))
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    nul = data.find(b"\x00")
    if nul >= 0:
        looks_utf16 = data[1:64:2].count(b"\x00") > 8 or data[0:64:2].count(b"\x00") > 8
        return reading_finding("utf16" if looks_utf16 else "binary", _byte_location(data, nul))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        at = _byte_location(data, error.start)
        return reading_finding("encoding", at, "", byte=f"0x{data[error.start]:02X}")


def load_bytes(data: bytes, path: str, limits: Limits = DEFAULT_LIMITS) -> list[LoadedDocument]:
    """Every document of a file's content; size and encoding problems become one finding."""
    if len(data) > limits.max_file_bytes:
        finding = reading_finding("too_large", Location(1, 1), "", size=len(data), limit=limits.max_file_bytes)
        return [LoadedDocument(path, 0, None, SourceMap(), (finding,))]
    text = decode(data)
    if isinstance(text, Finding):
        return [LoadedDocument(path, 0, None, SourceMap(), (text,))]
    return load_text(text, path, limits)


def unreadable(path: str, reason: str) -> LoadedDocument:
    """A file that could not be opened or read, as a document with one finding."""
    en, id_ = _REASONS.get(reason, (reason, reason))
    finding = reading_finding("unreadable", Location(1, 1), "", reason_en=en, reason_id=id_)
    return LoadedDocument(path, 0, None, SourceMap(), (finding,))


# The operating system's reasons (and the reader's own) in both languages; others are shown as given.
_REASONS = {
    os.strerror(errno.EACCES): ("permission denied", "izin akses ditolak"),
    os.strerror(errno.EPERM): ("operation not permitted", "operasi tidak diizinkan"),
    os.strerror(errno.ENOENT): ("it does not exist (a broken link?)", "berkas tidak ada (tautan rusak?)"),
    os.strerror(errno.ELOOP): ("its symbolic links form a loop", "tautan simboliknya membentuk putaran"),
    os.strerror(errno.EIO): ("input/output error", "galat masukan/keluaran"),
    os.strerror(errno.EISDIR): ("it is a folder", "ini sebuah folder"),
    os.strerror(errno.ENAMETOOLONG): ("the file name is too long", "nama berkas terlalu panjang"),
    **{f"{en} / {id_}": (en, id_) for en, id_ in files.REASONS},
}


def empty_file(path: str) -> LoadedDocument:
    """A file named on the command line that holds no document at all."""
    return LoadedDocument(path, 0, None, SourceMap(), (reading_finding("empty_file", Location(1, 1)),))
