"""CPU time of reading and validating, alone, on the same files: svcstd's reader beside libyaml's floors.

    python benchmarks/read_bench.py benchmarks/corpus/1000 [--files 300] [--repeat 3]

For the files found under the folders (sorted, every k-th so that `--files` of them are spread over the
corpus), each measurement is the best of `--repeat` runs of CPU time (`time.process_time`):

- `libyaml alone`: libyaml's parse with no Python object per event (`CParser.raw_parse`): the C floor;
- `events only`: libyaml's parser events, as svcstd's reader consumes them (the floor of its design);
- `events, classes swapped`: the same with PyYAML's event classes swapped, for the measurement only, for
  exception classes whose constructor is C (`args` holds the fields): what PyYAML's Python `__init__` of
  each event costs. svcstd does not do this (see docs/performance.md, "Issue 17, sixth part: the reader");
- `CSafeLoader`: PyYAML's C loader building the data (no positions, YAML 1.1);
- `svcstd read`: `load_bytes`, the reader with positions, YAML 1.2 scalars and reading findings (the native
  reader where it was built, the Python reader for what it leaves);
- `svcstd read, Python reader`: the same with the Python reader alone (`load_events`), as without the native one;
- `svcstd validate`: `validate` on each document read (the native yes/no, jsonschema for the rest, SCH010);
- `rapidyaml parse` when rapidyaml is installed: its parse into a tree (no Python data).
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import time
from collections.abc import Callable
from pathlib import Path

import yaml
from yaml import events
from yaml._yaml import CParser

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from svcstd.reading.loader import decode, load_bytes, load_events  # noqa: E402
from svcstd.validation.validate import validate  # noqa: E402


def best(repeat: int, run: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        start = time.process_time()
        run()
        times.append(time.process_time() - start)
    return min(times)


def events_only(texts: list[str]) -> None:
    for text in texts:
        parser = CParser(text)
        try:
            while parser.check_event():
                if isinstance(parser.get_event(), events.StreamEndEvent):
                    break
        except yaml.YAMLError:
            pass
        finally:
            parser.dispose()


def libyaml_alone(texts: list[str]) -> None:
    for text in texts:
        parser = CParser(text)
        with contextlib.suppress(yaml.YAMLError):
            parser.raw_parse()
        parser.dispose()


_EVENT_NAMES = ("ScalarEvent", "MappingStartEvent", "MappingEndEvent", "SequenceStartEvent", "SequenceEndEvent")


def events_swapped(texts: list[str]) -> None:
    """`events_only` with the C parser's event classes swapped for the time of the run (restored after)."""
    import yaml._yaml as binding

    saved = {name: getattr(binding, name) for name in _EVENT_NAMES}
    try:
        for name in _EVENT_NAMES:
            setattr(binding, name, type(name, (BaseException,), {"__slots__": ()}))
        events_only(texts)
    finally:
        for name, value in saved.items():
            setattr(binding, name, value)


def c_loader(texts: list[str]) -> None:
    for text in texts:
        with contextlib.suppress(yaml.YAMLError, ValueError):  # ValueError: a YAML 1.1 timestamp that is no date
            list(yaml.load_all(text, Loader=yaml.CSafeLoader))


def python_reader(data: bytes, name: str) -> object:
    """`load_bytes` with the Python reader alone."""
    text = decode(data)
    return load_events(text, name) if isinstance(text, str) else text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--files", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    paths = sorted(path for folder in args.folders for path in folder.rglob("*.yaml"))
    paths = paths[:: max(1, len(paths) // args.files)][: args.files]
    blobs = [(path.read_bytes(), str(path)) for path in paths]
    texts = [data.decode("utf-8", errors="replace") for data, _ in blobs]
    documents = [doc for data, name in blobs for doc in load_bytes(data, name) if doc.data is not None]
    validate(documents[0])  # build the validators outside the timing
    rows: list[tuple[str, float]] = [
        ("libyaml alone (no Python objects)", best(args.repeat, lambda: libyaml_alone(texts))),
        ("events only (libyaml events)", best(args.repeat, lambda: events_only(texts))),
        ("events, classes swapped", best(args.repeat, lambda: events_swapped(texts))),
        ("CSafeLoader (data, no positions)", best(args.repeat, lambda: c_loader(texts))),
        ("svcstd read (load_bytes)", best(args.repeat, lambda: [load_bytes(d, n) for d, n in blobs])),
        ("svcstd read, Python reader", best(args.repeat, lambda: [python_reader(d, n) for d, n in blobs])),
        ("svcstd validate", best(args.repeat, lambda: [validate(doc) for doc in documents])),
    ]
    try:
        import ryml  # optional, for the comparison only: pip install rapidyaml
    except ImportError:
        pass
    else:
        raw = [bytearray(data) for data, _ in blobs]
        rows.append(("rapidyaml parse (tree only)", best(args.repeat, lambda: [ryml.parse_in_arena(b) for b in raw])))
    print(f"{len(blobs)} files, {sum(len(d) for d, _ in blobs) / 1e6:.1f} MB, {len(documents)} documents")
    for name, seconds in rows:
        print(f"{name:<36} {seconds:6.3f} s CPU")


if __name__ == "__main__":
    main()
