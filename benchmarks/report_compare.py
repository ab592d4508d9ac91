"""Measure `report --compare` at 1,000 and 10,000 standards as a ratio to a floor measured in the same run.

The floor is `json.load` of the earlier report: comparing cannot cost less than reading it. The comparison
(`parse_previous` + `compare`) should stay a small constant multiple of it at every size — linear, as the
floor is — where the old per-document search grew with the square (1.46 s at 4,000 documents).

    python benchmarks/report_compare.py [--sizes 1000 10000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from svcstd.model import (  # noqa: E402
    DocumentResult,
    Finding,
    Grade,
    Principle,
    PrincipleResult,
    Report,
    Severity,
    Text,
)
from svcstd.reporters.comparison import compare, parse_previous  # noqa: E402
from svcstd.reporters.json_report import as_dict  # noqa: E402

RULES = ("SIM003", "ACC003", "TRA007", "FAI005", "PAR001", "SUS002")


def corpus(size: int, shift: int) -> Report:
    """`size` standards with a few findings each; `shift` moves scores and findings so that the reports differ."""
    documents = []
    for number in range(size):
        findings = tuple(
            Finding(RULES[(number + k + shift) % len(RULES)], Severity.WARNING, Text("m", "m"), f"/x/{k}", k + 1, 1)
            for k in range(number % 5)
        )
        score = float((number * 37 + shift) % 100)
        principles = tuple(PrincipleResult(p, score) for p in Principle)
        grade = Grade("green" if score >= 81 else "yellow" if score >= 51 else "red", Text("z", "z"))
        documents.append(
            DocumentResult(f"s/{number:05}.yaml", 0, f"id-{number}", "t", True, findings, score, grade, principles)
        )
    return Report("0", "2026-11-27", tuple(documents))


def best(repeat: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return min(times)


def measure(size: int, repeat: int, folder: Path) -> tuple[float, float]:
    old = folder / f"old-{size}.json"
    old.write_text(json.dumps(as_dict(corpus(size, 0), "en")), encoding="utf-8")
    now = corpus(size, 3)

    def floor() -> object:
        with old.open(encoding="utf-8") as handle:
            return json.load(handle)

    def comparison() -> object:
        with old.open(encoding="utf-8") as handle:
            return compare(now, parse_previous(json.load(handle), str(old)))

    return best(repeat, floor), best(repeat, comparison)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    print(f"{'standards':>10} {'floor (s)':>10} {'compare (s)':>12} {'ratio':>6}")
    with tempfile.TemporaryDirectory() as folder:
        for size in args.sizes:
            floor, comparison = measure(size, args.repeat, Path(folder))
            print(f"{size:>10} {floor:>10.3f} {comparison:>12.3f} {comparison / floor:>6.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
