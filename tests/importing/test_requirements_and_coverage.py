"""Format 1.1 structures from words, only where the words leave no doubt: alternatives, forms, collateral, coverage."""

from __future__ import annotations

from typing import Any

import pytest

from svcstd.importing.components import Built, requirement, split_coverage
from svcstd.importing.source import Location


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("KTP/KK/SIM, pilih salah satu", {"alternatives": ["KTP", "KK", "SIM"]}),
        (
            "KTP/KK/SIM/kartu pelajar (pilih salah satu)",
            {"alternatives": ["KTP", "KK", "SIM", "kartu pelajar"]},
        ),
        (
            "Fotokopi Buku Nikah atau Akta Perkawinan (salah satu)",
            {"form": "copy", "alternatives": ["Buku Nikah", "Akta Perkawinan"]},
        ),
        ("Kartu identitas/KTP", {}),  # one card named twice: a slash alone is no choice
        ("Salah satu kartu identitas", {}),  # the marker without a list of documents
        ("Identitas diri: KTP / SIM (pilih salah satu)", {"alternatives": ["KTP", "SIM"]}),
        ("Foto copy KTP yang dilegalisir", {"form": "certified_copy"}),
        ("fotokopi dilegalisir ijazah terakhir", {"form": "certified_copy"}),
        ("Foto copy KK", {"form": "copy"}),
        ("KTP asli sebagai jaminan", {"form": "original", "collateral": True}),
        ("Kartu anggota sebagai jaminan peminjaman", {"collateral": True}),
        ("Jaminan kesehatan", {}),
    ],
)
def test_requirement_structures(text: str, expected: dict[str, Any]) -> None:
    assert requirement(text) == {"name": text, **expected}


def fees(*items: dict[str, Any]) -> Built:
    built = Built(list(items))
    built.sources = {f"/{index}": Location("f.docx", table=1, row=index + 1) for index in range(len(items))}
    return built


def test_insurance_is_coverage_not_a_fee() -> None:
    kept, coverage = split_coverage(
        fees(
            {"name": "Umum", "reference": "Peraturan Bupati Sekadau Nomor 42 Tahun 2014"},
            {"name": "JKN", "reference": "Permenkes Nomor 59 Tahun 2014"},
            {"name": "Pasien BPJS sesuai dengan haknya"},
            {"name": "BPJS Kesehatan", "amount": 0},  # an amount: a fee, whatever its name
            {"name": "Pendaftaran BPJS"},  # names a scheme, says nothing of paying: left as it is
        )
    )
    assert kept.value == [
        {"name": "Umum", "reference": "Peraturan Bupati Sekadau Nomor 42 Tahun 2014"},
        {"name": "BPJS Kesehatan", "amount": 0},
        {"name": "Pendaftaran BPJS"},
    ]
    assert coverage.value == [
        {"scheme": "JKN", "text": "Permenkes Nomor 59 Tahun 2014"},
        {"scheme": "BPJS", "text": "Pasien BPJS sesuai dengan haknya"},
    ]
    assert coverage.sources == {"/0": Location("f.docx", table=1, row=2), "/1": Location("f.docx", table=1, row=3)}
    assert kept.sources["/1"] == Location("f.docx", table=1, row=4)
