"""The model's classes behave as `@dataclass(frozen=True, slots=True)` would make them, field by field.

svcstd.model writes each class's `__init__` out and derives `__eq__`, `__hash__`, `__repr__` and the frozen
`__setattr__`/`__delattr__` from the fields (`model.frozen_dataclass`), so that importing it compiles no
generated source (start-up); so do the settings' classes, as `@dataclass(frozen=True)`. Each class is compared
here with the class dataclasses makes of the same fields (names, types, defaults, factories), built afresh from
`dataclasses.fields`: a field added to a class without its `__init__` parameter, with another default, or not
set by `__init__`, fails here (and a parameter missing or out of order fails the import).
"""

from __future__ import annotations

import copy
import dataclasses
import inspect
import pickle
import sys
from dataclasses import FrozenInstanceError, dataclass
from typing import Any

import pytest

from svcstd import model
from svcstd.config.settings import RuleSettings, Settings
from svcstd.model import (
    DocumentMeta,
    DocumentResult,
    Finding,
    LoadedDocument,
    PrincipleResult,
    Report,
    RuleInfo,
    Severity,
    Text,
)

SLOTTED = {
    Finding: True,
    PrincipleResult: True,
    DocumentMeta: True,
    DocumentResult: True,
    RuleInfo: True,
    Report: True,
    LoadedDocument: True,
    RuleSettings: False,
    Settings: False,
}
"""Each class and the `slots` of the dataclass it stands for (all are frozen)."""
CLASSES = tuple(SLOTTED)


class _Value:
    """A field value that names itself in a repr and equals another of its name (so survives a deep copy)."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Value) and other.name == self.name

    def __hash__(self) -> int:
        return hash(self.name)

    def __repr__(self) -> str:
        return f"<{self.name}>"


def _shadow(cls: type) -> Any:
    """What `@dataclass(frozen=True, slots=...)` makes of cls's fields: a class of the same name and qualname."""
    specs = []
    for item in dataclasses.fields(cls):
        if item.default_factory is not dataclasses.MISSING:
            specs.append((item.name, item.type, dataclasses.field(default_factory=item.default_factory)))
        elif item.default is not dataclasses.MISSING:
            specs.append((item.name, item.type, dataclasses.field(default=item.default)))
        else:
            specs.append((item.name, item.type))
    namespace = {"__qualname__": cls.__qualname__, "__module__": cls.__module__}
    return dataclasses.make_dataclass(cls.__name__, specs, frozen=True, slots=SLOTTED[cls], namespace=namespace)


SHADOWS = {cls: _shadow(cls) for cls in CLASSES}
NAMES = {cls: tuple(item.name for item in dataclasses.fields(cls)) for cls in CLASSES}


def _values(cls: type, tag: str = "") -> list[_Value]:
    return [_Value(f"{name}{tag}") for name in NAMES[cls]]


def _fields_of(obj: object) -> tuple[object, ...]:
    return tuple(getattr(obj, item.name) for item in dataclasses.fields(obj))  # type: ignore[arg-type]


def _outcome(call: Any, *args: Any, **kwargs: Any) -> tuple[str, str]:
    """What `call(*args, **kwargs)` did: its result's repr, or its exception's type and message."""
    try:
        return ("returned", repr(call(*args, **kwargs)))
    except Exception as error:
        return (type(error).__name__, str(error))


@pytest.mark.parametrize("cls", CLASSES, ids=lambda cls: cls.__name__)
def test_the_signature_is_the_dataclass_s(cls: type) -> None:
    mine, theirs = inspect.signature(cls), inspect.signature(SHADOWS[cls])
    assert list(mine.parameters) == list(theirs.parameters) == list(NAMES[cls])
    for name, parameter in mine.parameters.items():
        other = theirs.parameters[name]
        assert (parameter.kind, parameter.annotation) == (other.kind, other.annotation), name
        assert repr(parameter.default) == repr(other.default), name  # `<factory>` for a default_factory
        if other.default is not inspect.Parameter.empty and repr(other.default) != "<factory>":
            assert parameter.default is other.default, name
    assert cls.__init__.__qualname__ == SHADOWS[cls].__init__.__qualname__ == f"{cls.__name__}.__init__"


