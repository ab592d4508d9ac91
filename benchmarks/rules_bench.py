"""Measure judging alone (the rules, the engine and scoring), and hold its results identical across a change.

Every document of the first N files of a corpus is read, normalised and validated first; then only
judging is timed, in CPU seconds (`time.process_time()`: the machine is shared, wall time is noise):
`engine.evaluate` (every rule, the waivers, stamping findings) and then the rest of `judge.judge` after
validation (scores, the gate, anchors, sorting). Invalid documents are not judged by the rules, so
they are left out.

    python benchmarks/rules_bench.py benchmarks/corpus/1000 [--files 500] [--repeat 3] [--profile 30]
    python benchmarks/rules_bench.py benchmarks/corpus/1000 --per-rule 20    # the 20 costliest rules, CPU s each
    python benchmarks/rules_bench.py DIR --files 300 --snapshot before.txt   # on the old code
    python benchmarks/rules_bench.py DIR --files 300 --compare before.txt    # on the new: identical?

A snapshot is the full `repr` of each document's result as `judge.judge` returns it: every finding (id,
severity, both languages' messages, pointer, line, column, principle, waiver, anchor), every outcome by
principle, the scores as exact floats, the grade and the gate. `--compare` fails (exit 1) on any difference.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from svcstd.api import pipeline as make_pipeline  # noqa: E402
from svcstd.config.settings import Settings  # noqa: E402
from svcstd.judge import Pipeline, judge, normalised  # noqa: E402
from svcstd.model import LoadedDocument, Severity  # noqa: E402
from svcstd.reading.loader import load_bytes  # noqa: E402
from svcstd.scoring.engine import evaluate  # noqa: E402
from svcstd.validation.validate import validate  # noqa: E402

AS_OF = date(2026, 11, 27)


def files_of(folder: Path, count: int) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.suffix in (".yaml", ".yml"))[:count]


def load(files: list[Path]) -> list[LoadedDocument]:
    """Every document of the files, with its YAML, read and normalised as `judge` would."""
    documents = []
    for path in files:
        for doc in load_bytes(path.read_bytes(), str(path)):  # named as given, so snapshots of two trees compare
            documents.append(normalised(doc) if isinstance(doc.data, dict) else doc)
    return documents


def valid(documents: list[LoadedDocument]) -> list[LoadedDocument]:
    """The documents the rules judge: a mapping with no error from reading or validation."""
    kept = []
    for doc in documents:
        if not isinstance(doc.data, dict):
            continue
        findings = [*doc.findings, *validate(doc)]
        if not any(f.severity is Severity.ERROR for f in findings):
            kept.append(doc)
    return kept


def time_evaluate(documents: list[LoadedDocument], pipe: Pipeline) -> float:
    start = time.process_time()
    for doc in documents:
        evaluate(doc, pipe.rules, pipe.settings, pipe.as_of)
    return time.process_time() - start


def time_judge(documents: list[LoadedDocument], pipe: Pipeline) -> float:
    """`judge.judge` whole: validation (cheap on valid documents once jsonschema-rs is built) + judging."""
    start = time.process_time()
    for doc in documents:
        judge(doc, pipe)
    return time.process_time() - start


def time_validate(documents: list[LoadedDocument]) -> float:
    start = time.process_time()
    for doc in documents:
        validate(doc)
    return time.process_time() - start


def time_rules(documents: list[LoadedDocument], pipe: Pipeline) -> dict[str, float]:
    """CPU seconds per rule over the documents: its `applies`, its `check` run to the end and its credit.

    A fact the rules share (`rules.facts.shared`) is timed on its own row (`fact module.name`) where it is
    made, whichever rule asks first, and that time is taken off that rule's row; a fact made inside another
    counts on its own row only.

    What the engine adds around the rules (waivers, stamping findings, outcomes) is what `evaluate` costs
    beyond the sum of these.
    """
    from svcstd.scoring.engine import _plan
    from svcstd.standard import facts

    plan = _plan(pipe.rules, pipe.settings, pipe.as_of)
    spent = dict.fromkeys((each.rule.id for each in plan), 0.0)
    clock = time.process_time
    making: list[list[float]] = []  # for each fact being made: when it started, the time of facts made inside it
    in_facts = [0.0]  # the time of the outermost facts made during the current rule

    class Timed(facts._Memo):
        """The document's memo: a missed look-up (`shared` then makes the fact) is timed on the fact's own row."""

        __slots__ = ()

        def __missing__(self, derive: facts.Derive) -> object:
            making.append([clock(), 0.0])
            value = super().__missing__(derive)
            started, inner = making.pop()
            took = clock() - started
            name = f"fact {derive.__module__.rsplit('.', 1)[-1]}.{derive.__name__}"
            spent[name] = spent.get(name, 0.0) + took - inner
            if making:
                making[-1][1] += took
            else:
                in_facts[0] += took
            return value

    for doc in documents:
        data = doc.data
        token = facts._current.set(Timed(data))
        try:
            for each in plan:
                rule, context = each.rule, each.context
                in_facts[0] = 0.0
                start = clock()
                if rule.applies is None or rule.applies(data, context):
                    hits = list(rule.check(data, context))
                    if hits:
                        rule.credit(data, context, hits)
                spent[rule.id] += clock() - start - in_facts[0]
        finally:
            facts._current.reset(token)
    return spent


def snapshot(documents: list[LoadedDocument], pipe: Pipeline) -> list[str]:
    return [repr(judge(doc, pipe)) for doc in documents]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, nargs="+")
    parser.add_argument("--files", type=int, default=500, help="the first N files of each folder (sorted)")
    parser.add_argument("--repeat", type=int, default=3, help="keep the best of N timings")
    parser.add_argument("--profile", type=int, default=0, metavar="N", help="print the top N functions by own time")
    parser.add_argument("--per-rule", type=int, default=0, metavar="N", help="print the N costliest rules")
    parser.add_argument("--evaluate-only", action="store_true", help="time engine.evaluate alone")
    parser.add_argument("--snapshot", type=Path, help="write every document's result (all documents) here")
    parser.add_argument("--verbose", action="store_true", help="judge as `check --verbose` (one finding per item)")
    parser.add_argument("--compare", type=Path, help="compare every document's result with this snapshot")
    args = parser.parse_args()
    pipe = make_pipeline(Settings(verbose=args.verbose), as_of=AS_OF)
    files = [path for folder in args.folder for path in files_of(folder, args.files)]
    documents = load(files)
    if args.snapshot or args.compare:
        lines = snapshot(documents, pipe)
        if args.snapshot:
            args.snapshot.write_text("\n".join(lines) + "\n", encoding="utf-8")
            print(f"{len(lines)} documents written to {args.snapshot}")
            return 0
        before = args.compare.read_text(encoding="utf-8").splitlines()
        differing = [i for i, (a, b) in enumerate(zip(before, lines, strict=False)) if a != b]
        if len(before) != len(lines) or differing:
            print(f"DIFFERENT: {len(before)} vs {len(lines)} documents, {len(differing)} differ")
            for i in differing[:3]:
                print(f"- {before[i][:2000]}\n+ {lines[i][:2000]}")
            return 1
        print(f"identical: {len(lines)} documents")
        return 0
    judged = valid(documents)
    time_validate(judged[:5])  # builds the native validator outside the timings
    print(f"{len(files)} files, {len(documents)} documents, {len(judged)} judged by the rules")
    if args.profile:
        profiler = cProfile.Profile()
        profiler.enable()
        time_evaluate(judged, pipe)
        profiler.disable()
        stats = pstats.Stats(profiler)
        stats.sort_stats("tottime").print_stats(args.profile)
        stats.sort_stats("cumulative").print_stats(args.profile)
        return 0
    if args.per_rule:
        runs = [time_rules(judged, pipe) for _ in range(args.repeat)]
        best = {rule: min(run.get(rule, 0.0) for run in runs) for rule in runs[-1]}
        total = sum(best.values())
        evaluated = min(time_evaluate(judged, pipe) for _ in range(args.repeat))
        print(f"engine.evaluate {evaluated:.3f} CPU s; the rules alone {total:.3f} (best of {args.repeat} each)")
        for rule, seconds in sorted(best.items(), key=lambda item: -item[1])[: args.per_rule]:
            print(f"{rule:36} {seconds:7.3f} CPU s  {1e6 * seconds / len(judged):7.1f} µs/document")
        return 0
    rows = {"engine.evaluate": min(time_evaluate(judged, pipe) for _ in range(args.repeat))}
    if not args.evaluate_only:
        rows["judge.judge (validate + evaluate + score)"] = min(time_judge(judged, pipe) for _ in range(args.repeat))
        rows["validate alone"] = min(time_validate(judged) for _ in range(args.repeat))
    for name, seconds in rows.items():
        print(f"{name:45} {seconds:7.3f} CPU s  {1000 * seconds / len(judged):6.2f} ms/document")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
