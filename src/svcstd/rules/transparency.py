"""Rules of the transparency principle (transparansi): the public can find the standard, its prices and contacts."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from functools import lru_cache
from typing import Any

from svcstd.model import Principle, Severity
from svcstd.rules.base import Document, Hit, Rule, RuleContext, is_own_record, rule
from svcstd.rules.citations import (
    PERMENPANRB_5_2025,
    PERMENPANRB_15_2014,
    PERPRES_76_2013,
    UU_25_2009,
    Citation,
    at,
    cite,
    on,
    practice,
    principle,
)
from svcstd.standard import contacts
from svcstd.standard.fees import is_coverage
from svcstd.standard.words import lazy_pattern

TRANSPARENCY = principle(
    "principle of transparency; its definition not verified: good practice (UU 25/2009 Article 4(h), the asas of "
    "openness, was not verified either)",
    "prinsip transparansi; definisinya belum diverifikasi: praktik yang baik (UU 25/2009 Pasal 4 huruf h, asas "
    "keterbukaan, juga belum diverifikasi)",
)
KETERBUKAAN = TRANSPARENCY


def openness_and(en: str, id_: str) -> Citation:
    """The article of UU 25/2009 in `en`/`id_`, then the guideline's principle of transparency."""
    return cite(at(UU_25_2009, en, id_), TRANSPARENCY)


ONLINE_CHANNELS = frozenset({"website", "mobile_app", "social_media"})
ON_SITE_CHANNELS = frozenset({"notice_board", "information_desk", "brochure"})

# Contacts as real standards write them: a label before the number ("Telp.", "HP.", "Hotline Service :"),
# two numbers or a line range in one cell ("(0768) 24795/23626", "(0564)41110-41186"), a host name without
# https:// ("www.disdik.pelalawan.go.id"), a full stop after an e-mail address. A citizen can use each of
# them as it stands; what cannot be used is a contact with no number, address or host at all, or an e-mail
# address written as a web address ("http://dinsos@inhilkab.go.id").
_PHONE_CANDIDATE = re.compile(r"\+?\(?\d[\d\s().-]*\d")
_LINE_RANGE = lazy_pattern(r"^(.*\d)-(\d+)$")
_HOST = lazy_pattern(
    r"(?:https?://)?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.(?:id|com|org|net|info|io)(?::\d+)?(?:[/?#]\S*)?",
    re.IGNORECASE,
)
_TOKEN_SEPARATORS = re.compile(r"[\s(),;]+")


def has_phone(text: str) -> bool:
    """Whether the text holds at least one Indonesian phone number a citizen can dial."""
    for candidate in _PHONE_CANDIDATE.findall(text):
        for piece in re.split(r"[/,]", candidate):
            part = piece.strip()
            if contacts.is_phone(part):
                return True
            ranged = _LINE_RANGE().match(part)  # "(0564)41110-41186": the lines 41110 to 41186
            if ranged and contacts.is_phone(ranged.group(1)):
                return True
    return False


def has_email(text: str) -> bool:
    """Whether the text holds an e-mail address (a full stop after it is the sentence's)."""
    return any(contacts.is_email(token.rstrip(".")) for token in _TOKEN_SEPARATORS.split(text))


def has_web_address(text: str) -> bool:
    """Whether the text holds a web address a browser opens: with https:// or a host name on a known domain.

    A token with `@` is an e-mail address, however it is dressed ("http://dinsos@inhilkab.go.id").
    """
    for piece in _TOKEN_SEPARATORS.split(text):
        token = piece.rstrip(".")
        if "@" not in token and (contacts.is_web_address(token) or _HOST().fullmatch(token)):
            return True
    return False


@lru_cache(maxsize=4096)  # bounded, and only texts up to 200 characters: a unit's numbers recur in its standards
def _usable(check: Callable[[str], bool], contact: str) -> bool:
    """`check(contact)`, remembered: the same contact is judged the same in every document."""
    return check(contact)


# What each complaint channel type's contact must be: (check, English and Indonesian description).
CONTACT_KINDS: dict[str, tuple[Callable[[str], bool], str, str]] = {
    "phone": (has_phone, "a phone number such as 0274-512345 or +62 812-2750-4411", "nomor telepon"),
    "sms": (has_phone, "a mobile number such as 0812-2750-4411", "nomor ponsel"),
    "whatsapp": (has_phone, "a mobile number such as +62 812-2750-4411", "nomor WhatsApp"),
    "fax": (has_phone, "a fax number such as (0274) 512347", "nomor faksimile"),
    "email": (has_email, "an e-mail address such as pengaduan@contoh.go.id", "alamat surel"),
    "website": (has_web_address, "a web address such as https://contoh.go.id", "alamat situs web"),
    "lapor": (
        has_web_address,
        "the SP4N-LAPOR! address, https://www.lapor.go.id",
        "alamat SP4N-LAPOR!, https://www.lapor.go.id",
    ),
}


