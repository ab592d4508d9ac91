"""The forms the Lampiran prints, read where a real document writes them too, and only when unambiguous.

Each form is read only when the whole line has it; a line that only looks like one stays the text it is.
"""

from __future__ import annotations

from typing import Any

from svcstd.importing import components
from svcstd.importing.cells import long_date, parse_duration
from svcstd.importing.layout import Entry, Line
from svcstd.importing.source import Location

HERE = Location("standar.docx", table=1, row=2, cell="3")


def entry(key: str, *texts: str) -> Entry:
    return Entry(key, key, HERE, [Line(text, HERE) for text in texts])


def value(key: str, *texts: str) -> Any:
    return components.BUILDERS[key](entry(key, *texts)).value


def test_a_step_names_its_actor_and_time_after_the_dash() -> None:
    assert components.step("Memeriksa berkas — pelaksana: Petugas loket; waktu: 10 (sepuluh) menit") == {
        "action": "Memeriksa berkas",
        "actor": "Petugas loket",
        "duration": {"value": 10, "unit": "minutes"},
    }
    assert components.step("Merekam di rumah — saluran: jemput bola; jika: Pemohon sakit") == {
        "action": "Merekam di rumah",
        "channel": "outreach",
        "when": "Pemohon sakit",
    }
    for written in (
        "Pemohon datang ke loket — petugas memeriksa berkas",  # a dash in the sentence, no named fields
        "Verifikasi — waktu: sesuai antrean",  # a time that is no duration: the tail is not read
        "Pencetakan — saluran: loket 3",  # not a channel the format knows
    ):
        assert components.step(written) == {"action": written}


def test_the_procedure_notes_name_its_channels_and_address() -> None:
    back = value(
        "procedure",
        "1. Mengisi formulir\n2. Menerima tanda terima\n\nCatatan:\nsaluran: langsung, daring; alamat daring: https://x.go.id",
    )
    assert back == {
        "steps": [{"action": "Mengisi formulir"}, {"action": "Menerima tanda terima"}],
        "channels": ["in_person", "online"],
        "online_url": "https://x.go.id",
    }
    kept = components.procedure(entry("procedure", "1. Mengisi formulir\n2. Menunggu\n\nCatatan:\nsaluran: loket"))
    assert "channels" not in kept.value and [text for text, _ in kept.notes] == ["saluran: loket"]


def test_completion_cases_are_a_case_then_a_time() -> None:
    assert value(
        "completion_time",
        "1. Berkas lengkap: 1 (satu) hari kerja\n2. Perlu survei: 3 (tiga) sampai 5 (lima) hari kerja",
    ) == [
        {"value": 1, "unit": "working_days", "when": "Berkas lengkap"},
        {"min": 3, "max": 5, "unit": "working_days", "when": "Perlu survei"},
    ]
    # a time that is not all of the text after the colon: one text, as written
    written = "1. Pelayanan: paling lama 2 hari\n2. Pengambilan: sesuai jadwal"
    assert value("completion_time", written) == {"text": "Pelayanan: paling lama 2 hari\nPengambilan: sesuai jadwal"}


def test_a_range_reads_the_words_of_both_ends_and_refuses_a_disagreement() -> None:
    assert parse_duration("3 (tiga) sampai 25 hari kerja") == {"min": 3, "max": 25, "unit": "working_days"}
    assert parse_duration("3 (empat) sampai 5 (lima) hari kerja") is None


def test_fee_fields_after_the_dash_and_a_long_name_before_the_amount() -> None:
    assert components._fee(
        "Retribusi pelayanan IGD (karcis, pemeriksaan dokter umum): Rp 75.000 — pembayaran: Kasir; jika: Pasien umum"
    ) == {
        "name": "Retribusi pelayanan IGD (karcis, pemeriksaan dokter umum)",
        "amount": 75000,
        "payment": "Kasir",
        "when": "Pasien umum",
    }
    assert components._fee("Biaya cetak ulang kartu tanda penduduk elektronik: Rp 10.000 per lembar")["name"] == (
        "Biaya cetak ulang kartu tanda penduduk elektronik: Rp 10.000 per lembar"  # words beside the amount: as before
    )


def test_where_a_fee_is_paid_when_that_is_all_the_rest_says() -> None:
    assert components._fee("Retribusi: Rp. 50.000,- dibayar melalui Bank Jateng") == {
        "name": "Retribusi",
        "amount": 50000,
        "payment": "Bank Jateng",
    }
    assert components._fee("Retribusi: Rp 50.000 dibayar melalui bank, kecuali warga miskin")["payment"] == (
        "bank, kecuali warga miskin"  # what it says is where and how it is paid: all of it kept there
    )
    assert "payment" not in components._fee("Retribusi: Rp 50.000 per lembar, dibayar melalui bank")
    assert "payment" not in components._fee("Retribusi: Rp 50.000 dibayar di muka")  # "in advance": no place


