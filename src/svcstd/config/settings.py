"""The effective settings: everything that can change a result, frozen, with where each value came from."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import field
from typing import TYPE_CHECKING, Any

from svcstd.model import DEFAULT_FACTORY, Frozen, Principle, Severity, set_field
from svcstd.reading.limits import DEFAULT_LIMITS, Limits
from svcstd.scoring.grades import OMBUDSMAN, GradeScale

if TYPE_CHECKING:
    from dataclasses import dataclass as frozen_dataclass  # as svcstd.model: type checkers see the dataclass
else:
    from svcstd.model import frozen_dataclass

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


@frozen_dataclass(frozen=True)
class RuleSettings(Frozen):
    """A repository's adjustments to one rule."""

    severity: Severity | None = None
    weight: int | None = None
    options: Mapping[str, Any] = field(default_factory=dict)

    def __init__(
        self,
        severity: Severity | None = None,
        weight: int | None = None,
        options: Mapping[str, Any] = DEFAULT_FACTORY,
    ) -> None:  # written out, as svcstd.model's classes (their import compiles nothing; the fields' test)
        set_field(self, "severity", severity)
        set_field(self, "weight", weight)
        set_field(self, "options", {} if options is DEFAULT_FACTORY else options)


@frozen_dataclass(frozen=True)
class Settings(Frozen):
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

    def __init__(
        self,
        include: tuple[str, ...] = (),
        exclude: tuple[str, ...] = (),
        select: tuple[str, ...] = (),
        ignore: tuple[str, ...] = (),
        fail_on: str = "error",
        fail_under: float | None = None,
        min_principle: Mapping[Principle, float] = DEFAULT_FACTORY,
        principle_weights: Mapping[Principle, float] = DEFAULT_FACTORY,
        grades: GradeScale = OMBUDSMAN,
        lang: str | None = None,
        rules: Mapping[str, RuleSettings] = DEFAULT_FACTORY,
        rule_paths: tuple[str, ...] = (),
        limits: Limits = DEFAULT_LIMITS,
        sources: Mapping[str, str] = DEFAULT_FACTORY,
        config_root: str | None = None,
        verbose: bool = False,
    ) -> None:  # written out, as svcstd.model's classes (their import compiles nothing; the fields' test)
        set_field(self, "include", include)
        set_field(self, "exclude", exclude)
        set_field(self, "select", select)
        set_field(self, "ignore", ignore)
        set_field(self, "fail_on", fail_on)
        set_field(self, "fail_under", fail_under)
        set_field(self, "min_principle", {} if min_principle is DEFAULT_FACTORY else min_principle)
        set_field(self, "principle_weights", {} if principle_weights is DEFAULT_FACTORY else principle_weights)
        set_field(self, "grades", grades)
        set_field(self, "lang", lang)
        set_field(self, "rules", {} if rules is DEFAULT_FACTORY else rules)
        set_field(self, "rule_paths", rule_paths)
        set_field(self, "limits", limits)
        set_field(self, "sources", {} if sources is DEFAULT_FACTORY else sources)
        set_field(self, "config_root", config_root)
        set_field(self, "verbose", verbose)

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