def publication_hit(doc: Document) -> Hit | None:
    """Where the document shows it is not published at all, if it is not."""
    if "publication" not in doc:
        return Hit("", at_key=True)
    if "channels" not in doc["publication"]:
        return Hit("/publication", at_key=True)
    if not doc["publication"]["channels"]:
        return Hit("/publication/channels")
    return None


def is_published(doc: Document, ctx: RuleContext) -> bool:
    return publication_hit(doc) is None


def offers_online(doc: Document, ctx: RuleContext) -> bool:
    return "online" in doc["delivery"]["procedure"].get("channels", [])


@rule(
    id="TRA001",
    full_standard_only=True,
    principle=Principle.TRANSPARENCY,
    severity=Severity.ERROR,
    weight=5,
    title=("The standard is not published", "Standar pelayanan tidak dipublikasikan"),
    message=(
        "The standard names no place where it is published (`publication`), so the public cannot find it. Add "
        "`publication.channels` with each place it is published, online and at the service point.",
        "Standar pelayanan tidak menyebut media publikasinya (`publication`), sehingga masyarakat tidak dapat "
        "menemukannya. Tambahkan `publication.channels` berisi setiap media publikasinya, baik daring maupun di "
        "tempat pelayanan.",
    ),
    fix=(
        "Add `publication.channels`, e.g. `- {type: website, location: https://...}`.",
        "Tambahkan `publication.channels`, misalnya `- {type: website, location: https://...}`.",
    ),
    rationale=(
        "The six service-delivery components exist to be read by the people who use the service; a standard "
        "kept in a drawer serves nobody.",
        "Enam komponen penyampaian pelayanan dibuat untuk dibaca pengguna layanan; standar yang tersimpan di "
        "laci tidak bermanfaat bagi siapa pun.",
    ),
    reference=cite(
        on(
            PERMENPANRB_15_2014,
            "publication of the service-delivery components",
            "publikasi komponen penyampaian pelayanan",
        ),
        practice(
            "the KemenPANRB evaluation asks whether all six service-delivery components are published; the "
            "guideline's wording was not verified",
            "evaluasi KemenPANRB menanyakan apakah keenam komponen penyampaian pelayanan dipublikasikan; bunyi "
            "pedomannya belum diverifikasi",
        ),
    ),
    applies=is_own_record,
)
def TRA001(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    """Passing:

        publication: {channels: [{type: notice_board, location: Papan informasi ruang tunggu}]}

    Failing:

        publication: {channels: []}             # flagged here; a document without `publication` fails too
    """
    hit = publication_hit(doc)
    if hit is not None:
        yield hit


@rule(
    id="TRA002",
    full_standard_only=True,
    principle=Principle.TRANSPARENCY,
    severity=Severity.WARNING,
    weight=4,
    title=(
        "Not published both online and at the service point",
        "Tidak dipublikasikan secara daring dan di tempat pelayanan sekaligus",
    ),
    message=(
        "The standard is not published {where} (`publication.channels`). Add one of: {types}.",
        "Standar pelayanan belum dipublikasikan {where_id} (`publication.channels`). Tambahkan salah satu dari: "
        "{types}.",
    ),
    fix=(
        "Publish on a website, app or social media AND on a notice board, information desk or brochure.",
        "Publikasikan di situs web, aplikasi, atau media sosial DAN di papan informasi, meja informasi, atau brosur.",
    ),
    rationale=(
        "Citizens look for a standard before they come (online) and while they wait (at the service point); "
        "either alone leaves part of the public out.",
        "Masyarakat mencari standar pelayanan sebelum datang (daring) dan saat menunggu (di tempat pelayanan); "
        "salah satunya saja membuat sebagian masyarakat tidak terjangkau.",
    ),
    reference=KETERBUKAAN,
    applies=is_published,
)
def TRA002(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    """Passing:

        publication:
          channels:
            - {type: website, location: https://disdukcapil.contoh.go.id/sp}
            - {type: notice_board, location: Papan informasi ruang tunggu}

    Failing:

        publication: {channels: [{type: website, location: https://www.unsuka.ac.id/layanan/legalisir}]}
    """
    types = {channel["type"] for channel in doc["publication"]["channels"]}
    if not types & ONLINE_CHANNELS:
        params = {"where": "online", "where_id": "secara daring", "types": "website, mobile_app, social_media"}
        yield Hit("/publication/channels", params)
    if not types & ON_SITE_CHANNELS:
        params = {"where": "at the service point", "where_id": "di tempat pelayanan"}
        yield Hit("/publication/channels", {**params, "types": "notice_board, information_desk, brochure"})


@rule(
    id="TRA003",
    needs=("delivery/fees",),
    principle=Principle.TRANSPARENCY,
    severity=Severity.WARNING,
    weight=3,
    title=("Fee without an amount", "Biaya tanpa besaran"),
    message=(
        "The fee `{name}` in `delivery.fees` (fees) gives only a `{field}`: the applicant cannot know the price "
        "before applying. Replace it with fee entries that state the `amount` per case (with `when`), or "
        "publish a tariff table or calculator and waive this rule with that reason.",
        "Biaya `{name}` pada `delivery.fees` (biaya/tarif) hanya berupa `{field}`, sehingga pemohon tidak dapat "
        "mengetahui besarnya sebelum mengajukan permohonan. Ganti dengan butir biaya yang mencantumkan `amount` "
        "untuk setiap kasus (dengan `when`), atau publikasikan tabel tarif atau simulasi perhitungan dan "
        "ajukan pengecualian aturan ini dengan alasan tersebut.",
    ),
    fix=(
        "State the amount per case: `- {name: ..., amount: 150000, when: Bangunan rumah tinggal sampai 100 m2}`.",
        "Cantumkan besaran per kasus: `- {name: ..., amount: 150000, when: Bangunan rumah tinggal sampai 100 m2}`.",
    ),
    rationale=(
        "A formula of indices and unit prices tells an official how to compute a fee, not a citizen what to pay; "
        "an unknown price invites illegal charges.",
        "Rumus berisi indeks dan harga satuan memberi tahu petugas cara menghitung, bukan memberi tahu warga "
        "berapa yang harus dibayar; biaya yang tidak diketahui membuka peluang pungutan liar.",
    ),
    reference=openness_and("Article 21(e) (fees)", "Pasal 21 huruf e (biaya/tarif)"),
)
def TRA003(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    """Passing:

        fees: [{name: Penerbitan KTP-el, amount: 0}]

    Failing:

        fees: [{name: Retribusi PBG, formula: Luas lantai x indeks x SHST}]
    """
    for i, fee in enumerate(doc["delivery"]["fees"]):
        for field in ("formula", "reference"):  # 1.1: `reference`, the amount is in a regulation's annex
            if field in fee and not is_coverage(fee):  # "BPJS sesuai haknya" is coverage, not a price to state
                yield Hit(f"/delivery/fees/{i}/{field}", {"name": fee["name"], "field": field})


def _contact_hit(index: int, channel: Mapping[str, Any]) -> Hit | None:
    kind = CONTACT_KINDS.get(channel["type"])
    if kind is None:
        return None
    contact = channel["contact"]
    if _usable(kind[0], contact) if type(contact) is str and len(contact) <= 200 else kind[0](contact):
        return None
    params = {"type": channel["type"], "contact": channel["contact"], "expected": kind[1], "expected_id": kind[2]}
    return Hit(f"/delivery/complaints/channels/{index}/contact", params)


@rule(
    id="TRA004",
    needs=("delivery/complaints/channels",),
    principle=Principle.TRANSPARENCY,
    severity=Severity.WARNING,
    weight=3,
    title=("Complaint contact is not usable", "Kontak pengaduan tidak dapat digunakan"),
    message=(
        "The `{type}` channel in `delivery.complaints.channels` (complaint channels) gives `{contact}`, which is "
        "not {expected}. Write the contact so that a citizen can use it as it stands.",
        "Sarana pengaduan `{type}` pada `delivery.complaints.channels` (penanganan pengaduan, saran, dan masukan) "
        "berisi `{contact}`, yang tidak dapat dikenali sebagai {expected_id}. Tuliskan kontak yang dapat "
        "langsung digunakan masyarakat.",
    ),
    fix=(
        "Phones: +62…, 62…, 08…, (0xxx) … or 0xxx-…; e-mail: name@domain; website and LAPOR!: https://…",
        "Telepon: +62…, 62…, 08…, (0xxx) … atau 0xxx-…; surel: nama@domain; situs web dan LAPOR!: https://…",
    ),
    rationale=(
        "A complaint channel that cannot be dialled, mailed or opened is no channel; the law asks for complaint "
        "means that are easy to reach.",
        "Sarana pengaduan yang tidak dapat dihubungi, dikirimi surel, atau dibuka sama dengan tidak ada; "
        "undang-undang meminta sarana pengaduan yang mudah diakses.",
    ),
    reference=openness_and(
        "Article 21(j) (handling of complaints, suggestions and feedback) and Article 36 (the duty to announce the "
        "means of complaint and who is responsible; read as a paraphrase)",
        "Pasal 21 huruf j (penanganan pengaduan, saran, dan masukan) dan Pasal 36 (kewajiban mengumumkan sarana "
        "pengaduan dan penanggung jawabnya; dibaca dari parafrase)",
    ),
)
def TRA004(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    """Passing:

        channels: [{type: whatsapp, contact: "+62 812-2750-4411"}, {type: email, contact: aduan@contoh.go.id}]

    Failing:

        channels: [{type: email, contact: "0274-512346"}, {type: website, contact: "http://dinsos@contoh.go.id"}]
    """
    for i, channel in enumerate(doc["delivery"]["complaints"]["channels"]):
        hit = _contact_hit(i, channel)
        if hit is not None:
            yield hit


@rule(
    id="TRA005",
    principle=Principle.TRANSPARENCY,
    severity=Severity.INFO,
    weight=1,
    title=("No service hours", "Jam pelayanan tidak dicantumkan"),
    message=(
        "The standard states no `service_hours` (service hours): citizens cannot tell when to come. Add one "
        "entry per group of days with `days`, `open` and `close`.",
        "Standar pelayanan tidak mencantumkan `service_hours` (waktu/jam pelayanan), sehingga masyarakat tidak "
        "tahu kapan dapat datang. Tambahkan satu butir untuk setiap kelompok hari berisi `days`, `open`, dan "
        "`close`.",
    ),
    fix=(
        'Add `service_hours: [{days: [mon, tue, wed, thu, fri], open: "08:00", close: "15:00"}]`.',
        'Tambahkan `service_hours: [{days: [mon, tue, wed, thu, fri], open: "08:00", close: "15:00"}]`.',
    ),
    rationale=(
        "Opening hours are the first thing a citizen needs; an unannounced closing costs a wasted trip.",
        "Jam buka adalah informasi pertama yang dibutuhkan warga; jam tutup yang tidak diumumkan membuat "
        "perjalanan sia-sia.",
    ),
    reference=KETERBUKAAN,
)
def TRA005(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    """Passing:

        service_hours: [{days: [mon, tue, wed, thu, fri], open: "08:00", close: "15:00"}]

    Failing:

        service_hours: []                       # flagged here; a document without `service_hours` fails too
    """
    if "service_hours" not in doc:
        yield Hit("", at_key=True)
    elif not doc["service_hours"]:
        yield Hit("/service_hours")


@rule(
    id="TRA006",
    principle=Principle.TRANSPARENCY,
    severity=Severity.INFO,
    weight=1,
    title=("No provider contact", "Kontak penyelenggara tidak dicantumkan"),
    message=(
        "The provider's details (`provider`) give no `address`, `phone`, `email` or `website`: citizens cannot "
        "reach the office. Add at least the address and one phone number or e-mail address.",
        "Data penyelenggara (`provider`) tidak memuat `address`, `phone`, `email`, maupun `website`, sehingga "
        "masyarakat tidak dapat menghubungi kantor pelayanan. Tambahkan sekurang-kurangnya alamat dan satu "
        "nomor telepon atau alamat surel.",
    ),
    fix=(
        "Add `provider.address` and `provider.phone` or `provider.email`.",
        "Tambahkan `provider.address` serta `provider.phone` atau `provider.email`.",
    ),
    rationale=(
        "The public-service information system includes the provider's profile, and complaint handling must "
        "tell citizens who is responsible and where to find them.",
        "Sistem informasi pelayanan publik memuat profil penyelenggara, dan pengelolaan pengaduan harus "
        "memberi tahu masyarakat siapa penanggung jawabnya dan di mana ia dapat ditemui.",
    ),
    reference=openness_and(
        "and the provisions on the public-service information system and on complaint management",
        "serta ketentuan tentang sistem informasi pelayanan publik dan pengelolaan pengaduan",
    ),
)
def TRA006(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    """Passing:

        provider: {name: Disdukcapil Kota Contoh, address: Jl. Merdeka Nomor 17, phone: 0274-512345}

    Failing:

        provider: {name: Disdukcapil Kota Contoh, unit: Bidang Pelayanan}
    """
    if not {"address", "phone", "email", "website"} & doc["provider"].keys():
        yield Hit("/provider", at_key=True)


@rule(
    id="TRA007",
    needs=("delivery/complaints/channels",),
    principle=Principle.TRANSPARENCY,
    severity=Severity.WARNING,
    weight=3,
    title=("No channel into SP4N-LAPOR!", "Tidak ada sarana pengaduan SP4N-LAPOR!"),
    message=(
        "The complaint channels (`delivery.complaints.channels`) include none of type `lapor`: complaints cannot "
        "reach the national complaint system SP4N-LAPOR!. Add `{{type: lapor, contact: https://www.lapor.go.id}}`.",
        "Sarana pengaduan (`delivery.complaints.channels`) tidak memuat sarana bertipe `lapor`, sehingga pengaduan "
        "tidak tersambung ke Sistem Pengelolaan Pengaduan Pelayanan Publik Nasional (SP4N-LAPOR!). Tambahkan "
        "`{{type: lapor, contact: https://www.lapor.go.id}}`.",
    ),
    fix=(
        "Add `- {type: lapor, contact: https://www.lapor.go.id}` to `delivery.complaints.channels`.",
        "Tambahkan `- {type: lapor, contact: https://www.lapor.go.id}` pada `delivery.complaints.channels`.",
    ),
    rationale=(
        "SP4N-LAPOR! lets a citizen follow a complaint when the unit does not answer, and lets supervisors see it.",
        "SP4N-LAPOR! memungkinkan warga memantau pengaduannya ketika unit tidak menanggapi, dan memungkinkan "
        "atasan serta pengawas melihatnya.",
    ),
    reference=cite(
        on(
            PERPRES_76_2013,
            "the national complaint management system, SP4N-LAPOR!; Articles 18(3) and 19(5) verified as the bases "
            "of later regulations, their words not",
            "Sistem Pengelolaan Pengaduan Pelayanan Publik Nasional, SP4N-LAPOR!; Pasal 18 ayat (3) dan Pasal 19 "
            "ayat (5) terverifikasi sebagai dasar peraturan berikutnya, bunyinya belum",
        ),
        PERMENPANRB_5_2025,
    ),
)
def TRA007(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    """Passing:

        channels: [{type: lapor, contact: https://www.lapor.go.id}]

    Failing:

        channels: [{type: phone, contact: 0812-6021-4437}]
    """
    if all(channel["type"] != "lapor" for channel in doc["delivery"]["complaints"]["channels"]):
        yield Hit("/delivery/complaints/channels", at_key=True)


@rule(
    id="TRA008",
    needs=("delivery/procedure",),
    principle=Principle.TRANSPARENCY,
    severity=Severity.WARNING,
    weight=2,
    title=("Online service without its address", "Layanan daring tanpa alamat"),
    message=(
        "The procedure (`delivery.procedure`) offers an `online` channel but gives no "
        "`online_url`: applicants cannot find the online service. Add `online_url` with its full https:// address.",
        "Prosedur pelayanan (`delivery.procedure`) menyebut saluran `online` tetapi tidak mencantumkan "
        "`online_url`, sehingga pemohon tidak dapat menemukan layanan daringnya. Tambahkan `online_url` berisi "
        "alamat lengkap yang diawali https://.",
    ),
    fix=(
        "Add `delivery.procedure.online_url: https://...`.",
        "Tambahkan `delivery.procedure.online_url: https://...`.",
    ),
    rationale=(
        "An online channel nobody can find is an online channel only on paper.",
        "Saluran daring yang alamatnya tidak diketahui hanya ada di atas kertas.",
    ),
    reference=KETERBUKAAN,
    applies=offers_online,
)
def TRA008(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    """Passing:

        procedure: {channels: [in_person, online], online_url: https://disdukcapil.contoh.go.id/antrean, steps: ...}

    Failing:

        procedure: {channels: [in_person, online], steps: ...}
    """
    if "online_url" not in doc["delivery"]["procedure"]:
        yield Hit("/delivery/procedure", at_key=True)


RULES: tuple[Rule, ...] = (TRA001, TRA002, TRA003, TRA004, TRA005, TRA006, TRA007, TRA008)
