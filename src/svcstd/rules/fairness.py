"""Rules of the fairness principle (keadilan): the service reaches all, whatever their means, place or abilities."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from svcstd.model import Principle, Severity, Text
from svcstd.rules.base import Document, Each, Hit, Rule, RuleContext, rule
from svcstd.rules.citations import PP_42_2020, UU_25_2009, at, cite, general_knowledge, practice, principle
from svcstd.rules.facts import shared
from svcstd.standard.steps import all_steps
from svcstd.standard.vocabulary import DAYS, SPECIAL_GROUPS
from svcstd.standard.words import lazy_pattern, quick_search

KEADILAN = principle("principle of fairness", "prinsip keadilan")

REACHING_CHANNELS = frozenset({"online", "mobile", "outreach"})
FACE_TO_FACE_CHANNELS = frozenset({"in_person", "outreach", "mail"})
DIGITAL_CHANNELS = frozenset({"online", "mobile"})

# Words that show a fee is waived or reduced for those who cannot pay. Deliberately short: a standard that
# words its relief otherwise can waive FAI006 with that reason.
RELIEF = lazy_pattern(
    r"tidak mampu|miskin|gratis|bebas biaya|tanpa biaya|dibebaskan|pembebasan|keringanan|dispensasi|subsidi"
    r"|\bSKTM\b|\bKIP\b|\bKIS\b|\bPBI\b|\bBPJS\b|\bJKN\b|Jamkes(?:da|mas)?|ditanggung",
    re.IGNORECASE,
)

_relief = quick_search(RELIEF)


def procedure_channels(doc: Document) -> set[str]:
    """Every channel the procedure names, on the procedure or on one of its steps."""
    procedure = doc["delivery"]["procedure"]
    steps = {found.step["channel"] for found in shared(doc, all_steps) if "channel" in found.step}
    return set(procedure.get("channels", [])) | steps


def _not_in_person_by_nature(doc: Document, ctx: RuleContext) -> bool:
    """1.1 `in_person_reason`: emergency care, a hearing, biometric recording cannot go online; no need to ask."""
    return "in_person_reason" not in doc["delivery"]["procedure"]


def declares_channels(doc: Document, ctx: RuleContext) -> bool:
    return bool(doc["delivery"]["procedure"].get("channels"))


def has_service_hours(doc: Document, ctx: RuleContext) -> bool:
    return bool(doc.get("service_hours"))


def charges_fee(doc: Document, ctx: RuleContext) -> bool:
    return any(fee.get("amount", 1) > 0 for fee in doc["delivery"]["fees"])


# Facilities that serve a group, by the words real standards use for them (a ramp, a lactation room, a play
# corner). A facility may also say so itself with `serves` (format 1.1).
SERVES = {  # compiled at the first facility named: most published sheets list none
    "disability": lazy_pattern(
        r"disabilitas|difabel|kursi roda|\bramp\b|jalur landai|bidang miring|guiding block|ubin pemandu|tuna",
        re.IGNORECASE,
    ),
    "elderly": lazy_pattern(r"lansia|lanjut usia|manula", re.IGNORECASE),
    "pregnant": lazy_pattern(r"ibu hamil|laktasi|menyusui|obstetri|kebidanan|bersalin|ponek", re.IGNORECASE),
    "children": lazy_pattern(r"\banak\b|ramah anak|bermain|bayi|balita|pojok baca", re.IGNORECASE),
}
ADULT_AGE = 17
"""Indonesian law treats 17 (or married) as adult for identity documents: a service only adults use has no children."""
ELDERLY_AGE = 60
"""Lanjut usia: 60 years and over (general knowledge): a service for people younger than that has no elderly."""
ADULTS_ONLY_NOTE = re.compile(r"\b(?:khusus|hanya) (?:orang )?dewasa\b|\badults? only\b", re.IGNORECASE)
"""An `audience.note` that says the service is for adults only, as real standards write it ("khusus dewasa")."""


def required_groups(doc: Document, ctx: RuleContext) -> list[str]:
    """The groups the rule asks for on this service, as far as the document's `audience` says who it serves.

    Children are left out of a service only adults use (`min_age` 17 or more, or a note "khusus dewasa"),
    the elderly out of a service only younger people use (`max_age` under 60).
    """
    audience = doc.get("audience") or {}
    if not isinstance(audience, dict):
        return list(ctx.options["groups"])
    adults_only = (audience.get("min_age") or 0) >= ADULT_AGE
    adults_only = adults_only or ADULTS_ONLY_NOTE.search(str(audience.get("note", ""))) is not None
    max_age = audience.get("max_age")
    no_elderly = isinstance(max_age, int) and max_age < ELDERLY_AGE
    left_out = {"children"} if adults_only else set()
    left_out |= {"elderly"} if no_elderly else set()
    return [group for group in ctx.options["groups"] if group not in left_out]


def served_groups(doc: Document) -> set[str]:
    """Groups served by a special service, or by a facility that says so or whose name shows it."""
    served = {entry["group"] for entry in doc.get("special_services", [])}
    for facility in doc.get("manufacturing", {}).get("facilities", []):
        if not isinstance(facility, dict):
            continue
        served.update(facility.get("serves", []))
        name = str(facility.get("name", ""))
        served.update(_named_groups(name) if len(name) <= _REMEMBERED else _groups_in(name))
    return served


_REMEMBERED = 200
"""Facility names up to this length are remembered (the same names recur in document after document)."""


def _groups_in(name: str) -> tuple[str, ...]:
    """The groups a facility's name shows it serves (`Ruang laktasi`: pregnant)."""
    return tuple(group for group, words in SERVES.items() if words().search(name))


