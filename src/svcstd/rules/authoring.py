"""Rules about authoring: a standard made from the `svcstd init` template must be filled in before it is published."""

from __future__ import annotations

from collections.abc import Iterator

from svcstd.model import Principle, Severity
from svcstd.rules.base import Document, Hit, Rule, RuleContext, rule
from svcstd.sourcemap import join_pointer
from svcstd.template import has_placeholder


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


@rule(
    id="TRA090",
    principle=Principle.TRANSPARENCY,
    severity=Severity.WARNING,
    weight=5,
    title=("Unfilled placeholder from the template", "Isian templat belum diisi"),
    message=(
        "This value is still a placeholder from the template (`<<FILL IN: ...>>` or `<<ISI: ...>>`): the public "
        "would read an instruction instead of the standard. Write the real content.",
        "Nilai ini masih berupa isian templat (`<<ISI: ...>>` atau `<<FILL IN: ...>>`): masyarakat akan membaca "
        "petunjuk pengisian, bukan standar pelayanan. Tuliskan isi yang sebenarnya.",
    ),
    fix=(
        "Replace every `<<FILL IN: ...>>`/`<<ISI: ...>>` text with the real content, or remove the optional item.",
        "Ganti setiap teks `<<ISI: ...>>`/`<<FILL IN: ...>>` dengan isi yang sebenarnya, atau hapus butir opsional.",
    ),
    rationale=(
        "`svcstd init` marks what the author must still write; a standard published with those markers tells "
        "citizens nothing. It is a warning for every status, so that a draft in progress can still be checked; "
        "use `--fail-on warning` to block publication.",
        "`svcstd init` menandai bagian yang masih harus ditulis penyusun; standar yang dipublikasikan dengan tanda "
        "itu tidak memberi informasi apa pun kepada masyarakat. Aturan ini berupa peringatan untuk semua status "
        "agar rancangan yang sedang disusun tetap dapat diperiksa; gunakan `--fail-on warning` untuk mencegah "
        "publikasi.",
    ),
    reference=(
        "UU 25/2009 Article 4(h) (openness) and Article 21; PermenPANRB 15/2014, Lampiran Bab II, transparency",
        "UU 25/2009 Pasal 4 huruf h (keterbukaan) dan Pasal 21; PermenPANRB 15/2014, Lampiran Bab II, transparansi",
    ),
)
def TRA090(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    """Passing:

        delivery: {products: [{name: Kartu Tanda Penduduk Elektronik (KTP-el)}]}

    Failing:

        delivery: {products: [{name: "<<ISI: nama produk, misalnya surat izin atau kartu>>"}]}
    """
    for pointer in placeholder_pointers(dict(doc)):
        yield Hit(pointer)


RULES: tuple[Rule, ...] = (TRA090,)
