"""A repository's own configuration cannot open a gate set on the command line, and what it weakens is said.

Each case is one observation of issue 12: a folder holding a failing standard, a configuration that
once turned it into exit 0, and `--fail-on error` given on the command line as a CI gate would.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from svcstd.cli.main import main
from svcstd.model import DocumentResult, Report
from svcstd.reporters import RenderOptions, renderer
from tests.conftest import ROOT

FAILING = ROOT / "examples" / "legalisir-ijazah.yaml"
"""Valid, scored 69.2, fails with rule errors (ACC001, FAI001, ACC003)."""
OPEN = ("--as-of", "2026-11-27", "--lang", "en", "--no-cache")
GATE = ("--fail-on", "error", *OPEN)


EXCLUDED = (
    "svcstd: warning: svcstd.toml: include/exclude leave none of the 1 YAML file(s) found in the searched folders."
)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".git").mkdir()
    shutil.copy(FAILING, tmp_path / "standar.yaml")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def configure(repo: Path, text: str) -> None:
    (repo / "svcstd.toml").write_text(text, encoding="utf-8")


def check(capsys: pytest.CaptureFixture[str], *args: str, gate: tuple[str, ...] = GATE) -> tuple[int, str, str]:
    code = main(["check", ".", *gate, *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_the_folder_fails_without_configuration(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert check(capsys, "-q")[0] == 1


@pytest.mark.parametrize("globs", ['exclude = ["**"]', 'include = ["nothing"]', 'exclude = ["*.yaml"]'])
def test_a_configuration_that_excludes_everything_exits_2(
    repo: Path, capsys: pytest.CaptureFixture[str], globs: str
) -> None:
    """Proven by mutation: without the zero-standards check in cli/check.py, these exit 0."""
    configure(repo, globs + "\n")
    code, out, err = check(capsys)
    assert (code, out) == (2, "")
    note, error = err.splitlines()
    assert note == EXCLUDED
    assert error.startswith("svcstd: error: no service standard found in .") and "--allow-empty" in error


def test_excluding_a_folder_beside_a_named_file_is_reported(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Proven by mutation: with _globs_note returning (), the run says nothing of the excluded folder."""
    (repo / "more").mkdir()
    shutil.copy(FAILING, repo / "more" / "lain.yaml")
    configure(repo, 'exclude = ["more/**"]\n')
    code = main(["check", "standar.yaml", "more", *GATE, "-q"])
    assert code == 1
    assert capsys.readouterr().err == EXCLUDED + "\n"


def test_zero_standards_is_exit_2_in_indonesian_too(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(tmp_path), "--lang", "id"]) == 2
    assert capsys.readouterr().err.startswith(f"svcstd: galat: tidak ditemukan standar pelayanan di {tmp_path}")


def test_allow_empty_accepts_an_empty_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(tmp_path), "--lang", "en", "--allow-empty"]) == 0
    assert capsys.readouterr().out.startswith("No service standard found.\n")


