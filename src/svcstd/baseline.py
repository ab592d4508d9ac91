"""Baselines: record today's findings, then report only new ones (matched by place in the data, never by line)."""

from __future__ import annotations

import codecs
import json
import zlib
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
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
DocumentKey = tuple[str, DocumentRef]

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


class Budget:
    """How many findings each baseline entry still accepts: a Counter by EntryKey, kept compact.

    Per document (path, and id or index) one string of its entries (JSON `[[rule, pointer, count], ...]`,
    zlib-compressed: pointers repeat within a document), unpacked into a Counter while that document's
    findings are counted or matched. About a third of a Counter of 4-tuples. A document opened again in the
    same pass (entries out of order, or two documents sharing an id) stays unpacked for the rest of the pass,
    so no order of entries or documents costs more than two unpackings per document.
    """

    def __init__(self) -> None:
        self._packed: dict[DocumentKey, bytes | Counter[tuple[str, str]]] = {}
        self._key: DocumentKey | None = None
        self._open: Counter[tuple[str, str]] = Counter()
        self._hot = False
        self._seen: set[DocumentKey] = set()

    def _select(self, document: DocumentKey) -> Counter[tuple[str, str]]:
        if document == self._key:
            return self._open
        self._close()
        stored = self._packed.pop(document, None)
        if stored is None:
            self._open = Counter()
        elif isinstance(stored, Counter):
            self._open = stored
        else:
            pairs = json.loads(zlib.decompress(stored).decode("utf-8", "surrogatepass"))
            self._open = Counter({(rule, pointer): count for rule, pointer, count in pairs})
        self._key, self._hot = document, document in self._seen
        self._seen.add(document)
        return self._open

    def _close(self) -> None:
        if self._key is None:
            return
        left = [[rule, pointer, count] for (rule, pointer), count in self._open.items() if count > 0]
        if left and self._hot:
            self._packed[self._key] = self._open
        elif left:
            text = json.dumps(left, ensure_ascii=False, separators=(",", ":"))
            self._packed[self._key] = zlib.compress(text.encode("utf-8", "surrogatepass"), 1)
        self._key, self._open = None, Counter()

    def new_pass(self) -> Budget:
        """Start a pass over the documents (the entries are all counted)."""
        self._close()
        self._seen = set()
        return self

    def clear(self) -> None:
        self._packed.clear()
        self._key, self._open = None, Counter()
        self._seen = set()

    def add(self, key: EntryKey, count: int) -> None:
        self._select((key[0], key[1]))[key[2], key[3]] += count

    def spend(self, key: EntryKey) -> None:
        self._select((key[0], key[1]))[key[2], key[3]] -= 1

    def __getitem__(self, key: EntryKey) -> int:
        return self._select((key[0], key[1]))[key[2], key[3]]

    def keys(self) -> list[EntryKey]:
        """Every entry with a count left (for tests and dict(budget)), unpacking each document once more."""
        self._close()
        found: list[EntryKey] = []
        for document in list(self._packed):
            found.extend((*document, *pair) for pair, count in self._select(document).items() if count > 0)
        self._close()
        return found


