"""Shared parts (`uses:`, format 1.1): parts taken from a shared file, findings placed in it, and every way it fails.

Each test builds a small repository (a `.git` folder marks its root) with a shared file and standards using it.
"""

from __future__ import annotations

import os
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from svcstd import api, parallel
from svcstd.checks import CHECKS_BY_ID
from svcstd.config.settings import DEFAULT_SETTINGS
from svcstd.model import Finding, Report
from svcstd.reading.limits import Limits
from svcstd.reporters import RenderOptions, renderer

AS_OF = date(2026, 11, 27)
QUANTITY = "/manufacturing/facilities/0/quantity"

SHARED = """\
svcstd-shared: "1.1"
# Dasar hukum dan komponen pengelolaan bersama
manufacturing:
  legal_basis:
    - Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik
  facilities:
    - name: Ruang tunggu
      quantity: -1
  staff_competence: [{requirements: [Ramah]}]
  internal_supervision: [{supervisor: Kepala Dinas, frequency: bulanan}]
  staff_count: {}
  service_guarantee: Dijamin
  security_guarantee: Aman
  performance_evaluation: {method: Survei Kepuasan Masyarakat, frequency: tahunan}
"""

DELIVERY = """\
delivery:
  requirements: [{name: KTP}]
  procedure: {steps: [{action: Datang}]}
  completion_time: {value: 1, unit: days}
  fees: [{name: Biaya, amount: 0}]
  products: [{name: Surat}]
  complaints: {channels: [{type: telepon, contact: "(0351) 555-0100"}]}
"""


def standard(uses: str, extra: str = "") -> str:
    head = 'svcstd: "1.1"\nkind: standard\ntitle: Layanan\nprovider: {name: Dinas Kesehatan}\n'
    return f"{head}{uses}{extra}{DELIVERY}"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    (root / "bersama").mkdir()
    (root / "layanan").mkdir()
    (root / "bersama" / "dinkes.yaml").write_text(SHARED, encoding="utf-8")
    return root


def run(*paths: Path, use_cache: bool = False) -> Report:
    return api.check([str(p) for p in paths], DEFAULT_SETTINGS, AS_OF, jobs=1, use_cache=use_cache)


def findings(report: Report) -> list[Finding]:
    return [f for doc in report.documents for f in doc.findings]


def where(report: Report, rule: str) -> list[tuple[str | None, int, int, str]]:
    return [(f.file, f.line, f.column, f.pointer) for f in findings(report) if f.rule == rule]


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_a_schema_finding_on_a_shared_part_points_into_the_shared_file(repo: Path) -> None:
    uses = "uses: [{file: ../bersama/dinkes.yaml, parts: [manufacturing]}]\n"
    report = run(write(repo / "layanan" / "a.yaml", standard(uses)))
    shared = str(repo / "bersama" / "dinkes.yaml")
    assert where(report, "SCH007") == [(shared, 8, 17, QUANTITY)]
    text = renderer("text")(report, RenderOptions())
    assert f"{shared}:8:17: error SCH007" in text


def test_rule_findings_on_shared_text_point_into_it_and_the_document_is_judged_whole(repo: Path) -> None:
    write(repo / "bersama" / "dinkes.yaml", SHARED.replace("quantity: -1", "quantity: 1"))
    doc = write(repo / "layanan" / "a.yaml", standard("uses: [../bersama/dinkes.yaml]\n"))
    report = run(doc)
    [result] = report.documents
    assert result.valid and result.score is not None
    assert "ACC010" not in {f.rule for f in result.findings}  # the manufacturing part is there
    shared = str(repo / "bersama" / "dinkes.yaml")
    assert (shared, 7, 5, "/manufacturing/facilities") in where(report, "FAI002")
    own = [f for f in result.findings if f.file is None]
    assert own and not any(f.pointer.startswith("/manufacturing/") for f in own)
    for name in ("json", "sarif", "github", "gitlab", "junit", "markdown", "html"):
        assert "dinkes.yaml" in renderer(name)(report, RenderOptions()), name


def with_own_legal_basis(repo: Path, parts: str) -> Path:
    """A standard with its own legal basis, taking `parts` from the shared file."""
    uses = f"uses:\n  - file: ../bersama/dinkes.yaml\n    parts: [{parts}]\n"
    own = "manufacturing:\n  legal_basis: [Perda Nomor 1 Tahun 2020]\n"
    return write(repo / "layanan" / "a.yaml", standard(uses, own))


