"""CPU time and peak memory of a cold and a warm `svcstd check` on one folder, old and new alternating.

Each run is a fresh wrapper process that reports its children's CPU seconds (user + system) and peak
resident memory (`getrusage(RUSAGE_CHILDREN)`), so wall time on a loaded machine does not enter. The
cache lives in a temporary folder per source tree; the folder is checked from its own parent as the
current folder (so one checked root). `--src A B` compares several checkouts' `src` folders run by
run (each with its own cache); `--profile` prints a cProfile of one warm run instead.

    python benchmarks/warm_bench.py benchmarks/corpus/10000 [--repeat 3] [--format json]
    python benchmarks/warm_bench.py DIR --src /tmp/old/src src --repeat 3
    python benchmarks/warm_bench.py DIR --profile 30
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

WRAPPER = """
import json, resource, subprocess, sys
code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps([usage.ru_maxrss, usage.ru_utime + usage.ru_stime, code]))
"""


def measure(command: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float]:
    """(CPU seconds, peak MB) of `command` and its children."""
    out = subprocess.run(
        [sys.executable, "-c", WRAPPER, *command], env=env, cwd=cwd, capture_output=True, text=True, check=True
    )
    maxrss, cpu, code = json.loads(out.stdout)
    if code not in (0, 1):
        raise SystemExit(f"svcstd exited {code}: {' '.join(command)}")
    return cpu, maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--src", type=Path, nargs="+", default=[None], help="svcstd src folders to compare")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--format", default="json")
    parser.add_argument("--jobs", default="2")
    parser.add_argument("--profile", type=int, metavar="N", help="cProfile one warm run, print the top N")
    parser.add_argument("--no-cold", action="store_true", help="reuse the cache of SVCSTD_CACHE_DIR as it is")
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
        command = [*base, "-f", args.format, "-o", str(Path(scratch) / "out")]
        if not args.no_cold:
            for src, env in zip(args.src, envs, strict=True):
                cpu, peak = measure(command, env, folder.parent)
                print(f"cold  {src or 'installed'}: {cpu:7.2f} CPU s  {peak:6.1f} MB", flush=True)
        if args.profile:
            profiled = [sys.executable, "-m", "cProfile", "-s", "tottime", "-m", "svcstd", *command[3:]]
            out = subprocess.run(profiled, env=envs[-1], cwd=folder.parent, capture_output=True, text=True, check=False)
            print("\n".join(out.stdout.splitlines()[: args.profile + 8]))
            return
        best: dict[int, float] = {}
        for _ in range(args.repeat):
            for number, (src, env) in enumerate(zip(args.src, envs, strict=True)):
                cpu, peak = measure(command, env, folder.parent)
                best[number] = min(best.get(number, cpu), cpu)
                print(f"warm  {src or 'installed'}: {cpu:7.2f} CPU s  {peak:6.1f} MB", flush=True)
        for number, src in enumerate(args.src):
            print(f"best warm {src or 'installed'}: {best[number]:.2f} CPU s")


if __name__ == "__main__":
    main()
