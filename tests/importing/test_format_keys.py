"""What import writes uses only the key names and vocabularies of format 1.1 (docs/format-1.1-design.md).

The 1.1 schema is being built in parallel, so the check is against the 1.0 schema's names plus the design
note's additions, key by key and value by value.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from svcstd.importing.run import import_target
from tests.conftest import ROOT
from tests.importing.test_fixtures import SOURCES

SCHEMA = json.loads((ROOT / "src" / "svcstd" / "schemas" / "service-standard.schema.json").read_text("utf-8"))
DESIGN_ADDITIONS = {
    "kind",
    "alternatives",
    "collateral",
    "agency",
    "then",
    "in_person_reason",
    "reference",
    "fee_basis",
    "coverage",
    "scheme",
    "text",
    "schedule",
    "steps",
    "procedure",
    "times",
    "type",
    "number",
    "year",
    "about",
    "articles",
    "condition",
    "serves",
    "composition",
    "shift",
    "note",
    "published",
    "displayed",
    "min",
    "max",
}
UNITS = {"minutes", "hours", "days", "working_days", "months", "years"}


def schema_keys(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.get("properties", {}).items():
            yield key
            yield from schema_keys(value)
        for value in node.values():
            if isinstance(value, dict | list):
                yield from schema_keys(value)
    elif isinstance(node, list):
        for value in node:
            yield from schema_keys(value)


ALLOWED = set(schema_keys(SCHEMA)) | DESIGN_ADDITIONS


def walk(node: Any, path: str = "") -> Iterator[tuple[str, str, Any]]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield path, key, value
            if not key.startswith("x-"):
                yield from walk(value, f"{path}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from walk(value, f"{path}/{index}")


@pytest.mark.parametrize("source", SOURCES, ids=lambda path: path.name)
def test_only_format_keys_and_vocabulary(source: Any) -> None:
    channel_types = set(
        SCHEMA["properties"]["delivery"]["properties"]["complaints"]["properties"]["channels"]["items"]["properties"][
            "type"
        ]["enum"]
    )
    for item in import_target(str(source)):
        assert item.document["svcstd"] == "1.1" and item.document["kind"] in ("standard", "published_sheet")
        for path, key, value in walk(item.document):
            assert key in ALLOWED or key.startswith("x-"), f"{path}/{key}"
            if key == "unit":
                assert value in UNITS
            if key == "type" and "/complaints/channels/" in path:
                assert value in channel_types
            if key == "form":
                assert value in {"original", "copy", "certified_copy", "digital", "self_declaration", "other"}
            if key == "frequency":
                assert value in SCHEMA["$defs"]["frequency"]["enum"]
            if key == "amount":
                assert isinstance(value, int) and value >= 0
