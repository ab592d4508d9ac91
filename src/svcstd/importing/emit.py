"""Imported documents as YAML with a provenance comment on each value, and the sidecar pointer -> origin map."""

from __future__ import annotations

import json
import re
from typing import Any

import yaml

from svcstd.importing.build import Imported
from svcstd.importing.source import Location

SIDECAR_SUFFIX = ".provenance.json"


def to_yaml(imported: Imported) -> str:
    """Block-style YAML, keys in the order built, `# sumber: …` after every value whose origin is known."""
    lines = [
        f"# Diimpor oleh svcstd dari {imported.document['x-source']['file']}; periksa sebelum ditetapkan.",
        "# Imported by svcstd; review before adoption.",
    ]
    _mapping(imported.document, 0, "", imported.sources, lines)
    return "\n".join(lines) + "\n"


def to_sidecar(imported: Imported) -> str:
    """`{"file": …, "pointers": {"/delivery/fees/0": {"file": …, "table": 1, "row": 5, "cell": "3"}}}`."""
    pointers = {pointer: loc.as_json() for pointer, loc in imported.sources.items()}
    body = {"file": imported.document["x-source"]["file"], "title": imported.title, "pointers": pointers}
    return json.dumps(body, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


NO_PROVIDER = "  # teks tidak menyebut penyelenggara / the text names no provider"


def _comment(pointer: str, sources: dict[str, Location]) -> str:
    loc = sources.get(pointer)
    return f"  # sumber: {loc.describe()}" if loc is not None else ""


_NOT_A_STRING_IN_YAML_12 = re.compile(
    r"^(?:[-+]?[0-9][0-9_]*|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|null|Null|NULL|~|true|True|TRUE|false|False|FALSE"
    r"|yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF|y|Y|n|N)$"
)


_PLAIN = re.compile(r"^[A-Za-z\u00c0-\u2027][^\x00-\x1f#:'\"\\\x7f-\x9f\u2028\u2029\ufeff]*(?<!\s)$")
"""Text that is a plain YAML scalar as it stands: starts with a letter, no comment or mapping indicator, no quote."""


def _scalar(value: Any) -> str:
    """A scalar as YAML writes it; a string that a YAML 1.1 or 1.2 reader would take for a number is quoted.

    Plain text and whole numbers are written directly: the emitter per scalar would cost most of an import.
    """
    if isinstance(value, str) and _PLAIN.fullmatch(value) and not _NOT_A_STRING_IN_YAML_12.match(value):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    style = None
    if isinstance(value, str):  # a number-like word in single quotes, anything else in escaped double quotes
        style = "'" if _NOT_A_STRING_IN_YAML_12.match(value) else '"'
    text = yaml.safe_dump(value, allow_unicode=True, width=2**31, default_flow_style=True, default_style=style)
    return text.removesuffix("\n").removesuffix("\n...").strip()


def _escape(key: str) -> str:
    return key.replace("~", "~0").replace("/", "~1")


def _mapping(value: dict[str, Any], indent: int, pointer: str, sources: dict[str, Location], lines: list[str]) -> None:
    pad = " " * indent
    for key, item in value.items():
        child = f"{pointer}/{_escape(str(key))}"
        _entry(f"{pad}{_scalar(key)}:", item, indent + 2, child, sources, lines)


def _sequence(value: list[Any], indent: int, pointer: str, sources: dict[str, Location], lines: list[str]) -> None:
    pad = " " * indent
    for index, item in enumerate(value):
        child = f"{pointer}/{index}"
        if isinstance(item, dict) and item:
            start = len(lines)
            _mapping(item, indent + 2, child, sources, lines)
            lines[start] = f"{pad}- {lines[start][indent + 2 :]}"
            if "  # sumber:" not in lines[start]:
                lines[start] += _comment(child, sources)
        else:
            _entry(f"{pad}-", item, indent + 2, child, sources, lines)


def _entry(head: str, item: Any, indent: int, pointer: str, sources: dict[str, Location], lines: list[str]) -> None:
    comment = _comment(pointer, sources)
    if isinstance(item, dict) and item:
        lines.append(head + comment)
        _mapping(item, indent, pointer, sources, lines)
    elif isinstance(item, list) and item:
        lines.append(head + comment)
        _sequence(item, indent, pointer, sources, lines)
    else:
        said = NO_PROVIDER if pointer == "/provider" and item == {} else ""
        lines.append(f"{head} {_scalar(item)}{comment}{said}")
