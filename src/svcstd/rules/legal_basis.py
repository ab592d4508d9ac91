"""Rules on the acts a standard cites (accountability): none revoked, each identifiable by number and year.

The status of an act comes from the legal-status catalogue (src/svcstd/data/legal_status.yaml), each entry
with the source where its revocation was read and whether that source was the revoking text itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any, NamedTuple

from svcstd.model import Principle, Severity, Text
from svcstd.rules.base import Document, Hit, Rule, RuleContext, rule
from svcstd.rules.citations import UU_25_2009, Citation, at, cite
from svcstd.rules.facts import shared
from svcstd.standard.legal import Act, ActRef, Status, citation_of, lookup, parse_citation, successors

MONTHS = {
    "en": "January February March April May June July August September October November December".split(),  # noqa: SIM905
    "id": "Januari Februari Maret April Mei Juni Juli Agustus September Oktober November Desember".split(),  # noqa: SIM905
}

PASAL_21_A = at(
    UU_25_2009,
    'Article 21(a) (law): the components of a service standard include "a. dasar hukum" (legal basis), in the '
    "words quoted by the Ombudsman RI and by the copy of the article in Perda Kab. Magetan 3/2016",
    'Pasal 21 huruf a (hukum): komponen standar pelayanan meliputi "a. dasar hukum", dengan kata-kata yang '
    "dikutip Ombudsman RI dan oleh salinan pasal tersebut dalam Perda Kab. Magetan 3/2016",
)
CATALOGUE: Citation = (
    "status of the cited act: svcstd's legal-status catalogue, which names for each act the revoking act and the "
    "source where that was read",
    "status peraturan yang dicantumkan: katalog status peraturan svcstd, yang mencatat, untuk setiap peraturan, "
    "peraturan yang mencabutnya dan sumber tempat hal itu dibaca",
)
CITATION_FORM: Citation = (
    "good practice, general knowledge (not quoted, no article cited): an act is cited by its type, number, year "
    "and title, the form of the Indonesian drafting guidelines",
    "praktik yang baik, pengetahuan umum (tidak dikutip, tanpa pasal): peraturan disebut dengan jenis, nomor, "
    "tahun, dan judulnya, sesuai bentuk pedoman teknik penyusunan peraturan",
)
LEGAL_BASIS = Text(
    "The legal basis (manufacturing.legal_basis, dasar hukum)", "Dasar hukum (manufacturing.legal_basis)"
)


class Cited(NamedTuple):
    """One citation in the document: where it is, how to name that place, what it says and how it is written."""

    pointer: str
    where: Text
    ref: ActRef
    written: str


def _written(item: str | Mapping[str, Any]) -> str:
    if isinstance(item, str):
        return item
    parts = [str(item[key]) for key in ("title", "ref") if key in item]
    return " — ".join(parts) or " ".join(str(item[key]) for key in ("type", "number", "year") if key in item)


def _legal_basis(doc: Document) -> Iterator[Cited]:
    for index, item in enumerate(doc.get("manufacturing", {}).get("legal_basis", [])):  # 1.1: may be absent
        ref = citation_of(item)
        if ref is not None:
            pointer = f"/manufacturing/legal_basis/{index}"
            yield Cited(pointer, LEGAL_BASIS, ref, _written(item))


FEE_KEYS = {
    "basis": (
        "The basis of the fee '{name}' (delivery.fees.basis)",
        "Dasar biaya/tarif '{name}' (delivery.fees.basis)",
    ),
    "reference": (
        "The tariff reference of the fee '{name}' (delivery.fees.reference)",
        "Rujukan besaran biaya/tarif '{name}' (delivery.fees.reference)",
    ),
}
FEE_BASIS = Text("The basis of the whole tariff (delivery.fee_basis)", "Dasar seluruh tarif (delivery.fee_basis)")


def _fee_places(doc: Document) -> Iterator[tuple[str, str, Text]]:
    """Each fee's `basis` and (format 1.1) `reference`, then the tariff table's `fee_basis` (1.1)."""
    delivery = doc["delivery"]
    for index, fee in enumerate(delivery.get("fees", [])):  # format 1.1: a document may leave the fees out
        for key, (en, id_) in FEE_KEYS.items():
            if fee.get(key):
                where = Text(en.format(name=fee["name"]), id_.format(name=fee["name"]))
                yield f"/delivery/fees/{index}/{key}", str(fee[key]), where
    if delivery.get("fee_basis"):
        yield "/delivery/fee_basis", str(delivery["fee_basis"]), FEE_BASIS


def _fee_bases(doc: Document) -> Iterator[Cited]:
    for pointer, text, where in _fee_places(doc):
        ref = parse_citation(text)
        if ref is not None:
            yield Cited(pointer, where, ref, text)


def cited(doc: Document) -> tuple[Cited, ...]:
    """Every act the document cites: its legal basis, then the basis of each fee (parsed once per document)."""
    return shared(doc, _every_citation)


def _every_citation(doc: Document) -> tuple[Cited, ...]:
    return (*_legal_basis(doc), *_fee_bases(doc))


def _date(iso: str | None, lang: str) -> str:
    if iso is None:
        return ""
    year, month, day = iso.split("-")
    return f" {'on' if lang == 'en' else 'pada'} {int(day)} {MONTHS[lang][int(month) - 1]} {year}"


def _replacement(act: Act) -> Text:
    """`UU 5/2014 …, itself since replaced by UU 20/2023 …`."""
    first, *later = successors(act)
    then = "".join(f", itself since replaced by {step.name}" for step in later)
    lalu = "".join(f", yang kemudian juga diganti dengan {step.name}" for step in later)
    return Text(first.name + then, first.name + lalu)


def _revoked(doc: Document, verified: bool) -> Iterator[Hit]:
    for place in cited(doc):
        act = lookup(place.ref)
        if act is not None and act.status is Status.REVOKED and act.verified is verified:
            params = {
                "where": place.where,
                "act": act.name,
                "since": Text(_date(act.date, "en"), _date(act.date, "id")),
                "replacement": _replacement(act),
                "source": act.source,
            }
            yield Hit(place.pointer, params)


@rule(
    id="ACC020",
    principle=Principle.ACCOUNTABILITY,
    severity=Severity.ERROR,
    weight=3,
    title=(
        "Revoked act cited (revocation verified)",
        "Peraturan yang telah dicabut dicantumkan (pencabutan terverifikasi)",
    ),
    message=(
        "{where} cites {act}, which has been revoked{since} and replaced by {replacement}. Source: {source}. "
        "Cite the act in force.",
        "{where} mencantumkan {act}, yang telah dicabut{since} dan diganti dengan {replacement}. Sumber: {source}. "
        "Cantumkan peraturan yang berlaku.",
    ),
    fix=(
        "Replace the revoked act with the act that replaced it, and check that the service still rests on it.",
        "Ganti peraturan yang telah dicabut dengan peraturan penggantinya, lalu periksa apakah pelayanan masih "
        "berpijak pada peraturan tersebut.",
    ),
    rationale=(
        "The legal basis is a required component (UU 25/2009, Article 21(a)); its elucidation, as the Ombudsman's "
        "2023 assessment instrument quotes it (read in an earlier research session, not re-checked), calls it the "
        "regulations on which the service is run. A revoked act is no basis for anything. Error, because the "
        "catalogue entry behind this rule was checked against the revoking text or an official listing: an "
        "inspector can sign the finding as it stands.",
        "Dasar hukum adalah komponen wajib (UU 25/2009 Pasal 21 huruf a); penjelasannya, sebagaimana dikutip dalam "
        "instrumen penilaian Ombudsman 2023 (dibaca pada sesi penelitian sebelumnya, belum diperiksa ulang), "
        "menyebutnya peraturan perundang-undangan yang menjadi dasar penyelenggaraan pelayanan. Peraturan yang "
        "telah dicabut tidak dapat menjadi dasar. Tingkat galat, karena entri katalog di balik aturan ini telah "
        "diperiksa terhadap naskah pencabutan atau daftar resmi: pemeriksa dapat menandatangani temuan ini apa "
        "adanya.",
    ),
    reference=cite(PASAL_21_A, CATALOGUE),
)
def ACC020(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    """Passing:

        legal_basis:
          - title: Undang-Undang Nomor 20 Tahun 2023 tentang Aparatur Sipil Negara

    Failing:

        legal_basis:
          - title: Undang-Undang Nomor 43 Tahun 1999 tentang Perubahan atas Undang-Undang Nomor 8 Tahun 1974
                                                # flagged here: revoked, replaced by UU 5/2014, then UU 20/2023
        fees:
          - {name: Retribusi, formula: Luas x tarif, basis: UU 28/2009}   # flagged: replaced by UU 1/2022
    """
    yield from _revoked(doc, verified=True)


@rule(
    id="ACC021",
    principle=Principle.ACCOUNTABILITY,
    severity=Severity.WARNING,
    weight=2,
    title=("Act cited that is reported revoked", "Peraturan yang dilaporkan telah dicabut dicantumkan"),
    message=(
        "{where} cites {act}, which secondary sources report revoked{since} and replaced by {replacement}; the "
        "revoking text itself was not checked. Source: {source}. Check the official text and cite the act in force.",
        "{where} mencantumkan {act}, yang menurut sumber sekunder telah dicabut{since} dan diganti dengan "
        "{replacement}; naskah pencabutannya belum diperiksa. Sumber: {source}. Periksa naskah resmi dan "
        "cantumkan peraturan yang berlaku.",
    ),
    fix=(
        "Check the act's status on peraturan.bpk.go.id or the JDIH; if it is revoked, cite its replacement.",
        "Periksa status peraturan di peraturan.bpk.go.id atau JDIH; jika telah dicabut, cantumkan penggantinya.",
    ),
    rationale=(
        "As ACC020: a revoked act cannot be the legal basis of a service (UU 25/2009, Article 21(a)). Warning, not "
        "error, because the catalogue entry rests on secondary sources (a law firm's alert, news) and not on the "
        "revoking text: an inspector would check the gazette before signing, and the tool asks the provider to.",
        "Sama dengan ACC020: peraturan yang telah dicabut tidak dapat menjadi dasar hukum pelayanan (UU 25/2009 "
        "Pasal 21 huruf a). Tingkat peringatan, bukan galat, karena entri katalog bersandar pada sumber sekunder "
        "(kajian kantor hukum, berita), bukan pada naskah pencabutannya: pemeriksa akan memeriksa naskah resmi "
        "sebelum menandatangani temuan, dan alat ini meminta penyelenggara melakukannya.",
    ),
    reference=cite(PASAL_21_A, CATALOGUE),
)
def ACC021(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    """Passing:

        legal_basis:
          - title: Undang-Undang Nomor 17 Tahun 2023 tentang Kesehatan

    Failing:

        legal_basis:
          - title: Undang-Undang Nomor 36 Tahun 2009 tentang Kesehatan   # flagged here: reported replaced by UU 17/2023
    """
    yield from _revoked(doc, verified=False)


def _missing(ref: ActRef) -> Text | None:
    if ref.complete:
        return None
    if ref.number is None and ref.year is None:
        return Text("number and year", "nomor dan tahun")
    return Text("number", "nomor") if ref.number is None else Text("year", "tahun")


@rule(
    id="ACC022",
    principle=Principle.ACCOUNTABILITY,
    severity=Severity.WARNING,
    weight=2,
    title=("Act cited without number or year", "Peraturan dicantumkan tanpa nomor atau tahun"),
    message=(
        "{where} cites '{written}' ({type}) without its {missing}: the act cannot be identified. Give its number "
        "and year.",
        "{where} mencantumkan '{written}' ({type}) tanpa {missing} sehingga peraturannya tidak dapat dikenali. "
        "Cantumkan nomor dan tahunnya.",
    ),
    fix=(
        "Cite the act in full, e.g. `Undang-Undang Nomor 2 Tahun 2002 tentang Kepolisian Negara Republik Indonesia`.",
        "Tulis peraturan secara lengkap, misalnya `Undang-Undang Nomor 2 Tahun 2002 tentang Kepolisian Negara "
        "Republik Indonesia`.",
    ),
    rationale=(
        "Law: the legal basis is a required component (UU 25/2009, Article 21(a)). Good practice, general "
        "knowledge: an act is identified by its type, number and year; 'UU No. 2' or 'sesuai Perda' names no act a "
        "citizen or an inspector can look up or check for revocation. Warning: the act usually exists and can be "
        "found with effort, so the standard is incomplete rather than without basis.",
        "Hukum: dasar hukum adalah komponen wajib (UU 25/2009 Pasal 21 huruf a). Praktik yang baik, pengetahuan "
        "umum: peraturan dikenali dari jenis, nomor, dan tahunnya; 'UU No. 2' atau 'sesuai Perda' tidak menyebut "
        "peraturan yang dapat dicari warga atau pemeriksa, apalagi diperiksa statusnya. Tingkat peringatan: "
        "peraturannya biasanya ada dan dapat ditemukan, sehingga standar kurang lengkap, bukan tanpa dasar.",
    ),
    reference=cite(PASAL_21_A, CITATION_FORM),
)
def ACC022(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    """Passing:

        legal_basis:
          - title: Undang-Undang Republik Indonesia Nomor 2 Tahun 2002 tentang Kepolisian Negara Republik Indonesia
          - Undang-Undang Dasar Negara Republik Indonesia Tahun 1945   # the constitution has no number

    Failing:

        legal_basis:
          - title: Undang – Undang Nomor 2 Tentang Kepolisian Negara Republik   # flagged here: no year
        fees:
          - {name: Umum, formula: Tarif rawat, basis: Sesuai Tarif Perda Retribusi Tahun 2020}   # flagged: no number
    """
    causes: dict[str, list[tuple[Cited, Hit]]] = {}
    for place in cited(doc):
        missing = _missing(place.ref)
        if missing is not None:
            params = {"where": place.where, "written": place.written, "type": place.ref.type, "missing": missing}
            causes.setdefault(_cause(place.written), []).append((place, Hit(place.pointer, params)))
    for found in causes.values():  # one finding per act cited incompletely, however often it is repeated
        (place, first), others = found[0], [hit for _, hit in found[1:]]
        if not others:
            yield first
            continue
        listed = ", ".join(hit.pointer.lstrip("/").replace("/", ".") for hit in others)
        where = Text(
            f"{place.where.en} and {len(others)} other place(s) ({listed})",
            f"{place.where.id} dan {len(others)} tempat lain ({listed})",
        )
        yield Hit(first.pointer, {**first.params, "where": where}, items=len(found), each=(first, *others))


def _cause(written: str) -> str:
    """The act a citation means, as written: "Sesuai Tarif Perda Retribusi Tahun 2020" is the fee basis's act."""
    return " ".join(re.sub(r"^(sesuai|berdasarkan|menurut)\s+", "", written.casefold().strip(" ;.,")).split())


RULES: tuple[Rule, ...] = (ACC020, ACC021, ACC022)
