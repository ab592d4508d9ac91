"""Issue 17's eleventh part: work that is the same for every document of a run is done once, with the same answers.

ACC008 normalised its 36 exempt roles (an option, so the same all run) for every document; SIM006 tested and
converted each completion time several times per route. The code they replaced is kept below and compared with
the new on the examples, the real fixtures, derandomised variants and odd values.
"""

from __future__ import annotations

import copy
import math
import random
from collections.abc import Iterable, Iterator, Mapping
from types import MappingProxyType
from typing import Any

import pytest

from svcstd.rules import accountability, simplicity
from svcstd.rules.base import Hit, RuleContext, leads
from svcstd.rules.simplicity import normalise
from svcstd.standard import durations
from svcstd.standard.durations import completion_durations, is_measured, upper_minutes
from svcstd.standard.steps import all_steps
from tests.test_rule_costs import DOCUMENTS, context, hits, timed_variants, variants

# The code as it was -------------------------------------------------------------------------------------------


class OldPromises:
    """`simplicity._Promises` before the eleventh part."""

    def __init__(self, completion: Iterable[Mapping[str, Any]]) -> None:
        self._times = [time for time in completion if is_measured(time)]
        self._by_case: dict[str, Mapping[str, Any]] = {}
        for time in self._times:
            case = normalise(time.get("when", ""))
            best = self._by_case.get(case)
            if best is None or upper_minutes(time) > upper_minutes(best):
                self._by_case[case] = time
        self._longest: Mapping[str, Any] | None = None

    def of(self, case: str | None) -> Mapping[str, Any]:
        matching = self._by_case.get(normalise(case)) if case is not None else None
        if matching is not None:
            return matching
        if self._longest is None:
            self._longest = max(self._times, key=upper_minutes)
        return self._longest


def old_acc008(doc: Mapping[str, Any], ctx: RuleContext) -> Iterator[Hit]:
    """ACC008 before the eleventh part: the exempt roles normalised for each document."""
    normal = accountability.normalise
    exempt = tuple(normal(role) for role in (*ctx.options["applicant_roles"], *ctx.options["official_roles"]))
    staffed = accountability._staffed_roles(doc)
    role_words = accountability.staff_words(staffed)
    for found in all_steps(doc):
        if "actor" not in found.step or "agency" in found.step:
            continue
        actor = normal(found.step["actor"])
        if not accountability.matches_staff(actor, staffed, role_words) and not accountability._is_applicant(
            actor, exempt
        ):
            yield Hit(f"{found.pointer}/actor", {"actor": found.step["actor"], "number": found.number})


# ACC008 -------------------------------------------------------------------------------------------------------

ROLE_SETS: list[tuple[list[str], list[str]]] = [
    (["Pemohon"], ["Kepala"]),
    (["Petugas loket"], []),  # the applicants named as staff: every actor with those words is exempt
    ([], ["Kepala Seksi", "Petugas Arsip"]),
    (["PEMOHON / Kuasa", "  pasien  "], ["kepala-dinas", "Operator"]),
    (["Petugas"], ["Sistem"]),
]


def acc008_documents() -> list[dict[str, Any]]:
    return [
        doc
        for doc in [*DOCUMENTS, *variants(8, 200)]
        if leads(doc, (("delivery", "procedure"), ("manufacturing", "staff_count")))
    ]


def test_acc008_finds_what_it_found_with_the_roles_normalised_per_document() -> None:
    documents = acc008_documents()
    default = context("ACC008")
    found = 0
    for doc in documents:
        expected = list(old_acc008(doc, default))
        assert hits("ACC008", doc, default) == expected
        found += len(expected)
    assert found > 20


@pytest.mark.parametrize(("applicants", "officials"), ROLE_SETS)
def test_acc008_with_other_roles_each_run(applicants: list[str], officials: list[str]) -> None:
    """Options change between runs (configuration): each set of roles gets its own normalisation."""
    ctx = context("ACC008", applicant_roles=applicants, official_roles=officials)
    differing = 0
    default = context("ACC008")
    for doc in acc008_documents():
        expected = list(old_acc008(doc, ctx))
        assert hits("ACC008", doc, ctx) == expected
        differing += expected != list(old_acc008(doc, default))
        assert hits("ACC008", doc, default) == list(old_acc008(doc, default))  # alternating runs share no entry
    assert differing > 0


def test_exempt_roles_are_the_roles_normalised() -> None:
    roles: list[tuple[Any, ...]] = [
        (),
        ("Pemohon",),
        ("Pemohon", "Pemohon"),
        ("PEMOHON",),
        ("Kepala Dinas/Badan", "Sistem-Informasi", "  x  ", ""),
        tuple(f"Peran {i}" for i in range(100)),
        (type("Role", (str,), {})("Pemohon Baru"),),
    ]
    for _ in range(2):  # made, then remembered
        for given in roles:
            assert accountability._exempt_roles(given) == tuple(accountability.normalise(r) for r in given)


def test_exempt_roles_memo_is_bounded_and_still_right_after_it_is_emptied() -> None:
    for i in range(300):
        given = (f"Pemohon {i}", f"Kepala {i % 7}")
        assert accountability._exempt_roles(given) == tuple(accountability.normalise(r) for r in given)
        assert len(accountability._EXEMPT) <= 64
    assert accountability._exempt_roles(("Pemohon 3",)) == ("pemohon 3",)


def test_exempt_roles_that_cannot_be_keys_fail_as_before() -> None:
    class Unhashable(str):
        __hash__ = None  # type: ignore[assignment]

    given = (Unhashable("Pemohon"), "Kepala Dinas")
    with pytest.raises(TypeError):
        tuple(accountability.normalise(r) for r in given)  # `folded` remembers by the text
    with pytest.raises(TypeError):
        accountability._exempt_roles(given)  # type: ignore[arg-type]
    assert not any(given == key for key in accountability._EXEMPT)


