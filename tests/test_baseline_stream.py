"""The baseline read as a stream gives what reading it whole gave: the same budget, or the same message.

`whole` below is the reader as it was before the stream (`files.read_json`, then the schema's best error,
then each entry counted), kept here as the reference. Every case is read with several window sizes, the
smallest cutting numbers, strings, escapes and whitespace at every few characters.
"""

from __future__ import annotations

import contextlib
import json
import random
import tracemalloc
import zlib
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from svcstd import api
from svcstd.baseline import SCHEMA, VERSION, EntryKey, _ref, apply_baseline, load_baseline, write_baseline
from svcstd.config.settings import DEFAULT_SETTINGS
from svcstd.errors import ConfigError
from svcstd.fingerprints import finding_key
from svcstd.model import DocumentResult, Report
from svcstd.reading import files
from svcstd.scoring.gate import passes_gate
from svcstd.spill import Spill
from tests.reporters.cases import AS_OF, ROOT, mixed_report

CHUNKS = (64, 100, 257, 1 << 16)


def whole(path: Path) -> Counter[EntryKey]:
    """The reference: the whole file read, validated, then counted (svcstd's reader before the stream)."""
    from svcstd.baseline import MESSAGES

    try:
        data: Any = files.read_json(path)
    except (OSError, ValueError) as error:
        raise ConfigError(MESSAGES.text("unreadable", path=str(path), reason=files.reason(error))) from None
    problem = jsonschema.exceptions.best_match(jsonschema.Draft202012Validator(SCHEMA).iter_errors(data))
    if problem is not None:
        where = "/".join(str(part) for part in problem.absolute_path) or "/"
        reason = f"{where}: {problem.message}"
        raise ConfigError(MESSAGES.text("invalid", path=str(path), version=VERSION, reason=reason))
    budget: Counter[EntryKey] = Counter()
    for entry in data["entries"]:
        key = (
            entry["path"],
            _ref(entry["document"]["id"], entry["document"]["index"]),
            entry["rule"],
            entry["pointer"],
        )
        budget[key] += entry["count"]
    return budget


def outcome(reader: Any, path: Path, *args: int) -> tuple[str, Any]:
    try:
        return "budget", dict(reader(path, *args))
    except ConfigError as error:
        return "error", str(error)


def assert_same(path: Path) -> tuple[str, Any]:
    expected = outcome(whole, path)
    for chunk in CHUNKS:
        assert outcome(load_baseline, path, chunk) == expected, (chunk, path.read_bytes()[:200])
    return expected


ENTRY = {"path": "a.yaml", "document": {"index": 0, "id": "x/y"}, "rule": "SIM003", "pointer": "/name", "count": 1}


def text(entries: list[Any], **top: Any) -> str:
    return json.dumps({"version": 1, "entries": entries, **top}, indent=2)


def entry(**changes: Any) -> dict[str, Any]:
    return {**ENTRY, **changes}


def document(**changes: Any) -> dict[str, Any]:
    return entry(document={**ENTRY["document"], **changes})


