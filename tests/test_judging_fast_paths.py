"""The judging side's fast paths give what the plain code they replace gave, to the byte and to the last bit.

Each test holds the plain version (as it was before issue 17's fifth part) and compares it with the fast one
on many inputs: the scores' sums, the message fill, the gate, the stable pointer, folded text, the kind test
and SIM007's shortcut.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any

import pytest

from svcstd.checks import kind_of
from svcstd.config.settings import Settings
from svcstd.fingerprints import stable_pointer
from svcstd.i18n import bilingual
from svcstd.model import Finding, Principle, Severity, Text
from svcstd.rules import BUILTIN_RULES, rules_by_id
from svcstd.rules.base import RuleContext, quoted
from svcstd.rules.simplicity import _longest_sentence
from svcstd.scoring.gate import passes_gate
from svcstd.scoring.scores import Outcome, Status, overall_quality, overall_score, principle_results
from svcstd.standard.kinds import STANDARD, is_full_standard, kind
from svcstd.standard.words import folded

# The plain versions -------------------------------------------------------------------------------------------


def plain_share(outcomes: list[Outcome]) -> float | None:
    applicable = [o for o in outcomes if o.status in (Status.PASSED, Status.FAILED)]
    earned = sum(o.weight * (o.credit if o.status is Status.FAILED else 1.0) for o in applicable)
    applicable_weight = sum(o.weight for o in applicable)
    return round(100 * earned / applicable_weight, 1) if applicable_weight else None


def plain_principles(outcomes: Iterable[Outcome]) -> list[tuple[Any, ...]]:
    results = []
    for principle in Principle:
        mine = [o for o in outcomes if o.principle is principle]
        by = {status: sorted(o.rule for o in mine if o.status is status) for status in Status}
        results.append(
            (
                principle,
                plain_share([o for o in mine if o.binding]),
                tuple(by[Status.PASSED]),
                tuple(by[Status.FAILED]),
                tuple(by[Status.NOT_APPLICABLE]),
                tuple(by[Status.WAIVED]),
                plain_share([o for o in mine if not o.binding]),
            )
        )
    return results


def plain_pooled(outcomes: list[Outcome], weights: Mapping[Principle, float]) -> float | None:
    applicable = [o for o in outcomes if o.status in (Status.PASSED, Status.FAILED)]
    total = sum(o.weight * weights.get(o.principle, 1.0) for o in applicable)
    if not applicable or total <= 0:
        return None
    earned = sum(
        o.weight * weights.get(o.principle, 1.0) * (o.credit if o.status is Status.FAILED else 1.0) for o in applicable
    )
    return round(100 * earned / total, 1)


def plain_stable_pointer(pointer: str, data: object) -> str:
    """The walk itself, taken for every pointer (the fast path returns pointers without an index at once)."""
    from svcstd.fingerprints import _item_key

    if not pointer.startswith("/"):
        return pointer
    node: Any = data
    tokens = []
    for token in pointer[1:].split("/"):
        name = token.replace("~1", "/").replace("~0", "~") if "~" in token else token
        if isinstance(node, Mapping):
            node = node.get(name)
            tokens.append(token)
        elif isinstance(node, Sequence) and not isinstance(node, str) and name.isdigit() and int(name) < len(node):
            node = node[int(name)]
            tokens.append(_item_key(node) or token)
        else:
            node = None
            tokens.append(token)
    return "/" + "/".join(tokens)


def plain_gate(findings: Sequence[Finding], settings: Settings) -> bool:
    return not any(
        f.waiver is None and (kind_of(f.rule) == "gate" or settings.fails_gate(f.severity)) for f in findings
    )


# The comparisons ----------------------------------------------------------------------------------------------

RULE_IDS = [rule.id for rule in BUILTIN_RULES]


def random_outcomes(rng: random.Random) -> list[Outcome]:
    outcomes = []
    for rule_id in rng.sample(RULE_IDS, rng.randint(0, len(RULE_IDS))):
        status = rng.choice(list(Status))
        credit = rng.choice([0.0, rng.random(), 1 / 3, 2 / 7]) if status is Status.FAILED else 0.0
        principle = rng.choice(list(Principle))
        outcomes.append(Outcome(rule_id, principle, rng.randint(1, 7), status, credit, rng.random() < 0.5))
    return outcomes


def test_scores_are_the_same_floats_as_the_plain_sums() -> None:
    rng = random.Random(17)
    for _ in range(2000):
        outcomes = random_outcomes(rng)
        weights = {p: rng.choice([0.5, 1.0, 1.7, 3.0, 0.0]) for p in Principle if rng.random() < 0.5}
        results = principle_results(tuple(outcomes))
        plain = plain_principles(outcomes)
        for result, expected in zip(results, plain, strict=True):
            got = (
                result.principle,
                result.score,
                result.passed,
                result.failed,
                result.not_applicable,
                result.waived,
                result.quality,
            )
            assert got == expected
        assert overall_score(outcomes, weights) == plain_pooled([o for o in outcomes if o.binding], weights)
        assert overall_quality(outcomes, weights) == plain_pooled([o for o in outcomes if not o.binding], weights)


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"name": "Kartu Keluarga", "count": 3},
        {"name": "x" * 301, "other": "y" * 300},
        {"flag": True, "ratio": 0.25, "none": None},
        {"where": Text("the fees", "biaya"), "name": "KTP"},
        {"where": Text("e" * 400, "i" * 400), "count": 0},
    ],
)
def test_a_message_is_filled_as_bilingual_fills_it(params: dict[str, object]) -> None:
    rule = rules_by_id()["ACC020"]
    names = {"where", "act", "since", "replacement", "source", *params}
    message = Text(" ".join(f"{{{n}}}" for n in sorted(names)), "ID " + " ".join(f"{{{n}}}" for n in sorted(names)))
    probe = type(rule)(**{**{f: getattr(rule, f) for f in rule.__dataclass_fields__}, "message": message})
    filled = {n: "-" for n in names if n not in params} | params
    expected = bilingual(message, **{key: quoted(value) for key, value in filled.items()})
    assert probe.format_message(filled) == expected


def test_the_gate_is_the_plain_gate() -> None:
    rng = random.Random(5)
    ids = ["GAT001", "GAT002", "SCH001", "YML002", "WVR001", "ACC020", "SIM001", "GATX01", "GAT0001"]
    for fail_on in ("error", "warning", "info", "never"):
        settings = Settings(fail_on=fail_on)
        for _ in range(300):
            findings = [
                Finding(rng.choice(ids), rng.choice(list(Severity)), Text("m", "m"), "", 1, 1)
                for _ in range(rng.randint(0, 4))
            ]
            assert passes_gate(findings, settings) == plain_gate(findings, settings)


def test_a_stable_pointer_is_the_one_the_walk_gives() -> None:
    data = {
        "delivery": {"fees": [{"name": "Retribusi"}, {"amount": 1}], "a/b": {"c~d": [1, {"name": "x"}]}},
        "steps": ["one", "two"],
        "7": {"8": "nine"},
        "many": [{"name": f"item {index}"} for index in range(10)],
    }
    pointers = [
        "",
        "/",
        "delivery",
        "/delivery",
        "/delivery/fees",
        "/delivery/fees/0/name",
        "/delivery/fees/1/amount",
        "/delivery/fees/9",
        "/delivery/a~1b/c~0d/1/name",
        "/delivery/a~1b/c~0d",
        "/steps/1",
        "/7/8",
        "/missing/0/x",
        "/delivery/fees/x",
        "/many/9/name",
        "/many/10",
    ]
    for pointer in pointers:
        assert stable_pointer(pointer, data) == plain_stable_pointer(pointer, data), pointer


@pytest.mark.parametrize(
    "text",
    ["", "  Petugas Loket/Front-Office  ", "KEPALA_DINAS", "Ümlaut ß straße", "a" * 199, "B-" * 150, "\u00a0x\ty\n"],
)
def test_folded_text_is_the_plain_fold(text: str) -> None:
    import re

    expected = re.sub(r"[\W_]+", " ", text.casefold()).strip()
    assert folded(text) == expected
    assert folded(text) == expected  # remembered, then asked again


@pytest.mark.parametrize(
    "doc",
    [
        {},
        {"kind": "standard"},
        {"kind": "published_sheet", "manufacturing": {}},
        {"kind": "other"},
        {"kind": "other", "manufacturing": {}},
        {"manufacturing": {}},
        {"kind": None},
        {"kind": 1},
    ],
)
def test_the_kind_test_is_the_kind(doc: dict[str, Any]) -> None:
    assert is_full_standard(doc) == (kind(doc) == STANDARD)


def test_sim007_skips_only_texts_that_cannot_hold_a_long_sentence() -> None:
    rng = random.Random(7)
    words = ["kata", "Petugas.", "berkas;", "apa?", "ya!", "a.b", "x"]
    rule = rules_by_id()["SIM007"]
    for _ in range(500):
        count = rng.randint(1, 70)
        text = " ".join(rng.choice(words) for _ in range(count)) + rng.choice(["", " ", "\n"])
        limit = rng.randint(1, 40)
        doc = {"delivery": {"requirements": [{"name": text}]}}
        hits = list(rule.check(doc, RuleContext({"max_words": limit}, date(2026, 1, 1))))
        longest = _longest_sentence(text)
        assert len(text.split()) >= longest
        assert [hit.params["words"] for hit in hits] == ([longest] if longest > limit else [])
