"""How the rules cite their legal basis: each regulation by its official short name, spelled once."""

from __future__ import annotations

Citation = tuple[str, str]
"""A reference in English and Indonesian, as `@rule(reference=...)` takes it."""

UU_25_2009: Citation = (
    "Law No. 25 of 2009 on Public Services (UU 25/2009)",
    "UU No. 25 Tahun 2009 tentang Pelayanan Publik",
)
PERMENPANRB_15_2014: Citation = (
    "PANRB Ministerial Regulation No. 15 of 2014 on Service Standard Guidelines (PermenPANRB 15/2014)",
    "Peraturan Menteri PANRB No. 15 Tahun 2014 tentang Pedoman Standar Pelayanan",
)
PERMENPANRB_14_2017: Citation = (
    "PANRB Ministerial Regulation No. 14 of 2017 on Guidelines for Public Satisfaction Surveys (PermenPANRB 14/2017)",
    "Peraturan Menteri PANRB No. 14 Tahun 2017 tentang Pedoman Penyusunan Survei Kepuasan Masyarakat Unit "
    "Penyelenggara Pelayanan Publik",
)
PERMENPANRB_16_2017: Citation = (
    "PANRB Ministerial Regulation No. 16 of 2017 on Guidelines for Public Consultation Forums (PermenPANRB 16/2017)",
    "Peraturan Menteri PANRB No. 16 Tahun 2017 tentang Pedoman Penyelenggaraan Forum Konsultasi Publik di "
    "Lingkungan Unit Penyelenggara Pelayanan Publik",
)
PERPRES_76_2013: Citation = (
    "Presidential Regulation No. 76 of 2013 on Public Service Complaint Management (Perpres 76/2013)",
    "Perpres No. 76 Tahun 2013 tentang Pengelolaan Pengaduan Pelayanan Publik",
)
UU_8_2016: Citation = (
    "Law No. 8 of 2016 on Persons with Disabilities (UU 8/2016)",
    "UU No. 8 Tahun 2016 tentang Penyandang Disabilitas",
)
OMBUDSMAN_ASSESSMENT: Citation = (
    "Ombudsman of the Republic of Indonesia, 2023 compliance assessment of public service standards",
    "Ombudsman Republik Indonesia, Penilaian Kepatuhan Standar Pelayanan Publik Tahun 2023",
)


def at(source: Citation, en: str, id_: str) -> Citation:
    """A regulation narrowed to an article or a part: `at(UU_25_2009, "Article 21(j)", "Pasal 21 huruf j")`."""
    return f"{source[0]}, {en}", f"{source[1]}, {id_}"


def on(source: Citation, en: str, id_: str) -> Citation:
    """A regulation and the subject it governs, where the article is not cited: `UU ... (pengelolaan pengaduan)`."""
    return f"{source[0]} ({en})", f"{source[1]} ({id_})"


def cite(*parts: Citation) -> Citation:
    """Several citations in one reference, separated by semicolons."""
    return "; ".join(part[0] for part in parts), "; ".join(part[1] for part in parts)


def principle(en: str, id_: str) -> Citation:
    """One of the six drafting principles of the guideline (PermenPANRB 15/2014, Annex, Chapter II)."""
    return at(PERMENPANRB_15_2014, f"Annex, Chapter II ({en})", f"Lampiran Bab II ({id_})")


PP_42_2020: Citation = (
    "Government Regulation No. 42 of 2020 on Accessibility of Settlements, Public Services and Disaster Protection "
    "for Persons with Disabilities (PP 42/2020)",
    "PP No. 42 Tahun 2020 tentang Aksesibilitas terhadap Permukiman, Pelayanan Publik, dan Pelindungan dari "
    "Bencana bagi Penyandang Disabilitas",
)
PERMENPANRB_5_2025: Citation = (
    "PANRB Ministerial Regulation No. 5 of 2025 on the National Public Service Complaint Management System "
    "(PermenPANRB 5/2025, replacing PermenPANRB 62/2018)",
    "Peraturan Menteri PANRB No. 5 Tahun 2025 tentang Penyelenggaraan Sistem Pengelolaan Pengaduan Pelayanan Publik "
    "Nasional (menggantikan PermenPANRB 62/2018)",
)
ATR_BPN_3_2025: Citation = (
    "ATR/BPN Ministerial Regulation No. 3 of 2025 (Permen ATR/BPN 3/2025), Article 12(1), a sectoral example: "
    "monitoring and evaluation of the standard at least once a year",
    "Permen ATR/BPN No. 3 Tahun 2025, Pasal 12 ayat (1), contoh sektoral: pemantauan dan evaluasi standar "
    "pelayanan paling sedikit 1 (satu) kali dalam 1 (satu) tahun",
)


def practice(en: str, id_: str) -> Citation:
    """Good practice, saying whose: `practice("svcstd's drafting advice", "saran penyusunan svcstd")`."""
    return f"good practice: {en}", f"praktik yang baik: {id_}"


def general_knowledge(en: str, id_: str) -> Citation:
    """A provision believed but not verified against a source text: named without an article number."""
    return f"general knowledge, not verified: {en}", f"pengetahuan umum, belum diverifikasi: {id_}"
