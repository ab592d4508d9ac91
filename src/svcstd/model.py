"""Immutable values that cross module boundaries: findings, document results, the report."""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import FrozenInstanceError, dataclass, field, fields
from enum import StrEnum
from operator import attrgetter
from reprlib import recursive_repr
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar, overload

from svcstd.i18n import Text as Text  # noqa: PLC0414 (re-exported: svcstd.model.Text is i18n's)

if TYPE_CHECKING:
    from svcstd.reading.sourcemap import SourceMap


def _from_slots(cls: type[Any], values: tuple[Any, ...]) -> Any:
    """An instance of a frozen, slotted dataclass from its field values in slot order (how results unpickle)."""
    maker = _SLOT_MAKERS.get(cls)
    if maker is None:
        maker = _SLOT_MAKERS[cls] = _slot_maker(cls)
    return maker(values)


def _slot_maker(cls: type[Any]) -> Callable[[tuple[Any, ...]], Any]:
    """A function filling a new instance's slots one by one, written out (no loop): unpickling's cost per object.

    Each slot is set through its member descriptor, as `object.__setattr__` would, without the dataclass's
    frozen `__setattr__`; a tuple of the wrong length fails to unpack, as the zip of before failed.
    """
    names: tuple[str, ...] = tuple(cls.__slots__)
    setters = {f"_set_{index}": getattr(cls, name).__set__ for index, name in enumerate(names)}
    values = ", ".join(f"v{index}" for index in range(len(names)))
    lines = ["def make(values):", f"    {values}, = values", "    made = new(cls)"]
    lines += [f"    _set_{index}(made, v{index})" for index in range(len(names))]
    lines.append("    return made")
    namespace: dict[str, Any] = {"new": object.__new__, "cls": cls, **setters}
    exec("\n".join(lines), namespace)  # code made from the class's own slot names only
    maker: Callable[[tuple[Any, ...]], Any] = namespace["make"]
    return maker


_SLOT_MAKERS: dict[type[Any], Callable[[tuple[Any, ...]], Any]] = {}


def slot_constructor(cls: type[Any]) -> Callable[..., Any]:
    """`cls(*values)` for a frozen, slotted dataclass given every field in slot order, without its `__init__`.

    A frozen dataclass's `__init__` sets each field through `object.__setattr__` by name; this sets each slot
    through its member descriptor, as `_slot_maker` does, in half the time: what judging pays per finding. For
    classes without `__post_init__`; every field must be given (no defaults), positionally.
    """
    names: tuple[str, ...] = tuple(cls.__slots__)
    setters = {f"_set_{index}": getattr(cls, name).__set__ for index, name in enumerate(names)}
    values = ", ".join(f"v{index}" for index in range(len(names)))
    lines = [f"def make({values}):", "    made = new(cls)"]
    lines += [f"    _set_{index}(made, v{index})" for index in range(len(names))]
    lines.append("    return made")
    namespace: dict[str, Any] = {"new": object.__new__, "cls": cls, **setters}
    exec("\n".join(lines), namespace)  # code made from the class's own slot names only
    maker: Callable[..., Any] = namespace["make"]
    return maker


class _PicklesBySlots:
    """Pickling without dataclasses' `__getstate__`/`__setstate__`, which look the fields up on every object.

    Results cross processes (workers) and the run's spill file as pickles, several times per document; this
    cuts that cost by a third. The fields are read in `__slots__` order, so a field added later is carried as well.
    """

    __slots__ = ()

    def __reduce__(self) -> tuple[Any, ...]:
        cls = type(self)
        fields = _SLOT_GETTERS.get(cls)
        if fields is None:
            names: tuple[str, ...] = tuple(cls.__slots__)
            getter = attrgetter(*names)  # a tuple of the values, for more than one name
            fields = _SLOT_GETTERS[cls] = getter if len(names) > 1 else lambda obj: (getter(obj),)
        return (_from_slots, (cls, fields(self)))


_SLOT_GETTERS: dict[type[Any], Callable[[Any], tuple[Any, ...]]] = {}


_C = TypeVar("_C", bound=type)


