"""Fingerprints follow a finding when lines move, and never coincide for two findings."""

from __future__ import annotations

import contextlib
from pathlib import Path

from svcstd import api
from svcstd.config import DEFAULT_SETTINGS
from svcstd.fingerprints import document_fingerprints, finding_key
from svcstd.model import Report
from tests.reporters.cases import AS_OF, ROOT, examples_report

WEAK = ROOT / "examples" / "dpmptsp-pbg.yaml"


def check(folder: Path) -> Report:
    with contextlib.chdir(folder):
        return api.check(["pbg.yaml"], DEFAULT_SETTINGS, AS_OF)


def prints_by_key(report: Report) -> dict[str, tuple[str, str, int]]:
    doc = report.documents[0]
    prints = document_fingerprints(doc)
    return {p: (f.rule, f.pointer, f.line) for p, f in zip(prints, doc.findings, strict=True)}


def test_moving_findings_keeps_their_fingerprints(tmp_path: Path) -> None:
    source = WEAK.read_text(encoding="utf-8")
    (tmp_path / "pbg.yaml").write_text(source, encoding="utf-8")
    before = prints_by_key(check(tmp_path))
    (tmp_path / "pbg.yaml").write_text("# dipindah\n\n# komentar\n\n" + source, encoding="utf-8")
    after = prints_by_key(check(tmp_path))
    assert before.keys() == after.keys()
    for fingerprint, (rule, pointer, line) in before.items():
        assert after[fingerprint] == (rule, pointer, line + 4)


def test_no_two_findings_share_a_fingerprint() -> None:
    report = examples_report()
    prints = [p for doc in report.documents for p in document_fingerprints(doc)]
    assert len(prints) == len(set(prints))
    keys = [finding_key(doc, f) for doc in report.documents for f in doc.findings]
    assert len(set(keys)) < len(keys), "the examples should include findings with the same key"
