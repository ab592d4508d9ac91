"""The effective settings: everything that can change a result, frozen, with where each value came from."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from svcstd.model import Principle, Severity
from svcstd.reading.limits import DEFAULT_LIMITS, Limits
from svcstd.scoring.grades import OMBUDSMAN, GradeScale

FAIL_ON_CHOICES = ("error", "warning", "info", "never")
COMMAND_LINE = "command line"
FLOORS = ("fail_on", "fail_under", "min_principle")
"""Options where the stricter of the file and the command line applies: a repository cannot open a CI gate."""
OPTION_NAMES = {
    "fail_on": "--fail-on",
    "fail_under": "--fail-under",
    "min_principle": "--min-principle",
    "select": "--select",
    "ignore": "--ignore",
}


@dataclass(frozen=True)
class RuleSettings:
    """A repository's adjustments to one rule."""

    severity: Severity | None = None
    weight: int | None = None
    options: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Settings:
    """Everything that can change a result; `sources` says where each non-default value came from."""

    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: str = "error"
    fail_under: float | None = None
    min_principle: Mapping[Principle, float] = field(default_factory=dict)
    principle_weights: Mapping[Principle, float] = field(default_factory=dict)
    grades: GradeScale = OMBUDSMAN
    lang: str | None = None
    rules: Mapping[str, RuleSettings] = field(default_factory=dict)
    rule_paths: tuple[str, ...] = ()
    limits: Limits = DEFAULT_LIMITS
    sources: Mapping[str, str] = field(default_factory=dict)
    config_root: str | None = None
    """The configuration file's folder (absolute): include/exclude globs are relative to it. None: no file."""
    verbose: bool = False
    """One finding per item (`check --verbose`) instead of one per rule and cause; the command line sets it."""

    def is_selected(self, rule_id: str) -> bool:
        """select/ignore by id or prefix; ignore wins over select."""
        if any(rule_id.startswith(prefix) for prefix in self.ignore):
            return False
        return not self.select or any(rule_id.startswith(prefix) for prefix in self.select)

    def fails_gate(self, severity: Severity) -> bool:
        """Whether an unwaived finding of this severity fails the gate (`fail_on`)."""
        if self.fail_on == "never":
            return False
        return severity.rank >= Severity(self.fail_on).rank


DEFAULT_SETTINGS = Settings()
