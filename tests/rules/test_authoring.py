"""Cases for TRA090 (placeholders left from the `svcstd init` template), on real YAML."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pytest

from svcstd.template import new_standard
from tests.rules.harness import run_rule

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
