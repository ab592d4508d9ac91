"""Schema findings on real YAML: one finding per problem, at the right place, saying how to fix it."""

from __future__ import annotations

from pathlib import Path

import pytest

from svcstd.i18n import placeholders
from svcstd.model import Finding, Severity
from svcstd.reading.loader import load_text
from svcstd.validation import validate as validation

MINIMAL = (Path(__file__).parent / "fixtures" / "minimal.yaml").read_text(encoding="utf-8")


def mutate(old: str, new: str) -> str:
    """The minimal document with one exact passage replaced (the passage must occur exactly once)."""
    assert MINIMAL.count(old) == 1, old
    return MINIMAL.replace(old, new)


def check(text: str) -> tuple[Finding, ...]:
    documents = load_text(text, "standar.yaml")
    assert len(documents) == 1
    assert documents[0].findings == ()
    return validation.validate(documents[0])


def where(findings: tuple[Finding, ...]) -> list[tuple[str, int, int, str]]:
    return [(f.rule, f.line, f.column, f.pointer) for f in findings]


TWO_MISSING = (
    "  fees:\n    - name: Surat keterangan domisili\n      amount: 0\n"
    "  products:\n    - name: Surat Keterangan Domisili\n"
)


def test_minimal_document_is_valid() -> None:
    assert check(MINIMAL) == ()


VALID = [
    # YAML 1.2: an unquoted 08:00 stays the text "08:00"; `no` is text, not false.
    (
        "yaml12-times",
        "status: adopted",
        "status: adopted\nservice_hours:\n  - {days: [mon, fri], open: 08:00, close: 15:30}",
    ),
    ("yaml12-no", "      form: original", "      form: original\n      note: no"),
    ("language-no", "status: adopted", "status: adopted\nlanguage: no"),
    (
        "x-keys",
        "  name: Kecamatan Contoh",
        "  name: Kecamatan Contoh\n  x-kode-satker: 123\n  x-catatan: {bebas: [1, 2]}",
    ),
    ("formula", "      amount: 0", "      formula: Luas bangunan × tarif retribusi"),
    ("range", "    value: 1\n", "    min: 1\n    max: 3\n"),
    ("equal-range", "    value: 1\n", "    min: 2\n    max: 2\n"),
    (
        "staged-times",
        "  completion_time:\n    value: 1\n    unit: working_days",
        "  completion_time:\n    - {when: Berkas lengkap, value: 1, unit: working_days}\n"
        "    - {when: KTP-el hilang, min: 1, max: 3, unit: working_days}",
    ),
    ("empty-requirements", "  requirements:\n    - name: Kartu Keluarga\n      form: original", "  requirements: []"),
    (
        "dates-and-uris",
        "  name: Kecamatan Contoh",
        "  name: Kecamatan Contoh\n  website: https://kecamatan.contoh.go.id"
        "\n  email: kecamatan@contoh.go.id\nadoption: {decree: SK Camat 1/2025, date: 2024-02-29}",
    ),
    ("24-hour", "status: adopted", "status: adopted\nservice_hours: [{days: [sat, sun], open: 00:00, close: 24:00}]"),
    (
        "waiver",
        "status: adopted",
        "status: adopted\nwaivers:\n  - {rule: SIM002, reason: Diatur Permen, approved_by: Camat, until: 2026-12-31}",
    ),
]


@pytest.mark.parametrize(("old", "new"), [case[1:] for case in VALID], ids=[case[0] for case in VALID])
def test_valid_variants_have_no_findings(old: str, new: str) -> None:
    assert check(mutate(old, new)) == ()