_named_groups = lru_cache(maxsize=4096)(_groups_in)


def _group_count(doc: Document, ctx: RuleContext) -> int:
    return len(required_groups(doc, ctx))


@rule(
    id="FAI001",
    full_standard_only=True,
    principle=Principle.FAIRNESS,
    severity=Severity.ERROR,
    weight=5,
    title=("Special services missing for a vulnerable group", "Pelayanan khusus bagi kelompok rentan belum ada"),
    message=(
        "Neither the special services (`special_services`) nor the facilities serve {groups_en}. Add an entry "
        "with the `group` and the `provision` the unit makes for them, e.g. a priority counter.",
        "Pelayanan khusus (`special_services`) maupun sarana belum melayani {groups_id}. Tambahkan butir dengan "
        "`group` dan `provision` berisi bentuk perlakuan khusus yang diberikan, misalnya loket prioritas.",
    ),
    fix=(
        "Add `- {group: elderly, provision: Loket prioritas tanpa antre}` for each missing group, or list the "
        "facility that serves it (a ramp, a lactation room).",
        "Tambahkan `- {group: elderly, provision: Loket prioritas tanpa antre}` untuk setiap kelompok yang belum "
        "ada, atau cantumkan sarana yang melayaninya (jalur landai, ruang laktasi).",
    ),
    rationale=(
        "The law obliges providers to give special treatment to certain members of the public, commonly "
        "understood to include people with disabilities, the elderly, pregnant women and children. A facility "
        "that serves a group (a wheelchair, a ramp, a lactation room, a play corner) counts for it; a service "
        'only adults use (`audience: {min_age: 17}` or a note "khusus dewasa") is not asked about children, '
        "nor one only people under 60 use (`audience: {max_age: 15}`) about the elderly. The score counts the "
        "groups served: three of four earns three quarters of the rule's weight. The groups checked can be set "
        "with the `groups` option.",
        "Undang-undang mewajibkan penyelenggara memberikan pelayanan dengan perlakuan khusus kepada anggota "
        "masyarakat tertentu, yang lazim dipahami mencakup penyandang disabilitas, lanjut usia, ibu hamil, dan "
        "anak-anak. Sarana yang melayani suatu kelompok (kursi roda, jalur landai, ruang laktasi, pojok bermain) "
        "dihitung untuk kelompok itu; layanan yang hanya digunakan orang dewasa (`audience: {min_age: 17}` atau "
        'keterangan "khusus dewasa") tidak ditanya soal anak-anak, dan layanan yang hanya digunakan warga di '
        "bawah 60 tahun (`audience: {max_age: 15}`) tidak ditanya soal lanjut usia. Skor menghitung kelompok "
        "yang terlayani: tiga dari empat memperoleh tiga perempat bobot aturan. Kelompok yang diperiksa dapat "
        "diatur dengan opsi `groups`.",
    ),
    reference=cite(
        at(
            UU_25_2009,
            "Article 29(1) (service with special treatment 'sesuai dengan peraturan perundang-undangan'; the groups "
            "named with it: persons with disabilities, the elderly, pregnant women, children, and victims of "
            "natural and social disasters)",
            "Pasal 29 ayat (1) (pelayanan dengan perlakuan khusus 'sesuai dengan peraturan perundang-undangan'; "
            "kelompok yang disebut bersamanya: penyandang disabilitas, lanjut usia, wanita hamil, anak-anak, korban "
            "bencana alam, dan korban bencana sosial)",
        ),
        KEADILAN,
    ),
    options={"groups": ["disability", "elderly", "pregnant", "children"]},
    items=_group_count,
)
def FAI001(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    """Passing:

        special_services:
          - {group: disability, provision: Loket prioritas dan kursi roda}
          - {group: elderly, provision: Antrean prioritas}
          - {group: pregnant, provision: Kursi tunggu khusus}
        manufacturing:
          facilities:
            - {name: Ruang bermain anak}     # serves children

    Failing:

        special_services:                       # no `children` entry and no facility for them: flagged here
          - {group: disability, provision: Loket prioritas dan kursi roda}
          - {group: elderly, provision: Antrean prioritas}
          - {group: pregnant, provision: Kursi tunggu khusus}
    """
    served = served_groups(doc)
    missing = [group for group in required_groups(doc, ctx) if group not in served]
    if not missing:
        return
    names = [SPECIAL_GROUPS.get(group, Text(group, group)) for group in missing]
    params = {"groups_en": _listed([n.en for n in names], "and"), "groups_id": _listed([n.id for n in names], "dan")}
    pointer = "/special_services" if "special_services" in doc else ""
    each = Each(lambda: (Hit(pointer, {"groups_en": n.en, "groups_id": n.id}, at_key=True) for n in names))
    yield Hit(pointer, params, at_key=True, items=len(missing), each=each)


def _listed(names: list[str], word: str) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} {word} {names[-1]}"