def test_exempt_roles_that_are_not_text_fail_as_before() -> None:
    with pytest.raises(TypeError):
        tuple(accountability.normalise(r) for r in (1,))  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        accountability._exempt_roles((1,))  # type: ignore[arg-type]


# SIM006 -------------------------------------------------------------------------------------------------------

ODD_DURATIONS: list[Any] = [
    None,
    "2 hari",
    [],
    {},
    {"unit": "days"},
    {"value": 2},
    {"value": 2, "unit": "fortnights"},
    {"value": 2, "unit": "days"},
    {"value": 2.5, "unit": "hours"},
    {"value": True, "unit": "minutes"},
    {"min": 1, "unit": "days"},
    {"max": 3, "unit": "days"},
    {"min": 1, "max": 3, "unit": "working_days"},
    {"min": 1, "max": 3, "value": 7, "unit": "months"},
    {"value": 7, "max": 2, "unit": "years"},
    {"value": 0, "unit": "days"},
    {"value": -1, "unit": "days"},
    {"value": 1e308, "unit": "years"},
    {"value": math.inf, "unit": "days"},
    {"value": math.nan, "unit": "days"},
    {"value": 10**30, "unit": "minutes"},
    {"value": "3", "unit": "days"},
    {"text": "Sesuai SLA"},
    {"text": "Sesuai SLA", "unit": "days"},
    MappingProxyType({"value": 4, "unit": "hours"}),
    MappingProxyType({"text": "x"}),
]


def plain_upper(duration: Any) -> float | None:
    return upper_minutes(duration) if is_measured(duration) else None


@pytest.mark.parametrize("duration", ODD_DURATIONS, ids=repr)
def test_upper_is_is_measured_and_upper_minutes(duration: Any) -> None:
    expected = plain_upper(duration)
    got = durations.measured_upper(duration)
    if expected is None or math.isnan(expected):
        assert (got is None) == (expected is None)
        assert expected is None or math.isnan(got)  # type: ignore[arg-type]
    else:
        assert got == expected
        assert type(got) is float


def test_upper_fails_where_is_measured_fails() -> None:
    for duration in ({"value": 1, "unit": ["days"]}, MappingProxyType({"value": 1, "unit": {}})):
        with pytest.raises(TypeError):
            plain_upper(duration)
        with pytest.raises(TypeError):
            durations.measured_upper(duration)


def completion_lists(seed: int, count: int) -> Iterator[list[Any]]:
    rng = random.Random(seed)
    cases = [None, "baru", "Baru", "hilang", " hilang ", "rusak"]
    for _ in range(count):
        times = []
        for _ in range(rng.randint(1, 6)):
            duration = dict(rng.choice(ODD_DURATIONS[4:-2]))
            if (case := rng.choice(cases)) is not None:
                duration["when"] = case
            times.append(duration)
        yield times


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_promises_are_the_old_ones(seed: int) -> None:
    """The same completion time (by identity) for every case, ties and NaN included, and its upper minutes."""
    asked = [None, "baru", "BARU", "hilang", "rusak", "lain", ""]
    compared = 0
    for times in completion_lists(seed, 400):
        if not any(is_measured(t) for t in times):
            continue
        old, new = OldPromises(times), simplicity._Promises(times)
        for case in rng_order(asked, seed):
            promised, limit = new.timed(case)
            assert promised is old.of(case)
            assert new.of(case) is promised
            expected = upper_minutes(promised)
            assert limit == expected or (math.isnan(limit) and math.isnan(expected))
            compared += 1
    assert compared > 1000


def rng_order(items: list[Any], seed: int) -> list[Any]:
    shuffled = list(items)
    random.Random(seed).shuffle(shuffled)
    return shuffled


@pytest.mark.parametrize("seed", [4, 5])
def test_sim006_on_completion_lists_of_odd_times(seed: int) -> None:
    """SIM006 with the old promises swapped back in finds the same (the rule's other parts are tested elsewhere)."""
    ctx = context("SIM006")
    rng = random.Random(seed)
    lists = completion_lists(seed, 10_000)
    found = 0
    for variant in timed_variants(seed, 150):
        doc = copy.deepcopy(variant)  # a variant shares parts with the real documents other tests read
        delivery = doc.get("delivery")
        if not isinstance(delivery, dict) or "completion_time" not in delivery:
            continue
        if rng.random() < 0.5:
            delivery["completion_time"] = next(lists)
        if not leads(doc, (("delivery", "procedure"), ("delivery", "completion_time"))):
            continue
        expected = old_sim006_hits(doc, ctx)
        assert hits("SIM006", doc, ctx) == expected
        found += len(expected)
    assert found > 10


def old_sim006_hits(doc: Mapping[str, Any], ctx: RuleContext) -> list[Hit]:
    promises = simplicity._Promises

    class Old(OldPromises):
        def timed(self, case: str | None) -> tuple[Mapping[str, Any], float]:
            promised = self.of(case)
            return promised, upper_minutes(promised)

    simplicity._Promises = Old  # type: ignore[misc]
    try:
        return hits("SIM006", doc, ctx)
    finally:
        simplicity._Promises = promises  # type: ignore[misc]


def test_completion_durations_still_feed_the_promises() -> None:
    for doc in DOCUMENTS:
        completion = doc.get("delivery", {}).get("completion_time")
        if completion is None:
            continue
        times = completion_durations(completion)
        if any(is_measured(t) for t in times):
            assert simplicity._Promises(times).of(None) is OldPromises(times).of(None)
