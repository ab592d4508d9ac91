"""Where the wall time of a `svcstd check --jobs N` run goes, on a timeline: head, body, tail.

Each run is a fresh process that imports svcstd from the source folder given (`--src`, default this
checkout's), wraps a few of its functions with timestamps (discovery, the first file judged before the
fork, the pool's start and end, each chunk in each worker, each result the parent takes in, the spill's
read-back, the outputs written) and then runs the command line as `svcstd` would. Nothing of svcstd is
changed: the wrappers live in this script only. With several `--src`, runs alternate between them.

    python benchmarks/timeline.py [--src DIR ...] [--runs 3] [--jobs 2] [--detail] [CORPUS]

Printed per run: wall from launch to exit; the head (launch to the first chunk starting in a worker) split into
interpreter start and imports, discovery, the warm start, the fork; the body (first chunk started to last
chunk ended) with each worker's busy share, idle gaps between chunks, idle tail, and its voluntary context
switches between chunks (each a wait: a full results pipe, an empty task queue); the tail (last chunk ended
to exit) split into the last results reaching the parent, the pool's shutdown, the outputs, the interpreter's
exit; and CPU: the parent's (with its threads' shares) and the workers'. Median and least of the runs.

"interpreter" includes this script's own imports (about 20 ms); every other interval is svcstd's own. On a
machine shared with other work, intervals are stretched by preemption: compare the counts (chunks, waits) and
CPU seconds, and wall only between runs alternated at the same load.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from itertools import pairwise
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE / "corpus" / "real" / "1000"


def _thread_cpu() -> dict[str, float]:
    """CPU seconds of each thread of this process, by thread name (from /proc; Linux only)."""
    ticks = os.sysconf("SC_CLK_TCK")
    names = {thread.native_id: thread.name for thread in threading.enumerate()}
    found: dict[str, float] = {}
    for task in os.listdir("/proc/self/task"):
        try:
            fields = Path(f"/proc/self/task/{task}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        name = names.get(int(task), f"thread {task}")
        found[name] = found.get(name, 0.0) + (int(fields[11]) + int(fields[12])) / ticks
    return found


def _switches() -> int:
    """This process's voluntary context switches so far: each time it waited (a full pipe, an empty queue)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("voluntary_ctxt_switches:"):
            return int(line.split()[1])
    return 0


