"""Cases for TRA009 and ACC010 (components missing from a format 1.1 document), on real YAML."""

from __future__ import annotations

from pathlib import Path

import pytest

from svcstd.rules import rules_by_id
from svcstd.rules.components import MANUFACTURING
from tests.rules.harness import NOT_APPLICABLE, run_rule

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SHEET = (FIXTURES / "format-1.1" / "published-sheet.yaml").read_text(encoding="utf-8")
MAXIMAL = (FIXTURES / "format-1.1" / "maximal.yaml").read_text(encoding="utf-8")
MINIMAL = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")

PRODUCTS = "  products:\n    - name: Surat keterangan\n"
COMPLAINTS = "  complaints:\n    channels:\n      - {type: telepon, contact: (0281) 622119}\n"


def without(text: str, passage: str) -> str:
    assert text.count(passage) == 1, passage
    return text.replace(passage, "")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(SHEET, [], id="pass-sheet-with-all-six"),
        pytest.param(MINIMAL, NOT_APPLICABLE, id="na-1.0-where-the-schema-requires-all"),
        pytest.param(without(SHEET, PRODUCTS), ["/delivery/products"], id="fail-no-products"),
        pytest.param(
            without(without(SHEET, PRODUCTS), COMPLAINTS),
            ["/delivery/complaints", "/delivery/products"],
            id="fail-one-finding-per-component",
        ),
    ],
)
def test_tra009(text: str, expected: list[str]) -> None:
    assert run_rule("TRA009", text=text) == expected


STAFF = """  staff_count:
    - {role: Petugas loket}
    - {role: Perawat, min: 2, max: 4}
    - shift: Setiap sif
      composition: [{role: Perawat, count: 2}, {role: Dokter, count: 1}]
      note: 2 perawat dan 1 dokter setiap sif
"""
SUPERVISION = "  internal_supervision:\n    - {supervisor: Kepala Dinas, frequency: bulanan}\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(MAXIMAL, [], id="pass-full-standard"),
        pytest.param(SHEET, NOT_APPLICABLE, id="na-published-sheet"),
        pytest.param(
            SHEET.replace("title:", "kind: standard\ntitle:", 1),
            sorted(f"/manufacturing/{component.key}" for component in MANUFACTURING),
            id="fail-declared-standard-without-manufacturing",
        ),
        pytest.param(
            without(without(MAXIMAL, STAFF), SUPERVISION),
            ["/manufacturing/internal_supervision", "/manufacturing/staff_count"],
            id="fail-two-missing",
        ),
    ],
)
def test_acc010(text: str, expected: list[str] | str) -> None:
    assert run_rule("ACC010", text=text) == expected


def test_missing_component_is_reported_once_not_by_the_rules_that_judge_it() -> None:
    """A rule that judges fees does not apply when there are none: TRA009 alone reports them missing."""
    text = without(SHEET, "  fees:\n    - {name: Surat keterangan, amount: 0}\n")
    assert run_rule("TRA009", text=text) == ["/delivery/fees"]
    for rule_id in ("ACC003", "TRA003", "FAI006"):
        assert run_rule(rule_id, text=text) == NOT_APPLICABLE, rule_id


def test_messages_name_the_component_and_the_letter_of_article_21() -> None:
    rule = rules_by_id()["TRA009"]
    params = {"field": "delivery.products", "name_en": "the service product", "name_id": "produk pelayanan"}
    message = rule.format_message({**params, "letter": "f"})
    assert "Article 21(f)" in message.en and "`delivery.products`" in message.en
    assert message.id.startswith("Standar pelayanan belum memuat produk pelayanan (`delivery.products`)")
    assert "Pasal 21 huruf f" in message.id
