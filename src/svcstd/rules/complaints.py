"""Complaint handling by its elements (UU 25/2009 Pasal 21 huruf j, Pasal 36): issue #14, ACC011 and ACC012.

ACC005 asks for a handler and a response time; these rules read the whole complaint part as format 1.1 can
express it: the means (channels), who handles complaints, the procedure of handling and following them up,
and a time in which a complaint is settled rather than only acknowledged.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from svcstd.model import Principle, Severity
from svcstd.rules.base import Document, Hit, Rule, RuleContext, rule
from svcstd.rules.citations import UU_25_2009, at, cite
from svcstd.rules.facts import shared
from svcstd.standard.durations import is_measured
from svcstd.standard.kinds import is_format_1_1
from svcstd.standard.words import quick_search

ELEMENT_COUNT = 4
_SETTLING = ("respond", "settle")
_NOT_SETTLING = ("acknowledge", "coordinate")
_NAMES = {
    "acknowledge": ("an acknowledgement time", "waktu tanggapan awal"),
    "coordinate": ("a coordination time", "waktu koordinasi"),
    "unmeasured": ("a settlement 'time' with no number", "'waktu' penyelesaian tanpa angka"),
}


_COMPLAINANT = re.compile(
    r"pengguna|pemohon|pelapor|pengadu|masyarakat|warga|pasien|pelanggan|citizen|complainant", re.IGNORECASE
)
_CHANNEL_LABEL = re.compile(r"call ?cent(?:er|re)|hotline|contact center|layanan pengaduan", re.IGNORECASE)
"""A `person` that names the line, not who answers it ("Call Center" on Disdukcapil Way Kanan's phone)."""
_STAFF_WORDS = re.compile(r"petugas|pejabat|pengelola|pelaksana|\btim\b|seksi|bagian|bidang|officer", re.IGNORECASE)
_staff_words = quick_search(_STAFF_WORDS)
_complainant = quick_search(_COMPLAINANT)


def names_handler(complaints: Mapping[str, Any], actors: Sequence[str] = ()) -> bool:
    """Whether complaint handling says who handles complaints, in any of the ways real standards say it."""
    if "handler" in complaints:
        return True
    channels = complaints.get("channels", [])
    if any("person" in channel and not _CHANNEL_LABEL.fullmatch(channel["person"].strip()) for channel in channels):
        return True
    if any(channel["type"] == "in_person" and _staff_words(channel["contact"]) for channel in channels):
        return True
    named = [str(step.get("actor", "")) for step in _steps(complaints.get("procedure"))] + list(actors)
    return any(actor.strip() and not _complainant(actor) for actor in named)


_COMPLAINT_SERVICE = re.compile(r"pengaduan|complaint", re.IGNORECASE)
_complaint_service = quick_search(_COMPLAINT_SERVICE)


def _steps(value: object) -> Iterator[Mapping[str, Any]]:
    """Every step given as a mapping, branches (`then`) included; plain text steps have no actor."""
    for step in value if isinstance(value, list) else ():
        if isinstance(step, Mapping):
            yield step
            yield from _steps(step.get("then"))


def is_complaint_service(doc: Mapping[str, Any]) -> bool:
    """The service is itself complaint handling ("Standar Pelayanan Pengaduan Pelanggan"): its own procedure,
    actors and completion time are those of complaint handling. Found once per judged document (ACC005 and
    ACC011 both ask)."""
    return shared(doc, _is_complaint_service)


def _is_complaint_service(doc: Mapping[str, Any]) -> bool:
    delivery = doc.get("delivery")
    products = delivery.get("products", []) if isinstance(delivery, Mapping) else []
    names = [doc.get("title"), *(p.get("name") for p in products if isinstance(p, Mapping))]
    return any(isinstance(name, str) and _complaint_service(name) for name in names)


def complaint_elements(
    complaints: Mapping[str, Any], format_1_1: bool, doc: Mapping[str, Any] | None = None
) -> list[tuple[str, str]]:
    """The missing elements, each as (English, Indonesian); the procedure only where the format can hold it.

    The handler may be named in `handler`, as a channel's `person`, or as the actor of a complaint step
    (Paria's "Pejabat Pengelola Pengaduan menerima aduan"); for a service that is itself complaint handling
    (`doc` given), its own procedure and completion time count as the complaint procedure and time.
    """
    channels = [channel for channel in complaints.get("channels", []) if isinstance(channel, Mapping)]
    found: list[list[Mapping[str, Any]]] = []  # the service's own steps, looked for once and only if asked

    def own_steps() -> list[Mapping[str, Any]]:
        if not found:
            delivery = doc.get("delivery", {}) if doc is not None else {}
            found.append(list(_steps(delivery.get("procedure", {}).get("steps"))) if _own(doc) else [])
        return found[0]

    missing: list[tuple[str, str]] = []
    if not channels:
        missing.append(("the means of complaint (`channels`)", "sarana pengaduan (`channels`)"))
    if "handler" not in complaints:  # else `names_handler` holds at once, whoever the actors are
        steps = [*_steps(complaints.get("procedure")), *(s for c in channels for s in _steps(c.get("steps")))]
        actors = [str(step.get("actor", "")) for step in (*steps, *own_steps())]  # channel steps, the service's own
        if not names_handler(complaints, actors):
            missing.append(("who handles complaints (`handler`)", "pelaksana pengelola pengaduan (`handler`)"))
    if format_1_1 and not (
        bool(complaints.get("procedure")) or any(c.get("steps") for c in channels) or bool(own_steps())
    ):
        missing.append(
            (
                "the procedure of handling and following up a complaint (`procedure`)",
                "tata cara penanganan pengaduan dan tindak lanjutnya (`procedure`)",
            )
        )
    if "response_time" not in complaints and not complaints.get("times") and not _own_time(doc):
        missing.append(("a time limit (`response_time` or `times`)", "batas waktu (`response_time` atau `times`)"))
    return missing


def _own(doc: Mapping[str, Any] | None) -> bool:
    return doc is not None and is_complaint_service(doc)


def _own_time(doc: Mapping[str, Any] | None) -> bool:
    """A service that is itself complaint handling and states its completion time: that is the complaints' time."""
    return _own(doc) and bool(doc.get("delivery", {}).get("completion_time"))  # type: ignore[union-attr]


def _element_items(doc: Document, ctx: RuleContext) -> int:
    return ELEMENT_COUNT if is_format_1_1(doc) else ELEMENT_COUNT - 1


@rule(
    id="ACC011",
    needs=("delivery/complaints",),
    principle=Principle.ACCOUNTABILITY,
    severity=Severity.WARNING,
    weight=4,
    title=("Complaint handling lacks an element", "Penanganan pengaduan belum lengkap unsurnya"),
    message=(
        "Complaint handling (delivery.complaints, penanganan pengaduan, saran, dan masukan) does not state "
        "{missing_en}.",
        "Penanganan pengaduan, saran, dan masukan (delivery.complaints) belum mencantumkan {missing_id}.",
    ),
    fix=(
        "State the means of complaint, the unit or officer who handles complaints, the steps from receiving a "
        "complaint to its follow-up (`procedure`), and the time in which it is settled (`times` of kind `settle`).",
        "Cantumkan sarana pengaduan, unit atau pelaksana pengelola pengaduan, langkah dari penerimaan pengaduan "
        "sampai tindak lanjutnya (`procedure`), dan jangka waktu penyelesaiannya (`times` berjenis `settle`).",
    ),
    rationale=(
        "UU 25/2009 Pasal 21 huruf j makes complaint handling a component of every standard, explained as the "
        "way complaints are handled and followed up; Pasal 36 (read as a paraphrase) obliges the provider to "
        "provide the means of complaint, assign competent staff, announce who is responsible, and handle "
        "complaints within a set time. A complaint part that lacks one of these leaves the citizen without a "
        "path to redress.",
        "UU 25/2009 Pasal 21 huruf j menjadikan penanganan pengaduan komponen setiap standar, dengan penjelasan "
        "tata cara pelaksanaan penanganan pengaduan dan tindak lanjutnya; Pasal 36 (dibaca dari parafrase) "
        "mewajibkan penyelenggara menyediakan sarana pengaduan, menugaskan pelaksana yang kompeten, "
        "mengumumkan penanggung jawabnya, dan mengelola pengaduan dalam batas waktu tertentu. Penanganan "
        "pengaduan yang kurang salah satu unsurnya membuat warga tidak memiliki jalan untuk memperoleh "
        "penyelesaian.",
    ),
    reference=cite(
        at(
            UU_25_2009,
            "Article 21(j) (handling of complaints, suggestions and feedback) and its elucidation; Article 36 "
            "(complaint management; read as a paraphrase, paragraphs not verified)",
            "Pasal 21 huruf j (penanganan pengaduan, saran, dan masukan) dan penjelasannya; Pasal 36 (pengelolaan "
            "pengaduan; dibaca dari parafrase, ayat belum diverifikasi)",
        ),
    ),
    items=_element_items,
)
def ACC011(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    """Passing:

        complaints:
          handler: Seksi Pengaduan
          channels: [{type: lapor, contact: https://www.lapor.go.id}]
          procedure: [Pengaduan dicatat, Pengaduan diteruskan ke bidang terkait, Jawaban disampaikan]
          times: [{kind: settle, duration: {value: 14, unit: days}}]

    Failing:

        complaints:                             # one finding, on the key, listing what is missing
          channels: [{type: lapor, contact: https://www.lapor.go.id}]
    """
    complaints = doc["delivery"]["complaints"]
    missing = complaint_elements(complaints, is_format_1_1(doc), doc)
    if missing:
        params = {"missing_en": "; ".join(m[0] for m in missing), "missing_id": "; ".join(m[1] for m in missing)}
        yield Hit("/delivery/complaints", params, at_key=True, items=len(missing))


def _times_only_acknowledge(doc: Document, ctx: RuleContext) -> bool:
    complaints = doc["delivery"]["complaints"]
    return "response_time" not in complaints and bool(complaints.get("times"))


@rule(
    id="ACC012",
    needs=("delivery/complaints",),
    applies=_times_only_acknowledge,
    principle=Principle.ACCOUNTABILITY,
    severity=Severity.WARNING,
    weight=3,
    title=(
        "Only an acknowledgement time for complaints, no settlement time",
        "Hanya waktu tanggapan awal pengaduan, tanpa waktu penyelesaian",
    ),
    message=(
        "The complaint times (delivery.complaints.times) give only {kinds_en}: none says when a complaint is "
        "answered or settled (kind `respond` or `settle`).",
        "Waktu pengaduan (delivery.complaints.times) hanya menyebut {kinds_id}: tidak ada yang menyatakan kapan "
        "pengaduan dijawab atau diselesaikan (jenis `respond` atau `settle`).",
    ),
    fix=(
        "Add the time in which a complaint is settled, e.g. `{kind: settle, duration: {value: 14, unit: days}}`, "
        "per type of complaint where they differ.",
        "Tambahkan jangka waktu penyelesaian pengaduan, misalnya `{kind: settle, duration: {value: 14, unit: days}}`, "
        "per jenis pengaduan bila berbeda.",
    ),
    rationale=(
        "A promise to acknowledge a complaint within 24 hours, or to coordinate it, does not tell the citizen "
        "when the complaint will be resolved; complaint handling within a set time (UU 25/2009 Pasal 36, read as "
        "a paraphrase) means a time for the answer or settlement.",
        "Janji menanggapi pengaduan dalam 24 jam, atau mengoordinasikannya, tidak memberi tahu warga kapan "
        "pengaduannya selesai; pengelolaan pengaduan dalam batas waktu tertentu (UU 25/2009 Pasal 36, dibaca dari "
        "parafrase) berarti ada waktu untuk jawaban atau penyelesaiannya.",
    ),
    reference=at(
        UU_25_2009,
        "Article 36 (complaints handled within a set time; read as a paraphrase, paragraphs not verified)",
        "Pasal 36 (pengaduan dikelola dalam batas waktu tertentu; dibaca dari parafrase, ayat belum diverifikasi)",
    ),
)
def ACC012(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    """Passing:

        complaints:
          times:
            - {kind: acknowledge, duration: {value: 1, unit: days}}
            - {kind: settle, duration: {value: 14, unit: days}}

    Failing:

        complaints:
          times:                                # flagged here: coordination only, or a settlement with no number
            - {kind: coordinate, duration: {value: 24, unit: hours}}
            - {kind: settle, duration: {text: sesuai dengan kondisi}}
    """
    times = [entry for entry in doc["delivery"]["complaints"]["times"] if isinstance(entry, Mapping)]
    settling = [e for e in times if e.get("kind") in _SETTLING or e.get("kind") not in _NOT_SETTLING]
    if any(is_measured(entry.get("duration")) for entry in settling):
        return
    found = [_NAMES[kind] for kind in dict.fromkeys(e.get("kind") for e in times) if kind in _NAMES]
    if settling:
        found.append(_NAMES["unmeasured"])
    yield Hit(
        "/delivery/complaints/times",
        {"kinds_en": " and ".join(f[0] for f in found), "kinds_id": " dan ".join(f[1] for f in found)},
        at_key=True,
    )


RULES: tuple[Rule, ...] = (ACC011, ACC012)
