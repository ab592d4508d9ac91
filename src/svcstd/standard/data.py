"""svcstd's own YAML data files (src/svcstd/data/), read from a JSON copy of what they hold when it is current.

Parsing them costs at every run: citations.yaml (~1,000 nodes) at start-up, where the registry marks the binding
rules, and legal_status.yaml (~1,400 nodes) at the first citation looked up, in each worker of a pool; libyaml
parses, but PyYAML's resolver and constructor are Python, ~5-10 ms each. `json.loads` of the same data costs
~0.2 ms. `parsed/NAME.json` beside this module holds what `yaml.load` gives for the file, with the SHA-256 of the
file's bytes it was made from; it is used only when the file's bytes hash the same, else the file is parsed as
before. So an edited data file is never read stale: it is slower until the copy is made again with

    python -m svcstd.standard.data

(tests/test_data_copy.py fails while a copy is not current, and checks each against `yaml.load`, type for type).
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from typing import Any

import yaml

from svcstd import resources

SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's safe loader where PyYAML has it (the same data as `safe_load`, ten times faster)."""

DATA_FILES = ("citations.yaml", "legal_status.yaml")
"""The data files that have a JSON copy."""


def _package_bytes(relative: str) -> bytes | None:
    """The bytes of a file of the svcstd package, read by the package's own loader, or None when that loader
    cannot read it (svcstd/resources.py)."""
    return resources.loader_bytes(relative)


def parse_yaml(name: str) -> Any:
    """The data file `name` of src/svcstd/data parsed with YAML, read as it always was."""
    return yaml.load(resources.read_text(f"data/{name}"), Loader=SAFE_LOADER)


def copy_path(name: str) -> str:
    """Where the JSON copy of the data file `name` is, inside the package."""
    return f"standard/parsed/{name.removesuffix('.yaml')}.json"


def load(name: str) -> Any:
    """What `yaml.load` gives for the data file `name` (a fresh object at each call): from its JSON copy when
    that was made from the file's present bytes, else by parsing the file."""
    source = _package_bytes(f"data/{name}")
    copy = _package_bytes(copy_path(name)) if source is not None else None
    if source is not None and copy is not None:
        try:
            stored = json.loads(copy)
        except ValueError:  # a damaged copy: the file itself is the truth
            stored = None
        digest = hashlib.sha256(source).hexdigest()
        if type(stored) is dict and "data" in stored and stored.get("source_sha256") == digest:
            return stored["data"]
    return parse_yaml(name)


def _same(left: object, right: object) -> bool:
    """Equal, type for type (`1`, `1.0` and `True` differ), dict keys in the same order."""
    if type(left) is not type(right):
        return False
    if type(left) is dict:
        assert isinstance(right, dict)
        return list(left) == list(right) and all(_same(left[key], right[key]) for key in left)
    if type(left) is list:
        assert isinstance(right, list)
        return len(left) == len(right) and all(map(_same, left, right))
    if type(left) in (str, int, bool, type(None)):
        return left == right
    return False  # a float, a date or any other type: not copied (JSON may not give it back the same)


def copy_text(name: str) -> str:
    """The JSON copy of the data file `name`, as `python -m svcstd.standard.data` writes it.

    Raises ValueError when JSON cannot give back exactly what YAML gave (a date, a float, a key not text).
    """
    source = _package_bytes(f"data/{name}")
    if source is None:
        raise ValueError(f"data/{name}: not readable through the package's loader")
    data = parse_yaml(name)
    text = json.dumps(
        {"source": f"src/svcstd/data/{name}", "source_sha256": hashlib.sha256(source).hexdigest(), "data": data},
        ensure_ascii=False,
        allow_nan=False,
        indent=1,
    )
    if not _same(json.loads(text)["data"], data):
        raise ValueError(f"data/{name}: JSON does not give back exactly what YAML gives")
    return text + "\n"


def main(argv: list[str] | None = None) -> int:
    """Write the JSON copy of every data file beside this module (a developer's step after editing one).

    Takes no arguments: `--help` prints what it does, anything else is refused (exit status 2) before a file
    is written.
    """
    import argparse

    parser = argparse.ArgumentParser(
        prog="python -m svcstd.standard.data",
        description="Write the JSON copy of each data file in src/svcstd/data/ ("
        + ", ".join(DATA_FILES)
        + ") to src/svcstd/standard/parsed/, from the file's present bytes. Run it after editing a data "
        "file; tests/test_data_copy.py fails until the copies are current.",
    )
    parser.parse_args(sys.argv[1:] if argv is None else argv)
    folder = os.path.join(os.path.dirname(os.path.abspath(__file__)), "parsed")
    os.makedirs(folder, exist_ok=True)
    for name in DATA_FILES:
        path = os.path.join(os.path.dirname(folder), *copy_path(name).split("/")[1:])
        with open(path, "w", encoding="utf-8", newline="\n") as out:
            out.write(copy_text(name))
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
