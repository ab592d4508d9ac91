"""The service-delivery components as HTML fragments, shared by the citizen page and the official print.

Every shape of format 1.0 and 1.1 is laid out: passive and branching steps, steps at another agency,
text-only durations, months and years, fee references and coverage, requirement alternatives, certified
copies and collateral, complaint handling per channel with tiered times. A component a document leaves out
says so ("not stated") instead of failing. Every value from a document is escaped; the only links made from
document content are http(s) URLs and phone, WhatsApp and e-mail links of exactly that shape.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any
from urllib.parse import urlsplit

from svcstd import escaping
from svcstd.i18n import Catalog, decimal_comma
from svcstd.model import Text
from svcstd.standard.contacts import is_email, is_phone
from svcstd.standard.durations import completion_durations, is_measured
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
        "not_stated": ("Not stated in this standard.", "Tidak dicantumkan dalam standar ini."),
        "all_cases": ("For every application", "Untuk semua permohonan"),
        "case": ("If: {when}", "Jika: {when}"),
        "optional": ("not mandatory", "tidak wajib"),
        "copies": ("{count} copies", "{count} rangkap"),
        "one_of": ("any one of:", "salah satu dari:"),
        "collateral": ("held as a guarantee", "ditahan sebagai jaminan"),
        "procedure": ("Procedure", "Prosedur pelayanan"),
        "channels": ("Ways to apply", "Cara mengajukan permohonan"),
        "apply_online": ("Apply online", "Ajukan secara daring"),
        "in_person_reason": ("Served in person: {reason}", "Dilayani secara langsung: {reason}"),
        "flowchart": ("Flowchart", "Bagan alir"),
        "at_agency": ("at {agency}", "di {agency}"),
        "time": ("Completion time", "Jangka waktu penyelesaian"),
        "fees": ("Fees", "Biaya/tarif"),
        "free": ("Free of charge", "Tidak dipungut biaya"),
        "formula": ("Computed as: {formula}", "Dihitung dengan rumus: {formula}"),
        "reference": ("As set in {reference}", "Sesuai {reference}"),
        "basis": ("Basis: {basis}", "Dasar: {basis}"),
        "fee_basis": ("Basis of the tariff: {basis}", "Dasar tarif: {basis}"),
        "payment": ("Payment: {payment}", "Pembayaran: {payment}"),
        "coverage": ("Paid by insurance or a programme", "Penjaminan biaya"),
        "products": ("What you receive", "Produk pelayanan"),
        "complaints": ("Complaints, suggestions and feedback", "Pengaduan, saran, dan masukan"),
        "handler": ("Handled by: {handler}", "Pengelola: {handler}"),
        "response": ("Response within {time}", "Ditanggapi paling lama {time}"),
        "schedule": ("Schedule: {schedule}", "Jadwal: {schedule}"),
        "complaint_procedure": ("How a complaint is handled", "Tata cara penanganan pengaduan"),
        "complaint_times": ("Complaint handling times", "Jangka waktu penanganan pengaduan"),
        "acknowledge": ("Acknowledgement", "Tanggapan awal"),
        "coordinate": ("Coordination", "Koordinasi"),
        "respond": ("Answer", "Jawaban"),
        "settle": ("Settlement", "Penyelesaian"),
        "special": ("Special services", "Pelayanan khusus"),
        "pledge": ("Service pledge", "Maklumat pelayanan"),
        "published_in": ("Published in: {places}", "Dipublikasikan melalui: {places}"),
        "displayed": ("Displayed at: {place}", "Dipajang di: {place}"),
        "compensation": ("Compensation", "Kompensasi"),
        "survey": ("Public satisfaction survey (SKM)", "Survei Kepuasan Masyarakat (SKM)"),
        "survey_index": ("index {index}", "indeks {index}"),
        "survey_grade": ("grade {grade}", "mutu pelayanan {grade}"),
        "follow_up": ("Follow-up: {text}", "Tindak lanjut: {text}"),
        "information_system": ("Information system", "Sistem informasi pelayanan"),
        "audience": ("Who the service is for", "Sasaran layanan"),
        "age_range": ("Aged {min} to {max}", "Usia {min} sampai dengan {max} tahun"),
        "age_min": ("Aged {min} and over", "Usia {min} tahun ke atas"),
        "age_max": ("Aged up to {max}", "Usia paling tinggi {max} tahun"),
        "vision": ("Vision", "Visi"),
        "mission": ("Mission", "Misi"),
        "motto": ("Motto", "Motto"),
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
        "online_version": ("Online version", "Versi daring"),
        "qr": ("QR code to the online version: {url}", "Kode QR ke versi daring: {url}"),
    },
)

VOCABULARY: dict[str, Text] = {
    "original": Text("original", "asli"),
    "copy": Text("photocopy", "fotokopi"),
    "certified_copy": Text("certified photocopy", "fotokopi dilegalisir"),
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
    "months": (Text("month", "bulan"), Text("months", "bulan")),
    "years": (Text("year", "tahun"), Text("years", "tahun")),
}


# --- values as citizens read them ---------------------------------------------------------------------------------


def money(amount: int, currency: str = "IDR") -> str:
    """`Rp10.000`: Indonesian thousands separator; other currencies by their code."""
    grouped = f"{amount:,}".replace(",", ".")
    return f"Rp{grouped}" if currency == "IDR" else f"{currency} {grouped}"


def fee_words(fee: Mapping[str, Any], lang: str) -> str:
    """The amount, the formula, or the regulation that sets it (format 1.1 `reference`)."""
    if "formula" in fee:
        return LABELS("formula", lang, formula=fee["formula"])
    if "reference" in fee:
        return LABELS("reference", lang, reference=fee["reference"])
    if fee.get("amount", 0) == 0:
        return LABELS("free", lang)
    return money(int(fee["amount"]), str(fee.get("currency", "IDR")))


def number_words(value: float, lang: str) -> str:
    text = str(int(value)) if float(value).is_integer() else str(value)
    return decimal_comma(text, lang)


def duration_words(duration: Mapping[str, Any], lang: str) -> str:
    """`1 hari kerja`, `1–14 hari kerja`, `5 bulan`, `1 working day`; a text-only duration (1.1) is its text."""
    if not is_measured(duration):
        return str(duration.get("text", ""))
    upper = duration.get("max", duration.get("value", 0))
    singular, plural = UNITS[duration["unit"]]
    unit = (singular if upper == 1 else plural)(lang)
    if "value" in duration:
        return f"{number_words(duration['value'], lang)} {unit}"
    return f"{number_words(duration['min'], lang)}–{number_words(duration['max'], lang)} {unit}"


def date_words(iso: object, lang: str) -> str:
    """`12 Januari 2026`; anything that is not an ISO date as it is written."""
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", str(iso))
    if not match or not 1 <= int(match.group(2)) <= 12:
        return str(iso)
    year, month, day = match.groups()
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


def vocab(value: object, lang: str) -> str:
    text = str(value)
    if text in SPECIAL_GROUPS:
        return capitalised(SPECIAL_GROUPS[text])(lang)
    return VOCABULARY[text](lang) if text in VOCABULARY else text


def e(value: object) -> str:
    """HTML-escaped text."""
    return escaping.html(value)


def link(value: object) -> str:
    url = safe_url(value)
    return f'<a href="{e(url)}">{e(url)}</a>' if url else e(value)


def phone_digits(value: object) -> str | None:
    """`+62274512345` from `0274-512345` or `+62 812-2750-4411`; None when it is no Indonesian phone number."""
    if not isinstance(value, str) or not is_phone(value):
        return None
    digits = re.sub(r"[^\d+]", "", value)
    return "+62" + digits[1:] if digits.startswith("0") else digits if digits.startswith("+") else "+" + digits


def contact_link(kind: str, value: object) -> str:
    """A contact a phone can act on: `tel:`, `https://wa.me/` or `mailto:` when the value has that exact shape."""
    text = e(value)
    phone = phone_digits(value)
    if kind in ("phone", "sms", "fax") and phone:
        scheme = "sms" if kind == "sms" else "tel"
        return f'<a href="{scheme}:{phone}">{text}</a>'
    if kind == "whatsapp" and phone:
        return f'<a href="https://wa.me/{phone.lstrip("+")}">{text}</a>'
    if kind == "email" and isinstance(value, str) and is_email(value):
        return f'<a href="mailto:{e(value.strip())}">{text}</a>'
    return link(value)


def items(entries: Iterable[str], tag: str = "ul", css: str = "") -> str:
    """A list of already escaped fragments."""
    attribute = f' class="{css}"' if css else ""
    return f"<{tag}{attribute}>" + "".join(f"<li>{entry}</li>" for entry in entries) + f"</{tag}>"


def note(item: Mapping[str, Any], tag: str = "p") -> str:
    return f'<{tag} class="note">{e(item["note"])}</{tag}>' if item.get("note") else ""


def not_stated(lang: str) -> str:
    return f'<p class="note missing">{e(LABELS("not_stated", lang))}</p>'


def delivery(data: Mapping[str, Any]) -> Mapping[str, Any]:
    """The delivery part, empty when absent (format 1.1 lets each component be missing)."""
    part = data.get("delivery")
    return part if isinstance(part, Mapping) else {}


# --- the six components -------------------------------------------------------------------------------------------


def _requirement(item: Mapping[str, Any], lang: str) -> str:
    details = [vocab(item["form"], lang)] if "form" in item else []
    if item.get("copies", 1) > 1:
        details.append(LABELS("copies", lang, count=item["copies"]))
    if item.get("mandatory", True) is False:
        details.append(LABELS("optional", lang))
    if item.get("collateral") is True:
        details.append(LABELS("collateral", lang))
    text = f"<strong>{e(item.get('name', ''))}</strong>" + (f" ({e(', '.join(details))})" if details else "")
    alternatives = [alt for alt in item.get("alternatives", []) if isinstance(alt, str)]
    if alternatives:
        text += f" {e(LABELS('one_of', lang))}" + items((e(alt) for alt in alternatives), css="alternatives")
    return text + (f'<br><span class="note">{e(item["note"])}</span>' if item.get("note") else "")


def requirements_html(entries: Sequence[Mapping[str, Any]] | None, lang: str) -> str:
    """Grouped by case: the general ones first, then one list per `when`, in document order."""
    if entries is None:
        return not_stated(lang)
    if not entries:
        return f"<p>{e(LABELS('no_requirements', lang))}</p>"
    cases: dict[str, list[Mapping[str, Any]]] = {}
    for item in entries:
        cases.setdefault(str(item.get("when", "")), []).append(item)
    parts = []
    for when, group in sorted(cases.items(), key=lambda pair: pair[0] != ""):
        heading = LABELS("case", lang, when=when) if when else LABELS("all_cases", lang)
        parts.append(f"<h3>{e(heading)}</h3>" + items(_requirement(item, lang) for item in group))
    return "".join(parts)


def step_html(step: object, lang: str) -> str:
    """One step: who (when named) does what, where, and how long it takes; a branch lists its own steps.

    Format 1.1 steps may be plain text (complaint handling), have no actor (passive steps), be done at
    another agency, or branch (`when` with `then`, nested as deep as the document goes)."""
    if not isinstance(step, Mapping):
        return e(step)
    text = f'<span class="actor">{e(step["actor"])}</span> ' if step.get("actor") else ""
    branch = step.get("then") if isinstance(step.get("then"), list) else None
    if branch is not None and step.get("when"):
        text += f'<strong class="when">{e(LABELS("case", lang, when=step["when"]))}</strong> '
    text += e(step.get("action", ""))
    extras = [LABELS("at_agency", lang, agency=step["agency"])] if step.get("agency") else []
    extras += [vocab(step["channel"], lang)] if "channel" in step else []
    extras += [LABELS("case", lang, when=step["when"])] if step.get("when") and branch is None else []
    duration = step.get("duration")
    timing = f'<span class="dur">{e(duration_words(duration, lang))}</span>' if isinstance(duration, Mapping) else ""
    text += (f' <span class="note">({e("; ".join(extras))})</span>' if extras else "") + timing
    text += f'<br><span class="note">{e(step["note"])}</span>' if step.get("note") else ""
    if branch:
        text += items((step_html(inner, lang) for inner in branch), "ol", "branch")
    return text


def steps_html(steps: Sequence[object], lang: str) -> str:
    return items((step_html(step, lang) for step in steps), "ol", "steps")


def procedure_html(procedure: Mapping[str, Any] | None, lang: str) -> str:
    if not isinstance(procedure, Mapping):
        return not_stated(lang)
    body = steps_html(procedure.get("steps", []), lang) if procedure.get("steps") else not_stated(lang)
    if procedure.get("channels"):
        ways = ", ".join(vocab(c, lang) for c in procedure["channels"])
        body += f"<p><strong>{e(LABELS('channels', lang))}:</strong> {e(ways)}</p>"
    if procedure.get("in_person_reason"):
        body += f"<p>{e(LABELS('in_person_reason', lang, reason=procedure['in_person_reason']))}</p>"
    url = safe_url(procedure.get("online_url"))
    if url:
        body += f'<p>{e(LABELS("apply_online", lang))}: <a href="{e(url)}">{e(url)}</a></p>'
    flowchart = safe_url(procedure.get("flowchart"))
    if flowchart:
        body += f'<p class="screen-only">{e(LABELS("flowchart", lang))}: {link(flowchart)}</p>'
    return body


def _letters(text: str) -> str:
    return re.sub(r"\W+", "", text).casefold()


def duration_note(duration: Mapping[str, Any], shown: str, tag: str = "p") -> str:
    """The duration's note (often the source's words), unless it only repeats what is already shown."""
    if not duration.get("note") or _letters(str(duration["note"])) == _letters(shown):
        return ""
    return note(duration, tag)


def time_html(completion_time: Any, lang: str) -> str:
    if completion_time is None:
        return not_stated(lang)
    durations = [d for d in completion_durations(completion_time) if isinstance(d, Mapping)]
    if len(durations) == 1 and "when" not in durations[0]:
        words = duration_words(durations[0], lang)
        return f'<p class="big">{e(words)}</p>' + duration_note(durations[0], words)

    def row(duration: Mapping[str, Any]) -> str:
        when, words = str(duration.get("when", "")), duration_words(duration, lang)
        return f"<strong>{e(when)}</strong>: {e(words)}" + duration_note(duration, f"{when} {words}")

    return items(row(d) for d in durations)


def fee_html(fee: Mapping[str, Any], lang: str) -> str:
    lines = [f'<strong>{e(fee.get("name", ""))}</strong>: <span class="big">{e(fee_words(fee, lang))}</span>']
    notes = [LABELS("case", lang, when=fee["when"])] if "when" in fee else []
    notes += [LABELS("basis", lang, basis=fee["basis"])] if "basis" in fee else []
    notes += [LABELS("payment", lang, payment=fee["payment"])] if "payment" in fee else []
    return "<br>".join(lines + [f'<span class="note small">{e(text)}</span>' for text in notes])


def _scheme(coverage: Mapping[str, Any]) -> str:
    return f"<strong>{e(coverage['scheme'])}</strong>" if coverage.get("scheme") else ""


def fees_html(part: Mapping[str, Any], lang: str) -> str:
    """The fees, one basis for the whole table (1.1 `fee_basis`), and coverage, which is no fee (1.1)."""
    fees, coverage = part.get("fees"), part.get("coverage")
    if fees is None and not coverage:
        return not_stated(lang)
    body = items(fee_html(fee, lang) for fee in fees) if fees else ""
    if part.get("fee_basis"):
        body += f'<p class="note">{e(LABELS("fee_basis", lang, basis=part["fee_basis"]))}</p>'
    if coverage:
        rows = (": ".join(part for part in (_scheme(c), e(c.get("text", ""))) if part) for c in coverage)
        body += f"<h3>{e(LABELS('coverage', lang))}</h3>" + items(rows)
    return body


def product_html(product: Mapping[str, Any]) -> str:
    text = f"<strong>{e(product.get('name', ''))}</strong>"
    return text + (f": {e(product['description'])}" if "description" in product else "")


def products_html(products: Sequence[Mapping[str, Any]] | None, lang: str) -> str:
    return items(product_html(p) for p in products) if products else not_stated(lang)


def _complaint_time(item: Mapping[str, Any], lang: str) -> str:
    kind = LABELS(item["kind"], lang) if item.get("kind") in ("acknowledge", "coordinate", "respond", "settle") else ""
    duration = item.get("duration", {})
    head = ": ".join(part for part in (str(item.get("when", "")), kind) if part)
    words = duration_words(duration, lang) if isinstance(duration, Mapping) else ""
    text = f"<strong>{e(head)}</strong>: {e(words)}" if head else e(words)
    return text + (duration_note(duration, f"{head} {words}", "span") if isinstance(duration, Mapping) else "")


def complaints_html(complaints: Mapping[str, Any] | None, lang: str) -> str:
    """Channels (each with its schedule and own steps), who handles them, the handling flow and its times."""
    if not isinstance(complaints, Mapping):
        return not_stated(lang)

    def channel(item: Mapping[str, Any]) -> str:
        person = f" ({e(item['person'])})" if "person" in item else ""
        kind = VOCABULARY_IN_PERSON(lang) if item.get("type") == "in_person" else vocab(item.get("type", ""), lang)
        text = f"<strong>{e(kind)}</strong>: {contact_link(str(item.get('type')), item.get('contact', ''))}{person}"
        if item.get("schedule"):
            text += f'<br><span class="note">{e(LABELS("schedule", lang, schedule=item["schedule"]))}</span>'
        return text + (steps_html(item["steps"], lang) if item.get("steps") else "")

    body = items(channel(item) for item in complaints["channels"]) if complaints.get("channels") else ""
    if "handler" in complaints:
        body += f"<p>{e(LABELS('handler', lang, handler=complaints['handler']))}</p>"
    if isinstance(complaints.get("response_time"), Mapping):
        body += f"<p>{e(LABELS('response', lang, time=duration_words(complaints['response_time'], lang)))}</p>"
    if complaints.get("times"):
        body += f"<h3>{e(LABELS('complaint_times', lang))}</h3>"
        body += items(_complaint_time(item, lang) for item in complaints["times"])
    if complaints.get("procedure"):
        body += f"<h3>{e(LABELS('complaint_procedure', lang))}</h3>" + steps_html(complaints["procedure"], lang)
    return body or not_stated(lang)


def hours_html(hours: Sequence[Mapping[str, Any]], lang: str) -> str:
    def row(item: Mapping[str, Any]) -> str:
        days = ", ".join(DAYS[d](lang) if d in DAYS else str(d) for d in item.get("days", []))
        text = e(LABELS("closed", lang, days=days, open=item.get("open", ""), close=item.get("close", "")))
        return text + (f'<br><span class="note">{e(item["note"])}</span>' if item.get("note") else "")

    return items(row(item) for item in hours)


def special_html(services: Sequence[Mapping[str, Any]], lang: str) -> str:
    return items(f"<strong>{e(vocab(s.get('group'), lang))}</strong>: {e(s.get('provision', ''))}" for s in services)


def pledge_html(pledge: Mapping[str, Any], lang: str) -> str:
    signed = [
        str(pledge[k]) if k == "signed_by" else date_words(pledge[k], lang)
        for k in ("signed_by", "date")
        if k in pledge
    ]
    footer = f"<footer>{e(', '.join(signed))}</footer>" if signed else ""
    return f"<blockquote><p>{e(pledge.get('text', ''))}</p>{footer}</blockquote>"


def pledge_places_html(pledge: Mapping[str, Any], lang: str) -> str:
    """Where the maklumat is published and displayed (format 1.1)."""
    lines = []
    if pledge.get("published"):
        lines.append(LABELS("published_in", lang, places=", ".join(str(p) for p in pledge["published"])))
    if pledge.get("displayed"):
        lines.append(LABELS("displayed", lang, place=pledge["displayed"]))
    return "".join(f'<p class="note">{e(line)}</p>' for line in lines)


def survey_html(surveys: Sequence[Mapping[str, Any]], lang: str) -> str:
    """Each SKM held (PermenPANRB 14/2017): its period, index and grade, where it was published, the follow-up."""

    def row(survey: Mapping[str, Any]) -> str:
        results = [LABELS("survey_index", lang, index=number_words(survey["index"], lang))] if "index" in survey else []
        results += [LABELS("survey_grade", lang, grade=survey["grade"])] if "grade" in survey else []
        text = f"<strong>{e(survey.get('period', ''))}</strong>" + (f": {e(', '.join(results))}" if results else "")
        if survey.get("published"):
            places = ", ".join(str(p) for p in survey["published"])
            text += f'<br><span class="note">{e(LABELS("published_in", lang, places=places))}</span>'
        if survey.get("follow_up"):
            text += f'<br><span class="note">{e(LABELS("follow_up", lang, text=survey["follow_up"]))}</span>'
        return text

    return items(row(survey) for survey in surveys)


def audience_html(audience: Mapping[str, Any], lang: str) -> str:
    low, high = audience.get("min_age"), audience.get("max_age")
    lines = []
    if low is not None and high is not None:
        lines.append(LABELS("age_range", lang, min=low, max=high))
    elif low is not None:
        lines.append(LABELS("age_min", lang, min=low))
    elif high is not None:
        lines.append(LABELS("age_max", lang, max=high))
    lines += [str(audience["note"])] if audience.get("note") else []
    return "".join(f"<p>{e(line)}</p>" for line in lines)


def information_system_html(system: Mapping[str, Any], lang: str) -> str:
    parts = [e(system["name"])] if system.get("name") else []
    parts += [link(system["url"])] if system.get("url") else []
    text = f"{e(LABELS('information_system', lang))}: " + " — ".join(parts) if parts else ""
    return text + (f'<br><span class="note">{e(system["note"])}</span>' if system.get("note") else "")


def mission_html(data: Mapping[str, Any], lang: str) -> str:
    """Vision, mission and motto as the standard prints them above its table (format 1.1)."""
    parts = []
    for key in ("vision", "mission", "motto"):
        value = data.get(key)
        if not value:
            continue
        body = items(e(v) for v in value) if isinstance(value, list) else f"<p>{e(value)}</p>"
        parts.append(f"<h3>{e(LABELS(key, lang))}</h3>{body}")
    return "".join(parts)


def delivery_rows(data: Mapping[str, Any], lang: str) -> list[tuple[str, str]]:
    """The six published components in the order of PermenPANRB 15/2014, each as (label key, HTML)."""
    part = delivery(data)
    return [
        ("requirements", requirements_html(part.get("requirements"), lang)),
        ("procedure", procedure_html(part.get("procedure"), lang)),
        ("time", time_html(part.get("completion_time"), lang)),
        ("fees", fees_html(part, lang)),
        ("products", products_html(part.get("products"), lang)),
        ("complaints", complaints_html(part.get("complaints"), lang)),
    ]
