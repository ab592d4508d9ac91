"""What each built-in rule rests on (src/svcstd/data/citations.yaml), and whether it binds.

A rule binds (it counts toward *Kepatuhan*, compliance) only when its entry says `law`, quotes the provision's
words as verified (not a paraphrase) with their source, and judges the text rather than the record of a process
held outside it (`record`); every other rule counts toward *Mutu* (quality).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from typing import Any, NamedTuple

from svcstd.model import Text
from svcstd.standard import data

DATA_FILE = "data/citations.yaml"
KINDS = {
    "law": Text("law", "hukum"),
    "good practice": Text("good practice", "praktik yang baik"),
    "general knowledge": Text("general knowledge", "pengetahuan umum"),
}


class RuleCitation(NamedTuple):
    """What one rule rests on, as the research verified it."""

    law_or_practice: str
    article: str | None
    words: tuple[str, ...]
    status: str | None
    source: tuple[str, ...]
    correction: str | None
    record: bool = False
    """Asks for the record of a process held outside the text: law, but counted toward quality."""

    @property
    def kind(self) -> Text:
        """Law, good practice or general knowledge, in both languages: the first words of `law_or_practice`."""
        return next(text for key, text in KINDS.items() if self.law_or_practice.startswith(key))

    @property
    def binding(self) -> bool:
        """A requirement of law whose words were read (VERIFIED, not a paraphrase) at a named source: compliance."""
        verified = self.status is not None and re.search(r"(?<!NOT )VERIFIED", self.status) is not None
        quoted = bool(self.words) and bool(self.source)
        return self.kind == KINDS["law"] and quoted and verified and not self.record


def _entry(raw: Mapping[str, Any]) -> RuleCitation:
    return RuleCitation(
        law_or_practice=raw["law_or_practice"],
        article=raw["article"],
        words=tuple(raw["words"]),
        status=raw["status"],
        source=tuple(raw["source"]),
        correction=raw["correction"],
        record=bool(raw.get("record", False)),
    )


@cache
def load_citations() -> Mapping[str, RuleCitation]:
    """The shipped table, by rule id, read once (from its JSON copy when current: standard/data.py)."""
    return {rule_id: _entry(raw) for rule_id, raw in data.load(DATA_FILE.removeprefix("data/")).items()}


def binding_ids() -> frozenset[str]:
    """The built-in rules whose outcome counts toward compliance: law, quoted, with a source."""
    return frozenset(rule_id for rule_id, entry in load_citations().items() if entry.binding)
