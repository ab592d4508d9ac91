"""Rules of the accountability principle (PermenPANRB 15/2014, Bab II)."""

from __future__ import annotations

from svcstd.rules.base import Rule

RULES: tuple[Rule, ...] = ()
