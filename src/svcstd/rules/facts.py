"""What several rules derive from one document, derived once per document while the engine judges it.

The memo lives in `svcstd.standard.facts`, below both the rules and validation (which shares the document's
JSON text with TRA090) without importing every rule; the rules ask for it here.
"""

from __future__ import annotations

from svcstd.standard.facts import JSON_ERRORS, Derive, json_text, judging, shared

__all__ = ["JSON_ERRORS", "Derive", "json_text", "judging", "shared"]
