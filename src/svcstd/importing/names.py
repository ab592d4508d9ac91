"""Component labels as real documents write them, in any case, numbering and punctuation, mapped to format keys."""

from __future__ import annotations

import difflib
import re

DELIVERY = ("requirements", "procedure", "completion_time", "fees", "products", "complaints")
MANUFACTURING = (
    "legal_basis",
    "facilities",
    "staff_competence",
    "internal_supervision",
    "staff_count",
    "service_guarantee",
    "security_guarantee",
    "performance_evaluation",
)

# Every label is normalised first (see `normalise`): lower case, numbering and punctuation gone, the
# connectives dan/atau/serta dropped. "Sarana, Prasarana dan/atau Fasilitas" becomes "sarana prasarana fasilitas".
VARIANTS: dict[str, tuple[str, ...]] = {
    "requirements": (
        "persyaratan",
        "persyaratan pelayanan",
        "persyaratan layanan",
        "syarat",
        "syarat pelayanan",
        "persyaratan administrasi",
        "persyaratan teknis administratif",
    ),
    "procedure": (
        "sistem mekanisme prosedur",
        "mekanisme prosedur",
        "prosedur",
        "prosedur pelayanan",
        "sistem mekanisme prosedur pelayanan",
        "alur pelayanan",
        "alur",
        "mekanisme pelayanan",
        "prosedur alur",
        "sistem prosedur",
        "alur prosedur",
    ),
    "completion_time": (
        "jangka waktu",
        "jangka waktu penyelesaian",
        "jangka waktu pelayanan",
        "waktu penyelesaian",
        "waktu penyelesaian pelayanan",
        "jangka waktu penyelesaian pelayanan",
        "lama penyelesaian",
        "lama waktu penyelesaian",
        "jangka waktu layanan",
    ),
    "service_time": ("waktu pelayanan", "waktu layanan"),
    "service_hours": ("jam pelayanan", "jam layanan", "jadwal pelayanan", "hari jam pelayanan"),
    "fees": (
        "biaya tarif",
        "biaya",
        "tarif",
        "biaya pelayanan",
        "tarif pelayanan",
        "biaya tarif pelayanan",
        "tarif biaya",
    ),
    "products": ("produk pelayanan", "produk layanan", "produk", "hasil pelayanan", "produk hasil pelayanan"),
    "complaints": (
        "penanganan pengaduan saran masukan",
        "pengelolaan pengaduan",
        "penanganan pengaduan",
        "pengaduan",
        "pengaduan saran masukan",
        "penanganan pengaduan saran masukan",
        "penanganan pengaduan saran masukan kritik",
        "sarana pengaduan",
        "pengelolaan pengaduan saran masukan",
        "penanganan pengaduan saran masukan umpan balik",
    ),
    "legal_basis": ("dasar hukum", "dasar hukum pelayanan", "landasan hukum"),
    "facilities": (
        "sarana prasarana fasilitas",
        "sarana prasarana",
        "sarana fasilitas",
        "fasilitas",
        "sarana prasaran fasilitas",
        "sarana prasarana fasilitas pelayanan",
    ),
    "staff_competence": ("kompetensi pelaksana", "kompetensi petugas", "kompetensi pelaksana pelayanan"),
    "internal_supervision": ("pengawasan internal", "pengawasan", "pengawasan intern"),
    "staff_count": ("jumlah pelaksana", "jumlah petugas", "jumlah pelaksana pelayanan", "jumlah sdm"),
    "service_guarantee": ("jaminan pelayanan", "jaminan pelayanan yang memberikan kepastian"),
    "security_guarantee": (
        "jaminan keamanan keselamatan pelayanan",
        "jaminan keamanan pelayanan",
        "jaminan keamanan keselamatan",
        "jaminan keamanan",
    ),
    "performance_evaluation": ("evaluasi kinerja pelaksana", "evaluasi kinerja", "evaluasi kinerja petugas"),
    "pledge": ("maklumat pelayanan", "maklumat", "maklumat standar pelayanan"),
}

_BY_NAME = {name: key for key, names in VARIANTS.items() for name in names}
NUMBERING = re.compile(r"^\s*(?:\(?(?:\d{1,2}|[a-z]|[ivx]{1,4})[.)]|\d{1,2}\s)\s*", re.IGNORECASE)
_CONNECTIVES = {"dan", "atau", "serta", "&"}
_MAX_LABEL_WORDS = 9

# Headings that divide a standard into its parts; neither a component nor a service's title.
PART_WORDS = (
    "komponen",
    "service delivery",
    "manufacturing",
    "penyampaian pelayanan",
    "pengelolaan pelayanan",
    "lampiran",
    "uraian",
)


def normalise(label: str) -> str:
    text = NUMBERING.sub("", label.strip().lower())
    words = re.sub(r"[^a-z0-9]+", " ", text).split()
    return " ".join(word for word in words if word not in _CONNECTIVES)


def component_key(label: str) -> str | None:
    """The format key a label names ("3. Biaya / Tarif" -> fees), tolerating typos ("Kompetesi Pelaksana")."""
    name = normalise(label)
    if not name or len(name.split()) > _MAX_LABEL_WORDS:
        return None
    if name in _BY_NAME:
        return _BY_NAME[name]
    close = difflib.get_close_matches(name, _BY_NAME, n=1, cutoff=0.9)
    return _BY_NAME[close[0]] if close else None


def is_part_heading(text: str) -> bool:
    """ "B. Komponen standar pelayanan terkait proses pengelolaan (manufacturing)" and the like."""
    lowered = text.lower()
    return any(word in lowered for word in PART_WORDS) or normalise(text) in {"no", "no komponen uraian"}


def is_header_row(texts: list[str]) -> bool:
    """`No | Komponen | Uraian` and its variants."""
    words = {word for text in texts for word in normalise(text).split()}
    return bool(words & {"komponen", "uraian"}) and words <= _HEADER_WORDS


_HEADER_WORDS = {"no", "nomor", "komponen", "uraian", "keterangan", "pelayanan", "standar", "layanan"}
