"""`legal.Act`, written out by hand (issue 17, tenth part), behaves as the `@dataclass(frozen=True)` it was:
built, shown, compared, hashed, matched, copied and refused changes the same way, on every catalogue entry."""

from __future__ import annotations

import copy
import dataclasses
import itertools
import pickle
from typing import Any

import pytest

from svcstd.standard import data, legal

FIELDS = [
    ("id", str),
    ("type", str),
    ("number", str),
    ("year", int),
    ("title", str),
    ("status", legal.Status),
    ("replaced_by", tuple[str, ...]),
    ("amended_by", tuple[str, ...]),
    ("date", str | None),
    ("source", str),
    ("evidence", str),
    ("verified", bool),
]
OldAct: Any = dataclasses.make_dataclass(
    "Act",
    FIELDS,
    frozen=True,
    namespace={"name": property(lambda self: f"{self.type} {self.number}/{self.year} tentang {self.title}")},
)
"""What main's `@dataclass(frozen=True) class Act` was, made by dataclasses on this Python."""


def _values(entry: dict[str, Any]) -> dict[str, Any]:
    act = legal._act(entry)
    return {name: getattr(act, name) for name, _ in FIELDS}


ENTRIES = [_values(entry) for entry in data.load("legal_status.yaml")]
ODD = dict(ENTRIES[0], date=None, replaced_by=(), number="0", year=-1, title="", verified=False)


def _pairs() -> list[tuple[Any, Any]]:
    return [(legal.Act(**values), OldAct(**values)) for values in [*ENTRIES, ODD]]


def test_the_fields_and_their_order() -> None:
    assert [item.name for item in dataclasses.fields(OldAct)] == [item.name for item in dataclasses.fields(legal.Act)]
    assert legal.Act.__match_args__ == OldAct.__match_args__
    assert list(legal.Act.__annotations__) == list(OldAct.__annotations__)


def test_built_shown_and_read_the_same() -> None:
    for new, old in _pairs():
        assert repr(new) == repr(old)
        assert vars(new) == vars(old) and list(vars(new)) == list(vars(old))
        assert new.name == old.name
        assert hash(new) == hash(old)
    values = ENTRIES[0]
    positional = [values[name] for name, _ in FIELDS]
    assert repr(legal.Act(*positional)) == repr(OldAct(*positional))


def test_compared_the_same() -> None:
    pairs = _pairs()[:40]
    for (new_a, old_a), (new_b, old_b) in itertools.product(pairs, repeat=2):
        assert (new_a == new_b) is (old_a == old_b)
        assert (new_a != new_b) is (old_a != old_b)
    new, old = pairs[0]
    assert new == legal.Act(**vars(new)) and new is not legal.Act(**vars(new))
    assert new != old and old != new  # different classes: neither says equal, as between two dataclasses
    assert new.__eq__(old) is NotImplemented and new.__eq__(vars(new)) is NotImplemented
    other_value = {str: "x", int: 1, bool: True, tuple: ("x",), legal.Status: legal.Status.UNKNOWN}
    for name, _ in FIELDS:  # one field different: never equal, in either class
        base = dict(ENTRIES[0], date="2020-01-01", verified=False, status=legal.Status.IN_FORCE)
        changed = dict(base, **{name: other_value[type(base[name])]})
        assert changed != base
        assert (legal.Act(**base) == legal.Act(**changed)) is (OldAct(**base) == OldAct(**changed)) is False
    assert len({*(new for new, _ in pairs), *(legal.Act(**vars(new)) for new, _ in pairs)}) == len(pairs)


@pytest.mark.parametrize("name", ["id", "status", "verified", "other"])
def test_changes_are_refused_the_same(name: str) -> None:
    new, old = _pairs()[0]
    for act in (new, old):
        with pytest.raises(dataclasses.FrozenInstanceError) as assigned:
            setattr(act, name, "x")
        with pytest.raises(dataclasses.FrozenInstanceError) as deleted:
            delattr(act, name)
        assert str(assigned.value) == f"cannot assign to field {name!r}"
        assert str(deleted.value) == f"cannot delete field {name!r}"
    assert repr(new) == repr(old)


def test_wrong_arguments_are_refused_the_same() -> None:
    values = ENTRIES[0]
    for cls in (legal.Act, OldAct):
        with pytest.raises(TypeError, match="verified"):
            cls(**{key: value for key, value in values.items() if key != "verified"})
        with pytest.raises(TypeError, match="unexpected keyword argument 'extra'"):
            cls(**values, extra=1)
        with pytest.raises(TypeError, match="positional argument"):
            cls(*values.values(), 1)


def test_matched_copied_and_pickled() -> None:
    new, _ = _pairs()[0]
    match new:
        case legal.Act(act_id, kind, number, year, title=title):
            assert (act_id, kind, number, year, title) == (new.id, new.type, new.number, new.year, new.title)
        case _:
            pytest.fail("no match")
    for made in (copy.copy(new), copy.deepcopy(new), pickle.loads(pickle.dumps(new))):
        assert made == new and repr(made) == repr(new) and type(made) is legal.Act


def test_the_catalogue_is_what_the_dataclass_gave() -> None:
    acts = legal.catalogue()
    assert [repr(act) for act in acts.values()] == [repr(OldAct(**values)) for values in ENTRIES]
    assert list(acts) == [values["id"] for values in ENTRIES]
