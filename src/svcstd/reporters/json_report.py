"""The JSON contract of CLI.md: stable keys, versioned by `format_version`."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from math import isfinite as _finite
from operator import attrgetter
from typing import Any, TypeVar

from svcstd.escaping import json_safe, json_text
from svcstd.model import DocumentResult, Finding, PrincipleResult, Report
from svcstd.reporters import RenderOptions

FORMAT_VERSION = 1


def render(report: Report, options: RenderOptions) -> str:
    return "".join(render_chunks(report, options))


def render_chunks(report: Report, options: RenderOptions) -> Iterator[str]:
    """The contract as JSON: the header indented, then one document per line, rendered one at a time.

    Rendering document by document with the C encoder keeps memory flat for a hundred thousand
    standards; the result is the same JSON value as `json.dumps(as_dict(report, lang))`.
    """
    header = as_dict(report, options.lang, with_documents=False)
    head = json_text(header, indent=2)
    yield head[:-2] + ',\n  "documents": ['
    for position, line in enumerate(document_lines(report.documents, options.lang)):
        yield f",\n    {line}" if position else f"\n    {line}"
    yield "\n  ]\n}\n" if len(report.documents) else "]\n}\n"


def render_utf8(report: Report, options: RenderOptions) -> Iterator[bytes] | None:
    """`render_chunks(report, options)` encoded as UTF-8, when the report's documents are a run's spill that kept
    their lines in this language (spill.SpilledDocuments.json_utf8); None otherwise.

    The lines are copied as the bytes the run kept, without being decoded and encoded again (about 12 µs a
    document of the real corpus, in the parent, after the workers are done). The text holds no lone surrogate
    (`json_safe` writes each as an escape), so the bytes are those `write_output` writes for the text.
    """
    made = getattr(report.documents, "json_utf8", None)
    lines: Iterator[memoryview] | None = made(options.lang) if made is not None else None
    if lines is None:
        return None
    header = as_dict(report, options.lang, with_documents=False)
    try:
        head = (json_text(header, indent=2)[:-2] + ',\n  "documents": [').encode("utf-8")
    except UnicodeEncodeError:  # never (json_safe escapes lone surrogates): then written as text
        return None
    return _utf8_chunks(head, lines, len(report.documents))


def _utf8_chunks(head: bytes, lines: Iterator[memoryview], count: int) -> Iterator[bytes]:
    yield head
    separator, batch, size = b"\n    ", [], 0
    for line in lines:  # joined in batches of about a block: a write per batch, not per line
        batch.append(line)
        size += len(line)
        if size >= _BATCH:
            yield separator
            yield b",\n    ".join(batch)
            separator, batch, size = b",\n    ", [], 0
    if batch:
        yield separator
        yield b",\n    ".join(batch)
    yield b"\n  ]\n}\n" if count else b"]\n}\n"


_BATCH = 1 << 18


def document_lines(documents: Sequence[DocumentResult], lang: str) -> Iterator[str]:
    """Each document's line: as the run made it (spill.SpilledDocuments, encoded where it was judged), else now."""
    made = getattr(documents, "json_lines", None)
    lines: Iterator[str] | None = made(lang) if made is not None else None
    return lines if lines is not None else (document_text(doc, lang) for doc in documents)


_ENCODE = json.JSONEncoder(ensure_ascii=False, allow_nan=False).encode
"""`json.dumps(value, ensure_ascii=False, allow_nan=False)` without making an encoder at each call."""


def document_text(doc: DocumentResult, lang: str) -> str:
    """One document of the contract as JSON on one line: `escaping.json_text(_document(doc, lang))`.

    Made from pieces, each as the C encoder writes it: the document's own fields value by value, then each
    principle and each finding, whose text is kept (`_PIECES`) and reused by the next document that holds an
    equal one (a corpus holds few distinct ones: the real corpus, 116 principle results in 6,420 and 766
    findings in 13,156). `json_safe` escapes characters one at a time, so escaping each piece is escaping the
    line. Text that is ASCII without DEL has nothing for `json_safe` to escape (`isascii` is a flag of the
    string), so it is not scanned; tests/reporters/test_json_lines.py and tests/test_io_output_json.py hold
    the line equal to `json_text(_document(doc, lang))`.

    A document's principle results are a tuple that judging shares between documents that scored alike
    (judge._scores), so the text of all of them is kept by that tuple itself (`_principles_text`).
    """
    principles = _principles_text(doc.principles)
    if principles is None:  # a principle given twice: the document's dict of principles holds one of each
        return _whole(doc, lang)
    findings = ", ".join(_findings(doc.findings, lang, _PIECES, _finding_text))
    return f'{_head(doc, lang)}, "principles": {{{principles}}}, "findings": [{findings}]}}'


