"""The steps of a procedure as the rules walk them: branches (`when`/`then`, format 1.1) opened in reading order."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any, NamedTuple


class Step(NamedTuple):
    """One step, where it is (a JSON Pointer), and its number as a reader counts it (`3`, or `3.1` in a branch)."""

    pointer: str
    number: str
    step: Mapping[str, Any]


def every_step(steps: Sequence[object], pointer: str, prefix: str = "") -> Iterator[Step]:
    """Each step mapping, depth first: a branch step, then the steps of its `then`. Text steps are skipped."""
    for index, item in enumerate(steps):
        if not isinstance(item, Mapping):
            continue
        here, number = f"{pointer}/{index}", f"{prefix}{index + 1}"
        yield Step(here, number, item)
        branch = item.get("then")
        if isinstance(branch, list):
            yield from every_step(branch, f"{here}/then", f"{number}.")


def procedure_steps(doc: Mapping[str, Any]) -> Iterator[Step]:
    """Every step of `delivery.procedure`, nested ones included (none when the procedure is missing)."""
    procedure = doc.get("delivery", {}).get("procedure", {})
    return every_step(procedure.get("steps", []), "/delivery/procedure/steps")


def all_steps(doc: Mapping[str, Any]) -> tuple[Step, ...]:
    """`procedure_steps` as a tuple: what rules share (rules.facts) instead of walking the steps each.

    The same steps in the same order, collected by a plain loop into one list (a generator per branch, its
    `yield from` and a Step made through its Python `__new__` cost ~2 µs a step; real documents have ~10).
    """
    procedure = doc.get("delivery", {}).get("procedure", {})
    found: list[Step] = []
    _collect(procedure.get("steps", []), "/delivery/procedure/steps/", "", found)
    return tuple(found)


def _collect(steps: Sequence[object], pointer: str, prefix: str, found: list[Step]) -> None:
    """`every_step(steps, pointer[:-1], prefix)` appended to `found` (`pointer` ends in `/`)."""
    make, add = tuple.__new__, found.append
    for index, item in enumerate(steps):
        if type(item) is dict or isinstance(item, Mapping):
            here, number = pointer + str(index), prefix + str(index + 1)
            add(make(Step, (here, number, item)))
            branch = item.get("then")
            if branch is not None and isinstance(branch, list):
                _collect(branch, here + "/then/", number + ".", found)


def label(step: Mapping[str, Any]) -> str:
    """`Petugas loket: Memeriksa berkas`; a passive step is its action alone; a branch is its condition."""
    action = step.get("action") or step.get("when", "")
    return f"{step['actor']}: {action}" if "actor" in step else str(action)


def legal_texts(entry: object) -> tuple[str, ...]:
    """The texts a legal-basis item cites by: a plain string (1.1), or `title`, `ref` and `type number/year`."""
    if isinstance(entry, str):
        return (entry,)
    if not isinstance(entry, Mapping):
        return ()
    texts = [str(entry["title"])] + ([str(entry["ref"])] if "ref" in entry else [])
    if "number" in entry and "year" in entry:
        texts.append(f"{entry.get('type', '')} {entry['number']} Tahun {entry['year']}".strip())
    return tuple(texts)
