"""The cheaper rules of issue 17's seventh part find what the plain code they replace found, hit for hit.

Each plain version below is the rule's code as it was before the change; the tests run both on the examples,
the real fixtures and many derandomised variants of them (steps, requirements and texts added, cut and
changed) and compare every hit: pointer, parameters, place, item count and the per-item hits of `--verbose`.
"""

from __future__ import annotations

import copy
import dataclasses
import json
import math
import random
from collections.abc import Iterator, Mapping
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from svcstd.config.settings import Settings
from svcstd.judge import normalised
from svcstd.model import Text
from svcstd.reading.loader import load_bytes
from svcstd.rules import accountability, complaints, fairness, rules_by_id, simplicity
from svcstd.rules.base import Each, Hit, RuleContext, leads
from svcstd.rules.complaints import _steps, complaint_elements, is_complaint_service, names_handler
from svcstd.rules.facts import judging
from svcstd.rules.routes import Routes
from svcstd.rules.simplicity import _longest_sentence, _path_label, _paths
from svcstd.scoring.engine import evaluate
from svcstd.standard.durations import completion_durations, is_measured, upper_minutes
from svcstd.standard.facts import json_text
from svcstd.standard.steps import Step, all_steps, procedure_steps
from svcstd.standard.words import needed_words
from tests.test_quick_search import _texts

ROOT = Path(__file__).resolve().parent.parent
RULES = rules_by_id()
AS_OF = date(2026, 11, 27)


def context(rule_id: str, **options: object) -> RuleContext:
    return RuleContext({**RULES[rule_id].options, **options}, AS_OF)


def real_documents() -> list[dict[str, Any]]:
    """Every document of the examples and the real fixtures, read and normalised as `judge` reads them."""
    documents = []
    for path in sorted([*ROOT.glob("examples/*.yaml"), *ROOT.glob("tests/fixtures/real/*.yaml")]):
        for doc in load_bytes(path.read_bytes(), path.name):
            if isinstance(doc.data, dict):
                documents.append(normalised(doc).data)
    return documents


DOCUMENTS = real_documents()
WORDS = ["Petugas", "loket", "memeriksa", "berkas", "dan", "data.", "Pemohon;", "x", "KTP-el", "SIAK!", "é"]


def text(rng: random.Random, words: int) -> str:
    spaces = [" ", " ", " ", "\n", "  ", "\t", "\u3000"]
    return "".join(rng.choice(WORDS) + rng.choice(spaces) for _ in range(words)).strip(rng.choice(["", " "]))


def variants(seed: int, count: int) -> Iterator[dict[str, Any]]:
    """The real documents, then copies with steps and requirements added, cut, reordered and reworded."""
    rng = random.Random(seed)
    yield from DOCUMENTS
    for _ in range(count):
        doc = copy.deepcopy(rng.choice(DOCUMENTS))
        delivery = doc.get("delivery", {})
        steps = delivery.get("procedure", {}).get("steps")
        if isinstance(steps, list) and steps:
            for _ in range(rng.randint(0, 12)):
                step = copy.deepcopy(rng.choice(steps))
                if isinstance(step, dict):
                    if rng.random() < 0.5:
                        step["action"] = text(rng, rng.randint(1, 45))
                    for key, values in (("when", ["baru", "hilang"]), ("channel", ["online", "in_person"])):
                        if rng.random() < 0.3:
                            step[key] = rng.choice(values)
                        elif rng.random() < 0.2:
                            step.pop(key, None)
                steps.insert(rng.randint(0, len(steps)), step)
            del steps[rng.randint(0, len(steps)) :][: rng.randint(0, 3)]
            rng.shuffle(steps)
        requirements = delivery.get("requirements")
        if isinstance(requirements, list) and requirements:
            for requirement in requirements:
                if isinstance(requirement, dict) and rng.random() < 0.3:
                    requirement["name"] = text(rng, rng.randint(1, 40))
        yield doc


def hits(rule_id: str, doc: Mapping[str, Any], ctx: RuleContext) -> list[Hit]:
    rule = RULES[rule_id]
    if rule.applies is not None and not rule.applies(doc, ctx):
        return []
    with judging(doc):
        return list(rule.check(doc, ctx))


# The plain versions -------------------------------------------------------------------------------------------


