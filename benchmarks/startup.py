"""Measure svcstd's start-up: `--version` and one small file, beside `python -c pass` as the floor.

Each run is a fresh interpreter started the way the `svcstd` console script starts one
(`from svcstd.cli import program; sys.exit(program())`; a `src` from before `program` existed runs
`run()`, as its console script did), inside a wrapper process that reports its wall time
and its child's CPU time (user + system, `getrusage(RUSAGE_CHILDREN)`). The figure kept is the best of
`--repeat` runs; on a shared machine trust the CPU seconds, not the wall seconds.

With several `--src` folders (say main's `src` and this branch's) the rounds alternate between them,
run by run, and the script checks that every case prints the same standard output and standard error
and exits with the same code under each: a start-up change must not change a byte of what svcstd says.

With a generated corpus of 1,000 files (`benchmarks/generate.py --sizes 1000`), a warm replay is measured
too: `check benchmarks/corpus/1000 --format json -o /dev/null --jobs 2`, after one cold run of each
`--src` has recorded it (in a result cache of this script's own, a temporary folder).

Bytecode is compiled first (`compileall`), as an installed package has it: this environment sets
PYTHONDONTWRITEBYTECODE, and compiling svcstd's modules afresh on every run would be measured instead.

    python benchmarks/startup.py [--repeat 10] [--file examples/dukcapil-ktp-el.yaml] [--src DIR ...]
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
SMALL_FILE = ROOT / "examples" / "dukcapil-ktp-el.yaml"
CORPUS = ROOT / "benchmarks" / "corpus" / "1000"
WARM = "warm 1,000 files"
TARGETS = {"--version": 0.15, "check FILE": 0.3, "check FILE --format json": 0.3, WARM: 0.2}

ENTRY = "import sys; from svcstd import cli; sys.exit((getattr(cli, 'program', None) or cli.run)())"
WRAPPER = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], capture_output=True, check=False)
wall = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
out = {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "code": done.returncode,
       "stdout": done.stdout.decode("utf-8", "replace"), "stderr": done.stderr.decode("utf-8", "replace")}
print(json.dumps(out))
"""


CACHE = tempfile.mkdtemp(prefix="svcstd-startup-cache-")
"""The result cache of every measured run: the warm replay's record, never the user's own cache."""


class Run(NamedTuple):
    wall: float
    cpu: float
    said: tuple[int, str, str]
    """Exit code, standard output, standard error."""


def cases(file: Path, corpus: Path) -> dict[str, list[str]]:
    """The measured invocations: the floor, `--version`, one small file as text and as JSON, a warm replay."""
    check = [ENTRY, "check", str(file), "--no-cache", "--as-of", "2026-12-01"]
    measured = {
        "python -c pass": ["pass"],
        "--version": [ENTRY, "--version"],
        "check FILE": check,
        "check FILE --format json": [*check, "--format", "json"],
    }
    if corpus.is_dir():
        replay = ["check", str(corpus), "--format", "json", "-o", os.devnull, "--jobs", "2", "--as-of", "2026-12-01"]
        measured[WARM] = [ENTRY, *replay]
    return measured


def once(python: str, argv: list[str], src: Path) -> Run:
    env = {**os.environ, "PYTHONPATH": str(src), "NO_COLOR": "1", "SVCSTD_CACHE_DIR": CACHE}
    command = [sys.executable, "-c", WRAPPER, python, "-c", *argv]
    output = subprocess.run(command, capture_output=True, text=True, check=True, env=env, cwd=ROOT).stdout
    result = json.loads(output)
    return Run(result["wall"], result["cpu"], (result["code"], result["stdout"], result["stderr"]))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=10, help="runs of each case; the best is kept (default 10)")
    parser.add_argument("--file", type=Path, default=SMALL_FILE, help="the small file checked")
    parser.add_argument(
        "--src", type=Path, action="append", help="a folder holding the svcstd package (repeatable; default: ./src)"
    )
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="the folder replayed warm (default: 1,000 files)")
    parser.add_argument("--python", default=sys.executable, help="the interpreter measured (default: this one)")
    parser.add_argument("--no-compile", action="store_true", help="do not compile bytecode first")
    args = parser.parse_args()
    sources = [src.resolve() for src in args.src or [ROOT / "src"]]
    if not args.no_compile:
        for src in sources:
            compileall.compile_dir(src / "svcstd", quiet=1)
    load = " ".join(f"{value:.1f}" for value in os.getloadavg()) if hasattr(os, "getloadavg") else "unknown"
    print(f"{os.cpu_count()} CPUs, Python {sys.version.split()[0]}; best of {args.repeat}; load average {load}")
    invocations = cases(args.file, args.corpus)
    try:
        return measure(args, sources, invocations)
    finally:
        shutil.rmtree(CACHE, ignore_errors=True)


def measure(args: argparse.Namespace, sources: list[Path], invocations: dict[str, list[str]]) -> int:
    """Best of `args.repeat` runs of each invocation under each source, alternating; 1 if any answers differ."""
    if WARM in invocations:
        for src in sources:  # the cold run that records what the measured runs replay
            once(args.python, invocations[WARM], src)
    best: dict[tuple[str, Path], tuple[float, float]] = {}
    said: dict[tuple[str, Path], tuple[int, str, str]] = {}
    for _ in range(args.repeat):
        for name, argv in invocations.items():
            for src in sources:  # alternate: each source is measured under the same load
                run = once(args.python, argv, src)
                wall, cpu = best.get((name, src), (float("inf"), float("inf")))
                best[name, src] = (min(wall, run.wall), min(cpu, run.cpu))
                if said.setdefault((name, src), run.said) != run.said:
                    raise SystemExit(f"{name} under {src} answered differently from one run to the next")
    width = max(len(name) for name in invocations)
    print(f"\n{'case':<{width}}  {'src':<40} {'CPU s':>7} {'wall s':>7} {'target':>7}")
    for name in invocations:
        for src in sources:
            wall, cpu = best[name, src]
            target = f"{TARGETS[name]:.2f}" if name in TARGETS else ""
            print(f"{name:<{width}}  {str(src)[-40:]:<40} {cpu:7.3f} {wall:7.3f} {target:>7}")
    differ = [name for name in invocations if len({said[name, src] for src in sources}) > 1]
    for name in differ:
        print(f"DIFFERENT OUTPUT: {name}", file=sys.stderr)
    return 1 if differ else 0


if __name__ == "__main__":
    raise SystemExit(main())
