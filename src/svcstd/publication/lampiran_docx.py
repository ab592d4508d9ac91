"""A standard as the PermenPANRB 15/2014 Lampiran an official signs: a Word document (python-docx, extra `import`).

The heading, table A (service delivery: No | Komponen | Uraian), table B (manufacturing, for a full
standard), then the maklumat pelayanan. Each value is written in words that `svcstd import` reads back
into the same field: lists numbered one per line, durations as "2 (dua) hari kerja", money as
"Rp 10.000", cases as "case: time", counts as "role: 2 (dua) orang", what is said of the complaint channels
under "Catatan:", the maklumat's date and signatory on labelled lines, and any other field of a line named
after " — " ("Memeriksa berkas — pelaksana: Petugas loket; waktu: 10 (sepuluh) menit"), so that nothing is
dropped (tests/importing/test_render_roundtrip.py).
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

LEAD = "LAMPIRAN"
PART_A = "A. KOMPONEN STANDAR PELAYANAN YANG TERKAIT DENGAN PROSES PENYAMPAIAN PELAYANAN (SERVICE DELIVERY)"
PART_B = (
    "B. KOMPONEN STANDAR PELAYANAN YANG TERKAIT DENGAN PROSES PENGELOLAAN PELAYANAN DI INTERNAL ORGANISASI "
    "(MANUFACTURING)"
)
PLEDGE = "MAKLUMAT PELAYANAN"
HEADER = ("NO", "KOMPONEN", "URAIAN")

DELIVERY_LABELS = {
    "requirements": "Persyaratan",
    "procedure": "Sistem, Mekanisme, dan Prosedur",
    "completion_time": "Jangka Waktu Penyelesaian",
    "fees": "Biaya/Tarif",
    "products": "Produk Pelayanan",
    "complaints": "Penanganan Pengaduan, Saran, dan Masukan",
}
MANUFACTURING_LABELS = {
    "legal_basis": "Dasar Hukum",
    "facilities": "Sarana, Prasarana, dan/atau Fasilitas",
    "staff_competence": "Kompetensi Pelaksana",
    "internal_supervision": "Pengawasan Internal",
    "staff_count": "Jumlah Pelaksana",
    "service_guarantee": "Jaminan Pelayanan",
    "security_guarantee": "Jaminan Keamanan dan Keselamatan Pelayanan",
    "performance_evaluation": "Evaluasi Kinerja Pelaksana",
}

PROVIDER_LABELS = {
    "name": "Penyelenggara",
    "unit": "Unit Pelayanan",
    "address": "Alamat",
    "phone": "Telepon",
    "email": "Surel",
    "website": "Situs web",
}
"""The provider as the lines under a Lampiran's heading state it; `svcstd import` reads them back."""

UNITS = {
    "minutes": "menit",
    "hours": "jam",
    "days": "hari",
    "working_days": "hari kerja",
    "months": "bulan",
    "years": "tahun",
}
VOCABULARY = {
    **UNITS,
    "original": "asli",
    "copy": "fotokopi",
    "certified_copy": "fotokopi dilegalisir",
    "digital": "berkas digital",
    "self_declaration": "surat pernyataan",
    "other": "lainnya",
    "in_person": "langsung",
    "online": "daring",
    "mail": "pos",
    "phone": "telepon",
    "sms": "SMS",
    "whatsapp": "WhatsApp",
    "fax": "faksimile",
    "email": "surel",
    "website": "situs web",
    "lapor": "SP4N-LAPOR!",
    "suggestion_box": "kotak saran",
    "social_media": "media sosial",
    "daily": "harian",
    "weekly": "mingguan",
    "monthly": "bulanan",
    "quarterly": "triwulanan",
    "semiannual": "semesteran",
    "annual": "tahunan",
    "ad_hoc": "sewaktu-waktu",
    "good": "baik",
    "damaged": "rusak",
    "mobile": "aplikasi seluler",
    "outreach": "jemput bola",
}
"""The format's codes in the words the Lampiran prints (a code not listed is printed as it is)."""

