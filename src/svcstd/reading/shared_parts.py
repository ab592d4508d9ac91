"""Shared parts (format 1.1 `uses:`): a document takes named parts from a shared file of the same repository.

One decree often adopts many services that share the legal basis and the whole manufacturing part. A
shared file holds those parts once, at the same places a document has them, after `svcstd-shared: "1.1"`:

    svcstd-shared: "1.1"
    manufacturing:
      legal_basis: [...]

and a document takes them with `uses: [../bersama/dinas.yaml]` (every part the file holds) or
`uses: [{file: ../bersama/dinas.yaml, parts: [manufacturing.legal_basis]}]`. `expand` puts the parts into
the document's data before it is validated and judged, so the schema and the rules see one document;
`relocate` then moves each finding on a taken part to the shared file's own line and column, with the
shared file named on the finding. A shared file may use other shared files.

Nothing here raises on bad input: a missing, unreadable or irregular file, a path outside the repository
(by `..`, an absolute path or a symlink), a cycle, a file over a reading limit, a file that is not a
shared file, or a part that is missing or given twice is a finding at the `uses` entry (YML008-YML010,
SCH011), and the document is judged without that part.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from typing import Any, NamedTuple

from svcstd.i18n import Catalog
from svcstd.model import Finding, LoadedDocument, Location, Severity
from svcstd.reading.limits import DEFAULT_LIMITS, Limits
from svcstd.reading.loader import load_bytes
from svcstd.reading.sourcemap import SourceMap, join_pointer

SHARED_KEY = "svcstd-shared"
USES = "uses"
ROOT_MARKERS = (".git", "svcstd.toml", ".svcstd.toml")
"""A folder holding one of these is a repository's root (the configuration file's folder wins when known)."""
MAX_SHARED_FILES = 64
"""The most shared files one document may read, through every level of `uses`."""
MAX_NESTING = 8
"""The most levels of shared files using shared files."""
TOP_PARTS = (
    "provider", "service_hours", "adoption", "review", "consultation", "publication", "pledge", "special_services",
    "satisfaction_survey", "compensation", "information_system", "audience", "vision", "mission", "motto",
    "manufacturing",
)  # fmt: skip
COMPONENT_PARTS = ("delivery", "manufacturing")
"""A part named `delivery.X` or `manufacturing.X` is one component."""
KEY_FINDINGS = frozenset({"SCH001", "SCH002", "SCH008"})
"""Findings placed at a key rather than at its value (as the validator places them)."""

MESSAGES = Catalog(
    "shared_parts",
    {
        "missing": (
            "The shared file `{file}` named in `uses` does not exist or cannot be read ({reason}).",
            "Berkas bersama `{file}` yang disebut pada `uses` tidak ada atau tidak dapat dibaca ({reason}).",
        ),
        "not_regular": (
            "The shared file `{file}` named in `uses` is not a regular file (a folder, pipe, device or socket).",
            "Berkas bersama `{file}` yang disebut pada `uses` bukan berkas biasa (folder, pipe, perangkat, atau "
            "soket).",
        ),
        "outside": (
            "The shared file `{file}` named in `uses` lies outside the repository ({root}): a shared file must be "
            "in the same repository, named by a relative path.",
            "Berkas bersama `{file}` yang disebut pada `uses` berada di luar repositori ({root}): berkas bersama "
            "harus berada dalam repositori yang sama dan disebut dengan path relatif.",
        ),
        "cycle": (
            "The shared files use each other in a cycle: {chain}.",
            "Berkas-berkas bersama saling memakai secara melingkar: {chain}.",
        ),
        "too_many": (
            "Too many shared files: more than {limit} files, or more than {depth} levels of shared files using "
            "shared files, from `{file}`.",
            "Terlalu banyak berkas bersama: lebih dari {limit} berkas, atau lebih dari {depth} tingkat berkas "
            "bersama yang memakai berkas bersama, mulai dari `{file}`.",
        ),
        "too_many_nodes": (
            "With the parts taken from shared files, the document holds more than {limit} values (`max_nodes`); "
            "the parts are not taken.",
            "Dengan bagian yang diambil dari berkas bersama, dokumen memuat lebih dari {limit} nilai (`max_nodes`); "
            "bagian-bagian itu tidak diambil.",
        ),
        "not_shared": (
            "`{file}` is not a shared file: it must be one YAML document, a mapping that starts with "
            '`svcstd-shared: "1.1"`.',
            "`{file}` bukan berkas bersama: berkas itu harus berupa satu dokumen YAML, pemetaan yang diawali "
            '`svcstd-shared: "1.1"`.',
        ),
        "no_part": (
            "The shared file `{file}` has no part `{part}`.",
            "Berkas bersama `{file}` tidak memuat bagian `{part}`.",
        ),
        "twice": (
            "The part `{part}` is given both in this document and by the shared file `{file}`: keep one of them.",
            "Bagian `{part}` dimuat dalam dokumen ini sekaligus diambil dari berkas bersama `{file}`: pertahankan "
            "salah satunya.",
        ),
    },
)
_RULE = {
    "missing": "YML008",
    "not_regular": "YML008",
    "outside": "YML009",
    "cycle": "YML010",
    "too_many": "YML006",
    "too_many_nodes": "YML006",
    "not_shared": "SCH011",
    "no_part": "SCH011",
    "twice": "SCH011",
}


class Part(NamedTuple):
    """A part taken from a shared file: where it sits (the same pointer in the document and in the file)."""

    pointer: str
    file: str
    source: SourceMap


class Expanded(NamedTuple):
    """A document with its shared parts in place, where each part came from, and every shared file read."""

    doc: LoadedDocument
    parts: tuple[Part, ...] = ()
    files: tuple[tuple[str, str], ...] = ()
    """(real path, SHA-256 of its bytes) of each shared file read: the cache's dependencies."""


