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
from typing import Any, cast

import yaml
from yaml import events
from yaml._yaml import CParser

from svcstd.i18n import Catalog
from svcstd.model import Finding, LoadedDocument, Location, Severity, Text
from svcstd.reading import files
from svcstd.reading.limits import DEFAULT_LIMITS, Limits
from svcstd.reading.sourcemap import SKIP, SourceMap, join_pointer

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


class _Resolved(dict[str, Any]):
    """{plain scalar that may resolve: `_resolve_untagged` of it}, filled as values are met, for the whole run.

    The plain scalars a standard resolves are few and repeated (`2`, `1`, `0`, `true`, `08:00`: 270 distinct
    among 15,233 in the real corpus), so each is matched once. Only short values are kept, and the dict is
    emptied when full: its size is bounded whatever the files hold. Every value it gives is immutable (None, a
    bool, an int, a float or the text), so one object may stand for every place the same text is written.
    """

    __slots__ = ()
    LIMIT = 4096
    LONGEST = 64

    def __missing__(self, value: str) -> Any:
        resolved = _resolve_untagged(value)
        if len(value) <= self.LONGEST:
            if len(self) >= self.LIMIT:
                self.clear()
            self[value] = resolved
        return resolved


_RESOLVED = _Resolved()


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


_SKIP = SKIP
"""The pending key of a duplicate: its value is read (and checked) but kept nowhere."""


