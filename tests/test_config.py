"""Configuration: discovery order, validation of every key (file, line and key named), show-config, overrides."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from svcstd.cli.main import main
from svcstd.config.load import load_settings, with_overrides
from svcstd.config.selection import validate_selection
from svcstd.config.settings import DEFAULT_SETTINGS, Settings
from svcstd.errors import ConfigError, UsageError
from svcstd.model import Principle, Severity, Text
from svcstd.reading.limits import Limits
from svcstd.rules import BUILTIN_RULES
from svcstd.scoring.grades import SKM, Band
from tests.rules.harness import EXEMPLARY

CUSTOM_RULE = """\
id: DINAS-001
principle: simplicity
severity: warning
title: {en: Short title, id: Judul singkat}
message: {en: "The title has {count} words.", id: "Judul terdiri atas {count} kata."}
fix: {en: Shorten the title., id: Persingkat judul.}
reference: Peraturan Kepala Dinas 1/2026
where: /title
require: {max_words: 3}
"""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


# --- discovery -----------------------------------------------------------------------------------------------------


def test_discovery_order_in_one_folder(tmp_path: Path) -> None:
    write(tmp_path / "svcstd.toml", 'fail_on = "info"\n')
    write(tmp_path / ".svcstd.toml", 'fail_on = "warning"\n')
    write(tmp_path / "pyproject.toml", '[tool.svcstd]\nfail_on = "never"\n')
    assert load_settings(None, str(tmp_path)).fail_on == "info"
    (tmp_path / "svcstd.toml").unlink()
    assert load_settings(None, str(tmp_path)).fail_on == "warning"
    (tmp_path / ".svcstd.toml").unlink()
    settings = load_settings(None, str(tmp_path))
    assert (settings.fail_on, settings.sources["fail_on"]) == ("never", str(tmp_path / "pyproject.toml"))


def test_discovery_searches_upwards_and_passes_over_a_pyproject_without_the_table(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "svcstd.toml", 'lang = "id"\n')
    write(tmp_path / "repo" / "pyproject.toml", '[project]\nname = "x"\n')
    (tmp_path / "repo" / "standards").mkdir()
    monkeypatch.chdir(tmp_path / "repo" / "standards")
    settings = load_settings(None)
    assert settings.lang == "id"
    assert settings.sources["lang"] == str(tmp_path / "svcstd.toml")


def test_no_configuration_gives_the_defaults(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert load_settings(None) == DEFAULT_SETTINGS


def test_an_explicit_file_wins_over_discovery(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "svcstd.toml", 'fail_on = "info"\n')
    write(tmp_path / "ci" / "strict.toml", 'fail_on = "warning"\n')
    settings = load_settings("ci/strict.toml")
    assert (settings.fail_on, settings.sources["fail_on"]) == ("warning", "ci/strict.toml")


def test_a_missing_explicit_file_exits_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--config", "nowhere.toml", "--lang", "en"]) == 2
    assert "the configuration file nowhere.toml does not exist" in capsys.readouterr().err
    assert main(["check", "--config", "nowhere.toml", "--lang", "id"]) == 2
    assert "berkas konfigurasi nowhere.toml tidak ada" in capsys.readouterr().err


def test_an_explicit_pyproject_without_the_table_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n')
    with pytest.raises(ConfigError, match=r"has no \[tool.svcstd\] table"):
        load_settings("pyproject.toml")


def test_invalid_toml_names_line_and_column(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "svcstd.toml", 'fail_on = "warning"\nlang = \n')
    with pytest.raises(ConfigError) as raised:
        load_settings(None)
    assert raised.value.message.en == "svcstd.toml:2:8: the configuration is not valid TOML: Invalid value."
    assert raised.value.message.id.startswith("svcstd.toml:2:8: konfigurasi bukan TOML yang sah")


# --- every key -----------------------------------------------------------------------------------------------------

FULL = """\
include = ["standar/**"]
exclude = ["**/draft-*.yaml"]
select = ["SIM", "TRA", "DINAS"]
ignore = ["SIM007"]
fail_on = "warning"
fail_under = 75
min_principle = {fairness = 60, transparency = 70.5}
principle_weights = {fairness = 2, simplicity = 0.5}
grades = "skm"
lang = "id"
rule_paths = ["rules"]

