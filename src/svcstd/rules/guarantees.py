"""Guarantees that promise something (UU 25/2009 Pasal 21 huruf l and m), and compensation: ACC013, ACC014.

A guarantee is vacuous when nothing in it can be checked: "Memberikan pelayanan terbaik dan cepat" as the
service guarantee, "Jasa layanan perpustakaan" as the security-and-safety guarantee (issue #14).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from svcstd.model import Principle, Severity
from svcstd.rules.base import Document, Hit, Rule, RuleContext, rule
from svcstd.rules.citations import OMBUDSMAN_ASSESSMENT, UU_25_2009, at, cite
from svcstd.standard.kinds import has, is_full_standard
from svcstd.standard.words import lazy_pattern, quick_search

# A service guarantee can be checked when it ties the service to the standard, a number, a remedy or a sanction.
_SERVICE_CHECKABLE = lazy_pattern(  # only documents with guarantees ask: full standards
    r"\d|sesuai\s+(?:dengan\s+)?(?:standar|sp\b|ketentuan|prosedur|jadwal|waktu)|standar\s+pelayanan|tepat\s+waktu"
    r"|kompensasi|ganti\s*rugi|diganti|dikembalikan|pengembalian|gratis|tanpa\s+(?:dipungut\s+)?biaya|"
    r"tidak\s+dipungut|sanksi|diantar|dikirim|bebas\s+pungl|kepastian|sesuai|tanpa|\bhari\b|\bjam\b|menit|"
    r"selesai|urutan|antre(?:an)?|antri(?:an)?",
    re.IGNORECASE,
)
# A security-and-safety guarantee speaks of safety, security, risk or the protection of data or people.
_SECURITY_CHECKABLE = lazy_pattern(
    r"aman|keselamatan|selamat|bahaya|risiko|resiko|rahasia|data\s+pribadi|privasi|perlindungan|dilindungi|"
    r"terlindungi|apar|pemadam|evakuasi|cctv|satpam|satpol|petugas\s+keamanan|pengamanan|p3k|asuransi|"
    r"steril|higien|infeksi|k3\b|kebakaran|darurat|pengawasan|\bdata\b|dokumen|ditahan|dikembalikan|pihak\s+lain|"
    r"nyaman|kondusif|tanpa\s+meminta",
    re.IGNORECASE,
)
_COMPENSATION = re.compile(
    r"kompensasi|ganti\s*rugi|diganti|penggantian|dikembalikan|pengembalian|diantar|dikirim\s+ke|tanpa\s+biaya|"
    r"gratis|permohonan\s+maaf|compensat|refund",
    re.IGNORECASE,
)
_compensation = quick_search(_COMPENSATION)

GUARANTEES = (
    ("service_guarantee", _SERVICE_CHECKABLE, ("service guarantee", "jaminan pelayanan")),
    ("security_guarantee", _SECURITY_CHECKABLE, ("security and safety guarantee", "jaminan keamanan dan keselamatan")),
)


def _any_guarantee(doc: Document, ctx: RuleContext) -> bool:
    return any(has(doc, f"manufacturing/{key}") for key, _, _ in GUARANTEES)


def _guarantee_items(doc: Document, ctx: RuleContext) -> int:
    return sum(1 for key, _, _ in GUARANTEES if has(doc, f"manufacturing/{key}"))


@rule(
    id="ACC013",
    applies=_any_guarantee,
    principle=Principle.ACCOUNTABILITY,
    severity=Severity.WARNING,
    weight=3,
    title=(
        "A guarantee that promises nothing checkable",
        "Jaminan yang tidak menjanjikan sesuatu yang dapat diperiksa",
    ),
    message=(
        "The {what_en} (`manufacturing.{key}`) reads '{text}': it promises nothing a citizen could check.",
        "Isi {what_id} (`manufacturing.{key}`) berbunyi '{text}': tidak menjanjikan sesuatu yang dapat "
        "diperiksa warga.",
    ),
    fix=(
        "Say what is guaranteed and what happens if it is not kept: the service is given as the standard states, "
        "within its time, with the remedy (e.g. 'Bila melebihi jangka waktu, dokumen diantar tanpa biaya'); for "
        "security and safety, what keeps people and their data safe (APAR, evacuation route, data kept "
        "confidential).",
        "Nyatakan apa yang dijamin dan apa yang terjadi bila tidak ditepati: pelayanan sesuai standar, dalam "
        "jangka waktunya, beserta upayanya (misalnya 'Bila melebihi jangka waktu, dokumen diantar tanpa biaya'); "
        "untuk keamanan dan keselamatan, apa yang menjaga orang dan datanya (APAR, jalur evakuasi, kerahasiaan data).",
    ),
    rationale=(
        "UU 25/2009 Pasal 21 defines the service guarantee as one 'yang memberikan kepastian pelayanan "
        "dilaksanakan sesuai dengan standar pelayanan' (huruf l) and the security-and-safety guarantee as a "
        "commitment to give a sense of safety, free from danger and risk (huruf m). A slogan ('pelayanan terbaik "
        "dan cepat') or the name of the service meets neither.",
        "UU 25/2009 Pasal 21 mendefinisikan jaminan pelayanan sebagai jaminan 'yang memberikan kepastian "
        "pelayanan dilaksanakan sesuai dengan standar pelayanan' (huruf l) dan jaminan keamanan dan keselamatan "
        "sebagai komitmen memberikan rasa aman, bebas dari bahaya, dan risiko keragu-raguan (huruf m). Semboyan "
        "('pelayanan terbaik dan cepat') atau nama layanan tidak memenuhi keduanya.",
    ),
    reference=at(
        UU_25_2009,
        "Article 21(l) (service guarantee) and (m) (security and safety guarantee)",
        "Pasal 21 huruf l (jaminan pelayanan) dan huruf m (jaminan keamanan dan keselamatan pelayanan)",
    ),
    items=_guarantee_items,
)
def ACC013(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    """Passing:

        manufacturing:
          service_guarantee: Pelayanan sesuai standar; bila terlambat, KTP-el diantar tanpa biaya.
          security_guarantee: Data pribadi dijaga kerahasiaannya; ruang pelayanan dilengkapi APAR.

    Failing:

        manufacturing:
          service_guarantee: Memberikan pelayanan terbaik dan cepat     # flagged here
          security_guarantee: Jasa layanan perpustakaan                 # and here
    """
    manufacturing = doc["manufacturing"]
    for key, checkable, (what_en, what_id) in GUARANTEES:
        text = manufacturing.get(key)
        if not isinstance(text, str) or checkable().search(text):
            continue
        shown = " ".join(text.split())
        params = {"key": key, "text": shown[:120], "what_en": what_en, "what_id": what_id}
        yield Hit(f"/manufacturing/{key}", params)


def _full_standard_or_compensation(doc: Document, ctx: RuleContext) -> bool:
    return is_full_standard(doc) or "compensation" in doc


@rule(
    id="ACC014",
    applies=_full_standard_or_compensation,
    principle=Principle.ACCOUNTABILITY,
    severity=Severity.INFO,
    weight=1,
    title=("No compensation when the standard is not met", "Tidak ada kompensasi bila standar tidak dipenuhi"),
    message=(
        "The standard states no compensation (kompensasi) for a citizen when the service does not meet it "
        "(`compensation`, or in the service guarantee).",
        "Standar pelayanan tidak menyatakan kompensasi bagi warga bila pelayanan tidak sesuai standar "
        "(`compensation`, atau dalam jaminan pelayanan).",
    ),
    fix=(
        "State what the citizen gets when the standard is not kept, e.g. `compensation: Dokumen diantar ke alamat "
        "pemohon tanpa biaya bila melebihi jangka waktu`.",
        "Nyatakan apa yang diterima warga bila standar tidak ditepati, misalnya `compensation: Dokumen diantar ke "
        "alamat pemohon tanpa biaya bila melebihi jangka waktu`.",
    ),
    rationale=(
        "Good practice: the Ombudsman's compliance assessment asks whether a provider states compensation, and "
        "maklumat texts in use promise it. UU 25/2009 Pasal 50 is said to provide for ganti rugi, but its words "
        "were not verified, so no binding source is cited.",
        "Praktik yang baik: penilaian kepatuhan Ombudsman menanyakan apakah penyelenggara menyatakan kompensasi, "
        "dan teks maklumat yang digunakan menjanjikannya. UU 25/2009 Pasal 50 disebut mengatur ganti rugi, "
        "tetapi bunyinya belum diverifikasi, sehingga tidak ada sumber mengikat yang dikutip.",
    ),
    reference=cite(
        OMBUDSMAN_ASSESSMENT,
        (
            "good practice (general knowledge: no binding provision verified)",
            "praktik yang baik (pengetahuan umum: belum ada ketentuan mengikat yang diverifikasi)",
        ),
    ),
)
def ACC014(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    """Passing:

        compensation: Dokumen diantar ke alamat pemohon tanpa biaya bila melebihi jangka waktu

    Failing:

        manufacturing:                          # flagged at the document: no compensation anywhere
          service_guarantee: Pelayanan sesuai standar pelayanan
    """
    compensation = doc.get("compensation")
    if isinstance(compensation, str) and compensation.strip():
        return
    guarantee = doc.get("manufacturing", {}).get("service_guarantee")
    if isinstance(guarantee, str) and _compensation(guarantee):
        return
    yield Hit("", {}, at_key=True)


RULES: tuple[Rule, ...] = (ACC013, ACC014)