MANY = [entry(path=f"d{n % 7}/f{n}.yaml", pointer=f"/x/{n}" * (n % 5), count=1 + n % 3) for n in range(60)]
CASES: dict[str, str | bytes] = {
    "written": text(MANY),
    "compact": json.dumps({"version": 1, "entries": MANY}, separators=(",", ":")),
    "no entries": text([]),
    "entries first": json.dumps({"entries": MANY, "version": 1}),
    "extra keys": json.dumps({"a": [1, {"b": [2]}, "x"], "version": 1, "entries": MANY, "z": {"q": [1]}}),
    "report-like": json.dumps({"version": "1.0", "documents": [{"path": "a"}] * 30, "summary": {}}),
    "duplicate entries, last wins": '{"version": 1, "entries": [1, 2], "entries": ' + json.dumps(MANY) + "}",
    "duplicate entries, both good": '{"version": 1, "entries": '
    + json.dumps(MANY[:9])
    + ', "entries": '
    + json.dumps(MANY[30:33])
    + "}",
    "duplicate entries, last bad": '{"version": 1, "entries": ' + json.dumps(MANY) + ', "entries": [3]}',
    "duplicate entries, last not a list": '{"version": 1, "entries": ' + json.dumps(MANY) + ', "entries": {"a": 1}}',
    "duplicate version": '{"version": 1, "entries": [], "version": 2}',
    "float integers": text([entry(count=2.0), document(index=3.0), entry(count=1e3)]),
    "empty id, by index": text([document(id=""), document(id=None, index=2)]),
    "bad count": text([*MANY[:20], entry(count=0), *MANY[20:]]),
    "bad counts, first wins": text([entry(count=0), entry(count=-1), entry(rule=3)]),
    "deeper error loses": text([entry(document={"index": -1, "id": None}), entry(count="1")]),
    "bool index": text([document(index=True)]),
    "missing keys": text([{"path": "a"}, {}]),
    "entry not an object": text([*MANY[:5], "text", None, []]),
    "entries not a list": json.dumps({"version": 1, "entries": {"a": MANY[:3]}}),
    "wrong version after entries": json.dumps({"entries": MANY, "version": 2}),
    "bad entry and wrong version": json.dumps({"entries": [entry(count=0)], "version": 2}),
    "no version": json.dumps({"entries": MANY}),
    "top-level list": json.dumps([MANY]),
    "top-level string": '"baseline"',
    "top-level number": "1",
    "empty object": "{}",
    "empty": "",
    "blank": " \n\t\x0c ",
    "bom": "\ufeff" + text(MANY),
    "not utf-8": text(MANY[:3]).encode() + b"\xff",
    "not utf-8 after a syntax error": b'{"version": 1,, "entries": ["\xff"]}',
    "cut utf-8": text([entry(path="é" * 40)]).encode()[:-3] + "é".encode()[:1],
    "non-ascii": text([entry(path="standar/ké€😀.yaml", pointer="/[name=Ω]/x")]),
    "escapes": text([entry(path="a\\\\b\u2028\ud83d\ude00\t.yaml", pointer="/\\/x")]),
    "lone surrogate escape": '{"version": 1, "entries": [' + json.dumps(entry(path="\ud800x")) + "]}",
    "truncated": text(MANY)[:1500],
    "truncated in a string": text(MANY)[:1000].rstrip('"') + "abc",
    "truncated after comma": text(MANY[:3])[:-8] + ",",
    "extra data": text(MANY) + " x",
    "two objects": text([]) + text([]),
    "trailing comma in entries": text(MANY[:3])[:-4] + ",\n  ]\n}",
    "trailing comma at top": '{"version": 1, "entries": [],}',
    "missing colon": '{"version" 1, "entries": []}',
    "missing comma": '{"version": 1 "entries": []}',
    "missing comma in entries": '{"version": 1, "entries": [' + json.dumps(ENTRY) + " " + json.dumps(ENTRY) + "]}",
    "single quotes": "{'version': 1}",
    "unquoted key": '{"version": 1, entries: []}',
    "unterminated": '{"version": 1, "entries": [{"path": "a',
    "open bracket": '{"version": 1, "entries": [',
    "control character": '{"version": 1, "entries": [{"path": "a\x01b"}]}',
    "bad escape": '{"version": 1, "entries": [{"path": "a\\qb"}]}',
    "bad unicode escape": '{"version": 1, "entries": [{"path": "a\\u12x4"}]}',
    "NaN": text([entry(count=float("nan"))]),
    "NaN late": text([*MANY, entry(count=float("nan"))]),
    "Infinity": '{"version": 1, "entries": [], "x": -Infinity}',
    "huge float": '{"version": 1, "entries": [{"count": 1e999}]}',
    "huge integer": '{"version": 1, "entries": [{"count": ' + "9" * 150 + "}]}",
    "huge integer at the top": '{"version": ' + "1" * 5000 + "}",
    "deep": '{"version": 1, "entries": [' + "[" * 100_000 + "]" * 100_000 + "]}",
    "deep at the top": "[" * 100_000,
    "deep unknown key": '{"x": ' + "{" * 5000,
    "long string": text([entry(path="p" * 300_000)]),
    "long whitespace": '{"version": 1,' + " " * 200_000 + '"entries": [' + " \n" * 50_000 + "]}",
    "long whitespace then comma": '{"version": 1, "entries": [1' + " " * 1000 + ",]}",
    "number cut": '{"version": 1, "entries": [' + ", ".join(["1.5e+3"] * 200) + "]}",
    "line numbers": text(MANY) + "\n\n  ]",
}


@pytest.mark.parametrize("name", list(CASES))
def test_the_stream_reads_what_the_whole_file_read(name: str, tmp_path: Path) -> None:
    path = tmp_path / "baseline.json"
    content = CASES[name]
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8", "surrogatepass"))
    kind, value = assert_same(path)
    if name in ("written", "compact", "entries first", "extra keys", "duplicate entries, last wins"):
        assert kind == "budget" and value


def test_files_that_are_no_baseline(tmp_path: Path) -> None:
    folder = tmp_path / "folder.json"
    folder.mkdir()
    for path in (tmp_path / "missing.json", folder):
        assert outcome(load_baseline, path) == outcome(whole, path)
        assert outcome(load_baseline, path)[0] == "error"


