"""Peak memory of `svcstd check` per output format and corpus size: is it flat with the corpus?

Each measurement runs svcstd in a fresh wrapper process that reports its children's peak resident
memory (`getrusage(RUSAGE_CHILDREN).ru_maxrss`: the largest single process, svcstd's own, since the
workers hold one chunk each). By default the runs read a warm result cache (filled by one run per
size first), so that they are quick and measure what holding and writing the report costs; `--cold`
judges every file instead (`--no-cache`). The slope is the growth in MB per 1,000 documents between
the smallest and the largest size: about 0 when memory is flat.

    python benchmarks/generate.py --sizes 1000 10000
    python benchmarks/memory.py --sizes 1000 10000 [--formats json html baseline] [--src OTHER/src]

Besides the output formats, `baseline` measures `-f json --baseline FILE` and `baseline-html` `-f html
--baseline FILE` (FILE written by one unmeasured `--write-baseline` run per size first: every finding known,
the common case of a baseline just adopted), and `report` measures `svcstd report -o FILE.html` (which
judges every file: no cache; not in the default set, slow on a large corpus).

`--copies K` estimates a corpus K times larger without judging it (a cold cache of 100,000 files takes
an hour on a shared machine): each measured process checks the corpus of each size from the warm cache
into a spill, writes every document K times into a second spill under K prefixes (`0/…`, `1/…`), then
writes the format as `svcstd check` does (cli/check.py's `_baselines` and `_write_outputs`), and reports
its own peak (after one unmeasured such process has filled the cache for the default settings, which
`api.pipeline` uses here and the CLI's context may not). For the baselines, an unmeasured process of
the same kind writes the baseline first.

`--src` measures another checkout's svcstd (its `src` folder put first on PYTHONPATH), e.g. the
version before a change, with this one's corpus; given several times, the versions alternate case by case
(each with its own cache folder, as each version's code is its own cache context) and `--repeat N` keeps
the highest peak and the lowest CPU of N runs of each. `baseline-markdown` is `-f markdown --baseline FILE`.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FORMATS = ("json", "text", "sarif", "junit", "github", "gitlab", "markdown", "html")
EXTRA = ("baseline", "baseline-markdown", "baseline-html", "report")
DEFAULT = (*FORMATS, "baseline", "baseline-html")

WRAPPER = """
import json, resource, subprocess, sys
code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps([usage.ru_maxrss, usage.ru_utime + usage.ru_stime, code]))
"""


COPIES = """
import resource, sys
from dataclasses import replace
from datetime import date
from pathlib import Path
from svcstd import api
from svcstd.cli import check
from svcstd.config.settings import DEFAULT_SETTINGS
from svcstd.reporters import RenderOptions
from svcstd.spill import Spill
folder, copies, name, output, known = sys.argv[1], int(sys.argv[2]), sys.argv[3], Path(sys.argv[4]), sys.argv[5]
run = api.pipeline(DEFAULT_SETTINGS, date(2026, 11, 27))
with Spill() as first, Spill() as spill:
    report = api.check_pipeline([folder], run, 2, True, spill=first)
    count = len(report.documents)
    for copy in range(copies):
        for position, doc in enumerate(report.documents):
            spill.add(copy * count + position, [replace(doc, path=f"{copy}/{doc.path}")])
    first.close()
    report = replace(report, documents=spill.documents())
    if name == "warm":  # fills the cache for this process's settings (the defaults: not the CLI's context)
        pass
    elif name == "write-baseline":
        check._baselines(report, DEFAULT_SETTINGS, None, Path(known))
    else:
        shown = (name.partition("-")[2] or "json") if name.startswith("baseline") else name
        baseline = Path(known) if name.startswith("baseline") else None
        report = check._baselines(report, DEFAULT_SETTINGS, baseline, None)
        check._write_outputs(report, [(shown, output)], RenderOptions())
usage = resource.getrusage(resource.RUSAGE_SELF)
print(usage.ru_maxrss, usage.ru_utime + usage.ru_stime)
"""


def copies_peak(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(peak resident MB, CPU seconds) of one process of COPIES (see --copies), through the same fresh wrapper
    as the others: a process's own peak would start at that of the process it was forked from (Linux keeps
    the peak across exec), and this script holds a whole JSON report after `documents`."""
    return peak_mb([sys.executable, "-c", COPIES, *args], env)


