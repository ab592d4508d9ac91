"""`svcstd rules`, `svcstd explain` and docs/rules.md, all rendered from the one registry."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from svcstd.cli.main import main
from svcstd.reading import shared_parts
from svcstd.reading.loader import _RULE_OF
from svcstd.rules import BUILTIN_RULES
from svcstd.rules.docs import (
    BUILTIN_CHECKS,
    REGENERATE,
    explain,
    find_entry,
    find_rule,
    localised_examples,
    rules_markdown,
)
from tests.test_config import CUSTOM_RULE, write

ROOT = Path(__file__).resolve().parents[1]
RULE_FIELDS = {
    "id",
    "principle",
    "severity",
    "weight",
    "title",
    "message",
    "fix",
    "rationale",
    "reference",
    "options",
    "examples",
}


@pytest.fixture
def custom_rules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder whose svcstd.toml adds the custom rule DINAS-001."""
    write(tmp_path / "rules" / "dinas.yaml", CUSTOM_RULE)
    write(tmp_path / "svcstd.toml", 'rule_paths = ["rules"]\n')
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_rules_lists_every_rule_in_english(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "rules", "--lang", "en")
    lines = out.splitlines()
    assert code == 0
    assert lines[0].split() == ["ID", "Principle", "Severity", "Weight", "Title"]
    assert lines[-1] == f"{len(BUILTIN_RULES)} rules."
    for rule, line in zip(BUILTIN_RULES, lines[1:], strict=False):
        assert line.startswith(rule.id) and line.endswith(rule.title.en)
        assert line.split()[1:4] == [rule.principle.value.capitalize(), rule.severity.value, str(rule.weight)]


def test_rules_speaks_indonesian(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "rules", "--lang", "id")
    lines = out.splitlines()
    assert lines[0].split() == ["Kode", "Prinsip", "Tingkat", "Bobot", "Judul"]
    sim001 = next(line for line in lines if line.startswith("SIM001"))
    sim002 = next(line for line in lines if line.startswith("SIM002"))
    assert "Kesederhanaan" in sim001 and "peringatan" in sim002  # SIM001 is advice (info) since issue 14
    assert sim001.endswith(find_rule("SIM001").title.id)
    assert lines[-1] == f"{len(BUILTIN_RULES)} aturan."


def test_rules_json_has_every_field_of_every_rule(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "rules", "--format", "json")
    records = json.loads(out)
    assert code == 0 and [r["id"] for r in records] == [r.id for r in BUILTIN_RULES]
    assert all(set(record) == RULE_FIELDS for record in records)
    sim001 = records[0]
    assert sim001["options"] == {"max_requirements": 8}
    assert set(sim001["title"]) == {"en", "id"} and sim001["examples"].startswith("Passing:")