def test_every_cut_of_a_small_baseline(tmp_path: Path) -> None:
    """Each prefix of a written baseline: an error at the same place, or (whole) the same budget."""
    full = text(MANY[:4])
    path = tmp_path / "baseline.json"
    for end in range(0, len(full) + 1, 3):
        path.write_text(full[:end], encoding="utf-8")
        expected = outcome(whole, path)
        assert outcome(load_baseline, path, 64) == expected, end


def test_written_baselines_of_the_examples_and_real_standards(tmp_path: Path) -> None:
    with contextlib.chdir(ROOT):
        held = api.check(["examples", "tests/fixtures/real"], DEFAULT_SETTINGS, AS_OF)
    for report in (held, mixed_report(tmp_path)):
        path = tmp_path / "baseline.json"
        path.write_text(write_baseline(report), encoding="utf-8")
        kind, budget = assert_same(path)
        assert kind == "budget" and sum(budget.values()) == sum(report.counts())


def test_memory_is_the_budget_not_the_file(tmp_path: Path) -> None:
    """A 7 MB baseline whose entries repeat a few keys: the stream holds a window and the budget, far less
    than the file; reading it whole held several times the file (measured, not timed)."""
    path = tmp_path / "baseline.json"
    one = json.dumps(entry(pointer="/" + "x" * 200), indent=2)
    with path.open("w", encoding="utf-8") as out:
        out.write('{"version": 1, "entries": [\n')
        out.write(",\n".join([one] * 25_000))
        out.write("\n]}\n")
    size = path.stat().st_size
    assert size > 6_000_000
    tracemalloc.start()
    try:
        budget = load_baseline(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    counts = dict(budget)
    assert sum(counts.values()) == 25_000 and len(counts) == 1
    assert peak < size / 20, (peak, size)


def reference_apply(report: Report, budget: Counter[EntryKey]) -> tuple[DocumentResult, ...]:
    """The report's documents without the known findings, spent from a plain Counter (the earlier code)."""
    documents = []
    for doc in report.documents:
        kept = []
        for finding in doc.findings:
            key = finding_key(doc, finding)
            ref = _ref(key.document_id, key.document_index)
            entries = [(key.path, ref, key.rule, pointer) for pointer in dict.fromkeys((key.pointer, finding.pointer))]
            known = next((entry for entry in entries if budget[entry] > 0), None) if finding.waiver is None else None
            if known is None:
                kept.append(finding)
            else:
                budget[known] -= 1
        documents.append(replace(doc, findings=tuple(kept), passed=passes_gate(kept, DEFAULT_SETTINGS)))
    return tuple(documents)


def test_baselined_reports_are_those_of_the_whole_file_reader(tmp_path: Path) -> None:
    """Held and spilled reports, a full and a partial baseline, entries in written and in shuffled order
    (documents reopened in the budget), a baseline naming each document twice: the same documents."""
    with contextlib.chdir(ROOT):
        held = api.check(["examples", "tests/fixtures/real"], DEFAULT_SETTINGS, AS_OF)
    path = tmp_path / "baseline.json"
    full = json.loads(write_baseline(held))
    partial = [dict(e, count=e["count"] - 1) if n % 3 == 0 else e for n, e in enumerate(full["entries"])]
    partial = [e for e in partial if e["count"] > 0 and e["rule"] != "SIM003"]
    shuffled = list(full["entries"])
    random.Random(17).shuffle(shuffled)
    twice = [dict(e, count=1) for e in full["entries"] for _ in range(2)]
    for entries in (full["entries"], partial, shuffled, twice, []):
        path.write_text(json.dumps({"version": 1, "entries": entries}), encoding="utf-8")
        expected = reference_apply(held, whole(path))
        assert apply_baseline(held, path, DEFAULT_SETTINGS).documents == expected
        with Spill() as spill:
            for position, doc in enumerate(held.documents):
                spill.add(position, [doc])
            spilled = replace(held, documents=spill.documents())
            baselined = apply_baseline(spilled, path, DEFAULT_SETTINGS)
            assert tuple(baselined.documents) == expected
            assert tuple(baselined.documents[n] for n in range(len(expected) - 1, -1, -1)) == expected[::-1]


def test_entries_out_of_order_unpack_each_document_at_most_twice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Entries alternating between two documents: each is unpacked twice, then kept open (never once per entry,
    which would make a hostile order quadratic). Counted, not timed."""
    entries = [entry(path=f"{n % 2}.yaml", pointer=f"/{n}") for n in range(2000)]
    path = tmp_path / "baseline.json"
    path.write_text(text(entries), encoding="utf-8")
    calls = []
    original = zlib.decompress
    monkeypatch.setattr(zlib, "decompress", lambda data: calls.append(1) or original(data))
    budget = load_baseline(path)
    assert len(calls) <= 4
    monkeypatch.undo()
    assert dict(budget) == dict(whole(path))
