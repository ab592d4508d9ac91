"""The bundled JSON Schema: well-formed, bilingual on every property, and saying what FORMAT.md says."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from svcstd.standard import aliases
from svcstd.validation import validate as validation

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = ROOT / "src" / "svcstd" / "schemas" / "service-standard.schema.json"
PUBLISHED = ROOT / "schemas" / "service-standard.schema.json"
SCHEMA: dict[str, Any] = json.loads(BUNDLED.read_text(encoding="utf-8"))


VERSION_GATE = "#/allOf/0"
"""The 1.0 gate: `if svcstd is "1.0" then` these keys are required, as they were in 1.0 (bare `required` lists)."""


def properties(node: object, where: str = "#") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every (location, property schema) anywhere in the schema, $defs included, the 1.0 gate left out."""
    if where == VERSION_GATE:
        return
    if isinstance(node, dict):
        for name, sub in node.get("properties", {}).items():
            yield f"{where}/properties/{name}", sub
        for key, value in node.items():
            yield from properties(value, f"{where}/{key}")
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from properties(item, f"{where}/{index}")


def object_schemas(node: object) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict) and "if" in node and "then" in node and "svcstd" in node["if"].get("properties", {}):
        return
    if isinstance(node, dict):
        if "properties" in node:
            yield node
        for value in node.values():
            yield from object_schemas(value)
    elif isinstance(node, list):
        for item in node:
            yield from object_schemas(item)


def at(pointer: str) -> dict[str, Any]:
    """The schema node at a JSON Pointer into the schema itself."""
    node: Any = SCHEMA
    for token in pointer.split("/")[1:]:
        node = node[int(token)] if isinstance(node, list) else node[token]
    return dict(node)


ALL_PROPERTIES = list(properties(SCHEMA))


def test_published_copy_is_identical() -> None:
    assert PUBLISHED.read_bytes() == BUNDLED.read_bytes()


def test_passes_the_2020_12_metaschema() -> None:
    Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert SCHEMA["$id"] == "https://svcstd.github.io/schemas/service-standard-1.1.json"
    assert SCHEMA["title"]


def test_load_schema_returns_the_bundled_file_as_a_copy() -> None:
    loaded = validation.load_schema()
    assert loaded == SCHEMA
    loaded["title"] = "changed"
    assert validation.load_schema()["title"] == SCHEMA["title"]


def test_walk_finds_the_duration_def() -> None:
    names = {where for where, _ in ALL_PROPERTIES}
    assert "#/$defs/duration/properties/unit" in names
    assert len(ALL_PROPERTIES) > 100


@pytest.mark.parametrize(("where", "prop"), ALL_PROPERTIES, ids=[w for w, _ in ALL_PROPERTIES])
def test_every_property_is_bilingual(where: str, prop: dict[str, Any]) -> None:
    english, _, indonesian = prop["description"].partition("\n\nID: ")
    assert english.strip(), where
    assert indonesian.startswith(f"{prop['x-term']} — "), where
    assert indonesian.endswith("."), where
    assert prop["title"], where


@pytest.mark.parametrize("node", list(object_schemas(SCHEMA)), ids=lambda n: ",".join(n["properties"])[:40])
def test_unknown_keys_rejected_except_x(node: dict[str, Any]) -> None:
    assert node["additionalProperties"] is False
    source = {"^x-source$": {"$ref": "#/$defs/source"}}  # provenance is checked on every mapping but its own
    own = node is SCHEMA["$defs"]["source"]
    assert node["patternProperties"] == ({"^x-": True} if own else {**source, "^x-": True})


MANUFACTURING = [
    "legal_basis",
    "facilities",
    "staff_competence",
    "internal_supervision",
    "staff_count",
    "service_guarantee",
    "security_guarantee",
    "performance_evaluation",
]
DELIVERY = ["requirements", "procedure", "completion_time", "fees", "products", "complaints"]


@pytest.mark.parametrize(
    ("pointer", "required"),
    [
        ("", ["svcstd", "provider", "delivery"]),
        ("/properties/delivery", None),
        ("/properties/manufacturing", None),
        ("/properties/provider", None),
        ("/properties/service_hours/items", ["days", "open", "close"]),
        ("/properties/adoption", ["decree", "date"]),
        ("/properties/review", ["interval_months"]),
        ("/properties/consultation/items", ["date", "participants"]),
        ("/properties/consultation/items/properties/participants/items", ["group"]),
        ("/properties/publication/properties/channels/items", ["type", "location"]),
        ("/properties/pledge", ["text"]),
        ("/properties/special_services/items", ["group", "provision"]),
        ("/properties/waivers/items", ["rule", "reason", "approved_by", "until"]),
        ("/properties/delivery/properties/requirements/items", ["name"]),
        ("/properties/delivery/properties/procedure", ["steps"]),
        ("/$defs/step", None),
        ("/properties/delivery/properties/fees/items", ["name"]),
        ("/properties/delivery/properties/products/items", ["name"]),
        ("/properties/delivery/properties/complaints", None),
        ("/properties/delivery/properties/complaints/properties/channels/items", ["type", "contact"]),
        ("/properties/delivery/properties/complaints/properties/times/items", ["duration"]),
        ("/properties/manufacturing/properties/legal_basis/items/anyOf/1", ["title"]),
        ("/properties/manufacturing/properties/facilities/items", ["name"]),
        ("/properties/manufacturing/properties/staff_competence/items", None),
        ("/properties/manufacturing/properties/internal_supervision/items", ["supervisor"]),
        ("/properties/manufacturing/properties/staff_count/items", None),
        ("/properties/manufacturing/properties/performance_evaluation", ["method"]),
        ("/properties/satisfaction_survey/items", ["period"]),
        ("/$defs/duration", None),
    ],
)
def test_required_fields_follow_format_md(pointer: str, required: list[str] | None) -> None:
    assert at(pointer).get("required") == required


