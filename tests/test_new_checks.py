"""The checks of issue #14 on real published standards (tests/fixtures/real): each fails where the real text
has the flaw, and passes on the same text with only that flaw mended (or on another real text that has none).

Sector packs are off unless the document's service or provider names the sector.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from svcstd.api import check
from svcstd.config.settings import RuleSettings, Settings
from svcstd.model import DocumentResult
from svcstd.rules import rules_by_id
from tests.conftest import ROOT

REAL = ROOT / "tests" / "fixtures" / "real"
AS_OF = date(2026, 11, 27)
NOT_APPLICABLE = "n/a"


def real(name: str) -> dict[str, Any]:
    return yaml.safe_load((REAL / f"{name}.yaml").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def outcome(rule_id: str, source: str | dict[str, Any], tmp_path: Path, settings: Settings | None = None) -> Any:
    """The pointers where the rule fails on the document (empty when it passes), or NOT_APPLICABLE."""
    if isinstance(source, str):
        path = REAL / f"{source}.yaml"
    else:
        path = tmp_path / "salinan.yaml"
        path.write_text(yaml.safe_dump(source, allow_unicode=True, sort_keys=False), encoding="utf-8")
    chosen = settings or Settings()
    [doc] = check([str(path)], settings=chosen, as_of=AS_OF).documents
    assert doc.valid, [f.message.en for f in doc.findings]
    return _outcome(rule_id, doc)


def _outcome(rule_id: str, doc: DocumentResult) -> Any:
    principle = next(p for p in doc.principles if p.principle is rules_by_id()[rule_id].principle)
    if rule_id in principle.not_applicable:
        return NOT_APPLICABLE
    return sorted(f.pointer for f in doc.findings if f.rule == rule_id)


def test_acc011_complaint_handling_without_its_procedure(tmp_path: Path) -> None:
    """Labkesda Pasuruan names channels and a handler, but no procedure of handling and no time limit."""
    assert outcome("ACC011", "kesehatan-labkesda-pasuruan-pemeriksaan-biologi-air-minum", tmp_path) == [
        "/delivery/complaints"
    ]
    mended = real("kesehatan-labkesda-pasuruan-pemeriksaan-biologi-air-minum")
    mended["delivery"]["complaints"]["procedure"] = ["Pengaduan dicatat", "Pengaduan ditindaklanjuti"]
    assert outcome("ACC011", mended, tmp_path) == ["/delivery/complaints"]  # the time limit is still missing
    mended["delivery"]["complaints"]["times"] = [{"kind": "settle", "duration": {"value": 14, "unit": "days"}}]
    assert outcome("ACC011", mended, tmp_path) == []


def test_acc011_lists_every_missing_element_in_one_finding(tmp_path: Path) -> None:
    doc = check([str(REAL / "waykanan-ktp-el.yaml")], as_of=AS_OF).documents[0]
    [finding] = [f for f in doc.findings if f.rule == "ACC011"]
    assert "`handler`" in finding.message.en and "`procedure`" in finding.message.en
    assert "`handler`" in finding.message.id and "tata cara" in finding.message.id


def test_acc012_acknowledgement_only_is_not_a_settlement_time(tmp_path: Path) -> None:
    """Sematang Borang: 'Responsif pengaduan 2 hari kerja', settlement 'sesuai dengan kondisi' (no number)."""
    name = "kecamatan-sematang-borang-palembang-surat-keterangan-sippn"
    assert outcome("ACC012", name, tmp_path) == ["/delivery/complaints/times"]
    mended = real(name)
    mended["delivery"]["complaints"]["times"][1]["duration"] = {"value": 14, "unit": "days"}
    assert outcome("ACC012", mended, tmp_path) == []


def test_acc013_vacuous_guarantees(tmp_path: Path) -> None:
    """'Memberikan pelayanan terbaik dan cepat' (Bangilan); 'Jasa layanan perpustakaan' as the security guarantee
    (Kantor Bahasa NTB), whose service guarantee ('sesuai dengan standar yang telah ditetapkan') passes."""
    assert outcome("ACC013", "kepolisian-kecamatan-bangilan-pengurusan-skck", tmp_path) == [
        "/manufacturing/service_guarantee"
    ]
    ntb = "perpustakaan-kantor-bahasa-ntb-standar-layanan-perpustakaan"
    assert outcome("ACC013", ntb, tmp_path) == ["/manufacturing/security_guarantee"]
    mended = real(ntb)
    mended["manufacturing"]["security_guarantee"] = "Ruang baca dilengkapi APAR dan jalur evakuasi."
    assert outcome("ACC013", mended, tmp_path) == []


def test_acc014_compensation(tmp_path: Path) -> None:
    """Probolinggo states compensation ('petugas harus mengantarkan ke alamat rumah'); Garut states none."""
    assert outcome("ACC014", "dukcapil-probolinggo-kota-akta-kelahiran-spp-2017", tmp_path) == []
    assert outcome("ACC014", "sosial-dinsos-garut-pengecekan-dtks-pip", tmp_path) == [""]
    assert outcome("ACC014", "waykanan-ktp-el", tmp_path) == NOT_APPLICABLE  # a published sheet


def test_tra010_maklumat_published_and_displayed(tmp_path: Path) -> None:
    name = "sosial-dinsos-garut-pengecekan-dtks-pip"
    assert outcome("TRA010", name, tmp_path) == [""]
    mended = real(name)
    mended["pledge"] = {
        "text": "Dengan ini, kami menyatakan sanggup menyelenggarakan pelayanan sesuai standar pelayanan.",
        "published": ["https://dinsos.garutkab.go.id"],
        "displayed": "Ruang pelayanan Dinas Sosial",
    }
    assert outcome("TRA010", mended, tmp_path) == []
    del mended["pledge"]["displayed"]
    assert outcome("TRA010", mended, tmp_path) == ["/pledge"]
    assert outcome("TRA010", "waykanan-ktp-el", tmp_path) == NOT_APPLICABLE  # a sheet without a maklumat


def test_sus009_satisfaction_survey_held_published_followed_up(tmp_path: Path) -> None:
    name = "sosial-dinsos-garut-pengecekan-dtks-pip"
    assert outcome("SUS009", name, tmp_path) == [""]
    mended = real(name)
    survey = {"period": "2025", "index": 84.2, "grade": "B", "published": ["https://dinsos.garutkab.go.id"]}
    mended["satisfaction_survey"] = [{**survey, "follow_up": "Menambah petugas loket"}]
    assert outcome("SUS009", mended, tmp_path) == []
    mended["satisfaction_survey"] = [{"period": "2022", "index": 80.1}]
    doc = check([str(_write(tmp_path, mended))], as_of=AS_OF).documents[0]
    [finding] = [f for f in doc.findings if f.rule == "SUS009"]
    assert finding.pointer == "/satisfaction_survey"
    assert "2022" in finding.message.en and "follow-up" in finding.message.en and "tindak lanjut" in finding.message.id


def test_acc030_population_documents_are_free(tmp_path: Path) -> None:
    name = "dukcapil-lamongan-penerbitan-kartu-keluarga-baru"
    assert outcome("ACC030", name, tmp_path) == []  # "Tidak ada biaya / GRATIS", amount 0
    charged = real(name)
    charged["delivery"]["fees"] = [{"name": "Penerbitan Kartu Keluarga", "amount": 10000}]
    assert outcome("ACC030", charged, tmp_path) == ["/delivery/fees"]


def test_acc031_emergency_care_before_administration(tmp_path: Path) -> None:
    """Sungai Dareh's IGD lists 20 requirements with no word that they may follow care; Sekadau's says
    'dapat dilengkapi dalam waktu 2x24 jam'."""
    assert outcome("ACC031", "kesehatan-rsud-sungai-dareh-instalasi-gawat-darurat", tmp_path) == [
        "/delivery/requirements"
    ]
    assert outcome("ACC031", "kesehatan-rsud-sekadau-instalasi-gawat-darurat", tmp_path) == []


@pytest.mark.parametrize(
    ("rule_id", "name"),
    [
        ("ACC030", "perpustakaan-agam-layanan-keanggotaan-sippn"),
        ("ACC030", "kesehatan-rsud-sekadau-instalasi-gawat-darurat"),
        ("ACC031", "kesehatan-rsud-loekmono-hadi-instalasi-rawat-jalan"),
        ("ACC031", "dukcapil-lamongan-penerbitan-kartu-keluarga-baru"),
        ("SIM008", "perizinan-pematangsiantar-persetujuan-bangunan-gedung-sippn"),
    ],
)
def test_sector_packs_are_off_outside_their_sector(rule_id: str, name: str, tmp_path: Path) -> None:
    assert outcome(rule_id, name, tmp_path) == NOT_APPLICABLE


def test_sim008_uses_only_a_configured_statutory_limit(tmp_path: Path) -> None:
    """No permit's time limit was verified, so the pack ships none; a unit's configured limit applies."""
    name = "perizinan-pematangsiantar-persetujuan-bangunan-gedung-sippn"

    def limited(days: int) -> Settings:
        limit = {"match": "Persetujuan Bangunan Gedung", "max_days": days, "source": "Perwali (contoh)"}
        return Settings(rules={"SIM008": RuleSettings(options={"limits": [limit]})})

    assert "/delivery/completion_time/0" in outcome("SIM008", name, tmp_path, limited(1))
    assert outcome("SIM008", name, tmp_path, limited(200)) == []  # the longest stage: 6 months


def _write(tmp_path: Path, data: dict[str, Any]) -> Path:
    path = tmp_path / "salinan.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path
