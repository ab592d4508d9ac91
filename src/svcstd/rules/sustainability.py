"""Rules of the sustainability principle (berkelanjutan): a standard is reviewed, evaluated and its changes recorded."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date, timedelta
from typing import Any

from svcstd.model import Principle, Severity
from svcstd.rules.base import Document, Hit, Rule, RuleContext, is_own_record, rule
from svcstd.rules.citations import (
    ATR_BPN_3_2025,
    OMBUDSMAN_ASSESSMENT,
    UU_25_2009,
    at,
    cite,
    practice,
    principle,
)
from svcstd.standard.dates import add_months
from svcstd.standard.kinds import status

BERKELANJUTAN = cite(
    principle(
        "principle of sustainability; no review interval verified in it: good practice",
        "prinsip berkelanjutan; jangka peninjauan di dalamnya belum diverifikasi: praktik yang baik",
    ),
    ATR_BPN_3_2025,
)
UNSCHEDULED = frozenset({"ad_hoc"})


def has_review(doc: Document, ctx: RuleContext) -> bool:
    return "review" in doc


def review_start(doc: Document) -> date | None:
    """When the review clock started: the last review, else the adoption date, else unknown."""
    if "last_reviewed" in doc["review"]:
        return date.fromisoformat(doc["review"]["last_reviewed"])
    if "adoption" in doc:
        return date.fromisoformat(doc["adoption"]["date"])
    return None


def review_is_due(doc: Document, ctx: RuleContext) -> bool:
    return status(doc) == "adopted" and "review" in doc and review_start(doc) is not None


def adopted_with_review(doc: Document, ctx: RuleContext) -> bool:
    return status(doc) == "adopted" and "review" in doc


def dated_history(doc: Document) -> list[tuple[int, str]]:
    return [(i, entry["date"]) for i, entry in enumerate(doc["review"].get("history", [])) if "date" in entry]


def records_last_review(doc: Document, ctx: RuleContext) -> bool:
    return "review" in doc and "last_reviewed" in doc["review"] and bool(dated_history(doc))


@rule(
    id="SUS001",
    full_standard_only=True,
    principle=Principle.SUSTAINABILITY,
    severity=Severity.WARNING,
    weight=4,
    title=("No periodic review is planned", "Evaluasi berkala tidak direncanakan"),
    message=(
        "The standard has no `review` block (periodic review): nobody is bound to check it again. Add "
        "`review` with `interval_months` (at most 12) and, once reviewed, `last_reviewed` and `history`.",
        "Standar pelayanan tidak memuat blok `review` (evaluasi berkala), sehingga tidak ada jadwal untuk "
        "meninjaunya kembali. Tambahkan `review` berisi `interval_months` (paling lama 12 bulan) dan, setelah "
        "evaluasi dilakukan, `last_reviewed` serta `history`.",
    ),
    fix=(
        "Add `review: {interval_months: 12}` and record each review in `last_reviewed` and `history`.",
        "Tambahkan `review: {interval_months: 12}` dan catat setiap evaluasi pada `last_reviewed` dan `history`.",
    ),
    rationale=(
        "A standard that is never reviewed drifts away from the law and from what citizens need; the "
        "guideline's drafting cycle ends with monitoring and evaluation of the standard.",
        "Standar yang tidak pernah dievaluasi akan tertinggal dari peraturan dan kebutuhan masyarakat; "
        "siklus penyusunan dalam pedoman diakhiri dengan pemantauan dan evaluasi standar pelayanan.",
    ),
    reference=BERKELANJUTAN,
    applies=is_own_record,
)
def SUS001(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    """Passing:

        review: {interval_months: 12, last_reviewed: 2026-06-15}

    Failing:

        status: adopted                         # and no `review` block anywhere: flagged at the document
        adoption: {decree: Keputusan Kepala Dinas Nomor 470/015/2026, date: 2026-01-12}
    """
    if "review" not in doc:
        yield Hit("", at_key=True)


@rule(
    id="SUS002",
    full_standard_only=True,
    principle=Principle.SUSTAINABILITY,
    severity=Severity.WARNING,
    weight=3,
    title=("Review interval is too long", "Jangka waktu evaluasi terlalu panjang"),
    message=(
        "The review interval (`review.interval_months`) is {interval} months, longer than {limit}. Review the "
        "standard at least every {limit} months and set `interval_months` to {limit} or less.",
        "Jangka waktu evaluasi (`review.interval_months`) adalah {interval} bulan, melebihi {limit} bulan. "
        "Evaluasi standar pelayanan paling lama setiap {limit} bulan sekali dan ubah `interval_months` menjadi "
        "{limit} atau kurang.",
    ),
    fix=("Set `review.interval_months` to 12 or less.", "Ubah `review.interval_months` menjadi 12 atau kurang."),
    rationale=(
        "Rules, fees and systems change every year; a standard reviewed every two or three years promises "
        "what the unit no longer does. Reviewing at least once a year is the common guidance and the default "
        "here; where the provider's own regulation sets another interval, set `max_interval_months` to it.",
        "Peraturan, tarif, dan sistem berubah setiap tahun; standar yang baru dievaluasi dua atau tiga tahun "
        "sekali menjanjikan hal yang tidak lagi dilakukan unit. Evaluasi paling sedikit sekali setahun adalah "
        "anjuran yang lazim dan menjadi nilai bawaan aturan ini; apabila peraturan penyelenggara sendiri "
        "menetapkan jangka waktu lain, sesuaikan opsi `max_interval_months` dengan jangka waktu tersebut.",
    ),
    reference=BERKELANJUTAN,
    options={"max_interval_months": 12},
    applies=has_review,
)
def SUS002(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    """Passing:

        review: {interval_months: 12}

    Failing:

        review: {interval_months: 36}
    """
    interval, limit = doc["review"]["interval_months"], ctx.options["max_interval_months"]
    if interval > limit:
        yield Hit("/review/interval_months", {"interval": interval, "limit": limit})


@rule(
    id="SUS003",
    full_standard_only=True,
    principle=Principle.SUSTAINABILITY,
    severity=Severity.WARNING,
    weight=4,
    title=("Review is overdue", "Evaluasi berkala sudah lewat waktu"),
    message=(
        "The periodic review (`review`) is overdue: counting {interval} months from {start} ({since}), the "
        "next review was due by {due}, {days} days before {as_of}. Review the standard and record the date "
        "in `review.last_reviewed` and what changed in `review.history`.",
        "Evaluasi berkala (`review`) sudah lewat waktu: dihitung {interval} bulan sejak {start} ({since_id}), "
        "evaluasi berikutnya seharusnya dilakukan paling lambat {due}, yaitu {days} hari sebelum {as_of}. "
        "Lakukan evaluasi standar pelayanan, lalu catat tanggalnya pada `review.last_reviewed` dan hasilnya pada "
        "`review.history`.",
    ),
    fix=(
        "Review the standard, then update `review.last_reviewed` and add an entry to `review.history`.",
        "Lakukan evaluasi, lalu perbarui `review.last_reviewed` dan tambahkan butir pada `review.history`.",
    ),
    rationale=(
        "A schedule that is not kept is no schedule: the standard's own interval is the promise it is held to.",
        "Jadwal yang tidak ditepati sama dengan tidak ada jadwal: jangka waktu evaluasi yang ditetapkan "
        "sendiri adalah janji yang harus dipenuhi.",
    ),
    reference=BERKELANJUTAN,
    options={"grace_days": 0},
    applies=review_is_due,
)
def SUS003(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    """Passing:

        review: {interval_months: 12, last_reviewed: 2026-06-15}   # checked --as-of 2026-11-27

    Failing:

        review: {interval_months: 12, last_reviewed: 2025-06-16}   # checked --as-of 2026-11-27: due 2026-06-16
    """
    start = review_start(doc)
    assert start is not None  # guaranteed by `applies`
    interval = doc["review"]["interval_months"]
    due = add_months(start, interval) + timedelta(days=ctx.options["grace_days"])
    if ctx.as_of <= due:
        return
    reviewed = "last_reviewed" in doc["review"]
    params = {
        "interval": interval,
        "start": start.isoformat(),
        "due": due.isoformat(),
        "days": (ctx.as_of - due).days,
        "as_of": ctx.as_of.isoformat(),
        "since": "last review" if reviewed else "adoption; never reviewed",
        "since_id": "evaluasi terakhir" if reviewed else "penetapan; belum pernah dievaluasi",
    }
    yield Hit("/review/last_reviewed", params) if reviewed else Hit("/review", params, at_key=True)


@rule(
    id="SUS004",
    full_standard_only=True,
    principle=Principle.SUSTAINABILITY,
    severity=Severity.WARNING,
    weight=2,
    title=("No review history", "Riwayat evaluasi tidak dicatat"),
    message=(
        "The review history (`review.history`) is missing or empty: nobody can see what past reviews found or "
        "changed. Add one entry per review with its `date` and a `summary` of what changed.",
        "Riwayat evaluasi (`review.history`) tidak ada atau kosong, sehingga hasil dan perubahan dari evaluasi "
        "sebelumnya tidak terlihat. Tambahkan satu butir untuk setiap evaluasi, berisi `date` dan `summary` "
        "perubahannya.",
    ),
    fix=(
        "Add `review.history` entries: `- {date: 2026-06-15, summary: ...}`.",
        "Tambahkan butir `review.history`: `- {date: 2026-06-15, summary: ...}`.",
    ),
    rationale=(
        "Continuous improvement must be visible: recorded changes show that reviews lead somewhere.",
        "Perbaikan berkelanjutan harus terlihat: perubahan yang dicatat menunjukkan bahwa evaluasi "
        "benar-benar ditindaklanjuti.",
    ),
    reference=BERKELANJUTAN,
    applies=adopted_with_review,
)
def SUS004(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    """Passing:

        review: {interval_months: 12, history: [{date: 2026-06-15, summary: Waktu tunggu dipangkas.}]}

    Failing:

        review: {interval_months: 12, last_reviewed: 2026-02-16}
    """
    review = doc["review"]
    if "history" not in review:
        yield Hit("/review", at_key=True)
    elif not review["history"]:
        yield Hit("/review/history")


def _evaluation_hit(block: Mapping[str, Any], pointer: str) -> Hit | None:
    """A hit when the block has no frequency or only an unscheduled one."""
    if "frequency" not in block:
        return Hit(pointer, {"state": "has no `frequency`", "state_id": "tidak mencantumkan `frequency`"}, at_key=True)
    if block["frequency"] in UNSCHEDULED:
        value = block["frequency"]
        params = {"state": f"has frequency `{value}`", "state_id": f"hanya berfrekuensi `{value}` (sewaktu-waktu)"}
        return Hit(f"{pointer}/frequency", params)
    return None


@rule(
    id="SUS005",
    full_standard_only=True,
    needs=("manufacturing/performance_evaluation",),
    principle=Principle.SUSTAINABILITY,
    severity=Severity.INFO,
    weight=1,
    title=("Performance evaluation is not scheduled yearly", "Evaluasi kinerja pelaksana tidak terjadwal"),
    message=(
        "The staff performance evaluation (`manufacturing.performance_evaluation`) {state}, so it is not "
        "scheduled at least once a year. Set `frequency` to `annual` or more often.",
        "Evaluasi kinerja pelaksana (`manufacturing.performance_evaluation`) {state_id}, sehingga tidak "
        "terjadwal paling sedikit sekali setahun. Isi `frequency` dengan `annual` atau yang lebih sering "
        "(`semiannual`, `quarterly`, `monthly`).",
    ),
    fix=(
        "Set `performance_evaluation.frequency` to `annual`, `semiannual`, `quarterly` or `monthly`.",
        "Isi `performance_evaluation.frequency` dengan `annual`, `semiannual`, `quarterly`, atau `monthly`.",
    ),
    rationale=(
        "An evaluation held only when someone thinks of it does not improve anything. A satisfaction survey, "
        "the usual method, must be held at least once a year.",
        "Evaluasi yang hanya dilakukan sewaktu-waktu tidak mendorong perbaikan. Survei Kepuasan Masyarakat, "
        "metode yang paling lazim, wajib dilakukan paling sedikit sekali setahun.",
    ),
    reference=cite(
        at(UU_25_2009, "Article 21(n) (staff performance evaluation)", "Pasal 21 huruf n (evaluasi kinerja pelaksana)"),
        practice("evaluating staff at least once a year", "evaluasi kinerja pelaksana paling sedikit setahun sekali"),
    ),
)
def SUS005(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    """Passing:

        performance_evaluation: {method: Survei Kepuasan Masyarakat, frequency: semiannual}

    Failing:

        performance_evaluation: {method: Survei Kepuasan Masyarakat, frequency: ad_hoc}
    """
    hit = _evaluation_hit(doc["manufacturing"]["performance_evaluation"], "/manufacturing/performance_evaluation")
    if hit is not None:
        yield hit


@rule(
    id="SUS006",
    full_standard_only=True,
    needs=("manufacturing/internal_supervision",),
    principle=Principle.SUSTAINABILITY,
    severity=Severity.INFO,
    weight=1,
    title=("Internal supervision is not scheduled", "Pengawasan internal tidak terjadwal"),
    message=(
        "This internal supervision entry (`manufacturing.internal_supervision`) {state}, and no entry is "
        "scheduled at least once a year. Give each supervision a regular `frequency` (for example `monthly`).",
        "Butir pengawasan internal (`manufacturing.internal_supervision`) ini {state_id}, dan tidak ada "
        "pengawasan yang terjadwal paling sedikit sekali setahun. Isi `frequency` setiap pengawasan dengan "
        "jadwal tetap (misalnya `monthly`).",
    ),
    fix=(
        "Set a regular `frequency` on at least one supervision entry.",
        "Isi `frequency` yang teratur pada sekurang-kurangnya satu butir pengawasan.",
    ),
    rationale=(
        "Internal supervision is control by the unit's head or the staff's superior; the Ombudsman's "
        "compliance assessment scores how often it happens.",
        "Pengawasan internal adalah pengendalian oleh pimpinan satuan kerja atau atasan langsung; dalam "
        "penilaian kepatuhan, Ombudsman memperhatikan frekuensinya.",
    ),
    reference=cite(
        at(
            UU_25_2009,
            "Article 21(i) and its elucidation (internal supervision)",
            "Pasal 21 huruf i beserta penjelasannya (pengawasan internal)",
        ),
        at(
            OMBUDSMAN_ASSESSMENT,
            "input indicator 'Frekuensi Pengawasan Internal' (frequency of internal supervision)",
            "indikator input 'Frekuensi Pengawasan Internal'",
        ),
    ),
)
def SUS006(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    """Passing:

        internal_supervision: [{supervisor: Kepala Bidang, method: Rapat evaluasi, frequency: monthly}]

    Failing:

        internal_supervision: [{supervisor: Kepala Bidang, method: Pemeriksaan berkas, frequency: ad_hoc}]
    """
    hits = [
        _evaluation_hit(entry, f"/manufacturing/internal_supervision/{i}")
        for i, entry in enumerate(doc["manufacturing"]["internal_supervision"])
    ]
    if all(hit is not None for hit in hits):
        yield from (hit for hit in hits if hit is not None)


@rule(
    id="SUS007",
    full_standard_only=True,
    principle=Principle.SUSTAINABILITY,
    severity=Severity.WARNING,
    weight=2,
    title=("Review dated in the future", "Tanggal evaluasi di masa depan"),
    message=(
        "The review date {value} in `review` (periodic review) is later than {as_of}: a review cannot be "
        "recorded before it happens. Correct the date, or record the review once it has taken place.",
        "Tanggal evaluasi {value} pada `review` (evaluasi berkala) lebih lambat dari {as_of}: evaluasi tidak "
        "dapat dicatat sebelum dilaksanakan. Perbaiki tanggalnya, atau catat evaluasi setelah dilaksanakan.",
    ),
    fix=(
        "Correct `review.last_reviewed` or the `review.history` date.",
        "Perbaiki `review.last_reviewed` atau tanggal pada `review.history`.",
    ),
    rationale=(
        "A future review date is an error of fact that would hide an overdue review.",
        "Tanggal evaluasi di masa depan adalah kekeliruan data yang dapat menutupi evaluasi yang terlambat.",
    ),
    reference=BERKELANJUTAN,
    applies=has_review,
)
def SUS007(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    """Passing:

        review: {interval_months: 12, last_reviewed: 2026-06-15}   # checked --as-of 2026-11-27

    Failing:

        review: {interval_months: 12, last_reviewed: 2027-01-10}   # checked --as-of 2026-11-27: in the future
    """
    dates = [(f"/review/history/{i}/date", value) for i, value in dated_history(doc)]
    if "last_reviewed" in doc["review"]:
        dates.append(("/review/last_reviewed", doc["review"]["last_reviewed"]))
    for pointer, value in dates:
        if date.fromisoformat(value) > ctx.as_of:
            yield Hit(pointer, {"value": value, "as_of": ctx.as_of.isoformat()})


@rule(
    id="SUS008",
    full_standard_only=True,
    principle=Principle.SUSTAINABILITY,
    severity=Severity.WARNING,
    weight=1,
    title=("Last review not recorded in the history", "Evaluasi terakhir tidak tercatat dalam riwayat"),
    message=(
        "The last review (`review.last_reviewed`) is dated {last}, but the latest entry of the review history "
        "(`review.history`) is dated {latest}. Make the two agree: add the last review to the history with a summary, "
        "or correct `last_reviewed`.",
        "Evaluasi terakhir (`review.last_reviewed`) bertanggal {last}, tetapi butir terakhir riwayat evaluasi "
        "(`review.history`) bertanggal {latest}. Samakan keduanya: tambahkan evaluasi terakhir ke riwayat "
        "beserta ringkasannya, atau perbaiki `last_reviewed`.",
    ),
    fix=(
        "Add a `review.history` entry dated `last_reviewed`, or correct `last_reviewed`.",
        "Tambahkan butir `review.history` bertanggal sama dengan `last_reviewed`, atau perbaiki `last_reviewed`.",
    ),
    rationale=(
        "The history is the record of improvement; a last review missing from it is a change nobody can trace.",
        "Riwayat evaluasi adalah catatan perbaikan; evaluasi terakhir yang tidak tercatat adalah perubahan "
        "yang tidak dapat ditelusuri.",
    ),
    reference=BERKELANJUTAN,
    applies=records_last_review,
)
def SUS008(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    """Passing:

        review: {interval_months: 12, last_reviewed: 2026-06-15, history: [{date: 2026-06-15, summary: ...}]}

    Failing:

        review: {interval_months: 12, last_reviewed: 2026-06-15, history: [{date: 2025-06-16, summary: ...}]}
    """
    last = doc["review"]["last_reviewed"]
    latest = max(value for _, value in dated_history(doc))
    if latest != last:
        yield Hit("/review/last_reviewed", {"last": last, "latest": latest})


RULES: tuple[Rule, ...] = (SUS001, SUS002, SUS003, SUS004, SUS005, SUS006, SUS007, SUS008)
