"""Measure `svcstd check` against the floors on two corpora, and check the speed targets.

The floor is the least any checker must do: parse every document of every file with libyaml
(`yaml.CSafeLoader`) and validate it with jsonschema against svcstd's own schema, in one plain loop
in one process. Beside it, in the same run: the native floor (libyaml + jsonschema-rs), libyaml
parsing alone (the data, and the bare events svcstd's reader consumes), and every svcstd mode: one
worker with and without the native fast path (SVCSTD_NATIVE=0), all cores, cold and warm cache.
Two corpora: benchmarks/generate.py's (one dumper's layout) and benchmarks/generate_real.py's
(varied copies of the real standards and the examples, in their authors' layout).

Every measurement runs in a fresh wrapper process that reports its wall time and its children's
CPU time and peak resident memory (`getrusage(RUSAGE_CHILDREN)`, which covers svcstd's worker
processes too), so the figures do not leak into each other. Ratios are to the floor of the same
run on the same corpus, so a loaded machine shifts them less than the seconds.

    python benchmarks/run.py [--sizes 1000 10000] [--corpora generated real] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "benchmarks" / "corpus"
SCHEMA = ROOT / "src" / "svcstd" / "schemas" / "service-standard.schema.json"
SMALL_FILE = ROOT / "examples" / "dukcapil-ktp-el.yaml"
MEMORY_SIZE = 10_000

FLOOR_TEMPLATE = """
import json, pathlib, sys, yaml
from {module} import Draft202012Validator
class Loader(yaml.CSafeLoader):  # dates stay text, as in JSON (and as svcstd's YAML 1.2 reader keeps them)
    pass
Loader.add_constructor("tag:yaml.org,2002:timestamp", yaml.constructor.SafeConstructor.construct_scalar)
validator = Draft202012Validator(json.loads(pathlib.Path(sys.argv[2]).read_text(encoding="utf-8")))
files = sorted(p for p in pathlib.Path(sys.argv[1]).rglob("*") if p.suffix in (".yaml", ".yml"))
for path in files:
    try:  # a checker reports a file it cannot read, and goes on
        documents = list(yaml.load_all(path.read_bytes(), Loader=Loader))
    except (yaml.YAMLError, ValueError):
        continue
    for document in documents:
        for error in validator.iter_errors(document):
            pass
"""
FLOOR = FLOOR_TEMPLATE.format(module="jsonschema")
NATIVE_FLOOR = FLOOR_TEMPLATE.format(module="jsonschema_rs")  # libyaml + a native validator: the stretch target

PARSE_ONLY = """
import pathlib, sys, yaml
files = sorted(p for p in pathlib.Path(sys.argv[1]).rglob("*") if p.suffix in (".yaml", ".yml"))
for path in files:
    try:
        for document in yaml.load_all(path.read_bytes(), Loader=yaml.CSafeLoader):
            pass
    except (yaml.YAMLError, ValueError):
        continue
"""

EVENTS_ONLY = """
import pathlib, sys
from yaml._yaml import CParser
files = sorted(p for p in pathlib.Path(sys.argv[1]).rglob("*") if p.suffix in (".yaml", ".yml"))
for path in files:
    parser = CParser(path.read_bytes().decode("utf-8"))
    while parser.check_event():
        parser.get_event()
    parser.dispose()
"""

WRAPPER = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=False).returncode
wall = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps([wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, code]))
"""


class Sample(NamedTuple):
    """One measurement: wall seconds, CPU seconds (all processes), peak resident MB of one process."""

    wall: float
    cpu: float
    peak_mb: float