FIELD_LABELS = {
    "form": "bentuk",
    "copies": "rangkap",
    "when": "jika",
    "note": "catatan",
    "description": "keterangan",
    "payment": "pembayaran",
    "reference": "dasar",
    "formula": "rumus",
    "handler": "pengelola",
    "response_time": "waktu tanggapan",
    "person": "petugas",
    "frequency": "frekuensi",
    "method": "metode",
    "quantity": "jumlah",
    "condition": "kondisi",
    "unit": "satuan",
    "signed_by": "ditandatangani oleh",
    "date": "tanggal",
    "channels": "saluran",
    "online_url": "alamat daring",
    "duration": "waktu",
    "actor": "pelaksana",
    "role": "pelaksana",
    "agency": "instansi",
    "mandatory": "wajib",
    "currency": "mata uang",
    "basis": "dasar tarif",
    "in_person_reason": "alasan tatap muka",
    "coverage": "jaminan pembiayaan",
    "scheme": "skema",
    "published": "dipublikasikan di",
    "displayed": "dipasang di",
    "channel": "saluran",
    "flowchart": "bagan alir",
}

_WORDS = [
    "nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan", "sepuluh", "sebelas",
    "dua belas", "tiga belas", "empat belas", "lima belas", "enam belas", "tujuh belas", "delapan belas",
    "sembilan belas", "dua puluh",
]  # fmt: skip
_MONTHS = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
]


FLAGS = {
    "mandatory": ("wajib", "tidak wajib"),
    "collateral": ("sebagai jaminan", "bukan jaminan"),
    "accessible": ("ramah disabilitas", "tidak ramah disabilitas"),
}
"""Yes/no fields in the words that say them outright (a bare "ya" would not say which field it is)."""
COMPLAINT_NOTES = {"handler": "Pengelola", "response_time": "Waktu tanggapan", "procedure": "Prosedur pengaduan"}
"""What is said about the complaint channels, each under its own label after "Catatan:"."""
PLEDGE_LINES = {
    "date": "Tanggal",
    "signed_by": "Ditandatangani oleh",
    "published": "Dipublikasikan di",
    "displayed": "Dipasang di",
}
"""The maklumat's lines after its text, each labelled; a list is joined with "; "."""


def number_words(value: int) -> str:
    """`3 (tiga)` as Indonesian documents write small numbers; larger ones as digits alone."""
    return f"{value} ({_WORDS[value]})" if 0 <= value < len(_WORDS) else str(value)


def long_date(value: object) -> str:
    """2025-11-03 -> 3 November 2025."""
    day = value if isinstance(value, date) else date.fromisoformat(str(value))
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def rupiah(amount: int | float) -> str:
    return "Gratis" if amount == 0 else "Rp " + f"{int(amount):,}".replace(",", ".")


def duration(value: Any) -> str:
    """{value: 2, unit: working_days} -> "2 (dua) hari kerja"; min/max as a range; text as written."""
    if not isinstance(value, dict):
        return scalar(value)
    unit = UNITS.get(str(value.get("unit", "")), str(value.get("unit", "")))
    if "value" in value:
        words = f"{number_words(int(value['value']))} {unit}".strip()
    elif "min" in value and "max" in value:
        words = f"{number_words(int(value['min']))} sampai {number_words(int(value['max']))} {unit}".strip()
    else:
        words = ""
    rest = {key: item for key, item in value.items() if key not in ("value", "min", "max", "unit")}
    return _join(words, rest)


