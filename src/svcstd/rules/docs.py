"""Rule documentation rendered from the registry: the `rules` table and JSON, `explain`, and docs/rules.md.

Regenerate the reference page with `python -m svcstd.rules.docs > docs/rules.md`.
"""

from __future__ import annotations

import difflib
import json
import re
import sys
from collections.abc import Iterable, Mapping
from typing import Any

from svcstd.checks import BUILTIN_CHECKS, BuiltinCheck
from svcstd.errors import UsageError
from svcstd.i18n import Catalog, bilingual
from svcstd.model import PRINCIPLE_NAMES, Text
from svcstd.rules import BUILTIN_RULES
from svcstd.rules.base import Rule
from svcstd.rules.citation_data import RuleCitation, load_citations

REGENERATE = "python -m svcstd.rules.docs > docs/rules.md"

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
        "verified": ("Law or practice, as verified", "Hukum atau praktik, menurut verifikasi"),
        "v.kind": ("Kind", "Sifat"),
        "v.measure": ("Counts toward", "Dihitung pada"),
        "v.compliance": ("compliance (Kepatuhan)", "kepatuhan"),
        "v.quality": ("quality (Mutu)", "mutu"),
        "v.record": (
            "quality (Mutu): it asks for the record of a process held outside the text",
            "mutu: aturan ini meminta catatan proses yang dilakukan di luar naskah",
        ),
        "v.article": ("Provision", "Ketentuan"),
        "v.words": ("Words as read", "Kata-kata yang dibaca"),
        "v.none": (
            "none quoted (no provision's words were verified)",
            "tidak ada yang dikutip (belum ada bunyi ketentuan yang diverifikasi)",
        ),
        "v.status": ("Status", "Status"),
        "v.source": ("Source", "Sumber"),
        "v.custom": (
            "a custom rule: not law; it counts toward quality (Mutu)",
            "aturan tambahan: bukan hukum; dihitung pada mutu",
        ),
        "v.missing": ("not yet researched; counts toward quality (Mutu)", "belum diteliti; dihitung pada mutu"),
        "table_heading": (
            "## Legal basis as verified: rule → provision → words → source",
            "## Dasar hukum menurut verifikasi: aturan → ketentuan → kata-kata → sumber",
        ),
        "table_intro": (
            "Each rule's provision, the words as read in the source (docs/research/legal-citations.md), and whether "
            "it is law (counting toward compliance) or good practice (counting toward quality). Full table with "
            "status: docs/citations.md.",
            "Ketentuan setiap aturan, kata-katanya sebagaimana dibaca di sumber (docs/research/legal-citations.md), "
            "dan apakah ketentuan itu hukum (dihitung pada kepatuhan) atau praktik yang baik (dihitung pada mutu). "
            "Tabel lengkap beserta status: docs/citations.md.",
        ),
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


def verified_lines(rule: Rule, lang: str, citation: RuleCitation | None) -> list[str]:
    """What the rule rests on, as the research verified it: law or practice, the measure, article, words, source."""
    if rule.kind == "custom":
        return [MESSAGES("v.custom", lang)]
    if citation is None:
        return [MESSAGES("v.missing", lang)]
    measure = "v.compliance" if citation.binding else "v.record" if citation.record else "v.quality"
    remark = citation.law_or_practice.removeprefix(citation.kind.en).strip(" —")
    lines = [
        f"{MESSAGES('v.kind', lang)}: {citation.kind(lang)}" + (f" — {remark}" if remark else ""),
        f"{MESSAGES('v.measure', lang)}: {MESSAGES(measure, lang)}",
    ]
    if citation.article:
        lines.append(f"{MESSAGES('v.article', lang)}: {citation.article}")
    words = [f"“{' '.join(quote.split())}”" for quote in citation.words] or [MESSAGES("v.none", lang)]
    lines += [f"{MESSAGES('v.words', lang)}: {words[0]}", *words[1:]]
    if citation.status:
        lines.append(f"{MESSAGES('v.status', lang)}: {citation.status}")
    lines += [f"{MESSAGES('v.source', lang)}: {url}" for url in citation.source]
    return lines


def _sections(rule: Rule, lang: str) -> list[tuple[str, str]]:
    citation = load_citations().get(rule.id) if rule.kind != "custom" else None
    sections = [
        ("rationale", rule.rationale(lang)),
        ("reference", rule.reference(lang)),
        ("verified", "\n".join(verified_lines(rule, lang, citation))),
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
    lines += _verified_table(rules, lang)
    for rule in rules:
        lines += ["", *_markdown_section(rule, lang, other)]
    lines += _checks_markdown(tuple(checks), lang, other)
    return "\n".join(lines) + "\n"


def _verified_table(rules: tuple[Rule, ...], lang: str) -> list[str]:
    """Rule → law or practice → provision → words → source, one row per built-in rule."""
    citations = load_citations()
    lines = ["", MESSAGES("table_heading", lang), "", MESSAGES("table_intro", lang), ""]
    header = [MESSAGES("id", lang), MESSAGES("v.kind", lang), MESSAGES("v.measure", lang)]
    header += [MESSAGES(key, lang) for key in ("v.article", "v.words", "v.source")]
    lines += ["| " + " | ".join(header) + " |", "|---|---|---|---|---|---|"]
    for rule in rules:
        found = citations.get(rule.id)
        if found is None:
            lines.append(f"| {rule.id} | {MESSAGES('v.missing', lang)} | | | | |")
            continue
        measure = "v.compliance" if found.binding else "v.quality"
        words = "<br>".join(f"“{_flat(quote)}”" for quote in found.words) or MESSAGES("v.none", lang)
        sources = "<br>".join(f"<{url}>" for url in found.source) or "—"
        cells = (rule.id, found.kind(lang), MESSAGES(measure, lang), _flat(found.article or "—"), words, sources)
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def _flat(text: str) -> str:
    return _cell(" ".join(text.split()))


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
        elif key == "verified":
            lines += [f"**{MESSAGES(key, lang)}**", "", *(f"- {_cell(line)}" for line in text.splitlines()), ""]
        else:
            lines += [f"**{MESSAGES(key, lang)}**: {text}", ""]
    return [line.rstrip() for line in lines[:-1]]


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def main() -> None:
    """`python -m svcstd.rules.docs [en|id]`: the reference page on standard output."""
    lang = sys.argv[1] if len(sys.argv) > 1 and sys.argv[1] in ("en", "id") else "en"
    sys.stdout.write(rules_markdown(lang))


if __name__ == "__main__":
    main()