def _build(get_event: Any, limits: Limits, source: SourceMap, findings: list[Finding]) -> Any:  # noqa: PLR0912, PLR0915
    """One document's events, up to its end, as data (None for an empty document).

    Each node becomes one SourceMap row (its parent's row, its key or index, and the 0-based line and column
    where its value and key start: two ints, which the garbage collector stops tracking, not libyaml's marks);
    a mapping's keys, which duplicate keys are found by, map each key to its child's row, so the SourceMap
    needs no index of its own. Reading problems go to `findings`; one that stops the document raises _Abort.

    One loop, every common case inline, with the innermost open mapping or sequence in local variables
    (outer ones on `stack`): the events of a document cost one pass and no call per node of the builder's
    own. Anything unusual (tags, `<<`, duplicate keys, anchors, aliases, limits) goes to the helpers below.
    """
    rows = source.rows()
    append: Any = rows.append  # a row: (parent row, key or index, value line, column, key line, column)
    # The module's names that the loop reads for every event, as locals (a local is the cheapest name to read).
    SCALAR, ALIAS, MAPPING_START, SEQUENCE_START = _SCALAR, _ALIAS, _MAPPING_START, _SEQUENCE_START
    MAPPING_END, SEQUENCE_END, DOCUMENT_END = _MAPPING_END, _SEQUENCE_END, _DOCUMENT_END
    SKIP, may_resolve, resolved = _SKIP, _MAY_RESOLVE, _RESOLVED
    maps = source.mapping_keys()
    anchors: dict[str, tuple[Any, int]] = {}
    open_anchors: set[str] = set()
    stack: list[tuple[Any, bool, dict[str, int], int, str | None, int]] = []
    max_nodes, max_text, max_depth = limits.max_nodes, limits.max_file_bytes, limits.max_depth
    root: Any = None
    container: Any = None  # the innermost open mapping or sequence (None at the root) ...
    is_map = False
    keys: dict[str, int] = {}  # ... its keys so far, each with its child's row (a mapping's)
    row = -1  # ... its row
    anchor: str | None = None  # ... its anchor
    start = 0  # ... the node count just after it was placed: its weight is 1 + what was counted since
    key: str | None = None  # the key waiting for its value (None: a key comes next, in a mapping)
    key_line: int | None = None  # where that key stands
    key_column: int | None = None
    total = text = depth = 0  # nodes (aliases expanded), characters of keys and scalars, open collections
    event: Any = get_event()
    while True:  # each branch leaves the next event in `event`
        kind = type(event)
        if kind is SCALAR:
            value: str = event.value
            text += len(value)
            if text > max_text:
                raise _Abort(reading_finding("too_much_text", _location(event.start_mark), "", limit=max_text))
            tag = event.tag
            if is_map and key is None:
                mark: Any = event.start_mark
                key_line, key_column = mark.line, mark.column
                if tag is not None or value in keys or value == "<<":
                    key = _key(value, tag, event.style, mark, keys, row, source, findings)
                    event = get_event()
                    continue
                keys[value] = len(rows)  # the row its value will take
                event = get_event()
                if type(event) is not SCALAR or event.tag is not None or event.anchor:
                    key = value  # the value is read by the loop's next pass
                    continue
                # The entry's value is a scalar without tag or anchor (most are): placed here, as the
                # scalar branch below would place it, in the same order of checks, with one pass for the entry.
                data = event.value
                text += len(data)
                if text > max_text:
                    raise _Abort(reading_finding("too_much_text", _location(event.start_mark), "", limit=max_text))
                if not event.style and (not data or data[0] in may_resolve):
                    data = resolved[data]  # a number, a date, true, null, ... each resolved once per run
                total += 1
                if total > max_nodes:
                    raise _Abort(reading_finding("too_many_nodes", _location(event.start_mark), "", limit=max_nodes))
                mark = event.start_mark
                container[value] = data
                append((row, value, mark.line, mark.column, key_line, key_column))
                event = get_event()
                continue
            if tag is not None:
                data = _tagged_value(event, _child_pointer(source, row, container, key), findings)
            elif event.style or (value and value[0] not in may_resolve):
                data = value  # quoted or block text, or plain text no core-schema value starts like: most of them
            else:
                data = resolved[value]  # a number, a date, true, null, ... each resolved once per run
            total += 1
            if total > max_nodes:
                raise _Abort(reading_finding("too_many_nodes", _location(event.start_mark), "", limit=max_nodes))
            if event.anchor:
                anchors[event.anchor] = (data, 1)
            mark = event.start_mark
            if is_map:
                if key is not SKIP:
                    container[key] = data
                    append((row, key, mark.line, mark.column, key_line, key_column))
                else:
                    append((row, SKIP, None, None, None, None))  # a duplicate key's value: not recorded
                key = None
            elif container is not None:
                append((row, len(container), mark.line, mark.column, None, None))
                container.append(data)
            else:
                root = data
                append((-1, "", mark.line, mark.column, None, None))
        elif kind is MAPPING_START or kind is SEQUENCE_START:
            mark = event.start_mark
            if is_map and key is None:
                raise _Abort(reading_finding("complex_key", _location(mark), source.pointer(row)))
            if depth >= max_depth:
                # Ends the file: libyaml's scanner is quadratic in flow depth, so skipping `[[[[...` would hang.
                finding = reading_finding("too_deep", _location(mark), "", limit=max_depth)
                raise _Abort(finding, ends_file=True)
            tag = event.tag
            if tag is not None and tag != "!" and tag not in _COLLECTION_TAGS:
                pointer = _child_pointer(source, row, container, key)
                findings.append(reading_finding("tag", _location(mark), pointer, tag=short_tag(tag)))
            total += 1
            if total > max_nodes:
                raise _Abort(reading_finding("too_many_nodes", _location(mark), "", limit=max_nodes))
            new: Any = {} if kind is MAPPING_START else []
            new_row = len(rows)
            if is_map:
                if key is not SKIP:
                    container[key] = new
                    append((row, key, mark.line, mark.column, key_line, key_column))
                else:
                    append((row, SKIP, None, None, None, None))
            elif container is not None:
                append((row, len(container), mark.line, mark.column, None, None))
                container.append(new)
            else:
                root = new
                append((-1, "", mark.line, mark.column, None, None))
            stack.append((container, is_map, keys, row, anchor, start))
            anchor = event.anchor
            if anchor:
                open_anchors.add(anchor)
            container, row, start, key = new, new_row, total, None
            depth += 1
            is_map = kind is MAPPING_START
            if is_map:
                keys = maps[new_row] = {}
        elif kind is MAPPING_END or kind is SEQUENCE_END:
            if anchor:
                open_anchors.discard(anchor)
                anchors[anchor] = (container, 1 + total - start)
            container, is_map, keys, row, anchor, start = stack.pop()
            key = None
            depth -= 1
        elif kind is ALIAS:
            source.aliased()
            mark = event.start_mark
            name: str = event.anchor or ""
            if name in open_anchors:
                pointer = _child_pointer(source, row, container, key)
                raise _Abort(reading_finding("recursive_alias", _location(mark), pointer, anchor=name))
            if name not in anchors:
                pointer = _child_pointer(source, row, container, key)
                raise _Abort(reading_finding("undefined_alias", _location(mark), pointer, anchor=name))
            aliased, weight = anchors[name]
            if is_map and key is None:
                if not isinstance(aliased, str):
                    raise _Abort(reading_finding("complex_key", _location(mark), source.pointer(row)))
                text += len(aliased)
                if text > max_text:
                    raise _Abort(reading_finding("too_much_text", _location(mark), "", limit=max_text))
                key_line, key_column = mark.line, mark.column
                key = _key(aliased, None, None, mark, keys, row, source, findings)
                event = get_event()
                continue
            total += weight
            if total > max_nodes:
                raise _Abort(reading_finding("too_many_nodes", _location(mark), "", limit=max_nodes))
            if is_map:
                if key is not SKIP:
                    container[key] = aliased
                    append((row, key, mark.line, mark.column, key_line, key_column))
                else:
                    append((row, SKIP, None, None, None, None))
                key = None
            elif container is not None:
                append((row, len(container), mark.line, mark.column, None, None))
                container.append(aliased)
            else:
                root = aliased
                append((-1, "", mark.line, mark.column, None, None))
            text += _text_size(aliased)  # walks `weight` nodes: all aliases together walk max_nodes
            if text > max_text:
                raise _Abort(reading_finding("too_much_text", _location(mark), "", limit=max_text))
        elif kind is DOCUMENT_END or event is None:
            return root
        event = get_event()


