"""The registry of built-in rules: one explicit tuple, in principle order."""

from __future__ import annotations

from dataclasses import replace

from svcstd.rules import (
    accountability,
    authoring,
    complaints,
    components,
    fairness,
    guarantees,
    participation,
    publication_duties,
    sector_packs,
    simplicity,
    sustainability,
    transparency,
)
from svcstd.rules.base import Rule
from svcstd.rules.citation_data import binding_ids
from svcstd.rules.legal_basis import RULES as LEGAL_BASIS_RULES

_REGISTRY: tuple[Rule, ...] = (
    *simplicity.RULES,
    sector_packs.SIM008,
    *participation.RULES,
    *accountability.RULES,
    *complaints.RULES,
    *guarantees.RULES,
    *LEGAL_BASIS_RULES,
    sector_packs.ACC030,
    sector_packs.ACC031,
    components.ACC010,
    *sustainability.RULES,
    publication_duties.SUS009,
    *transparency.RULES,
    components.TRA009,
    publication_duties.TRA010,
    *authoring.RULES,
    *fairness.RULES,
)
_BINDING = binding_ids()
# Only the binding rules are copied (`rule()` makes every rule not binding): a copy costs ~10 µs at start-up.
BUILTIN_RULES: tuple[Rule, ...] = tuple(replace(r, binding=True) if r.id in _BINDING else r for r in _REGISTRY)
"""Every built-in rule, binding (compliance) where data/citations.yaml says it is law, quoted with a source."""


def rules_by_id(rules: tuple[Rule, ...] = BUILTIN_RULES) -> dict[str, Rule]:
    return {r.id: r for r in rules}


def load_rules(rule_paths: tuple[str, ...] = ()) -> tuple[Rule, ...]:
    """The built-in rules and the declarative rules of `rule_paths`, read once per run."""
    if not rule_paths:
        return BUILTIN_RULES
    from svcstd.rules.declarative import load_rule_files

    return BUILTIN_RULES + load_rule_files(rule_paths)
