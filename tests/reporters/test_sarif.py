"""SARIF: valid against the official 2.1.0 schema, stable for GitHub code scanning, golden examples."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from svcstd.model import Report
from svcstd.reporters import RenderOptions
from svcstd.reporters.sarif import artifact_location, render
from tests.reporters.cases import examples_report, mixed_report, reference_schema

MAX_BYTES = 10 * 1024 * 1024


def sarif(report: Report, lang: str = "en") -> dict[str, Any]:
    return json.loads(render(report, RenderOptions(lang)))  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft4Validator:
    schema = json.loads(reference_schema("sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    return jsonschema.Draft4Validator(schema)


@pytest.mark.parametrize("lang", ["en", "id"])
def test_mixed_standards_are_valid_sarif(tmp_path: Path, validator: jsonschema.Draft4Validator, lang: str) -> None:
    text = render(mixed_report(tmp_path), RenderOptions(lang))
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(json.loads(text))]
    assert errors == []
    assert len(text.encode("utf-8")) < MAX_BYTES


def test_one_run_with_every_used_rule_described(tmp_path: Path) -> None:
    log = sarif(mixed_report(tmp_path))
    assert len(log["runs"]) == 1
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    ids = [rule["id"] for rule in rules]
    assert ids == sorted(set(ids))
    assert {r["ruleId"] for r in run["results"]} == set(ids)
    assert {"SCH002", "YML003"} <= set(ids)
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    assert "%SRCROOT%" in run["originalUriBaseIds"]


def test_rule_descriptor_carries_docs_fix_and_reference() -> None:
    rules = {r["id"]: r for r in sarif(examples_report())["runs"][0]["tool"]["driver"]["rules"]}
    sim003 = rules["SIM003"]
    assert sim003["helpUri"] == "https://github.com/svcstd/svcstd/blob/main/docs/rules.md#sim003"
    assert sim003["shortDescription"]["text"] == "Photocopy asked where the original can be shown"
    assert "PermenPANRB 15/2014" in sim003["help"]["text"]
    assert "PermenPANRB 15/2014" in sim003["help"]["markdown"]
    assert sim003["defaultConfiguration"]["level"] == "note"
    assert sim003["properties"]["tags"] == ["simplicity"]
    assert rules["SCH002"]["defaultConfiguration"]["level"] == "error"


def test_locations_are_relative_encoded_uris_with_pointer(tmp_path: Path) -> None:
    results = sarif(mixed_report(tmp_path))["runs"][0]["results"]
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert "standar%20pelayanan%20%C3%BC/rusak.yaml" in uris
    assert all(" " not in uri and uri.isascii() for uri in uris)
    first = results[0]["locations"][0]
    assert first["physicalLocation"]["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
    assert first["physicalLocation"]["region"]["startLine"] >= 1
    pointers = {r["locations"][0]["logicalLocations"][0]["fullyQualifiedName"] for r in results}
    assert "/delivery/fees/0" in pointers
    assert all(p == "" or p.startswith("/") for p in pointers)


def test_absolute_path_becomes_file_uri() -> None:
    assert artifact_location("/srv/std/layanan ktp é.yaml") == {"uri": "file:///srv/std/layanan%20ktp%20%C3%A9.yaml"}
    assert artifact_location("./a b/c.yaml") == {"uri": "a%20b/c.yaml", "uriBaseId": "%SRCROOT%"}


def test_levels_and_waived_findings_are_suppressed(tmp_path: Path) -> None:
    results = sarif(mixed_report(tmp_path))["runs"][0]["results"]
    assert {r["level"] for r in results} <= {"error", "warning", "note"}
    suppressed = [r for r in results if "suppressions" in r]
    assert [r["ruleId"] for r in suppressed] == ["TRA007"]
    suppression = suppressed[0]["suppressions"][0]
    assert suppression["kind"] == "inSource"
    assert suppression["justification"] == "Kanal SP4N-LAPOR! disiapkan: 50% selesai, target 2027"


def test_messages_follow_the_language() -> None:
    report = examples_report()
    english = sarif(report, "en")["runs"][0]["results"][0]["message"]["text"]
    indonesian = sarif(report, "id")["runs"][0]["results"][0]["message"]["text"]
    assert english != indonesian


@pytest.mark.parametrize("lang", ["en", "id"])
def test_golden(golden: Any, lang: str) -> None:
    golden(f"sarif/examples.{lang}.sarif", render(examples_report(), RenderOptions(lang)))