class _Shared(NamedTuple):
    """A shared file read: its data (its own `uses` expanded), the parts it took, where its own text is."""

    data: dict[str, Any]
    parts: tuple[Part, ...]
    shown: str
    source: SourceMap


class _Reader:
    """Reads shared files for one document: each file once, within the limits, cycles found."""

    def __init__(self, root: str, limits: Limits) -> None:
        self.root = root
        self.limits = limits
        self.files: dict[str, str] = {}
        self.read: dict[str, _Shared | Finding] = {}

    def expand(
        self, data: dict[str, Any], source: SourceMap, real: str, display: str, chain: tuple[str, ...]
    ) -> tuple[dict[str, Any], list[Part], list[Finding]]:
        """The data with its `uses` parts placed; the parts; the findings at its `uses` entries."""
        merged: dict[str, Any] = dict(data)
        parts: list[Part] = []
        findings: list[Finding] = []
        for index, name, wanted, is_mapping in _entries(data.get(USES)):
            at = join_pointer(join_pointer("", USES), index)
            where = source.value(join_pointer(at, "file") if is_mapping else at)
            shared = self._shared(name, real, display, chain)
            if isinstance(shared, Finding):
                findings.append(replace(shared, pointer=at) if shared.file else _at(shared, at, where))
                continue
            for part in wanted if wanted is not None else _held(shared.data):
                tokens = part.split(".")
                value = _get(shared.data, tokens)
                if value is None:
                    findings.append(_finding("no_part", at, where, file=shared.shown, part=part))
                elif not _place(merged, tokens, value):
                    findings.append(_finding("twice", at, where, file=shared.shown, part=part))
                else:
                    parts.extend(_taken("".join(f"/{token}" for token in tokens), shared))
        return merged, parts, findings

    def _shared(self, name: str, real: str, display: str, chain: tuple[str, ...]) -> _Shared | Finding:
        """The shared file named from the file `real`, or a finding (at no place yet) saying why not."""
        shown = _shown(display, name)
        target = os.path.normpath(os.path.join(os.path.dirname(real), name))
        problem = self._place_problem(name, target, shown)
        if problem is not None:
            return problem
        resolved = os.path.realpath(target)
        if resolved in chain:
            cycle = [*chain[chain.index(resolved) :], resolved]
            return _finding("cycle", "", _START, chain=" → ".join(os.path.relpath(p, self.root) for p in cycle))
        if resolved not in self.read:
            if len(chain) > MAX_NESTING or len(self.files) >= MAX_SHARED_FILES:
                return _finding("too_many", "", _START, limit=MAX_SHARED_FILES, depth=MAX_NESTING, file=shown)
            self.read[resolved] = self._load(resolved, shown, (*chain, resolved))
        return self.read[resolved]

    def _place_problem(self, name: str, target: str, shown: str) -> Finding | None:
        """Why the named file cannot be used (outside the repository, missing, irregular), or None."""
        if os.path.isabs(name) or name.startswith("\\") or not _within(target, self.root):
            return _finding("outside", "", _START, file=shown, root=self.root)
        try:
            mode = os.stat(target).st_mode
        except OSError as error:
            return _finding("missing", "", _START, file=shown, reason=error.strerror or type(error).__name__)
        if not _within(os.path.realpath(target), os.path.realpath(self.root)):
            return _finding("outside", "", _START, file=shown, root=self.root)  # a symlink on the way leads out
        if not stat.S_ISREG(mode):
            return _finding("not_regular", "", _START, file=shown)
        return None

    def _load(self, real: str, shown: str, chain: tuple[str, ...]) -> _Shared | Finding:
        """The shared file's data with its own `uses` expanded; or the first problem, placed in that file."""
        try:
            with open(real, "rb") as handle:
                raw = handle.read(self.limits.max_file_bytes + 1)
        except OSError as error:
            return _finding("missing", "", _START, file=shown, reason=error.strerror or type(error).__name__)
        self.files[real] = hashlib.sha256(raw).hexdigest()
        loaded = load_bytes(raw, shown, self.limits)
        problems = [finding for doc in loaded for finding in doc.findings if finding.severity is Severity.ERROR]
        if problems:
            return replace(problems[0], file=shown)
        if len(loaded) != 1 or not isinstance(loaded[0].data, dict) or SHARED_KEY not in loaded[0].data:
            return _finding("not_shared", "", _START, file=shown)  # placed at the `uses` entry naming it
        doc = loaded[0]
        assert isinstance(doc.data, dict)
        data, parts, findings = self.expand(doc.data, doc.source, real, shown, chain)
        if findings:
            return findings[0] if findings[0].file else replace(findings[0], file=shown)
        return _Shared(data, tuple(parts), shown, doc.source)


