"""The packs' tables of repeated strings (cache format 7): a record's strings are numbers in its pack's
table, written once at the pack's end; a table, like a record, is trusted only when its bytes hash to
what the signed index says, and a record read with it builds nothing but the exact result types."""

from __future__ import annotations

import hashlib
import json
import zlib
from pathlib import Path
from typing import Any

import pytest

from svcstd import cache
from svcstd.cache import codec
from svcstd.model import (
    DocumentMeta,
    DocumentResult,
    Finding,
    Grade,
    Principle,
    PrincipleResult,
    Severity,
    Text,
    Waiver,
)
from tests.test_cache import (
    context_folder,
    fields,
    forbid_judging,
    load_index,
    make_corpus,
    pack_name,
    read_at,
    record,
    replace_records,
    run,
    store_index,
    table_strings,
)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """As test_cache.py's: a repository root (it has .git) as the current folder, a corpus in `standards/`."""
    (tmp_path / ".git").mkdir()
    make_corpus(tmp_path / "standards", 30)
    monkeypatch.chdir(tmp_path)
    return tmp_path


WAIVER = Waiver("SIM002", "Diatur Permen", "Kepala Dinas", "2026-12-31")
DOC = DocumentResult(
    "dir/ä.yaml",
    1,
    "x/y",
    "Judul",
    valid=True,
    findings=(
        Finding("SIM002", Severity.WARNING, Text("en ✓", "id ✓"), "/a/0", 3, 5, Principle.SIMPLICITY, WAIVER, "/a/x"),
        Finding("YML001", Severity.ERROR, Text("a", "b"), "", 1, 1),
        Finding("USE001", Severity.INFO, Text("en ✓", "id ✓"), "/b", 2, 2, None, None, None, None, "shared/x.yaml"),
    ),
    score=72.35,
    grade=Grade("yellow", Text("Yellow", "Kuning")),
    principles=(
        PrincipleResult(Principle.FAIRNESS, None, ("FAI001",), ("FAI002",), ("FAI003",), ("FAI004",)),
        PrincipleResult(Principle.SIMPLICITY, 50.0, (), ("SIM002",), (), (), 75),
    ),
    passed=True,
    meta=DocumentMeta("Dinas", "Unit", "adopted", "1.2", "2026-01-02", "2027-01-02", (WAIVER,)),
    quality=12.5,
)
INVALID = DocumentResult("b.yaml", 0, None, None, valid=False, findings=())


def packed(results: tuple[DocumentResult, ...]) -> tuple[Any, codec.Strings, codec.Shared]:
    """The record and its table as a warm run reads them back (through their JSON bytes)."""
    table = codec.Table()
    record = json.loads(codec.pack(results, table))
    shared = codec.Shared()
    return record, codec.read_table(json.loads(table.blob()), shared), shared


def test_every_field_survives_the_table() -> None:
    record, strings, shared = packed((DOC, INVALID))
    assert codec.unpack(record, strings, shared) == (DOC, INVALID)
    again = codec.unpack(record, strings, shared)
    first = again[0].findings
    assert type(first[0].message) is Text and first[0].message is first[2].message  # one object per message


def test_each_string_is_stored_once() -> None:
    table = codec.Table()
    blob = codec.pack((DOC, DOC, DOC), table)
    assert len(table.strings) == len(set(table.strings))
    assert table.strings.count("en ✓") == 1
    assert blob.count("en ✓".encode()) == 0  # messages only in the table
    assert blob.count(b"dir/\xc3\xa4.yaml") == 3  # a document's own path is written out


def test_messages_are_shared_across_packs() -> None:
    """Two packs (two tables) in one run: the same message is one object, as api.SharedTexts expects."""
    shared = codec.Shared()
    results = []
    for _ in range(2):
        table = codec.Table()
        record = json.loads(codec.pack((DOC,), table))
        results.append(codec.unpack(record, codec.read_table(json.loads(table.blob()), shared), shared))
    assert results[0] == results[1]
    assert results[0][0].findings[0].message is results[1][0].findings[0].message
    assert results[0][0].findings[0].rule is results[1][0].findings[0].rule


def _findings(record: Any) -> list[Any]:
    findings: list[Any] = record[0][5]
    return findings


@pytest.mark.parametrize(
    "change",
    [
        lambda record, size: _findings(record)[0].__setitem__(0, -1),  # a negative number is not "from the end"
        lambda record, size: _findings(record)[0].__setitem__(0, size),  # past the table
        lambda record, size: _findings(record)[0].__setitem__(2, True),  # a bool is not a number here
        lambda record, size: _findings(record)[0].__setitem__(2, 1.0),
        lambda record, size: _findings(record)[0].__setitem__(2, "en ✓"),  # the text itself, not its number
        lambda record, size: _findings(record)[0].__setitem__(1, 0),  # a string that is no severity
        lambda record, size: _findings(record)[0].__setitem__(7, 0),  # ... no principle
        lambda record, size: _findings(record)[0].__setitem__(8, [0, 1, 2]),  # a waiver of three
        lambda record, size: _findings(record)[0].__setitem__(9, -2),
        lambda record, size: _findings(record)[2].__setitem__(10, None),  # a file that is not a string
        lambda record, size: _findings(record)[0].append(0) or _findings(record)[0].append(0),
        lambda record, size: _findings(record)[0].pop(),
        lambda record, size: record[0].pop(),
        lambda record, size: record[0].__setitem__(7, [0, 1]),  # a grade without its label in one language
        lambda record, size: record[0][8][0].__setitem__(2, [-1]),
        lambda record, size: record[0][8].__setitem__(0, {"principle": 0}),
        lambda record, size: record[0][11].__setitem__(0, size + 5),
        lambda record, size: record[0][11][6].append([0]),
        lambda record, size: record.__setitem__(0, {"path": "x"}),  # the named form of format 6
    ],
)
def test_a_record_that_is_not_what_pack_wrote_is_refused(change: Any) -> None:
    record, strings, shared = packed((DOC, INVALID))
    change(record, len(strings.strings))
    with pytest.raises((ValueError, LookupError)):
        codec.unpack(record, strings, shared)