def _child_pointer(source: SourceMap, row: int, container: Any, key: str | None) -> str:
    """The pointer of the node about to be placed in the open collection (at `row`); "" at the root."""
    if container is None:
        return ""
    if isinstance(container, list):
        return join_pointer(source.pointer(row), len(container))
    return join_pointer(source.pointer(row), key or "")


def _tagged_value(event: Any, pointer: str, findings: list[Finding]) -> Any:
    """A scalar with a tag: `!` is no tag; a core scalar tag resolves the value; any other is reported."""
    tag: str = event.tag
    value: str = event.value
    if tag == "!":
        return value if event.style else _resolve_untagged(value)
    at = _location(event.start_mark)
    if tag not in _SCALAR_TAGS:
        findings.append(reading_finding("tag", at, pointer, tag=short_tag(tag)))
        return value
    try:
        return _resolve_tagged(value, tag)
    except ValueError:
        findings.append(reading_finding("bad_tagged_value", at, pointer, tag=short_tag(tag), value=value))
        return value


def _key(
    key: str,
    tag: str | None,
    style: str | None,
    mark: Any,
    keys: dict[str, int],
    row: int,
    source: SourceMap,
    findings: list[Finding],
) -> str:
    """A key the inline path leaves: tagged, `<<` or seen before (then its value is kept nowhere, `_SKIP`)."""
    if tag not in (None, "!", _CORE + "str"):
        pointer = join_pointer(source.pointer(row), key)
        findings.append(reading_finding("tag", _location(mark), pointer, tag=short_tag(tag)))
    if key == "<<" and not style:
        findings.append(reading_finding("merge_key", _location(mark), join_pointer(source.pointer(row), key)))
    if key in keys:
        first_line = source.rows()[keys[key]][4]  # the first key's line, on its value's row
        first = first_line + 1 if first_line is not None else 0
        pointer = join_pointer(source.pointer(row), key)
        findings.append(reading_finding("duplicate_key", _location(mark), pointer, key=key, first=first))
        source.skip(row, len(source.rows()))
        return _SKIP
    keys[key] = len(source.rows())
    return key


def _text_size(value: Any) -> int:
    """The characters of a value's keys and scalars, as its YAML text gave them (numbers count one)."""
    if isinstance(value, str):
        return len(value)
    if isinstance(value, dict):
        return sum(len(key) + _text_size(item) for key, item in value.items())
    if isinstance(value, list):
        return sum(_text_size(item) for item in value)
    return 1


def _finish(root: Any, source: SourceMap, found: list[Finding], path: str, index: int) -> LoadedDocument | None:
    """The document as read, or None for an empty document (which is skipped)."""
    data = root
    source.finished(root)
    findings = list(found)
    if data is None and not findings:
        return None
    if data is not None and not isinstance(data, dict):
        kind = Text(*_KIND_NAMES[type(data) is list])
        findings.append(reading_finding("not_mapping", source.value(""), "", found=kind.en, found_id=kind.id))
        data = None
    return LoadedDocument(path, index, data, source, tuple(findings))


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


NativeDocuments = list[tuple[Any, list[Any], dict[int, dict[str, int]]]]
"""What the native reader gives for a text: per document, its root, its SourceMap rows and its mapping keys."""


def load_text(text: str, path: str = "<text>", limits: Limits = DEFAULT_LIMITS) -> list[LoadedDocument]:
    """Every non-empty document in `text`, in order; a syntax error ends the file with a finding.

    The native reader reads the common case (see `_native_reader.c`); anything it leaves, the Python reader
    below reads from the start, with every finding. SVCSTD_NATIVE=0 switches the native reader off.
    """
    if _NATIVE_READ is not None and os.environ.get("SVCSTD_NATIVE") != "0":
        read = _read_natively(_NATIVE_READ, text, limits)
        if read is not None:
            return _documents_read(read, path)
    return load_events(text, path, limits)