def document_utf8(doc: DocumentResult, lang: str) -> bytes:
    """`document_text(doc, lang).encode("utf-8", "surrogatepass")`, joined from pieces kept encoded.

    What a run keeps of a document in its spill (spill.Packing). Encoding the whole line cost about as much as
    making it (a few µs per kilobyte of text that is not ASCII, which almost every real document's is); here
    only the document's own fields are encoded, and each principle's and finding's text is encoded once, when
    it is first made. UTF-8 writes each character on its own, so the pieces' bytes joined are the line's.
    """
    principles = _principles_utf8(doc.principles)
    if principles is None:
        return _utf8(_whole(doc, lang))
    findings = b", ".join(_findings(doc.findings, lang, _UTF8_PIECES, _finding_utf8))
    head = _utf8(f'{_head(doc, lang)}, "principles": {{')
    return b"".join((head, principles, b'}, "findings": [', findings, b"]}"))


def _whole(doc: DocumentResult, lang: str) -> str:
    return _safe(_ENCODE(_document(doc, lang)))


def _utf8(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")


def _head(doc: DocumentResult, lang: str) -> str:
    """The document's own fields, up to its principles (without a closing brace)."""
    grade = doc.grade
    return _safe(
        f'{{"path": {_scalar(doc.path)}, "index": {_scalar(doc.index)}, "id": {_scalar(doc.id)}, '
        f'"title": {_scalar(doc.title)}, "valid": {_scalar(doc.valid)}, "passed": {_scalar(doc.passed)}, '
        f'"score": {_scalar(doc.score)}, "grade": {_scalar(grade.key if grade else None)}, '
        f'"grade_label": {_scalar(grade.label(lang) if grade else None)}, "quality": {_scalar(doc.quality)}'
    )


Piece = TypeVar("Piece", str, bytes)


def _findings(
    findings: Sequence[Finding], lang: str, kept: dict[tuple[object, ...], Piece], make: Callable[[Finding, str], Piece]
) -> list[Piece]:
    """Each finding's text (`make`), kept in `kept` by its values and the types of its line and column."""
    pieces, values_of, texts = kept.get, _FINDING_VALUES, []
    for finding in findings:  # a dozen per document: each looked up by its values, read in C
        if finding.origin is None:
            values = values_of(finding)
            key = (values, lang, type(values[4]), type(values[5]))
            text = pieces(key)
            if text is None:
                text = _remember(kept, key, make(finding, lang))
        else:  # an original document's finding: rare, and its place has numbers of its own
            text = make(finding, lang)
        texts.append(text)
    return texts


def _finding_text(finding: Finding, lang: str) -> str:
    return _safe(_ENCODE(_finding(finding, lang)))


def _finding_utf8(finding: Finding, lang: str) -> bytes:
    return _utf8(_finding_text(finding, lang))


def _scalar(value: object) -> str:
    """One value of a document's head as the encoder writes it, without a call of the encoder for the usual types.

    A call of `JSONEncoder.encode` on a mapping makes a new C encoder each time, several times the cost of the ten
    values themselves. A string is what `encode` writes for it (its own shortcut: the C `encode_basestring`,
    called here directly); None, booleans, `int` and finite `float` are written as the encoder writes them
    (`float.__repr__`, `int.__repr__`); anything else (a subclass, a non-finite number, which the encoder refuses)
    goes to the encoder.
    """
    kind = type(value)
    if kind is str:
        return _STRING(value)  # type: ignore[arg-type]  # a str: `kind is str`
    if value is None:
        return "null"
    if kind is bool:
        return "true" if value else "false"
    if kind is int:
        return int.__repr__(value)
    if kind is float and _finite(value):  # type: ignore[arg-type]
        return float.__repr__(value)
    return _ENCODE(value)


_STRING = json.encoder.encode_basestring
"""What `_ENCODE` writes for a `str` (`JSONEncoder.encode`'s shortcut without `ensure_ascii`), without its frame."""


def _principles_text(principles: tuple[PrincipleResult, ...]) -> str | None:
    """The entries of `principles` (`"simplicity": {...}, ...`), or None when a principle is given twice.

    Kept by the tuple itself (its identity, checked with `is`, the tuple held so that its id is never reused):
    judging returns the same tuple for documents whose rules ended alike, and a tuple of frozen results is the
    same text every time. Any other tuple (a document read back from a pickle) is made from the pieces.
    """
    kept = _BY_TUPLE.get(id(principles))
    if kept is not None and kept[0] is principles:
        return kept[1]
    if len({result.principle for result in principles}) < len(principles):
        return None
    text = ", ".join([_principle_text(result) for result in principles])
    _keep(_BY_TUPLE, principles, text)
    return text


def _principles_utf8(principles: tuple[PrincipleResult, ...]) -> bytes | None:
    """`_principles_text(principles)` as UTF-8, kept the same way."""
    kept = _UTF8_BY_TUPLE.get(id(principles))
    if kept is not None and kept[0] is principles:
        return kept[1]
    text = _principles_text(principles)
    if text is None:
        return None
    blob = _utf8(text)
    _keep(_UTF8_BY_TUPLE, principles, blob)
    return blob


def _keep(kept: dict[int, tuple[tuple[PrincipleResult, ...], Piece]], principles: object, piece: Piece) -> None:
    if type(principles) is tuple:  # never a list, which could change
        if len(kept) >= _BY_TUPLE_LIMIT:
            kept.clear()
        kept[id(principles)] = (principles, piece)


_BY_TUPLE: dict[int, tuple[tuple[PrincipleResult, ...], str]] = {}
"""id of a document's tuple of principle results -> (that tuple, kept so the id stays its own; its text)."""
_UTF8_BY_TUPLE: dict[int, tuple[tuple[PrincipleResult, ...], bytes]] = {}
_BY_TUPLE_LIMIT = 256
"""As many as judge.py's memo of scores keeps (each tuple held here is one a document holds, or held there)."""


def _safe(text: str) -> str:
    return text if text.isascii() and "\x7f" not in text else json_safe(text)


_PIECES: dict[tuple[object, ...], str] = {}
"""Each principle result's and finding's JSON text, by its value and the types of its numbers (1 == 1.0 ==
True, but they are written `1`, `1.0` and `true`); emptied when it grows past `_PIECES_LIMIT`."""
_UTF8_PIECES: dict[tuple[object, ...], bytes] = {}
"""Each finding's JSON text as UTF-8 (`document_utf8`), kept as `_PIECES` keeps its text."""
_PIECES_LIMIT = 8192


_PRINCIPLE_VALUES = attrgetter(*PrincipleResult.__slots__)
_FINDING_VALUES = attrgetter("rule", "severity", "message", "pointer", "line", "column", "principle", "waiver", "file")
"""What a finding's JSON is made of (not `anchor`; `origin` is never cached), read in C: the key of its text.

The key is the values, not the result or the finding itself, whose dataclass `__hash__` and `__eq__` run in Python
at every look-up."""


def _principle_text(result: PrincipleResult) -> str:
    """`"simplicity": {...}`, the principle's entry of `principles`."""
    key = (_PRINCIPLE_VALUES(result), type(result.score), type(result.quality))
    text = _PIECES.get(key)
    if text is None:
        text = _remember(_PIECES, key, _safe(f"{_ENCODE(result.principle.value)}: {_ENCODE(_principle(result))}"))
    return text


def _remember(kept: dict[tuple[object, ...], Piece], key: tuple[object, ...], piece: Piece) -> Piece:
    if len(kept) >= _PIECES_LIMIT:
        kept.clear()
    kept[key] = piece
    return piece


def as_dict(report: Report, lang: str, with_documents: bool = True) -> dict[str, Any]:
    tally = report.tally()
    contract: dict[str, Any] = {
        "tool": {"name": "svcstd", "version": report.tool_version},
        "format_version": FORMAT_VERSION,
        "as_of": report.as_of,
        "summary": {
            "documents": tally.documents,
            "passed": tally.passed,
            "failed": tally.failed,
            "invalid": tally.invalid,
            "findings": tally.counts._asdict(),
        },
    }
    if report.notes:
        contract["notes"] = [note(lang) for note in report.notes]
    if with_documents:
        contract["documents"] = [_document(doc, lang) for doc in report.documents]
    return contract


def _document(doc: DocumentResult, lang: str) -> dict[str, Any]:
    return {
        "path": doc.path,
        "index": doc.index,
        "id": doc.id,
        "title": doc.title,
        "valid": doc.valid,
        "passed": doc.passed,
        "score": doc.score,
        "grade": doc.grade.key if doc.grade else None,
        "grade_label": doc.grade.label(lang) if doc.grade else None,
        "quality": doc.quality,
        "principles": {p.principle.value: _principle(p) for p in doc.principles},
        "findings": [_finding(f, lang) for f in doc.findings],
    }


def _principle(result: PrincipleResult) -> dict[str, Any]:
    return {
        "score": result.score,
        "passed": list(result.passed),
        "failed": list(result.failed),
        "not_applicable": list(result.not_applicable),
        "waived": list(result.waived),
        "quality": result.quality,
    }


def _finding(finding: Finding, lang: str) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "rule": finding.rule,
        "principle": finding.principle.value if finding.principle else None,
        "severity": finding.severity.value,
        "message": finding.message(lang),
        "pointer": finding.pointer,
        "line": finding.line,
        "column": finding.column,
        "waived": finding.waived,
    }
    if finding.waiver is not None:
        entry["waiver"] = finding.waiver._asdict()
    if finding.origin is not None:  # a finding in an original document (.docx, .pdf, .html, .xlsx)
        entry["origin"] = {**finding.origin.as_json(), "text": finding.origin.describe(lang)}
    if finding.file is not None:
        entry["file"] = finding.file  # a shared file (`uses:`): line and column are in it
    return entry
