"""Where each node of a parsed document stands in its file, looked up by JSON Pointer."""

from __future__ import annotations

from svcstd.model import Location


def escape_token(token: str) -> str:
    """One JSON Pointer reference token (RFC 6901)."""
    return token.replace("~", "~0").replace("/", "~1")


def join_pointer(parent: str, token: str | int) -> str:
    return f"{parent}/{escape_token(str(token))}"


def parent_pointer(pointer: str) -> str:
    return pointer.rsplit("/", 1)[0] if pointer else ""


class SourceMap:
    """JSON Pointer -> (location of the key, location of the value).

    The root pointer "" maps to the document's start. A pointer that is not recorded (a node reached
    through an alias, or a key that is missing) falls back to its nearest recorded ancestor.
    """

    def __init__(self) -> None:
        self._keys: dict[str, Location] = {}
        self._values: dict[str, Location] = {}

    def add(self, pointer: str, value: Location, key: Location | None = None) -> None:
        self._values.setdefault(pointer, value)
        if key is not None:
            self._keys.setdefault(pointer, key)

    def __contains__(self, pointer: str) -> bool:
        return pointer in self._values

    def value(self, pointer: str) -> Location:
        """Where the value at `pointer` starts (or the nearest recorded ancestor's value)."""
        while pointer not in self._values and pointer:
            pointer = parent_pointer(pointer)
        return self._values.get(pointer, Location(1, 1))

    def key(self, pointer: str) -> Location:
        """Where the key of `pointer` stands; for list items and the root, where the value starts."""
        if pointer in self._keys:
            return self._keys[pointer]
        return self.value(pointer)
