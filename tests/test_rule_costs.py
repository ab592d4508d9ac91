"""The cheaper rules of issue 17's seventh part find what the plain code they replace found, hit for hit.

Each plain version below is the rule's code as it was before the change; the tests run both on the examples,
the real fixtures and many derandomised variants of them (steps, requirements and texts added, cut and
changed) and compare every hit: pointer, parameters, place, item count and the per-item hits of `--verbose`.
"""

from __future__ import annotations

import copy
import json
import math
import random
from collections.abc import Iterator, Mapping
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from svcstd.judge import normalised
from svcstd.reading.loader import load_bytes
from svcstd.rules import complaints, rules_by_id, simplicity
from svcstd.rules.base import Hit, RuleContext, leads
from svcstd.rules.complaints import _steps, complaint_elements, is_complaint_service, names_handler
from svcstd.rules.facts import judging
from svcstd.rules.routes import Routes
from svcstd.rules.simplicity import _longest_sentence, _path_label, _paths
from svcstd.standard.durations import completion_durations, is_measured, upper_minutes
from svcstd.standard.facts import json_text
from svcstd.standard.steps import all_steps
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
    for doc in variants(seed, count):
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
