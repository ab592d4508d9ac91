"""CPU time of the alias walk and of reading, per corpus: the walk over the data beside the rows' answer.

    python benchmarks/walk_bench.py benchmarks/corpus/real/1000 [--repeat 9]

Every document of the files found is read once (`load_bytes`); then, best and median of `--repeat` rounds of
CPU time (`time.process_time`), alternating within each round:

- `normalise, walked`: `aliases.normalise(data)`, the walk over every mapping and list (as before the tenth part);
- `normalise, told from rows`: `aliases.normalise(data, source)`, as `judge` calls it: the reader's key dicts
  say which mappings may hold an alias, and only those are looked at (the walk runs when one does);
- `load_bytes`: reading every file again, results dropped, as a run drops them.

It also prints how many documents hold an alias and how many the rows could answer for. Run it with another
version's `src` first on `PYTHONPATH` to compare versions (that version's `normalise` may take one argument).
"""

from __future__ import annotations

import argparse
import inspect
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT / "src") not in sys.path:
    sys.path.append(str(ROOT / "src"))  # after PYTHONPATH, so that another version's src can be measured

from svcstd.reading.loader import load_bytes  # noqa: E402
from svcstd.standard import aliases  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--repeat", type=int, default=9)
    args = parser.parse_args()
    paths = sorted(path for folder in args.folders for path in folder.rglob("*.yaml"))
    blobs = [(path.read_bytes(), str(path)) for path in paths]
    docs = [doc for data, name in blobs for doc in load_bytes(data, name) if isinstance(doc.data, dict)]
    told = len(inspect.signature(aliases.normalise).parameters) > 1
    runs: dict[str, Callable[[], object]] = {
        "normalise, walked": lambda: [aliases.normalise(doc.data) for doc in docs],
        "load_bytes": lambda: [load_bytes(data, name) for data, name in blobs],
    }
    if told:
        runs["normalise, told from rows"] = lambda: [aliases.normalise(doc.data, doc.source) for doc in docs]  # type: ignore[call-arg]
    times: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(args.repeat):
        for name, run in runs.items():
            start = time.process_time()
            run()
            times[name].append(time.process_time() - start)
    changed = sum(aliases.normalise(doc.data) is not doc.data for doc in docs)
    print(f"{len(blobs)} files, {len(docs)} documents, {changed} changed by normalise")
    if told:
        eligible = sum(doc.source.built() is doc.data for doc in docs)
        print(f"{eligible} documents the rows describe one to one")
    for name, found in times.items():
        found.sort()
        print(f"{name:<28} best {found[0]:.4f} s, median {found[len(found) // 2]:.4f} s CPU")


if __name__ == "__main__":
    main()
