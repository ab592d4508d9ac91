"""Where each node of a parsed document stands in its file, looked up by JSON Pointer."""

from __future__ import annotations

from typing import cast

from svcstd.model import Location

Mark = tuple[int, int]  # libyaml's 0-based line and column
Row = tuple[int, "str | int", "int | None", "int | None", "int | None", "int | None"]
"""parent row, token, value line and column, key line and column (0-based; None: not recorded).

Flat: no (line, column) tuple per value and per key, so a node costs one tuple, not up to three."""
SKIP = "\x00skip"
"""The token of a duplicate key's value: read and checked, but kept nowhere (a finding inside shows it)."""


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

    Reading records each node as one row (its parent row, its key or list index, and the lines and columns
    where its value and key start, flat in the row), no pointer string and no Location: a document is read
    far more often than a finding asks where something is. The reader appends rows itself (`rows()`, one C
    call per node) and hands over each mapping's keys with their rows (`mapping_keys()`, the dict it finds
    duplicates by), so a lookup needs no index built over every row; a list's items are found once a pointer
    goes through it.
    """

    __slots__ = ("_aliased", "_built", "_items", "_maps", "_rows", "_skipped")

    def __init__(self) -> None:
        self._rows: list[Row] = []
        self._maps: dict[int, dict[str, int]] = {}
        self._skipped: dict[int, int] = {}
        self._items: dict[int, list[int]] = {}
        self._aliased = False
        self._built: object = None

    @classmethod
    def read(cls, rows: list[Row], keys: dict[int, dict[str, int]]) -> SourceMap:
        """The rows and mapping keys the native reader made for a document without alias or duplicate key."""
        source = cls()
        source._rows = rows
        source._maps = keys
        return source

    def aliased(self) -> None:
        """For the reader: the document holds an alias (a node may stand at more than one place)."""
        self._aliased = True

    def finished(self, root: object) -> None:
        """For the reader: the document's data as it built them (see `built`)."""
        self._built = root if not self._aliased and not self._skipped else None

    def built(self) -> object:
        """The data these rows describe one to one, or None: the reader's own root, read without an alias and
        without a duplicate key, so that each row's node is its parent's item at its token and every mapping
        and list of the data has its row. (Whether anything changed the data since is the caller's to know.)"""
        return self._built

    def rows(self) -> list[Row]:
        """The rows, for the reader to append to: (parent row or -1 for the root, token, value line, value
        column, key line, key column), lines and columns 0-based as libyaml's marks give them.

        Rows come in document order (a node before its children, children before the node's next sibling).
        A value line None keeps the node's place (its children's parent row) without recording it; a key
        line None: no key (a list item, the root).
        """
        return self._rows

    def mapping_keys(self) -> dict[int, dict[str, int]]:
        """For the reader to fill: a mapping's row -> its keys, each with the row of the first of that key."""
        return self._maps

    def skip(self, parent: int, row: int) -> None:
        """Row `row` under the mapping at `parent` is a duplicate key's unrecorded value (its token `SKIP`)."""
        self._skipped.setdefault(parent, row)

    def record(self, parent: int, token: str | int, value: Mark | None, key: Mark | None = None) -> int:
        """A node under row `parent` (-1 for the root); `value` None keeps its place without recording it."""
        row = len(self._rows)
        value_line, value_column = (None, None) if value is None else value
        key_line, key_column = (None, None) if key is None else key
        self._rows.append((parent, token, value_line, value_column, key_line, key_column))
        if isinstance(token, str) and parent >= 0:
            self._maps.setdefault(parent, {}).setdefault(token, row)
        return row

    def pointer(self, row: int) -> str:
        """The JSON Pointer of a recorded row (for the reader's own findings)."""
        tokens = []
        rows = self._rows
        while row > 0:
            parent, token = rows[row][:2]
            tokens.append(escape_token(str(token)))
            row = parent
        return "".join(f"/{token}" for token in reversed(tokens))

    def __contains__(self, pointer: str) -> bool:
        row, exact = self._find(pointer)
        return exact and row >= 0 and self._rows[row][2] is not None

    def value(self, pointer: str) -> Location:
        """Where the value at `pointer` starts (or the nearest recorded ancestor's value)."""
        row, _ = self._find(pointer)
        if row < 0:
            return Location(1, 1)
        found = self._rows[row]
        line, column = found[2], found[3]  # `_value_location`, inline: one call fewer per position asked
        if line is None or column is None:
            return Location(1, 1)
        return _new_location(Location, (line + 1, column + 1))

    def key(self, pointer: str) -> Location:
        """Where the key of `pointer` stands; for list items and the root, where the value starts."""
        row, exact = self._find(pointer)
        if row < 0:
            return Location(1, 1)
        found = self._rows[row]
        if exact and (line := found[4]) is not None:
            column = found[5]
        else:
            line, column = found[2], found[3]
            if line is None or column is None:
                return Location(1, 1)
        return _new_location(Location, (line + 1, cast("int", column) + 1))

    def _find(self, pointer: str) -> tuple[int, bool]:
        """The deepest recorded row on the pointer's path (-1: none), and whether it is the pointer itself."""
        rows = self._rows
        if not rows or rows[0][2] is None:
            return -1, False
        if not pointer:
            return 0, True
        maps, end = self._maps, len(rows)
        row = found = 0
        plain = "~" not in pointer and SKIP not in pointer  # every token its own key: the usual case
        for token in pointer.split("/")[1:]:
            keys = maps.get(row)
            if keys is not None and plain:
                child = keys.get(token)
                if child is None or child >= end:
                    return found, False
            else:
                child = self._child(row, token)
                if child is None:
                    return found, False
            row = child
            if rows[row][2] is not None:
                found = row
        return found, found == row

    def _child(self, row: int, token: str) -> int | None:
        """The row of `token` under `row`: a mapping's key (escaped in the token) or a list's index as written."""
        keys = self._maps.get(row)
        if keys is not None:
            key = token  # a token without `~` is its own key (a token never holds `/`): the usual case
            if "~" in token:
                key = unescape_token(token)
                if escape_token(key) != token:
                    return None  # not a well-formed token ("~2"), so no recorded pointer
            child = keys.get(key)
            if key == SKIP and row in self._skipped:  # the first row of that token, as for any other
                child = min(self._skipped[row], len(self._rows) if child is None else child)
            return child if child is not None and child < len(self._rows) else None
        if not (token.isascii() and token.isdigit() and str(int(token)) == token):
            return None  # a list's items are numbered as written: no sign, no leading zero
        items = self._items.get(row)
        if items is None:
            items = self._items[row] = self._children(row)
        index = int(token)
        return items[index] if index < len(items) else None

    def _children(self, row: int) -> list[int]:
        """The rows whose parent is `row`, in order: they and their own children follow it, up to the first row
        whose parent comes before it (a later sibling of it or of an ancestor)."""
        rows = self._rows
        children = []
        for child in range(row + 1, len(rows)):
            parent = rows[child][0]
            if parent == row:
                children.append(child)
            elif parent < row:
                break
        return children


def _value_location(row: Row) -> Location:
    line, column = row[2], row[3]
    if line is None or column is None:
        return Location(1, 1)
    return _new_location(Location, (line + 1, column + 1))


_new_location = tuple.__new__  # a NamedTuple's own __new__ is a Python function: one call per position asked