def expand(doc: LoadedDocument, real_path: str, root: str | None = None, limits: Limits = DEFAULT_LIMITS) -> Expanded:
    """The document with the parts its `uses` names put in place (format 1.1 only; else it is returned as read).

    `real_path` is the document's file on disk; `root` the repository's folder (the configuration file's),
    else the nearest folder above the document holding `.git` or a configuration file, else its own folder.
    """
    data = doc.data
    if not isinstance(data, dict) or USES not in data or data.get("svcstd", "1.0") == "1.0":
        return Expanded(doc)
    if any(finding.severity is Severity.ERROR for finding in doc.findings):
        return Expanded(doc)
    real = os.path.abspath(real_path)
    reader = _Reader(os.path.abspath(root) if root else repository_root(real), limits)
    merged, parts, findings = reader.expand(data, doc.source, real, doc.path, (os.path.realpath(real),))
    nodes = _count(merged, limits.max_nodes + 1)
    if nodes > limits.max_nodes:
        at = doc.source.value(join_pointer("", USES))
        findings.append(_finding("too_many_nodes", join_pointer("", USES), at, limit=limits.max_nodes))
        merged = data
        parts = []
    expanded = replace(doc, data=merged, findings=(*doc.findings, *findings))
    return Expanded(expanded, tuple(parts), tuple(sorted(reader.files.items())))


def relocate(findings: Iterable[Finding], parts: Sequence[Part]) -> tuple[Finding, ...]:
    """Each finding on a taken part placed in the shared file it came from (its line, column and name)."""
    findings = tuple(findings)
    if not parts:
        return findings
    ordered = sorted(parts, key=lambda part: len(part.pointer), reverse=True)  # the deepest part first
    return tuple(_relocated(finding, ordered) for finding in findings)


def _relocated(finding: Finding, parts: Sequence[Part]) -> Finding:
    pointer = finding.pointer
    for part in parts:
        if pointer == part.pointer or pointer.startswith(part.pointer + "/"):
            at = part.source.key(pointer) if finding.rule in KEY_FINDINGS else part.source.value(pointer)
            return replace(finding, line=at.line, column=at.column, file=part.file)
    return finding


def repository_root(real_path: str) -> str:
    """The nearest folder above the file holding `.git` or a configuration file; else the current folder
    when the file is inside it (the folder svcstd was run from); else the file's own folder."""
    folder = os.path.dirname(os.path.abspath(real_path))
    current = folder
    while True:
        if any(os.path.lexists(os.path.join(current, marker)) for marker in ROOT_MARKERS):
            return current
        if _has_pyproject_table(current):
            return current
        parent = os.path.dirname(current)
        if parent == current:
            break
        current = parent
    here = os.getcwd()
    return here if _within(folder, here) else folder


def dependency_digest(digest: str, files: Iterable[tuple[str, str]]) -> str:
    """The file's digest with the shared files it used: the cache entry is stale when any of them changes."""
    return "".join([digest, *(f"\n{path}\0{sha}" for path, sha in files)])


