"""Bounds on what one input may cost to read, so that no file can exhaust time or memory."""

from __future__ import annotations

from typing import NamedTuple


class Limits(NamedTuple):
    """Reading limits; a file or document over one of them becomes a YML006 finding.

    A real service standard is a few kilobytes, under ten levels deep and under two thousand values.
    """

    max_file_bytes: int = 2 * 1024 * 1024
    max_depth: int = 64
    max_nodes: int = 100_000
    max_documents: int = 1_000


DEFAULT_LIMITS = Limits()
