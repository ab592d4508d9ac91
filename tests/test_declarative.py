"""Declarative custom rules: every `require` kind on real YAML, wildcard pointers, and bad rule files."""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
import yaml

from svcstd.config.settings import Settings
from svcstd.errors import ConfigError
from svcstd.reading.loader import load_text
from svcstd.rules.declarative import load_rule_files
from svcstd.scoring.engine import evaluate
from svcstd.scoring.scores import Status
from svcstd.validation.validate import validate
from tests.rules.harness import AS_OF, DELETE, NOT_APPLICABLE, apply_patch, base_document

RULE = """\
id: DINAS-001
principle: transparency
severity: warning
weight: 2
title: {{en: A custom check, id: Pemeriksaan khusus}}
message: {{en: "{{pointer}} fails ({{value}}; {{limit}}; {{count}}).",
          id: "{{pointer}} gagal ({{value}}; {{limit}}; {{count}})."}}
fix: {{en: Fix it., id: Perbaiki.}}
reference: Peraturan Kepala Dinas 1/2026
where: {where}
require: {require}
"""


def rule_file(tmp_path: Path, where: str, require: str, name: str = "rule.yaml") -> Path:
    folder = tmp_path / "rules"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(RULE.format(where=where, require=require), encoding="utf-8")
    return folder


def run(tmp_path: Path, where: str, require: str, patch: Mapping[str, Any] | None = None) -> list[str] | str:
    """The pointers where the custom rule fails on the exemplary standard, or NOT_APPLICABLE."""
    rules = load_rule_files((str(rule_file(tmp_path, where, require)),))
    text = yaml.safe_dump(apply_patch(base_document(), patch or {}), allow_unicode=True, sort_keys=False)
    [doc] = load_text(text, "case.yaml")
    assert not doc.findings and not validate(doc)
    evaluation = evaluate(doc, rules, Settings(), AS_OF)
    [outcome] = evaluation.outcomes
    if outcome.status is Status.NOT_APPLICABLE:
        return NOT_APPLICABLE
    return [f.pointer for f in evaluation.findings if f.rule == "DINAS-001"]


FEES = "delivery/fees"
TWO_FEES = {FEES: [{"name": "A", "amount": 0, "currency": "IDR", "basis": "Perda 1/2020"}, {"name": "B", "amount": 0}]}


@pytest.mark.parametrize(
    ("where", "require", "patch", "expected"),
    [
        ("/delivery/fees/*/basis", "{present: true}", None, []),
        ("/delivery/fees/*/basis", "{present: true}", TWO_FEES, ["/delivery/fees/1/basis"]),
        ("/waivers/*/approved_by", "{present: true}", None, NOT_APPLICABLE),
        ("/provider/email", "{non_empty: true}", None, []),
        ("/provider/email", "{non_empty: true}", {"provider/email": DELETE}, ["/provider/email"]),
        ("/delivery/requirements", "{min_items: 3}", None, []),
        ("/delivery/requirements", "{min_items: 7}", None, ["/delivery/requirements"]),
        ("/delivery/requirements", "{max_items: 6}", None, []),
        ("/delivery/requirements", "{max_items: 2}", None, ["/delivery/requirements"]),
        ("/review/interval_months", "{min_value: 6}", None, []),
        ("/review/interval_months", "{min_value: 13}", None, ["/review/interval_months"]),
        ("/review/interval_months", "{max_value: 12}", None, []),
        ("/review/interval_months", "{max_value: 6}", None, ["/review/interval_months"]),
        ("/provider/phone", "{pattern: '^0[0-9-]+$'}", None, []),
        ("/provider/phone", "{pattern: '^\\+62'}", None, ["/provider/phone"]),
        ("/status", "{allowed_values: [adopted]}", None, []),
        ("/status", "{allowed_values: [draft]}", None, ["/status"]),
        ("/title", "{max_words: 10}", None, []),
        ("/title", "{max_words: 3}", None, ["/title"]),
        (
            "/delivery/requirements/*/form",
            "{allowed_values: [copy]}",
            None,
            [f"/delivery/requirements/{i}/form" for i in range(6)],
        ),
        ("/service_hours/*/days/*", "{allowed_values: [mon, tue, wed, thu, fri]}", None, ["/service_hours/1/days/0"]),
        ("/provider/*", "{max_words: 6}", None, ["/provider/name", "/provider/address"]),
        ("/nothing/here", "{max_words: 3}", None, NOT_APPLICABLE),
    ],
)
def test_require_kinds_pass_and_fail_on_real_yaml(
    tmp_path: Path, where: str, require: str, patch: Mapping[str, Any] | None, expected: list[str] | str
) -> None:
    assert run(tmp_path, where, require, patch) == expected