def scalar(value: Any, key: str = "") -> str:
    """One value in the Lampiran's words: codes translated, dates long, money in rupiah, lists joined."""
    if isinstance(value, bool):
        return FLAGS.get(key, ("ya", "tidak"))[0 if value else 1]
    if isinstance(value, (date,)) or (isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value)):
        return long_date(value)
    if key == "amount" and isinstance(value, (int, float)):
        return rupiah(value)
    if isinstance(value, dict):
        return duration(value) if {"value", "min", "unit", "text"} & set(value) else _join("", value)
    if isinstance(value, list):
        return ", ".join(scalar(item, key) for item in value)
    text = str(value)
    return VOCABULARY.get(text, text) if key not in ("name", "action", "title", "text", "contact") else text


def _join(head: str, fields: dict[str, Any]) -> str:
    """`head (label: value; label: value)`: the fields a line has beside its main value, each named."""
    parts = []
    for key, value in fields.items():
        if key in ("text",) or isinstance(value, bool):
            parts.append(scalar(value, key))
        else:
            parts.append(f"{_label(key)}: {scalar(value, key)}")
    extra = "; ".join(part for part in parts if part)
    if head and extra:  # a dash, not brackets: "(jumlah: 2)" before "2. …" would read as a list marker
        return f"{head} — {extra}"
    return head or extra


def _label(key: str) -> str:
    return FIELD_LABELS.get(key, key.removeprefix("x-").replace("_", " "))


def _line(item: Any, main: str) -> str:
    """A list item: its main field, then the others in brackets."""
    if not isinstance(item, dict):
        return scalar(item, main)
    head = scalar(item[main], main) if main in item else ""
    return _join(head, {key: value for key, value in item.items() if key != main})


def _numbered(lines: Iterable[str]) -> list[str]:
    return [f"{number}. {line}" for number, line in enumerate(lines, start=1)]


def _fee(item: Any) -> str:
    if not isinstance(item, dict):
        return scalar(item)
    head = item.get("name", "")
    money = rupiah(item["amount"]) if isinstance(item.get("amount"), (int, float)) else ""
    rest = {key: value for key, value in item.items() if key not in ("name", "amount")}
    return _join(f"{head}: {money}" if head and money else head or money, rest)


def _requirement(item: Any) -> str:
    if not isinstance(item, dict):
        return scalar(item)
    head = item.get("name", "")
    if "alternatives" in item:
        choices = " / ".join(_line(choice, "name") for choice in item["alternatives"])
        head = f"{head}: {choices} (pilih salah satu)" if head else f"{choices} (pilih salah satu)"
    return _join(head, {key: value for key, value in item.items() if key not in ("name", "alternatives")})


def _step(item: Any) -> str:
    if not isinstance(item, dict):
        return scalar(item)
    head = str(item.get("action", ""))
    rest = {key: value for key, value in item.items() if key not in ("action", "then")}  # actor first
    text = _join(head, rest)
    if item.get("then"):
        text += " — lalu: " + " / ".join(_step(sub) for sub in item["then"])
    return text


def _procedure(value: Any) -> list[str]:
    if not isinstance(value, dict):
        return [scalar(value)]
    lines = _numbered(_step(step) for step in value.get("steps", []))
    rest = {key: item for key, item in value.items() if key != "steps"}
    return [*lines, *(_notes([_join("", rest)]) if rest else [])]


def _complaints(value: Any) -> list[str]:
    if not isinstance(value, dict):
        return [scalar(value)]
    channels = [line for channel in value.get("channels", []) for line in _channel(channel)]
    rest = {key: item for key, item in value.items() if key != "channels"}
    head: list[str] = []
    for key, item in rest.items():
        label = COMPLAINT_NOTES.get(key) or FIELD_LABELS.get(key, key.replace("_", " ")).capitalize()
        if key == "procedure" and isinstance(item, list) and len(item) > 1:
            head += [*([""] if head else []), f"{label}:", *_numbered(_step(step) for step in item)]
        elif key == "procedure" and isinstance(item, list):  # one step: on the label's line
            head += [*([""] if head else []), f"{label}: {_step(item[0])}"]
        else:
            head += [*([""] if head else []), f"{label}: {scalar(item, key)}"]
    return [*_numbered(channels), *(_notes(head) if channels and head else head)]