@pytest.mark.parametrize(
    ("pointer", "required"),
    [
        ("/then", ["id", "title", "status", "version", "manufacturing"]),
        ("/then/properties/provider", ["name"]),
        ("/then/properties/delivery", DELIVERY),
        ("/then/properties/delivery/properties/procedure/properties/steps/items", ["actor", "action"]),
        ("/then/properties/delivery/properties/complaints", ["channels"]),
        ("/then/properties/manufacturing", MANUFACTURING),
        ("/then/properties/manufacturing/properties/staff_competence/items", ["role"]),
        ("/then/properties/manufacturing/properties/staff_count/items", ["role", "count"]),
    ],
)
def test_format_1_0_keeps_its_required_fields(pointer: str, required: list[str]) -> None:
    assert at("/allOf/0" + pointer)["required"] == required
    assert at("/allOf/0/if") == {"properties": {"svcstd": {"const": "1.0"}}}


def test_a_step_needs_an_action_or_a_branch() -> None:
    assert at("/$defs/step")["anyOf"] == [{"required": ["action"]}, {"required": ["then"]}]


@pytest.mark.parametrize(
    ("pointer", "vocabulary"),
    [
        ("/properties/kind", "kind"),
        ("/properties/status", "status"),
        ("/properties/consultation/items/properties/participants/items/properties/group", "participant"),
        ("/properties/publication/properties/channels/items/properties/type", "publication"),
        ("/properties/publication/properties/formats/items", "format"),
        ("/properties/special_services/items/properties/group", "group"),
        ("/properties/manufacturing/properties/facilities/items/properties/serves/items", "group"),
        ("/properties/delivery/properties/requirements/items/properties/form", "form"),
        ("/$defs/channel", "channel"),
        ("/properties/delivery/properties/complaints/properties/channels/items/properties/type", "complaint_channel"),
        ("/properties/delivery/properties/complaints/properties/times/items/properties/kind", "complaint_time"),
        ("/$defs/frequency", "frequency"),
        ("/$defs/duration/properties/unit", "unit"),
        ("/properties/service_hours/items/properties/days/items", "day"),
    ],
)
def test_closed_vocabularies_offer_the_values_then_the_indonesian_aliases(pointer: str, vocabulary: str) -> None:
    """The enum is what editors complete: the English values (FORMAT.md), then every alias the reader accepts."""
    assert at(pointer)["enum"] == [*aliases.canonical(vocabulary), *aliases.aliases(vocabulary)]


def test_closed_vocabularies_keep_the_1_0_values_in_order() -> None:
    assert aliases.canonical("unit") == ("minutes", "hours", "days", "working_days", "months", "years")
    assert aliases.canonical("form") == ("original", "copy", "certified_copy", "digital", "self_declaration", "other")
    assert aliases.canonical("day") == ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def test_every_pattern_is_explained_in_words() -> None:
    patterned = {where.rsplit("/", 1)[-1] for where, prop in ALL_PROPERTIES if "pattern" in prop}
    assert patterned <= set(validation.PATTERN_MESSAGES)


@pytest.mark.parametrize(
    ("name", "value", "ok"),
    [
        ("date", "2025-01-06", True),
        ("date", "2024-02-29", True),
        ("date", "2025-02-29", False),
        ("date", "2025-13-01", False),
        ("date", "2025-1-6", False),
        ("date", "06-01-2025", False),
        ("date", "20250106", False),
        ("date", "2025-01-06T00:00", False),
        ("uri", "https://disdukcapil.contoh.go.id", True),
        ("uri", "http://contoh.go.id/layanan?id=1", True),
        ("uri", "ftp://arsip.contoh.go.id/sp.pdf", True),
        ("uri", "mailto:pengaduan@contoh.go.id", True),
        ("uri", "disdukcapil.contoh.go.id", False),
        ("uri", "https://", False),
        ("uri", "https://contoh go id", False),
        ("uri", "javascript:alert(1)", False),
        ("uri", "http://[::1", False),
        ("email", "pengaduan@contoh.go.id", True),
        ("email", "pengaduan@contoh", False),
        ("email", "0812 3456 7890", False),
        ("email", "https://contoh.go.id", False),
    ],
)
def test_format_checks(name: str, value: str, ok: bool) -> None:
    assert validation.FORMATS.conforms(value, name) is ok


@pytest.mark.parametrize("pointer", ["/$defs/duration", "/properties/delivery/properties/fees/items"])
def test_exactly_one_of_is_a_single_one_of(pointer: str) -> None:
    node = at(pointer)
    assert "oneOf" in node
    assert all("required" in branch for branch in node["oneOf"])


def test_completion_time_uses_if_then_else() -> None:
    node = at("/properties/delivery/properties/completion_time")
    assert node["if"] == {"type": "object"}
    assert node["then"] == {"$ref": "#/$defs/duration"}
    assert node["else"]["items"]["required"] == ["when"]