def test_one_part_by_name_and_the_rest_of_the_component_from_the_document(repo: Path) -> None:
    doc = with_own_legal_basis(repo, "manufacturing.facilities")
    assert where(run(doc), "SCH007") == [(str(repo / "bersama" / "dinkes.yaml"), 8, 17, QUANTITY)]
    write(repo / "bersama" / "dinkes.yaml", SHARED.replace("quantity: -1", "quantity: 1"))
    missing = {f.pointer for f in findings(run(doc)) if f.rule == "ACC010"}
    assert "/manufacturing/staff_count" in str(missing) and "legal_basis" not in str(missing)
    assert "facilities" not in str(missing)


def test_a_part_given_twice_or_missing_is_sch011_at_the_uses_entry(repo: Path) -> None:
    doc = with_own_legal_basis(repo, "manufacturing.legal_basis, pledge")
    found = [f for f in findings(run(doc)) if f.rule == "SCH011"]
    assert [(f.line, f.column, f.pointer, f.file) for f in found] == [(6, 11, "/uses/0", None)] * 2
    assert "given both in this document" in found[0].message.en and "`pledge`" in found[1].message.en
    assert "berkas bersama" in found[0].message.id


@pytest.mark.parametrize(
    ("name", "rule"),
    [
        ("../../luar.yaml", "YML009"),
        ("/etc/hostname", "YML009"),
        ("../bersama/tidak-ada.yaml", "YML008"),
        ("../bersama", "YML008"),
        ("../layanan/lain.yaml", "SCH011"),
    ],
)
def test_a_file_that_cannot_be_used_is_a_finding_never_a_crash(repo: Path, name: str, rule: str) -> None:
    write(repo.parent / "luar.yaml", SHARED)  # a real shared file, but outside the repository
    write(repo / "layanan" / "lain.yaml", standard(""))  # a standard, not a shared file
    doc = write(repo / "layanan" / "a.yaml", standard(f"uses: [{name}]\n"))
    [result] = run(doc).documents
    assert not result.valid
    found = [(f.rule, f.line, f.column, f.pointer) for f in result.findings if f.rule == rule]
    assert found == [(rule, 5, 8, "/uses/0")]
    assert rule in CHECKS_BY_ID


def test_a_symlink_leading_out_of_the_repository_is_outside(repo: Path) -> None:
    write(repo.parent / "luar.yaml", SHARED)
    os.symlink(repo.parent / "luar.yaml", repo / "bersama" / "pintas.yaml")
    doc = write(repo / "layanan" / "a.yaml", standard("uses: [../bersama/pintas.yaml]\n"))
    assert [f.rule for f in findings(run(doc)) if f.rule.startswith("YML")] == ["YML009"]


def test_a_cycle_is_found_where_it_closes(repo: Path) -> None:
    write(repo / "bersama" / "x.yaml", 'svcstd-shared: "1.1"\nuses: [y.yaml]\npledge: {text: Kami siap}\n')
    write(repo / "bersama" / "y.yaml", 'svcstd-shared: "1.1"\nuses: [x.yaml]\nmotto: Cepat\n')
    doc = write(repo / "layanan" / "a.yaml", standard("uses: [../bersama/x.yaml]\n"))
    [cycle] = [f for f in findings(run(doc)) if f.rule == "YML010"]
    assert (cycle.file, cycle.line, cycle.column, cycle.pointer) == (str(repo / "bersama" / "y.yaml"), 2, 8, "/uses/0")
    assert "bersama/x.yaml → bersama/y.yaml → bersama/x.yaml" in cycle.message.en


def test_a_document_using_itself_is_a_cycle(repo: Path) -> None:
    doc = write(repo / "layanan" / "a.yaml", 'svcstd-shared: "1.1"\n' + standard("uses: [a.yaml]\n"))
    assert "YML010" in {f.rule for f in findings(run(doc))}


def test_parts_through_a_second_shared_file_point_into_that_file(repo: Path) -> None:
    write(repo / "bersama" / "dinas.yaml", 'svcstd-shared: "1.1"\nuses: [dinkes.yaml]\nmotto: Cepat\n')
    uses = "uses: [{file: ../bersama/dinas.yaml, parts: [manufacturing]}]\n"
    doc = write(repo / "layanan" / "a.yaml", standard(uses))
    assert where(run(doc), "SCH007") == [(str(repo / "bersama" / "dinkes.yaml"), 8, 17, QUANTITY)]


