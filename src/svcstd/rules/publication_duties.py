"""Duties to publish and to survey: the maklumat published and displayed (TRA010), the SKM held, published and
followed up (SUS009). Issue #14.

Both judge what format 1.1 can record (`pledge.published`, `pledge.displayed`, `satisfaction_survey`); a
format 1.0 document cannot say it, so they do not apply there.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from svcstd.model import Principle, Severity
from svcstd.rules.base import Document, Hit, Rule, RuleContext, rule
from svcstd.rules.citations import PERMENPANRB_14_2017, UU_25_2009, at, cite
from svcstd.standard.kinds import is_format_1_1, is_full_standard

_YEAR = re.compile(r"(?:19|20)\d\d")


def _pledge_part(doc: Document, ctx: RuleContext) -> bool:
    return is_format_1_1(doc) and ("pledge" in doc or is_full_standard(doc))


def _two(doc: Document, ctx: RuleContext) -> int:
    return 2


@rule(
    id="TRA010",
    applies=_pledge_part,
    principle=Principle.TRANSPARENCY,
    severity=Severity.WARNING,
    weight=3,
    title=(
        "Service pledge not stated as published and displayed",
        "Maklumat pelayanan tidak dinyatakan dipublikasikan dan dipajang",
    ),
    message=(
        "The standard does not say where the service pledge (maklumat pelayanan) is {missing_en}.",
        "Standar pelayanan tidak menyebut di mana maklumat pelayanan {missing_id}.",
    ),
    fix=(
        "Add `pledge.published` (e.g. [website, media sosial]) and `pledge.displayed` (e.g. 'Ruang tunggu "
        "pelayanan lantai 1').",
        "Tambahkan `pledge.published` (misalnya [situs web, media sosial]) dan `pledge.displayed` (misalnya "
        "'Ruang tunggu pelayanan lantai 1').",
    ),
    rationale=(
        "UU 25/2009 Pasal 15 huruf b obliges the provider to draw up, adopt and publish (memublikasikan) the "
        "service pledge; guidance in use asks for it to be displayed where citizens are served. Where the "
        "document records the pledge, it should say where it is published and displayed. This is the record of "
        "an act done outside the text, so it counts toward quality, not compliance.",
        "UU 25/2009 Pasal 15 huruf b mewajibkan penyelenggara menyusun, menetapkan, dan memublikasikan maklumat "
        "pelayanan; pedoman yang digunakan meminta maklumat dipajang di tempat pelayanan. Bila dokumen memuat "
        "maklumat, dokumen sebaiknya menyebut di mana maklumat dipublikasikan dan dipajang. Ini catatan atas "
        "tindakan di luar naskah, sehingga dihitung pada mutu, bukan kepatuhan.",
    ),
    reference=at(
        UU_25_2009,
        "Article 15(b) (drawing up, adopting and publishing the service pledge; Article 22 not verified)",
        "Pasal 15 huruf b (menyusun, menetapkan, dan memublikasikan maklumat pelayanan; Pasal 22 belum diverifikasi)",
    ),
    items=_two,
)
def TRA010(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    """Passing:

        pledge:
          text: Dengan ini, kami menyatakan sanggup menyelenggarakan pelayanan sesuai standar pelayanan ...
          published: [https://disdukcapil.contoh.go.id/maklumat]
          displayed: Ruang tunggu pelayanan lantai 1

    Failing:

        pledge:                                 # flagged here: neither published nor displayed is stated
          text: Dengan ini, kami menyatakan sanggup menyelenggarakan pelayanan sesuai standar pelayanan ...
    """
    pledge = doc.get("pledge")
    found = pledge if isinstance(pledge, Mapping) else {}
    missing: list[tuple[str, str]] = []
    if not found.get("published"):
        missing.append(("published (`pledge.published`)", "dipublikasikan (`pledge.published`)"))
    if not found.get("displayed"):
        missing.append(
            ("displayed at the service point (`pledge.displayed`)", "dipajang di tempat pelayanan (`pledge.displayed`)")
        )
    if missing:
        params = {"missing_en": " or ".join(m[0] for m in missing), "missing_id": " atau ".join(m[1] for m in missing)}
        yield Hit("/pledge" if "pledge" in doc else "", params, at_key=True, items=len(missing))


def _survey_part(doc: Document, ctx: RuleContext) -> bool:
    return is_format_1_1(doc) and ("satisfaction_survey" in doc or is_full_standard(doc))


def _three(doc: Document, ctx: RuleContext) -> int:
    return 3


def _latest_year(surveys: list[Mapping[str, Any]]) -> int | None:
    years = [int(year) for survey in surveys for year in _YEAR.findall(str(survey.get("period", "")))]
    return max(years) if years else None


@rule(
    id="SUS009",
    applies=_survey_part,
    principle=Principle.SUSTAINABILITY,
    severity=Severity.WARNING,
    weight=3,
    title=(
        "Satisfaction survey not held yearly, published or followed up",
        "Survei kepuasan masyarakat tidak dilakukan tiap tahun, dipublikasikan, atau ditindaklanjuti",
    ),
    message=(
        "The community satisfaction survey (satisfaction_survey, SKM): {missing_en}.",
        "Survei kepuasan masyarakat (satisfaction_survey, SKM): {missing_id}.",
    ),
    fix=(
        "Record each yearly SKM with its `period`, `index` or `grade`, where it was `published`, and its "
        "`follow_up` (the follow-up plan, rencana tindak lanjut).",
        "Catat setiap SKM tahunan dengan `period`, `index` atau `grade`, tempat hasilnya dipublikasikan "
        "(`published`), dan `follow_up` (rencana tindak lanjut).",
    ),
    rationale=(
        "PermenPANRB 14/2017 Pasal 1 ayat (1) obliges providers to hold the SKM at least once a year (verified). "
        "Publishing the index and grade and making a follow-up plan (RTL) are what the guideline and the "
        "KemenPANRB evaluation ask for, but their wording was not verified: good practice. A survey is a process "
        "held outside the text, so this rule counts toward quality, not compliance.",
        "PermenPANRB 14/2017 Pasal 1 ayat (1) mewajibkan penyelenggara melakukan SKM minimal satu kali setahun "
        "(terverifikasi). Publikasi indeks dan mutu serta rencana tindak lanjut (RTL) diminta pedoman dan evaluasi "
        "KemenPANRB, tetapi bunyinya belum diverifikasi: praktik yang baik. Survei adalah proses di luar naskah, "
        "sehingga aturan ini dihitung pada mutu, bukan kepatuhan.",
    ),
    reference=cite(
        at(
            PERMENPANRB_14_2017,
            "Article 1(1) (a survey at least once a year); publication and follow-up plan: good practice",
            "Pasal 1 ayat (1) (survei minimal satu kali setahun); publikasi dan rencana tindak lanjut: praktik "
            "yang baik",
        ),
    ),
    items=_three,
)
def SUS009(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    """Passing (as of 2026-11-27):

        satisfaction_survey:
          - {period: "2025", index: 84.2, grade: B, published: [https://contoh.go.id/skm], follow_up: Antrean daring}

    Failing (as of 2026-11-27):

        satisfaction_survey:                    # flagged here: 2022 is too long ago, and nothing published
          - {period: "2022", index: 80.1}
    """
    surveys = [s for s in doc.get("satisfaction_survey", []) if isinstance(s, Mapping)]
    missing: list[tuple[str, str]] = []
    latest = _latest_year(surveys)
    if latest is None or latest < ctx.as_of.year - 1:
        when_en = f"the latest is of {latest}" if latest else "none is recorded"
        when_id = f"yang terakhir tahun {latest}" if latest else "tidak ada yang dicatat"
        missing.append(
            (f"not held in the last year ({when_en})", f"tidak dilakukan dalam setahun terakhir ({when_id})")
        )
    if not any(s.get("published") and ("index" in s or "grade" in s) for s in surveys):
        missing.append(("its index and grade are not published", "indeks dan mutunya tidak dipublikasikan"))
    if not any(s.get("follow_up") for s in surveys):
        missing.append(("no follow-up plan", "tidak ada rencana tindak lanjut"))
    if missing:
        params = {"missing_en": "; ".join(m[0] for m in missing), "missing_id": "; ".join(m[1] for m in missing)}
        yield Hit("/satisfaction_survey" if surveys else "", params, at_key=True, items=len(missing))


RULES: tuple[Rule, ...] = (TRA010, SUS009)