def plain_sim004(doc: Mapping[str, Any], ctx: RuleContext) -> Iterator[Hit]:
    limit = int(ctx.options["max_steps"])
    steps = list(doc["delivery"]["procedure"]["steps"])
    routes = Routes(steps)
    flagged: set[int] = set()
    for path in _paths(steps):
        count = routes.count(path)
        index = routes.nth(path, limit) if count > limit else None
        if index is not None and index not in flagged:
            flagged.add(index)
            params = {"count": count, "max": limit, **_path_label(path)}
            yield Hit(f"/delivery/procedure/steps/{index}", params)


def plain_sim007(doc: Mapping[str, Any], ctx: RuleContext) -> Iterator[Hit]:
    def wordy_texts() -> Iterator[tuple[str, str]]:
        for index, requirement in enumerate(doc["delivery"].get("requirements", [])):
            yield f"/delivery/requirements/{index}/name", requirement["name"]
        for found in all_steps(doc):
            if "action" in found.step:
                yield f"{found.pointer}/action", found.step["action"]

    limit = int(ctx.options["max_words"])
    for pointer, value in wordy_texts():
        if len(value.split()) <= limit:
            continue
        words = _longest_sentence(value)
        if words > limit:
            yield Hit(pointer, {"words": words, "max": limit})


def plain_sim006(doc: Mapping[str, Any], ctx: RuleContext) -> Iterator[Hit]:
    promised_all = completion_durations(doc["delivery"]["completion_time"])
    steps = list(doc["delivery"]["procedure"]["steps"])
    if not (any(is_measured(s.get("duration")) for s in steps) and any(is_measured(t) for t in promised_all)):
        return
    timed = Routes(steps, where=lambda step: is_measured(step.get("duration")))
    minutes = {i: upper_minutes(step["duration"]) for i, step in enumerate(steps) if is_measured(step.get("duration"))}
    promises = simplicity._Promises(promised_all)
    sums = simplicity._group_sums(minutes, timed)
    flagged: set[int] = set()
    routes: dict[Any, None] = {(None, None): None}
    for step in steps:
        channel, case = step.get("channel"), step.get("when")
        routes.update({(channel, None): None, (None, case): None, (channel, case): None})
    for path in routes:
        promised = promises.of(path[1])
        limit = upper_minutes(promised)
        fits = simplicity._fits(sums, timed, path, limit)
        index = None if fits else simplicity._first_overrun(minutes, timed, path, limit)
        if index is not None and index not in flagged:
            flagged.add(index)
            params = simplicity._overrun_params(minutes, timed, path, promised)
            yield Hit(f"/delivery/procedure/steps/{index}/duration", params)


def plain_complaint_elements(
    complaints: Mapping[str, Any], format_1_1: bool, doc: Mapping[str, Any] | None = None
) -> list[tuple[str, str]]:
    channels = [channel for channel in complaints.get("channels", []) if isinstance(channel, Mapping)]
    steps = [*_steps(complaints.get("procedure")), *(s for c in channels for s in _steps(c.get("steps")))]
    own = doc is not None and is_complaint_service(doc)
    delivery = doc.get("delivery", {}) if doc is not None else {}
    own_steps = list(_steps(delivery.get("procedure", {}).get("steps"))) if own else []
    actors = [str(step.get("actor", "")) for step in (*steps, *own_steps)]
    missing: list[tuple[str, str]] = []
    if not channels:
        missing.append(("the means of complaint (`channels`)", "sarana pengaduan (`channels`)"))
    if not names_handler(complaints, actors):
        missing.append(("who handles complaints (`handler`)", "pelaksana pengelola pengaduan (`handler`)"))
    has_procedure = bool(complaints.get("procedure")) or any(c.get("steps") for c in channels) or bool(own_steps)
    if format_1_1 and not has_procedure:
        missing.append(
            (
                "the procedure of handling and following up a complaint (`procedure`)",
                "tata cara penanganan pengaduan dan tindak lanjutnya (`procedure`)",
            )
        )
    own_time = own and bool(delivery.get("completion_time"))
    if "response_time" not in complaints and not complaints.get("times") and not own_time:
        missing.append(("a time limit (`response_time` or `times`)", "batas waktu (`response_time` atau `times`)"))
    return missing


