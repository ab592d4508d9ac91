"""Coverage-guided fuzzing of the loader and validation with atheris (docs/fuzzing.md); not part of CI.

Any exception escaping load_bytes or validate is a crash: broken input must become findings.
"""

from __future__ import annotations

import re
import sys

import atheris

with atheris.instrument_imports():
    from svcstd.reading.limits import Limits
    from svcstd.reading.loader import load_bytes
    from svcstd.validation.validate import validate

# Small limits so that the fuzzer reaches every limit quickly.
LIMITS = Limits(max_file_bytes=64 * 1024, max_depth=16, max_nodes=2_000, max_documents=20)


# Line breaks as libyaml counts them (YAML 1.1): a lone CR starts a line, as it does in editors.
BREAKS = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def test_one_input(data: bytes) -> None:
    lines = len(BREAKS.findall(data.decode("utf-8", "replace"))) + 1
    for document in load_bytes(data, "fuzz.yaml", LIMITS):
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
