"""Issue 17's 1,000-file ratios on a noisy machine: every measurement alternated, round after round.

run.py measures the floor first and svcstd after it; when the machine's speed drifts (this one's floor
took 8.7 to 14.6 s in one hour), a floor that happened to run slowly makes every ratio look good. Here
each round runs the floor, the native floor, `--jobs 1`, `--jobs 2` and a warm run on each corpus in
turn, so drift touches all of them alike; the ratios of the fastest runs and of the medians are printed.

    python benchmarks/rounds.py [--rounds 5] [--size 1000]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import run  # benchmarks/run.py: the same floors, commands and wrapper


def commands(folder: str) -> dict[str, list[str]]:
    check = [*run.svcstd_command(), "check", folder, "--format", "json", "-o", os.devnull]
    python = [sys.executable, "-c"]
    return {
        "floor": [*python, run.FLOOR, folder, str(run.SCHEMA)],
        "native floor": [*python, run.NATIVE_FLOOR, folder, str(run.SCHEMA)],
        "jobs 1": [*check, "--jobs", "1", "--no-cache"],
        "jobs 2": [*check, "--jobs", "2", "--no-cache"],
        "warm": [*check, "--jobs", "2"],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--size", type=int, default=1000)
    args = parser.parse_args()
    cwd = Path.cwd()
    folders = {kind: str(run.corpus(args.size, kind)) for kind in run.GENERATORS}
    for folder in folders.values():  # the warm runs replay what this run recorded
        run.measure(commands(folder)["warm"], cwd)
    samples: dict[tuple[str, str], list[run.Sample]] = {}
    for number in range(args.rounds):
        for kind, folder in folders.items():
            for name, command in commands(folder).items():
                samples.setdefault((kind, name), []).append(run.measure(command, cwd))
        print(f"round {number + 1}: load average {run.load_average()}", flush=True)
    heading = ("corpus", "measurement", "best s", "median s", "x best", "x median", "cpu s")
    print("\n{:<10} {:<13} {:>7} {:>9} {:>7} {:>9} {:>6}".format(*heading))
    for (kind, name), taken in samples.items():
        floor = samples[(kind, "floor")]
        best, median = min(s.wall for s in taken), statistics.median(s.wall for s in taken)
        floor_best, floor_median = min(s.wall for s in floor), statistics.median(s.wall for s in floor)
        cpu = min(s.cpu for s in taken)
        print(
            f"{kind:<10} {name:<13} {best:7.2f} {median:9.2f} {best / floor_best:7.3f} "
            f"{median / floor_median:9.3f} {cpu:6.2f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
