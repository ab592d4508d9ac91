"""Issue 17, tenth part: the alias walk told from the reader's rows, and the SourceMap's lookups.

`aliases.normalise(data, source)` decides from the reader's rows and mapping keys (`_holds_none`) whether a
document holds an alias at all, and walks it only when it does; `normalise(data)` always walks. Both must give
the same data (and the document itself when nothing changes), on the examples and real standards and on
generated texts with alias spellings, YAML anchors and aliases, duplicate keys and nested lists at every place.
The lookups (`key`, `value`, `in`) are compared with the reader of the ninth part (`tests/reader_reference.py`).
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings

from svcstd.model import LoadedDocument
from svcstd.reading.loader import load_bytes, load_text
from svcstd.reading.sourcemap import SKIP
from svcstd.standard import aliases
from tests import reader_reference
from tests.test_alias_walk import _reference, _same, mutated

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted([*ROOT.glob("examples/**/*.yaml"), *ROOT.glob("tests/fixtures/**/*.yaml")])
READ = [doc for path in SOURCES for doc in load_bytes(path.read_bytes(), str(path)) if isinstance(doc.data, dict)]


def _as_1_1(text: str) -> str:
    return text.replace('svcstd: "1.0"', 'svcstd: "1.1"').replace("svcstd: '1.0'", "svcstd: '1.1'")


def _both(doc: LoadedDocument) -> None:
    """The rows' answer is the walk's, and the data come back the same (the document itself when unchanged)."""
    data = doc.data
    walked = aliases.normalise(data)
    told = aliases.normalise(data, doc.source)
    assert _same(told, walked)
    assert _same(told, _reference(data))
    assert (told is data) == (walked is data)
    if isinstance(data, dict) and doc.source.built() is data and data.get("svcstd", "1.0") != "1.0":
        assert aliases._holds_none(data, doc.source) == (aliases._walk(data, ()) is data)


@pytest.mark.parametrize("doc", READ, ids=lambda doc: f"{Path(doc.path).name}#{doc.index}")
def test_every_example_and_fixture_as_the_walk(doc: LoadedDocument) -> None:
    _both(doc)
    for again in load_text(_as_1_1(Path(doc.path).read_text(encoding="utf-8")), doc.path):
        _both(again)


def test_the_rows_describe_the_examples() -> None:
    """The reader hands every example and fixture over for the short way (none holds an alias or duplicate)."""
    eligible = [doc for doc in READ if doc.source.built() is doc.data]
    assert len(eligible) > 0.8 * len(READ), (len(eligible), len(READ))


def _text(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


@given(mutated())
@settings(max_examples=300, derandomize=True, deadline=None, suppress_health_check=list(HealthCheck))
def test_generated_texts_as_the_walk(data: dict[str, Any]) -> None:
    """Alias spellings put at random places (and under the keys where they count), written out and read back."""
    for doc in load_text(_text(data)):
        before = copy.deepcopy(doc.data)
        _both(doc)
        assert _same(doc.data, before)  # the document read is never changed


def test_the_generated_texts_hold_aliases_the_rows_find() -> None:
    """Otherwise the property above would compare documents that no alias changes."""
    found: list[bool] = []

    @given(mutated())
    @settings(max_examples=100, derandomize=True, deadline=None, suppress_health_check=list(HealthCheck))
    def count(data: dict[str, Any]) -> None:
        for doc in load_text(_text(data)):
            if doc.source.built() is doc.data:
                found.append(not aliases._holds_none(doc.data, doc.source))  # type: ignore[arg-type]

    count()
    assert sum(found) > 10, sum(found)
    assert len(found) - sum(found) > 10, len(found)


PLACES = [
    # (text, whether an alias is there to replace)
    ('svcstd: "1.1"\nstatus: ditetapkan\n', True),
    ('svcstd: "1.1"\nx:\n  status: ditetapkan\n', False),  # `status` counts at the root only
    ('svcstd: "1.1"\ndelivery:\n  complaints:\n    channels:\n    - type: telepon\n', True),
    ('svcstd: "1.1"\nother:\n  channels:\n  - type: telepon\n', False),  # `type` under complaints' channels only
    ('svcstd: "1.1"\npublication:\n  channels:\n  - - type: situs_web\n', True),  # a list in a list
    ('svcstd: "1.1"\nservice_hours:\n  days: [[senin], [x]]\n', True),
    ('svcstd: "1.1"\nservice_hours:\n  days: [[mon], [x, {a: senin}]]\n', False),
    ('svcstd: "1.1"\nservice_hours:\n  days: [mon, tue]\n', False),
    ('svcstd: "1.1"\nsteps:\n- duration: {value: 3, unit: Hari Kerja}\n', True),
    ('svcstd: "1.1"\nsteps:\n- duration: {value: 3, unit: working_days}\n', False),
    ('svcstd: "1.1"\na:\n  b:\n  - c:\n    - channel: daring\n', True),  # `channel` at any depth
    ('svcstd: "1.1"\nkind: standar\ncomplaints: {times: [{kind: jawaban}]}\n', True),
    ('svcstd: "1.1"\nmanufacturing: {staff_count: {count: 3}}\n', False),  # one entry as a list, nothing respelt
    ('svcstd: "1.1"\nkind: 3\nstatus: null\nservice_hours: {days: {senin: 1}}\n', False),
    ('svcstd: "1.0"\nstatus: ditetapkan\n', False),  # 1.0 had no aliases
    # YAML aliases: the anchor's place has no table, the alias's has one (the rows show only the anchor's)
    ('svcstd: "1.1"\na: &x {unit: hari}\ndelivery:\n  completion_time: *x\n', True),
    ('svcstd: "1.1"\na: &x [senin]\nservice_hours: {days: *x}\n', True),
    ('svcstd: "1.1"\nnote: &s hari\ndelivery: {completion_time: {unit: *s}}\n', True),
    # a duplicate key: the second value is kept nowhere, the first is the data's
    ('svcstd: "1.1"\nstatus: draft\nstatus: ditetapkan\n', False),
    ('svcstd: "1.1"\nstatus: ditetapkan\nstatus: draft\n', True),
    ('svcstd: "1.1"\n"\\0skip": {status: ditetapkan}\nstatus: rancangan\n', True),  # a real key spelt like SKIP
]


@pytest.mark.parametrize(("text", "alias"), PLACES)
def test_places_aliases_and_duplicates_as_the_walk(text: str, alias: bool) -> None:
    (doc,) = load_text(text)
    _both(doc)
    changed = not _same(aliases.normalise(doc.data, doc.source), doc.data)
    assert changed == alias or "staff_count" in text


def test_the_rows_are_trusted_only_for_the_readers_own_data() -> None:
    (doc,) = load_text('svcstd: "1.1"\nstatus: draft\n')
    assert doc.source.built() is doc.data
    other = {**doc.data, "status": "ditetapkan"}  # type: ignore[dict-item]
    assert aliases.normalise(other, doc.source) == {**other, "status": "adopted"}  # not this SourceMap's data
    (anchored,) = load_text('svcstd: "1.1"\na: &x {unit: hari}\nb: *x\n')
    assert anchored.source.built() is None
    (twice,) = load_text('svcstd: "1.1"\na: 1\na: 2\n')
    assert twice.source.built() is None
    (listed,) = load_text("- a\n")
    assert listed.data is None


LOOKUPS = [
    "",
    "/status",
    "/a",
    "/a/0",
    "/a/00",
    "/a/1",
    "/a/~2",
    "/a~1b",
    "/a~0b",
    "/x",
    "/x/" + SKIP,
    "/x/y" + SKIP,
    "/x/" + SKIP + "/z",  # under a duplicate's value: rows kept, reached through the token `SKIP`
    "/" + SKIP,
    "/\x00skip/status",
    "/d/e/f",
    "/d/e/9",
]
TEXTS = [
    'svcstd: "1.1"\nstatus: draft\na: [1, {b: 2}]\n"a/b": 1\n"a~b": 2\nx: {y: 1, y: 2}\nd: {e: [f]}\n',
    "x: {y: 1, y: {z: 2}}\n",
    'svcstd: "1.1"\n"\\0skip": {status: ditetapkan}\n"x": {"y\\0skip": 1}\n',
    "a: &x {b: 1}\nc: *x\nd: {e: *x}\n",
    "",
    "- 1\n- 2\n",
]


@pytest.mark.parametrize("text", TEXTS)
def test_lookups_as_the_ninth_parts_reader(text: str) -> None:
    ours = load_text(text)
    theirs = reader_reference.load_text(text)
    assert len(ours) == len(theirs)
    for doc, reference in zip(ours, theirs, strict=True):
        for pointer in LOOKUPS:
            ours_at = (doc.source.key(pointer), doc.source.value(pointer), pointer in doc.source)
            other = reference.source
            assert ours_at == (other.key(pointer), other.value(pointer), pointer in other)