# (case, old passage, new passage, expected [(rule, line, column, pointer)])
CASES = [
    # SCH001 unknown key: at the key itself; a misspelt required key is not also missing from its parent.
    ("SCH001-typo", "  requirements:", "  requirments:", [("SCH001", 9, 3, "/delivery/requirments")]),
    ("SCH001-top", "title: Penerbitan", "judul: Penerbitan", [("SCH002", 1, 1, ""), ("SCH001", 3, 1, "/judul")]),
    (
        "SCH001-item",
        "      amount: 0",
        "      amount: 0\n      catatan: Gratis",
        [("SCH001", 22, 7, "/delivery/fees/0/catatan")],
    ),
    # SCH002 missing: at the parent mapping's key (the item's start for a list item).
    ("SCH002-provider", "  name: Kecamatan Contoh", "  unit: Kecamatan Contoh", [("SCH002", 6, 1, "/provider")]),
    (
        "SCH002-item",
        "      - actor: Pemohon",
        "      - x-actor: Pemohon",
        [("SCH002", 14, 9, "/delivery/procedure/steps/0")],
    ),
    ("SCH002-two-at-once", TWO_MISSING, "", [("SCH002", 8, 1, "/delivery")]),
    (
        "SCH002-when",
        "  completion_time:\n    value: 1\n    unit: working_days",
        "  completion_time:\n    - {value: 1, unit: working_days}",
        [("SCH002", 17, 7, "/delivery/completion_time/0")],
    ),
    # SCH003 wrong type: at the value.
    ("SCH003-amount", "      amount: 0", "      amount: gratis", [("SCH003", 21, 15, "/delivery/fees/0/amount")]),
    ("SCH003-version-number", 'svcstd: "1.0"', "svcstd: 1.0", [("SCH003", 1, 9, "/svcstd")]),
    (
        "SCH003-yaml12-no",
        "      form: original",
        "      form: original\n      mandatory: no",
        [("SCH003", 12, 18, "/delivery/requirements/0/mandatory")],
    ),
    (
        "SCH003-no-cascade",
        "  completion_time:\n    value: 1\n    unit: working_days",
        "  completion_time: 1 hari kerja",
        [("SCH003", 16, 20, "/delivery/completion_time")],
    ),
    (
        "SCH003-empty",
        "  service_guarantee: Surat selesai dalam satu hari kerja.",
        "  service_guarantee:",
        [("SCH003", 40, 21, "/manufacturing/service_guarantee")],
    ),
    # SCH004 value not allowed.
    (
        "SCH004-form",
        "      form: original",
        "      form: orginal",
        [("SCH004", 11, 13, "/delivery/requirements/0/form")],
    ),
    ("SCH004-status", "status: adopted", "status: final", [("SCH004", 4, 9, "/status")]),
    (
        "SCH004-unit",
        "    unit: working_days",
        "    unit: hari_kerja",
        [("SCH004", 18, 11, "/delivery/completion_time/unit")],
    ),
    # SCH005 bad format.
    (
        "SCH005-uri",
        "  name: Kecamatan Contoh",
        "  name: Kecamatan Contoh\n  website: kecamatan.contoh.go.id",
        [("SCH005", 8, 12, "/provider/website")],
    ),
    (
        "SCH005-email",
        "  name: Kecamatan Contoh",
        "  name: Kecamatan Contoh\n  email: kecamatan(at)contoh.go.id",
        [("SCH005", 8, 10, "/provider/email")],
    ),
    (
        "SCH005-date",
        "status: adopted",
        "status: adopted\nadoption: {decree: SK Camat 1/2025, date: 2025-02-30}",
        [("SCH005", 5, 43, "/adoption/date")],
    ),
    # SCH006 pattern.
    ("SCH006-id", "id: kecamatan-contoh", "id: Kecamatan-contoh", [("SCH006", 2, 5, "/id")]),
    (
        "SCH006-time",
        "status: adopted",
        "status: adopted\nservice_hours: [{days: [mon], open: 8:00, close: 15:30}]",
        [("SCH006", 5, 37, "/service_hours/0/open")],
    ),
    ("SCH006-version", 'svcstd: "1.0"', 'svcstd: "1.x"', [("SCH006", 1, 9, "/svcstd")]),
    # A trailing newline does not pass a pattern ending in `$` (Python's `$` matches before it, JSON Schema's
    # does not). Proven by mutation: with _pattern using the schema's pattern as is, these give no finding.
    (
        "SCH006-id-newline",
        "id: kecamatan-contoh/surat-keterangan-domisili",
        'id: "kecamatan-contoh/surat-keterangan-domisili\\n"',
        [("SCH006", 2, 5, "/id")],
    ),
    ("SCH006-version-newline", 'svcstd: "1.0"', 'svcstd: "1.0\\n"', [("SCH006", 1, 9, "/svcstd")]),
    (
        "SCH006-time-newline",
        "status: adopted",
        'status: adopted\nservice_hours: [{days: [mon], open: "08:00\\n", close: "15:30"}]',
        [("SCH006", 5, 37, "/service_hours/0/open")],
    ),
    # SCH007 sizes and ranges.
    (
        "SCH007-empty-list",
        "  products:\n    - name: Surat Keterangan Domisili",
        "  products: []",
        [("SCH007", 22, 13, "/delivery/products")],
    ),
    (
        "SCH007-empty-text",
        "  service_guarantee: Surat selesai dalam satu hari kerja.",
        '  service_guarantee: ""',
        [("SCH007", 40, 22, "/manufacturing/service_guarantee")],
    ),
    ("SCH007-minimum", "      count: 2", "      count: -1", [("SCH007", 39, 14, "/manufacturing/staff_count/0/count")]),
    (
        "SCH007-maximum",
        "status: adopted",
        "status: adopted\nreview: {interval_months: 61}",
        [("SCH007", 5, 27, "/review/interval_months")],
    ),
    # SCH008 exactly one of.
    (
        "SCH008-both",
        "      amount: 0",
        "      amount: 0\n      formula: Luas bangunan × tarif",
        [("SCH008", 20, 7, "/delivery/fees/0")],
    ),
    ("SCH008-neither", "      amount: 0", "      payment: Tunai", [("SCH008", 20, 7, "/delivery/fees/0")]),
    (
        "SCH008-value-and-max",
        "    value: 1\n",
        "    value: 1\n    max: 3\n",
        [("SCH008", 16, 3, "/delivery/completion_time")],
    ),
    ("SCH008-min-alone", "    value: 1\n", "    min: 1\n", [("SCH008", 16, 3, "/delivery/completion_time")]),
    # SCH009 unsupported version: the only finding, whatever else is wrong.
    ("SCH009", 'svcstd: "1.0"\nid: kecamatan', 'svcstd: "2.0"\nid: Kecamatan', [("SCH009", 1, 9, "/svcstd")]),
    ("SCH009-number", 'svcstd: "1.0"', "svcstd: 3", [("SCH009", 1, 9, "/svcstd")]),
    # SCH010 reversed range, only where the schema accepted the duration.
    ("SCH010", "    value: 1\n", "    min: 5\n    max: 2\n", [("SCH010", 17, 5, "/delivery/completion_time")]),
    (
        "SCH010-step",
        "        action: Menyerahkan berkas di loket",
        "        action: Menyerahkan berkas di loket\n        duration: {min: 30, max: 10, unit: minutes}",
        [("SCH010", 16, 19, "/delivery/procedure/steps/0/duration")],
    ),
    (
        "SCH010-not-after-schema-error",
        "    value: 1\n",
        "    min: 5\n    max: 2\n    satuan: hari\n",
        [("SCH001", 19, 5, "/delivery/completion_time/satuan")],
    ),
]


