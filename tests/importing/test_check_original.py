"""`svcstd check berkas.docx` (and .pdf, .html, .xlsx): the findings of the imported YAML, at the original's places."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from svcstd import api
from svcstd.cli.main import main
from svcstd.importing.originals import judge_original
from svcstd.model import DocumentResult, Origin
from tests.conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "import"
HOSTILE = FIXTURES / "hostile"
ORIGINALS = sorted(path for path in FIXTURES.iterdir() if path.suffix in (".docx", ".pdf", ".html", ".xlsx", ".odt"))
AS_OF = "2026-11-27"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def essence(doc: DocumentResult) -> tuple[object, ...]:
    """What must not differ between an original and its imported YAML: everything but the path and the place."""
    findings = [(f.rule, f.severity, f.message, f.pointer, f.line, f.column, f.anchor) for f in doc.findings]
    return (doc.title, doc.valid, doc.score, doc.passed, findings)


def test_every_kind_of_fixture_is_covered() -> None:
    assert {path.suffix for path in ORIGINALS} == {".docx", ".pdf", ".html", ".xlsx", ".odt"}


@pytest.mark.parametrize("original", ORIGINALS, ids=lambda path: path.name)
def test_findings_equal_those_of_the_imported_yaml(
    original: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, _ = run(capsys, "import", str(original), "-o", str(tmp_path))
    assert code in (0, 1)
    written = sorted(str(path) for path in tmp_path.glob("*.yaml"))
    run_ = api.pipeline(as_of=date.fromisoformat(AS_OF))
    from_yaml = api.check_pipeline(written, run_).documents
    from_original = api.check_pipeline([str(original)], run_, originals=judge_original).documents
    assert len(from_original) == len(from_yaml) >= 1
    assert [essence(doc) for doc in from_original] == [essence(doc) for doc in from_yaml]
    assert [doc.index for doc in from_original] == list(range(len(from_yaml)))
    assert all(doc.path == str(original) for doc in from_original)
    assert all(f.origin is not None for doc in from_original for f in doc.findings)
    assert all(f.origin is None for doc in from_yaml for f in doc.findings)


def findings_of(path: Path) -> list[tuple[str, str, Origin | None]]:
    run_ = api.pipeline(as_of=date.fromisoformat(AS_OF))
    report = api.check_pipeline([str(path)], run_, originals=judge_original)
    return [(f.rule, f.pointer, f.origin) for doc in report.documents for f in doc.findings]


def test_each_finding_points_at_the_page_table_row_and_cell() -> None:
    pbg = FIXTURES / "pbg-pematangsiantar-sippn.html"
    assert findings_of(pbg) == [("SCH008", "/delivery/fees/0", Origin(paragraph=18))]  # a fee with no amount
    # A source that names no provider imports as `provider: {}`: the draft is valid, so the rules run and each
    # finding points at the row and cell of the original.
    igd = findings_of(FIXTURES / "sekadau-igd.pdf")
    assert not any(rule.startswith("SCH") for rule, _, _ in igd)
    assert ("TRA003", "/delivery/fees/0/reference", Origin(page=1, table=1, row=4, cell="3")) in igd
    assert ("TRA006", "/provider", Origin()) in igd  # `{}` names no contact: on the whole document
    assert ("ACC005", "/delivery/complaints", Origin(page=1, table=1, row=6, cell="3")) in igd


@pytest.mark.parametrize(
    ("name", "pointer", "place"),
    [
        ("sekadau-igd.pdf", "/delivery/completion_time", Origin(page=1, table=1, row=3, cell="3")),
        ("sekadau-igd.html", "/delivery/fees/1/reference", Origin(table=1, row=5, cell="3")),
        ("sekadau-igd-naratif.docx", "/delivery/completion_time/text", Origin(paragraph=10)),
        ("bangilan-skck.docx", "/manufacturing/legal_basis/0/year", Origin(table=1, row=2, cell="3")),
        ("perpustakaan-ntb.xlsx", "/delivery/fees/0/amount", Origin(sheet="Standar Pelayanan", row=6, cell="B6")),
    ],
)
def test_a_finding_below_a_value_takes_that_value_place(name: str, pointer: str, place: Origin) -> None:
    """What a rule would point at in each kind of original: the value's own place, or its container's."""
    from svcstd.importing.originals import origin
    from svcstd.importing.run import import_target

    (item,) = import_target(str(FIXTURES / name))
    assert origin(pointer, item.sources) == place


def test_text_output_names_the_place_in_both_languages(capsys: pytest.CaptureFixture[str]) -> None:
    source = str(FIXTURES / "pbg-pematangsiantar-sippn.html")
    code, out, err = run(capsys, "check", source, "--no-cache", "--as-of", AS_OF, "--lang", "id")
    assert code == 1, err
    assert f"{source} (paragraf 18): galat SCH008" in out
    code, out, _ = run(capsys, "check", source, "--no-cache", "--as-of", AS_OF, "--lang", "en")
    assert f"{source} (paragraph 18): error SCH008" in out


def test_machine_outputs_carry_the_place(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = str(FIXTURES / "pbg-pematangsiantar-sippn.html")
    outputs = {name: tmp_path / f"out.{name}" for name in ("json", "sarif", "github", "gitlab")}
    formats = [arg for name, file in outputs.items() for arg in ("--format", f"{name}={file}")]
    code, _, err = run(capsys, "check", source, "--no-cache", "--as-of", AS_OF, "--lang", "en", *formats)
    assert code == 1, err
    report = json.loads(outputs["json"].read_text(encoding="utf-8"))
    placed = [f for f in report["documents"][0]["findings"] if f["pointer"] == "/delivery/fees/0"]
    place = "paragraph 18"
    assert placed[0]["origin"] == {"paragraph": 18, "text": place}
    sarif = json.loads(outputs["sarif"].read_text(encoding="utf-8"))
    locations = [result["locations"][0] for result in sarif["runs"][0]["results"]]
    assert all("region" not in location["physicalLocation"] for location in locations)
    logical = [item for location in locations for item in location["logicalLocations"]]
    assert {"name": place, "fullyQualifiedName": place, "kind": "element"} in logical
    github = outputs["github"].read_text(encoding="utf-8")
    assert "::error file=" in github and ",line=" not in github
    assert f"::[{place}] " in github
    gitlab = json.loads(outputs["gitlab"].read_text(encoding="utf-8"))
    assert any(issue["description"].endswith(f"({place})") for issue in gitlab)
    assert {issue["location"]["lines"]["begin"] for issue in gitlab} == {1}


def test_a_broken_original_is_a_finding_not_a_traceback(capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("rusak.docx", "terpotong.pdf", "terpotong.xlsx", "bukan-standar.html", "pindaian.pdf", "entitas.odt"):
        code, out, err = run(capsys, "check", str(HOSTILE / name), "--no-cache", "--lang", "en")
        assert (code, err) == (1, ""), name
        assert f"{HOSTILE / name} (whole document): error YML" in out, out
        assert "Traceback" not in out


def test_without_the_import_extra_check_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "docx" else real(name, *a))
    code, out, err = run(capsys, "check", str(FIXTURES / "bangilan-skck.docx"), "--lang", "en")
    assert (code, out) == (2, "")
    assert f"{sys.executable} -m pip install 'svcstd[import]'" in err  # the venv's own pip (PEP 668)
    assert "virtual environment" in err and "docx" in err
    code, _, err = run(capsys, "check", str(FIXTURES / "sekadau-igd.html"), "--no-cache", "--lang", "en")
    assert code == 0 and "pip install" not in err  # .html needs no optional library; the draft passes


def test_a_yaml_check_loads_no_reader() -> None:
    """Only the list of suffixes is looked at; neither the importer nor a library it uses is loaded."""
    heavy = "('docx', 'openpyxl', 'pdfplumber', 'lxml', 'svcstd.importing.run', 'svcstd.importing.readers.')"
    script = (
        "import sys; from svcstd.cli.main import main; "
        "main(['check', 'examples/legalisir-ijazah.yaml', '--no-cache']); "
        f"print(sorted(m for m in sys.modules if m.startswith({heavy})))"
    )
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=False)
    assert out.stdout.strip().splitlines()[-1] == "[]", out.stderr


def test_folder_searches_leave_originals_alone(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A folder of decrees holds Word files that are no standard: only YAML is searched for."""
    shutil.copy(FIXTURES / "bangilan-skck.docx", tmp_path)
    shutil.copy(ROOT / "examples" / "legalisir-ijazah.yaml", tmp_path)
    code, out, _ = run(capsys, "check", str(tmp_path), "--no-cache", "--as-of", AS_OF, "--lang", "en")
    assert code in (0, 1) and "legalisir-ijazah.yaml" in out and "bangilan-skck.docx" not in out


def test_the_cache_never_mixes_an_original_with_its_yaml(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """bangilan-skck.docx and the bangilan-skck.yaml imported from it, checked in turn with the cache on."""
    original = tmp_path / "bangilan-skck.docx"
    shutil.copy(FIXTURES / "bangilan-skck.docx", original)
    assert run(capsys, "import", str(original), "-o", str(tmp_path))[0] == 0
    imported = tmp_path / "bangilan-skck.yaml"
    outputs = []
    for path in (original, imported, original, imported):
        code, out, err = run(capsys, "check", str(path), "--as-of", AS_OF, "--lang", "en")
        assert code == 1, err
        outputs.append(out)
    assert outputs[0] == outputs[2] and outputs[1] == outputs[3]
    assert f"{original} (whole document): error ACC007" in outputs[0]
    assert f"{imported}:" in outputs[1] and "(whole document)" not in outputs[1]
    assert [line.partition(": ")[2] for line in outputs[0].splitlines()[:1]] == [
        line.partition(": ")[2] for line in outputs[1].splitlines()[:1]
    ]
