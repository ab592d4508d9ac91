"""JUnit XML: valid against the Jenkins xUnit schema, one testcase per document, everything escaped."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
import xmlschema

from svcstd.model import DocumentResult, Finding, Report, Severity, Text
from svcstd.reporters import RenderOptions
from svcstd.reporters.junit import render
from tests.reporters.cases import examples_report, mixed_report, reference_schema


@pytest.fixture(scope="module")
def schema() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(str(reference_schema("junit-10.xsd")))


def nasty_report() -> Report:
    message = Text("bell\x07 <tag> & \"quote\" 'apos' ]]> null\x00 esc\x1b", "pesan <id> & \x01")
    finding = Finding("SCH001", Severity.ERROR, message, "/a~1b", 3, 4)
    doc = DocumentResult('dir/"odd" <&>\x0b.yaml', 1, None, None, valid=False, findings=(finding,))
    return Report("0.0.0", "2026-11-27", (doc,))


@pytest.mark.parametrize("lang", ["en", "id"])
def test_mixed_standards_are_valid_junit(tmp_path: Path, schema: xmlschema.XMLSchema, lang: str) -> None:
    text = render(mixed_report(tmp_path), RenderOptions(lang))
    schema.validate(text)


def test_one_testcase_per_document_with_failures(tmp_path: Path) -> None:
    report = mixed_report(tmp_path)
    suite = ET.fromstring(render(report, RenderOptions("en")))
    cases = suite.findall("testcase")
    assert suite.get("tests") == str(len(report.documents)) == str(len(cases))
    assert suite.get("failures") == str(sum(not d.passed for d in report.documents))
    broken = next(c for c in cases if c.get("classname", "").endswith("rusak.yaml"))
    assert broken.get("name") == "standar pelayanan ü/rusak.yaml"  # document_name: the path, #N from the second
    failure = broken.find("failure")
    assert failure is not None and failure.text is not None
    assert "standar pelayanan ü/rusak.yaml:3:6: error YML003" in failure.text
    good = next(c for c in cases if c.get("name") == "dukcapil-kota-contoh/penerbitan-ktp-el")
    assert good.find("failure") is None


def test_every_string_is_escaped_and_control_characters_stripped(schema: xmlschema.XMLSchema) -> None:
    text = render(nasty_report(), RenderOptions("en"))
    schema.validate(text)
    assert not any(ch in text for ch in "\x00\x01\x07\x0b\x1b")
    case = ET.fromstring(text).find("testcase")
    assert case is not None
    assert case.get("classname") == 'dir/"odd" <&>\\x0b.yaml'  # the control shown, not dropped
    failure = case.find("failure")
    assert failure is not None and failure.text is not None
    assert "bell\\x07 <tag> & \"quote\" 'apos' ]]> null\\x00 esc\\x1b" in failure.text  # shown


@pytest.mark.parametrize("lang", ["en", "id"])
def test_golden(golden: Any, lang: str) -> None:
    golden(f"junit/examples.{lang}.xml", render(examples_report(), RenderOptions(lang)))
