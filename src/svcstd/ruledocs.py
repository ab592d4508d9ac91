"""Rule documentation rendered from the registry: the `rules` table and JSON, `explain`, and docs/rules.md.

Regenerate the reference page with `python -m svcstd.ruledocs > docs/rules.md`.
"""

from __future__ import annotations

import difflib
import json
import re
import sys
from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple

from svcstd.config import bilingual
from svcstd.errors import UsageError
from svcstd.i18n import Catalog
from svcstd.model import PRINCIPLE_NAMES, Severity, Text
from svcstd.rules import BUILTIN_RULES
from svcstd.rules.base import Rule

REGENERATE = "python -m svcstd.ruledocs > docs/rules.md"

MESSAGES = Catalog(
    "ruledocs",
    {
        "id": ("ID", "Kode"),
        "principle": ("Principle", "Prinsip"),
        "severity": ("Severity", "Tingkat"),
        "weight": ("Weight", "Bobot"),
        "title": ("Title", "Judul"),
        "message": ("Message", "Pesan"),
        "rationale": ("Why", "Alasan"),
        "reference": ("Legal basis", "Dasar hukum"),
        "fix": ("How to fix", "Cara memperbaiki"),
        "options": ("Options (defaults; set them in [rules.{rule}])", "Opsi (nilai bawaan; ubah di [rules.{rule}])"),
        "examples": ("Examples", "Contoh"),
        "passing": ("Passing", "Contoh lolos"),
        "failing": ("Failing", "Contoh tidak lolos"),
        "as_of": ("as of {date}", "per {date}"),
        "kind": ("Kind", "Jenis"),
        "trigger": ("What triggers it", "Pemicu"),
        "kind.reading": ("reading check", "pemeriksaan pembacaan"),
        "kind.schema": ("schema check", "pemeriksaan skema"),
        "kind.waiver": ("waiver check", "pemeriksaan pengecualian"),
        "kind.gate": ("gate check", "pemeriksaan gerbang"),
        "note.always": (
            "always runs, has no score, cannot be waived",
            "selalu dijalankan, tidak dinilai, tidak dapat dikecualikan",
        ),
        "note.gate": (
            "reported when a minimum score set in the configuration is not reached",
            "dilaporkan jika skor minimum yang ditetapkan dalam konfigurasi tidak tercapai",
        ),
        "checks_title": (
            "Built-in checks (always run; `--select` and `--ignore` do not apply to them):",
            "Pemeriksaan bawaan (selalu dijalankan; `--select` dan `--ignore` tidak berlaku untuknya):",
        ),
        "checks_heading": ("## Built-in checks", "## Pemeriksaan bawaan"),
        "checks_intro": (
            "Reading (`YML`), schema (`SCH`), waiver (`WVR`) and gate (`GAT`) checks are not rules: they always "
            "run, have no score, and `select`, `ignore` and waivers do not apply to them.",
            "Pemeriksaan pembacaan (`YML`), skema (`SCH`), pengecualian (`WVR`), dan gerbang (`GAT`) bukan aturan: "
            "pemeriksaan ini selalu dijalankan, tidak dinilai, dan tidak terpengaruh oleh `select`, `ignore`, "
            "maupun pengecualian.",
        ),
        "checks_count": ("{count} built-in checks.", "{count} pemeriksaan bawaan."),
        "error": ("error", "galat"),
        "warning": ("warning", "peringatan"),
        "info": ("info", "info"),
        "count": ("{count} rules.", "{count} aturan."),
        "unknown": (
            "there is no rule {rule}{hint}. List the rules with `svcstd rules`.",
            "tidak ada aturan {rule}{hint}. Lihat daftar aturan dengan `svcstd rules`.",
        ),
        "did_you_mean": (" (did you mean {suggestion}?)", " (maksud Anda {suggestion}?)"),
        "page_title": ("# svcstd rules", "# Aturan svcstd"),
        "page_intro": (
            "Every built-in rule, by principle. Generated from the rule registry: do not edit; run `{command}`.\n"
            "`svcstd explain RULE --lang id` shows a rule in Indonesian.",
            "Semua aturan bawaan, per prinsip. Dibuat dari daftar aturan: jangan diubah secara "
            "manual; jalankan `{command}`.\n"
            "`svcstd explain RULE --lang en` menampilkan aturan dalam bahasa Inggris.",
        ),
    },
)


