"""docs/citations.md: every rule's provision, the words as the research verified them, and the source; never stale."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

import pytest

from svcstd.rules import BUILTIN_RULES
from svcstd.rules.citation_table import KINDS, REGENERATE, citations_markdown, load_citations

ROOT = Path(__file__).resolve().parents[1]
RESEARCH = (ROOT / "docs" / "research" / "legal-citations.md").read_text(encoding="utf-8")
RESEARCH_WORDS = " ".join(RESEARCH.split())
RULE_IDS = [rule.id for rule in BUILTIN_RULES]


def test_docs_citations_md_is_up_to_date() -> None:
    current = (ROOT / "docs" / "citations.md").read_text(encoding="utf-8")
    assert current == citations_markdown(), f"docs/citations.md is out of date; regenerate it with: {REGENERATE}"


def test_every_built_in_rule_has_an_entry_and_no_entry_is_orphaned() -> None:
    assert set(load_citations()) == set(RULE_IDS), "add or remove entries in src/svcstd/data/citations.yaml"


@pytest.mark.parametrize("rule_id", sorted(load_citations()))
def test_each_entry_says_law_practice_or_general_knowledge(rule_id: str) -> None:
    entry = load_citations()[rule_id]
    assert any(entry.law_or_practice.startswith(kind) for kind in KINDS), rule_id
    if entry.kind == KINDS["law"]:
        assert entry.words and entry.source and entry.status, f"{rule_id}: law must be quoted, with its source"
    if entry.words:
        assert entry.source, f"{rule_id}: words without a source"


@pytest.mark.parametrize("rule_id", sorted(load_citations()))
def test_quoted_words_are_those_the_research_verified(rule_id: str) -> None:
    for quote in load_citations()[rule_id].words:
        assert " ".join(quote.split()) in RESEARCH_WORDS, f"{rule_id}: not in docs/research/legal-citations.md: {quote}"


@pytest.mark.parametrize("rule_id", sorted(load_citations()))
def test_sources_are_pages_the_research_read(rule_id: str) -> None:
    for url in load_citations()[rule_id].source:
        parsed = urlparse(url)
        assert parsed.scheme in {"http", "https"} and parsed.netloc, url
        assert parsed.netloc.removeprefix("www.") in RESEARCH, f"{rule_id}: {url} is not a source of the research"


def test_a_rule_not_yet_researched_is_listed_as_such() -> None:
    page = citations_markdown(BUILTIN_RULES[:1], citations={})
    assert f"| **{RULE_IDS[0]}** " in page and "| not yet researched · belum diteliti |" in page


def test_the_table_distinguishes_law_from_practice_in_both_languages() -> None:
    page = citations_markdown()
    acc001 = next(line for line in page.splitlines() if line.startswith("| **ACC001**"))
    assert "**law · hukum**" in acc001 and "“a. menyusun dan menetapkan standar pelayanan;”" in acc001
    sim001 = next(line for line in page.splitlines() if line.startswith("| **SIM001**"))
    assert "**good practice · praktik yang baik** — svcstd's rule of thumb" in sim001
    assert "good practice — no provision quoted · praktik yang baik — tidak ada ketentuan yang dikutip" in sim001
    assert "| compliance · kepatuhan |" in page
    assert "| quality (a record of a process) · mutu (catatan proses) |" in acc001
    assert "\n- **PAR005**:" not in page  # the corrections made are no longer listed


def test_no_correction_is_left_for_the_rules_references() -> None:
    """Issue #14: every reference the research corrected was rewritten; the list says so rather than staying stale."""
    assert [rule_id for rule_id, entry in load_citations().items() if entry.correction] == []
    assert "None: every rule's reference agrees with the research." in citations_markdown()


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_no_reference_cites_an_unverified_asas_as_if_it_were_verified(rule_id: str) -> None:
    """UU 25/2009 Pasal 4 (the asas) was never verified: a reference may name it only as general knowledge."""
    reference = next(rule for rule in BUILTIN_RULES if rule.id == rule_id).reference
    for text, marker in ((reference.en, "Article 4("), (reference.id, "Pasal 4 huruf")):
        if marker in text:
            assert "not verified" in text or "belum diverifikasi" in text, (rule_id, text)
