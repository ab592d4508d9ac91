"""Compliance (Kepatuhan) and quality (Mutu) on real standards: compliance follows the flaws, not metadata.

Issue #14: adding only an adoption record, a review and a consultation record to a real standard moved its
score by some thirty points. Those are records of processes held outside the published text; compliance
must move with the degree of the document's flaws instead.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import yaml

from svcstd.api import check
from svcstd.model import DocumentResult
from svcstd.rules import BUILTIN_RULES
from svcstd.rules.citation_data import load_citations
from tests.conftest import ROOT

REAL = ROOT / "tests" / "fixtures" / "real" / "sosial-dinsos-garut-pengecekan-dtks-pip.yaml"
AS_OF = date(2026, 11, 27)

METADATA: dict[str, Any] = {
    "status": "adopted",
    "adoption": {
        "decree": "Keputusan Kepala Dinas Nomor 800/12/2025",
        "date": "2025-01-06",
        "signed_by": "Kepala Dinas",
    },
    "review": {
        "interval_months": 12,
        "last_reviewed": "2025-12-01",
        "history": [{"date": "2025-12-01", "summary": "Ditinjau."}],
    },
    "consultation": [
        {
            "date": "2024-11-04",
            "method": "Forum Konsultasi Publik",
            "participants": [
                {"group": "community", "name": "Perwakilan masyarakat", "count": 8},
                {"group": "provider", "name": "Petugas", "count": 3},
            ],
            "outcomes": ["Persyaratan disederhanakan."],
        }
    ],
}


def judged(tmp_path: Path, name: str, data: dict[str, Any]) -> DocumentResult:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    [doc] = check([str(path)], as_of=AS_OF).documents
    assert doc.valid, [f.message.en for f in doc.findings]
    return doc


def test_metadata_moves_compliance_less_than_one_flaw(tmp_path: Path) -> None:
    """Adoption, review and consultation records leave compliance and zone; one component less lowers it."""
    original = yaml.safe_load(REAL.read_text(encoding="utf-8"))
    before = judged(tmp_path, "asli.yaml", original)
    with_metadata = judged(tmp_path, "metadata.yaml", {**original, **METADATA})
    fewer = {**original, "delivery": {k: v for k, v in original["delivery"].items() if k != "completion_time"}}
    one_flaw_more = judged(tmp_path, "cacat.yaml", fewer)
    assert before.score is not None and with_metadata.score is not None and one_flaw_more.score is not None
    flaw_cost = before.score - one_flaw_more.score
    assert flaw_cost > 0
    assert abs(with_metadata.score - before.score) < flaw_cost
    assert with_metadata.score == before.score  # measured: 36.4 both; one component less: 21.2
    assert with_metadata.grade == before.grade
    # The records still count where they belong: in quality (Mutu).
    assert (with_metadata.quality or 0.0) > (before.quality or 0.0)


def test_every_binding_rule_quotes_verified_words_with_their_source() -> None:
    """Compliance counts a rule only when its citation is law, quoted as read, at a named source."""
    citations = load_citations()
    binding = [rule for rule in BUILTIN_RULES if rule.binding]
    assert len(binding) >= 10
    for rule in binding:
        entry = citations[rule.id]
        assert entry.law_or_practice.startswith("law"), rule.id
        assert entry.words and entry.source and entry.status and "VERIFIED" in entry.status, rule.id
        assert not entry.record, rule.id
    for rule in BUILTIN_RULES:
        if not rule.binding:
            assert citations[rule.id].law_or_practice.startswith(("good practice", "general knowledge")) or (
                citations[rule.id].record
                or "VERIFIED" not in (citations[rule.id].status or "").replace("NOT VERIFIED", "")
            ), rule.id
