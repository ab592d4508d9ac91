"""Rule documentation rendered from the registry: the `rules` table and JSON, `explain`, and docs/rules.md.

Regenerate the reference page with `python -m svcstd.ruledocs > docs/rules.md`.
"""

from __future__ import annotations

import difflib
import json
import sys
from collections.abc import Iterable, Mapping
from typing import Any

from svcstd.config import bilingual
from svcstd.errors import UsageError
from svcstd.i18n import Catalog
from svcstd.model import PRINCIPLE_NAMES, Text
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
            "Semua aturan bawaan, per prinsip. Dibuat dari daftar aturan: jangan diubah manual; jalankan `{command}`.\n"
            "`svcstd explain RULE --lang en` menampilkan aturan dalam bahasa Inggris.",
        ),
    },
)


def find_rule(rule_id: str, rules: Iterable[Rule] = BUILTIN_RULES) -> Rule:
    """The rule with this id (any case); an unknown id raises UsageError with the closest ids."""
    by_id = {rule.id: rule for rule in rules}
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


def rules_json(rules: Iterable[Rule]) -> str:
    return json.dumps([rule_record(rule) for rule in rules], ensure_ascii=False, indent=2) + "\n"


def explain(rule: Rule, lang: str) -> str:
    """One rule's full documentation as plain text."""
    lines = [f"{rule.id}: {rule.title(lang)}", ""]
    lines.append(f"{MESSAGES('principle', lang)}: {PRINCIPLE_NAMES[rule.principle](lang)} ({rule.principle.value})")
    lines.append(f"{MESSAGES('severity', lang)}: {severity_name(rule, lang)}")
    lines.append(f"{MESSAGES('weight', lang)}: {rule.weight}")
    for key, text in _sections(rule, lang):
        lines += ["", f"{MESSAGES(key, lang, rule=rule.id)}:", _indent(text)]
    return "\n".join(lines) + "\n"


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
        sections.append(("examples", rule.examples))
    return [(key, text) for key, text in sections if text.strip()]


def _options(options: Mapping[str, Any]) -> str:
    return "\n".join(f"{name} = {json.dumps(_plain(value), ensure_ascii=False)}" for name, value in options.items())


def _indent(text: str) -> str:
    return "\n".join(f"    {line}" if line.strip() else "" for line in text.splitlines())


def rules_markdown(lang: str = "en", rules: Iterable[Rule] = BUILTIN_RULES) -> str:
    """docs/rules.md: an index table, then one section per rule (in `lang`, with the other language's title)."""
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
    return "\n".join(lines) + "\n"


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
