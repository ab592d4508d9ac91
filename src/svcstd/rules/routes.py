"""A procedure's steps grouped by route once, so that a route's steps are looked up, not found by scanning every step.

A step without `channel` or `when` belongs to every route, so the steps on route (channel, case) are
those whose own (channel, when) is one of (none, none), (channel, none), (none, case) and
(channel, case): at most four groups, merged in step order. Counting a route then costs four
lengths and finding its n-th step n merge steps, instead of a pass over all steps per route (SIM004
and SIM006 took 33 s on a procedure of 7,000 steps).
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Container, Iterator, Mapping, Sequence
from itertools import islice
from typing import Any

Path = tuple[Any, Any]  # (channel, case); None for "every"


class Routes:
    """The indexes of the steps on each route, in step order."""

    def __init__(
        self,
        steps: Sequence[Mapping[str, Any]],
        where: Callable[[Mapping[str, Any]], bool] | None = None,
        only: Container[int] | None = None,
    ):
        """The steps (those for which `where` holds, those whose index is in `only`), grouped by route."""
        self._groups: dict[Path, list[int]] = {}
        for index, step in enumerate(steps):
            if (where is None or where(step)) and (only is None or index in only):
                self._groups.setdefault((step.get("channel"), step.get("when")), []).append(index)

    def _on(self, path: Path) -> list[list[int]]:
        return [self._groups[key] for key in self.groups(path)]

    def groups(self, path: Path) -> list[Path]:
        """The (channel, when) groups whose steps are on the route: at most four, each once."""
        channel, case = path
        keys = dict.fromkeys([(None, None), (channel, None), (None, case), (channel, case)])
        return [key for key in keys if key in self._groups]

    def grouped(self) -> Iterator[tuple[Path, list[int]]]:
        """Each group's (channel, when) and its steps' indexes."""
        return iter(self._groups.items())

    def indexes(self, path: Path) -> Iterator[int]:
        """The steps on the route, in step order."""
        return heapq.merge(*self._on(path))

    def count(self, path: Path) -> int:
        return sum(len(group) for group in self._on(path))

    def nth(self, path: Path, n: int) -> int | None:
        """The index of the route's n-th step (from 0), None when it has no more steps."""
        return next(islice(self.indexes(path), n, None), None)