[limits]
max_file_bytes = 100000
max_depth = 20

[rules.SIM001]
severity = "error"
weight = 5
max_requirements = 6

[rules.FAI001]
groups = ["disability", "elderly"]

[rules.DINAS-001]
severity = "info"
"""


def test_every_key_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "rules" / "dinas.yaml", CUSTOM_RULE)
    write(tmp_path / "svcstd.toml", FULL)
    settings = load_settings(None)
    assert (settings.include, settings.exclude) == (("standar/**",), ("**/draft-*.yaml",))
    assert (settings.select, settings.ignore) == (("SIM", "TRA", "DINAS"), ("SIM007",))
    assert (settings.fail_on, settings.fail_under, settings.lang) == ("warning", 75.0, "id")
    assert settings.min_principle == {Principle.FAIRNESS: 60.0, Principle.TRANSPARENCY: 70.5}
    assert settings.principle_weights == {Principle.FAIRNESS: 2.0, Principle.SIMPLICITY: 0.5}
    assert settings.grades == SKM
    assert settings.rule_paths == (str(tmp_path / "rules"),)  # absolute: worker processes may start elsewhere
    assert settings.limits == Limits(max_file_bytes=100000, max_depth=20)
    assert settings.rules["SIM001"].severity is Severity.ERROR
    assert (settings.rules["SIM001"].weight, dict(settings.rules["SIM001"].options)) == (5, {"max_requirements": 6})
    assert settings.rules["FAI001"].options == {"groups": ["disability", "elderly"]}
    assert settings.rules["DINAS-001"].severity is Severity.INFO
    assert settings.sources["rules.SIM001"] == "svcstd.toml" == settings.sources["limits.max_depth"]


def test_one_number_sets_every_principle_and_bands_can_be_given_in_full(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    bands = '[[grades]]\nkey = "ok"\nmin = 60\nlabel_en = "fine"\nlabel_id = "baik"\n'
    write(tmp_path / "svcstd.toml", f"min_principle = 50\n{bands}{bands.replace('ok', 'low').replace('60', '0')}")
    settings = load_settings(None)
    assert settings.min_principle == dict.fromkeys(Principle, 50.0)
    assert settings.grades == (Band("ok", 60.0, Text("fine", "baik")), Band("low", 0.0, Text("fine", "baik")))


BAD = [
    ('include = "*.yaml"', 1, "include", "a list of strings"),
    ('lang = "id"\nexclude = [1]', 2, "exclude", "a list of strings"),
    ('select = ["SIM", 3]', 1, "select", "a list of strings"),
    ('ignore = "SIM"', 1, "ignore", "a list of strings"),
    ('fail_on = "fatal"', 1, "fail_on", "one of error, warning, info, never"),
    ("fail_under = 120", 1, "fail_under", "a number from 0 to 100"),
    ("fail_under = true", 1, "fail_under", "a number from 0 to 100"),
    ('min_principle = "high"', 1, "min_principle", "or a table of principle = number"),
    ("min_principle = {simplicity = 101}", 1, "min_principle.simplicity", "a number from 0 to 100"),
    ("min_principle = {simplcity = 80}", 1, "min_principle.simplcity", "(did you mean simplicity?)"),
    ("principle_weights = {fairness = -1}", 1, "principle_weights.fairness", "a number from 0 to 100"),
    ("principle_weights = {fairness = 1e308}", 1, "principle_weights.fairness", "a number from 0 to 100"),
    ("principle_weights = {fairness = nan}", 1, "principle_weights.fairness", "a number from 0 to 100"),
    ("principle_weights = {fairness = inf}", 1, "principle_weights.fairness", "a number from 0 to 100"),
    ("fail_under = nan", 1, "fail_under", "a number from 0 to 100"),
    ("min_principle = -inf", 1, "min_principle", "a number from 0 to 100"),
    ("principle_weights = 2", 1, "principle_weights", "a table"),
    ('grades = "abc"', 1, "grades", '"ombudsman", "skm" or a list of bands'),
    ('grades = [{key = "A", min = 90, label_en = "top"}]', 1, "grades[0].label_id", "is missing; it expects"),
    ('grades = [{key = "A", min = 190, label_en = "a", label_id = "b"}]', 1, "grades[0].min", "0 to 100"),
    ('grades = [{key = "A", min = 90, label_en = "a", label_id = "b"}]', 1, "grades[0].min", "the lowest band"),
    (
        'grades = [{key = "A", min = 0, label_en = "a", label_id = "b"}, {key = "A", min = 5, label_en = "a", '
        'label_id = "b"}]',
        1,
        "grades[1].key",
        "a key not used by another band",
    ),
    (
        'grades = [{key = "A", min = 50, label_en = "a", label_id = "b"}, {key = "B", min = 50, label_en = "a", '
        'label_id = "b"}, {key = "C", min = 0, label_en = "c", label_id = "c"}]',
        1,
        "grades[1].min",
        "a minimum not used by another band",
    ),
    (
        "principle_weights = {simplicity = 0, participation = 0, accountability = 0, sustainability = 0, "
        "transparency = 0, fairness = 0}",
        1,
        "principle_weights",
        "weights that are not all 0",
    ),
    ('[[grades]]\nkey = "A"\nmin = 5\nlabel_en = "a"\nlabel_id = "b"\nhue = 1', 6, "grades[0].hue", "unknown"),
    ('lang = "fr"', 1, "lang", "one of en, id"),
    ('rule_paths = ["nope"]', 1, "rule_paths[0]", "existing folders"),
    ("[limits]\nmax_depth = 0", 2, "limits.max_depth", "a whole number from 1 to 1000"),
    ("[limits]\nmax_file_bytes = 1e9", 2, "limits.max_file_bytes", "a whole number from 1 to 1073741824"),
    ("[limits]\nmax_nodes = 99999999999", 2, "limits.max_nodes", "a whole number from 1 to 10000000"),
    ("[limits]\nmax_width = 3", 2, "limits.max_width", "known keys: max_file_bytes, max_depth"),
    ('[rules.SIM001]\nseverity = "fatal"', 2, "rules.SIM001.severity", "one of error, warning, info"),
    ("[rules.SIM002]\nweight = 2\n\n[rules.SIM001]\nweight = 6", 5, "rules.SIM001.weight", "from 1 to 5"),
    ('[rules.SIM001]\nmax_requirements = "ten"', 2, "rules.SIM001.max_requirements", "like its default 8"),
    ("[rules.SIM001]\nmax_requirement = 3", 2, "rules.SIM001.max_requirement", "(did you mean max_requirements?)"),
    ('[rules.FAI001]\ngroups = "all"', 2, "rules.FAI001.groups", "a list, like its default"),
    ("[rules.SIM001]\nmax_requirements = 6.5", 2, "rules.SIM001.max_requirements", "a whole number"),
    ("[rules.XYZ001]\nweight = 1", 1, "rules.XYZ001", "there is no rule XYZ001"),
    ("rules = 3", 1, "rules", "a table"),
    ('colour = "red"', 1, "colour", "unknown key `colour`; known keys: include, exclude"),
    ('fail_onn = "info"', 1, "fail_onn", "(did you mean fail_on?)"),
]


@pytest.mark.parametrize(("text", "line", "key", "fragment"), BAD, ids=[case[2] for case in BAD])
def test_a_bad_key_or_value_names_file_line_and_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, line: int, key: str, fragment: str
) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "svcstd.toml", text + "\n")
    with pytest.raises(ConfigError) as raised:
        load_settings(None)
    message = raised.value.message
    assert message.en.startswith(f"svcstd.toml:{line}: `{key}`") or f"`{key}`" in message.en, message.en
    assert message.en.startswith(f"svcstd.toml:{line}: "), message.en
    assert fragment in message.en, message.en
    assert message.id.startswith(f"svcstd.toml:{line}: ") and key in message.id, message.id


def test_keys_in_pyproject_are_named_with_their_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n\n[tool.svcstd]\nfail_on = "fatal"\n')
    with pytest.raises(ConfigError) as raised:
        load_settings(None)
    assert raised.value.message.en.startswith("pyproject.toml:5: `tool.svcstd.fail_on` expects one of error")
    assert raised.value.message.id.startswith("pyproject.toml:5: `tool.svcstd.fail_on` harus berisi salah satu dari")


def test_custom_rules_are_known_to_the_rules_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "rules" / "dinas.yaml", CUSTOM_RULE)
    write(tmp_path / "svcstd.toml", 'rule_paths = ["rules"]\n\n[rules.DINAS-001]\nmax_words = 3\n')
    with pytest.raises(ConfigError, match=r"svcstd.toml:4: unknown key `rules.DINAS-001.max_words`"):
        load_settings(None)
    write(tmp_path / "svcstd.toml", "[rules.DINAS-001]\nweight = 3\n")
    with pytest.raises(ConfigError, match="there is no rule DINAS-001"):
        load_settings(None)


def test_rule_paths_are_relative_to_the_configuration_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "rules" / "dinas.yaml", CUSTOM_RULE)
    write(tmp_path / "svcstd.toml", 'rule_paths = ["rules"]\n')
    (tmp_path / "standards").mkdir()
    monkeypatch.chdir(tmp_path / "standards")
    assert load_settings(None).rule_paths == (str(tmp_path / "rules"),)


# --- the command line ----------------------------------------------------------------------------------------------


def test_a_bad_configuration_exits_2_naming_file_and_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "svcstd.toml", "fail_under = 101\n")
    assert main(["check", ".", "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert err == "svcstd: error: svcstd.toml:1: `fail_under` expects a number from 0 to 100, not 101.\n"


def test_show_config_says_where_each_value_came_from(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "svcstd.toml", 'fail_on = "warning"\n\n[rules.SIM001]\nmax_requirements = 6\n')
    assert main(["check", "--show-config", "--lang", "en", "--fail-under", "70", "--select", "SIM,TRA"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "# svcstd: the effective configuration"
    assert 'fail_on = "warning"                       # svcstd.toml' in lines
    assert "fail_under = 70.0                         # command line" in lines
    assert 'select = ["SIM", "TRA"]                   # command line' in lines
    assert "include = []                              # default" in lines
    assert 'grades = "ombudsman"                      # default' in lines
    assert "max_requirements = 6                      # svcstd.toml" in lines
    assert "max_steps = 10                            # default" in lines
    assert "# lang = (not set)                        # default" in lines


def test_show_config_in_indonesian(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "svcstd.toml", 'lang = "id"\n')
    assert main(["check", "--show-config", "--fail-on", "info"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# svcstd: konfigurasi yang berlaku\n")
    assert 'fail_on = "info"                          # baris perintah\n' in out
    assert 'lang = "id"                               # svcstd.toml\n' in out
    assert "include = []                              # bawaan\n" in out


def test_command_line_options_win_over_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copy(EXEMPLARY, tmp_path / "ktp-el.yaml")
    write(tmp_path / "rules" / "dinas.yaml", CUSTOM_RULE)
    write(tmp_path / "svcstd.toml", 'fail_on = "warning"\nselect = ["DINAS"]\nrule_paths = ["rules"]\n')
    base = ["check", "ktp-el.yaml", "--as-of", "2026-11-27", "--lang", "en", "-q"]
    assert main(base) == 1
    assert main([*base, "--fail-on", "error"]) == 1  # a floor: the file's stricter "warning" stays
    assert main([*base, "--ignore", "DINAS"]) == 0
    write(tmp_path / "relaxed.toml", 'fail_on = "never"\nrule_paths = ["rules"]\n')
    assert main([*base, "--config", "relaxed.toml"]) == 0


def test_custom_bands_grade_every_score(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The lowest band starts at 0, so 69.2 can no longer land in a band that starts at 90."""
    from svcstd.scoring.grades import grade_for

    monkeypatch.chdir(tmp_path)
    bands = '{key = "A", min = 90, label_en = "top", label_id = "puncak"}, {key = "Z", min = 0, label_en = "rest", '
    write(tmp_path / "svcstd.toml", f'grades = [{bands}label_id = "sisanya"}}]\n')
    scale = load_settings(None).grades
    assert (grade_for(69.2, scale).key, grade_for(90, scale).key) == ("Z", "A")