@pytest.mark.parametrize(("old", "new", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_finding_kind_and_place(old: str, new: str, expected: list[tuple[str, int, int, str]]) -> None:
    findings = check(mutate(old, new))
    assert where(findings) == expected
    assert all(f.severity is Severity.ERROR and f.principle is None for f in findings)


# One real problem gives one finding, not a cascade: (case, old passage, new passage, expected places).
CASCADES = [
    # A misspelt required key is one SCH001 (saying the key is required), not also an SCH002 at its parent.
    ("typo-required", "    steps:", "    stepz:", [("SCH001", 13, 5, "/delivery/procedure/stepz")]),
    ("typo-required-top", "status: adopted", "statsu: adopted", [("SCH001", 4, 1, "/statsu")]),
    ("typo-version-key", 'svcstd: "1.0"', "svcsdt: '1.0'", [("SCH001", 1, 1, "/svcsdt")]),
    (
        "typo-required-item",
        "      - actor: Pemohon",
        "      - actr: Pemohon",
        [("SCH001", 14, 9, "/delivery/procedure/steps/0/actr")],
    ),
    (
        "typo-required-duration",
        "    unit: working_days",
        "    unti: working_days",
        [("SCH001", 18, 5, "/delivery/completion_time/unti")],
    ),
    (
        "typo-and-really-missing",
        TWO_MISSING,
        "  fess:\n    - name: Surat keterangan domisili\n      amount: 0\n",
        [("SCH002", 8, 1, "/delivery"), ("SCH001", 19, 3, "/delivery/fess")],
    ),
    (
        "two-typos-of-one-key",
        "    steps:",
        "    stepz: []\n    stpes:",
        [("SCH001", 13, 5, "/delivery/procedure/stepz"), ("SCH001", 14, 5, "/delivery/procedure/stpes")],
    ),
    # A misspelt key that completes an exactly-one-of is one SCH001, not also an SCH008 "neither".
    ("typo-amount", "      amount: 0", "      amout: 0", [("SCH001", 21, 7, "/delivery/fees/0/amout")]),
    ("typo-min", "    value: 1\n", "    mni: 1\n    max: 3\n", [("SCH001", 17, 5, "/delivery/completion_time/mni")]),
    (
        "typo-value-and-unit",
        "    value: 1\n    unit: working_days",
        "    valeu: 1\n    unti: working_days",
        [("SCH001", 17, 5, "/delivery/completion_time/valeu"), ("SCH001", 18, 5, "/delivery/completion_time/unti")],
    ),
    # A value that breaks several checks is one finding: the allowed values, or that it is empty.
    ("enum-not-type", "status: adopted", "status: 1", [("SCH004", 4, 9, "/status")]),
    (
        "enum-not-type-bool",
        "      form: original",
        "      form: true",
        [("SCH004", 11, 13, "/delivery/requirements/0/form")],
    ),
    (
        "enum-not-type-unit",
        "    unit: working_days",
        "    unit: 5",
        [("SCH004", 18, 11, "/delivery/completion_time/unit")],
    ),
    ("empty-not-enum", "status: adopted", "status:", [("SCH003", 4, 8, "/status")]),
    (
        "empty-text-not-pattern",
        "status: adopted",
        'status: adopted\nwaivers: [{rule: "", reason: Diatur Permen, approved_by: Camat, until: 2026-12-31}]',
        [("SCH007", 5, 18, "/waivers/0/rule")],
    ),
    (
        "type-not-minimum",
        "      count: 2",
        "      count: -1.5",
        [("SCH003", 39, 14, "/manufacturing/staff_count/0/count")],
    ),
    ("version-decimal", 'svcstd: "1.0"', "svcstd: 1.5", [("SCH003", 1, 9, "/svcstd")]),
    ("version-integer", 'svcstd: "1.0"', "svcstd: 1", [("SCH003", 1, 9, "/svcstd")]),
    ("version-empty", 'svcstd: "1.0"', "svcstd:", [("SCH003", 1, 8, "/svcstd")]),
    # A wrong type hides the exactly-one-of its keys would have been checked against.
    (
        "type-not-one-of-duration",
        "  completion_time:\n    value: 1\n    unit: working_days",
        "  completion_time: [satu hari kerja]",
        [("SCH003", 16, 21, "/delivery/completion_time/0")],
    ),
    (
        "type-not-one-of-fee",
        "  fees:\n    - name: Surat keterangan domisili\n      amount: 0",
        "  fees: [gratis]",
        [("SCH003", 19, 10, "/delivery/fees/0")],
    ),
    # Two `required` at one mapping (a duration, and `when` in a list of them) are one SCH002 naming every key.
    (
        "required-twice-one-place",
        "  completion_time:\n    value: 1\n    unit: working_days",
        "  completion_time: [{value: 1}]",
        [("SCH002", 16, 21, "/delivery/completion_time/0")],
    ),
]


@pytest.mark.parametrize(("old", "new", "expected"), [c[1:] for c in CASCADES], ids=[c[0] for c in CASCADES])
def test_one_problem_gives_one_finding(old: str, new: str, expected: list[tuple[str, int, int, str]]) -> None:
    assert where(check(mutate(old, new))) == expected


# A merge key `<<` is reported by the loader (YML005); validation adds nothing about it, nor about the keys it brings.
MERGES = [
    (
        "merge-key",
        "  name: Kecamatan Contoh",
        "  name: Kecamatan Contoh\n  <<: {unit: Seksi Pelayanan}",
        [("YML005", 8, 3, "/provider/<<")],
    ),
    (
        "merge-brings-required",
        "  completion_time:\n    value: 1\n    unit: working_days",
        "  x-waktu: &hari {unit: working_days}\n  completion_time:\n    <<: *hari\n    value: 1",
        [("YML005", 18, 5, "/delivery/completion_time/<<")],
    ),
    ("merge-brings-one-of", "      amount: 0", "      <<: [{amount: 0}]", [("YML005", 21, 7, "/delivery/fees/0/<<")]),
    (
        "merge-brings-neither",
        "      amount: 0",
        "      <<: {currency: IDR}",
        [("YML005", 21, 7, "/delivery/fees/0/<<"), ("SCH008", 20, 7, "/delivery/fees/0")],
    ),
]


@pytest.mark.parametrize(("old", "new", "expected"), [c[1:] for c in MERGES], ids=[c[0] for c in MERGES])
def test_merge_key_is_reported_once(old: str, new: str, expected: list[tuple[str, int, int, str]]) -> None:
    (document,) = load_text(mutate(old, new), "standar.yaml")
    assert where((*document.findings, *validation.validate(document))) == expected


def test_misspelt_key_leaves_the_really_missing_one_in_the_sch002() -> None:
    findings = check(mutate(TWO_MISSING, "  fess:\n    - name: Surat keterangan domisili\n      amount: 0\n"))
    (missing,) = [f for f in findings if f.rule == "SCH002"]
    assert "is missing `products` (produk pelayanan), which is required" in missing.message.en
    assert "fees" not in missing.message.en + missing.message.id


def test_misspelt_key_whose_key_is_there_is_not_called_required() -> None:
    en, id_ = message("    steps:", "    stepz: 1\n    steps:", "SCH001")
    assert "Did you mean `steps` (tahapan prosedur)?" in en and "required" not in en
    assert "Mungkin maksud Anda `steps` (tahapan prosedur)?" in id_ and "wajib" not in id_


def test_every_finding_kind_is_covered() -> None:
    covered = {rule for case in CASES for rule, *_ in case[3]}
    assert covered == {f"SCH{n:03}" for n in range(1, 11)}


def message(old: str, new: str, rule: str) -> tuple[str, str]:
    (finding,) = [f for f in check(mutate(old, new)) if f.rule == rule]
    return finding.message.en, finding.message.id


def test_misspelt_key_suggests_the_right_one_in_both_languages() -> None:
    en, id_ = message("      form: original", "      form: original\n      mandtory: true", "SCH001")
    assert "Did you mean `mandatory` (wajib)?" in en
    assert "Mungkin maksud Anda `mandatory` (wajib)?" in id_
    assert "`mandtory`" in en and "`mandtory`" in id_


def test_misspelt_required_key_says_it_is_required_in_both_languages() -> None:
    en, id_ = message("  requirements:", "  requirments:", "SCH001")
    assert "`requirments`, which is not a known key. Did you mean the required key `requirements` (persyaratan)?" in en
    assert "`requirments`, yang bukan kunci yang dikenal. Mungkin maksud Anda kunci wajib `requirements`" in id_


def test_unknown_key_without_a_close_match_mentions_x_prefix() -> None:
    en, id_ = message("      amount: 0", "      amount: 0\n      zzz: 1", "SCH001")
    assert "Did you mean" not in en
    assert "`x-`" in en and "`x-`" in id_


def test_enum_error_lists_the_allowed_values_and_suggests_one() -> None:
    en, id_ = message("      form: original", "      form: orginal", "SCH004")
    for allowed in ("original", "copy", "digital", "self_declaration", "other"):
        assert f"`{allowed}`" in en and f"`{allowed}`" in id_
    assert "Did you mean `original`?" in en
    assert "Mungkin maksud Anda `original`?" in id_


def test_fee_with_amount_and_formula_gives_exactly_one_finding() -> None:
    findings = check(mutate("      amount: 0", "      amount: 0\n      formula: Luas bangunan × tarif"))
    assert [f.rule for f in findings] == ["SCH008"]
    assert "`amount` (besaran tarif)" in findings[0].message.en
    assert "`formula` (rumus tarif)" in findings[0].message.id


@pytest.mark.parametrize(
    ("old", "new", "rule", "in_english", "in_indonesian"),
    [
        (
            "      amount: 0",
            "      amount: gratis",
            "SCH003",
            ["`delivery.fees[0].amount` (besaran tarif)", "a whole number", "text"],
            ["bilangan bulat", "teks"],
        ),
        (
            "      form: original",
            "      form: original\n      mandatory: no",
            "SCH003",
            ["`true` or `false`"],
            ["`true` atau `false`"],
        ),
        ('svcstd: "1.0"', "svcstd: 1.0", "SCH003", ["in quotes"], ["tanda kutip"]),
        (
            "  name: Kecamatan Contoh",
            "  unit: Kecamatan Contoh",
            "SCH002",
            ["`provider` (penyelenggara)", "`name` (nama penyelenggara)"],
            ["belum memuat `name` (nama penyelenggara)"],
        ),
        (
            TWO_MISSING,
            "",
            "SCH002",
            ["`fees` (biaya/tarif) and `products` (produk pelayanan)"],
            ["`fees` (biaya/tarif) dan `products`"],
        ),
        (
            "status: adopted",
            "status: adopted\nadoption: {decree: SK 1, date: 2025-02-30}",
            "SCH005",
            ["YYYY-MM-DD", "`adoption.date` (tanggal penetapan)"],
            ["TTTT-BB-HH"],
        ),
        (
            "status: adopted",
            "status: adopted\nservice_hours: [{days: [mon], open: 8:00, close: 15:30}]",
            "SCH006",
            ["HH:MM", "`service_hours[0].open` (jam buka)"],
            ["JJ:MM", "24 jam"],
        ),
        ("id: kecamatan-contoh", "id: Kecamatan-contoh", "SCH006", ["lowercase letters"], ["huruf kecil"]),
        (
            "  products:\n    - name: Surat Keterangan Domisili",
            "  products: []",
            "SCH007",
            ["at least one"],
            ["minimal"],
        ),
        (
            "    value: 1\n",
            "    min: 1\n",
            "SCH008",
            ["`value` (nilai) or `min` and `max` together"],
            ["`value` (nilai) atau `min` dan `max` bersama-sama"],
        ),
        ('svcstd: "1.0"', 'svcstd: "2.0"', "SCH009", ["version 2.0", '`svcstd: "1.0"`'], ["versi 2.0"]),
        (
            "    value: 1\n",
            "    min: 5\n    max: 2\n",
            "SCH010",
            ["`min` (5)", "`max` (2)", "(jangka waktu penyelesaian)"],
            ["lebih besar daripada"],
        ),
    ],
)
def test_messages_name_the_field_and_the_fix(
    old: str, new: str, rule: str, in_english: list[str], in_indonesian: list[str]
) -> None:
    en, id_ = message(old, new, rule)
    for part in in_english:
        assert part in en
    for part in in_indonesian:
        assert part in id_
    assert en != id_
    assert "^" not in en + id_  # shapes are explained in words, never as a regular expression


def test_findings_are_sorted_by_place() -> None:
    text = mutate("status: adopted", "status: final").replace("      amount: 0", "      amount: gratis")
    findings = check(text)
    assert [f.sort_key for f in findings] == sorted(f.sort_key for f in findings)
    assert [f.rule for f in findings] == ["SCH004", "SCH003"]


def test_each_document_of_a_file_is_validated_on_its_own() -> None:
    documents = load_text(MINIMAL + "---\n" + MINIMAL.replace("status: adopted", "status: final"))
    assert [where(validation.validate(doc)) for doc in documents] == [[], [("SCH004", 48, 9, "/status")]]


def test_messages_have_the_same_placeholders_in_both_languages() -> None:
    for key, (en, id_) in validation.MESSAGES.messages.items():
        assert placeholders(en) == placeholders(id_), key


def test_the_validator_is_built_once() -> None:
    assert validation._validator() is validation._validator()


@pytest.mark.parametrize(
    ("pattern", "text", "matches"),
    [("^[a-z]+$", "ab\n", False), ("^[a-z]+$", "ab", True), ("^[$]$", "$", True), (r"^a\$$", "a$", True)],
)
def test_patterns_end_at_the_end_of_the_text(pattern: str, text: str, matches: bool) -> None:
    assert bool(validation._end_anchored(pattern).search(text)) is matches
