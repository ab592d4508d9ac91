"""The official print: the A4 notice as agencies post it.

The **No | Komponen | Uraian** table of the six published service-delivery components, a second table of the
eight management components when asked (and the document is a full standard), a QR code to the online page
when its address is known, and the service pledge (maklumat) as a poster on a page of its own.
The page hides this part on screen and shows only it on paper (`@media print`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from svcstd.i18n import Catalog
from svcstd.model import Text
from svcstd.publication.components import (
    LABELS,
    date_words,
    delivery_rows,
    e,
    hours_html,
    items,
    not_stated,
    pledge_html,
    safe_url,
    vocab,
)
from svcstd.standard.kinds import is_full_standard

MANUFACTURING = Catalog(
    "publication_manufacturing",
    {
        "delivery": ("Service delivery components", "Komponen penyampaian pelayanan"),
        "manufacturing": ("Service management components", "Komponen pengelolaan pelayanan"),
        "legal_basis": ("Legal basis", "Dasar hukum"),
        "facilities": ("Facilities and infrastructure", "Sarana, prasarana, dan/atau fasilitas"),
        "staff_competence": ("Staff competence", "Kompetensi pelaksana"),
        "internal_supervision": ("Internal supervision", "Pengawasan internal"),
        "staff_count": ("Number of staff", "Jumlah pelaksana"),
        "service_guarantee": ("Service guarantee", "Jaminan pelayanan"),
        "security_guarantee": (
            "Security and safety guarantee",
            "Jaminan keamanan dan keselamatan pelayanan",
        ),
        "performance_evaluation": ("Evaluation of staff performance", "Evaluasi kinerja pelaksana"),
        "number_year": ("No. {number} of {year}", "Nomor {number} Tahun {year}"),
        "number": ("No. {number}", "Nomor {number}"),
        "year": ("of {year}", "Tahun {year}"),
        "about": ("on {about}", "tentang {about}"),
        "people": ("{count} people", "{count} orang"),
        "range": ("{min}–{max} people", "{min}–{max} orang"),
        "unknown": ("number not stated", "jumlah tidak disebutkan"),
        "quantity": ("{count} units", "{count} unit"),
        "accessible": ("accessible", "aksesibel"),
        "serves": ("for: {groups}", "untuk: {groups}"),
        "good": ("good condition", "kondisi baik"),
        "damaged": ("damaged", "rusak"),
        "every": ("{method}, {frequency}", "{method}, {frequency}"),
    },
)

FREQUENCY: dict[str, Text] = {
    "daily": Text("daily", "harian"),
    "weekly": Text("weekly", "mingguan"),
    "monthly": Text("monthly", "bulanan"),
    "quarterly": Text("quarterly", "triwulanan"),
    "semiannual": Text("every six months", "semesteran"),
    "annual": Text("yearly", "tahunan"),
    "ad_hoc": Text("as needed", "sewaktu-waktu"),
}

PRINT_STYLE = """
.official{display:none}
@page{size:A4;margin:12mm 14mm}
@media print{
body{font-size:10.5pt;line-height:1.35}main{max-width:none;padding:0}a{color:#000;text-decoration:none}
.screen,nav,hr,#search{display:none}
.official{display:block}
.official header{display:flex;justify-content:space-between;gap:4mm;align-items:flex-start}
.official h1{font-size:17pt;margin:0 0 2mm}.official .kicker{font-size:10pt}
.official h2{font-size:11pt;border:0;margin:4mm 0 0;padding:0}
.official .qr{flex:none;width:26mm;text-align:center;font-size:7pt;line-height:1.2;overflow-wrap:anywhere}
.official .qr svg{width:26mm;height:26mm;display:block}
.official table{width:100%;border-collapse:collapse;margin-top:3mm}
.official th,.official td{border:1px solid #000;padding:1.5mm 2mm;text-align:left;vertical-align:top}
.official thead th{background:#e6e6e6}
.official td.no{width:8mm;text-align:center}.official tbody th{width:34mm}
.official ul,.official ol{margin:0;padding-left:5mm}.official li{margin:0}
.official h3{font-size:10.5pt;margin:1mm 0}.official .big{font-size:11pt}
.official ol.steps>li{padding:0 0 1mm 6mm;border:0;margin:0}
.official ol.steps>li::before{width:auto;height:auto;background:none;color:#000;line-height:inherit;left:0;
content:counter(step) "."}
.official ol.branch{padding-left:5mm}
.official .actor{display:inline}.official .actor::after{content:":"}
.official tr{break-inside:avoid}.official .note,.official .big,.official p{font-size:inherit}
.official .dur{border:0;padding:0;font-size:inherit}
.official .dur::before{content:"("}.official .dur::after{content:")"}
.official .screen-only{display:none}
.poster{break-before:page;text-align:center;padding-top:20mm}
.poster h2{font-size:26pt;border:0}
.poster footer{text-align:right;margin-top:8mm}
.poster blockquote{border:0;background:none;font-size:16pt;line-height:1.5;margin:10mm 6mm;text-align:justify}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
"""


def qr_svg(url: str, label: str = "") -> str:
    """The URL as a QR code in inline SVG (no image request: the page's CSP allows none), four modules of margin.

    segno makes the matrix (error correction M, the smallest version that holds the URL); the SVG draws
    each run of dark modules of a row as one rectangle of the path."""
    import segno

    matrix = segno.make(url, error="m", micro=False).matrix
    size = len(matrix) + 8
    path = []
    for y, row in enumerate(matrix):
        x = 0
        while x < len(row):
            if row[x] & 1:
                start = x
                while x < len(row) and row[x] & 1:
                    x += 1
                path.append(f"M{start + 4} {y + 4}h{x - start}v1h-{x - start}z")
            else:
                x += 1
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" shape-rendering="crispEdges" '
        f'role="img" aria-label="{e(label or url)}"><rect width="{size}" height="{size}" fill="#fff"/>'
        f'<path fill="#000" d="{"".join(path)}"/></svg>'
    )


def legal_item(item: object, lang: str) -> str:
    """`UU Nomor 25 Tahun 2009 tentang Pelayanan Publik (Pasal 21)`; a plain-text item as written."""
    if not isinstance(item, Mapping):
        return e(item)
    parts = [str(item["type"])] if item.get("type") else []
    if item.get("number") is not None and item.get("year") is not None:
        parts.append(MANUFACTURING("number_year", lang, number=item["number"], year=item["year"]))
    elif item.get("number") is not None:
        parts.append(MANUFACTURING("number", lang, number=item["number"]))
    elif item.get("year") is not None:
        parts.append(MANUFACTURING("year", lang, year=item["year"]))
    if parts and item.get("about"):
        parts.append(MANUFACTURING("about", lang, about=item["about"]))
    text = " ".join(parts) if parts else str(item.get("title", ""))
    if item.get("articles"):
        text += " (" + ", ".join(str(a) for a in item["articles"]) + ")"
    return e(text)


def facility(item: Mapping[str, Any], lang: str) -> str:
    details = [MANUFACTURING("quantity", lang, count=item["quantity"])] if "quantity" in item else []
    condition = item.get("condition")
    if condition:
        details.append(MANUFACTURING(condition, lang) if condition in ("good", "damaged") else str(condition))
    if item.get("accessible") is True:
        details.append(MANUFACTURING("accessible", lang))
    if item.get("serves"):
        groups = ", ".join(vocab(group, lang).lower() for group in item["serves"])
        details.append(MANUFACTURING("serves", lang, groups=groups))
    return e(item.get("name", "")) + (f" ({e('; '.join(details))})" if details else "")


def staff(item: Mapping[str, Any], lang: str) -> str:
    """A role and its number as written: a count, a range, a per-shift composition, or no number at all."""
    if item.get("composition"):
        crew = ", ".join(f"{c['count']} {c['role']}" for c in item["composition"])
        number = f"{item['shift']}: {crew}" if item.get("shift") else crew
    elif "count" in item:
        number = MANUFACTURING("people", lang, count=item["count"])
    elif "min" in item and "max" in item:
        number = MANUFACTURING("range", lang, min=item["min"], max=item["max"])
    else:
        number = MANUFACTURING("unknown", lang)
    text = f"{e(item['role'])}: {e(number)}" if item.get("role") else e(number)
    return text + (f'<br><span class="note">{e(item["note"])}</span>' if item.get("note") else "")


def _evaluation(item: Mapping[str, Any], key: str, lang: str) -> str:
    frequency = item.get("frequency")
    when = FREQUENCY[frequency](lang) if frequency in FREQUENCY else str(frequency or "")
    return ", ".join(part for part in (str(item.get(key, "")), when) if part)


def manufacturing_rows(part: Mapping[str, Any], lang: str) -> list[tuple[str, str]]:
    """The eight management components, each laid out in its 1.0 or 1.1 shape; a missing one says so."""

    def listed(key: str, render: Any) -> str:
        value = part.get(key)
        return items(render(item) for item in value) if value else not_stated(lang)

    def text(key: str) -> str:
        return f"<p>{e(part[key])}</p>" if part.get(key) else not_stated(lang)

    def competence(item: Mapping[str, Any]) -> str:
        needs = "; ".join(str(r) for r in item.get("requirements", []))
        return ": ".join(part for part in (e(item.get("role", "")), e(needs)) if part)

    evaluation = part.get("performance_evaluation")
    return [
        ("legal_basis", listed("legal_basis", lambda item: legal_item(item, lang))),
        ("facilities", listed("facilities", lambda item: facility(item, lang))),
        ("staff_competence", listed("staff_competence", competence)),
        ("internal_supervision", listed("internal_supervision", lambda i: e(_evaluation(i, "supervisor", lang)))),
        ("staff_count", listed("staff_count", lambda item: staff(item, lang))),
        ("service_guarantee", text("service_guarantee")),
        ("security_guarantee", text("security_guarantee")),
        (
            "performance_evaluation",
            f"<p>{e(_evaluation(evaluation, 'method', lang))}</p>"
            if isinstance(evaluation, Mapping)
            else not_stated(lang),
        ),
    ]


def table(rows: Sequence[tuple[str, str]], catalog: Catalog, lang: str) -> str:
    head = "".join(f'<th scope="col">{e(LABELS(key, lang))}</th>' for key in ("no", "component", "description"))
    body = "".join(
        f'<tr><td class="no">{number}</td><th scope="row">{e(catalog(key, lang))}</th><td>{cell}</td></tr>'
        for number, (key, cell) in enumerate(rows, 1)
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def official_html(data: Mapping[str, Any], lang: str, *, url: str | None = None, manufacturing: bool = False) -> str:
    """The notice: title and provider, a QR code to `url`, the component table(s), hours, adoption, the poster.

    The management table is printed only when asked and only for a full standard that has the part."""
    provider: Mapping[str, Any] = data["provider"] if isinstance(data.get("provider"), Mapping) else {}
    title = data.get("title") or LABELS("standard", lang)
    heading = (
        f'<div><p class="kicker">{e(LABELS("standard", lang).upper())}</p><h1>{e(title)}</h1>'
        f'<p class="provider">{e(provider.get("name", ""))}</p></div>'
    )
    online = safe_url(url)
    if online:
        caption = e(LABELS("online_version", lang))
        label = LABELS("qr", lang, url=online)
        heading += f'<figure class="qr">{qr_svg(online, label)}<figcaption>{caption}: {e(online)}'
        heading += "</figcaption></figure>"
    delivery = table(delivery_rows(data, lang), LABELS, lang)
    part = data.get("manufacturing")
    if manufacturing and is_full_standard(data) and isinstance(part, Mapping):
        delivery = f"<h2>{e(MANUFACTURING('delivery', lang))}</h2>{delivery}"
        delivery += f"<h2>{e(MANUFACTURING('manufacturing', lang))}</h2>"
        delivery += table(manufacturing_rows(part, lang), MANUFACTURING, lang)
    hours = (
        f"<p><strong>{e(LABELS('hours', lang))}:</strong></p>{hours_html(data['service_hours'], lang)}"
        if data.get("service_hours")
        else ""
    )
    compensation = (
        f"<p><strong>{e(LABELS('compensation', lang))}:</strong> {e(data['compensation'])}</p>"
        if data.get("compensation")
        else ""
    )
    pledge = ""
    if isinstance(data.get("pledge"), Mapping):
        name = e(provider.get("name", ""))
        title_line = f'<h2>{e(LABELS("pledge", lang).upper())}</h2><p class="provider">{name}</p>'
        pledge = f'<section class="poster">{title_line}{pledge_html(data["pledge"], lang)}</section>'
    return (
        f'<div class="official"><header>{heading}</header>{delivery}{hours}{compensation}'
        f"{footer_html(data, lang)}{pledge}</div>"
    )


def footer_html(data: Mapping[str, Any], lang: str) -> str:
    """The standard's version and adoption, when the document gives them (format 1.1 may give neither)."""
    parts = [LABELS("version", lang, version=data["version"])] if data.get("version") else []
    adoption = data.get("adoption")
    if isinstance(adoption, Mapping) and adoption.get("decree"):
        date = date_words(adoption.get("date", ""), lang)
        parts.append(LABELS("adopted_by", lang, decree=adoption["decree"], date=date).rstrip(", "))
    return f'<footer class="note"><p>{"<br>".join(e(p) for p in parts)}</p></footer>' if parts else ""