class BuiltinCheck(NamedTuple):
    """A reading, schema, waiver or gate check: not a rule, but its id appears in reports like one."""

    id: str
    kind: str
    severity: Severity
    title: Text
    trigger: Text
    fix: Text


def _check(check_id: str, kind: str, severity: Severity, *pairs: tuple[str, str]) -> BuiltinCheck:
    title, trigger, fix = (Text(*pair) for pair in pairs)
    return BuiltinCheck(check_id, kind, severity, title, trigger, fix)


_ERROR, _WARNING = Severity.ERROR, Severity.WARNING

# The one table of the ids that are not rules (loader.py, validation.py, engine.py and the gate in api.py).
# fmt: off
BUILTIN_CHECKS: tuple[BuiltinCheck, ...] = (
    _check("YML001", "reading", _ERROR,
        ("The file cannot be read", "Berkas tidak dapat dibaca"),
        ("The file cannot be opened or read: permission is denied, a link is broken, or the path is a folder, pipe "
         "or device rather than a regular file.",
         "Berkas tidak dapat dibuka atau dibaca: izin aksesnya ditolak, tautannya rusak, atau path tersebut berupa "
         "folder, pipe, atau perangkat, bukan berkas biasa."),
        ("Check the path and the file's permissions; name a regular YAML file.",
         "Periksa path dan izin akses berkas; tunjuk berkas YAML biasa.")),
    _check("YML002", "reading", _ERROR,
        ("The file is not UTF-8 text", "Berkas bukan teks UTF-8"),
        ("The file is saved in another encoding (Latin-1, Windows-1252, UTF-16 or UTF-32), or holds a NUL byte "
         "and so is a binary file.",
         "Berkas disimpan dengan pengodean lain (Latin-1, Windows-1252, UTF-16, atau UTF-32), atau memuat bita NUL "
         "sehingga merupakan berkas biner."),
        ("Save the file as UTF-8 text in your editor.",
         "Simpan ulang berkas sebagai teks UTF-8 melalui penyunting teks Anda.")),
    _check("YML003", "reading", _ERROR,
        ("The YAML cannot be read", "YAML tidak dapat dibaca"),
        ("The text is not valid YAML (indentation, a missing colon or an unclosed quote), a key is a list or "
         "mapping, or an alias refers to an anchor that is undefined or contains it.",
         "Teksnya bukan YAML yang sah (indentasi, titik dua yang hilang, atau tanda kutip yang tidak ditutup), ada "
         "kunci berupa daftar atau pemetaan, atau alias merujuk ke jangkar yang belum didefinisikan atau yang "
         "memuat alias itu sendiri."),
        ("Correct the YAML at the line and column shown; write keys as plain text.",
         "Perbaiki YAML pada baris dan kolom yang ditunjukkan; tulis kunci sebagai teks biasa.")),
    _check("YML004", "reading", _ERROR,
        ("Duplicate key", "Kunci ganda"),
        ("The same key appears twice in one mapping; YAML keeps only one of them, silently.",
         "Kunci yang sama muncul dua kali dalam satu pemetaan; YAML hanya menyimpan salah satunya tanpa "
         "memberi tahu."),
        ("Keep one of the two entries, merging their content if both are needed.",
         "Pertahankan salah satu isian, dan gabungkan isinya jika keduanya diperlukan.")),
    _check("YML005", "reading", _ERROR,
        ("Tag or merge key not allowed", "Tag atau kunci gabungan tidak diizinkan"),
        ("A value carries a tag (`!something`) other than the plain YAML types, a tagged value does not fit its "
         "tag, or a merge key (`<<`) is used, which YAML 1.2 does not have.",
         "Suatu nilai memakai tag (`!sesuatu`) selain tipe YAML biasa, nilai bertag tidak sesuai dengan tagnya, "
         "atau dipakai kunci gabungan (`<<`), yang tidak ada dalam YAML 1.2."),
        ("Remove the tag and write plain values; write merged keys out in full.",
         "Hapus tag dan tulis nilai biasa; tuliskan kunci yang digabung secara lengkap.")),
    _check("YML006", "reading", _ERROR,
        ("Over a reading limit", "Melebihi batas pembacaan"),
        ("The file is larger than `max_file_bytes`, nested deeper than `max_depth`, holds more than `max_nodes` "
         "values once aliases are expanded, or more than `max_documents` documents (the [limits] table of the "
         "configuration).",
         "Berkas lebih besar daripada `max_file_bytes`, bersarang lebih dalam daripada `max_depth`, memuat lebih "
         "dari `max_nodes` nilai setelah alias diuraikan, atau lebih dari `max_documents` dokumen (tabel [limits] "
         "dalam konfigurasi)."),
        ("Split or simplify the file; raise the limit in [limits] only for a file you trust.",
         "Pecah atau sederhanakan berkas; naikkan batas di [limits] hanya untuk berkas yang Anda percayai.")),
    _check("YML007", "reading", _ERROR,
        ("Not a service standard", "Bukan standar pelayanan"),
        ("The document is a list or a single value rather than a mapping of keys, or a file named on the command "
         "line holds no YAML document at all.",
         "Dokumen berupa daftar atau satu nilai, bukan pemetaan kunci, atau berkas yang disebut pada baris "
         "perintah sama sekali tidak memuat dokumen YAML."),
        ("Write the standard as `key: value` lines, starting with `svcstd: \"1.0\"` (`svcstd init` writes one).",
         "Tulis standar sebagai baris-baris `kunci: nilai`, diawali `svcstd: \"1.0\"` (`svcstd init` membuatkan "
         "contohnya).")),
    _check("SCH001", "schema", _ERROR,
        ("Unknown key", "Kunci tidak dikenal"),
        ("A key that the format does not define, often a misspelling.",
         "Kunci yang tidak didefinisikan dalam format, sering kali karena salah ketik."),
        ("Correct the spelling (the message suggests the closest key) or remove the key; keys of your own must "
         "start with `x-`.",
         "Perbaiki ejaannya (pesan temuan menyarankan kunci yang paling mirip) atau hapus kunci itu; kunci tambahan "
         "milik instansi sendiri harus diawali `x-`.")),
    _check("SCH002", "schema", _ERROR,
        ("Required key missing", "Kunci wajib belum ada"),
        ("A mapping lacks one or more keys that the format requires.",
         "Suatu pemetaan belum memuat satu atau beberapa kunci yang diwajibkan format."),
        ("Add the keys named in the message, with their content.",
         "Tambahkan kunci yang disebut dalam pesan temuan, beserta isinya.")),
    _check("SCH003", "schema", _ERROR,
        ("Wrong type of value", "Jenis nilai salah"),
        ("A value has the wrong type: text where a number is expected, a single value where a list is expected, "
         "or a number or `yes` where text is expected.",
         "Jenis nilainya salah: teks di tempat angka, satu nilai di tempat daftar, atau angka maupun `yes` di "
         "tempat teks."),
        ("Write the value as the message says; put text that looks like a number in quotes.",
         "Tulis nilainya sesuai petunjuk pesan temuan; apit dengan tanda kutip teks yang tampak seperti angka.")),
    _check("SCH004", "schema", _ERROR,
        ("Value not allowed", "Nilai tidak diperbolehkan"),
        ("A value is not one of those the format allows for this key.",
         "Nilainya tidak termasuk nilai yang diperbolehkan format untuk kunci ini."),
        ("Use one of the allowed values listed in the message.",
         "Gunakan salah satu nilai yang diperbolehkan, sebagaimana tercantum dalam pesan temuan.")),
    _check("SCH005", "schema", _ERROR,
        ("Not a valid date, web address or email address", "Tanggal, alamat web, atau surel tidak sah"),
        ("A date is not a real YYYY-MM-DD date, a web address is incomplete, or an email address is not of the "
         "form name@domain.",
         "Tanggal bukan tanggal TTTT-BB-HH yang benar-benar ada, alamat web tidak lengkap, atau alamat surel tidak "
         "berbentuk nama@domain."),
        ("Write the date as YYYY-MM-DD, the full address starting with https://, or name@domain.",
         "Tulis tanggal sebagai TTTT-BB-HH, alamat web lengkap diawali https://, atau alamat surel nama@domain.")),
    _check("SCH006", "schema", _ERROR,
        ("Value of the wrong form", "Bentuk nilai tidak sesuai"),
        ("A value does not have the required form: the format version, the service code, a time of day (HH:MM), "
         "a language or currency code, or a rule id in a waiver.",
         "Bentuk nilainya tidak sesuai ketentuan: versi format, kode layanan, jam (JJ:MM), kode bahasa atau mata "
         "uang, atau kode aturan dalam pengecualian."),
        ("Write the value in the form the message describes.",
         "Tulis nilainya dalam bentuk yang dijelaskan pesan temuan.")),
    _check("SCH007", "schema", _ERROR,
        ("Empty, too short or out of range", "Kosong, kurang, atau di luar batas"),
        ("A list or text is empty, a list has too few or too many entries, or a number is out of its range.",
         "Daftar atau teks masih kosong, jumlah butir daftar kurang atau berlebih, atau angka berada di luar "
         "batasnya."),
        ("Fill in, add or remove entries, or correct the number, as the message says.",
         "Isi, tambahkan, atau hapus butirnya, atau perbaiki angkanya, sesuai pesan temuan.")),
    _check("SCH008", "schema", _ERROR,
        ("Exactly one of the alternatives is needed", "Harus tepat salah satu pilihan"),
        ("A mapping that needs exactly one of several alternatives (a fee's `amount` or its `formula`) has none "
         "of them complete, or more than one.",
         "Pemetaan yang harus memuat tepat satu dari beberapa pilihan (misalnya `amount` atau `formula` pada "
         "biaya) tidak memuat satu pun secara lengkap, atau memuat lebih dari satu."),
        ("Keep exactly one of the alternatives named in the message, complete.",
         "Pertahankan tepat satu pilihan yang disebut dalam pesan temuan, dan lengkapi isinya.")),
    _check("SCH009", "schema", _ERROR,
        ("Unsupported format version", "Versi format tidak didukung"),
        ("`svcstd` names a major format version other than 1; the rest of the document is not checked.",
         "`svcstd` menyebut versi utama format selain 1; bagian dokumen lainnya tidak diperiksa."),
        ("Set `svcstd: \"1.0\"` and follow format 1.0, or use a svcstd release that reads that version.",
         "Ubah menjadi `svcstd: \"1.0\"` dan ikuti format 1.0, atau gunakan rilis svcstd yang dapat membaca versi "
         "tersebut.")),
    _check("SCH010", "schema", _ERROR,
        ("Duration range runs backwards", "Rentang durasi terbalik"),
        ("A duration's `min` is larger than its `max`.",
         "Nilai `min` suatu durasi lebih besar daripada `max`-nya."),
        ("Swap the two numbers or correct them.", "Tukar kedua angka itu atau perbaiki nilainya.")),
    _check("WVR001", "waiver", _WARNING,
        ("Waiver expired", "Pengecualian sudah berakhir"),
        ("A waiver's `until` date is before the date judged against (`--as-of`, default today); the rule it "
         "waived applies again.",
         "Tanggal `until` suatu pengecualian sudah lewat dari tanggal acuan penilaian (`--as-of`, bawaannya hari "
         "ini); aturan yang dikecualikan berlaku kembali."),
        ("Fix the problem the rule reports, or renew the waiver with a new approval and a new `until`.",
         "Perbaiki masalah yang dilaporkan aturan itu, atau perbarui pengecualian dengan persetujuan dan tanggal "
         "`until` yang baru.")),
    _check("WVR002", "waiver", _ERROR,
        ("Waiver for an unknown rule", "Pengecualian untuk aturan yang tidak dikenal"),
        ("A waiver names a rule id that no rule has (a misspelling, or a custom rule that is not loaded).",
         "Pengecualian menyebut kode aturan yang tidak dimiliki aturan mana pun (salah ketik, atau aturan tambahan "
         "yang tidak dimuat)."),
        ("Copy the rule id from the report or from `svcstd rules`.",
         "Salin kode aturan dari laporan atau dari `svcstd rules`.")),
    _check("WVR003", "waiver", _ERROR,
        ("This check cannot be waived", "Pemeriksaan ini tidak dapat dikecualikan"),
        ("A waiver names a reading, schema or waiver check (`YML`, `SCH`, `WVR`).",
         "Pengecualian menyebut pemeriksaan pembacaan, skema, atau pengecualian (`YML`, `SCH`, `WVR`)."),
        ("Remove the waiver and correct the document instead.",
         "Hapus pengecualian itu dan perbaiki dokumennya.")),
    _check("GAT001", "gate", _ERROR,
        ("Overall score below fail_under", "Skor keseluruhan di bawah fail_under"),
        ("The document's overall score is below `fail_under` (configuration or `--fail-under`).",
         "Skor keseluruhan dokumen berada di bawah `fail_under` (konfigurasi atau `--fail-under`)."),
        ("Fix what the findings report to raise the score, or agree on a lower `fail_under`.",
         "Perbaiki hal-hal yang dilaporkan temuan agar skornya naik, atau sepakati `fail_under` yang lebih "
         "rendah.")),
    _check("GAT002", "gate", _ERROR,
        ("A principle's score below min_principle", "Skor suatu prinsip di bawah min_principle"),
        ("A principle's score is below its `min_principle` minimum in the configuration.",
         "Skor suatu prinsip berada di bawah batas `min_principle` untuk prinsip itu dalam konfigurasi."),
        ("Fix the findings of that principle's rules (`svcstd explain RULE` says how), or agree on a lower "
         "minimum.",
         "Perbaiki temuan dari aturan-aturan prinsip itu (`svcstd explain RULE` menjelaskan caranya), atau sepakati "
         "batas minimum yang lebih rendah.")),
)
# fmt: on