def test_weights_may_be_zero_for_some_principles(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "svcstd.toml", "principle_weights = {fairness = 0}\n")
    assert load_settings(None).principle_weights == {Principle.FAIRNESS: 0.0}


# --- fail_under from the command line ------------------------------------------------------------------------------


@pytest.mark.parametrize("value", [120.0, -1.0, float("nan")])
def test_fail_under_on_the_command_line_is_checked_like_the_file(value: float) -> None:
    with pytest.raises(UsageError) as raised:
        with_overrides(DEFAULT_SETTINGS, {"fail_under": value})
    assert raised.value.message.en.startswith("`--fail-under` expects a number from 0 to 100, not ")
    assert raised.value.message.id.startswith("`--fail-under` harus berisi angka dari 0 sampai 100, bukan ")
    assert with_overrides(DEFAULT_SETTINGS, {"fail_under": 100.0}).fail_under == 100.0


def test_fail_under_out_of_range_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--fail-under", "101", "--lang", "id", "--show-config"]) == 2
    assert capsys.readouterr().err == (
        "svcstd: galat: `--fail-under` harus berisi angka dari 0 sampai 100, bukan 101.0.\n"
    )


# --- select and ignore name real rules -----------------------------------------------------------------------------

RULE_IDS = [rule.id for rule in BUILTIN_RULES]