def _frozen(cls: _C) -> _C:
    """`@dataclass(frozen=True, slots=True)` as it behaves, without the cost of `dataclass` writing the methods.

    `dataclass` writes each class's `__init__`, `__repr__`, `__eq__`, `__hash__`, `__setattr__` and
    `__delattr__` as source text and compiles it at import: about 1 ms per class, paid before the pool
    forks. Here `dataclass` only gathers the fields (so `fields`, `replace`, `asdict`, `__match_args__` and the
    slots are its own), the class writes its `__init__` out, and `_Frozen` derives the rest from the fields.
    tests/test_model_methods.py compares every class with the dataclass `@dataclass(frozen=True, slots=True)`
    makes of the same fields; docs/performance.md, tenth part, says what differs (only what no caller sees).
    """
    made: Any = dataclass(init=False, repr=False, eq=False, slots=True)(cls)
    every = fields(made)
    code = made.__init__.__code__
    parameters = code.co_varnames[1 : code.co_argcount]
    if parameters != tuple(item.name for item in every):  # a field added without its parameter, or moved
        raise TypeError(f"{made.__name__}.__init__ takes {parameters}, its fields are {[f.name for f in every]}")
    made._compared = _values_of([item.name for item in every if item.compare])
    made._hashed = _values_of([item.name for item in every if (item.compare if item.hash is None else item.hash)])
    made._shown = tuple(item.name for item in every if item.repr)
    made_class: _C = made
    return made_class


if TYPE_CHECKING:
    from dataclasses import dataclass as _frozen_dataclass  # what type checkers see: the class is that dataclass
else:

    def _frozen_dataclass(**params: bool) -> Callable[[_C], _C]:
        """`_frozen`, for the one dataclass it stands for: `@_frozen_dataclass(frozen=True, slots=True)`."""
        if params != {"frozen": True, "slots": True}:
            raise TypeError(f"_frozen_dataclass makes frozen, slotted dataclasses only, not {params}")
        return _frozen


def _values_of(names: list[str]) -> Callable[[Any], tuple[Any, ...]]:
    """The tuple of these fields' values, as the written-out methods build it (`(self.a, self.b)`)."""
    if len(names) > 1:
        getter: Callable[[Any], tuple[Any, ...]] = attrgetter(*names)  # a C object: no binding to the instance
        return getter
    one = attrgetter(*names) if names else None
    return staticmethod(lambda obj: (one(obj),) if one else ())


class _Frozen:
    """What `@dataclass(frozen=True, slots=True)` writes into each class, written once from the class's fields."""

    __slots__ = ()
    _compared: Callable[[Any], tuple[Any, ...]]
    _hashed: Callable[[Any], tuple[Any, ...]]
    _shown: tuple[str, ...]

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            return self._compared(self) == self._compared(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._hashed(self))

    @recursive_repr()
    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._shown)
        return f"{self.__class__.__qualname__}({shown})"

    def __setattr__(self, name: str, value: object) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")

    def __getstate__(self) -> list[Any]:
        return [getattr(self, item.name) for item in fields(self)]  # type: ignore[arg-type]

    def __setstate__(self, state: list[Any]) -> None:
        for item, value in zip(fields(self), state, strict=False):  # type: ignore[arg-type]
            object.__setattr__(self, item.name, value)


_set = object.__setattr__


class _Factory:
    """The default of a parameter whose field has a `default_factory`: shown as dataclasses' is, `<factory>`."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "<factory>"


_FACTORY: Any = _Factory()


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


_ORIGIN_WORDS = (
    ("page", "page", "halaman"),
    ("sheet", "sheet", "lembar"),
    ("table", "table", "tabel"),
    ("row", "row", "baris"),
    ("cell", "cell", "sel"),
    ("paragraph", "paragraph", "paragraf"),
)


class Origin(NamedTuple):
    """Where a finding stands in the original document it was imported from (`svcstd check berkas.docx`).

    1-based, as the reader counts them; none set means the document as a whole.
    """

    page: int | None = None
    sheet: str | None = None
    table: int | None = None
    row: int | None = None
    cell: str | None = None
    paragraph: int | None = None

    def describe(self, lang: str) -> str:
        """`table 1, row 5, cell 3` / `tabel 1, baris 5, sel 3`; `whole document` / `seluruh dokumen`."""
        column = 2 if lang == "id" else 1
        given = [(words[column], getattr(self, words[0])) for words in _ORIGIN_WORDS]
        parts = [f"{word} {value}" for word, value in given if value is not None]
        return ", ".join(parts) or ("seluruh dokumen" if lang == "id" else "whole document")

    def as_json(self) -> dict[str, int | str]:
        return {key: value for key, value in self._asdict().items() if value is not None}


class Waiver(NamedTuple):
    """A document's own, approved exception to one rule (FORMAT.md, Waivers)."""

    rule: str
    reason: str
    approved_by: str
    until: str


