"""Rules of the simplicity principle (PermenPANRB 15/2014, Bab II): few requirements, few steps, clear times."""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import partial
from operator import itemgetter
from typing import Any

from svcstd.model import Principle, Severity
from svcstd.rules.base import Document, Each, Hit, Rule, RuleContext, rule
from svcstd.rules.citations import UU_25_2009, at, cite, practice, principle
from svcstd.rules.facts import shared
from svcstd.rules.routes import Routes
from svcstd.standard.durations import (
    MINUTES_PER_UNIT,
    completion_durations,
    describe,
    is_measured,
    measured_upper,
)
from svcstd.standard.steps import all_steps
from svcstd.standard.words import folded, lazy_pattern

_COPY_NAME = lazy_pattern(r"^\s*(?:foto\s*kopi|fotocopy|photocopy|salinan)\b", re.IGNORECASE)
_SENTENCE_END = lazy_pattern(r"(?<=[.!?;])\s+")  # only for a long description

PRINCIPLE_REF = principle(
    "principle of simplicity; its definition not verified: good practice",
    "prinsip kesederhanaan; definisinya belum diverifikasi: praktik yang baik",
)
EVERY_CASE = ("to every case", "untuk semua kasus")
MAIN_ROUTE = ("the main route", "alur utama")

Path = tuple[str | None, str | None]


def normalise(text: str) -> str:
    """Lower case, punctuation and runs of spaces folded to one space: how a reader compares names."""
    return folded(text)


def _requirements(doc: Document) -> list[Mapping[str, Any]]:
    return list(doc["delivery"].get("requirements", []))


def _steps(doc: Document) -> list[Mapping[str, Any]]:
    return list(doc["delivery"]["procedure"]["steps"])


def _has_requirements(doc: Document, ctx: RuleContext) -> bool:
    return bool(doc["delivery"]["requirements"])


def _case_label(case: str | None) -> tuple[str, str]:
    return EVERY_CASE if case is None else (f"in case '{case}'", f"untuk kasus '{case}'")