def _read_natively(read: Any, text: str, limits: Limits) -> NativeDocuments | None:
    """The native reader's documents of `text`, or None where it leaves the text to the Python reader."""
    found: NativeDocuments | None = read(
        text,
        limits.max_depth,
        limits.max_nodes,
        limits.max_file_bytes,
        limits.max_documents,
        _RESOLVED,
        _MAY_RESOLVE_TEXT,
    )
    return found


def _documents_read(read: NativeDocuments, path: str) -> list[LoadedDocument]:
    """The native reader's documents, each finished as the Python reader finishes its own."""
    documents = []
    for index, (root, rows, keys) in enumerate(read):
        loaded = _finish(root, SourceMap.read(rows, keys), [], path, index)
        if loaded is not None:
            documents.append(loaded)
    return documents


def load_events(text: str, path: str = "<text>", limits: Limits = DEFAULT_LIMITS) -> list[LoadedDocument]:
    """`load_text` by the Python reader alone: every document, every reading finding."""
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
            source = SourceMap()
            findings: list[Finding] = []
            try:
                root = _build(get_event, limits, source, findings)
            except _Abort as abort:
                aborted, stop = _aborted(source, findings, abort, parser, path, index, limits)
                documents.append(aborted)
                if stop:
                    break
            else:
                loaded = _finish(root, source, findings, path, index)
                if loaded is not None:
                    documents.append(loaded)
            index += 1
    except yaml.YAMLError as error:
        documents.append(LoadedDocument(path, index, None, SourceMap(), (_syntax_finding(error, limits),)))
    finally:
        parser.dispose()
    return documents


def _aborted(
    source: SourceMap, findings: list[Finding], abort: _Abort, parser: Any, path: str, index: int, limits: Limits
) -> tuple[LoadedDocument, bool]:
    """The document the reader gave up on, and whether reading the file stops there."""
    found = (*findings, abort.finding)
    stopped = None if abort.ends_file else _skip_document(parser, limits)
    if stopped is not None:
        found += (stopped,)
    return LoadedDocument(path, index, None, source, found), abort.ends_file or stopped is not None


_SCALAR, _DOCUMENT_START, _DOCUMENT_END = events.ScalarEvent, events.DocumentStartEvent, events.DocumentEndEvent
_MAPPING_START, _MAPPING_END = events.MappingStartEvent, events.MappingEndEvent
_SEQUENCE_START, _SEQUENCE_END = events.SequenceStartEvent, events.SequenceEndEvent
_ALIAS = events.AliasEvent


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


NATIVE_ABI = 1
"""The native reader's interface version (ABI in `_native_reader.c`); a module built from another is ignored."""

OLDEST_LIBYAML = (0, 2, 5)
"""The oldest libyaml the native reader is used with: older releases parse some valid YAML differently from
the libyaml inside PyYAML, which the Python reader uses (tests/test_native_reader.py compares the two)."""


DIVERGENT = ("[?]]\n", "a: [?]]\nb: 1\n")
"""Texts that libyaml releases read differently (0.2.5 takes `[?]]` for a list holding {'': None}; later
releases, PyYAML's own among them, find a syntax error): the native reader must leave each to the Python reader."""


def _native_reader() -> Any:
    """The native reader's `read`, or None when it was not built, was built for another ABI or from another
    source than the one beside it, links an old libyaml, or reads a text of `DIVERGENT` itself."""
    try:
        from svcstd.reading import _native_reader as native  # type: ignore[attr-defined]
    except ImportError:
        return None
    version = tuple(int(part) for part in re.findall(r"\d+", str(getattr(native, "LIBYAML_VERSION", "")))[:3])
    if getattr(native, "ABI", None) != NATIVE_ABI or version < OLDEST_LIBYAML:
        return None
    source = os.path.join(os.path.dirname(native.__file__ or ""), "_native_reader.c")
    if os.path.isfile(source):  # a development install: the module must be built from the source as it is now
        import hashlib

        with open(source, "rb") as file:
            if hashlib.sha256(file.read()).hexdigest() != getattr(native, "SOURCE_DIGEST", None):
                return None
    try:
        if any(_read_natively(native.read, text, DEFAULT_LIMITS) is not None for text in DIVERGENT):
            return None
    except Exception:  # a module that fails on these fails on others: not used
        return None
    return native.read


_MAY_RESOLVE_TEXT = "".join(sorted(_MAY_RESOLVE))
_NATIVE_READ = _native_reader()


def empty_file(path: str) -> LoadedDocument:
    """A file named on the command line that holds no document at all."""
    return LoadedDocument(path, 0, None, SourceMap(), (reading_finding("empty_file", Location(1, 1)),))