@pytest.mark.parametrize("table", [{"0": "a"}, ["a", 1], ["a", None], "a", [["a"]]])
def test_a_table_that_is_not_a_list_of_strings_is_refused(table: object) -> None:
    with pytest.raises(ValueError):
        codec.read_table(table, codec.Shared())


def test_a_table_changed_in_its_pack_is_a_miss(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """One message of the table changed in place (the same length, so every record still reads): every record
    of the pack is a miss, judged afresh, never the changed text.

    Proven by mutation: with the sha256 comparison in index.Packs.record disabled, the changed message is
    reported (the run differs from the fresh one and judges nothing).
    """
    fresh = run()
    _, data = load_index()
    name, offset, length, _sha = str(data["packs"][0]).split(" ")
    tampered = _same_length_change(table_strings(data, 0), int(length))
    path = context_folder() / name
    blob = path.read_bytes()
    path.write_bytes(blob[: int(offset)] + tampered + blob[int(offset) + int(length) :])
    judged = forbid_judging(monkeypatch)
    assert run() == fresh
    assert len(judged) == len(data["entries"])


def _same_length_change(strings: list[str], length: int) -> bytes:
    """The table with the first letter of one message changed, compressed to exactly `length` bytes."""
    messages = [number for number, text in enumerate(strings) if text.startswith("The ")]
    for level in range(1, 10):
        for target in messages:
            for letter in "XYZQJKVWBCDFGH":
                changed = [*strings[:target], letter + strings[target][1:], *strings[target + 1 :]]
                blob = zlib.compress(codec.dumps(changed), level)
                if len(blob) == length:
                    return blob
    raise AssertionError("no same-length change found")


def well_signed_pack(data: dict[str, Any], table: bytes, records: dict[str, bytes]) -> None:
    """A new pack of these raw (uncompressed) records and table, in an index signed with the real key."""
    name = "pack-" + "b" * 32 + ".dat"
    blob = b""
    for label, raw in records.items():
        stored = cache.index.compress(raw)
        sha = hashlib.sha256(stored).hexdigest()
        entry = fields(data, label)._replace(pack=len(data["packs"]), offset=len(blob), length=len(stored), sha=sha)
        data["entries"][label] = cache.index.entry(*entry)
        blob += stored
    compressed = cache.index.compress(table)
    (context_folder() / name).write_bytes(blob + compressed)
    place = cache.index.Pack(name, len(blob), len(compressed), hashlib.sha256(compressed).hexdigest())
    data["packs"].append(place.written())
    store_index(data)


@pytest.mark.parametrize(
    "table",
    [b"", b"{}", b'["a",1]', b"[", b'"a"', b"[" * 100000, b"null"],
)
def test_a_well_signed_table_that_is_garbage_is_a_miss(repo: Path, table: bytes) -> None:
    fresh = run()
    _, data = load_index()
    well_signed_pack(data, table, {label: record(data, label) for label in data["entries"]})
    assert run() == fresh


def test_well_signed_records_that_point_past_their_table_are_misses(repo: Path) -> None:
    """The records as written, but under a table one string short: a number past its end is a miss, never
    another string."""
    fresh = run()
    _, data = load_index()
    strings = table_strings(data, 0)
    well_signed_pack(data, codec.dumps(strings[:-1]), {label: record(data, label) for label in data["entries"]})
    assert run() == fresh


def test_a_compressed_record_that_expands_past_the_limit_is_not_expanded() -> None:
    blob = cache.index.compress(b" " * 10_000)
    assert cache.index.expand(blob, 10_000) == b" " * 10_000
    assert cache.index.expand(blob, 9_999) is None
    assert cache.index.expand(blob + b"x", 10_000) is None  # trailing bytes
    assert cache.index.expand(blob[:-1], 10_000) is None  # cut short
    assert cache.index.expand(b"not zlib", 10_000) is None


def test_a_warm_run_reads_each_table_once(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    run()
    reads: list[int] = []
    real = cache.index.Packs.table

    def spy(packs: cache.index.Packs, pack: int) -> bytes | None:
        reads.append(pack)
        return real(packs, pack)

    monkeypatch.setattr(cache.index.Packs, "table", spy)
    judged = forbid_judging(monkeypatch)
    run()
    assert judged == [] and reads == [0]


def test_records_of_an_old_format_index_are_misses(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An index of format 6 (packs by name alone, records of named fields), signed with the right key."""
    fresh = run()
    _, data = load_index()
    data["format"] = "svcstd-cache-6"
    data["packs"] = [pack_name(data, 0)]
    store_index(data)
    judged = forbid_judging(monkeypatch)
    assert run() == fresh
    assert len(judged) == len(data["entries"])
    assert load_index()[1]["format"] == cache.store.FORMAT  # written afresh


def test_replaced_records_use_their_own_table(repo: Path) -> None:
    """The test helper's pack (a table of its own) reads back: the tests above plant through it."""
    fresh = run()
    _, data = load_index()
    replace_records(data, lambda results: results)
    store_index(data)
    assert run() == fresh
    assert read_at(pack_name(data, 1), 0, 1)