def find_rule(rule_id: str, rules: Iterable[Rule] = BUILTIN_RULES) -> Rule:
    """The rule with this id (any case); an unknown id raises UsageError with the closest ids."""
    found = find_entry(rule_id, rules, checks=())
    assert isinstance(found, Rule)
    return found


def find_entry(
    rule_id: str, rules: Iterable[Rule] = BUILTIN_RULES, checks: Iterable[BuiltinCheck] = BUILTIN_CHECKS
) -> Rule | BuiltinCheck:
    """The rule or built-in check with this id (any case); an unknown id raises UsageError with the closest ids."""
    entries: list[Rule | BuiltinCheck] = [*rules, *checks]
    by_id = {entry.id: entry for entry in entries}
    wanted = rule_id.strip().upper()
    if wanted in by_id:
        return by_id[wanted]
    close = difflib.get_close_matches(wanted, list(by_id), n=3, cutoff=0.5)
    hint = MESSAGES.text("did_you_mean", suggestion=", ".join(close)) if close else Text("", "")
    raise UsageError(bilingual(MESSAGES.messages["unknown"], rule=rule_id, hint=hint))


def severity_name(rule: Rule, lang: str) -> str:
    return MESSAGES(rule.severity.value, lang)


def rules_table(rules: Iterable[Rule], lang: str) -> str:
    """One line per rule: id, principle, severity, weight, title, in columns."""
    rules = tuple(rules)
    header = tuple(MESSAGES(key, lang) for key in ("id", "principle", "severity", "weight", "title"))
    rows = [header] + [
        (r.id, PRINCIPLE_NAMES[r.principle](lang), severity_name(r, lang), str(r.weight), r.title(lang)) for r in rules
    ]
    widths = [max(len(row[column]) for row in rows) for column in range(4)]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row[:4], widths, strict=False)) + "  " + row[4]
        for row in rows
    ]
    lines.append("")
    lines.append(MESSAGES("count", lang, count=len(rules)))
    return "\n".join(line.rstrip() for line in lines) + "\n"