@rule(
    id="FAI002",
    full_standard_only=True,
    needs=("manufacturing/facilities",),
    principle=Principle.FAIRNESS,
    severity=Severity.WARNING,
    weight=4,
    title=("No accessible facility", "Tidak ada fasilitas aksesibel"),
    message=(
        "The facilities (`manufacturing.facilities`) include none marked `accessible: true`. "
        "Provide and list facilities for vulnerable groups, e.g. a ramp, a wheelchair or an accessible toilet.",
        "Sarana, prasarana, dan/atau fasilitas (`manufacturing.facilities`) tidak memuat fasilitas bertanda "
        "`accessible: true`. Sediakan dan cantumkan fasilitas bagi kelompok rentan, misalnya jalur landai (ramp), "
        "kursi roda, atau toilet khusus penyandang disabilitas.",
    ),
    fix=(
        "Add `- {name: Jalur landai (ramp) di pintu masuk, quantity: 1, accessible: true}`.",
        "Tambahkan `- {name: Jalur landai (ramp) di pintu masuk, quantity: 1, accessible: true}`.",
    ),
    rationale=(
        "The law defines the facilities component to include facilities for vulnerable groups; without a ramp "
        "or an accessible toilet some citizens cannot reach the counter at all.",
        "Menurut penjelasan undang-undang, komponen sarana, prasarana, dan/atau fasilitas mencakup peralatan dan "
        "fasilitas bagi kelompok rentan; tanpa jalur landai atau toilet aksesibel sebagian warga tidak dapat "
        "mencapai loket.",
    ),
    reference=cite(
        at(
            PP_42_2020,
            "Article 18(1)(b) (infrastructure and facilities accessible to persons with disabilities)",
            "Pasal 18 ayat (1) huruf b (prasarana dan sarana yang mudah diakses bagi Penyandang Disabilitas)",
        ),
        at(UU_25_2009, "Article 21(g) (facilities)", "Pasal 21 huruf g (sarana, prasarana, dan/atau fasilitas)"),
    ),
)
def FAI002(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    """Passing:

        facilities: [{name: Ruang tunggu}, {name: Toilet khusus penyandang disabilitas, accessible: true}]

    Failing:

        facilities: [{name: Ruang tunggu}, {name: Loket pelayanan}]
    """
    if not any(facility.get("accessible") is True for facility in doc["manufacturing"]["facilities"]):
        yield Hit("/manufacturing/facilities", at_key=True)


IN_PERSON_BY_NATURE = lazy_pattern(
    r"gawat darurat|\bIGD\b|rawat inap|persalinan|persidangan|\bsidang\b|perekaman|biometrik|sidik jari"
    r"|pemeriksaan (?:fisik|kesehatan)|emergency|hearing",
    re.IGNORECASE,
)
_in_person_by_nature = quick_search(IN_PERSON_BY_NATURE)
"""Services that cannot be given at a distance: emergency care, a court hearing, biometric recording."""


def in_person_by_nature(doc: Document) -> bool:
    """The document says why the service is in person (`in_person_reason`, format 1.1), or its title shows it."""
    if doc["delivery"]["procedure"].get("in_person_reason"):
        return True
    return _in_person_by_nature(str(doc.get("title", ""))) is not None


@rule(
    id="FAI003",
    needs=("delivery/procedure",),
    principle=Principle.FAIRNESS,
    severity=Severity.INFO,
    weight=1,
    title=("Only in-person service", "Hanya layanan tatap muka"),
    message=(
        "The procedure (`delivery.procedure`) offers no `online`, `mobile` or `outreach` "
        "channel: citizens who live far away or cannot travel must come to the office. Add at least one of them "
        "to `channels`.",
        "Prosedur pelayanan (`delivery.procedure`) tidak menyediakan saluran `online`, `mobile`, atau "
        "`outreach` (jemput bola), sehingga warga yang tinggal jauh atau tidak dapat bepergian harus datang ke "
        "kantor. Tambahkan sekurang-kurangnya salah satunya pada `channels`.",
    ),
    fix=(
        "Offer an online, mobile or outreach channel and add it to `delivery.procedure.channels`.",
        "Sediakan saluran daring, aplikasi seluler, atau jemput bola dan cantumkan pada `delivery.procedure.channels`.",
    ),
    rationale=(
        "Fairness asks that the service reach citizens whatever the distance and their physical abilities. A "
        "service that is in person by nature (emergency care, a court hearing, biometric recording — stated in "
        "`delivery.procedure.in_person_reason` or shown by the title) is not asked for another channel. Good "
        "practice, not a legal requirement.",
        "Prinsip keadilan meminta pelayanan menjangkau warga berapa pun jarak tempat tinggalnya dan apa pun "
        "kemampuan fisiknya. Layanan yang pada hakikatnya harus tatap muka (gawat darurat, persidangan, "
        "perekaman biometrik — dinyatakan pada `delivery.procedure.in_person_reason` atau tampak dari judulnya) "
        "tidak diminta saluran lain. Praktik baik, bukan kewajiban hukum.",
    ),
    reference=KEADILAN,
    applies=_not_in_person_by_nature,
)
def FAI003(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    """Passing:

        procedure: {channels: [in_person, outreach], steps: ...}

    Failing:

        procedure: {channels: [in_person], steps: ...}

    Not applicable when `in_person_reason` says why the service is in person by nature (format 1.1).
    """
    if procedure_channels(doc) & REACHING_CHANNELS or in_person_by_nature(doc):
        return
    if "channels" in doc["delivery"]["procedure"]:
        yield Hit("/delivery/procedure/channels")
    else:
        yield Hit("/delivery/procedure", at_key=True)


def _formats_hit(doc: Document) -> Hit | None:
    if "publication" not in doc:
        return Hit("", at_key=True)
    if "formats" not in doc["publication"]:
        return Hit("/publication", at_key=True)
    if not doc["publication"]["formats"]:
        return Hit("/publication/formats")
    return None


@rule(
    id="FAI004",
    full_standard_only=True,
    principle=Principle.FAIRNESS,
    severity=Severity.INFO,
    weight=1,
    title=("No accessible publication format", "Tidak ada format publikasi aksesibel"),
    message=(
        "The standard is published in no accessible format (`publication.formats`): blind, deaf or "
        "low-literacy citizens cannot read it. Publish it in at least one accessible format (`braille`, `audio`, "
        "`sign_language`, `large_print`, `easy_read`) and list it in `publication.formats`.",
        "Standar pelayanan tidak dipublikasikan dalam format aksesibel apa pun (`publication.formats`), sehingga "
        "warga tunanetra, tunarungu, "
        "atau yang kesulitan membaca tidak dapat memahami standar pelayanan. Publikasikan dalam sekurang-kurangnya "
        "satu format aksesibel (`braille`, `audio`, `sign_language`, `large_print`, `easy_read`) dan cantumkan "
        "pada `publication.formats`.",
    ),
    fix=(
        "Add `publication.formats: [large_print, audio]` once those versions exist.",
        "Tambahkan `publication.formats: [large_print, audio]` setelah versi tersebut tersedia.",
    ),
    rationale=(
        "A standard published only in small print is not open to everyone; the law grants vulnerable groups "
        "special facilities.",
        "Standar yang hanya dipublikasikan dalam huruf kecil tidak terbuka bagi semua orang; undang-undang "
        "memberikan fasilitas khusus bagi kelompok rentan.",
    ),
    reference=cite(
        at(
            PP_42_2020,
            "Article 18(1)(c) (information systems accessible to persons with disabilities)",
            "Pasal 18 ayat (1) huruf c (sistem informasi yang mudah diakses oleh Penyandang Disabilitas)",
        ),
        practice(
            "braille, audio, sign language and easy-read as the formats (no article naming them verified)",
            "braille, audio, bahasa isyarat, dan bahasa mudah dibaca sebagai formatnya (belum ada pasal yang "
            "menyebutnya terverifikasi)",
        ),
    ),
)
def FAI004(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    """Passing:

        publication: {channels: [...], formats: [braille, large_print]}

    Failing:

        publication: {channels: [...]}
    """
    hit = _formats_hit(doc)
    if hit is not None:
        yield hit


def serves_after_work(entry: dict[str, Any], closes_after: str, extra_days: set[str]) -> bool:
    """Open late, overnight or on a day off: reachable for someone who works office hours."""
    overnight = entry["close"] <= entry["open"]
    return entry["close"] > closes_after or overnight or bool(extra_days & set(entry["days"]))


@rule(
    id="FAI005",
    principle=Principle.FAIRNESS,
    severity=Severity.INFO,
    weight=1,
    title=("Service hours exclude working people", "Jam pelayanan tidak menjangkau warga yang bekerja"),
    message=(
        "The service (`service_hours`) is never open after {closes_after} or on {days_en}: people who work "
        "office hours must take leave to come. Consider a late counter or a weekend session.",
        "Pelayanan (`service_hours`) tidak pernah buka setelah pukul {closes_after} maupun pada hari "
        "{days_id}, sehingga warga yang bekerja harus meninggalkan pekerjaannya untuk datang. Pertimbangkan loket "
        "sore atau layanan akhir pekan.",
    ),
    fix=(
        'Add e.g. `- {days: [sat], open: "08:00", close: "12:00"}` to `service_hours`.',
        'Tambahkan misalnya `- {days: [sat], open: "08:00", close: "12:00"}` pada `service_hours`.',
    ),
    rationale=(
        "A service open only during office hours reaches only those who do not work them. This is advice, not a "
        "legal duty; `closes_after` and `extra_days` can be set to the provider's own policy.",
        "Pelayanan yang hanya buka pada jam kerja hanya menjangkau warga yang tidak bekerja pada jam tersebut. "
        "Ini saran, bukan kewajiban hukum; opsi `closes_after` dan `extra_days` dapat disesuaikan dengan "
        "kebijakan penyelenggara.",
    ),
    reference=KEADILAN,
    options={"closes_after": "15:00", "extra_days": ["sat", "sun"]},
    applies=has_service_hours,
)
def FAI005(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    """Passing:

        service_hours: [{days: [mon, tue, wed, thu, fri], open: "08:00", close: "15:00"},
                        {days: [sat], open: "08:00", close: "12:00"}]

    Failing:

        service_hours: [{days: [mon, tue, wed, thu, fri], open: "08:00", close: "14:00"}]
    """
    closes_after, days = ctx.options["closes_after"], set(ctx.options["extra_days"])
    if not any(serves_after_work(entry, closes_after, days) for entry in doc["service_hours"]):
        names = [DAYS[day] for day in DAYS if day in days]
        params = {"days_en": " or ".join(n.en for n in names), "days_id": " atau ".join(n.id for n in names)}
        yield Hit("/service_hours", {"closes_after": closes_after, **params})


def relief_texts(doc: Document) -> Iterator[str]:
    """The free texts where a standard says who pays less: fee names and cases, requirements, special services."""
    for fee in doc["delivery"]["fees"]:
        yield from (fee.get("name", ""), fee.get("when", ""))
    for requirement in doc["delivery"].get("requirements", []):
        yield from (requirement["name"], requirement.get("when", ""), requirement.get("note", ""))
    for service in doc.get("special_services", []):
        yield service["provision"]


@rule(
    id="FAI006",
    needs=("delivery/fees",),
    principle=Principle.FAIRNESS,
    severity=Severity.INFO,
    weight=1,
    title=("No fee relief for those who cannot pay", "Tidak ada keringanan biaya bagi warga tidak mampu"),
    message=(
        "The service charges a fee (`delivery.fees`), but the standard mentions no waiver or reduction for "
        "citizens who cannot pay. If one exists, state it as a fee case, e.g. `amount: 0` with "
        "`when: Pemohon tidak mampu (SKTM)`.",
        "Layanan ini memungut biaya (`delivery.fees`), tetapi standar pelayanan tidak menyebut pembebasan atau "
        "keringanan bagi warga tidak mampu. Jika ketentuan itu ada, cantumkan sebagai butir biaya, misalnya "
        "`amount: 0` dengan `when: Pemohon tidak mampu (SKTM)`.",
    ),
    fix=(
        "Add a fee case `- {name: ..., amount: 0, when: Pemohon tidak mampu (SKTM)}` if the regulation allows it.",
        "Tambahkan butir biaya `- {name: ..., amount: 0, when: Pemohon tidak mampu (SKTM)}` bila peraturan "
        "mengizinkannya.",
    ),
    rationale=(
        "Service must not differ by economic status and must be affordable. The check looks for words such as "
        "'tidak mampu', 'gratis', 'SKTM', 'keringanan', 'pembebasan', 'KIS', 'KIP' in fee names and cases, "
        "requirements and special services.",
        "Pelayanan tidak boleh membedakan status ekonomi dan harus terjangkau. Pemeriksaan mencari kata seperti "
        "'tidak mampu', 'gratis', 'SKTM', 'keringanan', 'pembebasan', 'KIS', 'KIP' pada nama dan kasus biaya, "
        "persyaratan, dan pelayanan khusus.",
    ),
    reference=cite(
        general_knowledge(
            "UU 25/2009, the principles (asas) of equal rights and affordability",
            "UU 25/2009, asas kesamaan hak dan keterjangkauan",
        ),
        practice("stating fee relief for those who cannot pay", "menyatakan keringanan biaya bagi warga tidak mampu"),
    ),
    applies=charges_fee,
)
def FAI006(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    """Passing:

        fees:
          - {name: Legalisir ijazah per lembar, amount: 10000}
          - {name: Legalisir ijazah per lembar, amount: 0, when: Alumni tidak mampu dengan SKTM}

    Failing:

        fees: [{name: Legalisir ijazah per lembar, amount: 10000}]
    """
    if _relief("\n".join(relief_texts(doc))) is None:  # one search: no word of RELIEF spans a line break
        yield Hit("/delivery/fees", at_key=True)


@rule(
    id="FAI007",
    needs=("delivery/procedure",),
    principle=Principle.FAIRNESS,
    severity=Severity.INFO,
    weight=1,
    title=("Only digital service", "Hanya layanan digital"),
    message=(
        "The service channels (`delivery.procedure.channels`) are only online or mobile: citizens without "
        "internet access or digital skills are left out. Keep an `in_person`, `outreach` or `mail` channel as well.",
        "Saluran pelayanan (`delivery.procedure.channels`) hanya daring atau aplikasi seluler, sehingga warga "
        "tanpa akses internet atau kecakapan digital tidak terlayani. Tetap sediakan saluran `in_person` (tatap "
        "muka), `outreach` (jemput bola), atau `mail` (pos).",
    ),
    fix=(
        "Add `in_person`, `outreach` or `mail` to `delivery.procedure.channels`, e.g. an assisted desk.",
        "Tambahkan `in_person`, `outreach`, atau `mail` pada `delivery.procedure.channels`, misalnya loket "
        "pendampingan.",
    ),
    rationale=(
        "Equal treatment means nobody is refused because they lack a phone, internet or the skill to use them.",
        "Persamaan perlakuan berarti tidak ada warga yang tertolak karena tidak memiliki ponsel, internet, atau "
        "kecakapan menggunakannya.",
    ),
    reference=cite(
        general_knowledge(
            "UU 25/2009, the principle (asas) of equal treatment",
            "UU 25/2009, asas persamaan perlakuan/tidak diskriminatif",
        ),
        practice(
            "keeping an in-person channel beside a digital one",
            "mempertahankan layanan tatap muka di samping layanan digital",
        ),
    ),
    applies=declares_channels,
)
def FAI007(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    """Passing:

        procedure: {channels: [online, in_person], online_url: https://..., steps: ...}

    Failing:

        procedure: {channels: [online], online_url: https://..., steps: ...}
    """
    channels = procedure_channels(doc)
    if channels & DIGITAL_CHANNELS and not channels & FACE_TO_FACE_CHANNELS:
        yield Hit("/delivery/procedure/channels")


RULES: tuple[Rule, ...] = (FAI001, FAI002, FAI003, FAI004, FAI005, FAI006, FAI007)
