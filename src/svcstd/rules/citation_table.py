"""docs/citations.md: each built-in rule, the provision it rests on, the words as verified, and their source.

The rules come from the registry; what each rests on comes from src/svcstd/data/citations.yaml, written from
docs/research/legal-citations.md. Regenerate the page with `python -m svcstd.rules.citation_table > docs/citations.md`.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Mapping

from svcstd.model import Text
from svcstd.rules import BUILTIN_RULES
from svcstd.rules.base import Rule
from svcstd.rules.citation_data import KINDS, RuleCitation, load_citations

REGENERATE = "python -m svcstd.rules.citation_table > docs/citations.md"
NOT_QUOTED = Text("general knowledge — not quoted", "pengetahuan umum — tidak dikutip")
PRACTICE_UNQUOTED = Text("good practice — no provision quoted", "praktik yang baik — tidak ada ketentuan yang dikutip")
MISSING = Text("not yet researched", "belum diteliti")
COMPLIANCE = Text("compliance", "kepatuhan")
QUALITY = Text("quality", "mutu")

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
    "**Counts toward** says which measure the rule's outcome moves: *compliance* (Kepatuhan) for law whose words "
    "were read as VERIFIED at a named source and that judges the text itself; *quality* (Mutu) for everything "
    "else, including law-based rules that ask for the record of a process held outside the text (a consultation, "
    "an adoption decree, a survey), which published standards do not carry. Advice never lowers compliance.",
    "",
    "**Dihitung pada** menyatakan ukuran yang dipengaruhi hasil aturan: *kepatuhan* untuk ketentuan hukum yang "
    "kata-katanya terverifikasi (VERIFIED) pada sumber yang disebut dan yang menilai isi naskah; *mutu* untuk "
    "selebihnya, termasuk aturan berdasar hukum yang meminta catatan proses di luar naskah (konsultasi, keputusan "
    "penetapan, survei), yang tidak dimuat standar yang dipublikasikan. Saran tidak pernah menurunkan kepatuhan.",
    "",
    "| Rule · Aturan | Law or practice · Hukum atau praktik | Counts toward · Dihitung pada | Provision · Ketentuan "
    "| Words as verified · Kata-kata terverifikasi | Status | Source · Sumber |",
    "|---|---|---|---|---|---|---|",
)


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _row(rule: Rule, found: RuleCitation | None) -> str:
    name = f"**{rule.id}** {_cell(rule.title.en)} · *{_cell(rule.title.id)}*"
    if found is None:
        return f"| {name} | {MISSING.en} · {MISSING.id} | {QUALITY.en} · {QUALITY.id} | | | | |"
    rest = _cell(found.law_or_practice.removeprefix(found.kind.en))
    kind = f"**{found.kind.en} · {found.kind.id}**" + (f" {rest}" if rest else "")
    unquoted = PRACTICE_UNQUOTED if found.kind == KINDS["good practice"] else NOT_QUOTED
    words = "<br>".join(f"“{_cell(quote)}”" for quote in found.words) or f"{unquoted.en} · {unquoted.id}"
    sources = "<br>".join(f"<{url}>" for url in found.source) or "—"
    measure = COMPLIANCE if found.binding else QUALITY
    if found.record:
        measure = Text(f"{QUALITY.en} (a record of a process)", f"{QUALITY.id} (catatan proses)")
    counts = f"{measure.en} · {measure.id}"
    cells = (name, kind, counts, _cell(found.article or "—"), words, _cell(found.status or "—"), sources)
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
    listed = len(lines)
    for rule in rules:
        found = citations.get(rule.id)
        if found is not None and found.correction:
            lines.append(f"- **{rule.id}**: {_cell(found.correction)} Now cites: *{_cell(rule.reference.en)}*")
    if len(lines) == listed:
        lines.append(
            "None: every rule's reference agrees with the research. · Tidak ada: rujukan setiap aturan sesuai dengan "
            "hasil penelitian."
        )
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
