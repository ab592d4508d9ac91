"""The frozen result of `svcstd diff`: each change, each standard's diff, and the whole report."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any, NamedTuple

from svcstd.model import Finding, Text

ComponentName = str


class Effect(StrEnum):
    REGRESSION = "regression"
    IMPROVEMENT = "improvement"
    NEUTRAL = "neutral"


class Status(StrEnum):
    CHANGED = "changed"
    UNCHANGED = "unchanged"
    ADDED = "added"
    REMOVED = "removed"
    INVALID = "invalid"


@dataclass(frozen=True)
class Change:
    """One semantic change; `old`/`new` are the values as written (JSON-able), `message` says it for people."""

    component: ComponentName
    kind: str
    effect: Effect
    message: Text
    subject: str = ""
    when: str | None = None
    old: Any = None
    new: Any = None


class Problem(NamedTuple):
    """Why a version cannot be compared: an error finding of the file it is in."""

    path: str
    finding: Finding


@dataclass(frozen=True)
class DocumentDiff:
    id: str | None
    title: str | None
    old_path: str | None
    new_path: str | None
    status: Status
    changes: tuple[Change, ...] = ()
    problems: tuple[Problem, ...] = ()

    @property
    def regressions(self) -> tuple[Change, ...]:
        return tuple(c for c in self.changes if c.effect is Effect.REGRESSION)


@dataclass(frozen=True)
class DiffReport:
    documents: tuple[DocumentDiff, ...]

    @property
    def exit_code(self) -> int:
        """1 on a regression (a withdrawn standard is one) or a version that cannot be compared; 0 otherwise."""
        return 1 if self.count(Effect.REGRESSION) or self.invalid else 0

    def count(self, effect: Effect) -> int:
        """Changes with this effect; a withdrawn standard counts as one regression, as its heading says."""
        changes = sum(1 for d in self.documents for c in d.changes if c.effect is effect)
        if effect is Effect.REGRESSION:
            changes += sum(1 for d in self.documents if d.status is Status.REMOVED)
        return changes

    @property
    def invalid(self) -> int:
        """How many standards cannot be compared because a version is invalid."""
        return sum(1 for d in self.documents if d.status is Status.INVALID)


class Source(NamedTuple):
    """One version of a file: how to name it, and its bytes (None when the file does not exist there)."""

    path: str
    raw: bytes | None