def _channel(channel: Any) -> list[str]:
    """ "Surel: ult@…"; a channel's person on the line before its number, as complaint rows name them."""
    if not isinstance(channel, dict):
        return [scalar(channel)]
    head = f"{scalar(channel.get('type', ''), 'type')}: {channel.get('contact', '')}".strip(": ")
    head = head[:1].upper() + head[1:]  # "Surel: …", "Kotak saran: …", as a list item starts
    rest = {key: item for key, item in channel.items() if key not in ("type", "contact", "person")}
    return [*([str(channel["person"])] if channel.get("person") else []), _join(head, rest)]


def _notes(lines: list[str]) -> list[str]:
    """What is said about a list after it, under "Catatan:", as decrees write it (and `import` reads it)."""
    return ["", "Catatan:", *lines]


def _legal(item: Any) -> str:
    if not isinstance(item, dict):
        return scalar(item)
    if "title" in item:  # where it was promulgated in brackets after the title, as decrees cite it
        title = f"{item['title']} ({item['ref']})" if item.get("ref") else str(item["title"])
        return _join(title, {key: value for key, value in item.items() if key not in ("title", "ref")})
    words = [
        str(item.get("type", "")),
        f"Nomor {item['number']}" if "number" in item else "",
        f"Tahun {item['year']}" if "year" in item else "",
        f"tentang {item['about']}" if "about" in item else "",
    ]
    rest = {key: value for key, value in item.items() if key not in ("type", "number", "year", "about")}
    return _join(" ".join(word for word in words if word), rest)


def _competence(item: Any) -> str:
    if not isinstance(item, dict):
        return scalar(item)
    requirements = "; ".join(scalar(requirement) for requirement in item.get("requirements", []))
    return _join(requirements, {key: value for key, value in item.items() if key != "requirements"})


def _count(item: Any) -> str:
    if not isinstance(item, dict):
        return scalar(item)
    count = f"{number_words(int(item['count']))} orang" if isinstance(item.get("count"), int) else ""
    head = f"{item['role']}: {count}" if item.get("role") and count else item.get("role") or count
    return _join(head, {key: value for key, value in item.items() if key not in ("role", "count")})


def _list(make: Callable[[Any], str]) -> Callable[[Any], list[str]]:
    def lines(value: Any) -> list[str]:
        items = value if isinstance(value, list) else [value]
        return _numbered(make(item) for item in items) if len(items) > 1 else [make(item) for item in items]

    return lines


def _text(value: Any) -> list[str]:
    if isinstance(value, dict):
        main = next((key for key in ("text", "method", "description") if key in value), "")
        return [_line(value, main)] if main else [_join("", value)]
    if isinstance(value, list):
        return _numbered(scalar(item) for item in value)
    return [scalar(value)]


def _completion(value: Any) -> list[str]:
    if isinstance(value, list):
        return _numbered(_case(case) for case in value)
    return [duration(value)]


def _case(case: Any) -> str:
    """ "Berkas lengkap: 1 (satu) hari kerja": a time and the case it is for."""
    if isinstance(case, dict) and case.get("when"):
        return f"{case['when']}: {duration({key: value for key, value in case.items() if key != 'when'})}"
    return duration(case)


CELLS: dict[str, Callable[[Any], list[str]]] = {
    "requirements": _list(_requirement),
    "procedure": _procedure,
    "completion_time": _completion,
    "fees": _list(_fee),
    "products": _list(lambda item: _line(item, "name")),
    "complaints": _complaints,
    "legal_basis": _list(_legal),
    "facilities": _list(lambda item: _line(item, "name")),
    "staff_competence": _list(_competence),
    "internal_supervision": _list(lambda item: _line(item, "supervisor")),
    "staff_count": _list(_count),
    "service_guarantee": _text,
    "security_guarantee": _text,
    "performance_evaluation": _text,
}
"""Each component's cell, as lines; an empty line separates a list from what is said about it."""


