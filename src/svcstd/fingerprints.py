"""Stable identities of findings, shared by SARIF, GitLab Code Quality and baselines: never the line."""

from __future__ import annotations

import hashlib
from collections import Counter
from typing import NamedTuple

from svcstd.model import DocumentResult, Finding

SCHEME = "svcstd/v1"


class FindingKey(NamedTuple):
    """What a finding is about, independent of where it sits in the file."""

    path: str
    document_index: int
    document_id: str | None
    rule: str
    pointer: str


def posix_path(path: str) -> str:
    """The path with forward slashes and without a leading `./`, as SARIF and GitLab expect."""
    posix = path.replace("\\", "/")
    while posix.startswith("./"):
        posix = posix[2:]
    return posix


def finding_key(doc: DocumentResult, finding: Finding) -> FindingKey:
    return FindingKey(posix_path(doc.path), doc.index, doc.id, finding.rule, finding.pointer)


def fingerprint(key: FindingKey, occurrence: int) -> str:
    """A hex digest of the key and the finding's occurrence among findings with the same key."""
    parts = (SCHEME, key.path, str(key.document_index), key.document_id or "", key.rule, key.pointer, str(occurrence))
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def document_fingerprints(doc: DocumentResult) -> tuple[str, ...]:
    """One fingerprint per finding of `doc`, in order; identical keys are told apart by a counter."""
    seen: Counter[FindingKey] = Counter()
    prints: list[str] = []
    for finding in doc.findings:
        key = finding_key(doc, finding)
        prints.append(fingerprint(key, seen[key]))
        seen[key] += 1
    return tuple(prints)