@pytest.mark.parametrize("cls", CLASSES, ids=lambda cls: cls.__name__)
def test_every_field_is_set_positionally_and_by_keyword(cls: type) -> None:
    shadow, values = SHADOWS[cls], _values(cls)
    positional, theirs = cls(*values), shadow(*values)
    assert _fields_of(positional) == _fields_of(theirs) == tuple(values)
    by_keyword = cls(**dict(zip(NAMES[cls], values, strict=True)))
    assert _fields_of(by_keyword) == tuple(values)
    # only what has no default: every default, and a fresh object from each default_factory
    required = [p for p in inspect.signature(shadow).parameters.values() if p.default is inspect.Parameter.empty]
    given = values[: len(required)]
    mine, theirs = cls(*given), shadow(*given)
    assert _fields_of(mine) == _fields_of(theirs)
    again = cls(*given)
    for item in dataclasses.fields(cls):
        if item.default_factory is not dataclasses.MISSING:
            assert getattr(mine, item.name) is not getattr(again, item.name)
            assert type(getattr(mine, item.name)) is type(item.default_factory())
    if SLOTTED[cls]:
        assert sorted(vars(cls)["__slots__"]) == sorted(NAMES[cls]) and not hasattr(mine, "__dict__")
    else:
        assert "__slots__" not in vars(cls) and vars(mine) == vars(theirs) == dict(
            zip(NAMES[cls], _fields_of(mine), strict=True)
        )


@pytest.mark.parametrize("cls", CLASSES, ids=lambda cls: cls.__name__)
def test_wrong_calls_fail_as_the_dataclass_s(cls: type) -> None:
    shadow, values = SHADOWS[cls], _values(cls)
    calls: list[tuple[list[Any], dict[str, Any]]] = [
        ([*values, _Value("extra")], {}),
        (values[:-1], {NAMES[cls][-2]: values[-1]}),
        ([], {"no_such_field": 1}),
        ([], {}),
    ]
    for args, kwargs in calls:
        mine, theirs = _outcome(cls, *args, **kwargs), _outcome(shadow, *args, **kwargs)
        assert mine == theirs


@pytest.mark.parametrize("cls", CLASSES, ids=lambda cls: cls.__name__)
def test_repr_equality_and_hash_are_the_dataclass_s(cls: type) -> None:
    shadow, values = SHADOWS[cls], _values(cls)
    mine, theirs = cls(*values), shadow(*values)
    assert repr(mine) == repr(theirs)
    assert hash(mine) == hash(theirs) == hash(cls(*values))
    assert mine == cls(*values) and (mine != cls(*values)) is False
    assert mine.__eq__(theirs) is NotImplemented and theirs.__eq__(mine) is NotImplemented
    assert mine != theirs and mine != tuple(values) and mine.__eq__(object()) is NotImplemented
    for position in range(len(values)):  # each field counts in equality and hashing
        changed = list(values)
        changed[position] = _Value("other")
        assert (mine == cls(*changed)) is (theirs == shadow(*changed)) is False
        assert hash(cls(*changed)) == hash(shadow(*changed))
    for compare in ("__lt__", "__le__", "__gt__", "__ge__"):  # no ordering, as dataclasses' default
        assert _outcome(getattr(mine, compare), mine) == _outcome(getattr(theirs, compare), theirs)
        with pytest.raises(TypeError):
            mine < mine  # noqa: B015,PLR0124


@pytest.mark.parametrize("cls", CLASSES, ids=lambda cls: cls.__name__)
def test_fields_are_frozen_as_the_dataclass_s(cls: type) -> None:
    shadow, values = SHADOWS[cls], _values(cls)
    mine, theirs = cls(*values), shadow(*values)
    for name in NAMES[cls]:
        assert _outcome(setattr, mine, name, 1) == _outcome(setattr, theirs, name, 1)
        assert _outcome(delattr, mine, name) == _outcome(delattr, theirs, name)
        with pytest.raises(FrozenInstanceError, match=f"cannot assign to field '{name}'"):
            setattr(mine, name, 1)
    assert _fields_of(mine) == tuple(values)
    if not SLOTTED[cls]:
        assert _outcome(setattr, mine, "other", 1) == _outcome(setattr, theirs, "other", 1)
        assert _outcome(delattr, mine, "other") == _outcome(delattr, theirs, "other")
    # A name that is no field: FrozenInstanceError here; dataclasses' own raises a TypeError from `super()`
    # on a slotted class (Python 3.11 to 3.13), as the class it names is the one before the slots.
    with pytest.raises(FrozenInstanceError, match="cannot assign to field 'other'"):
        mine.other = 1  # type: ignore[attr-defined]
    with pytest.raises(FrozenInstanceError, match="cannot delete field 'other'"):
        del mine.other  # type: ignore[attr-defined]