@_frozen_dataclass(frozen=True, slots=True)
class Finding(_PicklesBySlots, _Frozen):
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
    origin: Origin | None = None
    """Set when the checked file is an original (.docx, .pdf, .html, .xlsx) imported in memory: the place in it.

    `line` and `column` are then those of the YAML that `svcstd import` writes for that document.
    """
    file: str | None = None
    """The file that `line` and `column` are in, when not the document's own: a shared file (`uses:`)."""

    def __init__(
        self,
        rule: str,
        severity: Severity,
        message: Text,
        pointer: str,
        line: int,
        column: int,
        principle: Principle | None = None,
        waiver: Waiver | None = None,
        anchor: str | None = None,
        origin: Origin | None = None,
        file: str | None = None,
    ) -> None:
        _set(self, "rule", rule)
        _set(self, "severity", severity)
        _set(self, "message", message)
        _set(self, "pointer", pointer)
        _set(self, "line", line)
        _set(self, "column", column)
        _set(self, "principle", principle)
        _set(self, "waiver", waiver)
        _set(self, "anchor", anchor)
        _set(self, "origin", origin)
        _set(self, "file", file)

    @property
    def waived(self) -> bool:
        return self.waiver is not None

    @property
    def sort_key(self) -> tuple[int, int, str, str]:
        return (self.line, self.column, self.rule, self.pointer)


make_finding: Callable[..., Finding] = slot_constructor(Finding)
"""`Finding(rule, severity, message, pointer, line, column, principle, waiver, anchor, origin, file)`, all eleven
given, made without the dataclass's `__init__` (the engine makes one per hit)."""


class Grade(NamedTuple):
    key: str
    label: Text


@_frozen_dataclass(frozen=True, slots=True)
class PrincipleResult(_PicklesBySlots, _Frozen):
    """Outcome of every rule of one principle.

    `score` is compliance (Kepatuhan: the binding rules only), `quality` (Mutu) the good-practice rules; each is
    None when no rule of its kind applied.
    """

    principle: Principle
    score: float | None
    passed: tuple[str, ...] = ()
    failed: tuple[str, ...] = ()
    not_applicable: tuple[str, ...] = ()
    waived: tuple[str, ...] = ()
    quality: float | None = None

    def __init__(
        self,
        principle: Principle,
        score: float | None,
        passed: tuple[str, ...] = (),
        failed: tuple[str, ...] = (),
        not_applicable: tuple[str, ...] = (),
        waived: tuple[str, ...] = (),
        quality: float | None = None,
    ) -> None:
        _set(self, "principle", principle)
        _set(self, "score", score)
        _set(self, "passed", passed)
        _set(self, "failed", failed)
        _set(self, "not_applicable", not_applicable)
        _set(self, "waived", waived)
        _set(self, "quality", quality)


@_frozen_dataclass(frozen=True, slots=True)
class DocumentMeta(_PicklesBySlots, _Frozen):
    """Facts about a valid standard that reports show beside its score."""

    provider: str | None = None
    unit: str | None = None
    status: str | None = None
    version: str | None = None
    last_reviewed: str | None = None
    review_due: str | None = None
    waivers: tuple[Waiver, ...] = ()

    def __init__(
        self,
        provider: str | None = None,
        unit: str | None = None,
        status: str | None = None,
        version: str | None = None,
        last_reviewed: str | None = None,
        review_due: str | None = None,
        waivers: tuple[Waiver, ...] = (),
    ) -> None:
        _set(self, "provider", provider)
        _set(self, "unit", unit)
        _set(self, "status", status)
        _set(self, "version", version)
        _set(self, "last_reviewed", last_reviewed)
        _set(self, "review_due", review_due)
        _set(self, "waivers", waivers)