def test_a_finding_carries_the_message_parameters_and_the_line(tmp_path: Path) -> None:
    rules = load_rule_files((str(rule_file(tmp_path, "/title", "{max_words: 3}")),))
    [doc] = load_text(base_document_text(), "case.yaml")
    [finding] = evaluate(doc, rules, Settings(), AS_OF).findings
    assert finding.message.en == "/title fails (Penerbitan Kartu Tanda Penduduk Elektronik (KTP-el); 3; 6)."
    assert finding.message.id.startswith("/title gagal")
    assert (finding.line, finding.severity.value, finding.principle) == (3, "warning", rules[0].principle)


def base_document_text() -> str:
    return yaml.safe_dump(base_document(), allow_unicode=True, sort_keys=False)


def test_a_file_may_hold_a_list_of_rules_and_rationale_defaults_to_the_requirement(tmp_path: Path) -> None:
    one = textwrap.indent(RULE.format(where="/title", require="{max_words: 3}"), "    ").replace(
        "    id:", "  - id:", 1
    )
    two = one.replace("DINAS-001", "DINAS-002")
    (tmp_path / "rules.yml").write_text("rules:\n" + one + two, encoding="utf-8")
    rules = load_rule_files((str(tmp_path),))
    assert [r.id for r in rules] == ["DINAS-001", "DINAS-002"]
    assert rules[0].rationale.en == "A custom rule: `/title` must have at most 3 words."
    assert rules[0].rationale.id == "Aturan tambahan: `/title` paling banyak 3 kata."


BAD_FILES = [
    ("id: SIM001", "rule.yaml:1:5", "KEMENKES-001"),
    ("weight: 9", "rule.yaml:4:9", "weight"),
    ("severity: fatal", "rule.yaml:3:11", '"error", "warning", "info"'),
    ("require: {present: true, max_words: 3}", "rule.yaml:11:1", "exactly one of"),
    ("require: {at_least: 3}", "rule.yaml:11:11", "unknown key `require.at_least`"),
    ("require: {pattern: '(unclosed'}", "rule.yaml:11:20", "missing ): (unclosed"),
    ("where: delivery/fees", "rule.yaml:10:8", "JSON Pointer"),
    ("colour: red", "rule.yaml:12:1", "unknown key `colour`"),
    ("title: {en: Only English}", "rule.yaml:5:8", "`title.id` is required"),
    ('message: {en: "bad {name}", id: "x"}', "rule.yaml:6:15", "placeholders"),
    ("where: [oops", "rule.yaml:", "YAML"),
]


def replace_key(change: str) -> str:
    """The rule file with one top-level key (and its continuation lines) replaced by `change`."""
    key = change.split(":", 1)[0]
    lines = RULE.format(where="/title", require="{max_words: 3}").splitlines()
    position = next((i for i, line in enumerate(lines) if line.startswith(f"{key}:")), len(lines))
    end = position + 1
    while end < len(lines) and lines[end].startswith(" "):
        end += 1
    return "\n".join([*lines[:position], change, *lines[end:]]) + "\n"


@pytest.mark.parametrize(("change", "place", "fragment"), BAD_FILES)
def test_a_bad_rule_file_is_a_config_error_with_its_line(
    tmp_path: Path, change: str, place: str, fragment: str
) -> None:
    (tmp_path / "rule.yaml").write_text(replace_key(change), encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load_rule_files((str(tmp_path),))
    message = raised.value.message
    assert place in message.en and fragment in message.en, message.en
    assert "aturan tambahan tidak sah" in message.id or "YAML" in message.id


def test_the_same_id_twice_is_an_error(tmp_path: Path) -> None:
    rule_file(tmp_path, "/title", "{max_words: 3}", "a.yaml")
    folder = rule_file(tmp_path, "/title", "{max_words: 4}", "b.yaml")
    with pytest.raises(ConfigError, match=r"b\.yaml:1:5.*already used at .*a\.yaml:1:5"):
        load_rule_files((str(folder),))


def test_a_missing_rule_path_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="does not exist"):
        load_rule_files((str(tmp_path / "missing"),))


