"""Cases for TRA090 (placeholders left from the `svcstd init` template), on real YAML."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

from svcstd import api
from svcstd.model import Severity
from svcstd.rules import rules_by_id
from svcstd.standard.template import new_standard
from tests.rules.harness import AS_OF, run_rule

PLACEHOLDER_ID = "<<ISI: nama produk, misalnya surat izin atau kartu>>"
PLACEHOLDER_EN = "<<FILL IN: complaints phone number>>"


@pytest.mark.parametrize(
    ("patch", "expected"),
    [
        pytest.param({}, [], id="pass-exemplary"),
        pytest.param({"delivery/products/0/name": PLACEHOLDER_ID}, ["/delivery/products/0/name"], id="product-id"),
        pytest.param(
            {"delivery/complaints/channels/1/contact": PLACEHOLDER_EN},
            ["/delivery/complaints/channels/1/contact"],
            id="contact-en",
        ),
        pytest.param(
            {"status": "draft", "pledge/text": f"Kami sanggup. {PLACEHOLDER_ID}"},
            ["/pledge/text"],
            id="inside-text-draft",
        ),
        pytest.param({"delivery/products/0/name": "Kartu <<ISI>>"}, [], id="marker-needs-colon"),
        pytest.param({"x-catatan": {"<<ISI: kunci>>": "nilai"}}, ["/x-catatan/<<ISI: kunci>>"], id="key"),
    ],
)
def test_tra090(patch: Mapping[str, Any], expected: list[str]) -> None:
    assert run_rule("TRA090", patch) == expected


@pytest.mark.parametrize("lang", ["id", "en"])
def test_tra090_fires_on_the_untouched_template(lang: str) -> None:
    hits = run_rule("TRA090", text=new_standard(lang, "Penerbitan KTP-el", "Disdukcapil Kota Contoh"))
    assert "/provider/unit" in hits
    assert "/delivery/products/0/name" in hits
    assert "/title" not in hits and "/provider/name" not in hits


def test_tra090_is_an_error_of_full_weight() -> None:
    tra090 = rules_by_id()["TRA090"]
    assert (tra090.severity, tra090.weight) == (Severity.ERROR, 5)


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("status", ["draft", "adopted"])
def test_an_untouched_template_fails_the_gate_whatever_its_status(lang: str, status: str, tmp_path: Path) -> None:
    text = new_standard(lang, "Penerbitan KTP-el", "Disdukcapil Kota Contoh")
    path = tmp_path / "standar-pelayanan.yaml"
    path.write_text(text.replace("status: draft", f"status: {status}", 1), encoding="utf-8")
    report = api.check([str(path)], as_of=AS_OF)
    [result] = report.documents
    assert result.valid and not result.passed and report.exit_code == 1
    assert any(f.rule == "TRA090" and f.severity is Severity.ERROR for f in result.findings)
