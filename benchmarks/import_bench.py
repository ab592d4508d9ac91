"""Measure `svcstd import` per kind of document: documents per second on one core, against the issue's targets.

Each kind is imported N times (default 1,000) from its fixture in tests/fixtures/import, in memory (read, find the
services, build format 1.1, write YAML and the sidecar as text), in one process, so the figure is per core.
Targets (issue 15): at least 20 .docx or .html documents per second per core, PDFs at least 5.

    python benchmarks/import_bench.py [--count 1000] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from svcstd.importing.build import build  # noqa: E402
from svcstd.importing.emit import to_sidecar, to_yaml  # noqa: E402
from svcstd.importing.layout import services  # noqa: E402
from svcstd.importing.readers import reader_for  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "import"
KINDS = {
    "docx": ("bangilan-skck.docx", 20.0),
    "html": ("bangilan-skck.html", 20.0),
    "xlsx": ("perpustakaan-ntb.xlsx", 20.0),
    "pdf": ("bangilan-skck.pdf", 5.0),
    "odt": ("sekadau-igd.odt", 20.0),
}


def import_once(kind: str, name: str, data: bytes) -> int:
    document = reader_for(kind)(name, data)
    written = 0
    for service in services(document):
        imported = build(service, name, Path(name).stem)
        written += len(to_yaml(imported)) + len(to_sidecar(imported))
    return written


def measure(kind: str, count: int) -> dict[str, float | str | bool]:
    name, target = KINDS[kind]
    data = (FIXTURES / name).read_bytes()
    import_once(kind, name, data)  # warm: imports the library once, as a long run would
    started_wall, started_cpu = time.perf_counter(), time.process_time()
    for _ in range(count):
        import_once(kind, name, data)
    wall, cpu = time.perf_counter() - started_wall, time.process_time() - started_cpu
    rate = count / cpu if cpu else float("inf")
    return {
        "kind": kind,
        "file": name,
        "count": count,
        "wall_s": round(wall, 2),
        "cpu_s": round(cpu, 2),
        "docs_per_cpu_s": round(rate, 1),
        "target": target,
        "meets_target": rate >= target,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--kinds", nargs="*", default=list(KINDS))
    parser.add_argument("--json", action="store_true")
    options = parser.parse_args()
    results = [measure(kind, options.count) for kind in options.kinds]
    if options.json:
        print(json.dumps(results, indent=2))
    else:
        for row in results:
            verdict = "ok" if row["meets_target"] else "BELOW TARGET"
            print(
                f"{row['kind']:5} {row['count']:6} docs  {row['cpu_s']:8.2f} s CPU  "
                f"{row['docs_per_cpu_s']:8.1f} docs/s per core  (target {row['target']:.0f})  {verdict}"
            )
    return 0 if all(row["meets_target"] for row in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
