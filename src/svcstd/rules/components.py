"""Rules about the components themselves: format 1.1 lets a document leave one out, and a rule says so.

The schema of 1.1 accepts what a real published text has, so that it can be checked at all; what the law asks
for and the text lacks is a finding here, once per missing component, with the letter of UU 25/2009 Pasal 21
that asks for it. Rules that judge a component's content do not apply when the component is missing
(`needs=` in rules/base.py), so a missing component is reported once, by these rules.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, NamedTuple

from svcstd.model import Principle, Severity
from svcstd.rules.base import Document, Hit, Rule, RuleContext, rule
from svcstd.rules.citations import PERMENPANRB_15_2014, UU_25_2009, at, cite
from svcstd.standard.kinds import is_format_1_1


class Component(NamedTuple):
    """A component of UU 25/2009 Pasal 21: its key in the format, its letter, and its names."""

    key: str
    letter: str
    en: str
    id: str


DELIVERY = (
    Component("requirements", "b", "the requirements", "persyaratan"),
    Component("procedure", "c", "the system, mechanism and procedure", "sistem, mekanisme, dan prosedur"),
    Component("completion_time", "d", "the completion time", "jangka waktu penyelesaian"),
    Component("fees", "e", "the fees", "biaya/tarif"),
    Component("products", "f", "the service product", "produk pelayanan"),
    Component(
        "complaints",
        "j",
        "the handling of complaints, suggestions and feedback",
        "penanganan pengaduan, saran, dan masukan",
    ),
)
"""The six service-delivery components (penyampaian pelayanan), in the order of Pasal 21."""

MANUFACTURING = (
    Component("legal_basis", "a", "the legal basis", "dasar hukum"),
    Component("facilities", "g", "the facilities and infrastructure", "sarana, prasarana, dan/atau fasilitas"),
    Component("staff_competence", "h", "the staff competence", "kompetensi pelaksana"),
    Component("internal_supervision", "i", "the internal supervision", "pengawasan internal"),
    Component("staff_count", "k", "the number of staff", "jumlah pelaksana"),
    Component("service_guarantee", "l", "the service guarantee", "jaminan pelayanan"),
    Component(
        "security_guarantee", "m", "the security and safety guarantee", "jaminan keamanan dan keselamatan pelayanan"
    ),
    Component("performance_evaluation", "n", "the staff performance evaluation", "evaluasi kinerja pelaksana"),
)
"""The eight service-management components (pengelolaan pelayanan), in the order of Pasal 21."""


def _may_lack_components(doc: Document, ctx: RuleContext) -> bool:
    """Format 1.1 only: under 1.0 the schema itself requires every component, so these rules have nothing to say
    (and 1.0 scores stay as they were)."""
    return is_format_1_1(doc)


def _missing(present: Mapping[str, Any], components: tuple[Component, ...], part: str) -> Iterator[Hit]:
    """One hit per component of `part` that is not there, at the place it would be (its block's first line)."""
    for component in components:
        if component.key not in present:
            params = {"field": f"{part}.{component.key}", "name_en": component.en, "name_id": component.id}
            yield Hit(f"/{part}/{component.key}", {**params, "letter": component.letter}, at_key=True)


@rule(
    id="TRA009",
    principle=Principle.TRANSPARENCY,
    severity=Severity.ERROR,
    weight=5,
    title=("A service-delivery component is missing", "Komponen penyampaian pelayanan tidak ada"),
    message=(
        "The standard does not state {name_en} (`{field}`, {name_id}), one of the six service-delivery components "
        "(UU 25/2009 Article 21({letter})). Add it as the provider publishes it.",
        "Standar pelayanan belum memuat {name_id} (`{field}`), salah satu dari enam komponen penyampaian "
        "pelayanan (UU 25/2009 Pasal 21 huruf {letter}). Tambahkan sesuai yang dipublikasikan penyelenggara.",
    ),
    fix=(
        "Add the missing component under `delivery`; if the provider does not publish it, that is the finding to "
        "take to the provider.",
        "Tambahkan komponen yang belum ada di bawah `delivery`; bila penyelenggara memang tidak "
        "mempublikasikannya, temuan inilah yang disampaikan kepada penyelenggara.",
    ),
    rationale=(
        "Requirements, procedure, completion time, fees, product and complaint handling are what a citizen reads "
        "before applying: the six service-delivery components of every standard, full or published sheet. Format "
        "1.1 accepts a text without one of them, so that the rest can be checked; the missing component is "
        "reported here, each on its own.",
        "Persyaratan, prosedur, jangka waktu, biaya/tarif, produk, dan penanganan pengaduan adalah yang dibaca "
        "warga sebelum mengajukan permohonan: enam komponen penyampaian pelayanan pada setiap standar, baik "
        "standar lengkap maupun lembar publikasi. Format 1.1 menerima teks yang tidak memuat salah satunya agar "
        "bagian lainnya tetap dapat diperiksa; komponen yang tidak ada dilaporkan di sini, masing-masing "
        "tersendiri.",
    ),
    reference=cite(
        at(UU_25_2009, "Article 21(b)–(f) and (j)", "Pasal 21 huruf b–f dan huruf j"),
        at(PERMENPANRB_15_2014, "Annex (service-delivery components)", "Lampiran (komponen service delivery)"),
    ),
    applies=_may_lack_components,
)
def TRA009(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    """Passing:

        delivery:                                # all six, as a published sheet shows them
          requirements: [{name: Kartu Keluarga}]
          procedure: {steps: [{actor: Pemohon, action: Menyerahkan berkas}]}
          completion_time: {value: 1, unit: hari_kerja}
          fees: [{name: Surat keterangan, amount: 0}]
          products: [{name: Surat keterangan}]
          complaints: {channels: [{type: telepon, contact: (0281) 622119}]}

    Failing:

        delivery:                                # flagged once for `products`, at `delivery`
          requirements: [{name: Kartu Keluarga}]
          procedure: {steps: [{actor: Pemohon, action: Menyerahkan berkas}]}
          completion_time: {value: 1, unit: hari_kerja}
          fees: [{name: Surat keterangan, amount: 0}]
          complaints: {channels: [{type: telepon, contact: (0281) 622119}]}
    """
    yield from _missing(doc["delivery"], DELIVERY, "delivery")


@rule(
    id="ACC010",
    principle=Principle.ACCOUNTABILITY,
    severity=Severity.ERROR,
    weight=4,
    title=("A service-management component is missing", "Komponen pengelolaan pelayanan tidak ada"),
    message=(
        "This full standard does not state {name_en} (`{field}`, {name_id}), one of the eight service-management "
        "components (UU 25/2009 Article 21({letter})). Add it; if the document is only the published sheet of "
        "the six delivery components, declare `kind: published_sheet`.",
        "Standar pelayanan lengkap ini belum memuat {name_id} (`{field}`), salah satu dari delapan komponen "
        "pengelolaan pelayanan (UU 25/2009 Pasal 21 huruf {letter}). Tambahkan komponen tersebut; bila dokumen "
        "ini hanya lembar publikasi enam komponen penyampaian pelayanan, nyatakan `kind: published_sheet`.",
    ),
    fix=(
        "Add the component under `manufacturing`, from the adopted standard (the decree's annex).",
        "Tambahkan komponen tersebut di bawah `manufacturing`, sesuai standar yang ditetapkan (lampiran "
        "keputusan penetapan).",
    ),
    rationale=(
        "The eight service-management components need not be published, but the adopted standard must have "
        "them: they are how the provider keeps its promise (legal basis, facilities, competent and sufficient "
        "staff, supervision, guarantees, evaluation). Only a full standard (`kind: standard`, or a document with "
        "`manufacturing`) is judged on them; a published sheet is not.",
        "Delapan komponen pengelolaan pelayanan tidak wajib dipublikasikan, tetapi standar yang ditetapkan wajib "
        "memuatnya: komponen inilah cara penyelenggara menepati janjinya (dasar hukum, sarana, pelaksana yang "
        "kompeten dan mencukupi, pengawasan, jaminan, evaluasi). Hanya standar lengkap (`kind: standard`, atau "
        "dokumen yang memuat `manufacturing`) yang dinilai dengan aturan ini; lembar publikasi tidak.",
    ),
    reference=cite(
        at(UU_25_2009, "Article 21(a), (g)–(i) and (k)–(n)", "Pasal 21 huruf a, huruf g–i, dan huruf k–n"),
        at(PERMENPANRB_15_2014, "Annex (manufacturing components)", "Lampiran (komponen manufacturing)"),
    ),
    full_standard_only=True,
    applies=_may_lack_components,
)
def ACC010(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    """Passing:

        kind: published_sheet                    # a published sheet: not judged on manufacturing

    Failing:

        kind: standard                           # flagged once per missing component, here `staff_count`
        manufacturing:
          legal_basis: [Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik]
          facilities: [{name: Ruang tunggu}]
          staff_competence: [{role: Petugas loket}]
          internal_supervision: [{supervisor: Camat}]
          service_guarantee: Surat selesai dalam satu hari kerja.
          security_guarantee: Data pribadi pemohon dijaga kerahasiaannya.
          performance_evaluation: {method: Survei Kepuasan Masyarakat}
    """
    yield from _missing(doc.get("manufacturing", {}), MANUFACTURING, "manufacturing")


RULES: tuple[Rule, ...] = (TRA009, ACC010)
