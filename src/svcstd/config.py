"""The effective configuration: defaults, then svcstd.toml / .svcstd.toml / [tool.svcstd], then options."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from svcstd.grades import OMBUDSMAN, GradeScale
from svcstd.limits import DEFAULT_LIMITS, Limits
from svcstd.model import Principle, Severity

FAIL_ON_CHOICES = ("error", "warning", "info", "never")


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


def load_settings(explicit: str | None = None, start: str = ".") -> Settings:
    """The configuration file's settings (explicit path, else discovered upwards from `start`).

    Placeholder until discovery and validation land: defaults only.
    """
    return DEFAULT_SETTINGS


def with_overrides(settings: Settings, overrides: Mapping[str, Any]) -> Settings:
    """Command-line options win over the file; None means "not given". Records "command line" as source."""
    given = {key: value for key, value in overrides.items() if value is not None}
    if not given:
        return settings
    sources = {**settings.sources, **{key: "command line" for key in given}}
    return replace(settings, **given, sources=sources)


def describe(settings: Settings, lang: str) -> str:
    """The effective configuration as TOML-like text, each value with where it came from.

    Placeholder until the configuration module lands.
    """
    return repr(settings) + "\n"
