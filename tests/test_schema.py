"""The bundled JSON Schema: well-formed, bilingual on every property, and saying what FORMAT.md says."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from svcstd.validation import validate as validation

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = ROOT / "src" / "svcstd" / "schemas" / "service-standard.schema.json"
PUBLISHED = ROOT / "schemas" / "service-standard.schema.json"
SCHEMA: dict[str, Any] = json.loads(BUNDLED.read_text(encoding="utf-8"))


def properties(node: object, where: str = "#") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every (location, property schema) anywhere in the schema, $defs included."""
    if isinstance(node, dict):
        for name, sub in node.get("properties", {}).items():
            yield f"{where}/properties/{name}", sub
        for key, value in node.items():
            yield from properties(value, f"{where}/{key}")
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from properties(item, f"{where}/{index}")


def object_schemas(node: object) -> Iterator[dict[str, Any]]:
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
    assert SCHEMA["$id"] == "https://svcstd.github.io/schemas/service-standard-1.0.json"
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
    assert node["patternProperties"] == {"^x-": True}


@pytest.mark.parametrize(
    ("pointer", "required"),
    [
        ("", ["svcstd", "id", "title", "status", "version", "provider", "delivery", "manufacturing"]),
        ("/properties/delivery", ["requirements", "procedure", "completion_time", "fees", "products", "complaints"]),
        (
            "/properties/manufacturing",
            [
                "legal_basis",
                "facilities",
                "staff_competence",
                "internal_supervision",
                "staff_count",
                "service_guarantee",
                "security_guarantee",
                "performance_evaluation",
            ],
        ),
        ("/properties/provider", ["name"]),
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
        ("/properties/delivery/properties/procedure/properties/steps/items", ["actor", "action"]),
        ("/properties/delivery/properties/fees/items", ["name"]),
        ("/properties/delivery/properties/products/items", ["name"]),
        ("/properties/delivery/properties/complaints", ["channels"]),
        ("/properties/delivery/properties/complaints/properties/channels/items", ["type", "contact"]),
        ("/properties/manufacturing/properties/legal_basis/items", ["title"]),
        ("/properties/manufacturing/properties/facilities/items", ["name"]),
        ("/properties/manufacturing/properties/staff_competence/items", ["role"]),
        ("/properties/manufacturing/properties/internal_supervision/items", ["supervisor"]),
        ("/properties/manufacturing/properties/staff_count/items", ["role", "count"]),
        ("/properties/manufacturing/properties/performance_evaluation", ["method"]),
        ("/$defs/duration", ["unit"]),
    ],
)
def test_required_fields_follow_format_md(pointer: str, required: list[str]) -> None:
    assert at(pointer).get("required") == required


@pytest.mark.parametrize(
    ("pointer", "values"),
    [
        ("/properties/status", ["draft", "adopted", "retired"]),
        (
            "/properties/consultation/items/properties/participants/items/properties/group",
            ["community", "academia", "ngo", "business", "media", "government", "provider", "other"],
        ),
        (
            "/properties/publication/properties/channels/items/properties/type",
            ["website", "notice_board", "social_media", "brochure", "mobile_app", "information_desk", "other"],
        ),
        (
            "/properties/publication/properties/formats/items",
            ["braille", "audio", "sign_language", "large_print", "easy_read", "other"],
        ),
        (
            "/properties/special_services/items/properties/group",
            ["disability", "elderly", "pregnant", "children", "disaster_victims", "social_disaster_victims", "other"],
        ),
        (
            "/properties/delivery/properties/requirements/items/properties/form",
            ["original", "copy", "digital", "self_declaration", "other"],
        ),
        ("/$defs/channel", ["in_person", "online", "mobile", "mail", "outreach"]),
        (
            "/properties/delivery/properties/complaints/properties/channels/items/properties/type",
            [
                "phone",
                "sms",
                "whatsapp",
                "fax",
                "email",
                "website",
                "lapor",
                "suggestion_box",
                "in_person",
                "social_media",
                "other",
            ],
        ),
        ("/$defs/frequency", ["daily", "weekly", "monthly", "quarterly", "semiannual", "annual", "ad_hoc"]),
        ("/$defs/duration/properties/unit", ["minutes", "hours", "days", "working_days"]),
        ("/properties/service_hours/items/properties/days/items", ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]),
    ],
)
def test_closed_vocabularies_follow_format_md(pointer: str, values: list[str]) -> None:
    assert at(pointer)["enum"] == values


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
