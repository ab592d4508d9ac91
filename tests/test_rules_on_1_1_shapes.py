"""Every rule on every format 1.1 shape: no rule crashes, and no finding reads as nonsense.

The documents: the synthetic maximal 1.1 document and published sheet, every real transcription in
tests/fixtures/real, and every example read as 1.1; each also with one component or optional part taken away.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from svcstd.config.settings import Settings
from svcstd.judge import Pipeline, judge
from svcstd.model import DocumentResult
from svcstd.reading.loader import load_text
from svcstd.rules import BUILTIN_RULES

ROOT = Path(__file__).resolve().parents[1]
AS_OF = date(2026, 11, 30)
PIPELINE = Pipeline(Settings(), BUILTIN_RULES, AS_OF)
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")  # a message parameter left unfilled
KEPT = ("svcstd", "title", "provider", "delivery")


def documents() -> Iterator[tuple[str, dict[str, Any]]]:
    paths = sorted((ROOT / "tests" / "fixtures" / "format-1.1").glob("*.yaml"))
    paths += sorted((ROOT / "tests" / "fixtures" / "real").glob("*.yaml"))
    paths += sorted((ROOT / "examples").glob("*.yaml"))
    for path in paths:
        for doc in load_text(path.read_text(encoding="utf-8"), path.name):  # YAML 1.2, as svcstd reads it
            if isinstance(doc.data, dict):
                yield f"{path.parent.name}/{path.name}#{doc.index}", {**doc.data, "svcstd": "1.1"}


def variants(data: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """The document, then without each component of delivery and manufacturing, then without each optional part."""
    yield "as-is", data
    for part in ("delivery", "manufacturing"):
        for key in data.get(part, {}):
            changed = copy.deepcopy(data)
            del changed[part][key]
            yield f"without-{part}.{key}", changed
    for key in data:
        if key not in KEPT:
            yield f"without-{key}", {k: v for k, v in data.items() if k != key}


CASES = [(f"{name}:{variant}", changed) for name, data in documents() for variant, changed in variants(data)]


def result(data: dict[str, Any]) -> DocumentResult:
    [doc] = load_text(json.dumps(data, ensure_ascii=False, indent=1), "case.yaml")  # JSON is YAML 1.2
    return judge(doc, PIPELINE)


@pytest.mark.parametrize("data", [c[1] for c in CASES], ids=[c[0] for c in CASES])
def test_every_rule_runs_and_says_something_sensible(data: dict[str, Any]) -> None:
    judged = result(data)
    assert judged.valid, [f.message.en for f in judged.findings]
    assert judged.score is not None
    for finding in judged.findings:
        for text in (finding.message.en, finding.message.id):
            assert not PLACEHOLDER.search(text) and "None" not in text, text
        assert finding.line >= 1 and finding.column >= 1


def test_there_are_enough_cases_to_mean_something() -> None:
    assert len(CASES) > 200
    assert sum(1 for name, _ in CASES if name.endswith(":as-is")) >= 12