# --- a rule file from a hostile repository (issue 12): linear-time patterns, plain message fields ------------------

BACKTRACKING = [
    (r"(a)\1", "invalid escape sequence"),  # a backreference
    ("(?=a)b", "invalid perl operator: (?="),  # look-ahead
    ("(?<!a)b", "invalid perl operator: (?<"),  # look-behind
    ("a{1001}", "invalid repetition size"),
    ("((a{100}){100}){100}", "repetition"),  # a program of a million states
    ("a++", "bad repetition operator"),  # a possessive quantifier
]


@pytest.mark.parametrize(("pattern", "reason"), BACKTRACKING)
def test_a_pattern_re2_cannot_run_is_a_config_error_naming_file_line_and_reason(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], pattern: str, reason: str
) -> None:
    """RE2 runs every pattern it accepts in linear time; what it refuses is said, in both languages, with
    its place; RE2's own log line (with the pattern) never reaches stderr."""
    (tmp_path / "rule.yaml").write_text(replace_key(f"require: {{pattern: '{pattern}'}}"), encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load_rule_files((str(tmp_path),))
    message = raised.value.message
    assert "rule.yaml:11:20" in message.en and reason in message.en, message.en
    assert "linear time" in message.en
    assert "waktu linear" in message.id and "rule.yaml:11:20" in message.id
    assert capsys.readouterr().err == ""


def test_nested_quantifiers_on_a_long_field_finish(tmp_path: Path) -> None:
    """`^(a+)+$` backtracks exponentially in Python's re (30 characters: minutes); on RE2 a 2 MiB value is
    one pass. Proven by mutation: with re.compile in _compile this test does not end."""
    [rule] = load_rule_files((str(rule_file(tmp_path, "/title", "{pattern: '^(a+)+$'}")),))
    doc = {**base_document(), "title": "a" * (2 * 1024 * 1024) + "!"}
    hits = list(rule.check(doc, None))  # type: ignore[arg-type]
    assert [hit.pointer for hit in hits] == ["/title"]
    assert len(str(hits[0].params["value"])) <= 80


def test_re2_patterns_still_match_like_before(tmp_path: Path) -> None:
    assert run(tmp_path, "/title", r"{pattern: '^\p{Lu}'}") == []
    assert run(tmp_path, "/title", r"{pattern: '^\d+$'}") == ["/title"]


TEMPLATES = [
    "{value:>400000000}",  # a width that wrote 4.7 GB
    "{value!r}",
    "{value.__class__}",
    "{value.__class__.__init__.__globals__}",
    "{value[0]}",
    "{value:{count}}",
    "{}",
    "{0}",
    "{name}",
    "a { b",
    "a } b",
]


@pytest.mark.parametrize("template", TEMPLATES)
def test_a_message_with_more_than_plain_fields_is_refused_at_load_time(tmp_path: Path, template: str) -> None:
    text = replace_key(f"message: {{en: {json_quote(template)}, id: x}}")
    (tmp_path / "rule.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load_rule_files((str(tmp_path),))
    message = raised.value.message
    assert "rule.yaml:6:" in message.en and "plain placeholders" in message.en, message.en
    assert "penanda polos" in message.id


def json_quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def test_plain_fields_and_escaped_braces_are_accepted_and_filled_with_bounded_text(tmp_path: Path) -> None:
    text = replace_key('message: {en: "{{literal}} {pointer} {value} {limit} {count}", id: "{pointer}"}')
    (tmp_path / "rule.yaml").write_text(text, encoding="utf-8")
    [rule] = load_rule_files((str(tmp_path),))
    long = "kata " * 400_000
    message = rule.format_message({"pointer": "/" + "p" * 1_000_000, "value": long, "limit": 3, "count": 5})
    assert message.en.startswith("{literal} /ppp")
    assert len(message.en) < 1_000
