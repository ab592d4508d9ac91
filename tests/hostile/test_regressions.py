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