def dependencies_current(stored: str, digest: str) -> bool:
    """Whether a cache entry's digest (see dependency_digest) is this file's, and its shared files unchanged."""
    own, *files = stored.split("\n")
    if own != digest:
        return False
    for entry in files:
        path, _, sha = entry.partition("\0")
        try:
            with open(path, "rb") as handle:
                if hashlib.sha256(handle.read()).hexdigest() != sha:
                    return False
        except OSError:
            return False
    return True


# --- helpers -------------------------------------------------------------------------------------------------------


def _entries(uses: object) -> Iterator[tuple[int, str, Sequence[str] | None, bool]]:
    """(index, path, parts or None for every part, written as a mapping) of each well-formed `uses` entry.

    The schema reports the others; a part name it does not know is left for it to report too.
    """
    for index, entry in enumerate(uses if isinstance(uses, list) else ()):
        if isinstance(entry, str) and entry:
            yield index, entry, None, False
        elif isinstance(entry, dict) and isinstance(entry.get("file"), str) and entry["file"]:
            parts = entry.get("parts")
            names = [p for p in parts if isinstance(p, str) and _known(p)] if isinstance(parts, list) else None
            yield index, entry["file"], names, True


def _known(part: str) -> bool:
    tokens = part.split(".")
    return (len(tokens) == 1 and part in TOP_PARTS) or (
        len(tokens) == 2 and tokens[0] in COMPONENT_PARTS and bool(tokens[1])
    )


def _held(data: Mapping[str, Any]) -> list[str]:
    """Every part a shared file holds: its top-level parts, and the components under `delivery`."""
    held = [key for key in data if key in TOP_PARTS]
    delivery = data.get("delivery")
    if isinstance(delivery, dict):
        held += [f"delivery.{key}" for key in delivery if isinstance(key, str) and not key.startswith("x-")]
    return held


def _get(data: Mapping[str, Any], tokens: Sequence[str]) -> Any:
    node: Any = data
    for token in tokens:
        if not isinstance(node, dict) or token not in node:
            return None
        node = node[token]
    return node


def _place(data: dict[str, Any], tokens: Sequence[str], value: Any) -> bool:
    """Put the part at its place in the document (a copy of the parent mapping); False if it is there already."""
    if len(tokens) == 1:
        if tokens[0] in data:
            return False
        data[tokens[0]] = value
        return True
    parent = data.get(tokens[0], {})
    if not isinstance(parent, dict) or tokens[1] in parent:
        return False
    data[tokens[0]] = {**parent, tokens[1]: value}
    return True


def _taken(pointer: str, shared: _Shared) -> Iterator[Part]:
    """The parts behind one taken part: the shared file's own text, and what it took from further shared files."""
    inner = [p for p in shared.parts if p.pointer == pointer or p.pointer.startswith(pointer + "/")]
    if not any(p.pointer == pointer for p in inner):
        outer = [p for p in shared.parts if pointer.startswith(p.pointer + "/")]
        if outer:  # the part lies inside a part the shared file took from another file
            deepest = max(outer, key=lambda p: len(p.pointer))
            yield Part(pointer, deepest.file, deepest.source)
        else:
            yield Part(pointer, shared.shown, shared.source)
    yield from inner


def _shown(display: str, name: str) -> str:
    """The shared file's path as the user sees it: relative to how the document was named."""
    return os.path.normpath(os.path.join(os.path.dirname(display), name))


def _within(path: str, root: str) -> bool:
    try:
        return os.path.commonpath([os.path.abspath(path), os.path.abspath(root)]) == os.path.abspath(root)
    except ValueError:
        return False


def _has_pyproject_table(folder: str) -> bool:
    path = os.path.join(folder, "pyproject.toml")
    try:
        with open(path, "rb") as handle:
            return b"[tool.svcstd" in handle.read(1024 * 1024)
    except OSError:
        return False


def _count(node: object, limit: int) -> int:
    """Values in the data, counting stops past `limit`."""
    count, stack = 0, [node]
    while stack and count <= limit:
        item = stack.pop()
        count += 1
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return count


def _finding(kind: str, pointer: str, at: Location, file: str | None = None, **params: object) -> Finding:
    """A finding of this module; `file` fills the message (the shared file named), never the finding's place."""
    message = MESSAGES.text(kind, **params) if file is None else MESSAGES.text(kind, file=file, **params)
    return Finding(_RULE[kind], Severity.ERROR, message, pointer, at.line, at.column)


def _at(finding: Finding, pointer: str, at: Location) -> Finding:
    """A finding made before its place was known, put at the document's `uses` entry."""
    return replace(finding, pointer=pointer, line=at.line, column=at.column)


_START = Location(1, 1)
