"""Money as real standards write it: a fee the citizen pays, or coverage someone else pays (BPJS, JKN)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from svcstd.standard.words import lazy_pattern, quick_search

COVERAGE = lazy_pattern(
    r"\bBPJS\b|\bJKN\b|\bKIS\b|\bPBI\b|Jamkes(?:da|mas)?|Jasa ?Raharja|\bBaznas\b|asuransi|ditanggung"
    r"|sesuai (?:dengan )?hak(?:nya)?",
    re.IGNORECASE,
)
"""Words that say a programme or insurer pays ("Pasien BPJS sesuai dengan haknya"): coverage, not a fee.

Jasa Raharja pays for road-accident victims and Baznas for the poor it supports (fee rows of RSUD Sungai
Dareh's emergency ward).
"""

_coverage = quick_search(COVERAGE)


def is_coverage(fee: Mapping[str, Any]) -> bool:
    """An entry of the fee table that states coverage rather than an amount the citizen is charged."""
    if fee.get("amount", 0) > 0:
        return False
    text = " ".join(str(fee.get(key, "")) for key in ("name", "formula", "when", "note"))
    return _coverage(text) is not None


def charged(fee: Mapping[str, Any]) -> bool:
    """A fee the citizen pays: a positive amount, or a formula or regulation reference that is not coverage."""
    return fee.get("amount", 0) > 0 or (("formula" in fee or "reference" in fee) and not is_coverage(fee))
