"""Stable identities of findings, shared by SARIF, GitLab Code Quality and baselines: never the line."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

from svcstd.model import DocumentResult, Finding

SCHEME = "svcstd/v1"

# What names a list item, best first: a fee or requirement by its `name`, a waiver by its `rule`...
# A tuple of several fields (a complaint channel) needs all of them.
ITEM_KEYS: tuple[tuple[str, ...], ...] = (
    ("name",),
    ("id",),
    ("role",),
    ("title",),
    ("type", "contact"),
    ("group",),
    ("rule",),
    ("date",),
)


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


_DIGITS = "0123456789"
_A_DIGIT = re.compile(f"[{_DIGITS}]").search
_ITEM_FIELDS = frozenset(field for fields in ITEM_KEYS for field in fields)


def stable_pointer(pointer: str, data: object) -> str:
    """The pointer with each list index replaced by the item's key (`/fees/[name=Retribusi]/amount`).

    An index shifts when an item is inserted before it; the item's key does not. An item without a
    key (a procedure step, a plain string) keeps its index, and so does a pointer that leaves `data`.
    """
    if not pointer.startswith("/") or _A_DIGIT(pointer) is None:
        return pointer  # no token is an index (every token is kept as written): the pointer itself
    node: Any = data
    tokens = []
    for token in pointer[1:].split("/"):
        name = token.replace("~1", "/").replace("~0", "~") if "~" in token else token
        kind = type(node)  # a dict or a list, mostly: no abstract-class check for those
        if kind is dict or (kind is not list and isinstance(node, Mapping)):
            node = node.get(name)
            tokens.append(token)
        elif (
            (kind is list or (isinstance(node, Sequence) and not isinstance(node, str)))
            and name.isdigit()
            and int(name) < len(node)
        ):
            node = node[int(name)]
            tokens.append(_item_key(node) or token)
        else:
            node = None
            tokens.append(token)
    return "/" + "/".join(tokens)


def _item_key(item: object) -> str | None:
    """`[name=Retribusi PBG]`, `[type=phone,contact=112]`: the first key in ITEM_KEYS the item has, escaped."""
    if type(item) is not dict:
        if not isinstance(item, Mapping):
            return None
    elif _ITEM_FIELDS.isdisjoint(item):  # a procedure step, mostly: none of the keys, so no name (one pass in C)
        return None
    for fields in ITEM_KEYS:
        if len(fields) == 1:  # the usual case, without a list and two generators
            value = item.get(fields[0])
            if isinstance(value, (str, int)) and not isinstance(value, bool):  # a tuple: quicker than `str | int`
                return "[" + f"{fields[0]}={value}".replace("~", "~0").replace("/", "~1") + "]"
            continue
        values = [item.get(field) for field in fields]
        if all(isinstance(value, str | int) and not isinstance(value, bool) for value in values):
            text = ",".join(f"{field}={value}" for field, value in zip(fields, values, strict=True))
            return "[" + text.replace("~", "~0").replace("/", "~1") + "]"
    return None


def anchor(finding: Finding) -> str:
    """Where a finding is, stable under insertions: its `anchor` when the engine stored one, else its pointer."""
    return getattr(finding, "anchor", None) or finding.pointer


def finding_key(doc: DocumentResult, finding: Finding) -> FindingKey:
    return FindingKey(posix_path(doc.path), doc.index, doc.id, finding.rule, anchor(finding))


def fingerprint(key: FindingKey, occurrence: int) -> str:
    """A hex digest of the key and the finding's occurrence among findings with the same key."""
    parts = (SCHEME, key.path, str(key.document_index), key.document_id or "", key.rule, key.pointer, str(occurrence))
    return hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogateescape")).hexdigest()


def document_fingerprints(doc: DocumentResult) -> tuple[str, ...]:
    """One fingerprint per finding of `doc`, in order; identical keys are told apart by a counter."""
    seen: Counter[FindingKey] = Counter()
    prints: list[str] = []
    for finding in doc.findings:
        key = finding_key(doc, finding)
        prints.append(fingerprint(key, seen[key]))
        seen[key] += 1
    return tuple(prints)