def checks_table(lang: str, checks: Iterable[BuiltinCheck] = BUILTIN_CHECKS) -> str:
    """The built-in checks (`svcstd rules --all`): id, kind, severity, title, in columns."""
    checks = tuple(checks)
    header = tuple(MESSAGES(key, lang) for key in ("id", "kind", "severity", "title"))
    rows = [header] + [(c.id, _kind_name(c, lang), MESSAGES(c.severity.value, lang), c.title(lang)) for c in checks]
    widths = [max(len(row[column]) for row in rows) for column in range(3)]
    lines = [MESSAGES("checks_title", lang), ""]
    lines += [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=False)) + "  " + row[3] for row in rows
    ]
    lines += ["", MESSAGES("checks_count", lang, count=len(checks))]
    return "\n".join(line.rstrip() for line in lines) + "\n"


def _kind_name(check: BuiltinCheck, lang: str) -> str:
    return MESSAGES(f"kind.{check.kind}", lang)


def _kind_line(check: BuiltinCheck, lang: str) -> str:
    """`Kind: schema check (always runs, ...)`."""
    note = MESSAGES("note.gate" if check.kind == "gate" else "note.always", lang)
    return f"{MESSAGES('kind', lang)}: {_kind_name(check, lang)} ({note})"


def rule_record(rule: Rule) -> dict[str, Any]:
    """Every field of a rule, both languages, for `svcstd rules --format json`."""
    return {
        "id": rule.id,
        "principle": rule.principle.value,
        "severity": rule.severity.value,
        "weight": rule.weight,
        "title": rule.title._asdict(),
        "message": rule.message._asdict(),
        "fix": rule.fix._asdict(),
        "rationale": rule.rationale._asdict(),
        "reference": rule.reference._asdict(),
        "options": {name: _plain(value) for name, value in rule.options.items()},
        "examples": rule.examples,
    }


