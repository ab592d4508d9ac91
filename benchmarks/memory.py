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
version before a change, with this one's corpus.
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
EXTRA = ("baseline", "baseline-html", "report")
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
        shown = "html" if name == "baseline-html" else "json" if name == "baseline" else name
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
        shown = "html" if name == "baseline-html" else "json"
        return [*base, "-f", shown, "-o", str(scratch / f"out.{shown}"), "--baseline", known]
    return [*base, "-f", name, "-o", str(scratch / f"out.{name}")]


def write_known(base: list[str], copies: list[str], known: str, env: dict[str, str]) -> None:
    """The baseline the `baseline` measurements apply: every finding of the corpus (or of its copies)."""
    if copies:
        copies_peak([*copies, "write-baseline", os.devnull, known], env)
    else:
        subprocess.run([*base, "-f", "json", "-o", os.devnull, "--write-baseline", known], env=env, check=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--formats", nargs="+", default=list(DEFAULT), choices=(*FORMATS, *EXTRA))
    parser.add_argument("--corpus", type=Path, default=ROOT / "benchmarks" / "corpus")
    parser.add_argument("--src", type=Path, help="measure the svcstd in this src folder instead")
    parser.add_argument("--cold", action="store_true", help="judge every file (--no-cache) instead of a warm cache")
    parser.add_argument("--jobs", default="2")
    parser.add_argument("--copies", type=int, default=0, help="estimate K times each corpus (see above)")
    parser.add_argument("--cache-dir", type=Path, help="keep the result cache here (reused by later runs)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="svcstd-memory-") as scratch:
        cache = args.cache_dir.resolve() if args.cache_dir is not None else Path(scratch) / "cache"
        env = dict(os.environ, SVCSTD_CACHE_DIR=str(cache))
        if args.src is not None:
            env["PYTHONPATH"] = str(args.src.resolve())
        table: dict[str, dict[int, float]] = {name: {} for name in args.formats}
        counted: dict[int, int] = {}
        for size in args.sizes:
            folder = args.corpus / str(size)
            if not folder.is_dir():
                raise SystemExit(f"no corpus in {folder}: run benchmarks/generate.py --sizes {size}")
            base = [sys.executable, "-m", "svcstd", "check", str(folder), "--as-of", "2026-11-27", "--jobs", args.jobs]
            if args.cold:
                base.append("--no-cache")
            else:
                counted[size] = documents(folder, env)  # also fills the cache
            known = str(Path(scratch) / f"baseline-{size}.json")
            copies = [str(folder), str(args.copies)] if args.copies else []
            if copies:
                copies_peak([*copies, "warm", os.devnull, ""], env)
            if any(name.startswith("baseline") for name in args.formats):
                write_known(base, copies, known, env)
            for name in args.formats:
                output = str(Path(scratch) / f"out.{name}")
                if copies:
                    peak, cpu = copies_peak([*copies, name, output, known], env)
                else:
                    peak, cpu = peak_mb(command(name, base, folder, Path(scratch), known), env)
                shown = size * (args.copies or 1)  # files' worth of documents the process rendered
                table[name][shown] = peak
                print(f"{shown:>7} files  {name:<9} {peak:7.1f} MB  {cpu:7.1f} CPU s", flush=True)
    sizes = [size * (args.copies or 1) for size in args.sizes]
    print()
    print("| format | " + " | ".join(f"{size:,} files" for size in sizes) + " | MB per 1,000 files |")
    print("|---|" + "---:|" * (len(sizes) + 1))
    low, high = min(sizes), max(sizes)
    for name in args.formats:
        peaks = table[name]
        slope = (peaks[high] - peaks[low]) / (high - low) * 1000 if high > low else 0.0
        print(f"| {name} | " + " | ".join(f"{peaks[size]:.0f} MB" for size in sizes) + f" | {slope:+.2f} |")
    if counted:
        print("\ndocuments: " + ", ".join(f"{size:,} files = {count:,}" for size, count in counted.items()))


if __name__ == "__main__":
    main()
