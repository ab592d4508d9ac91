"""Cell parsers: the wording of real standards in, structure out; ambiguous text stays text."""

from __future__ import annotations

from typing import Any

import pytest

from svcstd.importing.cells import (
    parse_count,
    parse_duration,
    parse_frequency,
    parse_legal_basis,
    parse_money,
    split_duration_case,
    split_items,
)
from svcstd.importing.names import component_key
from svcstd.importing.numbers import words_to_int


@pytest.mark.parametrize(
    ("words", "number"),
    [
        ("satu", 1),
        ("sepuluh", 10),
        ("sebelas", 11),
        ("lima belas", 15),
        ("empat belas", 14),
        ("dua puluh satu", 21),
        ("seratus dua puluh lima", 125),
        ("seribu", 1000),
        ("dua ribu lima ratus", 2500),
        ("bukan angka", None),
    ],
)
def test_number_words(words: str, number: int | None) -> None:
    assert words_to_int(words) == number


@pytest.mark.parametrize(
    ("text", "duration"),
    [
        ("15 (lima belas) menit", {"value": 15, "unit": "minutes"}),
        ("3 (tiga) hari kerja", {"value": 3, "unit": "working_days"}),
        ("Maks. 5 (lima) bulan", {"value": 5, "unit": "months", "note": "Maks. 5 (lima) bulan"}),
        (
            "1 (satu) hari maksimal 14 (empat belas) hari kerja",
            {"min": 1, "max": 14, "unit": "working_days", "note": "1 (satu) hari maksimal 14 (empat belas) hari kerja"},
        ),
        ("3-25 hari kerja", {"min": 3, "max": 25, "unit": "working_days"}),
        ("6 Bulan", {"value": 6, "unit": "months"}),
        ("2x24 jam", {"value": 48, "unit": "hours"}),
        ("2 (dua) minggu", {"value": 14, "unit": "days"}),
        ("lima belas menit", {"value": 15, "unit": "minutes", "note": "lima belas menit"}),
        (
            "Informasi ketersediaan layanan maksimal 15 menit",
            {"value": 15, "unit": "minutes", "note": "Informasi ketersediaan layanan maksimal 15 menit"},
        ),
        # ambiguous: stays text
        ("Respon tindakan oleh petugas  > 5 menit.", None),
        ("Lama tindakan disesuaikan dengan kondisi pasien", None),
        ("15 (empat) menit", None),  # digits and words disagree
        ("Sesuai SLA", None),
        ("", None),
    ],
)
def test_durations(text: str, duration: dict[str, Any] | None) -> None:
    assert parse_duration(text) == duration


def test_duration_with_its_case() -> None:
    assert split_duration_case("2 Hari Kerja Registrasi, Surat Pemberitahuan") == (
        {"value": 2, "unit": "working_days"},
        "Registrasi, Surat Pemberitahuan",
    )
    assert split_duration_case("3-25 hari kerja  Berita Acara") == (
        {"min": 3, "max": 25, "unit": "working_days"},
        "Berita Acara",
    )
    assert split_duration_case("Klarifikasi") is None


@pytest.mark.parametrize(
    ("text", "money"),
    [
        ("Gratis", {"amount": 0}),
        ("Tidak dipungut biaya", {"amount": 0}),
        ("Gratis (Rp. 0,00;-)", {"amount": 0}),
        ("Rp. 50.000,-", {"amount": 50000}),
        ("Rp 7.500,00", {"amount": 7500}),
        ("Rp150000", {"amount": 150000}),
        ("sesuai Perda No. 5 Tahun 2011", {"reference": "Perda No. 5 Tahun 2011"}),
        ("Permenkes Nomor 59 Tahun 2014", {"reference": "Permenkes Nomor 59 Tahun 2014"}),
        ("Rp. 10.000,- s.d. Rp. 25.000,-", None),  # two amounts: which one applies is not clear
        ("Perhitungan Retribusi Daerah berada di wilayah Dinas PUTR", None),
    ],
)
def test_money(text: str, money: dict[str, Any] | None) -> None:
    assert parse_money(text) == money


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("4 (empat)\norang", 4),
        ("1 orang", 1),
        ("12 petugas", 12),
        ("2 perawat dan 1 dokter", None),
        ("4 (lima) orang", None),
    ],
)
def test_counts(text: str, count: int | None) -> None:
    assert parse_count(text) == count


