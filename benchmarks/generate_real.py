"""Generate a corpus of varied copies of the real standards (tests/fixtures/real) and the shipped examples.

benchmarks/generate.py rebuilds every file with PyYAML's dumper, so all its files share one layout.
This corpus keeps each source's own text (comments, quoting, flow lists, block scalars) and varies it
at the text level: names of places, ids, titles and years; about 10% of the documents get one schema
error of the kinds authors make, and ~3% of the files hold two documents. Same seed, same corpus.

    python benchmarks/generate_real.py --sizes 1000 10000 [--seed 2026] [--out benchmarks/corpus/real]
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted([*(ROOT / "tests" / "fixtures" / "real").glob("*.yaml"), *(ROOT / "examples").glob("*.yaml")])
REGIONS = (
    "Sleman", "Bantul", "Banyumas", "Sidoarjo", "Gresik", "Malang", "Jember", "Bogor", "Garut", "Cirebon",
    "Tegal", "Kudus", "Padang", "Medan", "Palembang", "Pontianak", "Makassar", "Manado", "Kupang", "Ambon",
)  # fmt: skip
PLACES = re.compile(r"Contoh|Sukamaju|Way Kanan|Pematangsiantar")
ID_LINE = re.compile(r"^id: *(\S+)$", re.MULTILINE)
TITLE_LINE = re.compile(r"^title: *(.+)$", re.MULTILINE)
YEAR = re.compile(r"\b(20[12][0-9])-([01][0-9])-([0-3][0-9])\b")
BREAKS = (
    (re.compile(r"^status: *\S+$", re.MULTILINE), "status: draf"),  # not an allowed value
    (re.compile(r"^language: *\S+$", re.MULTILINE), "language: id\nbiaya: gratis"),  # an unknown key
    (YEAR, "2025-02-30"),  # no such day
    (re.compile(r'^svcstd: *"?1\.0"?$', re.MULTILINE), "svcstd: 1.0"),  # a number, not text
)


def vary(text: str, rng: random.Random, number: int) -> str:
    """One copy: another place, id, title and year; sometimes one schema error."""
    region = rng.choice(REGIONS)
    years = rng.choice((-2, -1, 0, 0, 1))
    text = PLACES.sub(region, text)
    text = ID_LINE.sub(lambda m: f"id: {m[1]}-{number}", text, count=1)
    text = TITLE_LINE.sub(lambda m: f"title: {m[1].rstrip()} ({region} {number})", text, count=1)
    text = YEAR.sub(lambda m: f"{int(m[1]) + years}-{m[2]}-{m[3] if m[2] != '02' else min(int(m[3]), 28):02}", text)
    if rng.random() < 0.10:
        pattern, replacement = rng.choice(BREAKS)
        text = pattern.sub(replacement, text, count=1)
    return text


def make_file(texts: list[str], rng: random.Random, number: int) -> str:
    count = 2 if rng.random() < 0.03 else 1
    docs = [vary(rng.choice(texts), rng, number * 10 + i) for i in range(count)]
    return "---\n".join(doc if doc.endswith("\n") else doc + "\n" for doc in docs)


def generate(size: int, out: Path, seed: int) -> None:
    target = out / str(size)
    if target.exists():
        shutil.rmtree(target)
    texts = [path.read_text(encoding="utf-8") for path in SOURCES]
    for number in range(size):
        path = target / f"{number // 250:04d}" / f"sp-{number:06d}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(make_file(texts, random.Random(f"{seed}-real-{number}"), number), encoding="utf-8")
    print(f"{size} files in {target} (from {len(texts)} real standards and examples)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "corpus" / "real")
    args = parser.parse_args()
    for size in args.sizes:
        generate(size, args.out, args.seed)


if __name__ == "__main__":
    main()
