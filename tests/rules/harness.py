"""Run one rule on real YAML: a base standard, changed by a patch, dumped and read back by the loader."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from svcstd.config.settings import RuleSettings, Settings
from svcstd.reading.loader import load_text
from svcstd.rules import BUILTIN_RULES
from svcstd.scoring.engine import evaluate
from svcstd.scoring.scores import Status
from svcstd.standard.aliases import normalise
from svcstd.validation.validate import validate

ROOT = Path(__file__).resolve().parents[2]
EXEMPLARY = ROOT / "examples" / "dukcapil-ktp-el.yaml"
AS_OF = date(2026, 11, 27)
NOT_APPLICABLE = "n/a"
DELETE = object()


def base_document() -> dict[str, Any]:
    return yaml.safe_load(EXEMPLARY.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def apply_patch(document: dict[str, Any], patch: Mapping[str, Any]) -> dict[str, Any]:
    """Patch keys are slash paths (`delivery/fees/0/amount`); the value DELETE removes the node."""
    result = copy.deepcopy(document)
    for path, value in patch.items():
        *parents, last = path.split("/")
        node: Any = result
        for token in parents:
            node = node[int(token)] if isinstance(node, list) else node[token]
        key: Any = int(last) if isinstance(node, list) else last
        if value is DELETE:
            del node[key]
        else:
            node[key] = value
    return result


def run_rule(
    rule_id: str,
    patch: Mapping[str, Any] | None = None,
    *,
    text: str | None = None,
    options: Mapping[str, Any] | None = None,
    as_of: date = AS_OF,
) -> list[str] | str:
    """The pointers where the rule fails (empty when it passes), or NOT_APPLICABLE."""
    if text is None:
        text = yaml.safe_dump(apply_patch(base_document(), patch or {}), allow_unicode=True, sort_keys=False)
    [doc] = load_text(text, "case.yaml")
    doc = replace(doc, data=normalise(doc.data))  # as judge.py does: 1.1 aliases to English values
    schema_findings = validate(doc)
    assert not doc.findings and not schema_findings, [f.message.en for f in (*doc.findings, *schema_findings)]
    settings = Settings(select=(rule_id,), rules={rule_id: RuleSettings(options=dict(options or {}))})
    evaluation = evaluate(doc, BUILTIN_RULES, settings, as_of)
    [outcome] = [o for o in evaluation.outcomes if o.rule == rule_id]
    if outcome.status is Status.NOT_APPLICABLE:
        return NOT_APPLICABLE
    return sorted(f.pointer for f in evaluation.findings if f.rule == rule_id)
