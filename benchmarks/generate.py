"""Generate realistic, deterministic corpora of service standards for the benchmarks.

Each file starts from one of the shipped examples (one per sector), then its names, ids, dates,
counts and list lengths are varied by a seeded random generator. About 10% of the files carry a
schema error, a few percent hold several documents, and a few are YAML files that are no standard.

    python benchmarks/generate.py --sizes 1000 10000 100000 [--seed 2026] [--out benchmarks/corpus]
"""

from __future__ import annotations

import argparse
import copy
import random
import re
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from svcstd.reading.loader import load_bytes  # noqa: E402  (the examples are read as svcstd reads them)

SECTORS = {
    "kependudukan": "dukcapil-ktp-el.yaml",
    "kesehatan": "rsud-gawat-darurat.yaml",
    "perizinan": "dpmptsp-pbg.yaml",
    "pendidikan": "legalisir-ijazah.yaml",
    "kelurahan": "kelurahan-surat-pengantar.yaml",
}
REGIONS = (
    "Sleman", "Bantul", "Banyumas", "Sidoarjo", "Gresik", "Malang", "Jember", "Bogor", "Garut", "Cirebon",
    "Tegal", "Kudus", "Padang", "Medan", "Deli Serdang", "Palembang", "Lampung Selatan", "Pontianak", "Balikpapan",
    "Makassar", "Gowa", "Manado", "Kupang", "Mataram", "Denpasar", "Ambon", "Jayapura", "Sorong", "Banda Aceh",
)  # fmt: skip
PLACEHOLDERS = re.compile(r"Sukamaju|Contoh")
DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
OPTIONAL_SECTIONS = ("consultation", "publication", "pledge", "special_services", "review", "adoption")
GROWABLE = (("delivery", "requirements"), ("delivery", "procedure", "steps"), ("manufacturing", "legal_basis"))
HEADER = "# Standar pelayanan {title}\n# Dihasilkan untuk uji kinerja svcstd (benchmarks/generate.py).\n"


def load_templates() -> dict[str, dict[str, Any]]:
    """Each sector's example as data, read by svcstd's own loader (YAML 1.2 scalars)."""
    examples = ROOT / "examples"
    templates = {}
    for sector, name in SECTORS.items():
        data = load_bytes((examples / name).read_bytes(), name)[0].data
        assert isinstance(data, dict), name
        templates[sector] = data
    return templates


def _walk(value: Any, on_str: Callable[[str], Any], on_int: Callable[[str, int], Any], key: str = "") -> Any:
    if isinstance(value, dict):
        return {k: _walk(v, on_str, on_int, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_walk(v, on_str, on_int, key) for v in value]
    if isinstance(value, str):
        return on_str(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return on_int(key, value)
    return value


def _shift_date(text: str, years: int) -> str:
    match = DATE.match(text)
    if match is None:
        return text
    year, month, day = int(match[1]) + years, int(match[2]), int(match[3])
    return f"{year:04d}-{month:02d}-{min(day, 28) if month == 2 else day:02d}"


def _vary(data: dict[str, Any], rng: random.Random, region: str) -> dict[str, Any]:
    """Names, dates and counts of one standard; ids follow the region."""
    years = rng.choice((-3, -2, -1, 0, 0, 0, 1))

    def on_str(text: str) -> str:
        return _shift_date(PLACEHOLDERS.sub(region, text), years)

    def on_int(key: str, number: int) -> int:
        if key in ("count", "quantity"):
            return max(1, number + rng.randint(-number // 2, number))
        return number

    return dict(_walk(data, on_str, on_int))


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _resize(data: dict[str, Any], rng: random.Random) -> None:
    """Shorter or longer lists: a terse standard or a long one (with near-duplicate entries)."""
    for path in GROWABLE:
        parent = data
        for key in path[:-1]:
            parent = parent.get(key, {})
        items = parent.get(path[-1])
        if not isinstance(items, list) or not items:
            continue
        size = rng.choice((1, len(items), len(items), len(items) * 2, len(items) * 4))
        grown = [copy.deepcopy(items[i % len(items)]) for i in range(size)]
        parent[path[-1]] = grown


def _degrade(data: dict[str, Any], rng: random.Random) -> None:
    """A weaker standard: some optional sections missing (rule findings, still schema-valid)."""
    for section in OPTIONAL_SECTIONS:
        if rng.random() < 0.25:
            data.pop(section, None)


def _break(data: dict[str, Any], rng: random.Random) -> None:
    """One schema error of the kinds authors make."""
    kind = rng.randrange(6)
    if kind == 0:
        data["status"] = "draf"
    elif kind == 1:
        data.pop("provider", None)
    elif kind == 2:
        data["service_hours"] = [{"days": ["mon"], "open": "8 pagi", "close": "15:00"}]
    elif kind == 3:
        data.setdefault("adoption", {"decree": "Keputusan", "signed_by": "Kepala"})["date"] = "2025-02-30"
    elif kind == 4:
        data["biaya"] = "gratis"
    else:
        data["version"] = 3


def make_document(templates: dict[str, dict[str, Any]], rng: random.Random, number: int, invalid: bool) -> str:
    sector = rng.choice(list(SECTORS))
    region = rng.choice(REGIONS)
    data = _vary(copy.deepcopy(templates[sector]), rng, region)
    service = str(data["id"]).rsplit("/", 1)[-1]
    data["id"] = f"{sector}-{_slug(region)}-{number}/{service}"
    data["title"] = f"{data['title']} ({region} {number})"
    _resize(data, rng)
    if rng.random() < 0.4:
        _degrade(data, rng)
    if invalid:
        _break(data, rng)
    body = yaml.dump(data, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False, width=110)
    return HEADER.format(title=data["title"]) + body


def make_file(templates: dict[str, dict[str, Any]], rng: random.Random, number: int) -> tuple[str, str]:
    """(relative path, text) of file `number`."""
    roll = rng.random()
    if roll < 0.005:
        return f"lain/{number:06d}-metadata.yaml", f"dibuat: 2025-01-01\npemilik: bagian organisasi\nnomor: {number}\n"
    count = rng.choice((2, 2, 3)) if roll < 0.035 else 1
    docs = [make_document(templates, rng, number * 10 + i, rng.random() < 0.10) for i in range(count)]
    folder = f"{rng.choice(list(SECTORS))}/{number // 250:04d}"
    return f"{folder}/sp-{number:06d}.yaml", "---\n".join(docs)


def generate(size: int, out: Path, seed: int) -> None:
    target = out / str(size)
    if target.exists():
        shutil.rmtree(target)
    templates = load_templates()
    for number in range(size):
        relative, text = make_file(templates, random.Random(f"{seed}-{number}"), number)
        path = target / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    print(f"{size} files in {target}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "corpus")
    args = parser.parse_args()
    for size in args.sizes:
        generate(size, args.out, args.seed)


if __name__ == "__main__":
    main()