@pytest.mark.parametrize("cls", CLASSES, ids=lambda cls: cls.__name__)
def test_dataclasses_functions_see_the_same_class(cls: type) -> None:
    shadow, values = SHADOWS[cls], _values(cls)
    mine, theirs = cls(*values), shadow(*values)
    assert dataclasses.is_dataclass(cls) and dataclasses.is_dataclass(mine)

    def described(of: type) -> list[tuple[object, ...]]:
        return [
            (f.name, f.type, f.default, f.default_factory, f.init, f.repr, f.hash, f.compare, f.kw_only)
            for f in dataclasses.fields(of)
        ]

    assert described(cls) == described(shadow)
    assert cls.__match_args__ == shadow.__match_args__ == NAMES[cls]
    assert dataclasses.astuple(mine) == dataclasses.astuple(theirs)
    assert dataclasses.asdict(mine) == dataclasses.asdict(theirs)
    replaced = dataclasses.replace(mine, **{NAMES[cls][-1]: _Value("new")})
    assert type(replaced) is cls and _fields_of(replaced) == (*values[:-1], replaced.__getattribute__(NAMES[cls][-1]))
    assert repr(getattr(replaced, NAMES[cls][-1])) == "<new>"
    if hasattr(shadow, "__replace__"):  # Python 3.13: copy.replace
        first = {NAMES[cls][0]: 1}
        assert _fields_of(copy.replace(mine, **first)) == _fields_of(copy.replace(theirs, **first))  # type: ignore[attr-defined]
    # a match statement reads __match_args__ positionally
    match mine:
        case cls(first, second):  # type: ignore[misc]
            assert (first, second) == tuple(values[:2])
        case _:
            pytest.fail("no match")


@pytest.mark.parametrize("cls", CLASSES, ids=lambda cls: cls.__name__)
def test_copies_and_pickles_carry_every_field(cls: type) -> None:
    values: list[Any] = [Text(f"en{index}", f"id{index}") for index in range(len(NAMES[cls]))]
    mine, theirs = cls(*values), SHADOWS[cls](*values)
    for protocol in range(2, pickle.HIGHEST_PROTOCOL + 1):
        back = pickle.loads(pickle.dumps(mine, protocol=protocol))
        assert type(back) is cls and back == mine and _fields_of(back) == tuple(values)
        reduced, reference = mine.__reduce_ex__(protocol), theirs.__reduce_ex__(protocol)
        if not isinstance(mine, model._PicklesBySlots):  # as dataclasses pickles a frozen slotted class
            assert reduced[0] is reference[0] and reduced[2:] == reference[2:]
    assert copy.copy(mine) == mine and copy.deepcopy(mine) == mine
    assert _fields_of(copy.deepcopy(mine)) == _fields_of(copy.deepcopy(theirs))


def test_a_recursive_repr_stops_as_the_dataclass_s() -> None:
    data: list[Any] = []
    mine = LoadedDocument("a.yaml", 0, data, None)  # type: ignore[arg-type]
    theirs = SHADOWS[LoadedDocument]("a.yaml", 0, data, None)
    data.append(mine)
    mine_repr = repr(mine)
    data[0] = theirs
    assert mine_repr == repr(theirs) == "LoadedDocument(path='a.yaml', index=0, data=[...], source=None, findings=())"


def test_equality_compares_the_fields_as_a_tuple() -> None:
    """Equal fields, or identical ones (a tuple's rule: a NaN score equals itself), as dataclasses up to 3.12."""
    nan = float("nan")
    one = PrincipleResult(model.Principle.FAIRNESS, nan)
    assert one == PrincipleResult(model.Principle.FAIRNESS, nan)  # the same float object
    assert one != PrincipleResult(model.Principle.FAIRNESS, float("nan"))
    if sys.version_info < (3, 13):
        assert SHADOWS[PrincipleResult](model.Principle.FAIRNESS, nan) == SHADOWS[PrincipleResult](
            model.Principle.FAIRNESS, nan
        )


def test_a_field_must_have_its_parameter() -> None:
    """A field the written-out `__init__` does not take stops the import, before any test could miss it."""

    class Grown(model.Frozen):
        first: str
        second: int = 0

        def __init__(self, first: str) -> None:
            model.set_field(self, "first", first)

    with pytest.raises(TypeError, match=r"Grown.__init__ takes \('first',\), its fields are \['first', 'second'\]"):
        model._frozen(Grown, slots=True)


def test_a_class_of_the_same_fields_compares_as_the_model_s() -> None:
    """The check itself: a shadow built by hand agrees with the one derived from the fields."""

    @dataclass(frozen=True, slots=True)
    class Finding:
        rule: str
        severity: Severity
        message: Text
        pointer: str
        line: int
        column: int
        principle: model.Principle | None = None
        waiver: model.Waiver | None = None
        anchor: str | None = None
        origin: model.Origin | None = None
        file: str | None = None

    values = _values(model.Finding)
    assert repr(model.Finding(*values)) == repr(Finding(*values)).replace(Finding.__qualname__, "Finding")
    assert [f.name for f in dataclasses.fields(Finding)] == list(NAMES[model.Finding])