def _plain(value: object) -> object:
    return list(value) if isinstance(value, tuple) else value


def check_record(check: BuiltinCheck) -> dict[str, Any]:
    """A built-in check for `svcstd rules --all --format json`: `kind` tells it from a rule."""
    return {
        "id": check.id,
        "kind": check.kind,
        "severity": check.severity.value,
        "title": check.title._asdict(),
        "trigger": check.trigger._asdict(),
        "fix": check.fix._asdict(),
    }


def rules_json(rules: Iterable[Rule], checks: Iterable[BuiltinCheck] = ()) -> str:
    records = [rule_record(rule) for rule in rules] + [check_record(check) for check in checks]
    return json.dumps(records, ensure_ascii=False, indent=2) + "\n"


def explain(entry: Rule | BuiltinCheck, lang: str) -> str:
    """One rule's (or built-in check's) full documentation as plain text."""
    if isinstance(entry, BuiltinCheck):
        return explain_check(entry, lang)
    rule = entry
    lines = [f"{rule.id}: {rule.title(lang)}", ""]
    lines.append(f"{MESSAGES('principle', lang)}: {PRINCIPLE_NAMES[rule.principle](lang)} ({rule.principle.value})")
    lines.append(f"{MESSAGES('severity', lang)}: {severity_name(rule, lang)}")
    lines.append(f"{MESSAGES('weight', lang)}: {rule.weight}")
    for key, text in _sections(rule, lang):
        lines += ["", f"{MESSAGES(key, lang, rule=rule.id)}:", _indent(text)]
    return "\n".join(lines) + "\n"