def complaint_variants(seed: int, count: int) -> Iterator[dict[str, Any]]:
    """`variants` with complaint handling cut down (handler, procedure, times, channels, persons, actors left
    out or changed) and some services made complaint handling themselves."""
    rng = random.Random(seed)
    for original in variants(seed, count):
        doc = copy.deepcopy(original)  # the real documents come first: changed, they would change every later test
        delivery = doc.get("delivery", {})
        complaints = delivery.get("complaints")
        if isinstance(complaints, dict):
            for key in ("handler", "procedure", "times", "response_time", "channels"):
                if rng.random() < 0.4:
                    complaints.pop(key, None)
            for channel in complaints.get("channels", []):
                if isinstance(channel, dict) and rng.random() < 0.3:
                    channel["person"] = rng.choice(["Call Center ", "Petugas Pengaduan", "hotline"])
            if rng.random() < 0.3:
                complaints["procedure"] = [
                    {"actor": rng.choice(["Pemohon", "Petugas pengaduan", "", "Masyarakat"]), "action": "Mengadu"},
                    "Pengaduan dicatat",
                ]
        if rng.random() < 0.3:
            doc["title"] = "Standar Pelayanan Pengaduan Masyarakat"
        if rng.random() < 0.2:
            delivery.pop("completion_time", None)
        yield doc


# The tests ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("limit", [0, 1, 2, 3, 5, 10])
def test_sim004_finds_what_the_plain_walk_found(limit: int) -> None:
    ctx = context("SIM004", max_steps=limit)
    compared = 0
    for doc in variants(limit, 150):
        if RULES["SIM004"].applies(doc, ctx):  # type: ignore[misc]
            assert hits("SIM004", doc, ctx) == list(plain_sim004(doc, ctx))
            compared += 1
    assert compared > 100


def timed_variants(seed: int, count: int) -> Iterator[dict[str, Any]]:
    """`variants` with durations on steps (minutes to working days, ranges, text only, zero, huge) and cases."""
    rng = random.Random(seed)
    units = ["minutes", "hours", "days", "working_days", "months"]
    for doc in variants(seed, count):
        delivery = doc.get("delivery", {})
        steps = delivery.get("procedure", {}).get("steps")
        if isinstance(steps, list) and "completion_time" in delivery and rng.random() < 0.8:
            for step in steps:
                if isinstance(step, dict) and rng.random() < 0.7:
                    value = rng.choice([0, 0.1, 0.2, 1, 1 / 3, 2, 5, 15, 60, 1e9])
                    step["duration"] = rng.choice(
                        [
                            {"value": value, "unit": rng.choice(units)},
                            {"min": 1, "max": value, "unit": rng.choice(units)},
                            {"text": "sesuai antrean"},
                        ]
                    )
            cases = [None, None, "baru", "hilang"]
            delivery["completion_time"] = [
                {"value": rng.choice([1, 2, 3, 14]), "unit": rng.choice(units)}
                | ({"when": case} if (case := rng.choice(cases)) else {})
                for _ in range(rng.randint(1, 3))
            ]
        yield doc


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_sim006_finds_what_the_plain_walk_found(seed: int) -> None:
    ctx = context("SIM006")
    found = 0
    for doc in timed_variants(seed, 150):
        if leads(doc, (("delivery", "procedure"), ("delivery", "completion_time"))):  # what `needs` asks
            expected = list(plain_sim006(doc, ctx))
            assert hits("SIM006", doc, ctx) == expected
            found += len(expected)
    assert found > 20


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_complaint_elements_are_the_plain_ones(seed: int) -> None:
    asked = 0
    for doc in complaint_variants(seed, 200):
        complaints = doc.get("delivery", {}).get("complaints")
        if isinstance(complaints, dict):
            for format_1_1, given in ((True, doc), (False, doc), (True, None), (False, None)):
                expected = plain_complaint_elements(complaints, format_1_1, given)
                assert complaint_elements(complaints, format_1_1, given) == expected
                asked += bool(expected)
    assert asked > 100


@pytest.mark.parametrize("limit", [-1, 0, 1, 2, 3, 7, 30])
def test_sim007_finds_what_the_plain_walk_found(limit: int) -> None:
    ctx = context("SIM007", max_words=limit)
    found = 0
    for doc in variants(100 + limit, 150):
        expected = list(plain_sim007(doc, ctx))
        assert hits("SIM007", doc, ctx) == expected
        found += len(expected)
    assert found > 0