def test_rules_include_the_custom_rules_of_the_configuration(
    custom_rules: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out, _ = run(capsys, "rules", "--lang", "en", "--config", str(custom_rules / "svcstd.toml"))
    assert out.splitlines()[-3].split()[:4] == ["DINAS-001", "Simplicity", "warning", "1"]
    _, out, _ = run(capsys, "rules", "--format", "json", "--config", str(custom_rules / "svcstd.toml"))
    assert json.loads(out)[-1]["examples"] == "`/title` must have at most 3 words."


def test_rules_rejects_an_unknown_format(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "rules", "--format", "yaml", "--lang", "en")
    assert code == 2 and "unknown format `yaml`" in err


def test_explain_shows_the_full_documentation_in_english(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "explain", "SIM001", "--lang", "en")
    rule = find_rule("SIM001")
    assert code == 0
    assert out.startswith(f"SIM001: {rule.title.en}\n\nPrinciple: Simplicity (simplicity)\nSeverity: info\nWeight: 1\n")
    for heading, text in (("Why", rule.rationale.en), ("Legal basis", rule.reference.en), ("How to fix", rule.fix.en)):
        assert f"\n{heading}:\n    {text}\n" in out
    assert "\nOptions (defaults; set them in [rules.SIM001]):\n    max_requirements = 8\n" in out
    assert "\nExamples:\n    Passing:" in out


def test_explain_shows_the_full_documentation_in_indonesian(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "explain", "sim001", "--lang", "id")
    rule = find_rule("SIM001")
    assert code == 0
    assert out.startswith(f"SIM001: {rule.title.id}\n\nPrinsip: Kesederhanaan (simplicity)\nTingkat: info\n")
    for heading, text in (("Alasan", rule.rationale.id), ("Dasar hukum", rule.reference.id)):
        assert f"\n{heading}:\n    {text}\n" in out
    assert f"\nCara memperbaiki:\n    {rule.fix.id}\n" in out
    assert "\nOpsi (nilai bawaan; ubah di [rules.SIM001]):\n" in out and "\nContoh:\n" in out
    assert out == explain(rule, "id")


def test_explain_an_unknown_rule_exits_2_with_a_suggestion(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "explain", "SIM01", "--lang", "en")
    assert (code, out) == (2, "")
    assert err.startswith("svcstd: error: there is no rule SIM01 (did you mean SIM001")
    code, _, err = run(capsys, "explain", "QQQ999", "--lang", "id")
    assert code == 2 and err == ("svcstd: galat: tidak ada aturan QQQ999. Lihat daftar aturan dengan `svcstd rules`.\n")


def test_explain_a_custom_rule(custom_rules: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "explain", "dinas-001", "--lang", "id", "--config", str(custom_rules / "svcstd.toml"))
    assert code == 0 and out.startswith("DINAS-001: Judul singkat\n")
    assert "\nAlasan:\n    Aturan tambahan: `/title` paling banyak 3 kata.\n" in out
    assert "\nDasar hukum:\n    Peraturan Kepala Dinas 1/2026\n" in out


def test_the_markdown_page_documents_every_rule_in_both_languages() -> None:
    page = rules_markdown("en")
    for rule in BUILTIN_RULES:
        assert f"\n## {rule.id}\n\n**{rule.title.en}** — *{rule.title.id}*\n" in page
    assert rules_markdown("id").startswith("# Aturan svcstd\n")


def test_docs_rules_md_is_up_to_date() -> None:
    current = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert current == rules_markdown("en"), f"docs/rules.md is out of date; regenerate it with: {REGENERATE}"


# --- the built-in checks: reading, schema, waiver and gate ids --------------------------------------------------------

CHECK_IDS = [check.id for check in BUILTIN_CHECKS]


def test_every_id_a_report_can_show_is_documented() -> None:
    expected = {*_RULE_OF.values(), *shared_parts._RULE.values(), *(f"SCH{n:03}" for n in range(1, 12))}
    expected |= {"WVR001", "WVR002", "WVR003"}
    assert expected | {"GAT001", "GAT002"} == set(CHECK_IDS)
    assert len(CHECK_IDS) == len(set(CHECK_IDS)) and not set(CHECK_IDS) & {rule.id for rule in BUILTIN_RULES}
    for check in BUILTIN_CHECKS:
        assert all(text.en.strip() and text.id.strip() for text in (check.title, check.trigger, check.fix)), check.id


@pytest.mark.parametrize("check_id", ["SCH001", "yml003", "WVR001", "GAT002"])
def test_explain_a_builtin_check(capsys: pytest.CaptureFixture[str], check_id: str) -> None:
    check = find_entry(check_id)
    code, out, _ = run(capsys, "explain", check_id, "--lang", "en")
    assert code == 0 and out.startswith(f"{check_id.upper()}: {check.title.en}\n\nKind: ")
    assert f"\nWhat triggers it:\n    {check.trigger.en}\n" in out  # type: ignore[union-attr]
    assert f"\nHow to fix:\n    {check.fix.en}\n" in out
    code, out, _ = run(capsys, "explain", check_id, "--lang", "id")
    assert code == 0 and out.startswith(f"{check_id.upper()}: {check.title.id}\n\nJenis: ")
    assert f"\nPemicu:\n    {check.trigger.id}\n" in out  # type: ignore[union-attr]
    assert f"\nCara memperbaiki:\n    {check.fix.id}\n" in out


def test_explain_sch001_in_full(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "explain", "SCH001", "--lang", "en")
    assert out.splitlines()[:4] == [
        "SCH001: Unknown key",
        "",
        "Kind: schema check (always runs, has no score, cannot be waived)",
        "Severity: error",
    ]
    _, out, _ = run(capsys, "explain", "WVR001", "--lang", "id")
    assert out.splitlines()[2:4] == [
        "Jenis: pemeriksaan pengecualian (selalu dijalankan, tidak dinilai, tidak dapat dikecualikan)",
        "Tingkat: peringatan",
    ]


def test_rules_all_lists_the_builtin_checks_too(capsys: pytest.CaptureFixture[str]) -> None:
    _, plain, _ = run(capsys, "rules", "--lang", "id")
    _, out, _ = run(capsys, "rules", "--all", "--lang", "id")
    assert out.startswith(plain + "\nPemeriksaan bawaan (selalu dijalankan;")
    lines = out.splitlines()
    assert lines[-1] == f"{len(BUILTIN_CHECKS)} pemeriksaan bawaan."
    assert next(line for line in lines if line.startswith("SCH001")).split() == [
        "SCH001",
        "pemeriksaan",
        "skema",
        "galat",
        "Kunci",
        "tidak",
        "dikenal",
    ]
    _, out, _ = run(capsys, "rules", "--all", "--format", "json")
    records = json.loads(out)
    assert [r["id"] for r in records] == [r.id for r in BUILTIN_RULES] + CHECK_IDS
    assert records[-1] == {
        "id": "GAT002",
        "kind": "gate",
        "severity": "error",
        "title": BUILTIN_CHECKS[-1].title._asdict(),
        "trigger": BUILTIN_CHECKS[-1].trigger._asdict(),
        "fix": BUILTIN_CHECKS[-1].fix._asdict(),
    }


def test_the_markdown_page_documents_the_builtin_checks() -> None:
    page = rules_markdown("en")
    assert "\n## Built-in checks\n" in page and "| [SCH001](#sch001) | schema check | error | Unknown key |" in page
    for check in BUILTIN_CHECKS:
        assert f"\n### {check.id}\n\n**{check.title.en}** — *{check.title.id}*\n" in page
    assert "\n## Pemeriksaan bawaan\n" in rules_markdown("id")


# --- every label follows the language -----------------------------------------------------------------------------


def test_example_labels_follow_the_language() -> None:
    text = "Passing: fine.\n\nyaml\n\nFails (as of 2026-11-27): late.\nPasses:\nFailing:\n  Passing: indented"
    assert localised_examples(text, "en") == text
    assert localised_examples(text, "id") == (
        "Contoh lolos: fine.\n\nyaml\n\nContoh tidak lolos (per 2026-11-27): late.\nContoh lolos:\n"
        "Contoh tidak lolos:\n  Passing: indented"
    )


def test_explain_in_indonesian_prints_no_english_label(capsys: pytest.CaptureFixture[str]) -> None:
    labels = ("Passing", "Passes", "Failing", "Fails", "Examples", "Why", "Principle", "Severity", "Weight")
    for rule in BUILTIN_RULES:
        _, out, _ = run(capsys, "explain", rule.id, "--lang", "id")
        for line in out.splitlines():
            assert not line.strip().startswith(labels), (rule.id, line)
        assert ("\n    Contoh lolos" in out) == ("Passing" in rule.examples or "Passes" in rule.examples), rule.id


@pytest.mark.parametrize("rule", BUILTIN_RULES, ids=lambda rule: rule.id)
def test_explain_shows_law_or_practice_the_provision_the_words_and_the_source(
    rule: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue #14: every rule says whether it is law or practice, which measure it moves, and what it rests on."""
    from svcstd.rules.citation_data import load_citations

    entry = load_citations()[rule.id]
    _, out, _ = run(capsys, "explain", rule.id, "--lang", "en")
    assert "\nLaw or practice, as verified:\n    Kind: " + entry.kind.en in out
    assert ("Counts toward: compliance" in out) == rule.binding
    for quote in entry.words:
        assert f"“{' '.join(quote.split())}”" in out
    for url in entry.source:
        assert f"Source: {url}" in out
    if not entry.words:
        assert "Words as read: none quoted" in out
    _, out_id, _ = run(capsys, "explain", rule.id, "--lang", "id")
    assert "\nHukum atau praktik, menurut verifikasi:\n    Sifat: " + entry.kind.id in out_id


def test_docs_rules_md_has_the_table_rule_provision_words_source() -> None:
    page = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert "## Legal basis as verified: rule → provision → words → source" in page
    acc030 = next(line for line in page.splitlines() if line.startswith("| ACC030 | law |"))
    assert "compliance (Kepatuhan)" in acc030 and "Pasal 79A" in acc030
    assert "“Pengurusan dan penerbitan Dokumen Kependudukan tidak dipungut biaya.”" in acc030
    fai006 = next(line for line in page.splitlines() if line.startswith("| FAI006 |"))
    assert "general knowledge" in fai006 and "quality (Mutu)" in fai006
