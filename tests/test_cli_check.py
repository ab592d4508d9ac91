"""`svcstd check` end to end, in-process: exit codes, outputs, options (CLI.md)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from svcstd.cli.main import main
from tests.conftest import ROOT

EXAMPLES = ROOT / "examples"
GOOD = str(EXAMPLES / "dukcapil-ktp-el.yaml")
INVALID = str(EXAMPLES / "invalid" / "perpustakaan-draf.yaml")
AS_OF = ["--as-of", "2026-11-27"]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--version")
    assert code == 0 and out.startswith("svcstd ")


def test_exemplary_standard_passes_with_exit_0(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", GOOD, *AS_OF, "--lang", "en")
    assert code == 0
    assert "high compliance" in out and "passes the gate" in out
    assert "1 document(s) checked: 1 passed, 0 failed, 0 invalid" in out


def test_schema_errors_exit_1_with_file_line_column(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", INVALID, *AS_OF, "--lang", "en")
    assert code == 1
    assert f"{INVALID}:39:3: error SCH001 " in out
    assert "Did you mean `requirements`" in out


def test_indonesian_messages(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", INVALID, *AS_OF, "--lang", "id")
    assert code == 1
    assert ": galat SCH001 " in out and "dokumen diperiksa" in out


@pytest.mark.parametrize(
    "argv",
    [
        ["check", "no/such/path.yaml"],
        ["check", GOOD, "--as-of", "27-11-2026"],
        ["check", GOOD, "--format", "pdf"],
        ["check", GOOD, "--fail-on", "sometimes"],
        ["check", GOOD, "--lang", "fr"],
        ["check", GOOD, "--no-such-option"],
        ["check", GOOD, "--format", "text", "--format", "json"],
    ],
)
def test_misuse_exits_2_with_one_message_and_no_traceback(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert "Traceback" not in out + err
    assert err.strip()


def test_missing_path_message_in_both_languages(capsys: pytest.CaptureFixture[str]) -> None:
    _, _, err_en = run(capsys, "check", "nope.yaml", "--lang", "en")
    _, _, err_id = run(capsys, "check", "nope.yaml", "--lang", "id")
    assert "File or folder not found: nope.yaml" in err_en
    assert "Berkas atau folder tidak ditemukan: nope.yaml" in err_id


def test_json_output_follows_the_contract(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", str(EXAMPLES), *AS_OF, "--format", "json")
    report = json.loads(out)
    assert code == 1
    assert report["format_version"] == 1 and report["as_of"] == "2026-11-27"
    assert set(report["summary"]) == {"documents", "passed", "failed", "invalid", "findings"}
    invalid = [d for d in report["documents"] if not d["valid"]]
    assert invalid and all(d["score"] is None and d["grade"] is None and d["principles"] == {} for d in invalid)
    for doc in report["documents"]:
        if doc["valid"]:
            assert list(doc["principles"]) == [
                "simplicity",
                "participation",
                "accountability",
                "sustainability",
                "transparency",
                "fairness",
            ]
        for finding in doc["findings"]:
            assert {"rule", "principle", "severity", "message", "pointer", "line", "column"} <= set(finding)


def test_several_formats_in_one_run(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    code, out, _ = run(capsys, "check", GOOD, *AS_OF, "--format", "text", "--format", f"json={target}")
    assert code == 0 and "passes the gate" in out
    assert json.loads(target.read_text(encoding="utf-8"))["summary"]["passed"] == 1


def test_output_file_and_no_colour_off_a_terminal(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    code, out, _ = run(capsys, "check", INVALID, *AS_OF, "-o", str(target))
    assert code == 1 and out == ""
    assert "\x1b[" not in target.read_text(encoding="utf-8")


def test_quiet_shows_only_failures(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "check", GOOD, INVALID, *AS_OF, "--quiet", "--lang", "en")
    assert "perpustakaan-draf.yaml" in out and "dukcapil-ktp-el.yaml" not in out


def test_quiet_shows_the_errors_of_failing_documents_and_the_summary(capsys: pytest.CaptureFixture[str]) -> None:
    """Proven by mutation: with `-q` showing every finding again, the warning and info lines come back."""
    weak = str(ROOT / "examples" / "legalisir-ijazah.yaml")
    _, full, _ = run(capsys, "check", weak, *AS_OF, "--lang", "en")
    _, out, _ = run(capsys, "check", weak, *AS_OF, "--lang", "en", "-q")
    lines = full.splitlines()
    errors = [line for line in lines if ": error " in line]
    heading = lines.index(f"{weak}: Legalisir Ijazah dan Transkrip Akademik")
    score = lines[heading + 1]
    assert score.startswith("  compliance ") and " · quality " in score and score.endswith(" · fails the gate")
    assert len(lines) > len(errors) + 4  # the full run shows warnings, info and the principle bars
    assert out.splitlines() == [*errors, lines[heading], score, "", lines[-1]]
    assert lines[-1].startswith("1 document(s) checked: 0 passed, 1 failed, 0 invalid; 3 error(s), ")


def test_quiet_shows_the_warnings_that_fail_a_warning_gate(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    weak = str(ROOT / "examples" / "legalisir-ijazah.yaml")
    _, out, _ = run(capsys, "check", weak, *AS_OF, "--lang", "en", "-q", "--fail-on", "warning", "--ignore", "ACC,FAI")
    assert ": warning " in out and ": info " not in out and "fails the gate" in out


def test_folders_skip_yaml_files_that_are_not_standards(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    shutil.copy(GOOD, tmp_path / "ktp.yaml")
    (tmp_path / "ci.yml").write_text("jobs: {test: {runs-on: ubuntu}}\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("svcstd: 1.0\n", encoding="utf-8")
    code, out, _ = run(capsys, "check", str(tmp_path), *AS_OF, "--format", "json")
    assert code == 0
    assert [d["path"] for d in json.loads(out)["documents"]] == [str(tmp_path / "ktp.yaml")]


def test_a_named_file_is_always_checked(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    other = tmp_path / "ci.yml"
    other.write_text("jobs: {}\n", encoding="utf-8")
    code, out, _ = run(capsys, "check", str(other), *AS_OF, "--format", "json", "--lang", "en")
    assert code == 1
    assert {"SCH001", "SCH002"} <= {f["rule"] for f in json.loads(out)["documents"][0]["findings"]}


def test_empty_named_file_is_a_finding(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    empty = tmp_path / "empty.yaml"
    empty.write_text("# nothing yet\n", encoding="utf-8")
    code, out, _ = run(capsys, "check", str(empty), "--format", "json")
    assert code == 1 and json.loads(out)["documents"][0]["findings"][0]["rule"] == "YML007"


def test_fail_on_never_passes_an_invalid_document_with_no_error_gate(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, _ = run(capsys, "check", str(EXAMPLES / "dpmptsp-pbg.yaml"), *AS_OF, "--fail-on", "never")
    assert code == 0


def test_fail_on_warning_fails_a_weak_standard(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, _ = run(capsys, "check", str(EXAMPLES / "dpmptsp-pbg.yaml"), *AS_OF, "--fail-on", "warning")
    assert code == 1


def test_fail_under(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "check", GOOD, *AS_OF, "--fail-under", "99")[0] == 0
    assert (
        run(capsys, "check", str(EXAMPLES / "dpmptsp-pbg.yaml"), *AS_OF, "--fail-on", "never", "--fail-under", "90")[0]
        == 1
    )


def test_select_and_ignore(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "check", str(EXAMPLES / "dpmptsp-pbg.yaml"), *AS_OF, "--select", "SIM", "--format", "json")
    rules = {f["rule"] for f in json.loads(out)["documents"][0]["findings"]}
    assert rules and all(r.startswith("SIM") for r in rules)
    _, out, _ = run(
        capsys, "check", str(EXAMPLES / "dpmptsp-pbg.yaml"), *AS_OF, "--ignore", "SIM,SUS", "--format", "json"
    )
    rules = {f["rule"] for f in json.loads(out)["documents"][0]["findings"]}
    assert not any(r.startswith(("SIM", "SUS")) for r in rules)


def test_schema_command_prints_the_schema(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "schema")
    assert code == 0 and json.loads(out)["$schema"].endswith("2020-12/schema")


def test_output_to_a_device_writes_through_and_never_replaces_it(capsys: pytest.CaptureFixture[str]) -> None:
    import stat

    code, _, _ = run(capsys, "check", GOOD, *AS_OF, "--format", "json", "-o", "/dev/null")
    assert code == 0
    assert stat.S_ISCHR(Path("/dev/null").stat().st_mode)


@pytest.mark.parametrize(
    "options",
    [["-o", "{file}"], ["--format", "json={file}"], ["--write-baseline", "{file}"]],
    ids=["output", "format-file", "baseline"],
)
def test_no_output_may_replace_a_standard_being_checked(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, options: list[str]
) -> None:
    standard = tmp_path / "ktp.yaml"
    shutil.copy(GOOD, standard)
    before = standard.read_bytes()
    argv = [option.format(file=standard) for option in options]
    for target in (str(standard), str(tmp_path)):
        code, _, err = run(capsys, "check", target, *AS_OF, *argv)
        assert code == 2 and "one of the standards being read" in err
    assert standard.read_bytes() == before


def test_folder_search_finds_standards_saved_in_another_encoding(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    text = Path(GOOD).read_text(encoding="utf-8")
    (tmp_path / "bom.yaml").write_bytes(text.encode("utf-16"))
    (tmp_path / "no-bom.yaml").write_bytes(text.encode("utf-16-le"))
    (tmp_path / "other.yaml").write_bytes("jobs: {}\n".encode("utf-16"))
    code, out, _ = run(capsys, "check", str(tmp_path), *AS_OF, "--format", "json", "--no-cache")
    found = {Path(d["path"]).name: [f["rule"] for f in d["findings"]] for d in json.loads(out)["documents"]}
    assert code == 1
    assert found == {"bom.yaml": ["YML002"], "no-bom.yaml": ["YML002"], "other.yaml": ["YML002"]}  # unreadable: shown


def test_text_output_shows_control_characters_in_names_instead_of_obeying_them(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    odd = tmp_path / "a\nb\x1b[31m.yaml"
    odd.write_text("svcstd: '1.0'\ntitle: \"Judul\\e[2J\"\n", encoding="utf-8")
    code, out, _ = run(capsys, "check", str(tmp_path), *AS_OF, "--lang", "en")
    assert code == 1
    assert "a\\nb\\x1b[31m.yaml:" in out and "\x1b" not in out
    assert all(line.startswith((str(tmp_path), "  ", "1 document")) or not line for line in out.splitlines())


def test_skip_non_standards_passes_over_named_yaml_that_is_no_standard(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    workflow = tmp_path / "ci.yml"
    workflow.write_text("jobs: {}\n", encoding="utf-8")
    assert run(capsys, "check", str(workflow), GOOD, *AS_OF)[0] == 1
    code, out, _ = run(capsys, "check", str(workflow), GOOD, *AS_OF, "--skip-non-standards", "--format", "json")
    assert code == 0
    assert [d["path"] for d in json.loads(out)["documents"]] == [GOOD]
