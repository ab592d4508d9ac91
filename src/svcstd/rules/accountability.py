"""Rules of the accountability principle (PermenPANRB 15/2014, Bab II): adopted, grounded in law, answerable."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from typing import Any, NamedTuple

from svcstd.model import Principle, Severity
from svcstd.rules.base import Document, Each, Hit, Rule, RuleContext, rule
from svcstd.rules.citations import (
    OMBUDSMAN_ASSESSMENT,
    PERPRES_76_2013,
    UU_25_2009,
    at,
    cite,
    general_knowledge,
    on,
    practice,
    principle,
)
from svcstd.rules.complaints import complaint_elements, is_complaint_service, names_handler
from svcstd.rules.facts import shared
from svcstd.standard.durations import describe, is_measured, upper_minutes
from svcstd.standard.fees import charged
from svcstd.standard.kinds import status
from svcstd.standard.steps import all_steps, legal_texts
from svcstd.standard.words import folded, quick_search

# "UU ... 25 tahun 2009" as two searches, the second from where the first ends: one pattern with `.*` between
# them went to the end and back for every "uu" (quadratic: 0.5 s for 10,000 characters, 2 s for 20,000).
_UU = re.compile(r"\b(?:undang undang|uu)\b")
_25_2009 = re.compile(r"\b25 (?:tahun )?2009\b")
_REGULATION_NUMBER = re.compile(r"\b(\d+[a-z]?) (?:tahun )?((?:19|20)\d\d)\b")
# A promise word and the standard it promises, in either order.
_PROMISE = re.compile(
    r"^(?=.*(?:sanggup|janji|komitmen|commit|promise|pledge))(?=.*standar)", re.IGNORECASE | re.DOTALL
)
_SANCTION = re.compile(r"sanksi|kompensasi|ganti rugi|sanction|compensat", re.IGNORECASE)

APPLICANT_ROLES = (
    "Pemohon",
    "Pengguna layanan",
    "Masyarakat",
    "Pasien",
    "Keluarga pasien",
    "Keluarga",
    "Kuasa",
    "Wali",
    "Pemustaka",
    "Pengunjung",
    "Penduduk",
    "Warga",
    "Wajib pajak",
    "Wajib retribusi",
    "Pelanggan",
    "Orang tua",
    "Applicant",
    "Service user",
    "Citizen",
    "Patient",
)
OFFICIAL_ROLES = (
    "Kepala",
    "Camat",
    "Lurah",
    "Direktur",
    "Sekretaris",
    "Pimpinan",
    "Pejabat",
    "Ketua",
    "Hakim",
    "Panitera",
    "Sistem",
    "Aplikasi",
    "Head",
    "Director",
    "System",
)
"""Heads of unit and signing officials, who sign rather than staff a desk, and systems that act on their own."""
GENERIC_STAFF = frozenset({"petugas", "pelaksana", "staf", "staff", "operator", "pegawai", "officer", "tim", "team"})
"""Words that say "a member of staff" and nothing about which one: Petugas, Pelaksana and Staf are the same."""
PRINCIPLE_REF = principle("principle of accountability", "prinsip akuntabel")
MINUTES_PER_DAY = 1440.0


def normalise(text: str) -> str:
    """Lower case, punctuation (including `/` and `-`) folded to single spaces."""
    return folded(text)


def _is_adopted(doc: Document, ctx: RuleContext) -> bool:
    return bool(status(doc) == "adopted")


def _fees(doc: Document) -> list[Mapping[str, Any]]:
    return list(doc["delivery"]["fees"])


def _charges(fee: Mapping[str, Any]) -> bool:
    """A fee the citizen pays (standard/fees.py): coverage such as "BPJS sesuai haknya" is not one."""
    return charged(fee)


@rule(
    id="ACC001",
    full_standard_only=True,
    principle=Principle.ACCOUNTABILITY,
    severity=Severity.ERROR,
    weight=5,
    title=("Adopted standard without a complete adoption record", "Standar berstatus ditetapkan tanpa data penetapan"),
    message=(
        "The standard is adopted (status: adopted), but {missing_en} is missing. Record the adopting decree, "
        "its date and who signed it.",
        "Standar pelayanan berstatus ditetapkan (status: adopted), tetapi {missing_id} belum dicantumkan. "
        "Cantumkan nomor keputusan penetapan, tanggalnya, dan pejabat yang menandatanganinya.",
    ),
    fix=(
        "Add `adoption: {decree: ..., date: YYYY-MM-DD, signed_by: ...}` from the adopting decree.",
        "Tambahkan `adoption: {decree: ..., date: TTTT-BB-HH, signed_by: ...}` sesuai keputusan penetapan.",
    ),
    rationale=(
        "The provider must draw up and adopt its standard; the decree, its date and its signer are what make "
        "the standard binding and show who answers for it.",
        "Penyelenggara wajib menyusun dan menetapkan standar pelayanan; keputusan, tanggal, dan penanda tangan "
        "penetapan menjadikan standar mengikat dan menunjukkan siapa yang bertanggung jawab.",
    ),
    reference=cite(
        at(
            UU_25_2009,
            "Article 15(a) (drawing up and adopting the service standard)",
            "Pasal 15 huruf a (menyusun dan menetapkan standar pelayanan)",
        ),
        PRINCIPLE_REF,
    ),
    applies=_is_adopted,
)
def ACC001(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    """Passing:

        status: adopted
        adoption: {decree: Keputusan Kepala Dinas Nomor 470/015/2026, date: 2026-01-12, signed_by: Kepala Dinas}

    Failing:

        status: adopted                         # flagged here when `adoption` is missing altogether
        adoption: {decree: Keputusan Kepala Dinas Nomor 470/015/2026, date: 2026-01-12}   # no signer: flagged here
    """
    if "adoption" not in doc:
        params = {"missing_en": "the adoption record (`adoption`)", "missing_id": "data penetapan (`adoption`)"}
        yield Hit("/status" if "status" in doc else "", params, at_key="status" not in doc)
    elif "signed_by" not in doc["adoption"]:
        params = {
            "missing_en": "the official who signed the decree (`adoption.signed_by`)",
            "missing_id": "pejabat penanda tangan keputusan (`adoption.signed_by`)",
        }
        yield Hit("/adoption", params, at_key=True)


def _cites_uu_25_2009(entry: object) -> bool:
    """The law itself, not a regulation about it: look only before "tentang"."""
    texts = legal_texts(entry)
    return any(_names_uu_25_2009(normalise(text).split(" tentang ")[0]) for text in texts)


def _names_uu_25_2009(head: str) -> bool:
    law = _UU.search(head)
    return law is not None and _25_2009.search(head, law.end()) is not None


@rule(
    id="ACC002",
    full_standard_only=True,
    needs=("manufacturing/legal_basis",),
    principle=Principle.ACCOUNTABILITY,
    severity=Severity.INFO,
    weight=1,
    title=("Public-service law missing from the legal basis", "UU Pelayanan Publik tidak tercantum dalam dasar hukum"),
    message=(
        "The legal basis (manufacturing.legal_basis, dasar hukum) does not list Law No. 25 of 2009 on Public "
        "Services (UU 25/2009). Add it.",
        "Dasar hukum (manufacturing.legal_basis) belum mencantumkan Undang-Undang Nomor 25 Tahun 2009 tentang "
        "Pelayanan Publik. Tambahkan undang-undang tersebut.",
    ),
    fix=(
        "Add `- title: Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik`.",
        "Tambahkan `- title: Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik`.",
    ),
    rationale=(
        "Every service standard exists because UU 25/2009 requires it, and the adoption decree usually lists it "
        "among its considerations. Pasal 21 huruf a asks for the regulations the service itself rests on, not "
        "for UU 25/2009 by name: listing it is template practice, so its absence is only a note.",
        "Setiap standar pelayanan disusun karena diwajibkan UU 25/2009, dan keputusan penetapannya lazim "
        "mencantumkannya pada bagian mengingat. Pasal 21 huruf a meminta peraturan yang menjadi dasar "
        "penyelenggaraan layanan itu sendiri, bukan UU 25/2009 secara khusus: mencantumkannya merupakan praktik "
        "templat, sehingga ketiadaannya hanya berupa catatan.",
    ),
    reference=cite(
        at(
            UU_25_2009,
            "Article 21(a) (legal basis: the regulations of the service itself; it does not require UU 25/2009 to "
            "be listed)",
            "Pasal 21 huruf a (dasar hukum: peraturan layanan itu sendiri; tidak mewajibkan UU 25/2009 dicantumkan)",
        ),
        practice("the adoption decree's template ('Mengingat')", "templat keputusan penetapan ('Mengingat')"),
    ),
)
def ACC002(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    """Passing:

        legal_basis:                            # listed by title or ref ("25 Tahun 2009", "25/2009")
          - title: Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik

    Failing:

        legal_basis:                            # only the implementing regulation: flagged here, on the key
          - title: Peraturan Pemerintah Nomor 96 Tahun 2012 tentang Pelaksanaan Undang-Undang Nomor 25 Tahun 2009
    """
    if not any(_cites_uu_25_2009(entry) for entry in doc["manufacturing"]["legal_basis"]):
        yield Hit("/manufacturing/legal_basis", at_key=True)


MAX_NAMED = 5
"""A finding names at most this many items; the count says how many there are."""


def _founded(fee: Mapping[str, Any]) -> bool:
    """A fee that names its basis, or whose amount lives in a named regulation (`reference`, format 1.1)."""
    return "basis" in fee or "reference" in fee


def _charged_count(doc: Document, ctx: RuleContext) -> int:
    return sum(1 for fee in _fees(doc) if _charges(fee))


def _charges_anything(doc: Document, ctx: RuleContext) -> bool:
    return any(_charges(fee) for fee in _fees(doc))


@rule(
    id="ACC003",
    needs=("delivery/fees",),
    principle=Principle.ACCOUNTABILITY,
    severity=Severity.ERROR,
    weight=4,
    title=("Fee without a legal basis", "Biaya/tarif tanpa dasar hukum"),
    message=(
        "{count} charged fee(s) (delivery.fees, biaya/tarif) have no `basis`: {names}. Name the regulation "
        "that sets them.",
        "{count} biaya/tarif yang dipungut (delivery.fees) belum mencantumkan dasar hukumnya (`basis`): {names}. "
        "Tambahkan peraturan yang menetapkan besaran biaya tersebut.",
    ),
    fix=(
        "Add `basis:` with the regulation and article (a Perda on levies, a PP on PNBP, a BLU tariff decree).",
        "Tambahkan `basis:` berisi peraturan dan pasal yang menetapkan tarif (Perda retribusi, PP tentang PNBP, "
        "atau keputusan tarif BLU).",
    ),
    rationale=(
        "A charge without a regulation behind it cannot be told apart from an illegal levy (pungutan liar); "
        "the amount of a public-service fee must be set under the law.",
        "Pungutan tanpa dasar peraturan tidak dapat dibedakan dari pungutan liar; besaran biaya pelayanan "
        "publik harus ditetapkan berdasarkan peraturan perundang-undangan.",
    ),
    reference=cite(
        at(UU_25_2009, "Article 21(e) (fees)", "Pasal 21 huruf e (biaya/tarif)"),
        general_knowledge(
            "the provisions of UU 25/2009 on setting fees (Article 31 not verified)",
            "ketentuan UU 25/2009 tentang penetapan biaya/tarif (Pasal 31 belum diverifikasi)",
        ),
        PRINCIPLE_REF,
    ),
    applies=_charges_anything,
    items=_charged_count,
)
def ACC003(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    """Passing:

        fees:
          - {name: Penerbitan KTP-el, amount: 0}   # free: needs no basis
          - {name: Legalisir per lembar, amount: 10000, basis: Peraturan Rektor Nomor 3 Tahun 2024}

    Failing:

        fees:
          - {name: Retribusi PBG, formula: Luas lantai x indeks x SHST}   # flagged at the fee, on its key
    """
    if "fee_basis" in doc["delivery"]:  # format 1.1: one basis for the whole tariff table
        return
    unfounded = [(index, fee) for index, fee in enumerate(_fees(doc)) if _charges(fee) and not _founded(fee)]
    if not unfounded:
        return
    names = ", ".join(f"'{fee['name']}'" for _, fee in unfounded[:MAX_NAMED])
    if len(unfounded) > MAX_NAMED:
        names += f" (+{len(unfounded) - MAX_NAMED})"
    first = unfounded[0][0] if len(unfounded) == 1 else None
    pointer = f"/delivery/fees/{first}" if first is not None else "/delivery/fees"
    each = Each(
        lambda: (
            Hit(f"/delivery/fees/{index}", {"count": 1, "names": f"'{fee['name']}'"}, at_key=True)
            for index, fee in unfounded
        )
    )
    yield Hit(pointer, {"count": len(unfounded), "names": names}, at_key=True, items=len(unfounded), each=each)


def _regulation_key(text: str) -> str:
    """The first "number/year" pair of a citation (the regulation itself, not those it amends)."""
    normal = normalise(text)
    found = _REGULATION_NUMBER.search(normal)
    return f"{found.group(1)}/{found.group(2)}" if found else normal


def _legal_keys(doc: Document) -> set[str]:
    keys: set[str] = set()
    for entry in doc["manufacturing"]["legal_basis"]:
        keys.update(_regulation_key(text) for text in legal_texts(entry))
    return keys


def _has_fee_basis(doc: Document, ctx: RuleContext) -> bool:
    return "fee_basis" in doc["delivery"] or any("basis" in fee for fee in _fees(doc))


@rule(
    id="ACC004",
    full_standard_only=True,
    needs=("delivery/fees", "manufacturing/legal_basis"),
    principle=Principle.ACCOUNTABILITY,
    severity=Severity.WARNING,
    weight=3,
    title=("Fee basis not in the legal basis", "Dasar hukum biaya/tarif tidak tercantum dalam dasar hukum"),
    message=(
        "The basis of the fee '{name}' (delivery.fees.basis, biaya/tarif) is not among the regulations listed "
        "in the legal basis (manufacturing.legal_basis, dasar hukum). Add that regulation to the legal basis.",
        "Dasar pengenaan biaya/tarif '{name}' (delivery.fees.basis) tidak termasuk dalam daftar dasar hukum "
        "(manufacturing.legal_basis). Tambahkan peraturan tersebut ke dalam dasar hukum.",
    ),
    fix=(
        "List the regulation named in `basis` under `manufacturing.legal_basis`, or correct `basis`.",
        "Cantumkan peraturan yang disebut pada `basis` dalam `manufacturing.legal_basis`, atau perbaiki `basis`.",
    ),
    rationale=(
        "The legal basis is the list of regulations the standard answers to; a fee resting on a regulation "
        "outside it cannot be checked. Regulations are matched by number and year where given, else by text.",
        "Dasar hukum adalah daftar peraturan yang menjadi pijakan standar; biaya yang bersandar pada peraturan "
        "di luar daftar itu tidak dapat diperiksa. Peraturan dicocokkan berdasarkan nomor dan tahun bila ada, "
        "selain itu berdasarkan teksnya.",
    ),
    reference=cite(
        at(
            UU_25_2009,
            "Article 21(a) (legal basis) and (e) (fees)",
            "Pasal 21 huruf a (dasar hukum) dan huruf e (biaya/tarif)",
        ),
        PRINCIPLE_REF,
    ),
    applies=_has_fee_basis,
)
def ACC004(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    """Passing:

        fees: [{name: Penerbitan KTP-el, amount: 0, basis: UU 24/2013 Pasal 79A}]
        legal_basis: [{title: Undang-Undang Nomor 24 Tahun 2013 tentang Perubahan atas UU 23/2006}]

    Failing:

        fees: [{name: Retribusi PBG, formula: ..., basis: Perda Kabupaten Sukamaju Nomor 4 Tahun 2023}]   # flagged
        legal_basis: [{title: Undang-Undang Nomor 28 Tahun 2002 tentang Bangunan Gedung}]
    """
    known = _legal_keys(doc)
    for index, fee in enumerate(_fees(doc)):
        if "basis" in fee and _regulation_key(fee["basis"]) not in known:
            yield Hit(f"/delivery/fees/{index}/basis", {"name": fee["name"]})
    basis = doc["delivery"].get("fee_basis")  # 1.1: one basis for the whole tariff table
    if basis is not None and _regulation_key(basis) not in known:
        yield Hit("/delivery/fee_basis", {"name": "fee_basis"})


class ComplaintElement(NamedTuple):
    name_en: str
    name_id: str
    present: Callable[[Mapping[str, Any]], bool]


COMPLAINT_ELEMENTS = (
    ComplaintElement("complaint handler (`handler`)", "pengelola pengaduan (`handler`)", names_handler),
    ComplaintElement(
        "response time (`response_time`)",
        "jangka waktu tanggapan (`response_time`)",
        lambda complaints: "response_time" in complaints or bool(complaints.get("times")),
    ),
)
"""What ACC005 asks of complaint handling: someone answerable for complaints and a time to answer them."""


@rule(
    id="ACC005",
    needs=("delivery/complaints",),
    principle=Principle.ACCOUNTABILITY,
    severity=Severity.WARNING,
    weight=4,
    title=("No complaint handler or response time", "Pengelola pengaduan atau waktu tanggapan tidak ditetapkan"),
    message=(
        "Complaint handling (delivery.complaints, penanganan pengaduan, saran, dan masukan) names no {what_en}. "
        "Add it.",
        "Penanganan pengaduan, saran, dan masukan (delivery.complaints) belum mencantumkan {what_id}. "
        "Tambahkan isian tersebut.",
    ),
    fix=(
        "Add `handler:` (the unit or officer who answers complaints) and `response_time:` (a duration).",
        "Tambahkan `handler:` (unit atau pelaksana pengelola pengaduan) dan `response_time:` (jangka waktu tanggapan).",
    ),
    rationale=(
        "The provider must assign competent staff to handle complaints and settle them quickly; a complaint "
        "with no one responsible and no deadline goes unanswered.",
        "Penyelenggara wajib menugaskan pelaksana yang kompeten untuk mengelola pengaduan dan menyelesaikannya "
        "dengan cepat; pengaduan tanpa penanggung jawab dan tenggat waktu tidak akan terjawab.",
    ),
    reference=cite(
        at(
            UU_25_2009,
            "Article 21(j) (handling of complaints, suggestions and feedback) and the provisions on complaint "
            "management",
            "Pasal 21 huruf j (penanganan pengaduan, saran, dan masukan) dan ketentuan tentang pengelolaan pengaduan",
        ),
        PERPRES_76_2013,
        PRINCIPLE_REF,
    ),
    items=lambda doc, ctx: len(COMPLAINT_ELEMENTS),
)
def ACC005(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    """Passing:

        complaints:
          handler: Seksi Pengaduan dan Informasi
          response_time: {value: 3, unit: working_days}
          channels: [{type: lapor, contact: https://www.lapor.go.id}]

    A handler is named by `handler`, by a channel's `person`, by an actor of the complaint `procedure` other
    than the complainant, or by an in-person channel that names an officer ("Petugas informasi dan
    pengaduan"), as real standards write it.

    Failing:

        complaints:                             # flagged here, on the key, once for both missing elements
          channels: [{type: lapor, contact: https://www.lapor.go.id}]
    """
    complaints = doc["delivery"]["complaints"]
    missing = [element for element in COMPLAINT_ELEMENTS if not element.present(complaints)]
    if not missing or (is_complaint_service(doc) and not complaint_elements(complaints, False, doc)):
        return  # a complaint-handling service names its handler and time in its own procedure
    each = Each(
        lambda: (
            Hit("/delivery/complaints", {"what_en": e.name_en, "what_id": e.name_id}, at_key=True) for e in missing
        )
    )
    params = {
        "what_en": " and no ".join(e.name_en for e in missing),
        "what_id": " dan ".join(e.name_id for e in missing),
    }
    yield Hit("/delivery/complaints", params, at_key=True, items=len(missing), each=each)


def _response_times(doc: Document) -> Iterator[tuple[str, Mapping[str, Any]]]:
    """`response_time`, and each 1.1 `times` entry of kind `respond` (what `response_time` means), with a number."""
    complaints = doc["delivery"]["complaints"]
    if is_measured(complaints.get("response_time")):
        yield "/delivery/complaints/response_time", complaints["response_time"]
    for index, entry in enumerate(complaints.get("times", [])):
        if entry.get("kind") == "respond" and is_measured(entry["duration"]):
            yield f"/delivery/complaints/times/{index}/duration", entry["duration"]


def _has_response_time(doc: Document, ctx: RuleContext) -> bool:
    return any(True for _ in _response_times(doc))


@rule(
    id="ACC006",
    needs=("delivery/complaints",),
    principle=Principle.ACCOUNTABILITY,
    severity=Severity.WARNING,
    weight=3,
    title=("Complaint response time too long", "Waktu tanggapan pengaduan terlalu lama"),
    message=(
        "The complaint response time (delivery.complaints.response_time, penanganan pengaduan) is {time_en}, "
        "longer than {max} calendar days. Shorten it.",
        "Waktu tanggapan pengaduan (delivery.complaints.response_time) adalah {time_id}, melebihi {max} hari "
        "kalender. Persingkat waktu tanggapan tersebut.",
    ),
    fix=(
        "Promise an answer within 14 calendar days (10 working days) or sooner, or within the limit of the "
        "provider's own regulation.",
        "Tetapkan jangka waktu tanggapan paling lama 14 hari kalender (10 hari kerja), atau sesuai batas dalam "
        "peraturan penyelenggara.",
    ),
    rationale=(
        "Complaints must be settled quickly and completely. Answering a written complaint within 14 days is the "
        "common practice and the default here; where the provider's own regulation sets another limit, set "
        "`max_response_days` to it. A working day counts as 7/5 of a calendar day.",
        "Pengaduan harus diselesaikan dengan cepat dan tuntas. Menanggapi pengaduan tertulis paling lama 14 hari "
        "adalah praktik yang lazim dan menjadi nilai bawaan aturan ini; apabila peraturan penyelenggara sendiri "
        "menetapkan batas lain, sesuaikan opsi `max_response_days` dengan batas tersebut. Satu hari kerja "
        "dihitung 7/5 hari kalender.",
    ),
    reference=cite(
        general_knowledge(
            "an answer within 14 days of receipt, as the Ombudsman is reported to say; no article of UU 25/2009 "
            "verified",
            "jawaban paling lambat 14 hari sejak pengaduan diterima, sebagaimana dilaporkan dari Ombudsman; belum ada "
            "pasal UU 25/2009 yang diverifikasi",
        ),
        on(
            PERPRES_76_2013,
            "complaint management; its wording not verified",
            "pengelolaan pengaduan; bunyinya belum diverifikasi",
        ),
    ),
    options={"max_response_days": 14},
    applies=_has_response_time,
)
def ACC006(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    """Passing:

        complaints:
          response_time: {value: 10, unit: working_days}   # 10 working days is exactly 14 days

    Failing:

        complaints:
          response_time: {value: 30, unit: days}           # flagged here
    """
    limit = int(ctx.options["max_response_days"])
    for pointer, response in _response_times(doc):
        if upper_minutes(response) > limit * MINUTES_PER_DAY + 1e-6:
            params = {"time_en": describe(response, "en"), "time_id": describe(response, "id"), "max": limit}
            yield Hit(pointer, params)


@rule(
    id="ACC007",
    full_standard_only=True,
    principle=Principle.ACCOUNTABILITY,
    severity=Severity.ERROR,
    weight=4,
    title=("No signed service pledge", "Maklumat pelayanan belum ditandatangani"),
    message=(
        "The service pledge (pledge, maklumat pelayanan) {problem_en}. Adopt a pledge signed and dated by the "
        "head of the provider.",
        "Maklumat pelayanan (pledge) {problem_id}. Tetapkan maklumat pelayanan yang ditandatangani dan diberi "
        "tanggal oleh pimpinan penyelenggara.",
    ),
    fix=(
        "Add `pledge: {text: ..., signed_by: ..., date: YYYY-MM-DD}`.",
        "Tambahkan `pledge: {text: ..., signed_by: ..., date: TTTT-BB-HH}`.",
    ),
    rationale=(
        "The provider must draw up, adopt and publish a service pledge; unsigned and undated it binds nobody.",
        "Penyelenggara wajib menyusun, menetapkan, dan memublikasikan maklumat pelayanan; tanpa tanda tangan dan "
        "tanggal, maklumat tidak mengikat siapa pun.",
    ),
    reference=cite(
        at(
            UU_25_2009,
            "Article 15(b) (drawing up, adopting and publishing the service pledge; Article 22 not verified)",
            "Pasal 15 huruf b (menyusun, menetapkan, dan memublikasikan maklumat pelayanan; Pasal 22 belum "
            "diverifikasi)",
        ),
        practice("a signature and a date on the pledge", "tanda tangan dan tanggal pada maklumat"),
    ),
    applies=_is_adopted,
)
def ACC007(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    """Passing:

        pledge: {text: Dengan ini kami menyatakan sanggup ..., signed_by: Kepala Dinas, date: 2026-01-12}

    Failing:

        status: adopted                         # flagged here when `pledge` is missing altogether
        pledge: {text: Dengan ini kami menyatakan sanggup ...}   # no signer and no date: flagged here, on the key
    """
    if "pledge" not in doc:
        yield Hit("/status", {"problem_en": "is missing", "problem_id": "belum disusun"})
        return
    missing = [f"`{key}`" for key in ("signed_by", "date") if key not in doc["pledge"]]
    if missing:
        params = {
            "problem_en": "lacks " + " and ".join(missing),
            "problem_id": "belum mencantumkan " + " dan ".join(missing),
        }
        yield Hit("/pledge", params, at_key=True)


def matches_staff(actor: str, staffed: set[str], role_words: frozenset[str] | None = None) -> bool:
    """A normalised actor names a staffed role: the same words, or a word in common beyond "petugas", "staf"…

    "Petugas" alone matches any staffed role; "Petugas loket" matches "Pelaksana loket"; "Kepala Seksi"
    matches "Kepala Seksi Pelayanan".
    """
    if actor in staffed:
        return True
    words = set(actor.split()) - GENERIC_STAFF
    if not words:
        return bool(staffed)
    return not words.isdisjoint(staff_words(staffed) if role_words is None else role_words)


def staff_words(staffed: set[str]) -> frozenset[str]:
    """Every word of the staffed roles beyond the generic ones: an actor sharing one with any role matches.

    A word in common with some role is a word in common with their union, so one set serves every step
    (a word set per role per step was O(steps x roles)).
    """
    return frozenset(word for role in staffed for word in role.split()) - GENERIC_STAFF


def _is_applicant(actor: str, applicants: tuple[str, ...]) -> bool:
    """The applicant: "Pemohon", also "Pemohon atau kuasanya" or "Pasien atau keluarga pasien"."""
    return any(actor == role or actor.startswith(role + " ") for role in applicants)


def _staffed_roles(doc: Document) -> set[str]:
    """Roles with staff: a count above 0, a range, a role with no number (1.1: unknown, not none), a composition."""
    roles = set()
    for entry in doc["manufacturing"]["staff_count"]:
        if "role" in entry and (entry.get("count", 1) > 0 or entry.get("max", 0) > 0):
            roles.add(normalise(entry["role"]))
        roles.update(normalise(part["role"]) for part in entry.get("composition", []) if part["count"] > 0)
    return roles


def _exempt_roles(roles: tuple[str, ...]) -> tuple[str, ...]:
    """The applicant and official roles normalised: the same for every document of a run (36 of them by default,
    which were folded again for each document), so remembered by the roles as given (at most 64 sets of them)."""
    try:
        return _EXEMPT[roles]
    except KeyError:
        pass
    except TypeError:  # a role that cannot be a key: normalised afresh, as before
        return tuple(normalise(role) for role in roles)
    if len(_EXEMPT) >= 64:
        _EXEMPT.clear()
    exempt = _EXEMPT[roles] = tuple(normalise(role) for role in roles)
    return exempt


_EXEMPT: dict[tuple[str, ...], tuple[str, ...]] = {}


@rule(
    id="ACC008",
    full_standard_only=True,
    needs=("delivery/procedure", "manufacturing/staff_count"),
    principle=Principle.ACCOUNTABILITY,
    severity=Severity.INFO,
    weight=1,
    title=("Procedure actor with no staffed role", "Pelaksana langkah prosedur tidak tercantum dalam jumlah pelaksana"),
    message=(
        "The actor '{actor}' of step {number} (delivery.procedure.steps, prosedur) matches no role with staff "
        "in the staff count (manufacturing.staff_count, jumlah pelaksana). Add the role or correct the actor.",
        "Pelaksana '{actor}' pada langkah prosedur {number} (delivery.procedure.steps) tidak sesuai dengan "
        "jabatan mana pun yang memiliki pelaksana pada jumlah pelaksana (manufacturing.staff_count). "
        "Tambahkan jabatan tersebut atau samakan penulisan nama pelaksananya.",
    ),
    fix=(
        "Name the actor as the role in `staff_count` is named (with a count above 0), or add that role.",
        "Tuliskan pelaksana sesuai nama jabatan pada `staff_count` (dengan jumlah lebih dari 0), atau "
        "tambahkan jabatan tersebut.",
    ),
    rationale=(
        "A step is answerable only if someone is assigned to it. Actors and roles are compared by their words, "
        "ignoring case and the generic words petugas, pelaksana, staf and operator; the applicant's own steps "
        "(option applicant_roles), signing officials and systems (option official_roles) and steps at another "
        "agency are exempt. Real standards name actors loosely, so a miss is a suggestion, not a defect.",
        "Langkah prosedur hanya dapat dipertanggungjawabkan bila ada pelaksana yang ditugaskan. Pelaksana dan "
        "jabatan dibandingkan menurut katanya, tanpa membedakan huruf besar dan tanpa kata umum petugas, "
        "pelaksana, staf, dan operator; langkah pemohon sendiri (opsi applicant_roles), pejabat penanda tangan "
        "dan sistem (opsi official_roles), serta langkah di instansi lain dikecualikan. Standar yang nyata "
        "menyebut pelaksana secara longgar, sehingga ketidaksesuaian hanya berupa saran, bukan cacat.",
    ),
    reference=cite(
        at(
            UU_25_2009,
            "Article 21(c) (system, mechanism and procedure) and (k) (number of staff)",
            "Pasal 21 huruf c (sistem, mekanisme, dan prosedur) dan huruf k (jumlah pelaksana)",
        ),
        PRINCIPLE_REF,
    ),
    options={"applicant_roles": APPLICANT_ROLES, "official_roles": OFFICIAL_ROLES},
)
def ACC008(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    """Passing:

        # compared by words; "Pelaksana loket" is "Petugas loket"; applicants and signing officials are exempt
        steps: [{actor: Pemohon, action: Mendaftar}, {actor: Pelaksana loket, action: Memeriksa dokumen},
                {actor: Kepala Dinas, action: Menandatangani}]
        staff_count: [{role: Petugas loket, count: 4}]

    Failing:

        steps: [{actor: Petugas arsip, action: Menyimpan berkas}]   # flagged at `actor`
        staff_count: [{role: Petugas loket, count: 4}]
    """
    exempt = _exempt_roles((*ctx.options["applicant_roles"], *ctx.options["official_roles"]))
    staffed = _staffed_roles(doc)
    role_words = staff_words(staffed)
    for found in shared(doc, all_steps):
        if "actor" not in found.step or "agency" in found.step:  # passive, or staffed by another agency
            continue
        actor = normalise(found.step["actor"])
        if not matches_staff(actor, staffed, role_words) and not _is_applicant(actor, exempt):
            yield Hit(f"{found.pointer}/actor", {"actor": found.step["actor"], "number": found.number})


PLEDGE_ELEMENTS = (
    (_PROMISE, "a promise to serve according to the standard", "janji memberikan pelayanan sesuai standar pelayanan"),
    (
        _SANCTION,
        "readiness to accept sanctions or give compensation when the service falls short",
        "kesediaan menerima sanksi atau memberikan kompensasi apabila pelayanan tidak sesuai standar",
    ),
)
"""The two elements of the official maklumat template of PermenPANRB 15/2014. A promise of continuous
improvement is one region's practice, not the template's: it is not asked for."""
_PLEDGE_SEARCHES = tuple((quick_search(pattern), en, id_) for pattern, en, id_ in PLEDGE_ELEMENTS)

OFFICIAL_PLEDGE = (
    "Dengan ini, kami menyatakan sanggup menyelenggarakan pelayanan sesuai standar pelayanan yang telah "
    "ditetapkan dan apabila tidak menepati janji ini, kami siap menerima sanksi sesuai peraturan "
    "perundang-undangan yang berlaku."
)
"""The maklumat of the PermenPANRB 15/2014 template, as real units publish it verbatim (DOMAIN.md)."""


def _has_pledge(doc: Document, ctx: RuleContext) -> bool:
    return "pledge" in doc


@rule(
    id="ACC009",
    full_standard_only=True,
    principle=Principle.ACCOUNTABILITY,
    severity=Severity.INFO,
    weight=1,
    title=("Service pledge lacks an element", "Maklumat pelayanan belum memuat semua unsur"),
    message=(
        "The service pledge (pledge.text, maklumat pelayanan) does not yet include: {missing_en}. Add what is "
        "missing to the pledge.",
        "Maklumat pelayanan (pledge.text) belum memuat: {missing_id}. Lengkapi teks maklumat dengan unsur yang "
        "belum ada.",
    ),
    fix=(
        "State the promise to serve according to the standard and the readiness to accept sanctions (or give "
        'compensation) when the service falls short, as the official template does: "Dengan ini, kami '
        "menyatakan sanggup menyelenggarakan pelayanan sesuai standar pelayanan yang telah ditetapkan dan "
        "apabila tidak menepati janji ini, kami siap menerima sanksi sesuai peraturan perundang-undangan yang "
        'berlaku."',
        "Nyatakan kesanggupan melaksanakan pelayanan sesuai standar dan kesediaan menerima sanksi (atau "
        'memberikan kompensasi) apabila pelayanan tidak sesuai standar, seperti templat resmi: "Dengan ini, '
        "kami menyatakan sanggup menyelenggarakan pelayanan sesuai standar pelayanan yang telah ditetapkan dan "
        "apabila tidak menepati janji ini, kami siap menerima sanksi sesuai peraturan perundang-undangan yang "
        'berlaku."',
    ),
    rationale=(
        "A pledge is a promise the public can hold the provider to. The maklumat template of PermenPANRB "
        "15/2014 has two elements: the promise to serve according to the standard and the readiness to accept "
        "sanctions; the Ombudsman scores the pledge's substance, not only its presence. A promise of continuous "
        "improvement, which some regions add, is good practice and not asked for.",
        "Maklumat adalah janji yang dapat ditagih masyarakat. Templat maklumat PermenPANRB 15/2014 memuat dua "
        "unsur: kesanggupan melaksanakan pelayanan sesuai standar dan kesediaan menerima sanksi; Ombudsman "
        "menilai substansi maklumat, bukan hanya keberadaannya. Janji perbaikan berkelanjutan, yang ditambahkan "
        "sebagian daerah, merupakan praktik baik dan tidak diwajibkan.",
    ),
    reference=cite(
        at(UU_25_2009, "Article 15(b) (service pledge)", "Pasal 15 huruf b (maklumat pelayanan)"),
        at(OMBUDSMAN_ASSESSMENT, "substance of the service pledge", "substansi maklumat pelayanan"),
    ),
    applies=_has_pledge,
)
def ACC009(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    """Passing:

        pledge:   # the official template of PermenPANRB 15/2014
          text: Dengan ini, kami menyatakan sanggup menyelenggarakan pelayanan sesuai standar pelayanan yang telah
            ditetapkan dan apabila tidak menepati janji ini, kami siap menerima sanksi sesuai peraturan
            perundang-undangan yang berlaku.

    Failing:

        pledge: {text: Kami sanggup melayani sesuai standar pelayanan.}   # flagged: no sanction
    """
    text = doc["pledge"]["text"]
    missing = [(en, id_) for search, en, id_ in _PLEDGE_SEARCHES if not search(text)]
    if missing:
        params = {"missing_en": "; ".join(en for en, _ in missing), "missing_id": "; ".join(i for _, i in missing)}
        yield Hit("/pledge/text", params)


RULES: tuple[Rule, ...] = (ACC001, ACC002, ACC003, ACC004, ACC005, ACC006, ACC007, ACC008, ACC009)