@rule(
    id="SIM001",
    needs=("delivery/requirements",),
    principle=Principle.SIMPLICITY,
    severity=Severity.INFO,
    weight=1,
    title=("Too many requirements for one case", "Persyaratan terlalu banyak untuk satu kasus"),
    message=(
        "A total of {count} requirements (delivery.requirements, persyaratan) apply {case_en}, more than the "
        "{max} a citizen should have to gather. Drop the requirements the provider can check itself.",
        "Jumlah persyaratan (delivery.requirements) {case_id} mencapai {count}, melebihi batas {max}. Hapus "
        "persyaratan yang datanya dapat diperiksa sendiri oleh penyelenggara.",
    ),
    fix=(
        "Remove requirements the provider can obtain itself (data already in its systems, documents of other "
        "agencies) or merge them; split very different cases with `when`.",
        "Hapus persyaratan yang dapat diperoleh sendiri oleh penyelenggara (data yang sudah ada dalam sistem, "
        "dokumen instansi lain) atau gabungkan; pisahkan kasus yang berbeda dengan `when`.",
    ),
    rationale=(
        "A simple standard is easy to follow: every extra document costs the citizen a trip or a fee. "
        "Requirements without `when` count for every case. No regulation sets a maximum: 8 is a rule of thumb, "
        "and `max_requirements` can be set to the provider's own policy.",
        "Standar yang sederhana mudah diikuti: setiap dokumen tambahan membebani masyarakat dengan waktu dan "
        "biaya. Persyaratan tanpa `when` dihitung pada setiap kasus. Tidak ada peraturan yang menetapkan batas "
        "jumlahnya: angka 8 adalah patokan praktis, dan opsi `max_requirements` dapat disesuaikan dengan "
        "kebijakan penyelenggara.",
    ),
    reference=PRINCIPLE_REF,
    options={"max_requirements": 8},
    applies=_has_requirements,
)
def SIM001(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    """Passing:

        requirements:
          - {name: Kartu Keluarga, form: original}          # counts for every case
          - {name: Surat keterangan hilang, when: KTP-el hilang}

    Failing:

        requirements:                                       # nine requirements, none with `when`
          - {name: Kartu Keluarga, form: original}
          - {name: Akta kelahiran, form: original}
          - {name: Surat pengantar RT/RW, form: original}
          - {name: Surat pengantar kelurahan, form: original}
          - {name: Surat keterangan domisili, form: original}
          - {name: Pas foto 3x4, form: original}
          - {name: Surat pernyataan bermeterai, form: original}
          - {name: Surat keterangan catatan kepolisian, form: original}
          - {name: Ijazah terakhir, form: original}        # flagged: the ninth
    """
    limit = int(ctx.options["max_requirements"])
    requirements = _requirements(doc)
    # The requirements of each case are those for every case (no `when`) and its own, kept apart: listing
    # them anew per case was quadratic when every requirement had a `when` of its own.
    common: list[int] = []
    own: dict[str | None, list[int]] = {None: []}
    for i, r in enumerate(requirements):
        (common if r.get("when") is None else own.setdefault(r["when"], [])).append(i)
    flagged: set[int] = set()
    for case, indexes in own.items():
        count = len(common) + len(indexes)
        index = _nth_of_two(common, indexes, limit) if count > limit else None
        if index is not None and index not in flagged:
            flagged.add(index)
            en, id_ = _case_label(case)
            params = {"case_en": en, "case_id": id_, "count": count, "max": limit}
            yield Hit(f"/delivery/requirements/{index}", params)


def _nth_of_two(first: list[int], second: list[int], n: int) -> int:
    """The n-th (from 0) smallest of two sorted lists of distinct indexes taken together, in O(log^2) steps."""
    low, high = 0, max(first[-1] if first else 0, second[-1] if second else 0)
    while low < high:
        middle = (low + high) // 2
        if bisect_right(first, middle) + bisect_right(second, middle) > n:
            high = middle
        else:
            low = middle + 1
    return low


@rule(
    id="SIM002",
    needs=("delivery/requirements",),
    principle=Principle.SIMPLICITY,
    severity=Severity.WARNING,
    weight=2,
    title=("The same requirement twice", "Persyaratan yang sama disebut dua kali"),
    message=(
        "The requirement '{name}' (delivery.requirements, persyaratan) repeats requirement no. {first} for "
        "the same case. Remove the duplicate.",
        "Persyaratan '{name}' (delivery.requirements) mengulang persyaratan nomor {first} untuk "
        "kasus yang sama. Hapus persyaratan yang berulang.",
    ),
    fix=(
        "Keep one entry per document; use `copies` if several copies are really needed.",
        "Cantumkan setiap dokumen satu kali saja; gunakan `copies` apabila memang diperlukan lebih dari satu.",
    ),
    rationale=(
        "A requirement listed twice makes the list look longer than it is and confuses applicants.",
        "Persyaratan yang tercantum dua kali membuat daftar tampak lebih panjang dan membingungkan pemohon.",
    ),
    reference=PRINCIPLE_REF,
    applies=_has_requirements,
)
def SIM002(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    """Passing:

        requirements:
          - {name: Fotokopi KTP Pemohon, form: copy, copies: 2}

    Failing:

        requirements:
          - {name: Fotokopi KTP Pemohon, form: copy}
          - {name: "fotokopi KTP pemohon.", form: copy}   # flagged at .../1/name: only case and punctuation differ
    """
    seen: dict[tuple[str, str | None], int] = {}
    for index, requirement in enumerate(_requirements(doc)):
        key = (normalise(requirement["name"]), requirement.get("when"))
        if key in seen:
            yield Hit(f"/delivery/requirements/{index}/name", {"name": requirement["name"], "first": seen[key] + 1})
        else:
            seen[key] = index


def _asks_copy(requirement: Mapping[str, Any]) -> bool:
    form = requirement.get("form")
    return form == "copy" or (form is None and _COPY_NAME().match(requirement["name"]) is not None)


@rule(
    id="SIM003",
    needs=("delivery/requirements",),
    principle=Principle.SIMPLICITY,
    severity=Severity.INFO,
    weight=1,
    title=(
        "Photocopy asked where the original can be shown",
        "Meminta fotokopi padahal dokumen asli cukup ditunjukkan",
    ),
    message=(
        "{count} requirement(s) (delivery.requirements, persyaratan) ask for a photocopy: {names}. Let "
        "applicants show the original or send a digital copy (form: original or digital) instead.",
        "{count} persyaratan (delivery.requirements) meminta fotokopi: {names}. Ubah menjadi dokumen asli "
        "yang cukup ditunjukkan atau salinan digital (form: original atau digital).",
    ),
    fix=(
        "Set `form: original` with a note that the original is only shown, or `form: digital`; keep a copy "
        "only where the copy itself is the object of the service (for example a copy to be legalised).",
        "Tetapkan `form: original` dengan catatan bahwa dokumen asli cukup ditunjukkan, atau `form: digital`; "
        "pertahankan fotokopi hanya jika fotokopi itu sendiri yang dilayani (misalnya untuk dilegalisir).",
    ),
    rationale=(
        "Photocopies cost applicants money and a trip, and add nothing the officer cannot see on the original.",
        "Fotokopi menambah biaya dan waktu bagi pemohon, padahal petugas dapat memeriksa dokumen aslinya.",
    ),
    reference=PRINCIPLE_REF,
    applies=_has_requirements,
    items=lambda doc, ctx: len(_requirements(doc)),
)
def SIM003(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    """Passing:

        requirements:
          - {name: Kartu Keluarga, form: original, note: "Ditunjukkan, tidak perlu fotokopi"}

    Failing:

        requirements:
          - {name: Fotokopi KTP Pemohon, form: copy, copies: 2}   # one finding names both, at the first
          - {name: Fotokopi Kartu Keluarga}                       # no form, name starts "Fotokopi"
    """
    copies = [(index, r) for index, r in enumerate(_requirements(doc)) if _asks_copy(r)]
    if not copies:
        return
    index, first = copies[0]
    field = "form" if "form" in first else "name"
    names = ", ".join(f"'{r['name']}'" for _, r in copies[:MAX_NAMED])
    names += f" (+{len(copies) - MAX_NAMED})" if len(copies) > MAX_NAMED else ""
    pointer = f"/delivery/requirements/{index}/{field}" if len(copies) == 1 else "/delivery/requirements"
    each = Each(
        lambda: (
            Hit(
                f"/delivery/requirements/{i}/{'form' if 'form' in r else 'name'}",
                {"count": 1, "names": f"'{r['name']}'"},
            )
            for i, r in copies
        )
    )
    yield Hit(pointer, {"count": len(copies), "names": names}, at_key=len(copies) > 1, items=len(copies), each=each)


MAX_NAMED = 5
"""A finding names at most this many items; the count says how many there are."""


def _paths(steps: list[Mapping[str, Any]]) -> list[Path]:
    """The routes through the procedure: the plain one, plus each channel/case some step names."""
    routes: dict[Path, None] = {(None, None): None}
    for channel, case in dict.fromkeys([(step.get("channel"), step.get("when")) for step in steps]):
        # each (channel, case) once, in the order the steps first name it: a repeated one adds no route
        routes.update({(channel, None): None, (None, case): None, (channel, case): None})
    return list(routes)


def _path_label(path: Path) -> dict[str, str]:
    """Message parameters naming a route: its channel and case, or the main route."""
    named = " / ".join(part for part in path if part is not None)
    if not named:
        return {"path_en": MAIN_ROUTE[0], "path_id": MAIN_ROUTE[1]}
    return {"path_en": f"route '{named}'", "path_id": f"alur '{named}'"}


@rule(
    id="SIM004",
    needs=("delivery/procedure",),
    principle=Principle.SIMPLICITY,
    severity=Severity.INFO,
    weight=1,
    title=("Too many steps", "Langkah prosedur terlalu banyak"),
    message=(
        "The procedure (delivery.procedure.steps, prosedur) has {count} steps on {path_en}, more than "
        "{max}. Merge or remove steps the applicant does not need to see.",
        "Prosedur pelayanan (delivery.procedure.steps) memiliki {count} langkah pada "
        "{path_id}, melebihi batas {max}. Gabungkan atau hapus langkah yang tidak perlu dilalui pemohon.",
    ),
    fix=(
        "Merge internal hand-overs into one step and keep the steps the applicant meets.",
        "Gabungkan serah terima internal menjadi satu langkah dan pertahankan langkah yang dialami pemohon.",
    ),
    rationale=(
        "Each step is a chance for delay or an informal fee; a short procedure is easier to follow and supervise. "
        "Steps are counted per route (channel and case); steps without them belong to every route. No "
        "regulation sets a maximum: 10 is a rule of thumb, and `max_steps` can be set to the provider's own policy.",
        "Setiap langkah membuka peluang penundaan atau pungutan tidak resmi; prosedur yang singkat lebih mudah "
        "diikuti dan diawasi. Langkah dihitung per alur (saluran dan kasus); langkah tanpa keduanya termasuk "
        "dalam setiap alur. Tidak ada peraturan yang menetapkan batas jumlahnya: angka 10 adalah patokan praktis, "
        "dan opsi `max_steps` dapat disesuaikan dengan kebijakan penyelenggara.",
    ),
    reference=PRINCIPLE_REF,
    options={"max_steps": 10},
)
def SIM004(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    """Passing:

        steps:                                  # at most 10 steps on every route
          - {actor: Pemohon, action: Mengambil nomor antrean}
          - {actor: Petugas loket, action: Memeriksa dokumen, channel: in_person}

    Failing:

        steps:                                  # eleven steps without channel or case
          - {actor: Pemohon, action: Mengambil nomor antrean}
          - {actor: Petugas loket, action: Memeriksa dokumen}
          - {actor: Petugas loket, action: Mencatat permohonan}
          - {actor: Petugas loket, action: Menyerahkan berkas}
          - {actor: Verifikator, action: Memverifikasi data}
          - {actor: Verifikator, action: Meneruskan berkas}
          - {actor: Kepala Seksi, action: Memeriksa berkas}
          - {actor: Kepala Seksi, action: Memaraf konsep}
          - {actor: Kepala Bidang, action: Menandatangani}
          - {actor: Operator, action: Mencetak dokumen}
          - {actor: Petugas loket, action: Menyerahkan dokumen}   # flagged: the eleventh step
    """
    limit = int(ctx.options["max_steps"])
    steps = _steps(doc)
    if len(steps) <= limit:  # no route has more steps than the procedure: nothing to count
        return
    routes = Routes(steps)
    flagged: set[int] = set()
    for path in _paths(steps):
        count = routes.count(path)
        index = routes.nth(path, limit) if count > limit else None
        if index is not None and index not in flagged:
            flagged.add(index)
            params = {"count": count, "max": limit, **_path_label(path)}
            yield Hit(f"/delivery/procedure/steps/{index}", params)


@rule(
    id="SIM005",
    needs=("delivery/procedure",),
    principle=Principle.SIMPLICITY,
    severity=Severity.INFO,
    weight=1,
    title=("A step without a duration", "Langkah prosedur tanpa durasi"),
    message=(
        "{count} of {total} steps of the procedure (delivery.procedure.steps, prosedur) have no `duration`: "
        "step(s) {numbers}. State how long each takes, if the unit wants its times checked step by step.",
        "{count} dari {total} langkah prosedur pelayanan (delivery.procedure.steps) belum mencantumkan "
        "`duration`: langkah {numbers}. Tambahkan lama waktu tiap langkah bila unit ingin waktunya dapat "
        "diperiksa per langkah.",
    ),
    fix=(
        "Add `duration: {value: ..., unit: minutes|hours|days|working_days}` (or `min`/`max` for a range).",
        "Tambahkan `duration: {value: ..., unit: minutes|hours|days|working_days}` (atau `min`/`max` untuk "
        "rentang waktu).",
    ),
    rationale=(
        "Step durations make a procedure measurable against its completion time. The law asks for the "
        "completion time of the whole service (UU 25/2009 Pasal 21 huruf d), not a time per step, which is "
        "the unit's SOP material: good practice, so this is a note.",
        "Durasi per langkah membuat prosedur dapat diukur terhadap jangka waktu penyelesaiannya. Undang-undang "
        "meminta jangka waktu penyelesaian seluruh layanan (UU 25/2009 Pasal 21 huruf d), bukan waktu per "
        "langkah, yang merupakan materi SOP unit: praktik baik, sehingga hanya berupa catatan.",
    ),
    reference=cite(
        practice(
            "step durations belong to the unit's SOP; UU 25/2009 Article 21(c) and (d) name the components only",
            "durasi setiap langkah adalah isi SOP unit; UU 25/2009 Pasal 21 huruf c dan d hanya menyebut komponennya",
        ),
        PRINCIPLE_REF,
    ),
    items=lambda doc, ctx: sum(1 for found in shared(doc, all_steps) if "then" not in found.step),
)
def SIM005(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    """Passing:

        steps:
          - {actor: Pemohon, action: Mengambil nomor antrean, duration: {value: 2, unit: minutes}}

    Failing:

        steps:
          - {actor: Petugas front office, action: Memeriksa kelengkapan berkas}   # one finding for the steps
    """
    timed = [found for found in shared(doc, all_steps) if "then" not in found.step]  # a branch is timed by its steps
    missing = [found for found in timed if "duration" not in found.step]
    if not missing:
        return
    numbers = ", ".join(found.number for found in missing)
    pointer = missing[0].pointer if len(missing) == 1 else "/delivery/procedure/steps"
    params = {"count": len(missing), "total": len(timed), "numbers": numbers}
    each = Each(
        lambda: (
            Hit(found.pointer, {"count": 1, "total": len(timed), "numbers": found.number}, at_key=True)
            for found in missing
        )
    )
    yield Hit(pointer, params, at_key=True, items=len(missing), each=each)


def _promised(completion: Iterable[Mapping[str, Any]], case: str | None) -> Mapping[str, Any]:
    """The longest completion time for the case, or the longest overall when none names it."""
    return _Promises(completion).of(case)


class _Promises:
    """`_promised` for every case of a procedure, from one pass over the completion times (not one per route).

    Each measured time is kept with its upper minutes, worked out once (`measured_upper`): the comparisons below and
    SIM006's limit read them instead of testing and converting the same duration again and again.
    """

    def __init__(self, completion: Iterable[Mapping[str, Any]]) -> None:
        self._times: list[tuple[Mapping[str, Any], float]] = []
        for time in completion:
            minutes = measured_upper(time)
            if minutes is not None:
                self._times.append((time, minutes))
        self._by_case: dict[str, tuple[Mapping[str, Any], float]] = {}
        for timed in self._times:  # the first of the longest, as max() picks it
            case = normalise(timed[0].get("when", ""))
            best = self._by_case.get(case)
            if best is None or timed[1] > best[1]:
                self._by_case[case] = timed
        self._longest: tuple[Mapping[str, Any], float] | None = None

    def of(self, case: str | None) -> Mapping[str, Any]:
        return self.timed(case)[0]

    def timed(self, case: str | None) -> tuple[Mapping[str, Any], float]:
        """The completion time `of` gives for the case, with its upper minutes."""
        matching = self._by_case.get(normalise(case)) if case is not None else None
        if matching is not None:
            return matching
        if self._longest is None:
            self._longest = max(self._times, key=itemgetter(1))
        return self._longest


def _fits(sums: dict[Path, float] | None, timed: Routes, path: Path, limit: float) -> bool:
    """Whether the route's durations certainly add up to no more than `limit`, without walking its steps.

    `sums` holds each group's exact sum (math.fsum) when every duration is finite and not negative; then the
    running total only grows, and the step-by-step float total exceeds the exact total by at most a relative
    (n - 1) * 2**-53 over n steps: with twice that margin, a route under the limit has no step that passes it.
    Without it, each of many cases' routes walked the steps common to all routes (O(cases x steps)).
    """
    if sums is None:
        return False
    groups = timed.groups(path)
    total = math.fsum(sums[key] for key in groups)
    margin = 1.0 + (timed.count(path) + 8) * 2.0**-51
    return total * margin < limit


def _first_overrun(minutes: dict[int, float], timed: Routes, path: Path, limit: float) -> int | None:
    """The index of the step at which the route's running total of durations passes the limit."""
    total = 0.0
    for index in timed.indexes(path):
        total += minutes[index]
        if total > limit:
            return index
    return None


def _step_total(minutes: dict[int, float], timed: Routes, path: Path) -> float:
    return sum(minutes[index] for index in timed.indexes(path))


def _has_timed_steps(doc: Document, ctx: RuleContext) -> bool:
    """Top-level steps with a number of minutes, and a completion time with one to compare them with."""
    promised = completion_durations(doc["delivery"]["completion_time"])
    for step in doc["delivery"]["procedure"]["steps"]:
        duration = step.get("duration")
        if duration is not None and is_measured(duration):  # most steps give none: no test to make
            return any(is_measured(t) for t in promised)
    return False


@rule(
    id="SIM006",
    needs=("delivery/procedure", "delivery/completion_time"),
    principle=Principle.SIMPLICITY,
    severity=Severity.WARNING,
    weight=4,
    title=(
        "Step durations add up to more than the completion time",
        "Jumlah durasi langkah melebihi jangka waktu penyelesaian",
    ),
    message=(
        "On {path_en} the step durations (delivery.procedure.steps, prosedur) add up to about {total_en}, "
        "more than the completion time promised (delivery.completion_time, jangka waktu penyelesaian) of "
        "{promised_en}. Shorten the steps or correct the completion time.",
        "Pada {path_id} jumlah durasi langkah prosedur (delivery.procedure.steps) sekitar {total_id}, "
        "melebihi jangka waktu penyelesaian (delivery.completion_time) yang dijanjikan, yaitu {promised_id}. "
        "Persingkat langkah atau sesuaikan jangka waktu penyelesaian.",
    ),
    fix=(
        "Make the durations and the completion time agree: either speed up the steps or promise the time the "
        "procedure really takes.",
        "Selaraskan durasi langkah dengan jangka waktu penyelesaian: percepat langkahnya atau cantumkan jangka "
        "waktu yang sesungguhnya diperlukan.",
    ),
    rationale=(
        "A completion time the procedure itself cannot meet is a promise broken by design. Steps without "
        "`when`/`channel` belong to every route; each route is compared with the longest completion time for "
        "its case, or the longest overall when no completion time names the case. A working day counts as "
        "7/5 of a calendar day.",
        "Jangka waktu penyelesaian yang tidak mungkin dipenuhi oleh prosedurnya sendiri adalah janji yang pasti "
        "diingkari. Langkah tanpa `when`/`channel` termasuk dalam setiap alur; setiap alur dibandingkan dengan "
        "jangka waktu terpanjang untuk kasusnya, atau yang terpanjang secara keseluruhan bila kasusnya tidak "
        "disebut. Satu hari kerja dihitung 7/5 hari kalender.",
    ),
    reference=cite(
        at(UU_25_2009, "Article 21(d) (completion time)", "Pasal 21 huruf d (jangka waktu penyelesaian)"),
        PRINCIPLE_REF,
    ),
    applies=_has_timed_steps,
)
def SIM006(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    """Passing:

        completion_time: {value: 1, unit: working_days}     # 2 + 10 + 60 minutes fit in one working day
        steps:
          - {actor: Pemohon, action: Mendaftar, duration: {value: 2, unit: minutes}}
          - {actor: Petugas loket, action: Memverifikasi, duration: {value: 10, unit: minutes}}
          - {actor: Operator, action: Mencetak, duration: {value: 60, unit: minutes}}

    Failing:

        completion_time: {value: 2, unit: working_days}
        steps:
          - {actor: Petugas loket, action: Memverifikasi, duration: {value: 1, unit: working_days}}
          - {actor: Kepala Seksi, action: Menandatangani, duration: {value: 2, unit: working_days}}  # flagged
    """
    steps = _steps(doc)
    completion = completion_durations(doc["delivery"]["completion_time"])
    minutes = _minutes(steps)
    timed = Routes(steps, only=minutes)
    promises = _Promises(completion)
    sums = _group_sums(minutes, timed)
    everything = _fits_all_below(sums, minutes)
    flagged: set[int] = set()
    for path in _paths(steps):
        promised, limit = promises.timed(path[1])
        if everything < limit or _fits(sums, timed, path, limit):
            continue
        index = _first_overrun(minutes, timed, path, limit)
        if index is not None and index not in flagged:
            flagged.add(index)
            yield Hit(f"/delivery/procedure/steps/{index}/duration", _overrun_params(minutes, timed, path, promised))


def _fits_all_below(sums: dict[Path, float] | None, minutes: dict[int, float]) -> float:
    """A limit above which every route certainly fits (as `_fits` decides it): the margined total of all timed steps.

    With `sums` (every duration finite and not negative) no route's exact total passes the total of all, nor
    its step count theirs, so `_fits` holds for every route whose limit is above this. Without: infinity.
    """
    if sums is None:
        return math.inf
    return math.fsum(minutes.values()) * (1.0 + (len(minutes) + 8) * 2.0**-51)


def _minutes(steps: list[Mapping[str, Any]]) -> dict[int, float]:
    """The upper minutes of each step with a measured duration, by the step's index (one test per step)."""
    minutes: dict[int, float] = {}
    for index, step in enumerate(steps):
        duration = step.get("duration")
        if duration is None:
            continue
        upper = measured_upper(duration)
        if upper is not None:
            minutes[index] = upper
    return minutes


def _group_sums(minutes: dict[int, float], timed: Routes) -> dict[Path, float] | None:
    """Each group of timed steps' exact total, when every duration is finite and not negative (else None)."""
    if not all(0.0 <= value < math.inf for value in minutes.values()):
        return None
    return {key: math.fsum(minutes[index] for index in group) for key, group in timed.grouped()}


def _overrun_params(
    minutes: dict[int, float], timed: Routes, path: Path, promised: Mapping[str, Any]
) -> dict[str, object]:
    unit = promised["unit"]
    total = {"value": round(_step_total(minutes, timed, path) / MINUTES_PER_UNIT[unit], 1), "unit": unit}
    return {
        **_path_label(path),
        "total_en": describe(total, "en"),
        "total_id": describe(total, "id"),
        "promised_en": describe(promised, "en"),
        "promised_id": describe(promised, "id"),
    }


def _sentences(text: str) -> Iterator[str]:
    yield from _SENTENCE_END().split(text)


def _longest_sentence(text: str) -> int:
    return max(len(sentence.split()) for sentence in _sentences(text))


@rule(
    id="SIM007",
    principle=Principle.SIMPLICITY,
    severity=Severity.INFO,
    weight=1,
    title=("Overlong sentence", "Kalimat terlalu panjang"),
    message=(
        "This text (a requirement name or step action, persyaratan/prosedur) has a sentence of {words} words, "
        "more than {max}. Split it into short sentences.",
        "Teks ini (nama persyaratan atau uraian langkah prosedur) memuat kalimat sepanjang {words} kata, "
        "melebihi {max} kata. Pecah menjadi beberapa kalimat pendek.",
    ),
    fix=(
        "Write one idea per sentence; move explanations to `note`.",
        "Tuliskan satu gagasan dalam satu kalimat; pindahkan penjelasan ke `note`.",
    ),
    rationale=(
        "A standard must be easy to understand for every citizen; long sentences in requirements and steps are "
        "the first thing readers misread. The limit of 30 words is a plain-language rule of thumb; "
        "`max_words` can be set to the provider's own style guide.",
        "Standar pelayanan harus mudah dimengerti oleh seluruh masyarakat; kalimat panjang pada persyaratan "
        "dan langkah prosedur paling mudah disalahpahami. Batas 30 kata adalah patokan praktis bahasa yang "
        "lugas; opsi `max_words` dapat disesuaikan dengan pedoman penulisan penyelenggara.",
    ),
    reference=PRINCIPLE_REF,
    options={"max_words": 30},
)
def SIM007(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    """Passing:

        steps:
          - {actor: Petugas loket, action: Memeriksa dokumen asli dan memverifikasi data pada SIAK}

    Failing:

        steps:                                  # a sentence of more than 30 words, flagged at `action`
          - actor: Petugas loket
            action: Petugas loket menerima berkas permohonan dari pemohon kemudian memeriksa kelengkapan dan
              keabsahan seluruh dokumen persyaratan dan mencocokkan data dengan basis data kependudukan lalu
              meneruskan berkas yang lengkap kepada verifikator untuk diproses lebih lanjut
    """
    limit = int(ctx.options["max_words"])
    for place, text in _long_texts(doc, 2 * limit):
        if len(text.split()) <= limit:  # no sentence has more words than the whole text: no split needed
            continue
        words = _longest_sentence(text)
        if words > limit:
            yield Hit(place(), {"words": words, "max": limit})


def _long_texts(doc: Document, shortest: int) -> Iterator[tuple[Callable[[], str], str]]:
    """Each requirement's name and each step's action longer than `shortest` characters, in that order, each
    with a function that writes its pointer (only a finding needs it).

    More than `limit` words take at least `2 * limit + 1` characters (a character per word, a space between),
    so a shorter text can be passed over without splitting it, and its pointer need not be written.
    """
    for index, requirement in enumerate(_requirements(doc)):
        name = requirement["name"]
        if len(name) > shortest:
            yield partial("/delivery/requirements/{}/name".format, index), name
    for found in shared(doc, all_steps):
        if "action" in found.step:
            action = found.step["action"]
            if len(action) > shortest:
                yield partial("{}/action".format, found.pointer), action


RULES: tuple[Rule, ...] = (SIM001, SIM002, SIM003, SIM004, SIM005, SIM006, SIM007)
