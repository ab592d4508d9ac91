"""Rules of the participation principle (PermenPANRB 15/2014, Bab II): drawn up with the public, who keep a voice."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from datetime import date
from typing import Any

from svcstd.model import Principle, Severity
from svcstd.rules.base import Document, Hit, Rule, RuleContext, is_own_record, rule
from svcstd.rules.citations import (
    PERMENPANRB_14_2017,
    PERMENPANRB_16_2017,
    UU_25_2009,
    at,
    cite,
    on,
    practice,
    principle,
)
from svcstd.standard.kinds import status

_SURVEY = re.compile(r"survei|survey|kepuasan|satisfaction|\bskm\b|\bikm\b", re.IGNORECASE)
INTERNAL_GROUPS = frozenset({"government", "provider"})

PARTICIPATORY = principle("participatory principle", "prinsip partisipatif")
PUBLIC_ROLE = at(
    UU_25_2009,
    "Article 39(1) (public participation from drawing up the service standard to its evaluation)",
    "Pasal 39 ayat (1) (peran serta masyarakat sejak penyusunan standar pelayanan sampai dengan evaluasi)",
)
PRINCIPLE_REF = cite(
    at(
        UU_25_2009,
        "Article 20 (the duty to involve the public and stakeholders in drawing up and adopting the service "
        "standard; paragraph not verified) and Article 39(1) (public participation from drawing up the standard "
        "to its evaluation)",
        "Pasal 20 (kewajiban mengikutsertakan masyarakat dan pihak terkait dalam penyusunan dan penetapan "
        "standar pelayanan; ayat belum diverifikasi) dan Pasal 39 ayat (1) (peran serta masyarakat sejak "
        "penyusunan standar pelayanan sampai dengan evaluasi)",
    ),
    on(PERMENPANRB_16_2017, "public consultation forums", "forum konsultasi publik"),
)


def _consultations(doc: Document) -> list[Mapping[str, Any]]:
    return list(doc.get("consultation", []))


def _has_consultation(doc: Document, ctx: RuleContext) -> bool:
    return bool(doc.get("consultation"))


def _is_adopted(doc: Document, ctx: RuleContext) -> bool:
    return bool(status(doc) == "adopted")


def _records_adoption(doc: Document, ctx: RuleContext) -> bool:
    """Adopted, in the unit's own record: a published text never carries its consultation's minutes."""
    return _is_adopted(doc, ctx) and is_own_record(doc)


def _groups(consultation: Mapping[str, Any]) -> set[str]:
    return {participant["group"] for participant in consultation["participants"]}


@rule(
    id="PAR001",
    full_standard_only=True,
    principle=Principle.PARTICIPATION,
    severity=Severity.ERROR,
    weight=5,
    title=("Adopted without public consultation", "Ditetapkan tanpa konsultasi publik"),
    message=(
        "The standard is adopted (status: adopted) but records no public consultation (consultation, forum "
        "konsultasi publik). Hold a consultation with service users and record it.",
        "Standar pelayanan telah ditetapkan (status: adopted) tetapi tidak mencatat konsultasi publik "
        "(consultation). Selenggarakan konsultasi publik bersama pengguna layanan dan "
        "catat pelaksanaannya.",
    ),
    fix=(
        "Add a `consultation` entry with its date, method, participants and outcomes.",
        "Tambahkan isian `consultation` yang memuat tanggal, metode, peserta, dan hasil kesepakatan.",
    ),
    rationale=(
        "The law requires the provider to involve the public and stakeholders when drawing up and adopting a "
        "standard; a standard adopted without them is not participatory.",
        "Undang-undang mewajibkan penyelenggara mengikutsertakan masyarakat dan pihak terkait dalam menyusun "
        "dan menetapkan standar pelayanan; standar yang ditetapkan tanpa keterlibatan mereka tidak "
        "bersifat partisipatif.",
    ),
    reference=PRINCIPLE_REF,
    applies=_records_adoption,
)
def PAR001(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    """Passing:

        status: adopted
        consultation:
          - date: 2025-11-20
            participants: [{group: community, count: 12}]

    Failing:

        status: adopted                         # flagged: no `consultation`
    """
    if not _consultations(doc):
        yield Hit("/status")


@rule(
    id="PAR002",
    full_standard_only=True,
    principle=Principle.PARTICIPATION,
    severity=Severity.WARNING,
    weight=4,
    title=("Consultation among officials only", "Konsultasi hanya diikuti unsur pemerintah"),
    message=(
        "The consultation of {date} (consultation.participants, peserta konsultasi publik) had only government "
        "or provider participants. Invite service users and other stakeholders.",
        "Konsultasi publik tanggal {date} (consultation.participants) hanya diikuti "
        "unsur pemerintah atau penyelenggara. Undang masyarakat pengguna layanan dan pihak terkait lainnya.",
    ),
    fix=(
        "Add participants of the groups community, academia, ngo, business or media.",
        "Tambahkan peserta dari kelompok community, academia, ngo, business, atau media.",
    ),
    rationale=(
        "A meeting of officials is an internal meeting, not a public consultation: the public must take part.",
        "Rapat antarpejabat adalah rapat internal, bukan konsultasi publik: masyarakat harus ikut serta.",
    ),
    reference=PRINCIPLE_REF,
    applies=_has_consultation,
)
def PAR002(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    """Passing:

        consultation:
          - date: 2025-11-20
            participants: [{group: provider, count: 6}, {group: community, count: 12}]

    Failing:

        consultation:
          - date: 2025-11-20
            participants: [{group: provider}, {group: government}]   # flagged: officials only
    """
    for index, consultation in enumerate(_consultations(doc)):
        if _groups(consultation) <= INTERNAL_GROUPS:
            yield Hit(f"/consultation/{index}/participants", {"date": consultation["date"]})


@rule(
    id="PAR003",
    full_standard_only=True,
    principle=Principle.PARTICIPATION,
    severity=Severity.WARNING,
    weight=3,
    title=("Consultation outcomes not recorded", "Hasil konsultasi publik tidak dicatat"),
    message=(
        "The consultation of {date} (consultation, forum konsultasi publik) records no `outcomes`. List what "
        "was agreed.",
        "Konsultasi publik tanggal {date} (consultation) tidak mencatat hasilnya "
        "(`outcomes`). Tambahkan butir-butir kesepakatan yang dihasilkan.",
    ),
    fix=(
        "Add `outcomes` with the agreements reached, as in the minutes (berita acara).",
        "Tambahkan `outcomes` berisi kesepakatan yang dicapai, sesuai berita acara konsultasi publik.",
    ),
    rationale=(
        "Participation means reaching agreement; without recorded outcomes nobody can tell what the public "
        "changed or hold the provider to it.",
        "Partisipasi berarti mencapai kesepakatan; tanpa hasil yang tercatat tidak dapat diketahui apa yang "
        "diubah atas masukan masyarakat dan penyelenggara tidak dapat dimintai pertanggungjawaban.",
    ),
    reference=cite(
        on(
            PERMENPANRB_16_2017,
            "public consultation forums; its articles not read: good practice",
            "forum konsultasi publik; pasalnya belum dibaca: praktik yang baik",
        ),
        PARTICIPATORY,
    ),
    applies=_has_consultation,
)
def PAR003(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    """Passing:

        consultation:
          - date: 2025-11-20
            participants: [{group: community}]
            outcomes: [Fotokopi dokumen tidak lagi diminta.]

    Failing:

        consultation:
          - date: 2025-11-20                    # flagged at the consultation, on its key: no `outcomes`
            participants: [{group: community}]
          - date: 2026-03-02
            participants: [{group: community}]
            outcomes: []                        # flagged: empty
    """
    for index, consultation in enumerate(_consultations(doc)):
        params = {"date": consultation["date"]}
        if "outcomes" not in consultation:
            yield Hit(f"/consultation/{index}", params, at_key=True)
        elif not consultation["outcomes"]:
            yield Hit(f"/consultation/{index}/outcomes", params)


def _consulted_and_adopted(doc: Document, ctx: RuleContext) -> bool:
    return "adoption" in doc and _has_consultation(doc, ctx)


@rule(
    id="PAR004",
    full_standard_only=True,
    principle=Principle.PARTICIPATION,
    severity=Severity.WARNING,
    weight=3,
    title=("Consultation after adoption", "Konsultasi publik setelah penetapan"),
    message=(
        "The consultation (consultation.date, forum konsultasi publik) took place on {date}, after the "
        "adoption on {adopted} (adoption.date, penetapan), and none took place before. Consult the public "
        "before adopting the standard.",
        "Konsultasi publik (consultation.date) dilaksanakan pada {date}, setelah penetapan tanggal {adopted} "
        "(adoption.date), dan tidak ada konsultasi sebelumnya. Pastikan konsultasi publik "
        "dilaksanakan sebelum standar pelayanan ditetapkan.",
    ),
    fix=(
        "Record the consultation held before adoption, or adopt the standard again after consulting.",
        "Catat konsultasi publik yang dilaksanakan sebelum penetapan, atau tetapkan ulang standar pelayanan "
        "setelah konsultasi.",
    ),
    rationale=(
        "The public must be involved in drawing up the standard, not told about it afterwards. A later "
        "consultation is fine as long as one took place on or before the adoption date.",
        "Masyarakat harus dilibatkan dalam penyusunan standar, bukan sekadar diberi tahu setelahnya. Konsultasi "
        "setelah penetapan tetap boleh, asalkan ada konsultasi pada atau sebelum tanggal penetapan.",
    ),
    reference=PRINCIPLE_REF,
    applies=_consulted_and_adopted,
)
def PAR004(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    """Passing:

        adoption: {decree: Keputusan Kepala Dinas Nomor 470/015/2026, date: 2026-01-12}
        consultation: [{date: 2025-11-20, participants: [{group: community}]}]

    Failing:

        adoption: {decree: Keputusan Kepala Dinas Nomor 470/015/2026, date: 2026-01-12}
        consultation: [{date: 2026-03-02, participants: [{group: community}]}]   # flagged at `date`: after adoption
    """
    adopted = str(doc["adoption"]["date"])
    consultations = _consultations(doc)
    if all(str(c["date"]) > adopted for c in consultations):
        for index, consultation in enumerate(consultations):
            yield Hit(f"/consultation/{index}/date", {"date": consultation["date"], "adopted": adopted})


def _evaluated(doc: Document, ctx: RuleContext) -> bool:
    """A survey record (1.1), or a performance evaluation whose method can be read."""
    return bool(doc.get("satisfaction_survey")) or "performance_evaluation" in doc.get("manufacturing", {})


@rule(
    id="PAR005",
    full_standard_only=True,
    applies=_evaluated,
    principle=Principle.PARTICIPATION,
    severity=Severity.INFO,
    weight=1,
    title=("No satisfaction survey", "Tidak ada survei kepuasan masyarakat"),
    message=(
        "The performance evaluation (manufacturing.performance_evaluation.method, evaluasi kinerja pelaksana) "
        "does not include a public satisfaction survey. Add the Survei Kepuasan Masyarakat (SKM).",
        "Metode evaluasi kinerja pelaksana (manufacturing.performance_evaluation.method) belum mencakup survei "
        "kepuasan masyarakat. Tambahkan Survei Kepuasan Masyarakat (SKM) sebagai metode evaluasi.",
    ),
    fix=(
        "Name the Survei Kepuasan Masyarakat (SKM) in `method`, held at least once a year.",
        "Cantumkan Survei Kepuasan Masyarakat (SKM) pada `method`, dilaksanakan paling sedikit sekali setahun.",
    ),
    rationale=(
        "The survey is how service users keep a voice after adoption; providers must hold it at least yearly.",
        "Survei kepuasan adalah sarana bagi pengguna layanan untuk tetap menyampaikan pendapat setelah penetapan; "
        "penyelenggara wajib "
        "melaksanakannya paling sedikit sekali setahun.",
    ),
    reference=cite(
        at(
            PERMENPANRB_14_2017,
            "Article 1(1) (a survey at least once a year)",
            "Pasal 1 ayat (1) (survei paling sedikit satu kali setahun)",
        ),
        PUBLIC_ROLE,
    ),
)
def PAR005(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    """Passing:

        performance_evaluation: {method: Survei Kepuasan Masyarakat (SKM), frequency: semiannual}

    Failing:

        performance_evaluation: {method: Rapat evaluasi kinerja pegawai, frequency: annual}   # flagged at `method`
    """
    if doc.get("satisfaction_survey"):  # 1.1: the survey's own record
        return
    method = doc["manufacturing"]["performance_evaluation"]["method"]
    if not _SURVEY.search(method):
        yield Hit("/manufacturing/performance_evaluation/method", {"method": method})


@rule(
    id="PAR006",
    full_standard_only=True,
    principle=Principle.PARTICIPATION,
    severity=Severity.WARNING,
    weight=3,
    title=("No service users in the consultation", "Konsultasi tanpa masyarakat pengguna layanan"),
    message=(
        "The consultation of {date} (consultation.participants, peserta konsultasi publik) had outside "
        "participants but no service users (group: community). Invite the people who use the service.",
        "Konsultasi publik tanggal {date} (consultation.participants) melibatkan "
        "pihak luar tetapi tidak melibatkan masyarakat pengguna layanan (group: community). Undang masyarakat "
        "yang menggunakan layanan ini.",
    ),
    fix=(
        "Add participants with `group: community`, for example users' representatives or local residents.",
        "Tambahkan peserta dengan `group: community`, misalnya perwakilan pengguna layanan atau warga setempat.",
    ),
    rationale=(
        "Experts, NGOs and the press help, but the people who use the service know its burdens best. "
        "(Consultations of officials only are PAR002's matter.)",
        "Akademisi, LSM, dan media membantu, tetapi pengguna layananlah yang paling memahami beban layanan. "
        "(Konsultasi yang hanya diikuti pejabat diperiksa oleh PAR002.)",
    ),
    reference=PRINCIPLE_REF,
    applies=_has_consultation,
)
def PAR006(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    """Passing:

        consultation:
          - date: 2025-11-20
            participants: [{group: community, count: 12}, {group: academia, count: 2}]

    Failing:

        consultation:
          - date: 2025-11-20
            participants: [{group: academia, count: 2}, {group: provider, count: 6}]   # flagged: no community
    """
    for index, consultation in enumerate(_consultations(doc)):
        groups = _groups(consultation)
        if not groups <= INTERNAL_GROUPS and "community" not in groups:
            yield Hit(f"/consultation/{index}/participants", {"date": consultation["date"]})


@rule(
    id="PAR007",
    full_standard_only=True,
    principle=Principle.PARTICIPATION,
    severity=Severity.INFO,
    weight=1,
    title=("Participant numbers not recorded", "Jumlah peserta konsultasi tidak dicatat"),
    message=(
        "No participant of the consultation of {date} (consultation.participants, peserta konsultasi publik) "
        "has a `count`. Record how many people of each group took part.",
        "Tidak satu pun peserta konsultasi publik tanggal {date} (consultation.participants) mencantumkan "
        "jumlah (`count`). Tambahkan jumlah orang dari setiap kelompok peserta.",
    ),
    fix=(
        "Add `count` to each participant, from the attendance list.",
        "Tambahkan `count` pada setiap peserta sesuai daftar hadir.",
    ),
    rationale=(
        "Numbers show how broad the consultation was and make the record checkable against the attendance list.",
        "Jumlah peserta menunjukkan seberapa luas konsultasi dan dapat dicocokkan dengan daftar hadir.",
    ),
    reference=cite(
        practice(
            "recording who took part and how many (KemenPANRB's Forum Konsultasi Publik guideline, PermenPANRB "
            "16/2017, its articles not read)",
            "mencatat siapa dan berapa yang hadir (pedoman Forum Konsultasi Publik KemenPANRB, PermenPANRB 16/2017, "
            "pasalnya belum dibaca)",
        ),
        PUBLIC_ROLE,
    ),
    applies=_has_consultation,
)
def PAR007(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    """Passing:

        participants: [{group: community, name: Warga pengguna layanan, count: 12}]

    Failing:

        participants: [{group: community, name: Warga pengguna layanan}]   # flagged: no `count` at all
    """
    for index, consultation in enumerate(_consultations(doc)):
        participants = consultation["participants"]
        if participants and not any("count" in p for p in participants):
            yield Hit(f"/consultation/{index}/participants", {"date": consultation["date"]})


def _months_between(earlier: date, later: date) -> int:
    return (later.year - earlier.year) * 12 + later.month - earlier.month - (later.day < earlier.day)


@rule(
    id="PAR008",
    full_standard_only=True,
    principle=Principle.PARTICIPATION,
    severity=Severity.WARNING,
    weight=2,
    title=("Last consultation too long ago", "Konsultasi publik terakhir sudah terlalu lama"),
    message=(
        "The latest public consultation (consultation.date, forum konsultasi publik) was on {date}, {months} "
        "months ago, more than {max} months. Consult the public again at the next review.",
        "Konsultasi publik terakhir (consultation.date) dilaksanakan pada {date}, "
        "{months} bulan yang lalu, melebihi {max} bulan. Selenggarakan kembali konsultasi publik pada evaluasi "
        "berikutnya.",
    ),
    fix=(
        "Hold a new consultation with service users and record it in `consultation`.",
        "Selenggarakan konsultasi publik baru bersama pengguna layanan dan catat dalam `consultation`.",
    ),
    rationale=(
        "Public participation runs from drafting to evaluation; users' needs change, so a consultation held "
        "years ago no longer speaks for them. No regulation sets how old a consultation may be: 60 months "
        "(five years) is a rule of thumb, and `max_age_months` can be set to the provider's own regulation.",
        "Peran serta masyarakat berlangsung sejak penyusunan sampai evaluasi; kebutuhan pengguna berubah, "
        "sehingga konsultasi bertahun-tahun lalu tidak lagi mewakili mereka. Tidak ada peraturan yang "
        "menetapkan batas usia konsultasi: 60 bulan (lima tahun) adalah patokan praktis, dan opsi "
        "`max_age_months` dapat disesuaikan dengan peraturan penyelenggara.",
    ),
    reference=PUBLIC_ROLE,
    options={"max_age_months": 60},
    applies=_has_consultation,
)
def PAR008(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    """Passing:

        # checked --as-of 2026-11-27
        consultation: [{date: 2025-11-20, participants: [{group: community}]}]

    Failing:

        # checked --as-of 2026-11-27: 92 months after the latest consultation, flagged at its `date`
        consultation: [{date: 2019-03-04, participants: [{group: community}]}]
    """
    limit = int(ctx.options["max_age_months"])
    consultations = _consultations(doc)
    index = max(range(len(consultations)), key=lambda i: str(consultations[i]["date"]))
    latest = str(consultations[index]["date"])
    months = _months_between(date.fromisoformat(latest), ctx.as_of)
    if months > limit:
        yield Hit(f"/consultation/{index}/date", {"date": latest, "months": months, "max": limit})


RULES: tuple[Rule, ...] = (PAR001, PAR002, PAR003, PAR004, PAR005, PAR006, PAR007, PAR008)
