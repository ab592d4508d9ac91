"""The citizen-facing publication: the six service-delivery components as a page, or a static site of pages.

Never the manufacturing components (PermenPANRB 15/2014: only the delivery components are published).
Every value from a document is escaped; the only links made from document content are http(s) URLs.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any
from urllib.parse import urlsplit

from svcstd import escaping
from svcstd.i18n import Catalog, decimal_comma
from svcstd.model import Text
from svcstd.standard.contacts import is_email, is_phone
from svcstd.standard.durations import completion_durations
from svcstd.standard.vocabulary import DAYS, SPECIAL_GROUPS, capitalised

LABELS = Catalog(
    "publication",
    {
        "standard": ("Service standard", "Standar Pelayanan"),
        "draft": ("Draft: not yet adopted", "Rancangan: belum ditetapkan"),
        "retired": ("No longer in force", "Tidak berlaku lagi"),
        "hours": ("Service hours", "Waktu pelayanan"),
        "requirements": ("Requirements", "Persyaratan"),
        "no_requirements": ("No requirements.", "Tidak ada persyaratan."),
        "all_cases": ("For every application", "Untuk semua permohonan"),
        "case": ("If: {when}", "Jika: {when}"),
        "optional": ("not mandatory", "tidak wajib"),
        "copies": ("{count} copies", "{count} rangkap"),
        "procedure": ("Procedure", "Prosedur pelayanan"),
        "channels": ("Ways to apply", "Cara mengajukan permohonan"),
        "apply_online": ("Apply online", "Ajukan secara daring"),
        "time": ("Completion time", "Jangka waktu penyelesaian"),
        "fees": ("Fees", "Biaya/tarif"),
        "free": ("Free of charge", "Tidak dipungut biaya"),
        "formula": ("Computed as: {formula}", "Dihitung dengan rumus: {formula}"),
        "basis": ("Basis: {basis}", "Dasar: {basis}"),
        "payment": ("Payment: {payment}", "Pembayaran: {payment}"),
        "products": ("What you receive", "Produk pelayanan"),
        "complaints": ("Complaints, suggestions and feedback", "Pengaduan, saran, dan masukan"),
        "handler": ("Handled by: {handler}", "Pengelola: {handler}"),
        "response": ("Response within {time}", "Ditanggapi paling lama {time}"),
        "special": ("Special services", "Pelayanan khusus"),
        "pledge": ("Service pledge", "Maklumat pelayanan"),
        "adopted_by": ("Adopted by {decree}, {date}", "Ditetapkan dengan {decree}, {date}"),
        "version": ("Version {version}", "Versi {version}"),
        "index": ("Service standards", "Daftar Standar Pelayanan"),
        "search": ("Search services or providers", "Cari layanan atau penyelenggara"),
        "no_results": (
            "No service matches every word. Try fewer words, or the provider's name.",
            "Tidak ada layanan yang memuat semua kata itu. Coba kata yang lebih sedikit, atau nama penyelenggaranya.",
        ),
        "back": ("All service standards", "Semua standar pelayanan"),
        "closed": ("{days}: {open}–{close}", "{days}: pukul {open}–{close}"),
        "where": ("Where and how to reach us", "Lokasi dan kontak"),
        "no": ("No", "No"),
        "component": ("Component", "Komponen"),
        "description": ("Description", "Uraian"),
    },
)

VOCABULARY: dict[str, Text] = {
    "original": Text("original", "asli"),
    "copy": Text("photocopy", "fotokopi"),
    "digital": Text("digital file", "berkas digital"),
    "self_declaration": Text("signed statement", "surat pernyataan"),
    "in_person": Text("in person at the office", "datang langsung ke kantor"),
    "online": Text("online", "daring (online)"),
    "mobile": Text("mobile service", "layanan keliling"),
    "mail": Text("by post", "melalui pos"),
    "outreach": Text("home or community visit", "jemput bola"),
    "phone": Text("Phone", "Telepon"),
    "sms": Text("SMS", "SMS"),
    "whatsapp": Text("WhatsApp", "WhatsApp"),
    "fax": Text("Fax", "Faksimile"),
    "email": Text("E-mail", "Surel"),
    "website": Text("Website", "Situs web"),
    "lapor": Text("SP4N-LAPOR!", "SP4N-LAPOR!"),
    "suggestion_box": Text("Suggestion box", "Kotak saran"),
    "social_media": Text("Social media", "Media sosial"),
    "other": Text("Other", "Lainnya"),
}
VOCABULARY_IN_PERSON = Text("In person", "Datang langsung")

MONTHS = {
    "en": "January February March April May June July August September October November December".split(),  # noqa: SIM905
    "id": "Januari Februari Maret April Mei Juni Juli Agustus September Oktober November Desember".split(),  # noqa: SIM905
}
UNITS = {
    "minutes": (Text("minute", "menit"), Text("minutes", "menit")),
    "hours": (Text("hour", "jam"), Text("hours", "jam")),
    "days": (Text("day", "hari"), Text("days", "hari")),
    "working_days": (Text("working day", "hari kerja"), Text("working days", "hari kerja")),
}


# --- values as citizens read them ---------------------------------------------------------------------------------


def money(amount: int, currency: str = "IDR") -> str:
    """`Rp10.000`: Indonesian thousands separator; other currencies by their code."""
    grouped = f"{amount:,}".replace(",", ".")
    return f"Rp{grouped}" if currency == "IDR" else f"{currency} {grouped}"


def fee_words(fee: Mapping[str, Any], lang: str) -> str:
    if "formula" in fee:
        return LABELS("formula", lang, formula=fee["formula"])
    if fee["amount"] == 0:
        return LABELS("free", lang)
    return money(int(fee["amount"]), str(fee.get("currency", "IDR")))


def number_words(value: float, lang: str) -> str:
    text = str(int(value)) if float(value).is_integer() else str(value)
    return decimal_comma(text, lang)


def duration_words(duration: Mapping[str, Any], lang: str) -> str:
    """`1 hari kerja`, `1–14 hari kerja`, `1 working day`, `30 minutes`."""
    upper = duration.get("max", duration.get("value", 0))
    singular, plural = UNITS[duration["unit"]]
    unit = (singular if upper == 1 else plural)(lang)
    if "value" in duration:
        return f"{number_words(duration['value'], lang)} {unit}"
    return f"{number_words(duration['min'], lang)}–{number_words(duration['max'], lang)} {unit}"


def date_words(iso: str, lang: str) -> str:
    """`12 Januari 2026`."""
    year, month, day = str(iso).split("-")
    return f"{int(day)} {MONTHS[lang][int(month) - 1]} {year}"


def safe_url(value: object) -> str | None:
    """The URL when it is an absolute http(s) address with a host, else None: never `javascript:`."""
    if not isinstance(value, str) or any(char.isspace() or ord(char) < 32 for char in value):
        return None
    try:
        parts = urlsplit(value)
    except ValueError:
        return None
    return value if parts.scheme.lower() in ("http", "https") and parts.hostname else None


def page_name(identifier: str, taken: set[str]) -> str:
    """A safe, unique file name from a document id: `dukcapil/ktp-el` -> `dukcapil--ktp-el.html`."""
    base = re.sub(r"[^a-z0-9._-]+", "-", identifier.replace("/", "--").lower()).strip(".-")[:80] or "standar"
    name, number = base, 1
    while name in taken or name == "index":
        number += 1
        name = f"{base}-{number}"
    taken.add(name)
    return f"{name}.html"


def vocab(value: str, lang: str) -> str:
    if value in SPECIAL_GROUPS:
        return capitalised(SPECIAL_GROUPS[value])(lang)
    return VOCABULARY[value](lang) if value in VOCABULARY else value


def _e(value: object) -> str:
    return escaping.html(value)


def _link(value: object) -> str:
    url = safe_url(value)
    return f'<a href="{_e(url)}">{_e(url)}</a>' if url else _e(value)


def phone_digits(value: object) -> str | None:
    """`+62274512345` from `0274-512345` or `+62 812-2750-4411`; None when it is no Indonesian phone number."""
    if not isinstance(value, str) or not is_phone(value):
        return None
    digits = re.sub(r"[^\d+]", "", value)
    return "+62" + digits[1:] if digits.startswith("0") else digits if digits.startswith("+") else "+" + digits


def contact_link(kind: str, value: object) -> str:
    """A contact a phone can act on: `tel:`, `https://wa.me/` or `mailto:` when the value has that exact shape."""
    text = _e(value)
    phone = phone_digits(value)
    if kind in ("phone", "sms", "fax") and phone:
        scheme = "sms" if kind == "sms" else "tel"
        return f'<a href="{scheme}:{phone}">{text}</a>'
    if kind == "whatsapp" and phone:
        return f'<a href="https://wa.me/{phone.lstrip("+")}">{text}</a>'
    if kind == "email" and isinstance(value, str) and is_email(value):
        return f'<a href="mailto:{_e(value.strip())}">{text}</a>'
    return _link(value)


# --- sections -----------------------------------------------------------------------------------------------------


def _section(key: str, body: str, lang: str) -> str:
    return f'<section class="{key}"><h2>{_e(LABELS(key, lang))}</h2>{body}</section>'


def _items(items: Iterable[str], tag: str = "ul") -> str:
    return f"<{tag}>" + "".join(f"<li>{item}</li>" for item in items) + f"</{tag}>"


def _requirement(item: Mapping[str, Any], lang: str) -> str:
    details = [vocab(item["form"], lang)] if "form" in item else []
    if item.get("copies", 1) > 1:
        details.append(LABELS("copies", lang, count=item["copies"]))
    if item.get("mandatory", True) is False:
        details.append(LABELS("optional", lang))
    text = f"<strong>{_e(item['name'])}</strong>" + (f" ({_e(', '.join(details))})" if details else "")
    return text + (f'<br><span class="note">{_e(item["note"])}</span>' if "note" in item else "")


def requirements_html(items: Sequence[Mapping[str, Any]], lang: str) -> str:
    """Grouped by case: the general ones first, then one list per `when`, in document order."""
    if not items:
        return f"<p>{_e(LABELS('no_requirements', lang))}</p>"
    cases: dict[str, list[Mapping[str, Any]]] = {}
    for item in items:
        cases.setdefault(str(item.get("when", "")), []).append(item)
    parts = []
    for when, group in sorted(cases.items(), key=lambda pair: pair[0] != ""):
        heading = LABELS("case", lang, when=when) if when else LABELS("all_cases", lang)
        parts.append(f"<h3>{_e(heading)}</h3>" + _items(_requirement(item, lang) for item in group))
    return "".join(parts)


def _step(step: Mapping[str, Any], lang: str) -> str:
    """Who does what, then how long it takes: one numbered step of the procedure."""
    text = f'<span class="actor">{_e(step["actor"])}</span> {_e(step["action"])}'
    extras = [vocab(step["channel"], lang)] if "channel" in step else []
    extras += [LABELS("case", lang, when=step["when"])] if "when" in step else []
    duration = f'<span class="dur">{_e(duration_words(step["duration"], lang))}</span>' if "duration" in step else ""
    return text + (f' <span class="note">({_e("; ".join(extras))})</span>' if extras else "") + duration


def procedure_html(procedure: Mapping[str, Any], lang: str) -> str:
    body = '<ol class="steps">' + "".join(f"<li>{_step(step, lang)}</li>" for step in procedure["steps"]) + "</ol>"
    if procedure.get("channels"):
        ways = ", ".join(vocab(c, lang) for c in procedure["channels"])
        body += f"<p><strong>{_e(LABELS('channels', lang))}:</strong> {_e(ways)}</p>"
    url = safe_url(procedure.get("online_url"))
    if url:
        body += f'<p>{_e(LABELS("apply_online", lang))}: <a href="{_e(url)}">{_e(url)}</a></p>'
    return body


def time_html(completion_time: Any, lang: str) -> str:
    durations = completion_durations(completion_time)
    if len(durations) == 1 and "when" not in durations[0]:
        return f'<p class="big">{_e(duration_words(durations[0], lang))}</p>' + _note(durations[0])
    rows = (f"<strong>{_e(d.get('when', ''))}</strong>: {_e(duration_words(d, lang))}{_note(d)}" for d in durations)
    return _items(rows)


def _note(item: Mapping[str, Any]) -> str:
    return f'<p class="note">{_e(item["note"])}</p>' if "note" in item else ""


def fee_html(fee: Mapping[str, Any], lang: str) -> str:
    lines = [f'<strong>{_e(fee["name"])}</strong>: <span class="big">{_e(fee_words(fee, lang))}</span>']
    notes = [LABELS("case", lang, when=fee["when"])] if "when" in fee else []
    notes += [LABELS("basis", lang, basis=fee["basis"])] if "basis" in fee else []
    notes += [LABELS("payment", lang, payment=fee["payment"])] if "payment" in fee else []
    return "<br>".join(lines + [f'<span class="note small">{_e(note)}</span>' for note in notes])


def product_html(product: Mapping[str, Any]) -> str:
    text = f"<strong>{_e(product['name'])}</strong>"
    return text + (f": {_e(product['description'])}" if "description" in product else "")


def complaints_html(complaints: Mapping[str, Any], lang: str) -> str:
    def channel(item: Mapping[str, Any]) -> str:
        person = f" ({_e(item['person'])})" if "person" in item else ""
        kind = VOCABULARY_IN_PERSON(lang) if item["type"] == "in_person" else vocab(item["type"], lang)
        return f"<strong>{_e(kind)}</strong>: {contact_link(item['type'], item['contact'])}{person}"

    body = _items(channel(item) for item in complaints["channels"])
    if "handler" in complaints:
        body += f"<p>{_e(LABELS('handler', lang, handler=complaints['handler']))}</p>"
    if "response_time" in complaints:
        body += f"<p>{_e(LABELS('response', lang, time=duration_words(complaints['response_time'], lang)))}</p>"
    return body


def hours_html(hours: Sequence[Mapping[str, Any]], lang: str) -> str:
    def row(item: Mapping[str, Any]) -> str:
        days = ", ".join(DAYS[d](lang) if d in DAYS else str(d) for d in item["days"])
        text = _e(LABELS("closed", lang, days=days, open=item["open"], close=item["close"]))
        return text + (f'<br><span class="note">{_e(item["note"])}</span>' if "note" in item else "")

    return _items(row(item) for item in hours)


def special_html(services: Sequence[Mapping[str, Any]], lang: str) -> str:
    return _items(f"<strong>{_e(vocab(s['group'], lang))}</strong>: {_e(s['provision'])}" for s in services)


def pledge_html(pledge: Mapping[str, Any], lang: str) -> str:
    signed = [
        str(pledge[k]) if k == "signed_by" else date_words(pledge[k], lang)
        for k in ("signed_by", "date")
        if k in pledge
    ]
    footer = f"<footer>{_e(', '.join(signed))}</footer>" if signed else ""
    return f"<blockquote><p>{_e(pledge['text'])}</p>{footer}</blockquote>"


# --- pages --------------------------------------------------------------------------------------------------------

STYLE = """
:root{color-scheme:light}
*{box-sizing:border-box}
body{margin:0;background:#fff;color:#000;font:1.25rem/1.6 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;
overflow-wrap:break-word}
main{max-width:50rem;margin:0 auto;padding:1rem}
h1{font-size:2rem;line-height:1.25;margin:.25rem 0 .5rem}
h2{font-size:1.5rem;border-bottom:3px solid #000;margin:2rem 0 .75rem;padding-bottom:.25rem}
h3{font-size:1.25rem;margin:1rem 0 .5rem}
a{color:#0033cc;text-decoration:underline;overflow-wrap:anywhere}
a:focus{outline:3px solid #000;outline-offset:2px}
a[href^="tel:"],a[href^="mailto:"],a[href^="https://wa.me/"],a[href^="sms:"]{padding:.4rem 0;font-weight:bold}
li{margin:.4rem 0}
ol>li::marker{font-weight:bold}
.kicker{margin:0;font-weight:bold;text-transform:uppercase;font-size:1rem;letter-spacing:.05em}
.provider{font-size:1.125rem;margin:0}
.note{color:#222;font-size:1.05rem}
.big{font-size:1.5rem;font-weight:bold}
.status{display:inline-block;border:3px solid #000;padding:.25rem .75rem;font-weight:bold}
.facts{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,17rem),1fr));gap:.75rem;margin:1rem 0}
.fact{border:3px solid #000;border-radius:.5rem;padding:.15rem .75rem .35rem}
.fact h2{font-size:1rem;border:0;margin:.2rem 0;padding:0;text-transform:uppercase;letter-spacing:.03em}
.small{font-size:.9rem;line-height:1.4;display:inline-block}
nav{font-size:1rem}
.fact ul{padding-left:1.1rem;margin:.25rem 0}.fact p{margin:.25rem 0}
.fact .big{font-size:1.4rem}
ol.steps{list-style:none;counter-reset:step;padding:0}
ol.steps>li{counter-increment:step;position:relative;padding:0 0 .75rem 2rem;border-left:3px solid #000;
margin:0 0 0 1.1rem}
ol.steps>li:last-child{border-left-color:transparent}
ol.steps>li::before{content:counter(step);position:absolute;left:-1.2rem;top:0;width:2.2rem;height:2.2rem;
border-radius:50%;background:#000;color:#fff;font-weight:bold;text-align:center;line-height:2.2rem}
.actor{display:block;font-weight:bold}
.dur{display:inline-block;margin-left:.25rem;font-weight:bold;white-space:nowrap;border:2px solid #000;
border-radius:1rem;padding:0 .5rem;font-size:1rem}
blockquote{margin:0;border-left:6px solid #000;padding:.5rem 1rem;background:#f2f2f2}
input[type=search]{font:inherit;width:100%;padding:.5rem;border:3px solid #000}
li,blockquote{break-inside:avoid}
.official{display:none}
@media (max-width:30rem){body{font-size:1.125rem}h1{font-size:1.4rem}main{padding:.75rem}.facts{gap:.5rem}
.fact .big{font-size:1.25rem}}
@page{size:A4;margin:12mm 14mm}
@media print{
body{font-size:10.5pt;line-height:1.35}main{max-width:none;padding:0}a{color:#000;text-decoration:none}
.screen,nav,hr,#search{display:none}
.official{display:block}
.official h1{font-size:17pt;margin:0 0 2mm}.official .kicker{font-size:10pt}
.official table{width:100%;border-collapse:collapse;margin-top:4mm}
.official th,.official td{border:1px solid #000;padding:1.5mm 2mm;text-align:left;vertical-align:top}
.official thead th{background:#e6e6e6}
.official td.no{width:8mm;text-align:center}.official tbody th{width:34mm}
.official ul,.official ol{margin:0;padding-left:5mm}.official li{margin:0}
.official h3{font-size:10.5pt;margin:1mm 0}.official .big{font-size:11pt}
.official ol.steps>li{padding:0 0 1mm 6mm;border:0;margin:0}
.official ol.steps>li::before{width:auto;height:auto;background:none;color:#000;line-height:inherit;left:0;
content:counter(step) "."}
.official .actor{display:inline}.official .actor::after{content:":"}
.official tr{break-inside:avoid}.official .note,.official .big,.official p{font-size:inherit}
.official .dur{border:0;padding:0;font-size:inherit}
.official .dur::before{content:"("}.official .dur::after{content:")"}
.poster{break-before:page;text-align:center;padding-top:20mm}
.poster h2{font-size:26pt;border:0}
.poster footer{text-align:right;margin-top:8mm}
.poster blockquote{border:0;background:none;font-size:16pt;line-height:1.5;margin:10mm 6mm;text-align:justify}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
"""

FILTER_SCRIPT = (
    "(function(){var p=document.getElementById('search'),b=document.getElementById('filter'),"
    "n=document.getElementById('none');p.hidden=false;"
    "b.addEventListener('input',function(){var w=b.value.toLowerCase().split(/\\s+/).filter(Boolean),c=0;"
    "document.querySelectorAll('section[data-provider]').forEach(function(s){var o=0,"
    "h=s.querySelector('h2').textContent.toLowerCase();"
    "s.querySelectorAll('[data-entry]').forEach(function(e){var t=h+' '+e.textContent.toLowerCase();"
    "e.hidden=!w.every(function(x){return t.indexOf(x)>=0;});if(!e.hidden){o++;}});"
    "s.hidden=!o;c+=o;});n.hidden=c>0;});"
    "if(location.hash.indexOf('#q=')===0){b.value=decodeURIComponent(location.hash.slice(3));"
    "b.dispatchEvent(new Event('input'));}})();"
)
"""The index's search: every word, in any order, in a title or its provider's name; a message when none match.

`index.html#q=words` opens with the search filled in (a link can share a search)."""


def _csp(script: str | None) -> str:
    """No network, no script unless the one inline script of the index, pinned by its hash."""
    scripts = "'none'"
    if script is not None:
        digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
        scripts = f"'sha256-{digest}'"
    return f"default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; script-src {scripts}; base-uri 'none'"


def html_document(title: str, body: str, lang: str, script: str | None = None) -> str:
    tail = f"<script>{script}</script>" if script else ""
    return (
        f'<!DOCTYPE html>\n<html lang="{_e(lang)}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_csp(script)}">\n'
        f'<meta name="referrer" content="no-referrer">\n<title>{_e(title)}</title>\n<style>{STYLE}</style>\n</head>\n'
        f"<body>\n<main>\n{body}\n</main>\n{tail}</body>\n</html>\n"
    )


def _header(data: Mapping[str, Any], lang: str) -> str:
    provider = data["provider"]
    names = _e(provider["name"])
    status = data.get("status")
    badge = f'<p class="status">{_e(LABELS(status, lang))}</p>' if status in ("draft", "retired") else ""
    kicker = f'<p class="kicker">{_e(LABELS("standard", lang))}</p>'
    return f'<header>{kicker}<h1>{_e(data["title"])}</h1><p class="provider">{names}</p>{badge}</header>'


def where_html(data: Mapping[str, Any], lang: str) -> str:
    """The office and how to reach it, each contact tappable."""
    provider = data["provider"]
    lines = [_e(line) for line in (provider.get("unit"), provider.get("address")) if line]
    for kind in ("phone", "email"):
        if provider.get(kind):
            lines.append(f"{_e(VOCABULARY[kind](lang))}: {contact_link(kind, provider[kind])}")
    if safe_url(provider.get("website")):
        lines.append(f"{_e(VOCABULARY['website'](lang))}: {_link(provider['website'])}")
    return "<p>" + "<br>".join(lines) + "</p>"


def facts_html(data: Mapping[str, Any], lang: str) -> str:
    """What a citizen asks first, before the details: what it costs, how long it takes, when and where."""
    delivery = data["delivery"]
    facts = [
        ("fees", _items(fee_html(fee, lang) for fee in delivery["fees"])),
        ("time", time_html(delivery["completion_time"], lang)),
    ]
    if data.get("service_hours"):
        facts.append(("hours", hours_html(data["service_hours"], lang)))
    facts.append(("where", where_html(data, lang)))
    cards = "".join(
        f'<section class="fact {key}"><h2>{_e(LABELS(key, lang))}</h2>{body}</section>' for key, body in facts
    )
    return f'<div class="facts">{cards}</div>'


def _footer(data: Mapping[str, Any], lang: str) -> str:
    parts = [LABELS("version", lang, version=data["version"])]
    adoption = data.get("adoption")
    if adoption:
        parts.append(LABELS("adopted_by", lang, decree=adoption["decree"], date=date_words(adoption["date"], lang)))
    return f'<footer class="note"><p>{"<br>".join(_e(p) for p in parts)}</p></footer>'


def article_html(data: Mapping[str, Any], lang: str) -> str:
    """One standard: the key facts first, then requirements, procedure and what citizens also need to know.

    The screen version; `official_html` is the notice-board version the same page prints.
    """
    delivery = data["delivery"]
    sections = [
        facts_html(data, lang),
        _section("requirements", requirements_html(delivery["requirements"], lang), lang),
        _section("procedure", procedure_html(delivery["procedure"], lang), lang),
        _section("products", _items(product_html(p) for p in delivery["products"]), lang),
        _section("complaints", complaints_html(delivery["complaints"], lang), lang),
        _section("special", special_html(data["special_services"], lang), lang) if data.get("special_services") else "",
        _section("pledge", pledge_html(data["pledge"], lang), lang) if data.get("pledge") else "",
    ]
    screen = f'<article class="screen">{_header(data, lang)}{"".join(sections)}{_footer(data, lang)}</article>'
    return screen + official_html(data, lang)


def official_html(data: Mapping[str, Any], lang: str) -> str:
    """The A4 notice as agencies post it: the No | Komponen | Uraian table of the six published components,
    then the service pledge (maklumat) on a page of its own."""
    delivery = data["delivery"]
    rows = [
        ("requirements", requirements_html(delivery["requirements"], lang)),
        ("procedure", procedure_html(delivery["procedure"], lang)),
        ("time", time_html(delivery["completion_time"], lang)),
        ("fees", _items(fee_html(fee, lang) for fee in delivery["fees"])),
        ("products", _items(product_html(p) for p in delivery["products"])),
        ("complaints", complaints_html(delivery["complaints"], lang)),
    ]
    body = "".join(
        f'<tr><td class="no">{number}</td><th scope="row">{_e(LABELS(key, lang))}</th><td>{cell}</td></tr>'
        for number, (key, cell) in enumerate(rows, 1)
    )
    head = "".join(f'<th scope="col">{_e(LABELS(key, lang))}</th>' for key in ("no", "component", "description"))
    provider = data["provider"]
    title = (
        f'<p class="kicker">{_e(LABELS("standard", lang).upper())}</p><h1>{_e(data["title"])}</h1>'
        f'<p class="provider">{_e(provider["name"])}</p>'
    )
    hours = (
        f"<p><strong>{_e(LABELS('hours', lang))}:</strong></p>{hours_html(data['service_hours'], lang)}"
        if data.get("service_hours")
        else ""
    )
    table = f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    pledge = ""
    if data.get("pledge"):
        heading = f'<h2>{_e(LABELS("pledge", lang).upper())}</h2><p class="provider">{_e(provider["name"])}</p>'
        pledge = f'<section class="poster">{heading}{pledge_html(data["pledge"], lang)}</section>'
    return f'<div class="official">{title}{table}{hours}{_footer(data, lang)}{pledge}</div>'


def page_language(data: Mapping[str, Any], lang: str | None, fallback: str) -> str:
    """`--lang` when given, else the document's own `language` (default id), else `fallback` for other languages."""
    if lang is not None:
        return lang
    primary = str(data.get("language", "id")).split("-")[0].lower()
    return primary if primary in ("en", "id") else fallback


def standard_page(documents: Sequence[Mapping[str, Any]], lang: str, back: str | None = None) -> str:
    """A self-contained page for the standards of one file (usually one)."""
    link = f'<nav><a href="{_e(back)}">{_e(LABELS("back", lang))}</a></nav>' if back else ""
    body = link + "<hr>".join(article_html(data, lang) for data in documents)
    title = documents[0]["title"] if len(documents) == 1 else LABELS("standard", lang)
    return html_document(f"{title}", body, lang)


def site(documents: Sequence[Mapping[str, Any]], lang: str | None, fallback: str = "id") -> dict[str, str]:
    """File name -> HTML: `index.html` listing the standards by provider, and one page per standard.

    Each page speaks its document's language unless `lang` says otherwise; the index, the most common one.
    """
    taken: set[str] = set()
    ordered = sorted(documents, key=lambda d: (d["provider"]["name"].casefold(), d["title"].casefold(), d["id"]))
    pages = {page_name(data["id"], taken): data for data in ordered}
    languages = {name: page_language(data, lang, fallback) for name, data in pages.items()}
    files = {name: standard_page([data], languages[name], back="index.html") for name, data in pages.items()}
    counts = {code: list(languages.values()).count(code) for code in ("id", "en")}
    index_lang = lang or (max(counts, key=lambda code: counts[code]) if languages else fallback)
    return {"index.html": index_page(pages, index_lang), **files}


def index_page(pages: Mapping[str, Mapping[str, Any]], lang: str) -> str:
    providers: dict[str, list[str]] = {}
    for name, data in pages.items():
        status = f" — {LABELS(data['status'], lang)}" if data["status"] in ("draft", "retired") else ""
        entry = f'<a href="{_e(name)}">{_e(data["title"])}</a>{_e(status)}'
        providers.setdefault(data["provider"]["name"], []).append(f"<li data-entry>{entry}</li>")
    sections = "".join(
        f"<section data-provider><h2>{_e(provider)}</h2><ul>{''.join(entries)}</ul></section>"
        for provider, entries in providers.items()
    )
    title = LABELS("index", lang)
    search = (
        f'<p id="search" hidden><label for="filter">{_e(LABELS("search", lang))}</label><br>'
        '<input type="search" id="filter" autocomplete="off"></p>'
        f'<p id="none" role="status" hidden>{_e(LABELS("no_results", lang))}</p>'
    )
    return html_document(title, f"<h1>{_e(title)}</h1>{search}{sections}", lang, FILTER_SCRIPT)
