"""Coverage-guided fuzzing of the loader and validation with atheris (docs/fuzzing.md); not part of CI.

Any exception escaping load_bytes or validate is a crash: broken input must become findings.
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    from svcstd.limits import Limits
    from svcstd.loader import load_bytes
    from svcstd.validation import validate

# Small limits so that the fuzzer reaches every limit quickly.
LIMITS = Limits(max_file_bytes=64 * 1024, max_depth=16, max_nodes=2_000, max_documents=20)


def test_one_input(data: bytes) -> None:
    for document in load_bytes(data, "fuzz.yaml", LIMITS):
        lines = data.count(b"\n") + 1
        for finding in document.findings:
            assert 1 <= finding.line <= lines + 1, finding
            assert finding.column >= 1, finding
        if isinstance(document.data, dict):
            list(validate(document))


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
