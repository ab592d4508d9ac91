"""Format 1.1 on real YAML: its relaxations and additions validate, 1.0 reads exactly as before, aliases normalise."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from svcstd import api
from svcstd.config.settings import DEFAULT_SETTINGS
from svcstd.model import Finding
from svcstd.reading.loader import load_text
from svcstd.reporters import FORMATS, RenderOptions, renderer
from svcstd.standard.aliases import VOCABULARIES, normalise
from svcstd.validation import validate as validation

FIXTURES = Path(__file__).parent / "fixtures"
MINIMAL = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")
MAXIMAL = (FIXTURES / "format-1.1" / "maximal.yaml").read_text(encoding="utf-8")
SHEET = (FIXTURES / "format-1.1" / "published-sheet.yaml").read_text(encoding="utf-8")


def check(text: str) -> tuple[Finding, ...]:
    """As judge.py does it: read, normalise the aliases, validate."""
    [doc] = load_text(text, "standar.yaml")
    assert doc.findings == ()
    return validation.validate(replace(doc, data=normalise(doc.data)))


def where(findings: tuple[Finding, ...]) -> list[tuple[str, int, int, str]]:
    return [(f.rule, f.line, f.column, f.pointer) for f in findings]


def as_1_1(text: str) -> str:
    return text.replace('svcstd: "1.0"', 'svcstd: "1.1"', 1)


@pytest.mark.parametrize("text", [MAXIMAL, SHEET], ids=["maximal", "published-sheet"])
def test_every_1_1_shape_is_valid(text: str) -> None:
    assert check(text) == ()


def test_a_1_1_sheet_needs_no_id_version_status_or_manufacturing() -> None:
    text = as_1_1(MINIMAL)
    text = text.replace("id: kecamatan-contoh/surat-keterangan-domisili\n", "").replace('version: "1.0"\n', "")
    text = text.replace("status: adopted\n", "")
    assert check(text.split("manufacturing:")[0]) == ()


def test_1_0_still_requires_every_component() -> None:
    assert where(check(MINIMAL.split("manufacturing:")[0])) == [("SCH002", 1, 1, "")]
    assert "`manufacturing`" in check(MINIMAL.split("manufacturing:")[0])[0].message.en


def test_1_0_step_still_needs_an_actor_but_1_1_does_not() -> None:
    text = MINIMAL.replace("      - actor: Pemohon\n        action:", "      - action:")
    assert where(check(text)) == [("SCH002", 14, 9, "/delivery/procedure/steps/0")]
    assert check(as_1_1(text)) == ()


def test_1_0_keeps_its_english_values_and_its_keys() -> None:
    alias = MINIMAL.replace("form: original", "form: asli")
    [finding] = check(alias)
    assert (finding.rule, finding.pointer) == ("SCH004", "/delivery/requirements/0/form")
    assert "`asli`" in finding.message.en and "fotokopi" not in finding.message.en
    assert check(as_1_1(alias)) == ()
    [unknown] = check(MINIMAL.replace("title: Pen", "kind: standard\ntitle: Pen"))
    assert (unknown.rule, unknown.pointer) == ("SCH001", "/kind")


def test_an_unknown_1_1_key_is_one_sch001_with_a_suggestion() -> None:
    [finding] = check(MAXIMAL.replace("  in_person_reason:", "  in_person_reasn:"))
    assert (finding.rule, finding.pointer) == ("SCH001", "/delivery/procedure/in_person_reasn")
    assert "in_person_reason" in finding.message.en


def test_a_wrong_1_1_value_names_the_english_values_only() -> None:
    [finding] = check(MAXIMAL.replace("type: surel", "type: surat"))
    assert (finding.rule, finding.line, finding.pointer) == ("SCH004", 70, "/delivery/complaints/channels/2/type")
    assert "`email`" in finding.message.en and "`surel`" not in finding.message.en


def test_a_fee_has_exactly_one_of_amount_formula_or_reference() -> None:
    [finding] = check(MAXIMAL.replace("reference: Lampiran PP 22/2023", "amount: 0, reference: Lampiran PP 22/2023"))
    assert (finding.rule, finding.pointer) == ("SCH008", "/delivery/fees/0")


def test_a_number_needs_a_unit_but_a_text_only_duration_does_not() -> None:
    [finding] = check(MAXIMAL.replace("{value: 5, unit: bulan, when: Klarifikasi}", "{value: 5, when: Klarifikasi}"))
    assert (finding.rule, finding.pointer) == ("SCH002", "/delivery/completion_time/0")
    assert "`unit`" in finding.message.en


def test_the_1_0_gate_reports_missing_keys_in_the_schema_order() -> None:
    text = MINIMAL.replace("id: kecamatan-contoh/surat-keterangan-domisili\n", "").replace("title: Pen", "titel: Pen")
    messages = [f.message.en for f in check(text) if f.rule == "SCH002"]
    assert messages and "`id`" in messages[0]


def test_normalise_maps_values_in_their_place_only() -> None:
    data = {
        "svcstd": "1.1",
        "kind": "lembar_publikasi",
        "provider": {"name": "Dinas", "unit": "jam"},
        "delivery": {
            "completion_time": {"value": 1, "unit": "Hari Kerja"},
            "complaints": {"channels": [{"type": "telepon", "contact": "telepon"}]},
            "procedure": {"steps": [{"action": "a", "then": [{"action": "b", "channel": "daring"}]}]},
        },
    }
    assert normalise(data) == {
        "svcstd": "1.1",
        "kind": "published_sheet",
        "provider": {"name": "Dinas", "unit": "jam"},
        "delivery": {
            "completion_time": {"value": 1, "unit": "working_days"},
            "complaints": {"channels": [{"type": "phone", "contact": "telepon"}]},
            "procedure": {"steps": [{"action": "a", "then": [{"action": "b", "channel": "online"}]}]},
        },
    }
    assert normalise({"svcstd": "1.0", "kind": "standar"}) == {"svcstd": "1.0", "kind": "standar"}


def test_no_alias_is_also_an_english_value_of_its_vocabulary() -> None:
    for values, table in VOCABULARIES.values():
        assert not set(table) & set(values)
        assert set(table.values()) <= set(values)


def test_docs_format_md_lists_every_value_and_alias() -> None:
    """The reference cannot drift from the table the reader uses."""
    text = (Path(__file__).parents[1] / "docs" / "format.md").read_text(encoding="utf-8")
    for values, table in VOCABULARIES.values():
        assert all(f"`{value}`" in text for value in values), values
        assert all(f"`{alias}`→`{value}`" in text for alias, value in table.items()), table


def test_reversed_ranges_are_found_in_branches_and_complaint_times() -> None:
    text = MAXIMAL.replace("duration: {text: Sesuai antrean}", "duration: {min: 5, max: 2, unit: hari}")
    text = text.replace("{kind: tanggapan, duration: {value: 2,", "{kind: tanggapan, duration: {min: 9, max: 2,")
    assert where(check(text)) == [
        ("SCH010", 42, 67, "/delivery/procedure/steps/2/then/0/duration"),
        ("SCH010", 75, 37, "/delivery/complaints/times/0/duration"),
    ]


def test_1_1_may_lack_the_title_and_the_provider_name_but_1_0_may_not() -> None:
    text = MINIMAL.replace("title: Penerbitan Surat Keterangan Domisili\n", "")
    text = text.replace("  name: Kecamatan Contoh\n", "  phone: (0351) 555-0100\n")
    assert "title:" not in text.split("provider:")[0] and "  name: Kecamatan Contoh" not in text
    assert check(as_1_1(text)) == ()
    found = check(text)
    assert where(found) == [("SCH002", 1, 1, ""), ("SCH002", 5, 1, "/provider")]
    assert "`title`" in found[0].message.en and "`name`" in found[1].message.en


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_every_reporter_names_a_document_without_title_or_provider_name(name: str, tmp_path: Path) -> None:
    """A published text that names neither the service nor the provider: every output still names the file."""
    text = as_1_1(MINIMAL).replace("title: Penerbitan Surat Keterangan Domisili\n", "")
    (tmp_path / "tanpa-judul.yaml").write_text(text.replace("  name: Kecamatan Contoh\n", "  phone: (0351) 555-0100\n"))
    (tmp_path / "dengan-judul.yaml").write_text(as_1_1(MINIMAL))
    report = api.check([str(tmp_path)], DEFAULT_SETTINGS, date(2026, 11, 27), jobs=1)
    assert [doc.valid for doc in report.documents] == [True, True]
    assert {doc.title for doc in report.documents} == {None, "Penerbitan Surat Keterangan Domisili"}
    out = renderer(name)(report, RenderOptions(lang="id"))
    assert "tanpa-judul.yaml" in out or "kecamatan-contoh/surat-keterangan-domisili" in out


X_SOURCE = """\
svcstd: "1.1"
x-source: {file: a.pdf, page: 0}
provider: {phone: "0351 1", x-source: {page: tiga}}
delivery:
  x-source: {pge: 1}
  procedure: {steps: [{action: Datang, x-source: {cell: -1}}]}
  fees: [{name: Biaya, amount: 0, x-source: nothing}]
  products: [{name: Surat, x-source: {file: a.pdf, page: 2, table: 1, row: 3, cell: 2}}]
