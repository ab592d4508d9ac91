"""The importer's messages, in English and Indonesian."""

from __future__ import annotations

from svcstd.i18n import Catalog

MESSAGES = Catalog(
    "import",
    {
        "missing_extra": (
            "reading {kind} files needs the optional libraries (missing: {module}): {install}",
            "membaca berkas {kind} memerlukan pustaka tambahan (belum ada: {module}): {install}",
        ),
        "too_large": (
            "{name} is {size} bytes, more than the {limit} bytes a service standard can reasonably be.",
            "{name} berukuran {size} bita, melebihi batas {limit} bita yang wajar bagi standar pelayanan.",
        ),
        "zip_bomb": (
            "{name} would unpack to more than {limit} bytes (or its parts are compressed beyond any real "
            "document): refused as a possible zip bomb.",
            "{name} akan membesar melebihi {limit} bita saat dibuka (atau bagiannya dimampatkan melampaui "
            "dokumen wajar): ditolak karena mungkin bom zip.",
        ),
        "encrypted": (
            "{name} is password-protected (or an old binary Office file). Save it without a password as "
            ".docx/.xlsx, then import it again.",
            "{name} dilindungi kata sandi (atau berkas Office biner lama). Simpan tanpa kata sandi sebagai "
            ".docx/.xlsx, lalu impor lagi.",
        ),
        "corrupted": (
            "{name} cannot be read as {kind}: the file is corrupted or truncated ({reason}).",
            "{name} tidak dapat dibaca sebagai {kind}: berkas rusak atau terpotong ({reason}).",
        ),
        "needs_ocr": (
            "{name} has no text layer (it is a scan): run OCR on it first (e.g. ocrmypdf), then import the result.",
            "{name} tidak memiliki lapisan teks (hasil pindaian): jalankan OCR terlebih dahulu (mis. ocrmypdf), "
            "lalu impor hasilnya.",
        ),
        "pdf_password": (
            "{name} is a password-protected PDF: remove the password, then import it again.",
            "{name} adalah PDF yang dilindungi kata sandi: hapus kata sandinya, lalu impor lagi.",
        ),
        "unknown_type": (
            "{name}: unknown file type; import reads .docx, .odt, .html/.htm, .xlsx and .pdf files and http(s) URLs.",
            "{name}: jenis berkas tidak dikenal; impor membaca berkas .docx, .odt, .html/.htm, .xlsx, .pdf, dan URL "
            "http(s).",
        ),
        "odt_password": (
            "{name} is a password-protected OpenDocument file: save it without a password, then import it again.",
            "{name} adalah berkas OpenDocument yang dilindungi kata sandi: simpan tanpa kata sandi, lalu impor lagi.",
        ),
        "no_standard": (
            "{name}: no component of a service standard was found (no Persyaratan, Prosedur, Biaya/Tarif, …).",
            "{name}: tidak ditemukan komponen standar pelayanan (tidak ada Persyaratan, Prosedur, Biaya/Tarif, …).",
        ),
        "not_regular": (
            "{name} is not a regular file (a folder, pipe, device or socket).",
            "{name} bukan berkas biasa (folder, pipa, perangkat, atau soket).",
        ),
        "cannot_read": ("cannot read {name}: {reason}.", "tidak dapat membaca {name}: {reason}."),
        "fetch_failed": ("cannot fetch {url}: {reason}", "tidak dapat mengunduh {url}: {reason}"),
        "bad_redirect": (
            "{url} redirects to {target}, which is not http(s): refused.",
            "{url} dialihkan ke {target}, yang bukan http(s): ditolak.",
        ),
    },
)
