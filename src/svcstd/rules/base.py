"""What a rule is: a small generator of hits with its metadata beside it (STYLE.md, habit 3 and 4)."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, NamedTuple

from svcstd.i18n import bilingual
from svcstd.model import Principle, RuleInfo, Severity, Text
from svcstd.standard.kinds import is_full_standard


class Hit(NamedTuple):
    """Where a rule failed (a JSON Pointer) and the parameters of its message.

    `at_key` places the finding at the key rather than at the value (for "this block lacks X").
    """

    pointer: str
    params: Mapping[str, object] = {}
    at_key: bool = False
    items: int = 1
    """How many of the items the rule checks this hit stands for (a finding that lists three missing groups: 3)."""
    each: tuple[Hit, ...] | Each = ()
    """For a hit that stands for several items, one hit per item: what `check --verbose` reports instead. A rule
    gives them as `Each(make)`, made only when read: a run that is not verbose never reads them."""


class Each:
    """The per-item hits of a hit, made by `make()` the first time they are read (iterated, counted, indexed,
    compared, shown), then kept: the same tuple as a rule that made them at once would hold, in every use.

    A graded rule that fails on most documents (SIM003, SIM005, FAI001) otherwise builds a hit and its
    parameters for each item, though only `check --verbose` reports them.
    """

    __slots__ = ("_hits", "_make")

    def __init__(self, make: Callable[[], Iterable[Hit]]) -> None:
        self._make = make
        self._hits: tuple[Hit, ...] | None = None

    @property
    def hits(self) -> tuple[Hit, ...]:
        """The hits, made at the first read. `make` is kept (a hit lives as long as its document's judging):
        two threads reading at once both make the same hits, and neither finds `make` gone."""
        hits = self._hits
        if hits is None:
            hits = self._hits = tuple(self._make())
        return hits

    def __iter__(self) -> Iterator[Hit]:
        return iter(self.hits)

    def __len__(self) -> int:
        return len(self.hits)

    def __bool__(self) -> bool:
        return bool(self.hits)

    def __getitem__(self, index: int) -> Hit:
        return self.hits[index]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Each):
            return self.hits == other.hits
        if isinstance(other, tuple):
            return self.hits == other
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.hits)

    def __repr__(self) -> str:
        return repr(self.hits)


@dataclass(frozen=True)
class RuleContext:
    """What a rule may consult besides the document: its options and the date it judges against."""

    options: Mapping[str, Any]
    as_of: date


Document = Mapping[str, Any]
CheckFunction = Callable[[Document, RuleContext], Iterator[Hit]]
AppliesFunction = Callable[[Document, RuleContext], bool]
ItemsFunction = Callable[[Document, RuleContext], int]
"""How many items a graded rule checks on a document: its outcome is the share of them satisfied."""


@dataclass(frozen=True)
class Rule:
    """One rule of one principle. The docstring of `check` holds the passing and failing examples."""

    id: str
    principle: Principle
    severity: Severity
    weight: int
    title: Text
    message: Text
    fix: Text
    rationale: Text
    reference: Text
    check: CheckFunction
    applies: AppliesFunction | None = None
    options: Mapping[str, Any] = field(default_factory=dict)
    kind: str = "rule"
    """`rule` for a built-in rule, `custom` for a declarative rule of `rule_paths`."""
    items: ItemsFunction | None = None
    """For a graded rule, the number of items it checks; its outcome is then partial (3 of 4 groups: 0.75)."""
    binding: bool = False
    """A requirement of law (src/svcstd/data/citations.yaml): its outcome counts toward compliance (Kepatuhan),
    else toward quality (Mutu). Set for the built-in rules by the registry; custom rules are never binding."""

    def credit(self, doc: Document, context: RuleContext, hits: list[Hit]) -> float:
        """The share of the rule's weight a document earns: 1 when nothing is found, 0 for an ungraded failure."""
        if not hits:
            return 1.0
        if self.items is None:
            return 0.0
        checked = self.items(doc, context)
        failed = sum(hit.items for hit in hits)
        return max(0.0, (checked - failed) / checked) if checked > 0 else 0.0

    @property
    def examples(self) -> str:
        """The check function's docstring: its passing and failing YAML examples."""
        return inspect.cleandoc(self.check.__doc__ or "")

    @property
    def info(self) -> RuleInfo:
        """The rule as a report carries it, for reporters that must name and explain it."""
        return RuleInfo(
            self.id,
            self.kind,
            self.severity,
            self.title,
            self.fix,
            principle=self.principle,
            weight=self.weight,
            reference=self.reference,
            description=self.rationale,
        )

    def format_message(self, params: Mapping[str, object]) -> Text:
        """The message filled in both languages (what `bilingual` makes of the quoted parameters).

        A message filled with short texts and ints is remembered (`_FILLED`): the same rule finds the same
        thing with the same words in document after document, and filling two ~200-character texts costs
        several times a lookup.
        """
        for value in params.values():
            if type(value) is str:
                if len(value) > _REMEMBERED_PARAM:
                    return self._fill(params)
            elif type(value) is not int:
                return self._fill(params)
        # the common case: short texts and ints, nothing to cut, so the parameters are filled as given
        remembered = (self.message, *params.items())
        text = _FILLED.get(remembered)
        if text is None:
            if len(_FILLED) >= _FILLED_LIMIT:
                _FILLED.clear()
            english, indonesian = self.message
            text = _FILLED[remembered] = Text(english.format(**params), indonesian.format(**params))
        return text

    def _fill(self, params: Mapping[str, object]) -> Text:
        """`format_message` for parameters that are not all short texts and ints: long texts are cut, and a
        message filled with texts of at most `_REMEMBERED_PARAM` characters is remembered too."""
        filled: dict[str, object] = {}
        short = True
        for key, value in params.items():
            if type(value) is str:  # the common case: the same text in both languages, cut like `quoted`
                if len(value) > _REMEMBERED_PARAM:
                    short = False
                filled[key] = value if len(value) <= QUOTE_LIMIT else value[: QUOTE_LIMIT - 1] + "…"
            elif type(value) is int:
                filled[key] = value
            else:  # a bilingual Text (or anything else): `bilingual` picks each language's side
                return bilingual(self.message, **{key: quoted(value) for key, value in params.items()})
        if not short:
            english, indonesian = self.message
            return Text(english.format(**filled), indonesian.format(**filled))
        remembered = (self.message, *filled.items())
        text = _FILLED.get(remembered)
        if text is None:
            if len(_FILLED) >= _FILLED_LIMIT:
                _FILLED.clear()
            english, indonesian = self.message
            text = _FILLED[remembered] = Text(english.format(**filled), indonesian.format(**filled))
        return text


QUOTE_LIMIT = 300
"""At most this many characters of one message parameter: document text quoted in a finding is cut there."""

_FILLED: dict[tuple[object, ...], Text] = {}
"""Messages filled with parameters of at most `_REMEMBERED_PARAM` characters (and ints), by message and parameters
in their order; emptied when it holds `_FILLED_LIMIT`, so that it stays under a few megabytes."""
_FILLED_LIMIT = 4096
_REMEMBERED_PARAM = 200


def quoted(value: object) -> object:
    """A message parameter cut to QUOTE_LIMIT characters (with `…`): 10,000 findings quoting a 2 MiB name
    would otherwise write gigabytes."""
    if isinstance(value, Text):
        return Text(str(quoted(value.en)), str(quoted(value.id)))
    if isinstance(value, str) and len(value) > QUOTE_LIMIT:
        return value[: QUOTE_LIMIT - 1] + "…"
    return value


def is_own_record(doc: Document, ctx: RuleContext | None = None) -> bool:
    """Whether the document is the unit's own record of its standard: it states a `status` or an `adoption`.

    A document written down from a published text states neither (no published standard carries them), and
    neither does it carry the record of the public consultation, the review plan or the list of places it is
    published: those live in the unit's own file. Rules that ask for them judge only the unit's own record.
    """
    return "status" in doc or "adoption" in doc


def rule(
    *,
    id: str,
    principle: Principle,
    severity: Severity,
    weight: int,
    title: tuple[str, str],
    message: tuple[str, str],
    fix: tuple[str, str],
    rationale: tuple[str, str],
    reference: tuple[str, str],
    options: Mapping[str, Any] | None = None,
    applies: AppliesFunction | None = None,
    items: ItemsFunction | None = None,
    needs: tuple[str, ...] = (),
    full_standard_only: bool = False,
) -> Callable[[CheckFunction], Rule]:
    """Turn a check generator into a Rule; each pair is (English, Indonesian).

    `needs`: slash paths (`delivery/fees`) the rule judges; where one is missing (format 1.1 lets a document
    leave components out) the rule does not apply: rules/components.py reports the missing component once.
    `full_standard_only`: the rule judges what only a full standard has (records, manufacturing), not a
    published sheet.
    """
    applies = _applicability(needs, full_standard_only, applies)

    def wrap(check: CheckFunction) -> Rule:
        return Rule(
            id=id,
            principle=principle,
            severity=severity,
            weight=weight,
            title=Text(*title),
            message=Text(*message),
            fix=Text(*fix),
            rationale=Text(*rationale),
            reference=Text(*reference),
            check=check,
            applies=applies,
            options=dict(options or {}),
            items=items,
        )

    return wrap


def leads(doc: Mapping[str, Any], paths: tuple[tuple[str, ...], ...]) -> bool:
    """Whether every path of keys leads to a value (what `applies` of `rule(needs=...)` asks)."""
    for keys in paths:
        node: object = doc
        for key in keys:
            if not (type(node) is dict or isinstance(node, Mapping)) or key not in node:
                return False
            node = node[key]
    return True


Gate = tuple[bool, tuple[tuple[str, ...], ...], AppliesFunction | None]
"""What an `applies` made by `rule` asks, in its order: a full standard?, the components' paths, the rule's own test."""

_GATES: dict[AppliesFunction, Gate] = {}


def gate_of(applies: AppliesFunction | None) -> Gate:
    """The parts of a rule's `applies`, for the engine to answer the first two once per document for every rule
    that asks them (twenty rules ask whether the document is a full standard). Any other `applies` (a custom
    rule's, a rule's own) is its own test."""
    if applies is None:
        return (False, (), None)
    return _GATES.get(applies) or (False, (), applies)


def _applicability(needs: tuple[str, ...], full_only: bool, applies: AppliesFunction | None) -> AppliesFunction | None:
    """One `applies`: the kind, then the components needed, then the rule's own condition."""
    if not needs and not full_only:
        return applies

    paths = tuple(tuple(path.split("/")) for path in needs)  # `has` for each, with the path split once

    def combined(doc: Document, ctx: RuleContext) -> bool:
        if full_only and not is_full_standard(doc):
            return False
        if paths and not leads(doc, paths):
            return False
        return applies is None or applies(doc, ctx)

    combined.__doc__ = applies.__doc__ if applies is not None else None
    _GATES[combined] = (full_only, paths, applies)
    return combined