@pytest.mark.parametrize(
    ("name", "flagged"), [("a b c", False), ("a b c d", True), ("a  b c", False), ("ab c d", False)]
)
def test_sim007_at_the_shortest_text_that_can_be_too_long(name: str, flagged: bool) -> None:
    """Four words take at least seven characters: `a b c d` (7) is flagged at a limit of 3, six characters never."""
    doc = {"delivery": {"requirements": [{"name": name}], "procedure": {"steps": []}}}
    ctx = context("SIM007", max_words=3)
    expected = [Hit("/delivery/requirements/0/name", {"words": 4, "max": 3})] if flagged else []
    assert hits("SIM007", doc, ctx) == expected == list(plain_sim007(doc, ctx))


class Odd:
    pass


@pytest.mark.parametrize(
    "value",
    [
        {"a": [1, 2.5, -0.0, 1e300, None, True, False, 'é\u2028"\\\n<<ISI: x>>'], "b": {"c": {}}},
        {1: "int key", 2.5: "float key", False: "bool key", None: "none key"},
        {"a": (1, 2), "b": []},
        {"a": float("nan")},
        {"a": [float("inf")]},
        {"a": -float("inf")},
        {"a": Odd()},
        {"a": {1, 2}},
        {(1, 2): "tuple key"},
        {"a": 2**70},
        {"a": "\ud800"},
    ],
)
def test_json_text_is_json_dumps(value: dict[Any, Any]) -> None:
    try:
        expected: str | None = json.dumps(value, ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError):
        expected = None
    assert json_text(value) == expected


def test_json_text_of_every_real_document_is_json_dumps() -> None:
    for doc in variants(7, 60):
        assert json_text(doc) == json.dumps(doc, ensure_ascii=False, allow_nan=False)


def test_json_text_of_a_document_holding_itself_or_nested_too_deep_is_none() -> None:
    circular: dict[str, Any] = {"a": []}
    circular["a"].append(circular)
    deep: dict[str, Any] = {}
    node = deep
    for _ in range(100_000):
        node["a"] = node = {}
    assert json_text(circular) is None
    assert json_text(deep) is None


@pytest.mark.parametrize(
    ("title", "pointers"),
    [
        ("Layanan KTP-el", []),
        ("<<ISI: nama layanan>>", ["/title"]),
        ("<<FILL IN: the name>>", ["/title"]),
        ("a << b, << ISI: not a marker, <<isi: nor this", []),
        ("<<", []),
    ],
)
def test_tra090_with_and_without_the_documents_text(title: str, pointers: list[str]) -> None:
    """TRA090 reads the JSON text where the judging made it, walks the document otherwise: both find the same."""
    doc = copy.deepcopy(DOCUMENTS[0])
    doc["title"] = title
    ctx = context("TRA090")
    with judging(doc):
        assert json_text(doc) is not None
        assert [hit.pointer for hit in RULES["TRA090"].check(doc, ctx)] == pointers
    assert [hit.pointer for hit in RULES["TRA090"].check(doc, ctx)] == pointers
    doc["nan"] = math.nan  # no JSON text: the walk decides
    with judging(doc):
        assert json_text(doc) is None
        assert [hit.pointer for hit in RULES["TRA090"].check(doc, ctx)] == pointers


@pytest.mark.parametrize("name", ["_STAFF_WORDS", "_COMPLAINANT"])
def test_the_complaint_words_are_searched_as_the_pattern_searches(name: str) -> None:
    """The handler's words (ACC005, ACC011) go through `quick_search`: the same answer as the pattern, always."""
    pattern = getattr(complaints, name)
    quick = {"_STAFF_WORDS": complaints._staff_words, "_COMPLAINANT": complaints._complainant}[name]
    assert needed_words(pattern)  # the prefilter is in use
    matched = 0
    for value in _texts(pattern, seed=len(name), count=3000):
        expected = pattern.search(value)
        found = quick(value)
        assert (found and (found.span(), found.group())) == (expected and (expected.span(), expected.group()))
        matched += expected is not None
    assert 300 < matched < 2900


# Issue 17, eighth part: the per-item hits of `--verbose` made only when read (`rules.base.Each`) ------------