def inner(src: str, log: str, argv: list[str]) -> None:  # noqa: PLR0915  (one place for every wrapper)
    """Run `svcstd argv` in this process with timestamps written to `log` (one JSON object per line)."""
    sys.path.insert(0, src)
    lines: list[str] = []
    pid = os.getpid()

    def note(event: str, **extra: object) -> None:
        lines.append(
            json.dumps({"e": event, "t": time.time(), "cpu": time.process_time(), "pid": os.getpid(), **extra})
        )

    note("main")
    from svcstd import cli

    note("cli imported")
    from svcstd import api, parallel, spill
    from svcstd.cli import check

    note("api imported")

    original_targets = api.targets

    def targets(*args: object, **kwargs: object) -> object:
        note("discovery begins")
        found = original_targets(*args, **kwargs)  # type: ignore[arg-type]
        note("discovery ends", files=len(found))  # type: ignore[arg-type]
        return found

    api.targets = targets  # type: ignore[assignment]

    original_warm = parallel._warm_start

    def warm_start(*args: object) -> object:
        note("warm start begins")
        result = original_warm(*args)  # type: ignore[arg-type]
        note("warm start ends")
        return result

    parallel._warm_start = warm_start  # type: ignore[assignment]

    original_chunk = parallel._check_chunk
    worker_log = log + ".workers"

    collecting = {"at": 0.0, "cpu": 0.0, "full": 0}

    def collected(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            collecting["at"] = time.process_time()
        else:
            collecting["cpu"] += time.process_time() - collecting["at"]
            collecting["full"] += info["generation"] == 2

    def check_chunk(targets: list[object]) -> object:
        if collected not in gc.callbacks:
            gc.callbacks.append(collected)
        began, cpu, blocked = time.time(), time.process_time(), _switches()
        result = original_chunk(targets)  # type: ignore[arg-type]
        ended = time.time()
        record = {"e": "chunk", "pid": os.getpid(), "t0": began, "t": ended, "n": len(targets),
                  "cpu": time.process_time() - cpu, "first": str(getattr(targets[0], "display", "")),
                  "v0": blocked, "v1": _switches(), "gc": collecting["cpu"], "full": collecting["full"],
                  "frozen": gc.get_freeze_count()}  # fmt: skip
        with open(worker_log, "a") as file:
            file.write(json.dumps(record) + "\n")
        return result

    check_chunk.__module__, check_chunk.__qualname__ = original_chunk.__module__, original_chunk.__qualname__
    parallel._check_chunk = check_chunk  # type: ignore[assignment]

    original_pool_class = parallel._pool_class

    def pool_class() -> object:
        base = original_pool_class()

        class Timed(base):  # type: ignore[misc, valid-type]
            def __exit__(self, *exc: object) -> object:
                note("pool exit begins", threads=_thread_cpu())
                result = super().__exit__(*exc)
                note("pool exit ends")
                return result

        def make(*args: object, **kwargs: object) -> object:
            note("pool begins")
            pool = Timed(*args, **kwargs)
            note("pool started")
            return pool

        return make

    parallel._pool_class = pool_class  # type: ignore[assignment]

    original_add = spill.Spill.add

    def add(self: spill.Spill, slot: int, results: object) -> None:
        note("result")
        original_add(self, slot, results)  # type: ignore[arg-type]

    spill.Spill.add = add  # type: ignore[method-assign]

    original_documents = spill.Spill.documents

    def documents(self: spill.Spill) -> object:
        note("read-back begins")
        return original_documents(self)

    spill.Spill.documents = documents  # type: ignore[method-assign]

    original_write = check._write_outputs

    def write_outputs(*args: object, **kwargs: object) -> object:
        note("outputs begin")
        result = original_write(*args, **kwargs)  # type: ignore[arg-type]
        note("outputs end")
        return result

    check._write_outputs = write_outputs  # type: ignore[assignment]

    sys.argv = ["svcstd", *argv]
    try:
        cli.run()
    finally:  # the interpreter's own exit follows, as in a real run (the outer wall measures it)
        note("end", threads=_thread_cpu())
        if os.getpid() == pid:
            Path(log).write_text("\n".join(lines) + "\n")


def one_run(src: str, corpus: str, jobs: int, extra: list[str]) -> dict[str, object]:
    with tempfile.TemporaryDirectory(prefix="svcstd-timeline-") as folder:
        log = os.path.join(folder, "log")
        argv = ["check", corpus, "--jobs", str(jobs), "--no-cache", "--format", "json", *extra]
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        launched = time.time()
        with open(os.devnull, "wb") as sink:
            process = subprocess.run(
                [sys.executable, __file__, "--inner", src, log, "--", *argv], stdout=sink, check=False
            )
        exited = time.time()
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if process.returncode not in (0, 1):
            raise SystemExit(f"the run exited with {process.returncode}")
        events = [json.loads(line) for line in Path(log).read_text().splitlines() if line]
        workers_log = Path(log + ".workers")
        chunks = [json.loads(line) for line in workers_log.read_text().splitlines()] if workers_log.exists() else []
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"launched": launched, "exited": exited, "cpu": cpu, "events": events, "chunks": chunks}


