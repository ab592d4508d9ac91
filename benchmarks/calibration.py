"""Precision and recall of svcstd's findings against an inspector's verdicts on real published standards.

Each file in tests/fixtures/real/verdicts/ judges one real standard of tests/fixtures/real/, finding by
finding, as an Ombudsman or inspectorate assessor would: `signed` lists what the assessor would sign
(whether svcstd finds it or not), `rejected` what svcstd reports that the assessor would not sign. A
verdict matches a finding of the same rule whose JSON Pointer starts with the verdict's `where`.

    precision = findings matched by a signed verdict / judged findings (errors and warnings, not unseen)
    recall    = signed verdicts matched by at least one finding / signed verdicts

Recall is also given over the signed verdicts whose rule svcstd has (`recall_known`): a verdict may name a
rule agreed but not yet built, and then it counts as missed in the plain recall.

Information-level findings are advice: they are left out of precision (what svcstd flags as a problem),
but a signed verdict that an information-level finding of its rule reports counts as found for recall
(compensation, kompensasi, is scored by the Ombudsman's assessment but no verified article requires it, so
ACC014 reports it as advice, and the assessor still signs it). Findings that no verdict judges are listed
as unjudged: judge them and add them to the file.

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
    unseen_findings: int = 0
    signed: int = 0
    signed_found: int = 0
    signed_known: int = 0
    signed_known_found: int = 0
    unjudged: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        self.findings += other.findings
        self.signed_findings += other.signed_findings
        self.rejected_findings += other.rejected_findings
        self.unseen_findings += other.unseen_findings
        self.signed += other.signed
        self.signed_found += other.signed_found
        self.signed_known += other.signed_known
        self.signed_known_found += other.signed_known_found
        self.unjudged += other.unjudged
        self.missed += other.missed

    @property
    def precision(self) -> float | None:
        judged = self.findings - self.unseen_findings
        return self.signed_findings / judged if judged else None

    @property
    def recall(self) -> float | None:
        return self.signed_found / self.signed if self.signed else None

    @property
    def recall_known(self) -> float | None:
        return self.signed_known_found / self.signed_known if self.signed_known else None


def _matches(verdict: dict[str, Any], finding: dict[str, Any]) -> bool:
    return verdict["rule"] == finding["rule"] and str(finding["pointer"]).startswith(verdict.get("where", ""))


def _judge(finding: dict[str, Any], verdicts: dict[str, list[dict[str, Any]]]) -> str | None:
    """The list (`signed`, `rejected`, `unseen`) whose most specific matching verdict judges the finding."""
    best: tuple[int, str] | None = None
    for kind, items in verdicts.items():
        for verdict in items:
            if _matches(verdict, finding):
                length = len(verdict.get("where", ""))
                if best is None or length > best[0]:
                    best = (length, kind)
    return best[1] if best else None


def judge_one(verdict_file: Path) -> tuple[str, Tally]:
    """Check the standard a verdict file judges and count its findings against the verdicts."""
    from svcstd import api
    from svcstd.rules import BUILTIN_RULES

    known = {r.id for r in BUILTIN_RULES}
    verdicts = yaml.safe_load(verdict_file.read_text(encoding="utf-8"))
    fixture = FIXTURES / verdicts["fixture"]
    report = api.check([str(fixture)], as_of=AS_OF)
    reported = [
        {"rule": f.rule, "pointer": f.pointer, "severity": f.severity.value}
        for doc in report.documents
        for f in doc.active_findings()
    ]
    findings = [finding for finding in reported if finding["severity"] in COUNTED]
    lists = {kind: verdicts.get(kind) or [] for kind in ("signed", "rejected", "unseen")}
    signed = lists["signed"]
    tally = Tally(findings=len(findings), signed=len(signed))
    for finding in findings:
        kind = _judge(finding, lists)
        if kind == "signed":
            tally.signed_findings += 1
        elif kind == "rejected":
            tally.rejected_findings += 1
        elif kind == "unseen":
            tally.unseen_findings += 1
        else:
            tally.unjudged.append(f"{fixture.name}: {finding['rule']} {finding['pointer']}")
    for verdict in signed:
        found = any(_matches(verdict, finding) for finding in reported)
        tally.signed_found += found
        if verdict["rule"] in known:
            tally.signed_known += 1
            tally.signed_known_found += found
        if not found:
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
            "unseen": total.unseen_findings,
            "precision": total.precision,
            "recall": total.recall,
            "recall_known": total.recall_known,
            "unjudged": total.unjudged,
            "missed": total.missed,
        }
        print(json.dumps(out, indent=2, ensure_ascii=False))
        return 0
    print(f"{'standard':60} {'findings':>8} {'signed':>6} {'rejected':>8} {'recall':>7}")
    for name, tally in rows:
        found = f"{tally.signed_found}/{tally.signed}"
        print(f"{name:60} {tally.findings:>8} {tally.signed_findings:>6} {tally.rejected_findings:>8} {found:>7}")
    print(
        f"\n{len(rows)} standards: precision {_percent(total.precision)}, recall {_percent(total.recall)} "
        f"(rules svcstd has: {_percent(total.recall_known)}); {total.unseen_findings} findings on cut copies unjudged"
    )
    for label, items in (("unjudged", total.unjudged), ("missed", total.missed)):
        for item in items:
            print(f"  {label}: {item}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
