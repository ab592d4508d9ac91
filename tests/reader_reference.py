"""The reader as it was before issue 17's sixth part, kept verbatim as the reference its rewrite must equal.

`tests/test_reader_rewrite.py` reads the same texts with both and compares data, findings and every position.
Only the builder, its SourceMap and `load_text` are kept here; the messages, scalar resolution, syntax
findings and decoding are unchanged and imported from the reader itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, cast

import yaml
from yaml import events
from yaml._yaml import CParser

from svcstd.model import Finding, LoadedDocument, Location, Text
from svcstd.reading.limits import DEFAULT_LIMITS, Limits
from svcstd.reading.loader import (
    _COLLECTION_TAGS,
    _CORE,
    _MAY_RESOLVE,
    _SCALAR_TAGS,
    _resolve_tagged,
    _resolve_untagged,
    _syntax_finding,
    reading_finding,
    short_tag,
)

# --- the SourceMap of rows, as it was ---------------------------------------------------------------------

Mark = tuple[int, int]  # libyaml's 0-based line and column
Row = tuple[int, "str | int", "Mark | None", "Mark | None"]  # parent row, token, value mark, key mark


def escape_token(token: str) -> str:
    """One JSON Pointer reference token (RFC 6901)."""
    return token.replace("~", "~0").replace("/", "~1")


def unescape_token(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~")


def join_pointer(parent: str, token: str | int) -> str:
    return f"{parent}/{escape_token(str(token))}"


def parent_pointer(pointer: str) -> str:
    return pointer.rsplit("/", 1)[0] if pointer else ""


class SourceMap:
    """JSON Pointer -> (location of the key, location of the value).

    The root pointer "" maps to the document's start. A pointer that is not recorded (a node reached
    through an alias, or a key that is missing) falls back to its nearest recorded ancestor.

    Reading records each node as one row (its parent row, its key or list index, where its value and
    key start), no pointer string: a document is read far more often than a finding asks where
    something is. The reader appends rows itself (`rows()`, one C call per node); the first lookup
    indexes them by (parent, token).
    """

    __slots__ = ("_children", "_rows")

    def __init__(self) -> None:
        self._rows: list[Row] = []
        self._children: dict[tuple[int, str | int], int] | None = None

    def rows(self) -> list[Row]:
        """The rows, for the reader to append to: (parent row or -1 for the root, token, value mark, key mark).

        A value mark None keeps the node's place (its children's parent row) without recording it.
        """
        return self._rows

    def record(self, parent: int, token: str | int, value: Mark | None, key: Mark | None = None) -> int:
        """A node under row `parent` (-1 for the root); `value` None keeps its place without recording it."""
        self._rows.append((parent, token, value, key))
        return len(self._rows) - 1

    def pointer(self, row: int) -> str:
        """The JSON Pointer of a recorded row (for the reader's own findings)."""
        tokens = []
        rows = self._rows
        while row > 0:
            parent, token, _, _ = rows[row]
            tokens.append(escape_token(str(token)))
            row = parent
        return "".join(f"/{token}" for token in reversed(tokens))

    def __contains__(self, pointer: str) -> bool:
        row, exact = self._find(pointer)
        return exact and row >= 0 and self._rows[row][2] is not None

    def value(self, pointer: str) -> Location:
        """Where the value at `pointer` starts (or the nearest recorded ancestor's value)."""
        row, _ = self._find(pointer)
        return _row_location(self._rows[row][2]) if row >= 0 else Location(1, 1)

    def key(self, pointer: str) -> Location:
        """Where the key of `pointer` stands; for list items and the root, where the value starts."""
        row, exact = self._find(pointer)
        if exact and (key := self._rows[row][3]) is not None:
            return _row_location(key)
        return _row_location(self._rows[row][2]) if row >= 0 else Location(1, 1)

    def _find(self, pointer: str) -> tuple[int, bool]:
        """The deepest recorded row on the pointer's path (-1: none), and whether it is the pointer itself."""
        rows = self._rows
        if not rows or rows[0][2] is None:
            return -1, False
        children = self._index()
        row = found = 0
        for token in pointer.split("/")[1:] if pointer else ():
            child = _child(children, row, token)
            if child is None:
                return found, False
            row = child
            if rows[row][2] is not None:
                found = row
        return found, found == row

    def _index(self) -> dict[tuple[int, str | int], int]:
        if self._children is None:
            rows = self._rows
            backwards = range(len(rows) - 1, 0, -1)  # so that the first of equal keys wins
            self._children = {(rows[row][0], rows[row][1]): row for row in backwards}
        return self._children


def _child(children: dict[tuple[int, str | int], int], row: int, token: str) -> int | None:
    key = token  # a token without `~` is its own key (a token never holds `/`): the usual case
    if "~" in token:
        key = unescape_token(token)
        if escape_token(key) != token:
            return None  # not a well-formed token ("~2"), so no recorded pointer
    child = children.get((row, key))
    if child is None and token.isascii() and token.isdigit() and str(int(token)) == token:
        child = children.get((row, int(token)))
    return child


def _row_location(mark: Mark | None) -> Location:
    if mark is None:
        return Location(1, 1)
    return Location(mark[0] + 1, mark[1] + 1)


# --- the builder, as it was ---------------------------------------------------------------------------


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


def load_bytes(data: bytes, path: str, limits: Limits = DEFAULT_LIMITS) -> list[LoadedDocument]:
    """`load_bytes` with the old builder (the size and encoding checks are the reader's own)."""
    from svcstd.reading import loader

    if len(data) > limits.max_file_bytes:
        return loader.load_bytes(data, path, limits)
    text = loader.decode(data)
    if isinstance(text, Finding):
        return loader.load_bytes(data, path, limits)
    return load_text(text, path, limits)
