"""What several rules derive from one document, derived once per document while the engine judges it.

Rules that need the same list (the procedure's steps, the acts the document cites) ask `shared(doc, derive)`
instead of calling `derive(doc)`. While the engine judges a document (`judging(doc)`), the first call derives
the value and later calls, from any rule, get the same one; outside it (a rule called on its own, as tests
do) every call derives afresh. A derivation must depend on the document alone and return a value no rule
changes (a tuple, not a list). The document is recognised by identity, so a copy is never mistaken for it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

T = TypeVar("T")

Derive = Callable[[Mapping[str, Any]], Any]


class _Memo:
    __slots__ = ("doc", "values")

    def __init__(self, doc: object) -> None:
        self.doc = doc
        self.values: dict[Derive, Any] = {}


_current: ContextVar[_Memo | None] = ContextVar("svcstd_judged_document", default=None)
"""The memo of the document being judged, per thread (a library caller may judge in several at once)."""


def shared(doc: Mapping[str, Any], derive: Callable[[Mapping[str, Any]], T]) -> T:
    """`derive(doc)`, computed once per document while the engine judges `doc`."""
    memo = _current.get()
    if memo is None or memo.doc is not doc:
        return derive(doc)
    try:
        return memo.values[derive]  # type: ignore[no-any-return]
    except KeyError:
        value = memo.values[derive] = derive(doc)
        return value


@contextmanager
def judging(doc: object) -> Iterator[None]:
    """Keep what rules derive from `doc` until the block ends (then it is dropped with the document).

    Inside a block for the same document (judge.py opens one around validation and the rules), the
    outer block's memo serves: what validation derived, the rules get.
    """
    current = _current.get()
    if current is not None and current.doc is doc:
        yield
        return
    token = _current.set(_Memo(doc))
    try:
        yield
    finally:
        _current.reset(token)


JSON_ERRORS = (TypeError, ValueError, RecursionError, OverflowError)


def json_text(doc: Mapping[str, Any]) -> str | None:
    """The document as JSON text (non-ASCII kept), one pass in C; None when it holds a NaN or an infinity, or
    anything JSON cannot hold. Validation's native path (no non-finite number) and TRA090 (no template marker)
    both scan it: `shared(doc, json_text)` makes it once per judged document.

    The same text as `json.dumps(doc, ensure_ascii=False, allow_nan=False)`, and None where that raises, made
    by one encoder built once and without its check for circular references (a dict of the id of every
    container, ~20% of the time): a document that contains itself then ends in a RecursionError instead of
    json's ValueError, and is None either way.
    """
    try:
        return _encode(doc)
    except JSON_ERRORS:
        return None


_encode = json.JSONEncoder(ensure_ascii=False, allow_nan=False, check_circular=False).encode
"""`json.dumps` with those options, its encoder built once (not per call)."""
