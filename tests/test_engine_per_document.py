"""What the engine does once per run instead of per rule and per document gives the same findings and outcomes.

Issue 17, tenth part: `evaluate` walks a schedule per kind of document (the full-standard rules are left out of a
published sheet's, every outcome starts as not applicable), asks each component path once per document, places a
pointer once per document, and makes a graded failure's outcome without the named tuple's `__new__`;
`Rule.format_message` fills short texts and ints as given; `facts.shared` derives on a missed look-up without an
exception, and `facts.judging` is a class. Each is held against the plain code it replaces.
"""

from __future__ import annotations

import copy
import random
import threading
from collections.abc import Iterator, Mapping
from datetime import date
from types import MappingProxyType
from typing import Any

import pytest
import yaml

from svcstd.config.settings import RuleSettings, Settings
from svcstd.i18n import bilingual
from svcstd.judge import normalised
from svcstd.model import LoadedDocument, Principle, Severity, Text
from svcstd.reading.loader import load_bytes, load_text
from svcstd.rules import BUILTIN_RULES, base
from svcstd.rules.base import Hit, Rule, quoted
from svcstd.scoring import engine
from svcstd.scoring.engine import evaluate
from svcstd.scoring.scores import Outcome, Status
from svcstd.standard import facts, words
from svcstd.standard.kinds import is_full_standard
from tests.conftest import ROOT
from tests.test_judging_once import _waiver, reference_evaluate

AS_OF = date(2026, 11, 27)
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
FIXTURES = sorted((ROOT / "tests" / "fixtures" / "real").glob("*.yaml"))[:8]