def test_a_broken_shared_file_is_reported_at_its_own_place(repo: Path) -> None:
    write(repo / "bersama" / "rusak.yaml", 'svcstd-shared: "1.1"\nmotto: [Cepat\n')
    doc = write(repo / "layanan" / "a.yaml", standard("uses: [../bersama/rusak.yaml]\n"))
    [broken] = [f for f in findings(run(doc)) if f.rule == "YML003"]
    assert broken.file == str(repo / "bersama" / "rusak.yaml") and broken.pointer == "/uses/0"


def test_reading_limits_apply_to_shared_files(repo: Path) -> None:
    big = 'svcstd-shared: "1.1"\nmission:\n' + "".join(f"  - Misi {n}\n" for n in range(50))
    write(repo / "bersama" / "besar.yaml", big)
    doc = write(repo / "layanan" / "a.yaml", standard("uses: [../bersama/besar.yaml]\n"))
    settings = replace(DEFAULT_SETTINGS, limits=Limits(max_nodes=40))
    report = api.check([str(doc)], settings, AS_OF, jobs=1)
    assert "YML006" in {f.rule for f in findings(report)}
    assert not report.documents[0].valid


def test_1_0_documents_do_not_take_shared_parts(repo: Path) -> None:
    doc = write(repo / "layanan" / "a.yaml", standard("uses: [../bersama/dinkes.yaml]\n").replace('"1.1"', '"1.0"'))
    found = findings(run(doc))
    assert "SCH007" not in {f.rule for f in found}  # the shared file was not read
    assert any(f.rule == "SCH001" and f.pointer == "/uses" for f in found)


def test_a_changed_shared_file_invalidates_the_cache(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    doc = write(repo / "layanan" / "a.yaml", standard("uses: [../bersama/dinkes.yaml]\n"))
    assert "SCH007" in {f.rule for f in findings(run(doc, use_cache=True))}
    judged: list[str] = []
    original = parallel.check_file
    monkeypatch.setattr(parallel, "check_file", lambda t, r: judged.append(t.path) or original(t, r))
    assert "SCH007" in {f.rule for f in findings(run(doc, use_cache=True))}
    assert judged == []  # unchanged: served from the cache
    write(repo / "bersama" / "dinkes.yaml", SHARED.replace("quantity: -1", "quantity: 1"))
    assert "SCH007" not in {f.rule for f in findings(run(doc, use_cache=True))}
    assert judged == [str(doc)]


def test_a_folder_check_passes_over_shared_files(repo: Path) -> None:
    write(repo / "layanan" / "a.yaml", standard("uses: [../bersama/dinkes.yaml]\n"))
    assert [doc.path for doc in run(repo).documents] == [os.path.join(str(repo), "layanan", "a.yaml")]


def test_a_real_decree_split_into_services_with_a_shared_provider_is_judged_as_before() -> None:
    """PA Pati's two table rows (tests/fixtures/real), split into files taking the common provider from one."""
    root = Path(__file__).parent / "fixtures"
    whole = run(root / "real" / "pengadilan-pa-pati-pelayanan-persidangan.yaml").documents
    split = run(root / "shared" / "pa-pati").documents
    assert sorted(doc.title or "" for doc in split) == sorted(doc.title or "" for doc in whole)
    for before in whole:
        [after] = [doc for doc in split if doc.title == before.title]
        assert (after.valid, after.score, after.passed) == (before.valid, before.score, before.passed)
        assert [(f.rule, f.pointer, f.message) for f in after.findings] == [
            (f.rule, f.pointer, f.message) for f in before.findings
        ]
        assert after.meta.provider == "Pengadilan Agama Pati"


def test_without_git_or_configuration_the_root_is_the_folder_svcstd_runs_in(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "bersama").mkdir()
    (tmp_path / "layanan").mkdir()
    write(tmp_path / "bersama" / "dinkes.yaml", SHARED)
    doc = write(tmp_path / "layanan" / "a.yaml", standard("uses: [../bersama/dinkes.yaml]\n"))
    monkeypatch.chdir(tmp_path)
    assert "SCH007" in {f.rule for f in findings(run(Path("layanan/a.yaml")))}
    monkeypatch.chdir(tmp_path / "layanan")
    assert [f.rule for f in findings(run(doc)) if f.rule.startswith("YML")] == ["YML009"]


def test_a_pipe_named_as_shared_file_is_not_opened(repo: Path) -> None:
    os.mkfifo(repo / "bersama" / "pipa.yaml")  # opening it for reading would block forever
    doc = write(repo / "layanan" / "a.yaml", standard("uses: [../bersama/pipa.yaml]\n"))
    [finding] = [f for f in findings(run(doc)) if f.rule.startswith("YML")]
    assert finding.rule == "YML008" and "not a regular file" in finding.message.en
