"""docs/citations.md: each built-in rule, the provision it rests on, the words as verified, and their source.

The rules come from the registry; what each rests on comes from src/svcstd/data/citations.yaml, written from
docs/research/legal-citations.md. Regenerate the page with `python -m svcstd.rules.citation_table > docs/citations.md`.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Mapping
from functools import cache
from importlib import resources
from typing import Any, NamedTuple

import yaml

from svcstd.model import Text
from svcstd.rules import BUILTIN_RULES
from svcstd.rules.base import Rule

REGENERATE = "python -m svcstd.rules.citation_table > docs/citations.md"
DATA_FILE = "data/citations.yaml"
KINDS = {
    "law": Text("law", "hukum"),
    "good practice": Text("good practice", "praktik yang baik"),
    "general knowledge": Text("general knowledge", "pengetahuan umum"),
}
NOT_QUOTED = Text("general knowledge — not quoted", "pengetahuan umum — tidak dikutip")
PRACTICE_UNQUOTED = Text("good practice — no provision quoted", "praktik yang baik — tidak ada ketentuan yang dikutip")
MISSING = Text("not yet researched", "belum diteliti")

INTRO = (
    "# Legal basis of each rule — Dasar hukum setiap aturan",
    "",
    f"Generated from the rule registry and `src/svcstd/data/citations.yaml`: do not edit; run `{REGENERATE}`.",
    f"Dibuat dari daftar aturan dan `src/svcstd/data/citations.yaml`: jangan diubah manual; jalankan `{REGENERATE}`.",
    "",
    "**Law or practice** says whether a binding provision requires what the rule checks (*law*), or the rule gives "
    "advice (*good practice*, with whose), or the provision is believed but not verified (*general knowledge*). "
    "**Words** are copied from `docs/research/legal-citations.md` with the source's typos; an article number is "
    "given only where the research verified it. Check every quotation against the official text "
    "(peraturan.bpk.go.id, jdih.menpan.go.id) before relying on it.",
    "",
    "**Hukum atau praktik** menyatakan apakah ketentuan yang mengikat mewajibkan hal yang diperiksa aturan "
    "(*hukum*), aturan memberi saran (*praktik yang baik*, beserta praktik siapa), atau ketentuannya diyakini "
    "tetapi belum diverifikasi (*pengetahuan umum*). **Kata-kata** disalin dari `docs/research/legal-citations.md` "
    "beserta salah ketik sumbernya; nomor pasal hanya dicantumkan bila telah diverifikasi. Periksa setiap kutipan "
    "terhadap naskah resmi (peraturan.bpk.go.id, jdih.menpan.go.id) sebelum mengandalkannya.",
    "",
    "| Rule · Aturan | Law or practice · Hukum atau praktik | Provision · Ketentuan | Words as verified · "
    "Kata-kata terverifikasi | Status | Source · Sumber |",
    "|---|---|---|---|---|---|",
)


class RuleCitation(NamedTuple):
    """What one rule rests on, as the research verified it."""

    law_or_practice: str
    article: str | None
    words: tuple[str, ...]
    status: str | None
    source: tuple[str, ...]
    correction: str | None

    @property
    def kind(self) -> Text:
        """Law, good practice or general knowledge, in both languages: the first words of `law_or_practice`."""
        return next(text for key, text in KINDS.items() if self.law_or_practice.startswith(key))


def _entry(raw: Mapping[str, Any]) -> RuleCitation:
    return RuleCitation(
        law_or_practice=raw["law_or_practice"],
        article=raw["article"],
        words=tuple(raw["words"]),
        status=raw["status"],
        source=tuple(raw["source"]),
        correction=raw["correction"],
    )


@cache
def load_citations() -> Mapping[str, RuleCitation]:
    """The shipped table, by rule id, read once."""
    text = resources.files("svcstd").joinpath(DATA_FILE).read_text(encoding="utf-8")
    return {rule_id: _entry(raw) for rule_id, raw in yaml.safe_load(text).items()}


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _row(rule: Rule, found: RuleCitation | None) -> str:
    name = f"**{rule.id}** {_cell(rule.title.en)} · *{_cell(rule.title.id)}*"
    if found is None:
        return f"| {name} | {MISSING.en} · {MISSING.id} | | | | |"
    rest = _cell(found.law_or_practice.removeprefix(found.kind.en))
    kind = f"**{found.kind.en} · {found.kind.id}**" + (f" {rest}" if rest else "")
    unquoted = PRACTICE_UNQUOTED if found.kind == KINDS["good practice"] else NOT_QUOTED
    words = "<br>".join(f"“{_cell(quote)}”" for quote in found.words) or f"{unquoted.en} · {unquoted.id}"
    sources = "<br>".join(f"<{url}>" for url in found.source) or "—"
    cells = (name, kind, _cell(found.article or "—"), words, _cell(found.status or "—"), sources)
    return "| " + " | ".join(cells) + " |"


def _corrections(rules: tuple[Rule, ...], citations: Mapping[str, RuleCitation]) -> list[str]:
    lines = [
        "",
        "## Corrections to the rules' own references — Koreksi rujukan aturan",
        "",
        "Where a rule's `reference` (shown by `svcstd explain`) disagrees with the research. For the maintainers; "
        "the rule texts change in their own modules. · Bila `reference` aturan (ditampilkan `svcstd explain`) "
        "berbeda dengan hasil penelitian. Untuk pemelihara; teks aturan diubah di modulnya masing-masing.",
        "",
    ]
    for rule in rules:
        found = citations.get(rule.id)
        if found is not None and found.correction:
            lines.append(f"- **{rule.id}**: {_cell(found.correction)} Now cites: *{_cell(rule.reference.en)}*")
    return lines


def citations_markdown(
    rules: Iterable[Rule] = BUILTIN_RULES, citations: Mapping[str, RuleCitation] | None = None
) -> str:
    """docs/citations.md: one row per rule in registry order, then the corrections the research asks for."""
    rules = tuple(rules)
    table = load_citations() if citations is None else citations
    lines = [*INTRO, *(_row(rule, table.get(rule.id)) for rule in rules), *_corrections(rules, table)]
    return "\n".join(lines) + "\n"


def main() -> None:
    sys.stdout.write(citations_markdown())


if __name__ == "__main__":
    main()