def _variants(data: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """The document as it is, as each kind, without `manufacturing`, without each delivery component, with waivers."""
    yield data
    yield {**data, "kind": "published_sheet"}
    yield {**data, "kind": "standard"}
    yield {key: value for key, value in data.items() if key not in ("manufacturing", "kind")}
    delivery = data.get("delivery")
    if isinstance(delivery, dict):
        for key in delivery:
            yield {**data, "delivery": {k: v for k, v in delivery.items() if k != key}}
    yield {
        **data,
        "waivers": [
            _waiver("SIM001", "2027-06-30"),  # live, for a rule that fails on most documents
            _waiver("TRA090", "2027-06-30"),  # live, for a rule that passes on most
            _waiver("ACC004", "2026-01-31"),  # expired
            _waiver("SIM999", "2027-06-30"),  # unknown
        ],
    }


def _documents() -> list[LoadedDocument]:
    found = []
    for path in EXAMPLES + FIXTURES:
        for doc in load_bytes(path.read_bytes(), path.name):
            if not isinstance(doc.data, dict):
                continue
            for variant in _variants(copy.deepcopy(normalised(doc).data)):
                text = yaml.safe_dump(variant, allow_unicode=True, sort_keys=False)
                found.append(normalised(load_text(text, path.name)[0]))
    return found


DOCUMENTS = _documents()

SETTINGS = {
    "default": Settings(),
    "verbose": Settings(verbose=True),
    "adjusted": Settings(
        ignore=("SUS",),
        rules={"SIM001": RuleSettings(severity=Severity.ERROR, weight=7), "ACC013": RuleSettings(weight=0)},
    ),
    "selected": Settings(select=("ACC", "SIM00", "MFG"), verbose=True),
}


def test_the_documents_are_of_both_kinds() -> None:
    kinds = [is_full_standard(doc.data) for doc in DOCUMENTS]  # type: ignore[arg-type]
    assert kinds.count(True) > 20 and kinds.count(False) > 20


@pytest.mark.parametrize("name", SETTINGS)
def test_the_engine_finds_what_the_reference_engine_found_on_every_kind(name: str) -> None:
    settings = SETTINGS[name]
    for doc in DOCUMENTS:
        got = evaluate(doc, BUILTIN_RULES, settings, AS_OF)
        assert got == reference_evaluate(doc, BUILTIN_RULES, settings, AS_OF)
        assert [type(outcome) for outcome in got.outcomes] == [Outcome] * len(got.outcomes)


def test_a_schedule_leaves_out_only_what_cannot_apply_to_its_kind() -> None:
    settings = Settings()
    plan, _, (sheet, full) = engine._run(BUILTIN_RULES, settings, AS_OF)
    for schedule, is_full in ((sheet, False), (full, True)):
        assert schedule.outcomes == [each.skipped for each in plan]
        kept = [step.place for step in schedule.steps]
        assert kept == sorted(kept)
        assert kept == [i for i, each in enumerate(plan) if is_full or not each.full_only]
        for step in schedule.steps:
            each = plan[step.place]
            assert (step.rule, step.id, step.check, step.applies) == (each.rule, each.id, each.check, each.applies)
            assert (schedule.paths[step.slot] if step.slot is not None else ()) == each.paths
    assert len(sheet.steps) < len(full.steps) == len(plan)


def _rule(rule_id: str, hits: list[Hit], items: int | None = None) -> Rule:
    def check(doc: Mapping[str, Any], ctx: Any) -> Iterator[Hit]:
        yield from hits

    return Rule(
        id=rule_id,
        principle=Principle.TRANSPARENCY,
        severity=Severity.WARNING,
        weight=3,
        title=Text("t", "t"),
        message=Text("At {where}.", "Di {where}."),
        fix=Text("f", "f"),
        rationale=Text("r", "r"),
        reference=Text("x", "x"),
        check=check,
        items=None if items is None else (lambda doc, ctx: items),
    )


def test_a_pointer_placed_twice_is_placed_at_its_key_and_at_its_value_as_asked() -> None:
    """Places are remembered per document apart for the key and the value of a pointer."""
    text = 'svcstd: "1.0"\nid: kota-x/a\nprovider:\n  name: Dinas\n  unit:\n    name: Loket\nlist:\n  - a\n  - b\n'
    doc = normalised(load_text(text, "a.yaml")[0])
    pointers = ["/provider/unit", "/provider/unit/name", "/list/1", "/nowhere", ""]
    rules = tuple(
        _rule(
            f"X{n:03d}",
            [Hit(p, {"where": p or "root"}, at_key=(n + i) % 2 == 0, items=1) for i, p in enumerate(pointers)],
            items=9,
        )
        for n in range(4)
    )
    got = evaluate(doc, rules, Settings(), AS_OF)
    assert got == reference_evaluate(doc, rules, Settings(), AS_OF)
    places = {(f.pointer, f.line, f.column) for f in got.findings}
    assert ("/provider/unit", 5, 3) in places and ("/provider/unit", 6, 5) in places  # key, then value
    assert got.outcomes[0].credit == pytest.approx(4 / 9)


VALUES: list[object] = [0, 5, True, 0.5, "", "KTP", "a" * 200, "b" * 201, "c" * 301, Text("en", "id")]


class _Str(str):
    def __format__(self, spec: str) -> str:
        return "formatted"


class _Int(int):
    def __format__(self, spec: str) -> str:
        return "formatted"


@pytest.mark.parametrize("value", [*VALUES, _Str("x"), _Int(3)], ids=repr)
def test_a_message_is_what_bilingual_fills(monkeypatch: pytest.MonkeyPatch, value: object) -> None:
    monkeypatch.setattr(base, "_FILLED", {})
    rule = next(r for r in BUILTIN_RULES if "{" in r.message.en)
    names = sorted({name for text in rule.message for name in _names(text)})
    for params in (
        dict.fromkeys(names, value),
        MappingProxyType(dict.fromkeys(names, value)),
        {**dict.fromkeys(names, "KTP"), names[0]: value},
    ):
        expected = bilingual(rule.message, **{key: quoted(item) for key, item in params.items()})
        assert rule.format_message(params) == expected
        assert rule.format_message(params) == expected  # remembered or not, the same


def test_a_remembered_message_keeps_the_type_of_its_parameters(monkeypatch: pytest.MonkeyPatch) -> None:
    """`1`, `True` and `1.0` are equal keys in a dict: only exact texts and ints are remembered, so each is
    filled as itself whatever came first."""
    monkeypatch.setattr(base, "_FILLED", {})
    rule = _rule("X001", [])
    for value, shown in ((1, "1"), (True, "True"), (1.0, "1.0"), (1, "1"), (_Int(1), "formatted")):
        assert rule.format_message({"where": value}) == Text(f"At {shown}.", f"Di {shown}.")


def _names(text: str) -> Iterator[str]:
    import string

    return (name for _, name, _, _ in string.Formatter().parse(text) if name)


def test_a_derivation_that_fails_is_not_kept() -> None:
    calls: list[int] = []

    def derive(doc: Mapping[str, Any]) -> int:
        calls.append(1)
        if len(calls) == 1:
            raise ValueError("first")
        return len(calls)

    doc = {"a": 1}
    with facts.judging(doc):
        with pytest.raises(ValueError):
            facts.shared(doc, derive)
        assert facts.shared(doc, derive) == facts.shared(doc, derive) == 2
    assert len(calls) == 2


def test_a_derivation_may_ask_for_another() -> None:
    made: list[str] = []

    def inner(doc: Mapping[str, Any]) -> int:
        made.append("inner")
        return 2

    def outer(doc: Mapping[str, Any]) -> int:
        made.append("outer")
        return facts.shared(doc, inner) + 1

    doc = {"a": 1}
    with facts.judging(doc):
        assert facts.shared(doc, outer) == 3
        assert facts.shared(doc, inner) == 2
        assert facts.shared(doc, outer) == 3
    assert made == ["outer", "inner"]


def test_judging_ends_its_memo_when_the_block_raises() -> None:
    doc = {"a": 1}
    with pytest.raises(RuntimeError), facts.judging(doc):
        assert facts._current.get() is not None
        raise RuntimeError
    assert facts._current.get() is None
    with facts.judging(doc):
        memo = facts._current.get()
        with facts.judging(doc):  # the same document: the outer memo serves
            assert facts._current.get() is memo
        assert facts._current.get() is memo
    assert facts._current.get() is None


def test_judging_in_threads_keeps_each_memo_apart() -> None:
    seen: dict[str, object] = {}

    def judge(name: str) -> None:
        doc = {"name": name}
        with facts.judging(doc):
            seen[name] = facts.shared(doc, lambda d: d["name"])

    threads = [threading.Thread(target=judge, args=(f"t{i}",)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert seen == {f"t{i}": f"t{i}" for i in range(4)}


def test_an_outcome_made_by_its_slots_is_the_named_tuple() -> None:
    made = engine._new_outcome(Outcome, ("X001", Principle.TRANSPARENCY, 3, Status.FAILED, 0.25, True))
    assert type(made) is Outcome
    assert made == Outcome("X001", Principle.TRANSPARENCY, 3, Status.FAILED, 0.25, True)
    assert repr(made) == repr(Outcome("X001", Principle.TRANSPARENCY, 3, Status.FAILED, 0.25, True))


@pytest.mark.parametrize("limit", [2048, 7, 1])
def test_a_remembered_search_finds_what_the_pattern_finds(monkeypatch: pytest.MonkeyPatch, limit: int) -> None:
    """Texts searched again (short and long, ASCII and not, a `str` subclass) get the pattern's own match, with
    the memo of each search emptied every `limit` texts."""
    from tests.test_quick_search import PATTERNS, _texts

    monkeypatch.setattr(words, "_REMEMBERED_SEARCHES", limit)
    for name, pattern in sorted(PATTERNS.items()):
        quick = words.quick_search(pattern)
        texts = _texts(pattern, seed=len(name), count=300)
        texts += [text * 40 for text in texts[:60]]  # longer than `_REMEMBERED`: searched each time
        texts += [_Str(text) for text in texts[:30]]
        rng = random.Random(limit)
        again = texts * 3
        rng.shuffle(again)
        matched = 0
        for text in again:
            expected = pattern.search(text)
            found = quick(text)
            assert (found and (found.span(), found.group(), found.groups())) == (
                expected and (expected.span(), expected.group(), expected.groups())
            ), text
            matched += expected is not None
        assert 0 < matched < len(again)
