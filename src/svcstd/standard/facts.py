"""What several rules derive from one document, derived once per document while the engine judges it.

Rules that need the same list (the procedure's steps, the acts the document cites) ask `shared(doc, derive)`
instead of calling `derive(doc)`. While the engine judges a document (`judging(doc)`), the first call derives
the value and later calls, from any rule, get the same one; outside it (a rule called on its own, as tests
do) every call derives afresh. A derivation must depend on the document alone and return a value no rule
changes (a tuple, not a list). The document is recognised by identity, so a copy is never mistaken for it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from contextvars import ContextVar, Token
from typing import Any, TypeVar

T = TypeVar("T")

Derive = Callable[[Mapping[str, Any]], Any]


class _Memo(dict):  # type: ignore[type-arg]
    """What has been derived from one document, by derivation: a look-up that misses derives the value (and keeps
    it), so a hit is one look-up in C and a miss costs no exception."""

    __slots__ = ("doc",)

    def __init__(self, doc: object) -> None:
        self.doc = doc

    def __missing__(self, derive: Derive) -> Any:
        value = self[derive] = derive(self.doc)  # type: ignore[arg-type]
        return value


_current: ContextVar[_Memo | None] = ContextVar("svcstd_judged_document", default=None)
"""The memo of the document being judged, per thread (a library caller may judge in several at once)."""
_get_current = _current.get


def shared(doc: Mapping[str, Any], derive: Callable[[Mapping[str, Any]], T]) -> T:
    """`derive(doc)`, computed once per document while the engine judges `doc`."""
    memo = _get_current()
    if memo is None or memo.doc is not doc:
        return derive(doc)
    return memo[derive]  # type: ignore[no-any-return]


class judging:  # a class named as the function it replaces: `with judging(doc):`
    """Keep what rules derive from `doc` until the block ends (then it is dropped with the document).

    Inside a block for the same document (judge.py opens one around validation and the rules), the
    outer block's memo serves: what validation derived, the rules get. A class rather than a
    `contextlib.contextmanager` generator: entered twice per judged document, it costs a third as much.
    """

    __slots__ = ("_doc", "_token")

    def __init__(self, doc: object) -> None:
        self._doc = doc
        self._token: Token[_Memo | None] | None = None

    def __enter__(self) -> None:
        current = _get_current()
        if current is None or current.doc is not self._doc:
            self._token = _current.set(_Memo(self._doc))

    def __exit__(self, *exc: object) -> None:
        token = self._token
        if token is not None:
            self._token = None
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
