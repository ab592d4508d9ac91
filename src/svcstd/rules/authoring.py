"""Rules about authoring: a standard made from the `svcstd init` template must be filled in before it is published."""

from __future__ import annotations

import json
from collections.abc import Iterator

from svcstd.model import Principle, Severity
from svcstd.reading.sourcemap import join_pointer
from svcstd.rules.base import Document, Hit, Rule, RuleContext, rule
from svcstd.rules.citations import practice
from svcstd.rules.facts import json_text, shared
from svcstd.standard.template import PLACEHOLDER_MARKERS, has_placeholder


def _common_start(texts: tuple[str, ...]) -> str:
    start = texts[0]
    for text in texts[1:]:
        while not text.startswith(start):
            start = start[:-1]
    return start


_MARKER_START = _common_start(PLACEHOLDER_MARKERS)
"""What every marker starts with (`<<`): a text without it holds no marker."""


def placeholder_pointers(node: object, pointer: str = "") -> Iterator[str]:
    """The JSON Pointer of every string (value or key) that still holds a `<<ISI:`/`<<FILL IN:` marker."""
    if isinstance(node, str):
        if has_placeholder(node):
            yield pointer
    elif isinstance(node, dict):
        for key, value in node.items():
            child = join_pointer(pointer, key)
            if has_placeholder(str(key)):
                yield child
            else:
                yield from placeholder_pointers(value, child)
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from placeholder_pointers(item, join_pointer(pointer, index))


def may_hold_placeholders(data: object) -> bool:
    """False only when no string or key holds a marker: one pass in C over the document's JSON text, so that
    the walk that builds pointers runs only on the few documents that have markers (its keys and strings
    appear verbatim in that text, as no marker has a character JSON escapes)."""
    try:
        text = json.dumps(data, ensure_ascii=False)
    except (TypeError, ValueError):
        return True
    return any(marker in text for marker in PLACEHOLDER_MARKERS)


@rule(
    id="TRA090",
    principle=Principle.TRANSPARENCY,
    severity=Severity.ERROR,
    weight=5,
    title=("Unfilled placeholder from the template", "Penanda isian templat belum diganti"),
    message=(
        "This value is still a placeholder from the template (`<<FILL IN: ...>>` or `<<ISI: ...>>`): the "
        "standard is not finished, and the public would read an instruction instead of the standard. Write the "
        "real content.",
        "Nilai ini masih berupa penanda isian dari templat (`<<ISI: ...>>` atau `<<FILL IN: ...>>`): "
        "standar pelayanan belum "
        "selesai disusun, dan masyarakat akan membaca petunjuk pengisian, bukan standar pelayanan. Tuliskan isi "
        "yang sebenarnya.",
    ),
    fix=(
        "Replace every `<<FILL IN: ...>>`/`<<ISI: ...>>` text with the real content, or remove the optional item.",
        "Ganti setiap teks `<<ISI: ...>>`/`<<FILL IN: ...>>` dengan isi yang sebenarnya, atau hapus "
        "butir yang tidak wajib.",
    ),
    rationale=(
        "`svcstd init` marks what the author must still write; a standard with those markers left is not "
        "finished, whatever its status, and published it would tell citizens nothing. It is therefore an error: "
        "an untouched template does not pass the gate. A draft in progress can still be checked; its other "
        "findings are reported as usual.",
        "`svcstd init` menandai bagian yang masih harus ditulis penyusun; standar yang masih memuat tanda itu "
        "belum selesai, apa pun statusnya, dan bila dipublikasikan tidak memberi informasi apa pun kepada "
        "masyarakat. Karena itu aturan ini berupa galat: templat yang belum diisi tidak akan lolos gerbang. "
        "Rancangan yang sedang disusun tetap dapat diperiksa; temuan lainnya dilaporkan seperti biasa.",
    ),
    reference=practice(
        "svcstd's own template (`svcstd init`) must be filled in before the standard is published",
        "templat svcstd sendiri (`svcstd init`) harus diisi sebelum standar dipublikasikan",
    ),
)
def TRA090(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    """Passing:

        delivery: {products: [{name: Kartu Tanda Penduduk Elektronik (KTP-el)}]}

    Failing:

        delivery: {products: [{name: "<<ISI: nama produk, misalnya surat izin atau kartu>>"}]}
    """
    text = shared(doc, json_text) if type(doc) is dict else None  # the text validation made, when it did
    if text is not None and _MARKER_START not in text:  # one scan of the text instead of one per marker
        return
    data = dict(doc)
    if has_placeholder(text) if text is not None else may_hold_placeholders(data):
        yield from (Hit(pointer) for pointer in placeholder_pointers(data))


RULES: tuple[Rule, ...] = (TRA090,)
