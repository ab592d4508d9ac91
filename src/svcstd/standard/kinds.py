"""What kind of document a standard is (format 1.1), and what an absent `status` means.

A full standard (`standard`) has the fourteen components and the records of adoption, consultation and
review; a published sheet (`published_sheet`) has the six delivery components, as SIPPN, a website or a
notice board shows them (PermenPANRB 15/2014 asks only those six to be published).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

STANDARD = "standard"
PUBLISHED_SHEET = "published_sheet"


def kind(doc: Mapping[str, Any]) -> str:
    """The declared `kind`; when absent, `standard` if the document has `manufacturing`, else `published_sheet`."""
    declared = doc.get("kind")
    if declared in (STANDARD, PUBLISHED_SHEET):
        return str(declared)
    return STANDARD if "manufacturing" in doc else PUBLISHED_SHEET


def is_full_standard(doc: Mapping[str, Any]) -> bool:
    """`kind(doc) == STANDARD`, asked by most rules of every document: without the call and the `str`."""
    declared = doc.get("kind")
    if declared == STANDARD:
        return True
    if declared == PUBLISHED_SHEET:
        return False
    return "manufacturing" in doc


def status(doc: Mapping[str, Any]) -> str:
    """The declared `status`; when absent (1.1 leaves it out: no published text carries one) `adopted`,
    since a standard that is written down from its published text is the one in force."""
    return str(doc.get("status", "adopted"))


def has(doc: Mapping[str, Any], path: str) -> bool:
    """Whether a slash path of mapping keys (`delivery/complaints/channels`) leads to a value that is there."""
    node: object = doc
    for key in path.split("/"):
        if not (type(node) is dict or isinstance(node, Mapping)) or key not in node:  # a dict without the ABC's check
            return False
        node = node[key]
    return True


def is_format_1_1(doc: Mapping[str, Any]) -> bool:
    """A document that does not say `svcstd: "1.0"`: one where format 1.1 lets components be missing."""
    return doc.get("svcstd") != "1.0"