@_frozen_dataclass(frozen=True, slots=True)
class DocumentResult(_PicklesBySlots, _Frozen):
    """Everything svcstd concluded about one YAML document."""

    path: str
    index: int
    id: str | None
    title: str | None
    valid: bool
    findings: tuple[Finding, ...]
    score: float | None = None
    """Compliance (Kepatuhan): binding requirements only; the grade and the gate read it."""
    grade: Grade | None = None
    principles: tuple[PrincipleResult, ...] = ()
    passed: bool = False
    meta: DocumentMeta = field(default_factory=DocumentMeta)
    quality: float | None = None
    """Quality (Mutu): good-practice rules only; shown beside compliance, never lowers it."""

    def __init__(
        self,
        path: str,
        index: int,
        id: str | None,
        title: str | None,
        valid: bool,
        findings: tuple[Finding, ...],
        score: float | None = None,
        grade: Grade | None = None,
        principles: tuple[PrincipleResult, ...] = (),
        passed: bool = False,
        meta: DocumentMeta = _FACTORY,
        quality: float | None = None,
    ) -> None:
        _set(self, "path", path)
        _set(self, "index", index)
        _set(self, "id", id)
        _set(self, "title", title)
        _set(self, "valid", valid)
        _set(self, "findings", findings)
        _set(self, "score", score)
        _set(self, "grade", grade)
        _set(self, "principles", principles)
        _set(self, "passed", passed)
        _set(self, "meta", DocumentMeta() if meta is _FACTORY else meta)
        _set(self, "quality", quality)

    def active_findings(self) -> tuple[Finding, ...]:
        """Findings that count: not waived."""
        return tuple(f for f in self.findings if f.waiver is None)


class FindingCounts(NamedTuple):
    error: int
    warning: int
    info: int


@_frozen_dataclass(frozen=True, slots=True)
class RuleInfo(_Frozen):
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

    def __init__(
        self,
        id: str,
        kind: str,
        severity: Severity,
        title: Text,
        help: Text,
        principle: Principle | None = None,
        weight: int | None = None,
        reference: Text | None = None,
        description: Text | None = None,
    ) -> None:
        _set(self, "id", id)
        _set(self, "kind", kind)
        _set(self, "severity", severity)
        _set(self, "title", title)
        _set(self, "help", help)
        _set(self, "principle", principle)
        _set(self, "weight", weight)
        _set(self, "reference", reference)
        _set(self, "description", description)


class Tally(NamedTuple):
    """A run's totals: what every output's header or summary says before (or without) reading each document."""

    documents: int
    passed: int
    invalid: int
    counts: FindingCounts

    @property
    def failed(self) -> int:
        return self.documents - self.passed

    @staticmethod
    def of(documents: Iterable[DocumentResult]) -> Tally:
        counter = TallyCounter()
        for doc in documents:
            counter.add(doc)
        return counter.tally()


class TallyCounter:
    """Counts documents into a Tally one at a time, as a run produces them."""

    def __init__(self) -> None:
        self.documents = self.passed = self.invalid = 0
        self.severities = dict.fromkeys(Severity, 0)

    def add(self, doc: DocumentResult) -> None:
        self.documents += 1
        self.passed += doc.passed
        self.invalid += not doc.valid
        for finding in doc.findings:
            if finding.waiver is None:
                self.severities[finding.severity] += 1

    def tally(self) -> Tally:
        tally = self.severities
        counts = FindingCounts(tally[Severity.ERROR], tally[Severity.WARNING], tally[Severity.INFO])
        return Tally(self.documents, self.passed, self.invalid, counts)


