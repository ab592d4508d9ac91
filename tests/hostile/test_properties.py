"""Random mutations of valid standards never crash svcstd, and every finding points inside the file."""

from __future__ import annotations

import copy
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from svcstd.config.settings import DEFAULT_SETTINGS
from svcstd.judge import Pipeline, judge
from svcstd.reading.loader import load_bytes, load_text
from svcstd.rules import BUILTIN_RULES

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "examples").glob("*.yaml"))
STANDARDS = [doc.data for path in EXAMPLES for doc in load_text(path.read_text(encoding="utf-8")) if doc.data]
AS_OF = date(2026, 1, 1)

ODD_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(["", "08:00", "2024-02-30", "no", "on", "~", "-1", "x" * 500, "<b>&</b>", "💥", "\t\u2028"]),
    st.text(max_size=40),
    st.just([]),
    st.just({}),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=8), st.integers(), max_size=3),
)


def _paths(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every node's path in the tree (the root is ())."""
    found = [path]
    if isinstance(node, dict):
        for key, value in node.items():
            found.extend(_paths(value, (*path, key)))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found.extend(_paths(value, (*path, index)))
    return found


def _mutate(data: dict[str, Any], draw: Any) -> None:
    paths = [p for p in _paths(data) if p]
    path = paths[draw(st.integers(0, len(paths) - 1))]
    parent = data
    for step in path[:-1]:
        parent = parent[step]
    last = path[-1]
    action = draw(st.sampled_from(["rename", "retype", "delete", "duplicate"]))
    if action == "retype":
        parent[last] = draw(ODD_VALUES)
    elif action == "delete":
        del parent[last]
    elif action == "duplicate" and isinstance(parent, list):
        parent.insert(last, copy.deepcopy(parent[last]))
    elif isinstance(parent, dict):
        value = parent.pop(last) if action == "rename" else copy.deepcopy(parent[last])
        parent[draw(st.sampled_from([f"{last}_", f"x-{last}", str(last).upper(), "svcstd", "id", "<<"]))] = value


@st.composite
def mutated_standards(draw: Any) -> str:
    data = copy.deepcopy(draw(st.sampled_from(STANDARDS)))
    for _ in range(draw(st.integers(1, 6))):
        _mutate(data, draw)
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=draw(st.sampled_from([40, 80, 10_000])))
    lines = text.splitlines(keepends=True)
    if draw(st.booleans()) and len(lines) > 1:  # a duplicated line: duplicate keys, broken indentation
        at = draw(st.integers(0, len(lines) - 1))
        lines.insert(draw(st.integers(0, len(lines))), lines[at])
    return "".join(lines)


@settings(max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_standards())
def test_mutated_standards_never_crash_and_findings_point_inside(text: str) -> None:
    raw = text.encode("utf-8")
    lines = text.split("\n")
    for document in load_bytes(raw, "mutated.yaml"):
        result = judge(document, Pipeline(DEFAULT_SETTINGS, BUILTIN_RULES, AS_OF))
        for finding in result.findings:
            assert finding.message.en.strip() and finding.message.id.strip()
            assert 1 <= finding.line <= len(lines), (finding, len(lines))
            assert 1 <= finding.column <= len(lines[finding.line - 1]) + 1, (finding, lines[finding.line - 1])