def explain_check(check: BuiltinCheck, lang: str) -> str:
    """A built-in check's documentation: its kind, severity, what triggers it and how to fix it."""
    lines = [f"{check.id}: {check.title(lang)}", ""]
    lines.append(_kind_line(check, lang))
    lines.append(f"{MESSAGES('severity', lang)}: {MESSAGES(check.severity.value, lang)}")
    for key, text in (("trigger", check.trigger(lang)), ("fix", check.fix(lang))):
        lines += ["", f"{MESSAGES(key, lang)}:", _indent(text)]
    return "\n".join(lines) + "\n"


_EXAMPLE_LABEL = re.compile(r"^(Passing|Passes|Failing|Fails)(?:\s*\(as of ([^)]*)\))?:", re.MULTILINE)


def localised_examples(examples: str, lang: str) -> str:
    """The docstring's examples with their framing labels (`Passing:`, `Fails (as of ...):`) in `lang`.

    The YAML and the sentences after the labels stay as written: they come from the rules' docstrings.
    """
    if lang == "en":
        return examples

    def label(match: re.Match[str]) -> str:
        word = MESSAGES("passing" if match.group(1).startswith("Pass") else "failing", lang)
        when = match.group(2)
        return f"{word} ({MESSAGES('as_of', lang, date=when)}):" if when else f"{word}:"

    return _EXAMPLE_LABEL.sub(label, examples)


