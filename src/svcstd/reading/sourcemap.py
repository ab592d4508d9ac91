"""Where each node of a parsed document stands in its file, looked up by JSON Pointer."""

from __future__ import annotations

from svcstd.model import Location

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
        return _location(self._rows[row][2]) if row >= 0 else Location(1, 1)

    def key(self, pointer: str) -> Location:
        """Where the key of `pointer` stands; for list items and the root, where the value starts."""
        row, exact = self._find(pointer)
        if exact and (key := self._rows[row][3]) is not None:
            return _location(key)
        return _location(self._rows[row][2]) if row >= 0 else Location(1, 1)

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


def _location(mark: Mark | None) -> Location:
    if mark is None:
        return Location(1, 1)
    return Location(mark[0] + 1, mark[1] + 1)