def test_complaint_channels_typed_by_their_word_and_the_handling_under_notes() -> None:
    assert components.complaint_channel("Kotak saran: di ruang tunggu") == {
        "type": "suggestion_box",
        "contact": "di ruang tunggu",
    }
    assert components.complaint_channel("SP4N-LAPOR!: https://www.lapor.go.id") == {
        "type": "lapor",
        "contact": "https://www.lapor.go.id",
    }
    assert components.complaint_channel("Kotak: di ruang tunggu") is None
    handling = components.complaints(
        [
            entry(
                "complaints",
                "1. Surel: a@b.go.id\n\nCatatan:\nPengelola: Seksi Pengaduan\n\nWaktu tanggapan: 3 (tiga) hari kerja"
                "\n\nProsedur pengaduan:\n1. Dicatat\n2. Ditindaklanjuti",
            )
        ]
    )
    assert handling.value == {
        "channels": [{"type": "email", "contact": "a@b.go.id"}],
        "handler": "Seksi Pengaduan",
        "response_time": {"value": 3, "unit": "working_days"},
        "procedure": ["Dicatat", "Ditindaklanjuti"],
    }
    assert not handling.notes
    one = components.complaints([entry("complaints", "1. Surel: a@b.go.id\n\nCatatan:\nProsedur pengaduan: Dicatat.")])
    assert one.value["procedure"] == ["Dicatat."] and not one.notes
    unclear = components.complaints([entry("complaints", "1. Surel: a@b.go.id\n\nCatatan:\nWaktu tanggapan: segera")])
    assert "response_time" not in unclear.value and [text for text, _ in unclear.notes] == ["Waktu tanggapan: segera"]


def test_a_law_promulgated_in_brackets_and_a_regulation_of_its_own_kind() -> None:
    (law, rector) = value(
        "legal_basis",
        "1. Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik (Lembaran Negara Republik Indonesia Tahun 2009 "
        "Nomor 112)\n2. Peraturan Rektor Universitas Sukamaju Nomor 7 Tahun 2023 tentang Pendidikan",
    )
    assert (
        law["ref"] == "Lembaran Negara Republik Indonesia Tahun 2009 Nomor 112" and law["about"] == "Pelayanan Publik"
    )
    assert rector == "Peraturan Rektor Universitas Sukamaju Nomor 7 Tahun 2023 tentang Pendidikan"


def test_facilities_staff_and_supervision_fields() -> None:
    assert value("facilities", "1. Kursi roda — jumlah: 2; ramah disabilitas\n2. Ruang tunggu (ber-AC)") == [
        {"name": "Kursi roda", "quantity": 2, "accessible": True},
        {"name": "Ruang tunggu (ber-AC)"},
    ]
    assert value("staff_competence", "1. Lulus pelatihan; Mampu SIAK — pelaksana: Operator") == [
        {"role": "Operator", "requirements": ["Lulus pelatihan", "Mampu SIAK"]}
    ]
    assert value("staff_competence", "1. Pendidikan: minimal SMA\n2. Mampu SIAK") == [
        {"requirements": ["Pendidikan: minimal SMA", "Mampu SIAK"]}  # a category, not a role: nothing split
    ]
    assert value("staff_count", "1. Petugas loket: 2 (dua) orang\n2. Kepala: 1 (satu) orang") == [
        {"role": "Petugas loket", "count": 2},
        {"role": "Kepala", "count": 1},
    ]
    assert value("staff_count", "4 (empat) orang") == [{"count": 4}]
    assert value("staff_count", "1. Petugas loket: 2 orang\n2. Kepala: sesuai kebutuhan") == [
        {"note": "1. Petugas loket: 2 orang 2. Kepala: sesuai kebutuhan"}  # one line unclear: all kept as written
    ]
    assert value("internal_supervision", "Kepala Bidang — metode: Pemeriksaan berkas; frekuensi: bulanan") == [
        {"supervisor": "Kepala Bidang", "method": "Pemeriksaan berkas", "frequency": "monthly"}
    ]
    assert value("performance_evaluation", "Survei Kepuasan Masyarakat — frekuensi: tahunan") == {
        "method": "Survei Kepuasan Masyarakat",
        "frequency": "annual",
    }


def test_the_maklumat_lines_after_its_text() -> None:
    assert value(
        "pledge",
        "Kami sanggup menyelenggarakan pelayanan sesuai standar.",
        "Tanggal: 3 November 2025",
        "Ditandatangani oleh: Kepala Dinas",
        "Dipublikasikan di: Situs web; Media sosial",
    ) == {
        "text": "Kami sanggup menyelenggarakan pelayanan sesuai standar.",
        "date": "2025-11-03",
        "signed_by": "Kepala Dinas",
        "published": ["Situs web", "Media sosial"],
    }
    # a date that is no date stays in the text, and so does everything before it
    assert value("pledge", "Kami sanggup.", "Tanggal: 31 Februari 2025") == {
        "text": "Kami sanggup. Tanggal: 31 Februari 2025"
    }
    assert long_date("3 Nopember 2025") is None