def measure(
    command: list[str],
    cwd: Path,
    repeat: int = 1,
    before: list[str] | None = None,
    env: dict[str, str] | None = None,
    expect: tuple[int, ...] = (0, 1),
) -> Sample:
    """The best of `repeat` runs of `command` (each after `before`, when given), each in a fresh wrapper."""
    samples = []
    for _ in range(repeat):
        if before is not None:
            subprocess.run(before, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        wrapped = [sys.executable, "-c", WRAPPER, *command]
        run_env = {**os.environ, **(env or {})}
        output = subprocess.run(wrapped, cwd=cwd, capture_output=True, text=True, check=True, env=run_env).stdout
        wall, cpu, peak_kb, code = json.loads(output)
        if code not in expect:
            raise SystemExit(f"{' '.join(command[:3])}... exited with {code}: the measurement would be of a crash")
        samples.append(Sample(wall, cpu, peak_kb / 1024))
    return min(samples)


def svcstd_command() -> list[str]:
    found = shutil.which("svcstd")
    return [found] if found else [sys.executable, "-m", "svcstd"]


GENERATORS = {"generated": ("generate.py", CORPUS), "real": ("generate_real.py", CORPUS / "real")}


def corpus(size: int, kind: str = "generated") -> Path:
    script, root = GENERATORS[kind]
    folder = root / str(size)
    if not folder.is_dir():
        generator = [sys.executable, str(ROOT / "benchmarks" / script), "--sizes", str(size)]
        subprocess.run(generator, check=True)
    return folder


def floors(folder: str, repeat: int, cwd: Path) -> dict[str, Sample]:
    """The least a checker must do, natively and in Python, and libyaml's parsing alone."""
    python = [sys.executable, "-c"]
    return {
        "floor": measure([*python, FLOOR, folder, str(SCHEMA)], cwd, repeat, expect=(0,)),
        "native floor": measure([*python, NATIVE_FLOOR, folder, str(SCHEMA)], cwd, repeat, expect=(0,)),
        "parse only": measure([*python, PARSE_ONLY, folder], cwd, repeat, expect=(0,)),
        "events only": measure([*python, EVENTS_ONLY, folder], cwd, repeat, expect=(0,)),
    }


MODES = ("jobs1", "python", "parallel", "cache")
"""svcstd's modes, each selectable with --modes: one worker, one without the native validator, all cores,
the cache (cold, then warm: the warm run reuses the cold run's entries)."""


def measure_size(
    size: int, repeat: int, cwd: Path, kind: str = "generated", modes: tuple[str, ...] = MODES
) -> dict[str, Sample]:
    """The floors, then svcstd in the chosen modes on one corpus (the cache lives in `cwd`)."""
    folder = str(corpus(size, kind))
    check = [*svcstd_command(), "check", folder, "--format", "json", "-o", os.devnull]
    clean = [*svcstd_command(), "cache", "clean"]
    cores = str(os.cpu_count() or 1)
    samples = floors(folder, repeat, cwd)
    if "jobs1" in modes:
        samples["jobs 1"] = measure([*check, "--jobs", "1", "--no-cache"], cwd, repeat)
    if "python" in modes:
        native_off = {"SVCSTD_NATIVE": "0"}
        samples["jobs 1 python"] = measure([*check, "--jobs", "1", "--no-cache"], cwd, repeat, env=native_off)
    if "parallel" in modes:
        samples[f"jobs {cores}"] = measure([*check, "--jobs", cores, "--no-cache"], cwd, repeat)
    if "cache" in modes:
        samples["cold cache"] = measure([*check, "--jobs", cores], cwd, repeat, before=clean)
        samples["warm cache"] = measure([*check, "--jobs", cores], cwd, repeat)
        quiet = [*svcstd_command(), "check", folder, "--quiet", "-o", os.devnull, "--jobs", cores]
        samples["warm, text -q"] = measure(quiet, cwd, repeat)
    return samples


def print_size(size: int, samples: dict[str, Sample], kind: str = "generated") -> None:
    floor = samples["floor"]
    print(f"\n{size} files ({kind} corpus)")
    print(f"  {'measurement':<14} {'wall s':>8} {'x floor':>8} {'cpu s':>8} {'x floor':>8} {'peak MB':>8}")
    for name, sample in samples.items():
        ratio, cpu_ratio = sample.wall / floor.wall, sample.cpu / floor.cpu
        print(f"  {name:<14} {sample.wall:8.2f} {ratio:8.2f} {sample.cpu:8.2f} {cpu_ratio:8.2f} {sample.peak_mb:8.0f}")
    sys.stdout.flush()


def targets(size: int, samples: dict[str, Sample], kind: str = "generated") -> list[tuple[str, float, float]]:
    """(target, measured, limit) for one corpus; ratios are to the floor's wall time (issue 17's targets)."""
    floor = samples["floor"].wall
    parallel = next((name for name in samples if name[5:].isdigit() and name not in ("jobs 1",)), None)
    limits = {"jobs 1": 0.5, parallel: 0.3, "warm cache": 0.02}
    checks = [
        (f"{kind} {size}: {name} / floor", samples[name].wall / floor, limit)
        for name, limit in limits.items()
        if name in samples
    ]
    if size == MEMORY_SIZE:
        peak = max(sample.peak_mb for name, sample in samples.items() if name != "floor")
        checks.append((f"{size}: peak memory MB", peak, 200.0))
    return checks


def start_up(repeat: int, cwd: Path) -> list[tuple[str, float, float]]:
    version = measure([*svcstd_command(), "--version"], cwd, max(repeat, 3))
    small = measure([*svcstd_command(), "check", str(SMALL_FILE), "--no-cache"], cwd, max(repeat, 3))
    print(
        f"\nsvcstd --version: {version.wall:.3f} s wall, {version.cpu:.3f} s CPU; "
        f"one small file: {small.wall:.3f} s wall, {small.cpu:.3f} s CPU"
    )
    return [("--version seconds", version.wall, 0.15), ("single small file seconds", small.wall, 0.3)]


def load_average() -> str:
    """The 1, 5 and 15 minute load averages: on a shared machine they say how far to trust the seconds."""
    return " ".join(f"{value:.1f}" for value in os.getloadavg()) if hasattr(os, "getloadavg") else "unknown"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--corpora", nargs="+", choices=list(GENERATORS), default=list(GENERATORS))
    parser.add_argument("--repeat", type=int, default=1, help="runs per measurement; the best counts")
    parser.add_argument("--modes", nargs="+", choices=MODES, default=list(MODES), help="svcstd's modes to measure")
    args = parser.parse_args()
    print(f"{os.cpu_count()} CPUs, Python {sys.version.split()[0]}; the best of {args.repeat} run(s) each")
    print(f"load average at start: {load_average()}", flush=True)
    results: list[tuple[str, float, float]] = []
    with tempfile.TemporaryDirectory(prefix="svcstd-bench-") as folder:
        cwd = Path(folder)
        os.environ["SVCSTD_CACHE_DIR"] = str(cwd / "cache")  # the run's own cache, removed with it
        results += start_up(args.repeat, cwd)
        for kind in args.corpora:
            for size in args.sizes:
                samples = measure_size(size, args.repeat, cwd, kind, tuple(args.modes))
                print_size(size, samples, kind)
                print(f"  load average: {load_average()}", flush=True)
                results += targets(size, samples, kind)
    print("\ntargets")
    for name, measured, limit in results:
        print(f"  {'ok  ' if measured <= limit else 'MISS'} {name:<40} {measured:8.2f} <= {limit}")
    return 0 if all(measured <= limit for _, measured, limit in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
