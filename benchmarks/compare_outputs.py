"""Write every output format of one `svcstd check` run to a folder, to compare two versions byte for byte.

The inputs: the examples, the real fixtures, the generated corpora's samples (if generated) and a folder
of odd YAML written by this script (escaped keys, duplicate keys, merge keys, aliases, NaN, tags, syntax
errors, limits). Run it once with the old code and once with the new, then compare the folders:

    python benchmarks/compare_outputs.py /tmp/before      # on the old commit
    python benchmarks/compare_outputs.py /tmp/after       # on the new one
    diff -r /tmp/before /tmp/after && echo identical

With `SVCSTD_NATIVE=0` in the environment it compares the pure-Python path instead.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FORMATS = ("json", "text", "sarif", "junit", "github", "gitlab", "markdown", "html")
ODD = ROOT / "benchmarks" / "corpus" / "odd"

# Odd YAML: each file exercises what the reader must report at an exact pointer, line and column.
ODD_FILES = {
    "escaped-keys.yaml": 'svcstd: "1.0"\nid: kota-x/a\n"a/b": 1\n"c~d":\n  "e/~f": [1, 2]\ntitle: T\n',
    "duplicate-keys.yaml": (
        'svcstd: "1.0"\nid: kota-x/dup\ntitle: A\ntitle: B\nservice:\n  name: x\n  name: !!str y\n'
        "  fees:\n    - {amount: 1, amount: 2}\n"
    ),
    "merge-keys.yaml": (
        'svcstd: "1.0"\nid: kota-x/merge\nbase: &b {unit: days, min: 1}\n'
        "delivery:\n  time:\n    <<: *b\n    max: 0\n  other:\n    <<: [*b, *b]\n"
    ),
    "aliases.yaml": ('svcstd: "1.0"\nid: &i kota-x/alias\ntitle: *i\nlist: &l [a, b, {c: d}]\nagain: *l\n*i : key\n'),
    "nan.yaml": 'svcstd: "1.0"\nid: kota-x/nan\nfees:\n  - amount: .nan\n  - amount: -.inf\n  - amount: 0x1F\n',
    "tags.yaml": (
        'svcstd: "1.0"\nid: !!python/object kota-x/tag\ntitle: !custom x\nn: !!int "12"\nb: !!int x\n'
        "f: !!float 1\nm: !!map {a: 1}\ns: !!set {a}\nnull1: !!null ''\n? [complex]\n: v\n"
    ),
    "scalars.yaml": (
        'svcstd: "1.0"\nid: kota-x/scalars\nvalues: [~, null, Null, NULL, true, False, 0o17, 0x1f, +12, -3.5e2,\n'
        "  .5, 1., 08:00, no, yes, on, 1_000, 0b11, '', \"\", .Inf, -.INF, .NaN, 2024-01-01]\n"
    ),
    "syntax.yaml": 'svcstd: "1.0"\nid: kota-x/syntax\ntitle: a: b\n',
    "unclosed.yaml": 'svcstd: "1.0"\nid: kota-x/unclosed\nlist: [a, b\n',
    "undefined-alias.yaml": 'svcstd: "1.0"\nid: kota-x/undef\nx: *nope\n',
    "recursive.yaml": 'svcstd: "1.0"\nid: kota-x/rec\nx: &a [1, *a]\n',
    "deep.yaml": 'svcstd: "1.0"\nx: ' + "[" * 70 + "]" * 70 + "\n",
    "multi.yaml": '---\nsvcstd: "1.0"\nid: kota-x/m1\n---\n- a list\n---\n42\n---\n...\n---\nid: kota-x/m2\n',
    "bomb.yaml": "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    + "".join(f"{c}: &{c} [{', '.join(['*' + p] * 10)}]\n" for p, c in zip("abcdef", "bcdefg", strict=True)),
    "tab.yaml": 'svcstd: "1.0"\nid:\tkota-x/tab\n\tt: 1\n',
    "empty.yaml": "# nothing\n",
    "latin1.yaml": None,  # written as bytes below
}


def write_odd() -> None:
    ODD.mkdir(parents=True, exist_ok=True)
    for name, text in ODD_FILES.items():
        if text is None:
            (ODD / name).write_bytes(b'svcstd: "1.0"\ntitle: caf\xe9\n')
        else:
            (ODD / name).write_text(text, encoding="utf-8")


def inputs() -> list[str]:
    found = [ROOT / "examples", ROOT / "tests" / "fixtures" / "real", ODD]
    found += [path for path in (ROOT / "benchmarks" / "corpus").glob("*300") if path.is_dir()]
    return [str(path.relative_to(ROOT)) for path in found]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder for the outputs (one file per format and language)")
    args = parser.parse_args()
    write_odd()
    args.out.mkdir(parents=True, exist_ok=True)
    for lang in ("en", "id"):
        outputs = [arg for fmt in FORMATS for arg in ("-f", f"{fmt}={args.out.resolve() / f'{lang}.{fmt}'}")]
        command = [sys.executable, "-m", "svcstd", "check", *inputs(), "--jobs", "1", "--no-cache"]
        command += ["--as-of", "2026-11-27", "--lang", lang, "--verbose", *outputs]
        subprocess.run(command, cwd=ROOT, check=False)
    print(f"{len(FORMATS) * 2} outputs in {args.out}")


if __name__ == "__main__":
    main()