def test_a_tiny_file_limit_fails_the_standard_and_is_reported(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    configure(repo, "[limits]\nmax_file_bytes = 1\n")
    code, out, err = check(capsys, "-q")
    assert code == 1 and "YML006" in out
    assert err == (
        "svcstd: warning: svcstd.toml: limits.max_file_bytes = 1 is below the size of a real standard (65536); "
        "such files fail with YML006 instead of being judged.\n"
    )


def test_ignoring_all_six_principles_is_reported(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Proven by mutation: with configuration_notes returning nothing, the run says nothing of it."""
    configure(repo, 'ignore = ["SIM", "PAR", "ACC", "SUS", "TRA", "FAI"]\n')
    code, _, err = check(capsys, "-q")
    assert err == (
        "svcstd: warning: svcstd.toml: select/ignore leave no rule to run; documents are only read and "
        "validated, and no principle is scored.\n"
    )
    assert code == 0  # reported, not failed: the rules are the repository's to choose ...
    assert check(capsys, "-q", "--fail-under", "1")[0] == 1  # ... unless the gate asks for a score
    assert check(capsys, "-q", "--isolated")[0] == 1  # ... or trusts no configuration
    code, out, _ = check(capsys, "--format", "json")
    assert json.loads(out)["notes"] == [err.removeprefix("svcstd: warning: ").strip()]


def test_ignoring_some_principles_names_them(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    configure(repo, 'select = ["SIM", "TRA"]\n')
    assert check(capsys, "-q")[2] == (
        "svcstd: warning: svcstd.toml: select/ignore leave no rule of Participation, Accountability, "
        "Sustainability, Fairness; that part of the standard is not judged.\n"
    )


def test_select_on_the_command_line_gives_no_note(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert check(capsys, "-q", "--select", "SIM")[2] == ""


@pytest.mark.parametrize("weight", ["1e308", "1.7976931348623157e308", "inf", "nan", "101", "-1"])
def test_principle_weights_out_of_range_are_a_configuration_error(
    repo: Path, capsys: pytest.CaptureFixture[str], weight: str
) -> None:
    """Proven by mutation: with MAX_WEIGHT at 1e308, 1e308 makes every score NaN and the gate passes."""
    configure(repo, f"principle_weights = {{ fairness = {weight}, simplicity = {weight} }}\n")
    code, out, err = check(capsys, "--fail-under", "50", "--format", "json")
    assert (code, out) == (2, "")
    assert "`principle_weights.fairness` expects a number from 0 to 100" in err


def test_json_never_holds_nan() -> None:
    doc = DocumentResult("a.yaml", 0, "x", "X", valid=True, findings=(), score=float("nan"))
    with pytest.raises(ValueError, match="not JSON compliant"):
        renderer("json")(Report("1", "2026-11-27", (doc,)), RenderOptions("en"))


@pytest.mark.parametrize(
    ("configured", "option"),
    [
        ('fail_on = "never"', ["--fail-on", "error"]),
        ("fail_under = 0", ["--fail-under", "90"]),
        ("min_principle = 0", ["--min-principle", "50"]),
        ("min_principle = { fairness = 10 }", ["--min-principle", "fairness=50"]),
    ],
)
def test_command_line_gate_options_are_floors_the_file_cannot_lower(
    repo: Path, capsys: pytest.CaptureFixture[str], configured: str, option: list[str]
) -> None:
    """Proven by mutation: with with_overrides letting the file's value win, these exit 0."""
    configure(repo, configured if "fail_on" in configured else f'fail_on = "never"\n{configured}\n')
    assert check(capsys, "-q", gate=OPEN)[0] == 0  # the file alone opens the gate ...
    assert check(capsys, "-q", *option, gate=OPEN)[0] == 1  # ... the option given closes it


def test_the_stricter_file_value_stays(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    configure(repo, 'fail_on = "warning"\nfail_under = 95\nmin_principle = { fairness = 90 }\n')
    main(["check", "--show-config", "--lang", "en", "--fail-on", "never", "--fail-under", "10", "--min-principle", "5"])
    lines = capsys.readouterr().out.splitlines()
    assert lines[1].startswith("# --fail-on, --fail-under and --min-principle are floors: the stricter")
    assert (
        'fail_on = "warning"                       # svcstd.toml; stricter than "never" from the command line' in lines
    )
    assert "fail_under = 95.0                         # svcstd.toml; stricter than 10.0 from the command line" in lines
    [minimum] = [line for line in lines if line.startswith("min_principle = ")]
    assert "fairness = 90.0" in minimum and "simplicity = 5.0" in minimum and "# svcstd.toml; stricter than" in minimum


def test_isolated_reads_no_configuration(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    configure(repo, 'fail_on = "never"\nexclude = ["**"]\n')
    code, out, err = check(capsys, "-q", "--isolated")
    assert code == 1 and "ACC001" in out and err == ""
    main(["check", "--show-config", "--isolated", "--lang", "en"])
    assert 'fail_on = "error"                         # default' in capsys.readouterr().out


def test_isolated_with_config_is_a_usage_error(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    configure(repo, "")
    assert check(capsys, "--isolated", "--config", "svcstd.toml")[0] == 2


@pytest.mark.parametrize("value", ["101", "fairness", "kindness=50", "fairness=", "nan", "inf"])
def test_a_bad_min_principle_option_exits_2(repo: Path, capsys: pytest.CaptureFixture[str], value: str) -> None:
    code, _, err = check(capsys, "--min-principle", value)
    assert code == 2 and "`--min-principle` expects a score from 0 to 100, or PRINCIPLE=SCORE" in err
