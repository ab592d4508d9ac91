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


def _frozen(cls: _C, slots: bool) -> _C:
    """`@dataclass(frozen=True, slots=slots)` as it behaves, without the cost of `dataclass` writing the methods.

    `dataclass` writes each class's `__init__`, `__repr__`, `__eq__`, `__hash__`, `__setattr__` and
    `__delattr__` as source text and compiles it at import: about 1 ms per class, paid before the pool
    forks. Here `dataclass` only gathers the fields (so `fields`, `replace`, `asdict`, `__match_args__` and the
    slots are its own), the class writes its `__init__` out, and `Frozen` derives the rest from the fields.
    tests/test_model_methods.py compares every class with the dataclass `@dataclass(frozen=True, ...)` makes
    of the same fields; docs/performance.md, tenth part, says what differs (only what no caller sees).
    """
    made: Any = dataclass(init=False, repr=False, eq=False, slots=slots)(cls)
    every = fields(made)
    code = made.__init__.__code__
    parameters = code.co_varnames[1 : code.co_argcount]
    if parameters != tuple(item.name for item in every):  # a field added without its parameter, or moved
        raise TypeError(f"{made.__name__}.__init__ takes {parameters}, its fields are {[f.name for f in every]}")
    made._compared = _values_of([item.name for item in every if item.compare])
    made._hashed = _values_of([item.name for item in every if (item.compare if item.hash is None else item.hash)])
    made._shown = tuple(item.name for item in every if item.repr)
    if slots:  # as dataclasses pickles a frozen, slotted class: the fields' values in a list
        made.__getstate__ = _getstate
        made.__setstate__ = _setstate
    made_class: _C = made
    return made_class


def _getstate(self: Any) -> list[Any]:
    return [getattr(self, item.name) for item in fields(self)]


def _setstate(self: Any, state: list[Any]) -> None:
    for item, value in zip(fields(self), state, strict=False):
        object.__setattr__(self, item.name, value)


if TYPE_CHECKING:
    from dataclasses import dataclass as frozen_dataclass  # what type checkers see: the class is that dataclass
else:

    def frozen_dataclass(*, frozen: bool, slots: bool = False) -> Callable[[_C], _C]:
        """`@frozen_dataclass(frozen=True, slots=...)`: a class of `Frozen` with its `__init__` written out.

        Type checkers see `dataclasses.dataclass` here; at run time it is `_frozen`, which takes the class's own
        `__init__` (its parameters must be the fields, in order, with their defaults, `DEFAULT_FACTORY` for a
        `default_factory`) and gives the rest of what the dataclass would have.
        """
        if frozen is not True:
            raise TypeError("frozen_dataclass makes frozen dataclasses only")
        return lambda cls: _frozen(cls, slots)


def _values_of(names: list[str]) -> Callable[[Any], tuple[Any, ...]]:
    """The tuple of these fields' values, as the written-out methods build it (`(self.a, self.b)`)."""
    if len(names) > 1:
        getter: Callable[[Any], tuple[Any, ...]] = attrgetter(*names)  # a C object: no binding to the instance
        return getter
    one = attrgetter(*names) if names else None
    return staticmethod(lambda obj: (one(obj),) if one else ())


class Frozen:
    """What `@dataclass(frozen=True)` writes into each class, written once from the class's fields (`_frozen`)."""

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


set_field = object.__setattr__
"""How a written-out `__init__` sets a field of a frozen class, as the dataclass's own does."""


class _Factory:
    __slots__ = ()

    def __repr__(self) -> str:
        return "<factory>"


DEFAULT_FACTORY: Any = _Factory()
"""The default of a written-out `__init__`'s parameter whose field has a `default_factory`: the field gets a new
object from the factory when the parameter is this one; shown as dataclasses' is, `<factory>`."""


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


@frozen_dataclass(frozen=True, slots=True)
class Finding(_PicklesBySlots, Frozen):
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
        set_field(self, "rule", rule)
        set_field(self, "severity", severity)
        set_field(self, "message", message)
        set_field(self, "pointer", pointer)
        set_field(self, "line", line)
        set_field(self, "column", column)
        set_field(self, "principle", principle)
        set_field(self, "waiver", waiver)
        set_field(self, "anchor", anchor)
        set_field(self, "origin", origin)
        set_field(self, "file", file)

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


@frozen_dataclass(frozen=True, slots=True)
class PrincipleResult(_PicklesBySlots, Frozen):
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
        set_field(self, "principle", principle)
        set_field(self, "score", score)
        set_field(self, "passed", passed)
        set_field(self, "failed", failed)
        set_field(self, "not_applicable", not_applicable)
        set_field(self, "waived", waived)
        set_field(self, "quality", quality)


@frozen_dataclass(frozen=True, slots=True)
class DocumentMeta(_PicklesBySlots, Frozen):
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
        set_field(self, "provider", provider)
        set_field(self, "unit", unit)
        set_field(self, "status", status)
        set_field(self, "version", version)
        set_field(self, "last_reviewed", last_reviewed)
        set_field(self, "review_due", review_due)
        set_field(self, "waivers", waivers)


@frozen_dataclass(frozen=True, slots=True)
class DocumentResult(_PicklesBySlots, Frozen):
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
        meta: DocumentMeta = DEFAULT_FACTORY,
        quality: float | None = None,
    ) -> None:
        set_field(self, "path", path)
        set_field(self, "index", index)
        set_field(self, "id", id)
        set_field(self, "title", title)
        set_field(self, "valid", valid)
        set_field(self, "findings", findings)
        set_field(self, "score", score)
        set_field(self, "grade", grade)
        set_field(self, "principles", principles)
        set_field(self, "passed", passed)
        set_field(self, "meta", DocumentMeta() if meta is DEFAULT_FACTORY else meta)
        set_field(self, "quality", quality)

    def active_findings(self) -> tuple[Finding, ...]:
        """Findings that count: not waived."""
        return tuple(f for f in self.findings if f.waiver is None)


class FindingCounts(NamedTuple):
    error: int
    warning: int
    info: int


@frozen_dataclass(frozen=True, slots=True)
class RuleInfo(Frozen):
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
        set_field(self, "id", id)
        set_field(self, "kind", kind)
        set_field(self, "severity", severity)
        set_field(self, "title", title)
        set_field(self, "help", help)
        set_field(self, "principle", principle)
        set_field(self, "weight", weight)
        set_field(self, "reference", reference)
        set_field(self, "description", description)


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


@frozen_dataclass(frozen=True, slots=True)
class Report(Frozen):
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
        set_field(self, "tool_version", tool_version)
        set_field(self, "as_of", as_of)
        set_field(self, "documents", documents)
        set_field(self, "rules", rules)
        set_field(self, "notes", notes)
        set_field(self, "skipped", skipped)

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


@frozen_dataclass(frozen=True, slots=True)
class LoadedDocument(Frozen):
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
        set_field(self, "path", path)
        set_field(self, "index", index)
        set_field(self, "data", data)
        set_field(self, "source", source)
        set_field(self, "findings", findings)


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
