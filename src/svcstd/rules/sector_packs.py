"""Sector packs: rules of a sector's own law, off unless the document's service or provider is of that sector.

- population administration (ACC030): population documents are free, UU 24/2013 Pasal 79A;
- health (ACC031): emergency care comes before administration and payment, UU 17/2023 Pasal 174;
- licensing (SIM008): statutory time limits of common permits; none was verified, so the limits are the
  configuration's (`[rules.SIM008] options.limits`) and the pack is empty by default.

A document is of a sector when its title, provider name or unit names it (`sector_of`); the words are listed
below and in docs/rules.md. Sources: docs/research/legal-citations.md, sections E (UU 24/2013), H (UU 17/2023)
and I (licensing).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from svcstd.model import Principle, Severity
from svcstd.rules.base import Document, Hit, Rule, RuleContext, rule
from svcstd.rules.facts import shared
from svcstd.standard.durations import completion_durations, describe, is_measured, upper_minutes
from svcstd.standard.fees import charged
from svcstd.standard.words import lazy_pattern, quick_search

POPULATION = re.compile(
    r"kependudukan|dukcapil|catatan\s+sipil|\bcapil\b|\bktp|kartu\s+tanda\s+penduduk|kartu\s+keluarga|\bkk\b|"
    r"akta\s+(?:kelahiran|kematian|perkawinan|perceraian|pengakuan|pengesahan)|pencatatan\s+(?:kelahiran|kematian)|"
    r"kartu\s+identitas\s+anak|\bkia\b|surat\s+(?:keterangan\s+)?pindah|biodata\s+penduduk",
    re.IGNORECASE,
)
EMERGENCY = re.compile(r"gawat\s+darurat|\bigd\b|\bugd\b|emergency", re.IGNORECASE)
# Words that say a requirement may follow care: "dapat dilengkapi dalam waktu 2x24 jam", "menyusul".
_DEFERRED = lazy_pattern(
    r"dilengkapi|dipenuhi|menyusul|kemudian|setelah|\d\s*x\s*24|tidak\s+(?:menjadi\s+)?syarat|tanpa\s+syarat|"
    r"tidak\s+menunda|tidak\s+diwajibkan|paling\s+lambat|simultan|bersamaan\s+dengan\s+penanganan|"
    r"diprioritaskan\s+pada\s+penanganan|didahulukan",
    re.IGNORECASE,
)
_DOWN_PAYMENT = lazy_pattern(r"uang\s+muka|deposit|panjar|jaminan\s+uang", re.IGNORECASE)
_population_words, _emergency_words = quick_search(POPULATION), quick_search(EMERGENCY)
_deferred, _down_payment = quick_search(_DEFERRED), quick_search(_DOWN_PAYMENT)

UU_24_2013 = (
    "Law No. 24 of 2013 amending Law No. 23 of 2006 on Population Administration (UU 24/2013), Article 79A",
    "UU No. 24 Tahun 2013 tentang Perubahan atas UU No. 23 Tahun 2006 tentang Administrasi Kependudukan, Pasal 79A",
)
UU_17_2023 = (
    "Law No. 17 of 2023 on Health (UU 17/2023), Article 174(2)",
    "UU No. 17 Tahun 2023 tentang Kesehatan, Pasal 174 ayat (2)",
)


def _identity(doc: Document) -> str:
    provider = doc.get("provider", {})
    return " ".join(str(part) for part in (doc.get("title", ""), provider.get("name", ""), provider.get("unit", "")))


def sector_of(doc: Document) -> frozenset[str]:
    """The packs whose sector the document names: `population`, `health_emergency` (found once per document)."""
    return shared(doc, _sectors)


def _sectors(doc: Document) -> frozenset[str]:
    text = _identity(doc)
    found = set()
    if _population_words(text):
        found.add("population")
    if _emergency_words(text):
        found.add("health_emergency")
    return frozenset(found)


def _population(doc: Document, ctx: RuleContext) -> bool:
    return "population" in sector_of(doc) and bool(doc.get("delivery", {}).get("fees"))


@rule(
    id="ACC030",
    applies=_population,
    principle=Principle.ACCOUNTABILITY,
    severity=Severity.ERROR,
    weight=5,
    title=("A fee for a population document", "Biaya untuk dokumen kependudukan"),
    message=(
        "This population-administration service charges {count} fee(s) (delivery.fees, biaya/tarif): {names}. "
        "Population documents are free by law.",
        "Pelayanan administrasi kependudukan ini memungut {count} biaya (delivery.fees): {names}. Dokumen "
        "kependudukan tidak dipungut biaya menurut undang-undang.",
    ),
    fix=(
        "Set each fee to `amount: 0` with `basis: UU 24/2013 Pasal 79A`, or remove it; a fee for a service that "
        "is not a population document belongs in that service's own standard.",
        "Tetapkan setiap biaya menjadi `amount: 0` dengan `basis: UU 24/2013 Pasal 79A`, atau hapus; biaya untuk "
        "layanan yang bukan dokumen kependudukan dimuat dalam standar layanan itu sendiri.",
    ),
    rationale=(
        "UU 24/2013 Pasal 79A: 'Pengurusan dan penerbitan Dokumen Kependudukan tidak dipungut biaya.' Its "
        "elucidation covers new issue, replacement after loss or damage, and correction; Pasal 95B punishes "
        "officials of a village, kelurahan, kecamatan or registry who charge it. Sector pack: population "
        "administration, on when the title, provider or unit names it (kependudukan, Dukcapil, KTP, KK, akta …).",
        "UU 24/2013 Pasal 79A: 'Pengurusan dan penerbitan Dokumen Kependudukan tidak dipungut biaya.' "
        "Penjelasannya mencakup penerbitan baru, penggantian karena rusak atau hilang, dan pembetulan; Pasal 95B "
        "memidana pejabat desa/kelurahan, kecamatan, atau instansi pelaksana yang memungutnya. Paket sektor: "
        "administrasi kependudukan, aktif bila judul, penyelenggara, atau unit menyebutnya (kependudukan, "
        "Dukcapil, KTP, KK, akta …).",
    ),
    reference=UU_24_2013,
)
def ACC030(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    """Passing:

        # a registry's service
        fees: [{name: Penerbitan KTP-el, amount: 0, basis: UU 24/2013 Pasal 79A}]

    Failing:

        # a registry's service
        fees:                                   # one finding listing the fees
          - {name: Penerbitan Kartu Keluarga, amount: 10000}
    """
    fees = doc["delivery"]["fees"]
    paid = [fee for fee in fees if isinstance(fee, Mapping) and charged(fee)]
    if paid:
        names = ", ".join(f"'{fee.get('name', '')}'" for fee in paid)
        yield Hit("/delivery/fees", {"count": len(paid), "names": names}, at_key=True)


def _emergency(doc: Document, ctx: RuleContext) -> bool:
    return "health_emergency" in sector_of(doc)


def _component_notes(delivery: Mapping[str, Any]) -> str:
    """The notes written under the requirements and the procedure as wholes (format 1.1 `delivery.notes`)."""
    notes = delivery.get("notes")
    if not isinstance(notes, Mapping):
        return ""
    texts: list[str] = []
    for key in ("requirements", "procedure"):
        value = notes.get(key)
        texts.extend(str(item) for item in (value if isinstance(value, list) else [value]) if item is not None)
    return "\n".join(texts)


def _text(entry: Mapping[str, Any]) -> str:
    parts = [entry.get(key, "") for key in ("name", "note", "when", "formula", "reference")]
    return " ".join(str(part) for part in parts)


@rule(
    id="ACC031",
    applies=_emergency,
    principle=Principle.ACCOUNTABILITY,
    severity=Severity.WARNING,
    weight=4,
    title=(
        "Emergency care made to wait for administration or payment",
        "Pelayanan gawat darurat didahului urusan administrasi atau pembayaran",
    ),
    message=(
        "This emergency service {what_en}: {names}. Care must come first.",
        "Pelayanan gawat darurat ini {what_id}: {names}. Penanganan pasien harus didahulukan.",
    ),
    fix=(
        "State that the patient is treated first and that the documents may follow, e.g. `note: Dapat "
        "dilengkapi dalam 2x24 jam setelah penanganan`; remove any down payment.",
        "Nyatakan bahwa pasien ditangani lebih dahulu dan dokumen dapat menyusul, misalnya `note: Dapat "
        "dilengkapi dalam 2x24 jam setelah penanganan`; hapus uang muka.",
    ),
    rationale=(
        "UU 17/2023 Pasal 174 ayat (2): in an emergency a health facility 'dilarang menolak Pasien dan/atau "
        "meminta uang muka serta dilarang mendahulukan segala urusan administratif sehingga menyebabkan "
        "tertundanya Pelayanan Kesehatan'. Requirements listed without saying they may follow care read as "
        "preconditions. Sector pack: health, on when the title, provider or unit names an emergency service "
        "(gawat darurat, IGD, UGD).",
        "UU 17/2023 Pasal 174 ayat (2): dalam keadaan gawat darurat fasilitas pelayanan kesehatan 'dilarang "
        "menolak Pasien dan/atau meminta uang muka serta dilarang mendahulukan segala urusan administratif "
        "sehingga menyebabkan tertundanya Pelayanan Kesehatan'. Persyaratan yang dicantumkan tanpa keterangan "
        "bahwa dapat menyusul terbaca sebagai prasyarat. Paket sektor: kesehatan, aktif bila judul, "
        "penyelenggara, atau unit menyebut layanan gawat darurat (gawat darurat, IGD, UGD).",
    ),
    reference=UU_17_2023,
)
def ACC031(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    """Passing:

        # an emergency ward
        requirements:
          - {name: Kartu identitas/KTP, note: Persyaratan tersebut dapat dilengkapi dalam waktu 2x24 jam}

    Failing:

        # an emergency ward
        requirements:                           # one finding listing what is asked before care
          - {name: Kartu kepesertaan (BPJS) Asli}
    """
    delivery = doc.get("delivery", {})
    requirements = [r for r in delivery.get("requirements", []) if isinstance(r, Mapping)]
    fees = [f for f in delivery.get("fees", []) if isinstance(f, Mapping)]
    payments = [entry for entry in (*requirements, *fees) if _down_payment(_text(entry))]
    if payments:
        names = ", ".join(f"'{entry.get('name', '')}'" for entry in payments)
        what = ("asks for a down payment", "meminta uang muka")
        yield Hit("/delivery", {"names": names, "what_en": what[0], "what_id": what[1]}, at_key=True)
        return
    if any(_deferred(_text(r)) for r in requirements) or _deferred(_component_notes(delivery)):
        return  # one requirement, or a note under the list, that says administration may follow care
    before_care = [r for r in requirements if r.get("mandatory", True) is not False]
    if before_care:
        unique = list(dict.fromkeys(f"'{r.get('name', '')}'" for r in before_care))  # one name per document
        shown = unique[:5]
        more = len(unique) - len(shown)
        names = ", ".join(shown) + (f" (+{more})" if more else "")
        what = (
            "lists requirements without saying they may follow care",
            "mencantumkan persyaratan tanpa keterangan bahwa dapat menyusul setelah penanganan",
        )
        yield Hit("/delivery/requirements", {"names": names, "what_en": what[0], "what_id": what[1]}, at_key=True)


def _limit_for(doc: Document, ctx: RuleContext) -> Mapping[str, Any] | None:
    text = _identity(doc)
    for limit in ctx.options.get("limits", ()):
        if isinstance(limit, Mapping) and re.search(str(limit.get("match", "(?!)")), text, re.IGNORECASE):
            return limit
    return None


def _licensing(doc: Document, ctx: RuleContext) -> bool:
    return _limit_for(doc, ctx) is not None and "completion_time" in doc.get("delivery", {})


@rule(
    id="SIM008",
    applies=_licensing,
    options={"limits": []},
    principle=Principle.SIMPLICITY,
    severity=Severity.WARNING,
    weight=3,
    title=(
        "Completion time over a permit's statutory limit",
        "Jangka waktu melebihi batas waktu izin menurut peraturan",
    ),
    message=(
        "The completion time (delivery.completion_time, jangka waktu penyelesaian) of {time_en} is longer than "
        "the {max_days} days that {source} sets for this permit.",
        "Jangka waktu penyelesaian (delivery.completion_time) {time_id} melebihi {max_days} hari yang ditetapkan "
        "{source} untuk izin ini.",
    ),
    fix=(
        "Shorten the completion time to the statutory limit, or correct the limit in the configuration.",
        "Persingkat jangka waktu penyelesaian sampai batas menurut peraturan, atau perbaiki batas dalam konfigurasi.",
    ),
    rationale=(
        "Sector pack: licensing. Statutory time limits of common permits (PBG, business licences under PP "
        "28/2025) exist, but none was verified against a source text, so svcstd ships no limit: the pack is "
        "empty until a unit configures `[rules.SIM008] options.limits` with `match` (words of the title, "
        "provider or unit), `max_days` and `source` (the regulation it read). General knowledge, not law, until then.",
        "Paket sektor: perizinan. Batas waktu penerbitan izin yang umum (PBG, perizinan berusaha menurut PP "
        "28/2025) ada, tetapi belum ada yang diverifikasi terhadap naskah sumber, sehingga svcstd tidak memuat "
        "batas apa pun: paket kosong sampai unit mengatur `[rules.SIM008] options.limits` dengan `match` "
        "(kata pada judul, penyelenggara, atau unit), `max_days`, dan `source` (peraturan yang dibacanya). "
        "Sampai saat itu pengetahuan umum, bukan hukum.",
    ),
    reference=(
        "general knowledge: the limit and its regulation are the configuration's (`options.limits`)",
        "pengetahuan umum: batas dan peraturannya berasal dari konfigurasi (`options.limits`)",
    ),
)
def SIM008(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    """Passing:

        # with limits: [{match: Persetujuan Bangunan Gedung, max_days: 28, source: "Perwali (contoh)"}]
        title: Persetujuan Bangunan Gedung
        completion_time: {value: 28, unit: days}

    Failing:

        # with the same limit
        title: Persetujuan Bangunan Gedung
        completion_time: {value: 45, unit: days}          # flagged here
    """
    limit = _limit_for(doc, ctx)
    assert limit is not None
    max_minutes = float(limit.get("max_days", 0)) * 24 * 60
    completion = doc["delivery"]["completion_time"]
    durations = completion_durations(completion)
    for index, duration in enumerate(durations):
        if is_measured(duration) and upper_minutes(duration) > max_minutes:
            pointer = "/delivery/completion_time" + (f"/{index}" if isinstance(completion, list) else "")
            params = {
                "time_en": describe(duration, "en"),
                "time_id": describe(duration, "id"),
                "max_days": limit.get("max_days"),
                "source": str(limit.get("source", "")),
            }
            yield Hit(pointer, params)


RULES: tuple[Rule, ...] = (ACC030, ACC031, SIM008)