def analyse(run: dict[str, object]) -> dict[str, float]:  # noqa: PLR0915
    launched, exited = float(run["launched"]), float(run["exited"])  # type: ignore[arg-type]
    events: list[dict[str, object]] = run["events"]  # type: ignore[assignment]
    chunks: list[dict[str, float]] = run["chunks"]  # type: ignore[assignment]
    at: dict[str, float] = {}
    cpu_at: dict[str, float] = {}
    results = []
    threads: dict[str, dict[str, float]] = {}
    for event in events:
        name = str(event["e"])
        if name == "result":
            results.append(float(event["t"]))  # type: ignore[arg-type]
            continue
        at.setdefault(name, float(event["t"]))  # type: ignore[arg-type]
        cpu_at.setdefault(name, float(event["cpu"]))  # type: ignore[arg-type]
        if "threads" in event:
            threads[name] = event["threads"]  # type: ignore[assignment]
    found: dict[str, float] = {"wall": exited - launched, "cpu": float(run["cpu"])}  # type: ignore[arg-type]
    found["interpreter"] = at["main"] - launched
    found["imports"] = at["api imported"] - at["main"]
    found["to discovery"] = at["discovery begins"] - at["api imported"]
    found["discovery"] = at["discovery ends"] - at["discovery begins"]
    if chunks:
        first_start = min(c["t0"] for c in chunks)
        last_end = max(c["t"] for c in chunks)
        found["to warm start"] = at.get("warm start begins", at["pool begins"]) - at["discovery ends"]
        found["warm start"] = at.get("warm start ends", 0) - at.get("warm start begins", 0)
        found["pool prep"] = at["pool begins"] - at.get("warm start ends", at["discovery ends"])
        found["fork"] = at["pool started"] - at["pool begins"]
        found["to first chunk"] = first_start - at["pool started"]
        found["head"] = first_start - launched
        found["body"] = last_end - first_start
        per_worker: dict[int, list[dict[str, float]]] = {}
        for chunk in chunks:
            per_worker.setdefault(int(chunk["pid"]), []).append(chunk)
        busy = []
        for number, (_, taken) in enumerate(sorted(per_worker.items())):
            busy_s = sum(c["t"] - c["t0"] for c in taken)
            busy.append(busy_s)
            found[f"worker {number} busy"] = busy_s
            found[f"worker {number} cpu"] = sum(c["cpu"] for c in taken)
            found[f"worker {number} gc cpu"] = max(c.get("gc", 0.0) for c in taken)
            found[f"worker {number} full gcs"] = max(c.get("full", 0) for c in taken)
            found[f"worker {number} frozen"] = max(c.get("frozen", 0) for c in taken)
            found[f"worker {number} idle tail"] = last_end - max(c["t"] for c in taken)
            found[f"worker {number} idle gaps"] = (max(c["t"] for c in taken) - min(c["t0"] for c in taken)) - busy_s
            found[f"worker {number} late start"] = min(c["t0"] for c in taken) - first_start
            ordered = sorted(taken, key=lambda c: c["t0"])
            found[f"worker {number} waits between chunks"] = sum(
                after["v0"] - before["v1"] for before, after in pairwise(ordered)
            )
            found[f"worker {number} waits in chunks"] = sum(c["v1"] - c["v0"] for c in taken)
        found["chunks"] = len(chunks)
        found["last result after last chunk"] = (max(results) if results else last_end) - last_end
        found["pool exit"] = at["pool exit ends"] - at["pool exit begins"]
        found["tail"] = exited - last_end
        pool_threads = threads.get("pool exit begins", {})
        for name, seconds in sorted(pool_threads.items()):
            found[f"parent thread {name} cpu"] = seconds
    found["results"] = len(results)
    found["parent cpu at end"] = cpu_at["end"]
    found["parent cpu in body"] = cpu_at.get("pool exit begins", cpu_at["end"]) - cpu_at.get("pool started", 0)
    found["read-back to outputs"] = at.get("outputs begin", 0) - at.get("read-back begins", 0)
    found["outputs"] = at.get("outputs end", 0) - at.get("outputs begin", 0)
    found["outputs to end"] = at["end"] - at.get("outputs end", at["end"])
    found["interpreter exit"] = exited - at["end"]
    return found


def detail(run: dict[str, object]) -> None:
    launched = float(run["launched"])  # type: ignore[arg-type]
    chunks: list[dict[str, float]] = run["chunks"]  # type: ignore[assignment]
    pids = sorted({int(c["pid"]) for c in chunks})
    for chunk in sorted(chunks, key=lambda c: c["t0"]):
        began, ended = chunk["t0"] - launched, chunk["t"] - launched
        print(f"    worker {pids.index(int(chunk['pid']))}  {began:7.3f} -> {ended:7.3f}"
              f"  {chunk['n']:3.0f} files  cpu {chunk['cpu']:.3f}  {chunk['first']}")  # fmt: skip
    events: list[dict[str, object]] = run["events"]  # type: ignore[assignment]
    results = [float(e["t"]) for e in events if e["e"] == "result"]  # type: ignore[arg-type]
    for event in events:
        if event["e"] != "result":
            print(f"    parent  {float(event['t']) - launched:7.3f}  cpu {float(event['cpu']):6.3f}  {event['e']}")  # type: ignore[arg-type]
    if results:
        marks = [results[int(len(results) * share) - 1] - launched for share in (0.25, 0.5, 0.75, 1.0)]
        print("    results 25/50/75/100%: " + "  ".join(f"{mark:.3f}" for mark in marks))


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--inner":
        inner(sys.argv[2], sys.argv[3], sys.argv[5:])
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default=str(DEFAULT_CORPUS))
    parser.add_argument("--src", action="append", help="a src folder to import svcstd from (repeatable)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--detail", action="store_true", help="print every chunk and parent event")
    parser.add_argument("--extra", nargs=argparse.REMAINDER, default=[], help="more arguments for check")
    args = parser.parse_args()
    sources = args.src or [str(HERE.parent / "src")]
    taken: dict[str, list[dict[str, float]]] = {src: [] for src in sources}
    for number in range(args.runs):
        for src in sources:
            run = one_run(src, args.corpus, args.jobs, args.extra)
            taken[src].append(analyse(run))
            print(f"run {number + 1} {src}: wall {taken[src][-1]['wall']:.3f} cpu {taken[src][-1]['cpu']:.3f}"
                  f"  load {os.getloadavg()[0]:.2f}", flush=True)  # fmt: skip
            if args.detail:
                detail(run)
    for src, found in taken.items():
        print(f"\n{src}: median (min) of {len(found)} runs")
        for key in found[0]:
            values = [run.get(key, 0.0) for run in found]
            print(f"  {key:<36} {statistics.median(values):8.3f} ({min(values):.3f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
