"""Precision and recall of svcstd's findings against an inspector's verdicts on real published standards.

Each file in tests/fixtures/real/verdicts/ judges one real standard of tests/fixtures/real/, finding by
finding, as an Ombudsman or inspectorate assessor would: `signed` lists what the assessor would sign
(whether svcstd finds it or not), `rejected` what svcstd reports that the assessor would not sign. A
verdict matches a finding of the same rule whose JSON Pointer starts with the verdict's `where`.

    precision = findings matched by a signed verdict / all findings (errors and warnings)
    recall    = signed verdicts matched by at least one finding / signed verdicts

Information-level findings are advice and are left out of both. Findings that no verdict judges are
listed as unjudged: judge them and add them to the file.

    python benchmarks/calibration.py            # the table, then the totals
    python benchmarks/calibration.py --json     # the same as JSON, for CI
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "real"
VERDICTS = FIXTURES / "verdicts"
AS_OF = date(2026, 11, 30)
COUNTED = ("error", "warning")


@dataclass
class Tally:
    """One standard's (or the whole set's) counts."""

    findings: int = 0
    signed_findings: int = 0
    rejected_findings: int = 0
    signed: int = 0
    signed_found: int = 0
    unjudged: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        self.findings += other.findings
        self.signed_findings += other.signed_findings
        self.rejected_findings += other.rejected_findings
        self.signed += other.signed
        self.signed_found += other.signed_found
        self.unjudged += other.unjudged
        self.missed += other.missed

    @property
    def precision(self) -> float | None:
        return self.signed_findings / self.findings if self.findings else None

    @property
    def recall(self) -> float | None:
        return self.signed_found / self.signed if self.signed else None


def _matches(verdict: dict[str, Any], finding: dict[str, Any]) -> bool:
    return verdict["rule"] == finding["rule"] and str(finding["pointer"]).startswith(verdict.get("where", ""))


def judge_one(verdict_file: Path) -> tuple[str, Tally]:
    """Check the standard a verdict file judges and count its findings against the verdicts."""
    from svcstd import api

    verdicts = yaml.safe_load(verdict_file.read_text(encoding="utf-8"))
    fixture = FIXTURES / verdicts["fixture"]
    report = api.check([str(fixture)], as_of=AS_OF)
    findings = [
        {"rule": f.rule, "pointer": f.pointer, "severity": f.severity.value}
        for doc in report.documents
        for f in doc.active_findings()
        if f.severity.value in COUNTED
    ]
    signed, rejected = verdicts.get("signed") or [], verdicts.get("rejected") or []
    tally = Tally(findings=len(findings), signed=len(signed))
    for finding in findings:
        if any(_matches(v, finding) for v in signed):
            tally.signed_findings += 1
        elif any(_matches(v, finding) for v in rejected):
            tally.rejected_findings += 1
        else:
            tally.unjudged.append(f"{fixture.name}: {finding['rule']} {finding['pointer']}")
    for verdict in signed:
        if any(_matches(verdict, finding) for finding in findings):
            tally.signed_found += 1
        else:
            tally.missed.append(f"{fixture.name}: {verdict['rule']} {verdict.get('where', '')}")
    return fixture.name, tally


def measure() -> tuple[list[tuple[str, Tally]], Tally]:
    rows = [judge_one(path) for path in sorted(VERDICTS.glob("*.yaml"))]
    total = Tally()
    for _, tally in rows:
        total.add(tally)
    return rows, total


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{100 * value:.0f} %"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print JSON")
    args = parser.parse_args(argv)
    rows, total = measure()
    if args.json:
        out = {
            "standards": len(rows),
            "findings": total.findings,
            "precision": total.precision,
            "recall": total.recall,
            "unjudged": total.unjudged,
            "missed": total.missed,
        }
        print(json.dumps(out, indent=2, ensure_ascii=False))
        return 0
    print(f"{'standard':60} {'findings':>8} {'signed':>6} {'rejected':>8} {'recall':>7}")
    for name, tally in rows:
        found = f"{tally.signed_found}/{tally.signed}"
        print(f"{name:60} {tally.findings:>8} {tally.signed_findings:>6} {tally.rejected_findings:>8} {found:>7}")
    print(f"\n{len(rows)} standards: precision {_percent(total.precision)}, recall {_percent(total.recall)}")
    for label, items in (("unjudged", total.unjudged), ("missed", total.missed)):
        for item in items:
            print(f"  {label}: {item}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