def apply_baseline(report: Report, path: Path, settings: Settings) -> Report:
    """The report without the findings the baseline records (up to each count); gates recomputed.

    A report held in memory gets a new tuple; one read back from a spill (a DocumentStream) gets a
    stream over it that drops the known findings as each document is read (`Baselined`).
    """
    budget = load_baseline(path).new_pass()
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
    `_without_known` does for a held report, in any order and as often as a reporter reads it; one that
    loses none and keeps its gate reads back as it is.
    """

    def __init__(self, source: Sequence[DocumentResult], budget: Budget, settings: Settings) -> None:
        self._source = source
        self._settings = settings
        self._dropped: dict[int, int] = {}
        counter = TallyCounter()
        for position, doc in enumerate(source):
            dropped = 0
            for number, finding in enumerate(doc.findings):
                entry = _known_entry(doc, finding, budget) if finding.waiver is None else None
                if entry is not None:
                    budget.spend(entry)
                    dropped |= 1 << number
            filtered = self._filtered(doc, dropped)
            if dropped or filtered.passed != doc.passed:  # else the document reads back as it is
                self._dropped[position] = dropped
            counter.add(filtered)
        self._tally = counter.tally()

    def _filtered(self, doc: DocumentResult, dropped: int) -> DocumentResult:
        kept = [finding for number, finding in enumerate(doc.findings) if not dropped >> number & 1]
        return replace(doc, findings=tuple(kept), passed=passes_gate(kept, self._settings))

    def tally(self) -> Tally:
        return self._tally

    def __len__(self) -> int:
        return len(self._source)

    def document(self, position: int) -> DocumentResult:
        return self._made(position, self._source[position])

    def __iter__(self) -> Iterator[DocumentResult]:  # one pass over the source, as a spill reads fastest
        for position, doc in enumerate(self._source):
            yield self._made(position, doc)

    def _made(self, position: int, doc: DocumentResult) -> DocumentResult:
        dropped = self._dropped.get(position)
        return doc if dropped is None else self._filtered(doc, dropped)


def load_baseline(path: Path, chunk: int = 1 << 16) -> Budget:
    """The baseline's entries as a budget per key; an unreadable or malformed file cannot run (exit 2).

    Read as a stream (`_Reader`): what is held is the budget, one entry while it is parsed and a window of
    the file's text, never the whole JSON value. The result, and the message for a bad file, are those of
    reading the whole value with `files.read_json` and validating it against SCHEMA (`tests/test_baseline_stream.py`
    compares the two). `chunk` is how many bytes are read at a time (small in tests, to cut values apart).
    """
    try:
        reader = _Reader(path, chunk)
    except (OSError, ValueError) as error:
        raise ConfigError(MESSAGES.text("unreadable", path=str(path), reason=files.reason(error))) from None
    with reader:
        try:
            top = reader.read()
        except (OSError, ValueError) as error:
            raise ConfigError(MESSAGES.text("unreadable", path=str(path), reason=files.reason(error))) from None
    problem = reader.problem(top)
    if problem is not None:
        where = "/".join(str(part) for part in problem.absolute_path) or "/"
        reason = f"{where}: {problem.message}"
        raise ConfigError(MESSAGES.text("invalid", path=str(path), version=VERSION, reason=reason))
    return reader.budget.new_pass()


_VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)
_ENTRY_VALIDATOR = jsonschema.Draft202012Validator(SCHEMA["properties"]["entries"]["items"])
_RELEVANCE: Callable[[jsonschema.ValidationError], Any] = jsonschema.exceptions.relevance
_WHITESPACE = " \t\n\r"
_JSON = json.JSONDecoder(
    parse_constant=files._refuse_constant, parse_float=files._finite_float, parse_int=files._short_int
)
_SCAN: Callable[[str, int], tuple[Any, int]] = _JSON.scan_once  # type: ignore[attr-defined]
_LOOKAHEAD = 16
"""A value that ends, or an error found, this many characters before the window's end is what the whole
text gives too: the scanner never looks further ahead (a number's `1.`/`1e+`, an escaped surrogate pair)."""
_TOKEN_END = frozenset("0123456789+-.eEaNIinfty")
"""A window ending in one of these may have cut a number or constant whose check failed (NaN, 120 digits)."""


def _trailing_comma(text: str) -> tuple[str, int] | None:
    """What this Python's json says of `[1,]` / `{"a":1,}`: 3.13 names the comma, older ones the bracket."""
    try:
        json.loads(text)
    except json.JSONDecodeError as error:
        return (error.msg, error.pos) if error.msg.startswith("Illegal trailing comma") else None
    return None  # pragma: no cover


_TRAILING = {"]": _trailing_comma("[1,]"), "}": _trailing_comma('{"a":1,}')}


class _Reader:
    """svcstd's baseline JSON read a window at a time, as `json.loads` would read it whole.

    Two passes over one open file: the first checks what `files.read_json` checks of the bytes (size,
    empty, UTF-8) so that its message comes first as it did; the second walks the top-level object and
    the `entries` array itself and lets json's scanner read each entry (and each other value), so the
    syntax errors, their places and the refused numbers are json's own, in the same order. Each entry is
    counted into the budget as it is read, or validated against the entry schema when it is not of the
    plain shape svcstd writes; only the most relevant schema error is kept (jsonschema's `best_match`
    over the whole value picks it the same way: the shallowest, then by path).
    """

    def __init__(self, path: Path, chunk: int) -> None:
        self._chunk = max(chunk, 4 * _LOOKAHEAD)
        self._stream, info = files.open_regular(path)
        try:
            if info.st_size > files.DATA_MAX_BYTES:
                raise files.UnsafeFileError(files.TOO_LARGE, str(path), limit=files.DATA_MAX_BYTES)
            self._size = self._check_bytes(path)
        except BaseException:
            self._stream.close()
            raise
        self._decoder = codecs.getincrementaldecoder("utf-8")()
        self._left = self._size
        self.text = ""  # the window: the file's text from `self.base` on
        self.base = 0
        self._lines = 0  # newlines before `base`, and the place of the last one (json's line and column)
        self._last_newline = -1
        self.eof = False
        self.budget = Budget()
        self._path = ""  # the last entry's path, shared by the next ones of the same file
        self._entry_error: jsonschema.ValidationError | None = None

    def __enter__(self) -> _Reader:
        return self

    def __exit__(self, *_: object) -> None:
        self._stream.close()

    def _check_bytes(self, path: Path) -> int:
        """The file's size, after `read_json`'s checks in its order: too large, empty, not UTF-8."""
        decoder = codecs.getincrementaldecoder("utf-8")()
        size, blank, broken = 0, True, False
        while size <= files.DATA_MAX_BYTES:
            raw = self._stream.read(min(self._chunk, files.DATA_MAX_BYTES + 1 - size))
            if not raw:
                break
            size += len(raw)
            blank = blank and not raw.strip()
            if not broken:
                try:
                    decoder.decode(raw)
                except UnicodeDecodeError:
                    broken = True
        if size > files.DATA_MAX_BYTES:
            raise files.UnsafeFileError(files.TOO_LARGE, str(path), limit=files.DATA_MAX_BYTES)
        if blank:
            raise files.BadContentError(files.EMPTY)
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            broken = True
        if broken:
            raise files.BadContentError(files.NOT_UTF8)
        self._stream.seek(0)
        return size

    # --- the window ------------------------------------------------------------------------------------------

    def _more(self, keep: int) -> int:
        """Read on, dropping the text before `keep` (an index in the window); the new index of `keep`."""
        if keep:
            dropped = self.text[:keep]
            newlines = dropped.count("\n")
            if newlines:
                self._lines += newlines
                self._last_newline = self.base + dropped.rindex("\n")
            self.base += keep
            self.text = self.text[keep:]
        want = max(self._chunk, len(self.text))  # at least doubling: a long value costs linear time
        raw = self._stream.read(min(want, self._left)) if self._left > 0 else b""
        self._left -= len(raw)
        try:
            self.text += self._decoder.decode(raw, final=not raw)
        except UnicodeDecodeError:  # changed since the first pass
            raise files.BadContentError(files.NOT_UTF8) from None
        if not raw:
            self.eof = True
        return 0

    def _skip(self, at: int, keep: int | None = None) -> int:
        """The index of the next character that is not JSON whitespace (len(text) at the end of the file);
        the window keeps the text from `keep` on (default: from the first character skipped)."""
        start = at if keep is None else keep
        while True:
            text = self.text
            while at < len(text) and text[at] in _WHITESPACE:
                at += 1
            if at < len(text) or self.eof:
                return at
            self._more(start)
            at -= start
            start = 0

    def _char(self, at: int) -> str:
        """The character at `at` ('' at the end of the file); `at` is the result of `_skip`."""
        return self.text[at] if at < len(self.text) else ""

    def _fail(self, message: str, at: int) -> files.BadContentError:
        """json's own error for the whole text: its message, line, column and place."""
        place = self.base + at
        lines = self._lines + self.text.count("\n", 0, at)
        last = self.text.rfind("\n", 0, at)
        column = place - (self.base + last if last >= 0 else self._last_newline)
        detail = f"{message}: line {lines + 1} column {column} (char {place})"
        return files.BadContentError(files.BAD_JSON, detail=detail.split(";", maxsplit=1)[0])

    def _value(self, at: int) -> tuple[Any, int]:
        """One JSON value at `at` read by json's scanner, the window grown until the answer is the whole text's."""
        while True:
            text = self.text
            try:
                value, end = _SCAN(text, at)
            except StopIteration as stop:
                error: tuple[str, int] | None = ("Expecting value", stop.value)
            except json.JSONDecodeError as problem:
                error = (problem.msg, problem.pos)
            except RecursionError:
                raise files.BadContentError(files.TOO_DEEP) from None
            except files.BadContentError:
                if self.eof or text[-1] not in _TOKEN_END:
                    raise
                error = None
            else:
                if self.eof or end + _LOOKAHEAD <= len(text):
                    return value, end
                error = None
            if error is not None:
                cut = error[1] + _LOOKAHEAD > len(text) or error[0].startswith("Unterminated string")
                if self.eof or not cut:
                    raise self._fail(*error)
            at = self._more(at)

    # --- the structure ---------------------------------------------------------------------------------------

    def read(self) -> Any:
        """The top-level value, its `entries` counted into the budget and replaced by [] when it is a list."""
        self._more(0)
        if self.text.startswith("\ufeff"):
            raise self._fail("Unexpected UTF-8 BOM (decode using utf-8-sig)", 0)
        at = self._skip(0)
        if self._char(at) == "{":
            top, at = self._object(at + 1)
        else:
            top, at = self._value(at)
        at = self._skip(at)
        if at < len(self.text):
            raise self._fail("Extra data", at)
        return top

    def _object(self, at: int) -> tuple[dict[str, Any], int]:
        """The top-level object from after its `{`, as json's scanner reads an object."""
        top: dict[str, Any] = {}
        at = self._skip(at)
        if self._char(at) == "}":
            return top, at + 1
        while True:
            if self._char(at) != '"':
                raise self._fail("Expecting property name enclosed in double quotes", at)
            key, at = self._value(at)
            at = self._skip(at)
            if self._char(at) != ":":
                raise self._fail("Expecting ':' delimiter", at)
            at = self._skip(at + 1)
            if key == "entries" and self._char(at) == "[":
                self.budget.clear()  # a later key of the same name wins, as in a dict
                self._entry_error = None
                top[key], at = self._array(at + 1, self._entry)
            elif key not in SCHEMA["properties"] and self._char(at) == "[":
                top[key], at = self._array(at + 1, None)  # not validated: only its syntax matters
            else:
                if key == "entries":
                    self.budget.clear()
                    self._entry_error = None
                top[key], at = self._value(at)
            at = self._skip(at)
            char = self._char(at)
            if char == "}":
                return top, at + 1
            if char != ",":
                raise self._fail("Expecting ',' delimiter", at)
            comma = self.base + at
            at = self._skip(at + 1, at)
            if _TRAILING["}"] is not None and self._char(at) == "}":
                raise self._fail(_TRAILING["}"][0], comma - self.base)

    def _array(self, at: int, each: Callable[[int, Any], None] | None) -> tuple[list[Any], int]:
        """An array from after its `[`, each item given to `each` with its index as it is read, none kept."""
        at = self._skip(at)
        if self._char(at) == "]":
            return [], at + 1
        number = 0
        while True:
            at = self._more(at) if at > self._chunk else at  # let the text read go
            item, at = self._value(at)
            if each is not None:
                each(number, item)
            number += 1
            at = self._skip(at)
            char = self._char(at)
            if char == "]":
                return [], at + 1
            if char != ",":
                raise self._fail("Expecting ',' delimiter", at)
            comma = self.base + at
            at = self._skip(at + 1, at)
            if _TRAILING["]"] is not None and self._char(at) == "]":
                raise self._fail(_TRAILING["]"][0], comma - self.base)

    def _entry(self, number: int, entry: Any) -> None:
        """One entry counted (the plain shape checked here, any other by the schema), or its error kept."""
        if not _plain(entry):
            errors = list(_ENTRY_VALIDATOR.iter_errors(entry))
            if errors:
                for error in errors:
                    error.path.extendleft((number, "entries"))
                    if self._entry_error is None or _RELEVANCE(error) > _RELEVANCE(self._entry_error):
                        self._entry_error = error
                self.budget.clear()  # the file cannot be used: nothing more is counted
                return
        if self._entry_error is not None:
            return
        document = entry["document"]
        ref = _ref(document["id"], document["index"])
        path = entry["path"]
        if path == self._path:
            path = self._path
        self._path = path
        self.budget.add((path, ref, entry["rule"], entry["pointer"]), entry["count"])

    def problem(self, top: Any) -> jsonschema.ValidationError | None:
        """The schema error `best_match` picks for the whole value (its `entries` already checked one by one)."""
        errors = list(_VALIDATOR.iter_errors(top))
        if self._entry_error is not None and isinstance(top, dict) and top.get("entries") == []:
            errors.append(self._entry_error)
        best: jsonschema.ValidationError | None = jsonschema.exceptions.best_match(errors)
        return best


def _plain(entry: Any) -> bool:
    """An entry as svcstd writes it (exact types), which the schema accepts; anything else is validated."""
    if type(entry) is not dict:
        return False
    document = entry.get("document")
    if type(document) is not dict:
        return False
    index, count, name = document.get("index"), entry.get("count"), document.get("id", 0)
    return (
        type(index) is int
        and index >= 0
        and type(count) is int
        and count >= 1
        and (name is None or type(name) is str)
        and type(entry.get("path")) is str
        and type(entry.get("rule")) is str
        and type(entry.get("pointer")) is str
    )


def _ref(document_id: str | None, index: int) -> DocumentRef:
    return ("id", document_id) if document_id else ("index", index)


def _known_entry(doc: DocumentResult, finding: Finding, budget: Budget) -> EntryKey | None:
    """The entry with budget left for the finding: by its stable anchor, else (an older baseline) its pointer."""
    key = finding_key(doc, finding)
    ref = _ref(key.document_id, key.document_index)
    for pointer in dict.fromkeys((key.pointer, finding.pointer)):
        entry = (key.path, ref, key.rule, pointer)
        if budget[entry] > 0:
            return entry
    return None


def _without_known(doc: DocumentResult, budget: Budget, settings: Settings) -> DocumentResult:
    kept = []
    for finding in doc.findings:
        entry = _known_entry(doc, finding, budget) if finding.waiver is None else None
        if entry is None:
            kept.append(finding)
        else:
            budget.spend(entry)
    passed = passes_gate(kept, settings)  # score minimums are findings already (GAT001, GAT002)
    return replace(doc, findings=tuple(kept), passed=passed)