def cell_lines(key: str, value: Any) -> list[str]:
    return list(value) if isinstance(value, _Lines) else CELLS[key](value)


def lampiran(document: dict[str, Any], *more: dict[str, Any]) -> bytes:
    """The Lampiran of valid standards (format 1.0 or 1.1, values normalised) as .docx bytes, one per page."""
    from svcstd.importing.optional import require

    docx = require("docx", ".docx")
    word = docx.Document()
    word.styles["Normal"].font.size = docx.shared.Pt(11)
    word.core_properties.title = str(document.get("title", ""))
    word.core_properties.author = "svcstd"
    for number, standard in enumerate((document, *more)):
        if number:
            word.add_page_break()
        _standard(word, standard)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def _standard(word: Any, document: dict[str, Any]) -> None:
    word.add_paragraph(LEAD)
    word.add_heading(f"STANDAR PELAYANAN {str(document.get('title', '')).upper()}", level=1)
    provider = document.get("provider") or {}
    for key, label in PROVIDER_LABELS.items():
        if provider.get(key):
            word.add_paragraph(f"{label}: {provider[key]}")
    delivery, manufacturing = document.get("delivery") or {}, document.get("manufacturing") or {}
    word.add_paragraph(PART_A)
    _table(word, _rows(DELIVERY_LABELS, _with_coverage(delivery)))
    rows = _rows(MANUFACTURING_LABELS, manufacturing)
    if rows:
        word.add_paragraph(PART_B)
        _table(word, rows)
    pledge = document.get("pledge")
    if pledge:
        word.add_heading(PLEDGE, level=2)
        word.add_paragraph(str(pledge.get("text", "")) if isinstance(pledge, dict) else str(pledge))
        if isinstance(pledge, dict):
            for key, label in PLEDGE_LINES.items():
                if pledge.get(key):
                    value = pledge[key]
                    written = "; ".join(map(str, value)) if isinstance(value, list) else scalar(value, key)
                    word.add_paragraph(f"{label}: {written}")


def _with_coverage(delivery: dict[str, Any]) -> dict[str, Any]:
    """Coverage (1.1) and the tariff's legal basis printed in the Biaya/Tarif cell, where decrees put them."""
    extra = [
        f"{item['scheme']}: {item['text']}" if item.get("scheme") and item.get("text") else _join("", item)
        for item in delivery.get("coverage", [])
        if isinstance(item, dict)
    ]
    if not extra and "fee_basis" not in delivery:
        return delivery
    lines = cell_lines("fees", delivery["fees"]) if "fees" in delivery else []
    numbered = _numbered([*(re.sub(r"^\d+\.\s", "", line) for line in lines if line), *extra])
    basis = _notes([f"Dasar tarif: {_legal(delivery['fee_basis'])}"]) if "fee_basis" in delivery else []
    return {**delivery, "fees": _Lines([*numbered, *basis])}


class _Lines(list[str]):
    """A cell already written as lines."""


def _rows(labels: dict[str, str], part: dict[str, Any]) -> list[tuple[str, list[str]]]:
    return [(label, cell_lines(key, part[key])) for key, label in labels.items() if key in part]


def _table(word: Any, rows: list[tuple[str, list[str]]]) -> None:
    table = word.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, HEADER, strict=True):
        cell.text = text
    for number, (label, lines) in enumerate(rows, start=1):
        cells = table.add_row().cells
        cells[0].text = f"{number}."
        cells[1].text = label
        _lines(cells[2], lines)


def _lines(cell: Any, lines: list[str]) -> None:
    """One paragraph per line; an empty line stays an empty paragraph (the list ends there)."""
    cell.text = lines[0] if lines else ""
    for line in lines[1:]:
        cell.add_paragraph(line)