def eager_sim003(doc: Mapping[str, Any], ctx: RuleContext) -> Iterator[Hit]:
    copies = [(index, r) for index, r in enumerate(simplicity._requirements(doc)) if simplicity._asks_copy(r)]
    if not copies:
        return
    index, first = copies[0]
    field = "form" if "form" in first else "name"
    names = ", ".join(f"'{r['name']}'" for _, r in copies[: simplicity.MAX_NAMED])
    names += f" (+{len(copies) - simplicity.MAX_NAMED})" if len(copies) > simplicity.MAX_NAMED else ""
    pointer = f"/delivery/requirements/{index}/{field}" if len(copies) == 1 else "/delivery/requirements"
    each = tuple(
        Hit(f"/delivery/requirements/{i}/{'form' if 'form' in r else 'name'}", {"count": 1, "names": f"'{r['name']}'"})
        for i, r in copies
    )
    yield Hit(pointer, {"count": len(copies), "names": names}, at_key=len(copies) > 1, items=len(copies), each=each)


def eager_sim005(doc: Mapping[str, Any], ctx: RuleContext) -> Iterator[Hit]:
    timed = [found for found in all_steps(doc) if "then" not in found.step]
    missing = [found for found in timed if "duration" not in found.step]
    if not missing:
        return
    numbers = ", ".join(found.number for found in missing)
    pointer = missing[0].pointer if len(missing) == 1 else "/delivery/procedure/steps"
    params = {"count": len(missing), "total": len(timed), "numbers": numbers}
    each = tuple(
        Hit(found.pointer, {"count": 1, "total": len(timed), "numbers": found.number}, at_key=True) for found in missing
    )
    yield Hit(pointer, params, at_key=True, items=len(missing), each=each)


def eager_fai001(doc: Mapping[str, Any], ctx: RuleContext) -> Iterator[Hit]:
    served = fairness.served_groups(doc)
    missing = [group for group in fairness.required_groups(doc, ctx) if group not in served]
    if not missing:
        return
    names = [fairness.SPECIAL_GROUPS.get(group, Text(group, group)) for group in missing]
    params = {
        "groups_en": fairness._listed([n.en for n in names], "and"),
        "groups_id": fairness._listed([n.id for n in names], "dan"),
    }
    pointer = "/special_services" if "special_services" in doc else ""
    each = tuple(Hit(pointer, {"groups_en": n.en, "groups_id": n.id}, at_key=True) for n in names)
    yield Hit(pointer, params, at_key=True, items=len(missing), each=each)


def eager_acc003(doc: Mapping[str, Any], ctx: RuleContext) -> Iterator[Hit]:
    if "fee_basis" in doc["delivery"]:
        return
    unfounded = [
        (index, fee)
        for index, fee in enumerate(accountability._fees(doc))
        if accountability._charges(fee) and not accountability._founded(fee)
    ]
    if not unfounded:
        return
    names = ", ".join(f"'{fee['name']}'" for _, fee in unfounded[: accountability.MAX_NAMED])
    if len(unfounded) > accountability.MAX_NAMED:
        names += f" (+{len(unfounded) - accountability.MAX_NAMED})"
    first = unfounded[0][0] if len(unfounded) == 1 else None
    pointer = f"/delivery/fees/{first}" if first is not None else "/delivery/fees"
    each = tuple(
        Hit(f"/delivery/fees/{index}", {"count": 1, "names": f"'{fee['name']}'"}, at_key=True)
        for index, fee in unfounded
    )
    yield Hit(pointer, {"count": len(unfounded), "names": names}, at_key=True, items=len(unfounded), each=each)


def eager_acc005(doc: Mapping[str, Any], ctx: RuleContext) -> Iterator[Hit]:
    complaints = doc["delivery"]["complaints"]
    missing = [element for element in accountability.COMPLAINT_ELEMENTS if not element.present(complaints)]
    if not missing or (is_complaint_service(doc) and not complaint_elements(complaints, False, doc)):
        return
    each = tuple(
        Hit("/delivery/complaints", {"what_en": e.name_en, "what_id": e.name_id}, at_key=True) for e in missing
    )
    params = {
        "what_en": " and no ".join(e.name_en for e in missing),
        "what_id": " dan ".join(e.name_id for e in missing),
    }
    yield Hit("/delivery/complaints", params, at_key=True, items=len(missing), each=each)


EAGER = {"SIM003": eager_sim003, "SIM005": eager_sim005, "FAI001": eager_fai001, "ACC003": eager_acc003}
EAGER["ACC005"] = eager_acc005


