"""The engine answers the parts of a rule's `applies` (full standard?, components there?) once per document
for every rule that asks them, then the rule's own test: the same answer as calling `applies`, rule by rule.

The documents are the examples and the real fixtures, each also as a published sheet, without `manufacturing`,
and with each delivery component left out in turn (format 1.1 lets components be missing).
"""

from __future__ import annotations

import copy
import functools
from collections.abc import Iterator, Mapping
from datetime import date
from typing import Any

import pytest

from svcstd.judge import normalised
from svcstd.reading.loader import load_bytes
from svcstd.rules import BUILTIN_RULES
from svcstd.rules.base import RuleContext, gate_of
from svcstd.rules.base import leads as _leads
from svcstd.standard.kinds import is_full_standard
from tests.conftest import ROOT

FILES = sorted((ROOT / "examples").glob("*.yaml")) + sorted((ROOT / "tests" / "fixtures" / "real").glob("*.yaml"))
AS_OF = date(2026, 11, 27)


def _variants(data: dict[str, Any]) -> Iterator[dict[str, Any]]:
    yield data
    yield {**data, "kind": "published_sheet"}
    yield {**data, "kind": "standard"}
    yield {key: value for key, value in data.items() if key not in ("manufacturing", "kind")}
    delivery = data.get("delivery")
    if isinstance(delivery, dict):
        for key in delivery:
            yield {**data, "delivery": {k: v for k, v in delivery.items() if k != key}}
    manufacturing = data.get("manufacturing")
    if isinstance(manufacturing, dict):
        for key in manufacturing:
            yield {**data, "manufacturing": {k: v for k, v in manufacturing.items() if k != key}}


@functools.cache
def _documents() -> tuple[Mapping[str, Any], ...]:
    found = []
    for path in FILES:
        for doc in load_bytes(path.read_bytes(), path.name):
            if isinstance(doc.data, dict):
                found.extend(_variants(copy.deepcopy(normalised(doc).data)))
    return tuple(found)


@pytest.mark.parametrize("rule", BUILTIN_RULES, ids=lambda rule: rule.id)
def test_the_parts_answer_as_applies_does(rule: Any) -> None:
    context = RuleContext(dict(rule.options), AS_OF)
    full_only, paths, own = gate_of(rule.applies)
    for data in _documents():
        expected = rule.applies is None or bool(rule.applies(data, context))
        got = (not full_only or is_full_standard(data)) and _leads(data, paths) and (own is None or own(data, context))
        assert bool(got) == expected


def test_most_rules_share_the_parts() -> None:
    """Twenty-odd rules ask whether the document is a full standard: the engine asks once."""
    assert sum(gate_of(rule.applies)[0] for rule in BUILTIN_RULES) >= 20
    assert sum(bool(gate_of(rule.applies)[1]) for rule in BUILTIN_RULES) >= 20
