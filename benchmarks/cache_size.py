"""The result cache's size on disk, and the CPU of a cold run and of a warm run through the index.

For each `--src` tree (old and new, alternating), a cold `svcstd check DIR -f json -o FILE` fills a cache
folder of its own; the sizes of its index, packs and run records are printed (`du -sb`-like, bytes on
disk of the regular files). Then `--repeat` rounds of a warm run that must go through the per-file index
(the run records are removed first, as a changed option would miss them), CPU seconds (user + system of
the process tree), best of the rounds. Outputs of every run are compared byte for byte.

    python benchmarks/cache_size.py benchmarks/corpus/1000 --src /tmp/old/src src --repeat 3
"""

from __future__ import annotations

import argparse
import filecmp
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

WRAPPER = """
import resource, subprocess, sys
code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, code)
"""


def measure(command: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float]:
    wrapped = [sys.executable, "-c", WRAPPER, *command]
    out = subprocess.run(wrapped, env=env, cwd=cwd, capture_output=True, text=True, check=False)
    cpu, peak, _code = out.stdout.split()
    return float(cpu), float(peak)


def sizes(cache: Path) -> dict[str, int]:
    found = {"index": 0, "packs": 0, "runs": 0, "other": 0}
    for path in cache.rglob("*"):
        if not path.is_file() or path.is_symlink():
            continue
        size = path.stat().st_size
        if path.name == "index":
            found["index"] += size
        elif path.name.startswith("pack-"):
            found["packs"] += size
        elif path.parent.name == "runs":
            found["runs"] += size
        else:
            found["other"] += size
    return found


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", type=Path)
    parser.add_argument("--src", type=Path, nargs="+", required=True)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--jobs", default="2")
    parser.add_argument("--scratch", type=Path, default=None, help="where the caches and outputs go (default: /tmp)")
    args = parser.parse_args()
    folder = args.folder.resolve()
    scratch = Path(tempfile.mkdtemp(prefix="svcstd-size-", dir=args.scratch))
    try:
        envs = []
        for number, src in enumerate(args.src):
            env = dict(os.environ, SVCSTD_CACHE_DIR=str(scratch / f"cache{number}"), PYTHONPATH=str(src.resolve()))
            envs.append(env)
        base = [sys.executable, "-m", "svcstd", "check", folder.name, "--as-of", "2026-11-27", "--jobs", args.jobs]

        def command(number: int, name: str) -> list[str]:
            return [*base, "-f", "json", "-o", str(scratch / f"{name}{number}.json")]

        outputs = []
        for number, (src, env) in enumerate(zip(args.src, envs, strict=True)):
            cpu, peak = measure(command(number, "cold"), env, folder.parent)
            found = sizes(Path(env["SVCSTD_CACHE_DIR"]))
            total = sum(found.values())
            parts = ", ".join(f"{name} {size / 1e6:.2f} MB" for name, size in found.items())
            print(f"cold  {src}: {cpu:8.2f} CPU s {peak:6.1f} MB peak; cache {total / 1e6:.2f} MB: {parts}", flush=True)
            outputs.append(scratch / f"cold{number}.json")
        best: dict[int, float] = {}
        for _ in range(args.repeat):
            for number, (src, env) in enumerate(zip(args.src, envs, strict=True)):
                for runs in Path(env["SVCSTD_CACHE_DIR"]).glob("*/runs"):
                    shutil.rmtree(runs)
                cpu, peak = measure(command(number, "warm"), env, folder.parent)
                best[number] = min(best.get(number, cpu), cpu)
                print(f"warm  {src}: {cpu:8.2f} CPU s {peak:6.1f} MB peak", flush=True)
                outputs.append(scratch / f"warm{number}.json")
                same = filecmp.cmp(outputs[0], outputs[-1], shallow=False)
                print(f"      output identical to the first cold run's: {same}", flush=True)
        for number, src in enumerate(args.src):
            print(f"best warm (index) {src}: {best[number]:.2f} CPU s")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