class DocumentStream(Sequence[DocumentResult]):
    """Documents that are not all held in memory (spill.SpilledDocuments), with their totals counted as they came.

    Iterate them once per pass; do not hold them in a list, or memory grows with the corpus again.
    """

    @abstractmethod
    def tally(self) -> Tally: ...

    @abstractmethod
    def __len__(self) -> int: ...

    @abstractmethod
    def document(self, position: int) -> DocumentResult:
        """The document at `position` (0 <= position < len), made or read back afresh at each call."""

    @overload
    def __getitem__(self, position: int) -> DocumentResult: ...

    @overload
    def __getitem__(self, position: slice) -> tuple[DocumentResult, ...]: ...

    def __getitem__(self, position: int | slice) -> DocumentResult | tuple[DocumentResult, ...]:
        if isinstance(position, slice):
            return tuple(self.document(number) for number in range(*position.indices(len(self))))
        if position < 0:
            position += len(self)
        if not 0 <= position < len(self):
            raise IndexError(position)
        return self.document(position)

    def __iter__(self) -> Iterator[DocumentResult]:
        for position in range(len(self)):
            yield self.document(position)


@_frozen_dataclass(frozen=True, slots=True)
class Report(_Frozen):
    """The one result of `api.check`; every output and the exit code derive from it.

    `rules` holds every rule and check that produced it (built-in, custom, YML/SCH/WVR/GAT), so that a
    reporter never looks anything up elsewhere. `documents` is a tuple, or a DocumentStream read back from a
    temporary file document by document (`svcstd check`, to keep memory flat over a large corpus).
    """

    tool_version: str
    as_of: str
    documents: Sequence[DocumentResult]
    rules: tuple[RuleInfo, ...] = ()
    notes: tuple[Text, ...] = ()
    """Run-level warnings: what the configuration file does that weakens the gate (config/notes.py)."""
    skipped: tuple[str, ...] = ()
    """Files of a folder search passed over because they parse and are no service standard."""

    def __init__(
        self,
        tool_version: str,
        as_of: str,
        documents: Sequence[DocumentResult],
        rules: tuple[RuleInfo, ...] = (),
        notes: tuple[Text, ...] = (),
        skipped: tuple[str, ...] = (),
    ) -> None:
        _set(self, "tool_version", tool_version)
        _set(self, "as_of", as_of)
        _set(self, "documents", documents)
        _set(self, "rules", rules)
        _set(self, "notes", notes)
        _set(self, "skipped", skipped)

    def rule_index(self) -> dict[str, RuleInfo]:
        """Each rule and check of the run by id; build it once per rendering, not per finding."""
        return {info.id: info for info in self.rules}

    def tally(self) -> Tally:
        """The run's totals: kept by a DocumentStream, else counted (one pass over the documents)."""
        if isinstance(self.documents, DocumentStream):
            return self.documents.tally()
        return Tally.of(self.documents)

    @property
    def passed(self) -> bool:
        return self.tally().failed == 0

    @property
    def exit_code(self) -> int:
        """0 when every document passes the gate, 1 otherwise (CLI.md, Exit codes)."""
        return 0 if self.passed else 1

    def counts(self) -> FindingCounts:
        return self.tally().counts


@_frozen_dataclass(frozen=True, slots=True)
class LoadedDocument(_Frozen):
    """One YAML document as read: its data (None when it could not be read) and where each node is.

    `findings` holds the reading problems (YML ids); a document with an error among them is not
    validated further.
    """

    path: str
    index: int
    data: object
    source: SourceMap
    findings: tuple[Finding, ...] = ()

    def __init__(
        self,
        path: str,
        index: int,
        data: object,
        source: SourceMap,
        findings: tuple[Finding, ...] = (),
    ) -> None:
        _set(self, "path", path)
        _set(self, "index", index)
        _set(self, "data", data)
        _set(self, "source", source)
        _set(self, "findings", findings)


def finding_path(doc: DocumentResult, finding: Finding) -> str:
    """The file a finding's line and column are in: a shared file it was found in (`uses:`), else the document's."""
    return finding.file or doc.path


def finding_place(path: str, finding: Finding, lang: str) -> str:
    """`path:line:column`, or `path (table 1, row 5, cell 3)` for a finding in an original document."""
    if finding.origin is not None:
        return f"{path} ({finding.origin.describe(lang)})"
    return f"{path}:{finding.line}:{finding.column}"


def document_name(doc: DocumentResult) -> str:
    """How every output names a document: its path, then ` #N` (counted from 1) for the second and later of a file."""
    return doc.path + (f" #{doc.index + 1}" if doc.index else "")