def test_select_and_ignore_of_real_rules_pass() -> None:
    settings = with_overrides(DEFAULT_SETTINGS, {"select": ("SIM", "FAI003", "T"), "ignore": ("SIM007",)})
    validate_selection(settings, RULE_IDS)
    validate_selection(Settings(select=("DINAS",)), [*RULE_IDS, "DINAS-001"])


def test_a_mistyped_selection_from_the_command_line_names_the_option_and_suggests() -> None:
    with pytest.raises(ConfigError) as raised:
        validate_selection(with_overrides(DEFAULT_SETTINGS, {"select": ("SMI",)}), RULE_IDS)
    assert raised.value.message.en == (
        "`--select`: SMI matches no rule (did you mean SIM?), so it would run no rule at all. "
        "List the rules with `svcstd rules`."
    )
    assert raised.value.message.id == (
        "`--select`: SMI tidak cocok dengan aturan mana pun (maksud Anda SIM?), sehingga tidak ada satu aturan pun "
        "yang dijalankan. Lihat daftar aturan dengan `svcstd rules`."
    )
    with pytest.raises(ConfigError, match=r"^`--ignore`: SIM0077 matches no rule \(did you mean SIM007\?\)"):
        validate_selection(with_overrides(DEFAULT_SETTINGS, {"ignore": ("SIM0077",)}), RULE_IDS)