def itemised_variants(seed: int, count: int) -> Iterator[dict[str, Any]]:
    """`complaint_variants` with requirements asking copies, steps without durations, special services and
    facilities cut, and fees without a basis: what the rules with per-item hits flag."""
    rng = random.Random(seed)
    for doc in complaint_variants(seed, count):
        delivery = doc.get("delivery", {})
        for requirement in delivery.get("requirements", []):
            if isinstance(requirement, dict) and rng.random() < 0.3:
                requirement["form"] = rng.choice(["copy", "original", "digital"])
            if isinstance(requirement, dict) and rng.random() < 0.2:
                requirement.pop("form", None)
                requirement["name"] = rng.choice(["Fotokopi KTP", "Foto copy KK", "KTP asli"])
        for step in delivery.get("procedure", {}).get("steps", []):
            if isinstance(step, dict) and rng.random() < 0.3:
                step.pop("duration", None)
        for key in ("special_services",):
            if isinstance(doc.get(key), list):
                del doc[key][: rng.randint(0, len(doc[key]))]
        facilities = doc.get("manufacturing", {}).get("facilities")
        if isinstance(facilities, list):
            del facilities[: rng.randint(0, len(facilities))]
        for fee in delivery.get("fees", []):
            if isinstance(fee, dict) and rng.random() < 0.5:
                fee.pop("basis", None)
        if rng.random() < 0.3:
            delivery.pop("fee_basis", None)
        yield doc


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("rule_id", sorted(EAGER))
def test_per_item_hits_made_when_read_are_the_eager_ones(rule_id: str, seed: int) -> None:
    """Every hit, its per-item hits included, is what the rule found when it built them at once."""
    ctx = context(rule_id)
    itemised = 0
    for doc in itemised_variants(seed, 150):
        applies = RULES[rule_id].applies
        found = hits(rule_id, doc, ctx)
        expected = list(EAGER[rule_id](doc, ctx)) if applies is None or applies(doc, ctx) else []
        assert found == expected
        for hit, plain in zip(found, expected, strict=True):
            assert isinstance(hit.each, Each)
            assert tuple(hit.each) == plain.each and len(hit.each) == len(plain.each) == hit.items
            assert repr(hit) == repr(plain)
            assert [hit.each[i] for i in range(len(plain.each))] == list(plain.each)
            itemised += len(plain.each)
    assert itemised > 20


def test_a_run_that_is_not_verbose_never_makes_the_per_item_hits() -> None:
    """The engine reads `each` only for `check --verbose`: a quiet run never calls `make`."""
    made: list[str] = []

    def check(doc: Mapping[str, Any], ctx: RuleContext) -> Iterator[Hit]:
        yield Hit("/title", {}, items=2, each=Each(lambda: made.append("made") or (Hit("/title"), Hit("/title"))))

    custom = dataclasses.replace(RULES["TRA001"], id="XYZ001", check=check, applies=None, items=None)
    doc = load_bytes((ROOT / "examples" / "dukcapil-ktp-el.yaml").read_bytes(), "x.yaml")[0]
    doc = normalised(doc)
    for verbose, expected_findings in ((False, 1), (True, 2)):
        evaluation = evaluate(doc, (custom,), Settings(verbose=verbose), AS_OF)
        assert len([f for f in evaluation.findings if f.rule == "XYZ001"]) == expected_findings
        assert made == (["made"] if verbose else [])


def test_all_steps_are_the_walked_steps() -> None:
    """The steps collected by a loop are `procedure_steps`' walk: pointers, numbers and mappings, in order."""
    rng = random.Random(5)
    compared = 0
    for original in variants(5, 200):
        doc = copy.deepcopy(original)
        steps = doc.get("delivery", {}).get("procedure", {}).get("steps")
        if isinstance(steps, list) and steps and rng.random() < 0.7:
            for _ in range(rng.randint(1, 4)):  # branches, nested ones, text steps and odd `then`s
                where = rng.choice(steps)
                if isinstance(where, dict):
                    where["then"] = rng.choice(
                        [
                            [copy.deepcopy(rng.choice(steps)), "teks", {"when": "x", "then": [{"action": "y"}]}],
                            [],
                            "not a list",
                            ({"action": "a tuple is not walked"},),
                            None,
                        ]
                    )
                steps.insert(rng.randint(0, len(steps)), rng.choice(["Langkah teks", 3, None]))
        found = all_steps(doc)
        assert type(found) is tuple and all(type(step) is Step for step in found)
        assert found == tuple(procedure_steps(doc))
        compared += len(found)
    assert compared > 1000
    assert all_steps({}) == () == all_steps({"delivery": {"procedure": {}}})
