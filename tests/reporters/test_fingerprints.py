"""Fingerprints follow a finding when lines move, and never coincide for two findings."""

from __future__ import annotations

import contextlib
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from svcstd import api
from svcstd.config.settings import DEFAULT_SETTINGS
from svcstd.fingerprints import document_fingerprints, finding_key, stable_pointer
from svcstd.judge import judge
from svcstd.model import Report
from svcstd.reading.loader import load_text
from tests.reporters.cases import AS_OF, ROOT

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
    # --verbose: one finding per item, so ACC005's two missing elements share rule and pointer
    with contextlib.chdir(ROOT):
        report = api.check(["examples"], replace(DEFAULT_SETTINGS, verbose=True), AS_OF)
    prints = [p for doc in report.documents for p in document_fingerprints(doc)]
    assert len(prints) == len(set(prints))
    keys = [finding_key(doc, f) for doc in report.documents for f in doc.findings]
    assert len(set(keys)) < len(keys), "the examples should include findings with the same key"


DATA: dict[str, Any] = {
    "delivery": {
        "fees": [{"name": "Retribusi a/b ~c", "amount": 0}, {"formula": "luas x tarif"}],
        "complaints": {"channels": [{"type": "phone", "contact": "112", "person": "Petugas"}]},
        "procedure": {"steps": [{"actor": "Pemohon", "action": "Mendaftar"}]},
    },
    "manufacturing": {"staff_count": [{"role": "Operator", "count": 2}], "legal_basis": [{"title": "UU 25/2009"}]},
    "consultation": [{"date": "2025-03-01", "participants": [{"group": "ngo", "name": "LSM"}, {"group": "media"}]}],
    "review": {"history": [{"date": "2025-12-01", "summary": "ok"}]},
    "waivers": [{"rule": "SIM002", "until": "2027-01-01"}],
    "items": [{"id": 7, "name": 3, "enabled": True}, {"date": True}, "plain"],
}


@pytest.mark.parametrize(
    ("pointer", "expected"),
    [
        ("/delivery/fees/0/amount", "/delivery/fees/[name=Retribusi a~1b ~0c]/amount"),
        ("/delivery/fees/1/formula", "/delivery/fees/1/formula"),
        ("/delivery/complaints/channels/0/person", "/delivery/complaints/channels/[type=phone,contact=112]/person"),
        ("/delivery/procedure/steps/0/actor", "/delivery/procedure/steps/0/actor"),
        ("/manufacturing/staff_count/0/count", "/manufacturing/staff_count/[role=Operator]/count"),
        ("/manufacturing/legal_basis/0", "/manufacturing/legal_basis/[title=UU 25~12009]"),
        ("/consultation/0/participants/0/group", "/consultation/[date=2025-03-01]/participants/[name=LSM]/group"),
        ("/consultation/0/participants/1", "/consultation/[date=2025-03-01]/participants/[group=media]"),
        ("/review/history/0/summary", "/review/history/[date=2025-12-01]/summary"),
        ("/waivers/0/until", "/waivers/[rule=SIM002]/until"),
        ("/items/0", "/items/[name=3]"),
        ("/items/1", "/items/1"),
        ("/items/2", "/items/2"),
        ("/delivery/fees/5/name", "/delivery/fees/5/name"),
        ("/delivery/fees/-", "/delivery/fees/-"),
        ("/nowhere/0/name", "/nowhere/0/name"),
        ("", ""),
        ("/", "/"),
    ],
)
def test_stable_pointer_names_list_items_by_their_key(pointer: str, expected: str) -> None:
    assert stable_pointer(pointer, DATA) == expected


def test_stable_pointers_survive_an_inserted_fee() -> None:
    source = WEAK.read_text(encoding="utf-8")
    # with a basis, so that it adds no finding of its own (ACC003 names every unfounded fee in one finding)
    inserted = "  fees:\n    - name: Biaya cetak dokumen\n      amount: 15000\n      basis: Perda Nomor 1 Tahun 2024\n"
    assert source.count("  fees:\n") == 1
    before, after = (_stable_findings(text) for text in (source, source.replace("  fees:\n", inserted)))
    assert [(rule, anchor) for rule, anchor, _ in before] == [(rule, anchor) for rule, anchor, _ in after]
    moved = [pointer for (_, _, pointer), (_, _, now) in zip(before, after, strict=True) if pointer != now]
    assert any(pointer.startswith("/delivery/fees/0") for pointer in moved)


def _stable_findings(text: str) -> list[tuple[str, str, str]]:
    """(rule, stable pointer, pointer) of every rule finding but those about the new fee itself."""
    loaded = load_text(text, "pbg.yaml")[0]
    result = judge(loaded, api.pipeline(DEFAULT_SETTINGS, AS_OF))
    found = [(f.rule, stable_pointer(f.pointer, loaded.data), f.pointer) for f in result.findings]
    return sorted(item for item in found if "Biaya cetak" not in item[1])