x-other: {anything: 1}
"""


def test_x_source_is_checked_on_every_mapping_in_1_1_and_named_with_its_terms() -> None:
    found = check(X_SOURCE)
    assert where(found) == [
        ("SCH007", 2, 31, "/x-source/page"),
        ("SCH003", 3, 46, "/provider/x-source/page"),
        ("SCH001", 5, 14, "/delivery/x-source/pge"),
        ("SCH007", 6, 57, "/delivery/procedure/steps/0/x-source/cell"),
        ("SCH003", 7, 45, "/delivery/fees/0/x-source"),
    ]
    assert "`provider.x-source.page` (halaman)" in found[1].message.en
    assert "Did you mean `page` (halaman)?" in found[2].message.en


def test_x_source_stays_unchecked_in_1_0_as_every_x_key_was() -> None:
    text = MINIMAL.replace("provider:\n", "provider:\n  x-source: {page: 0, pge: 1}\n")
    assert "x-source" in text
    assert check(text) == ()


@pytest.mark.parametrize(
    ("staff_count", "valid_1_1"),
    [
        ("[{}]", True),
        ("{}", True),
        ("{note: Sesuai kebutuhan}", True),
        ("{count: 3}", True),
        ("{count: -1}", False),
        ("[]", False),
    ],
)
def test_staff_count_may_be_one_mapping_in_1_1_only(staff_count: str, valid_1_1: bool) -> None:
    text = MAXIMAL.split("  staff_count:\n")
    rest = text[1].split("\n  ", 1)
    while rest[1].startswith("  "):  # the list's own lines
        rest = rest[1].split("\n  ", 1)
    document = f"{text[0]}  staff_count: {staff_count}\n  {rest[1]}"
    assert (check(document) == ()) is valid_1_1
    if staff_count.startswith("{"):
        assert [f.rule for f in check(document.replace('svcstd: "1.1"', 'svcstd: "1.0"'))].count("SCH003") >= 1


def test_a_note_under_a_whole_component_and_a_fee_note_are_1_1_keys() -> None:
    notes = "  notes:\n    requirements: Dapat dilengkapi dalam 2x24 jam\n    procedure: [Diprioritaskan, Simultan]\n"
    text = MINIMAL.replace("delivery:\n", "delivery:\n" + notes, 1)
    text = text.replace("amount: 0", "amount: 0\n      note: Gratis")
    assert "notes:" in text and "note: Gratis" in text
    assert check(as_1_1(text)) == ()
    unknown_in_1_0 = {("SCH001", "/delivery/notes"), ("SCH001", "/delivery/fees/0/note")}
    assert {(f.rule, f.pointer) for f in check(text)} == unknown_in_1_0
    wrong = as_1_1(text).replace("requirements: Dapat", "requirement: Dapat")
    assert [(f.rule, f.pointer) for f in check(wrong)] == [("SCH001", "/delivery/notes/requirement")]