def _sections(rule: Rule, lang: str) -> list[tuple[str, str]]:
    sections = [
        ("rationale", rule.rationale(lang)),
        ("reference", rule.reference(lang)),
        ("fix", rule.fix(lang)),
        ("message", rule.message(lang)),
    ]
    if rule.options:
        sections.append(("options", _options(rule.options)))
    if rule.examples:
        sections.append(("examples", localised_examples(rule.examples, lang)))
    return [(key, text) for key, text in sections if text.strip()]


def _options(options: Mapping[str, Any]) -> str:
    return "\n".join(f"{name} = {json.dumps(_plain(value), ensure_ascii=False)}" for name, value in options.items())


def _indent(text: str) -> str:
    return "\n".join(f"    {line}" if line.strip() else "" for line in text.splitlines())


def rules_markdown(
    lang: str = "en", rules: Iterable[Rule] = BUILTIN_RULES, checks: Iterable[BuiltinCheck] = BUILTIN_CHECKS
) -> str:
    """docs/rules.md: an index table, one section per rule (in `lang`, with the other language's title), then
    the built-in checks the same way."""
    rules = tuple(rules)
    other = "id" if lang == "en" else "en"
    lines = [MESSAGES("page_title", lang), "", MESSAGES("page_intro", lang, command=REGENERATE), ""]
    header = [MESSAGES(key, lang) for key in ("id", "principle", "severity", "weight", "title")]
    lines += ["| " + " | ".join(header) + " |", "|---|---|---|---|---|"]
    for rule in rules:
        cells = (f"[{rule.id}](#{rule.id.lower()})", PRINCIPLE_NAMES[rule.principle](lang), severity_name(rule, lang))
        lines.append(f"| {' | '.join(cells)} | {rule.weight} | {_cell(rule.title(lang))} |")
    for rule in rules:
        lines += ["", *_markdown_section(rule, lang, other)]
    lines += _checks_markdown(tuple(checks), lang, other)
    return "\n".join(lines) + "\n"


def _checks_markdown(checks: tuple[BuiltinCheck, ...], lang: str, other: str) -> list[str]:
    if not checks:
        return []
    lines = ["", MESSAGES("checks_heading", lang), "", MESSAGES("checks_intro", lang), ""]
    header = [MESSAGES(key, lang) for key in ("id", "kind", "severity", "title")]
    lines += ["| " + " | ".join(header) + " |", "|---|---|---|---|"]
    for check in checks:
        cells = (f"[{check.id}](#{check.id.lower()})", _kind_name(check, lang), MESSAGES(check.severity.value, lang))
        lines.append(f"| {' | '.join(cells)} | {_cell(check.title(lang))} |")
    for check in checks:
        facts = f"{_kind_line(check, lang)} · {MESSAGES('severity', lang)}: {MESSAGES(check.severity.value, lang)}"
        lines += ["", f"### {check.id}", "", f"**{check.title(lang)}** — *{check.title(other)}*", "", facts, ""]
        lines += [f"**{MESSAGES('trigger', lang)}**: {check.trigger(lang)}", ""]
        lines += [f"**{MESSAGES('fix', lang)}**: {check.fix(lang)}"]
    return lines


def _markdown_section(rule: Rule, lang: str, other: str) -> list[str]:
    lines = [f"## {rule.id}", "", f"**{rule.title(lang)}** — *{rule.title(other)}*", ""]
    facts = (
        f"{MESSAGES('principle', lang)}: {PRINCIPLE_NAMES[rule.principle](lang)} · "
        f"{MESSAGES('severity', lang)}: {severity_name(rule, lang)} · {MESSAGES('weight', lang)}: {rule.weight}"
    )
    lines += [facts, ""]
    for key, text in _sections(rule, lang):
        if key == "examples":
            lines += [f"**{MESSAGES(key, lang)}**", "", text.strip(), ""]
        elif key == "options":
            lines += [f"**{MESSAGES(key, lang, rule=rule.id)}**", "", "```toml", text, "```", ""]
        else:
            lines += [f"**{MESSAGES(key, lang)}**: {text}", ""]
    return [line.rstrip() for line in lines[:-1]]


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def main() -> None:
    """`python -m svcstd.ruledocs [en|id]`: the reference page on standard output."""
    lang = sys.argv[1] if len(sys.argv) > 1 and sys.argv[1] in ("en", "id") else "en"
    sys.stdout.write(rules_markdown(lang))


if __name__ == "__main__":
    main()
