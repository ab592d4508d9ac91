"""CPU time and peak memory of a cold and a warm `svcstd check` on one folder, old and new alternating.

Each run is a fresh wrapper process that reports its children's CPU seconds (user + system) and peak
resident memory (`getrusage(RUSAGE_CHILDREN)`), so wall time on a loaded machine does not enter. The
cache lives in a temporary folder per source tree (the run records' size on disk is printed after the
cold run); the folder is checked from its own parent as the
current folder (so one checked root). `--src A B` compares several checkouts' `src` folders run by
run (each with its own cache); `--profile` prints a cProfile of one warm run instead.

    python benchmarks/warm_bench.py benchmarks/corpus/10000 [--repeat 3] [--format json]
    python benchmarks/warm_bench.py DIR --src /tmp/old/src src --repeat 3
    python benchmarks/warm_bench.py DIR --src /tmp/old/src src --null    # run.py's: --format json -o /dev/null
    python benchmarks/warm_bench.py DIR --profile 30
    python benchmarks/warm_bench.py DIR --phases          # where a warm run's CPU goes, phase by phase
    python benchmarks/warm_bench.py DIR --src /tmp/old/src src --null --floor --repeat 10

`--floor` measures run.py's floor (libyaml + jsonschema) on the same folder in every round, between the
warm runs, and prints each source's warm run as a ratio to it (the fastest runs' and the medians'): on
this noisy machine only a floor taken in the same rounds makes a ratio.

`--phases` runs a warm check's steps one after another in one process (after a cold run fills the
cache), timing each with `time.process_time()`: start-up, discovery, opening the cache (the context
digest and the index), the lookups (stat, record, decode), the same records read and decoded again
in parts, the spill, and rendering JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

WRAPPER = """
import json, resource, subprocess, sys
code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps([usage.ru_maxrss, usage.ru_utime + usage.ru_stime, code]))
"""


PHASES = """
import json, os, sys, time
clock = time.process_time
marks = [("start-up: interpreter", clock())]
from svcstd import api
from svcstd.cache import codec, context_digest
from svcstd.reporters import RenderOptions, chunk_renderer
from svcstd.spill import Spill
from datetime import date
run = api.pipeline(as_of=date(2026, 11, 27))
marks.append(("start-up: imports, rules", clock()))
files = api.targets([sys.argv[1]], run.settings)
marks.append(("discovery", clock()))
store = api._open_cache(run)
marks.append(("open the cache: context digest, read and verify the index", clock()))
found = [api._cached(target, run, store) for target in files]
marks.append(("lookups: stat, read and hash the record, json.loads, decode", clock()))
from svcstd.cache import index
store.packs = index.Packs(store.folder, store.packs.tables, 1 << 30)  # reopened: the lookups closed theirs
labels = [f"{target.display}\\0{int(target.explicit)}" for target in files]
entries = [index.checked(store.entries[label], len(store.packs.names)) for label in labels]
shared = codec.Shared()
tables = {n: codec.read_table(json.loads(store.packs.table(n)), shared) for n in {e.pack for e in entries}}
records = [store.packs.record(entry.pack, entry.offset, entry.length, entry.sha) for entry in entries]
marks.append(("  of which: read and hash the records and tables again", clock()))
expanded = [index.expand(record, 1 << 30) for record in records]
marks.append(("  of which: zlib, expand the records again", clock()))
loaded = [json.loads(record) for record in expanded]
marks.append(("  of which: json.loads again", clock()))
decoded = [codec.unpack(data, tables[entry.pack], shared) for data, entry in zip(loaded, entries)]
marks.append(("  of which: decode again", clock()))
with Spill() as spill:
    for slot, results in enumerate(found):
        if results:
            spill.add(slot, results)
    documents = spill.documents()
    marks.append(("spill: pickle every document to the temporary file", clock()))
    report = api.Report("x", "2026-11-27", documents, api.rule_infos(run.rules), (), ())
    with open(os.devnull, "w", encoding="utf-8") as sink:
        sink.writelines(chunk_renderer("json")(report, RenderOptions("en")))
    marks.append(("render JSON (reads the spill back: one unpickle per document)", clock()))
previous = 0.0
for name, at in marks:
    print(f"{at - previous:8.3f}  {name}")
    previous = at