def peak_mb(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(peak resident MB, CPU seconds) of `command` and its children, run in a fresh wrapper."""
    out = subprocess.run([sys.executable, "-c", WRAPPER, *command], env=env, capture_output=True, text=True, check=True)
    maxrss, cpu, code = json.loads(out.stdout)
    if code not in (0, 1):
        raise SystemExit(f"svcstd exited {code}: {' '.join(command)}")
    scale = 1024 * 1024 if sys.platform == "darwin" else 1024  # bytes on macOS, KiB elsewhere
    return maxrss / scale, cpu


def documents(folder: Path, env: dict[str, str]) -> int:
    """How many documents the corpus holds (from a JSON run's summary)."""
    command = [sys.executable, "-m", "svcstd", "check", str(folder), "-f", "json", "--as-of", "2026-11-27"]
    out = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    return int(json.loads(out.stdout)["summary"]["documents"])


def command(name: str, base: list[str], folder: Path, scratch: Path, known: str) -> list[str]:
    """The svcstd command that measures `name`: an output format, a baseline applied, or `svcstd report`."""
    if name == "report":
        output = str(scratch / "report.html")
        return [sys.executable, "-m", "svcstd", "report", str(folder), "--as-of", "2026-11-27", "-o", output]
    if name.startswith("baseline"):
        shown = name.partition("-")[2] or "json"
        return [*base, "-f", shown, "-o", str(scratch / f"out.{shown}"), "--baseline", known]
    return [*base, "-f", name, "-o", str(scratch / f"out.{name}")]


def write_known(base: list[str], copies: list[str], known: str, env: dict[str, str]) -> None:
    """The baseline the `baseline` measurements apply: every finding of the corpus (or of its copies)."""
    if copies:
        copies_peak([*copies, "write-baseline", os.devnull, known], env)
    else:
        subprocess.run([*base, "-f", "json", "-o", os.devnull, "--write-baseline", known], env=env, check=False)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--formats", nargs="+", default=list(DEFAULT), choices=(*FORMATS, *EXTRA))
    parser.add_argument("--corpus", type=Path, default=ROOT / "benchmarks" / "corpus")
    parser.add_argument(
        "--src", type=Path, action="append", help="measure the svcstd in this src folder instead (repeat to compare)"
    )
    parser.add_argument("--repeat", type=int, default=1, help="measure each case this many times (best CPU, peak)")
    parser.add_argument("--cold", action="store_true", help="judge every file (--no-cache) instead of a warm cache")
    parser.add_argument("--jobs", default="2")
    parser.add_argument("--copies", type=int, default=0, help="estimate K times each corpus (see above)")
    parser.add_argument("--cache-dir", type=Path, help="keep the result cache here (reused by later runs)")
    return parser.parse_args()


def print_table(
    table: dict[tuple[str, int], dict[int, tuple[float, float]]], sizes: list[int], sources: list[Path | None]
) -> None:
    """A Markdown table: each format (and version) with its peak per size, the slope and its best CPU."""
    print()
    print("| format | " + " | ".join(f"{size:,} files" for size in sizes) + " | MB per 1,000 files | best CPU s |")
    print("|---|" + "---:|" * (len(sizes) + 2))
    low, high = min(sizes), max(sizes)
    for (name, number), row in table.items():
        slope = (row[high][0] - row[low][0]) / (high - low) * 1000 if high > low else 0.0
        label = f" [{sources[number]}]" if len(sources) > 1 else ""
        peaks = " | ".join(f"{row[size][0]:.0f} MB" for size in sizes)
        cpus = ", ".join(f"{row[size][1]:.1f}" for size in sizes)
        print(f"| {name}{label} | {peaks} | {slope:+.2f} | {cpus} |")


def environments(sources: list[Path | None], cache: Path) -> list[dict[str, str]]:
    """One environment per version: its src first on PYTHONPATH, its own cache folder (its code is its context)."""
    envs = []
    for number, src in enumerate(sources):
        env = dict(os.environ, SVCSTD_CACHE_DIR=str(cache / str(number) if len(sources) > 1 else cache))
        if src is not None:
            env["PYTHONPATH"] = str(src.resolve())
        envs.append(env)
    return envs


def warm(folder: Path, copies: list[str], env: dict[str, str]) -> int:
    """The corpus's documents, counted by one run that fills the cache (and one COPIES process, with --copies)."""
    count = documents(folder, env)
    if copies:
        copies_peak([*copies, "warm", os.devnull, ""], env)
    return count


def keep_best(row: dict[int, tuple[float, float]], size: int, peak: float, cpu: float) -> None:
    """The highest peak and the lowest CPU seen for this case."""
    best = row.get(size, (peak, cpu))
    row[size] = (max(best[0], peak), min(best[1], cpu))


def main() -> None:
    args = parse_args()
    sources: list[Path | None] = list(args.src or [None])
    with tempfile.TemporaryDirectory(prefix="svcstd-memory-") as scratch:
        cache = args.cache_dir.resolve() if args.cache_dir is not None else Path(scratch) / "cache"
        envs = environments(sources, cache)
        table: dict[tuple[str, int], dict[int, tuple[float, float]]] = {
            (name, number): {} for name in args.formats for number in range(len(sources))
        }
        counted: dict[int, int] = {}
        for size in args.sizes:
            folder = args.corpus / str(size)
            if not folder.is_dir():
                raise SystemExit(f"no corpus in {folder}: run benchmarks/generate.py --sizes {size}")
            base = [sys.executable, "-m", "svcstd", "check", str(folder), "--as-of", "2026-11-27", "--jobs", args.jobs]
            if args.cold:
                base.append("--no-cache")
            known = str(Path(scratch) / f"baseline-{size}.json")
            copies = [str(folder), str(args.copies)] if args.copies else []
            for env in envs:
                counted[size] = warm(folder, copies, env) if not args.cold else 0
            if any(name.startswith("baseline") for name in args.formats):
                write_known(base, copies, known, envs[0])  # one baseline for every version
            shown = size * (args.copies or 1)  # files' worth of documents the process rendered
            for _ in range(args.repeat):  # the versions alternate, case by case
                for name in args.formats:
                    for number, env in enumerate(envs):
                        output = str(Path(scratch) / f"out.{name}")
                        if copies:
                            peak, cpu = copies_peak([*copies, name, output, known], env)
                        else:
                            peak, cpu = peak_mb(command(name, base, folder, Path(scratch), known), env)
                        keep_best(table[name, number], shown, peak, cpu)
                        label = f"  [{sources[number]}]"
                        print(f"{shown:>7} files  {name:<17} {peak:7.1f} MB  {cpu:7.1f} CPU s{label}", flush=True)
    print_table(table, [size * (args.copies or 1) for size in args.sizes], sources)
    if any(counted.values()):
        print("\ndocuments: " + ", ".join(f"{size:,} files = {count:,}" for size, count in counted.items()))


if __name__ == "__main__":
    main()
