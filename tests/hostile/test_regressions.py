"""Inputs that once hung or crashed svcstd, each kept as a case (found by the hostile suite or the fuzzer)."""

from __future__ import annotations

from pathlib import Path

import pytest

from svcstd.reading.loader import load_bytes
from tests.hostile.harness import svcstd

# libyaml 0.2.6 (bundled with PyYAML 6.0.4) stops at a nesting depth of its own before svcstd sees the
# aborting node: then only the depth finding remains. Either way the file ends with YML006, quickly.
DEEP_AFTER_ABORT = ([["YML003", "YML006"]], [["YML006"]])

# (name, file content, the reading findings of each document read, in order: one of the alternatives)
REGRESSIONS = [
    # libyaml's scanner is quadratic in flow depth: skipping the rest of a too-deep or aborted
    # document to its end took hours for a 2 MB file; reading now stops at the limit.
    ("deep-flow", b"[" * 1_000_000, ([["YML006"]],)),
    ("deep-flow-closed", b"[" * 500_000 + b"]" * 500_000, ([["YML006"]],)),
    ("deep-after-complex-key", b"{" + b"[" * 1_000_000, DEEP_AFTER_ABORT),
    ("deep-after-undefined-alias", b"[*x, " + b"[" * 1_000_000, DEEP_AFTER_ABORT),
    ("deep-after-explicit-key", b"? " + b"{" * 1_000_000, DEEP_AFTER_ABORT),
    # an aborted document that is not too deep still lets the next documents be read
    ("abort-then-next", b"[*x]\n---\na: 1\n", ([["YML003"], []],)),
    ("deep-65-then-next", b"[" * 65 + b"]" * 65 + b"\n---\na: 1\n", ([["YML006"]],)),
]


@pytest.mark.parametrize(("content", "expected"), [case[1:] for case in REGRESSIONS], ids=[c[0] for c in REGRESSIONS])
def test_regression(content: bytes, expected: tuple[list[list[str]], ...], tmp_path: Path) -> None:
    (tmp_path / "case.yaml").write_bytes(content)
    run = svcstd(["check", "--no-cache", "case.yaml"], tmp_path)  # bounded: a hang fails here, not forever
    assert run.code == 1
    documents = load_bytes(content, "case.yaml")
    assert [[f.rule for f in doc.findings] for doc in documents] in expected


def _every_duration(value: object, number: int) -> object:
    """The value with the number of every duration (a mapping with a `unit`) replaced by `number`."""
    if isinstance(value, dict):
        timed = "unit" in value
        return {
            key: number if timed and key in ("value", "min", "max") else _every_duration(child, number)
            for key, child in value.items()
        }
    if isinstance(value, list):
        return [_every_duration(child, number) for child in value]
    return value


@pytest.mark.parametrize("number", [10**400, -(10**400)], ids=["huge", "huge-negative"])
def test_numbers_too_large_for_a_float(number: int, tmp_path: Path) -> None:
    """YAML and the schema's `number` accept an integer of any size; the rules that turn durations into minutes
    (SIM006's completion times and step durations among them) once raised OverflowError on one too large for a
    float. Every duration of every example is made that large, and each file is judged, not a traceback."""
    import yaml

    examples = sorted((Path(__file__).resolve().parents[2] / "examples").glob("*.yaml"))
    assert examples
    for example in examples:
        documents = [_every_duration(doc, number) for doc in yaml.safe_load_all(example.read_text(encoding="utf-8"))]
        (tmp_path / example.name).write_text(yaml.safe_dump_all(documents, allow_unicode=True), encoding="utf-8")
    run = svcstd(["check", "--no-cache", "--jobs", "1", "--format", "json", "."], tmp_path)  # no traceback
    assert run.code == 1
    assert run.stdout.count('"path":') >= len(examples)
