"""Immutable values that cross module boundaries: findings, document results, the report."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from svcstd.reading.sourcemap import SourceMap


class Text(NamedTuple):
    """A user-facing text in both languages; call it with a language code to pick one."""

    en: str
    id: str

    def __call__(self, lang: str) -> str:
        return self.id if lang == "id" else self.en


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """Higher is more severe: error 3, warning 2, info 1."""
        return {"error": 3, "warning": 2, "info": 1}[self.value]


class Principle(StrEnum):
    SIMPLICITY = "simplicity"
    PARTICIPATION = "participation"
    ACCOUNTABILITY = "accountability"
    SUSTAINABILITY = "sustainability"
    TRANSPARENCY = "transparency"
    FAIRNESS = "fairness"


PRINCIPLE_NAMES: dict[Principle, Text] = {
    Principle.SIMPLICITY: Text("Simplicity", "Kesederhanaan"),
    Principle.PARTICIPATION: Text("Participation", "Partisipatif"),
    Principle.ACCOUNTABILITY: Text("Accountability", "Akuntabel"),
    Principle.SUSTAINABILITY: Text("Sustainability", "Berkelanjutan"),
    Principle.TRANSPARENCY: Text("Transparency", "Transparansi"),
    Principle.FAIRNESS: Text("Fairness", "Keadilan"),
}


class Location(NamedTuple):
    """1-based line and column in the source file."""

    line: int
    column: int


class Waiver(NamedTuple):
    """A document's own, approved exception to one rule (FORMAT.md, Waivers)."""

    rule: str
    reason: str
    approved_by: str
    until: str


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem at one place. `rule` is a rule id or a reading/schema/waiver id (YML, SCH, WVR)."""

    rule: str
    severity: Severity
    message: Text
    pointer: str
    line: int
    column: int
    principle: Principle | None = None
    waiver: Waiver | None = None
    anchor: str | None = None
    """The pointer with list indexes replaced by the items' names: it survives inserted items (baselines)."""
    file: str | None = None
    """The file that `line` and `column` are in, when not the document's own: a shared file (`uses:`)."""

    @property
    def waived(self) -> bool:
        return self.waiver is not None

    @property
    def sort_key(self) -> tuple[int, int, str, str]:
        return (self.line, self.column, self.rule, self.pointer)


class Grade(NamedTuple):
    key: str
    label: Text


@dataclass(frozen=True, slots=True)
class PrincipleResult:
    """Outcome of every rule of one principle; `score` is None when no rule applied."""

    principle: Principle
    score: float | None
    passed: tuple[str, ...] = ()
    failed: tuple[str, ...] = ()
    not_applicable: tuple[str, ...] = ()
    waived: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class DocumentMeta:
    """Facts about a valid standard that reports show beside its score."""

    provider: str | None = None
    unit: str | None = None
    status: str | None = None
    version: str | None = None
    last_reviewed: str | None = None
    review_due: str | None = None
    waivers: tuple[Waiver, ...] = ()


@dataclass(frozen=True, slots=True)
class DocumentResult:
    """Everything svcstd concluded about one YAML document."""

    path: str
    index: int
    id: str | None
    title: str | None
    valid: bool
    findings: tuple[Finding, ...]
    score: float | None = None
    grade: Grade | None = None
    principles: tuple[PrincipleResult, ...] = ()
    passed: bool = False
    meta: DocumentMeta = field(default_factory=DocumentMeta)

    def active_findings(self) -> tuple[Finding, ...]:
        """Findings that count: not waived."""
        return tuple(f for f in self.findings if f.waiver is None)


class FindingCounts(NamedTuple):
    error: int
    warning: int
    info: int


@dataclass(frozen=True, slots=True)
class RuleInfo:
    """What a report says of a rule or a built-in check: enough for every output format to name and explain it.

    `kind` is `rule` (built-in), `custom` (a declarative rule of `rule_paths`), or the family of a built-in
    check: `reading` (YML), `schema` (SCH), `waiver` (WVR), `gate` (GAT).
    """

    id: str
    kind: str
    severity: Severity
    title: Text
    help: Text
    principle: Principle | None = None
    weight: int | None = None
    reference: Text | None = None
    description: Text | None = None


@dataclass(frozen=True, slots=True)
class Report:
    """The one result of `api.check`; every output and the exit code derive from it.

    `rules` holds every rule and check that produced it (built-in, custom, YML/SCH/WVR/GAT), so that a
    reporter never looks anything up elsewhere.
    """

    tool_version: str
    as_of: str
    documents: tuple[DocumentResult, ...]
    rules: tuple[RuleInfo, ...] = ()
    notes: tuple[Text, ...] = ()
    """Run-level warnings: what the configuration file does that weakens the gate (config/notes.py)."""
    skipped: tuple[str, ...] = ()
    """Files of a folder search passed over because they parse and are no service standard."""

    def rule_index(self) -> dict[str, RuleInfo]:
        """Each rule and check of the run by id; build it once per rendering, not per finding."""
        return {info.id: info for info in self.rules}

    @property
    def passed(self) -> bool:
        return all(doc.passed for doc in self.documents)

    @property
    def exit_code(self) -> int:
        """0 when every document passes the gate, 1 otherwise (CLI.md, Exit codes)."""
        return 0 if self.passed else 1

    def counts(self) -> FindingCounts:
        tally = dict.fromkeys(Severity, 0)
        for doc in self.documents:
            for finding in doc.active_findings():
                tally[finding.severity] += 1
        return FindingCounts(tally[Severity.ERROR], tally[Severity.WARNING], tally[Severity.INFO])


@dataclass(frozen=True, slots=True)
class LoadedDocument:
    """One YAML document as read: its data (None when it could not be read) and where each node is.

    `findings` holds the reading problems (YML ids); a document with an error among them is not
    validated further.
    """

    path: str
    index: int
    data: object
    source: SourceMap
    findings: tuple[Finding, ...] = ()


def finding_path(doc: DocumentResult, finding: Finding) -> str:
    """The file a finding's line and column are in: a shared file it was found in (`uses:`), else the document's."""
    return finding.file or doc.path


def document_name(doc: DocumentResult) -> str:
    """How every output names a document: its path, then ` #N` (counted from 1) for the second and later of a file."""
    return doc.path + (f" #{doc.index + 1}" if doc.index else "")
