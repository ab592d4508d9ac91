"""judge._anchored skips the walk for a pointer without an index: the anchors are those of the full walk."""

from __future__ import annotations

import random

import pytest

from svcstd.fingerprints import stable_pointer
from svcstd.judge import _anchored
from svcstd.model import Finding, Severity, Text

DATA = {
    "fees": [{"name": "Retribusi", "amount": 1}, {"amount": 2}, "plain"],
    "12": {"3": [{"type": "phone", "contact": "112"}]},
    "a/b": [[{"name": "x~y"}]],
    "²": ["superscript"],
    "steps": [{"title": "t"}] * 3,
}
TOKENS = ["fees", "0", "1", "2", "3", "12", "amount", "name", "a~1b", "x", "", "²", "٣", "steps", "01", "-1"]


def _finding(pointer: str) -> Finding:
    return Finding("R", Severity.WARNING, Text("m", "m"), pointer, 1, 1)


def _walked(finding: Finding) -> str | None:
    """The anchor as every pointer was walked before."""
    anchor = stable_pointer(finding.pointer, DATA) if finding.pointer else finding.pointer
    return anchor if anchor != finding.pointer else None


def test_anchors_equal_the_walk_of_every_pointer() -> None:
    rng = random.Random(17)
    pointers = ["", "/", "/fees/0/amount", "/fees/1", "/12/3/0", "/a~1b/0/0/name", "/²/0", "/steps/2/title"]
    pointers += ["/" + "/".join(rng.choice(TOKENS) for _ in range(rng.randint(1, 5))) for _ in range(3000)]
    changed = 0
    for pointer in pointers:
        finding = _finding(pointer)
        try:
            expected = _walked(finding)
        except ValueError:  # int("²") in the walk: the shortcut walks it too, and fails alike
            with pytest.raises(ValueError):
                _anchored(finding, DATA)
            continue
        got = _anchored(finding, DATA)
        assert got.anchor == expected, pointer
        assert (got is finding) == (expected is None)
        changed += expected is not None
    assert changed > 20