def test_a_mistyped_selection_in_the_file_names_file_line_and_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "pyproject.toml", '[tool.svcstd]\nfail_on = "info"\nignore = ["sim007", "XYZ"]\n')
    with pytest.raises(ConfigError) as raised:
        validate_selection(load_settings(None), RULE_IDS)
    assert raised.value.message.en.startswith(
        "pyproject.toml:3: `tool.svcstd.ignore`: sim007 matches no rule (did you mean SIM007?), so it would "
        "ignore nothing."
    )
    assert raised.value.message.id.startswith("pyproject.toml:3: `tool.svcstd.ignore`: sim007 tidak cocok")


@pytest.mark.parametrize("entry", ["SCH", "YML003", "WVR", "GAT001", "sch001"])
def test_builtin_checks_cannot_be_selected_or_ignored(entry: str) -> None:
    with pytest.raises(ConfigError) as raised:
        validate_selection(with_overrides(DEFAULT_SETTINGS, {"ignore": (entry,)}), RULE_IDS)
    assert raised.value.message.en.startswith(f"`--ignore`: {entry} is a reading, schema, waiver or gate check")
    assert "selalu dijalankan" in raised.value.message.id


def test_a_mistyped_select_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    """Through the command (the check command calls validate_selection once the rules are loaded)."""
    example = str(Path(__file__).resolve().parents[1] / "examples" / "dpmptsp-pbg.yaml")
    assert main(["check", example, "--select", "SMI", "--lang", "en", "--no-cache"]) == 2
    assert capsys.readouterr().err.startswith("svcstd: error: `--select`: SMI matches no rule (did you mean SIM?)")
