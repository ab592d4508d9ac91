"""How a change is said, in English and Indonesian: the catalogue, and the Change each comparison yields."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from svcstd.diff.result import Change, Effect
from svcstd.i18n import Catalog
from svcstd.model import Text
from svcstd.publication.page import duration_words, money
from svcstd.standard.durations import describe, is_measured

MESSAGES = Catalog(
    "semantic_diff",
    {
        "requirement.added": ("requirement added: {subject}{case}", "persyaratan ditambahkan: {subject}{case}"),
        "requirement.removed": ("requirement removed: {subject}{case}", "persyaratan dihapus: {subject}{case}"),
        "requirement.now_mandatory": (
            "requirement now mandatory: {subject}{case}",
            "persyaratan kini wajib: {subject}{case}",
        ),
        "requirement.now_optional": (
            "requirement now optional: {subject}{case}",
            "persyaratan kini tidak wajib: {subject}{case}",
        ),
        "step.added": ("step added: {subject}{case}", "langkah ditambahkan: {subject}{case}"),
        "step.removed": ("step removed: {subject}{case}", "langkah dihapus: {subject}{case}"),
        "time.longer": ("completion time longer{case}: {old} → {new}", "jangka waktu lebih lama{case}: {old} → {new}"),
        "time.shorter": (
            "completion time shorter{case}: {old} → {new}",
            "jangka waktu lebih singkat{case}: {old} → {new}",
        ),
        "time.added": ("completion time added{case}: {new}", "jangka waktu ditambahkan{case}: {new}"),
        "time.removed": ("completion time removed{case}: {old}", "jangka waktu dihapus{case}: {old}"),
        "fee.raised": ("fee raised: {subject}{case}: {old} → {new}", "biaya naik: {subject}{case}: {old} → {new}"),
        "fee.lowered": ("fee lowered: {subject}{case}: {old} → {new}", "biaya turun: {subject}{case}: {old} → {new}"),
        "fee.added": ("fee added: {subject}{case}: {new}", "biaya ditambahkan: {subject}{case}: {new}"),
        "fee.removed": ("fee removed: {subject}{case}: {old}", "biaya dihapus: {subject}{case}: {old}"),
        "fee.formula": (
            "fee computed differently: {subject}{case}: {old} → {new}",
            "cara penghitungan biaya berubah: {subject}{case}: {old} → {new}",
        ),
        "channel.added": ("complaint channel added: {subject}", "sarana pengaduan ditambahkan: {subject}"),
        "channel.removed": ("complaint channel removed: {subject}", "sarana pengaduan dihapus: {subject}"),
        "channel.changed": ("complaint contact changed: {old} → {new}", "kontak pengaduan berubah: {old} → {new}"),
        "special.added": ("special service added: {subject}", "pelayanan khusus ditambahkan: {subject}"),
        "special.removed": ("special service removed: {subject}", "pelayanan khusus dihapus: {subject}"),
        "special.changed": ("special service changed: {subject}", "pelayanan khusus berubah: {subject}"),
        "product.added": ("product added: {subject}", "produk pelayanan ditambahkan: {subject}"),
        "product.removed": ("product removed: {subject}", "produk pelayanan dihapus: {subject}"),
        "score.lower": ("score lower: {subject}: {old} → {new}", "skor turun: {subject}: {old} → {new}"),
        "score.higher": ("score higher: {subject}: {old} → {new}", "skor naik: {subject}: {old} → {new}"),
        "id.changed": ("id changed: {old} → {new}", "kode layanan berubah: {old} → {new}"),
        "case": (" (case: {when})", " (kasus: {when})"),
        "free": ("free", "gratis"),
        "overall": ("overall", "keseluruhan"),
    },
)


def message(key: str, /, **params: object) -> Text:
    """A catalogue message whose parameters may be bilingual `Text`s."""
    return MESSAGES.text(key, **params)


def _case(when: str | None) -> Text:
    return message("case", when=when) if when else Text("", "")


def component_change(
    component: str, kind: str, effect: Effect, *, subject: str = "", when: str | None = None, **values: Any
) -> Change:
    old, new = values.get("old"), values.get("new")
    shown = {k: v for k, v in values.items() if k in ("old_text", "new_text")}
    text = message(
        f"{component}.{kind}",
        subject=subject,
        case=_case(when),
        old=shown.get("old_text", old),
        new=shown.get("new_text", new),
    )
    return Change(_COMPONENT[component], kind, effect, text, subject, when, old, new)


_COMPONENT = {
    "requirement": "requirements",
    "step": "procedure",
    "time": "completion_time",
    "fee": "fees",
    "channel": "complaints",
    "special": "special_services",
    "product": "products",
    "score": "score",
    "id": "id",
}


def normalise(text: object) -> str:
    """Case, spacing and trailing punctuation do not make a different requirement."""
    return " ".join(str(text or "").casefold().split()).strip(" .;:,")


def duration_text(duration: Mapping[str, Any]) -> Text:
    if not is_measured(duration) or duration["unit"] in ("months", "years"):  # format 1.1: the page lacks these
        return Text(describe(duration, "en"), describe(duration, "id"))
    return Text(duration_words(duration, "en"), duration_words(duration, "id"))


def fee_text(fee: Mapping[str, Any]) -> Text:
    for field in ("formula", "reference"):  # `reference` (1.1): the amount is in a regulation's annex
        if field in fee:
            return Text(str(fee[field]), str(fee[field]))
    if fee["amount"] == 0:
        return MESSAGES.text("free")
    shown = money(int(fee["amount"]), str(fee.get("currency", "IDR")))
    return Text(shown, shown)