print(f"{marks[-1][1]:8.3f}  all ({len(files)} files, {len(documents)} documents; misses: {found.count(None)})")
"""


def measure(command: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float, float]:
    """(CPU seconds, peak MB, wall seconds) of `command` and its children."""
    start = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-c", WRAPPER, *command], env=env, cwd=cwd, capture_output=True, text=True, check=True
    )
    wall = time.perf_counter() - start  # includes the wrapper's own start-up (~20 ms)
    maxrss, cpu, code = json.loads(out.stdout)
    if code not in (0, 1):
        raise SystemExit(f"svcstd exited {code}: {' '.join(command)}")
    return cpu, maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024), wall


def record_bytes(home: Path) -> int:
    """The size of every run record under a cache folder (cache/replay.py: runs/run-*)."""
    return sum(path.stat().st_size for path in home.glob("**/runs/run-*") if path.is_file())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--src", type=Path, nargs="+", default=[None], help="svcstd src folders to compare")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--format", default="json")
    parser.add_argument("--jobs", default="2")
    parser.add_argument("--profile", type=int, metavar="N", help="cProfile one warm run, print the top N")
    parser.add_argument("--phases", action="store_true", help="time a warm run's phases in one process")
    parser.add_argument("--no-cold", action="store_true", help="reuse the cache of SVCSTD_CACHE_DIR as it is")
    parser.add_argument("--quiet", action="store_true", help="run.py's other warm command: --quiet -o /dev/null")
    parser.add_argument("--null", action="store_true", help="the format's output to /dev/null (as run.py), not a file")
    parser.add_argument("--floor", action="store_true", help="also run.py's floor each round; ratios to it")
    args = parser.parse_args()
    folder = args.folder.resolve()
    with tempfile.TemporaryDirectory(prefix="svcstd-warm-") as scratch:
        envs = []
        for number, src in enumerate(args.src):
            env = dict(os.environ, SVCSTD_CACHE_DIR=str(Path(scratch) / f"cache{number}"))
            if args.no_cold and "SVCSTD_CACHE_DIR" in os.environ:
                env["SVCSTD_CACHE_DIR"] = os.environ["SVCSTD_CACHE_DIR"]
            if src is not None:
                env["PYTHONPATH"] = str(src.resolve())
            envs.append(env)
        base = [sys.executable, "-m", "svcstd", "check", folder.name, "--as-of", "2026-11-27", "--jobs", args.jobs]
        command = [*base, "-f", args.format, "-o", os.devnull if args.null else str(Path(scratch) / "out")]
        if args.quiet:
            command = [*base, "--quiet", "-o", os.devnull]
        if not args.no_cold:
            for src, env in zip(args.src, envs, strict=True):
                cpu, peak, wall = measure(command, env, folder.parent)
                print(f"cold  {src or 'installed'}: {cpu:7.2f} CPU s  {wall:7.2f} s  {peak:6.1f} MB", flush=True)
                size = record_bytes(Path(env["SVCSTD_CACHE_DIR"])) / 1e6
                print(f"      run records: {size:.2f} MB on disk", flush=True)
        if args.phases:
            for src, env in zip(args.src, envs, strict=True):
                print(f"phases, {src or 'installed'} (CPU s):", flush=True)
                subprocess.run([sys.executable, "-c", PHASES, folder.name], env=env, cwd=folder.parent, check=True)
            return
        if args.profile:
            profiled = [sys.executable, "-m", "cProfile", "-s", "tottime", "-m", "svcstd", *command[3:]]
            out = subprocess.run(profiled, env=envs[-1], cwd=folder.parent, capture_output=True, text=True, check=False)
            print("\n".join(out.stdout.splitlines()[: args.profile + 8]))
            return
        warm_rounds(args, command, envs, folder)


def warm_rounds(args: argparse.Namespace, command: list[str], envs: list[dict[str, str]], folder: Path) -> None:
    """Warm runs of each source in turn, `args.repeat` rounds (with the floor first in each, `--floor`)."""
    best: dict[int, tuple[float, float]] = {}
    cpus: dict[int, list[float]] = {number: [] for number in range(len(args.src))}
    floors: list[float] = []
    for _ in range(args.repeat):
        if args.floor:
            floors.append(floor_cpu(folder))
            print(f"floor: {floors[-1]:7.3f} CPU s", flush=True)
        for number, (src, env) in enumerate(zip(args.src, envs, strict=True)):
            cpu, peak, wall = measure(command, env, folder.parent)
            cpus[number].append(cpu)
            old = best.get(number, (cpu, wall))
            best[number] = (min(old[0], cpu), min(old[1], wall))
            print(f"warm  {src or 'installed'}: {cpu:7.3f} CPU s  {wall:7.3f} s  {peak:6.1f} MB", flush=True)
    for number, src in enumerate(args.src):
        print(f"best warm {src or 'installed'}: {best[number][0]:.3f} CPU s, {best[number][1]:.3f} s wall")
        if floors:
            fastest = best[number][0] / min(floors)
            median = statistics.median(cpus[number]) / statistics.median(floors)
            print(f"  x floor: {fastest:.4f} fastest / {median:.4f} median (floor {min(floors):.2f} s best)")


def floor_cpu(folder: Path) -> float:
    """CPU seconds of run.py's floor (libyaml + jsonschema, every file read and validated) on `folder`."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import run  # benchmarks/run.py: the floor's code

    command = [sys.executable, "-c", run.FLOOR, str(folder), str(run.SCHEMA)]
    cpu, _, _ = measure(command, dict(os.environ), folder.parent)
    return cpu


if __name__ == "__main__":
    main()
