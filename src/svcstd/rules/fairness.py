"""Rules of the fairness principle (PermenPANRB 15/2014, Bab II)."""

from __future__ import annotations

from svcstd.rules.base import Rule

RULES: tuple[Rule, ...] = ()