def test_legal_basis_lines() -> None:
    assert parse_legal_basis("Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik") == {
        "title": "Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik",
        "type": "UU",
        "number": "25",
        "year": 2009,
        "about": "Pelayanan Publik",
    }
    assert parse_legal_basis("Keputusan Menteri Kesehatan Nomor 129/Menkes/SK/II/2008 tentang SPM") == {
        "title": "Keputusan Menteri Kesehatan Nomor 129/Menkes/SK/II/2008 tentang SPM",
        "type": "Keputusan",
        "number": "129/Menkes/SK/II/2008",
        "year": 2008,
        "about": "SPM",
    }
    assert parse_legal_basis("Permendagri Nomor 19 Tahun 2018 tentang Peningkatan Kualitas Layanan")["type"] == "Permen"  # type: ignore[index]
    assert parse_legal_basis("Peraturan Bupati Sekadau Nomor 42 Tahun 2014")["type"] == "Perbup"  # type: ignore[index]
    # no year written: none invented
    assert "year" not in parse_legal_basis("Undang – Undang Nomor 2 Tentang Kepolisian")  # type: ignore[operator]
    assert parse_legal_basis("Pedoman internal unit") == "Pedoman internal unit"


@pytest.mark.parametrize(
    ("text", "items"),
    [
        (
            "1. Surat\npengantar dari Kepala Desa 2. Foto copy KK 3. Foto\ncopy KTP",
            ["Surat pengantar dari Kepala Desa", "Foto copy KK", "Foto copy KTP"],
        ),
        (
            "- Menyerahkan\nsemua berkas - Petugas\nmelakukan pemeriksaan",
            ["Menyerahkan semua berkas", "Petugas melakukan pemeriksaan"],
        ),
        ("• Ruang baca\n• Komputer", ["Ruang baca", "Komputer"]),
        ("a. Satu\nb. Dua", ["Satu", "Dua"]),
        (
            "Setiap 1 (satu) bulan sekali register diperiksa oleh\nKepala Seksi",
            ["Setiap 1 (satu) bulan sekali register diperiksa oleh Kepala Seksi"],
        ),
        (
            "Umum : Sesuai Per aturan Bupati\nSekadau Nomor 42 Tahun 2014",
            ["Umum : Sesuai Per aturan Bupati Sekadau Nomor 42 Tahun 2014"],
        ),
        (
            "Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik",
            ["Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik"],
        ),
        ("Risma Pangaribuan, SH\nHP. 082164460854", ["Risma Pangaribuan, SH", "HP. 082164460854"]),
    ],
)
def test_list_items(text: str, items: list[str]) -> None:
    assert split_items(text) == items


@pytest.mark.parametrize(
    ("text", "frequency"),
    [
        ("Setiap 1 (satu) bulan sekali register diperiksa", "monthly"),
        ("Camat melaksanakan evaluasi kinerja sekali dalam 3 (tiga) bulan", "quarterly"),
        ("Minimal satu kali dalam setahun", "annual"),
        ("Evaluasi dilakukan", None),
    ],
)
def test_frequencies(text: str, frequency: str | None) -> None:
    assert parse_frequency(text) == frequency


@pytest.mark.parametrize(
    ("label", "key"),
    [
        ("Persyaratan", "requirements"),
        ("2. Persyaratan Pelayanan", "requirements"),
        ("Sistem, Mekanisme, dan Prosedur", "procedure"),
        ("Prosedur", "procedure"),
        ("Mekanisme Prosedur", "procedure"),
        ("Jangka Waktu Penyelesaian/Pelayanan", "completion_time"),
        ("Waktu Penyelesaian", "completion_time"),
        ("BIAYA / TARIF", "fees"),
        ("Biaya Tarif", "fees"),
        ("Produk Pelayanan", "products"),
        ("Penanganan Pengaduan, Saran dan Masukan", "complaints"),
        ("Pengelolaan Pengaduan", "complaints"),
        ("a. Dasar Hukum", "legal_basis"),
        ("Sarana, Prasarana dan/atau Fasilitas", "facilities"),
        ("Sarana dan Prasaran atau Fasilitas", "facilities"),
        ("Kompetensi Pelaksana", "staff_competence"),
        ("Kompetesi Pelaksana", "staff_competence"),
        ("Pengawasan Internal", "internal_supervision"),
        ("Jumlah Pelaksana", "staff_count"),
        ("Jaminan Pelayanan", "service_guarantee"),
        ("Jaminan Keamanan dan Keselamatan Pelayanan", "security_guarantee"),
        ("Jaminan Keamanan Pelayanan", "security_guarantee"),
        ("Evaluasi Kinerja Pelaksana", "performance_evaluation"),
        ("MAKLUMAT PELAYANAN", "pledge"),
        ("Waktu Pelayanan", "service_time"),
        ("Informasi Selengkapnya", None),
        ("Persyaratan tersebut dapat dilengkapi dalam waktu 2x24 jam oleh keluarga pasien", None),
    ],
)
def test_component_labels(label: str, key: str | None) -> None:
    assert component_key(label) == key
