"""Each component's value, from the lines written under it to format 1.1: parsed where clear, else kept as text."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from svcstd.importing.cells import (
    clean,
    is_marked,
    long_date,
    money_left_over,
    parse_count,
    parse_duration,
    parse_frequency,
    parse_legal_basis,
    parse_money,
    split_duration_case,
    split_items,
)
from svcstd.importing.layout import Entry
from svcstd.importing.source import Location
from svcstd.publication.lampiran_docx import COMPLAINT_NOTES, FLAGS, PLEDGE_LINES, VOCABULARY


@dataclass
class Built:
    """A component's value, where each part came from (pointer relative to the component), and what stayed text."""

    value: Any
    sources: dict[str, Location] = field(default_factory=dict)
    as_text: list[str] = field(default_factory=list)
    notes: list[tuple[str, Location]] = field(default_factory=list)


_NOTE_GROUP = re.compile(r"^catatan\s*:?\s*(?:\n|$)", re.IGNORECASE)


def items(entry: Entry) -> tuple[list[tuple[str, Location]], list[tuple[str, Location]]]:
    """The list items under a component, and the notes written after them ("Catatan :", a closing sentence).

    A paragraph (or a cell's block after a blank line) that is not written as a list, beside others that are,
    is a note about the list, not an item of it.
    """
    groups = [
        (group, line.loc)
        for line in entry.lines
        for group in re.split(r"\n\s*\n|\n(?=catatan\s*:)", line.text, flags=re.IGNORECASE)
        if group.strip()
    ]
    has_list = any(is_marked(group) for group, _ in groups)
    found: list[tuple[str, Location]] = []
    notes: list[tuple[str, Location]] = []
    in_notes = False
    for text, loc in groups:
        note_head = _NOTE_GROUP.match(text.strip())
        if note_head:
            in_notes = True
        group = text.strip()[note_head.end() :] if note_head else text
        if not group.strip():
            continue
        is_note = in_notes or (has_list and len(groups) > 1 and not is_marked(group))
        (notes if is_note else found).extend((part, loc) for part in split_items(group))
    return found, notes


def _list(entry: Entry, make: Callable[[str], Any]) -> Built:
    found, notes = items(entry)
    built = Built([make(text) for text, _ in found], notes=notes)
    built.sources = {f"/{index}": loc for index, (_, loc) in enumerate(found)}
    return built


_COPY = re.compile(r"\b(foto\s*-?\s*copy|fotokopi|fotocopy|photo\s*copy|salinan)\b", re.IGNORECASE)
_CERTIFIED = re.compile(r"\b(legalisir|dilegalisir|dilegalisasi|legalisasi)\b", re.IGNORECASE)
_ORIGINAL = re.compile(r"\basli\b", re.IGNORECASE)


_ONE_OF = re.compile(r"\(?\s*\b(?:pilih\s+)?salah\s+satu(?:nya|\s+dari)?\b\s*\)?\s*:?", re.IGNORECASE)


def alternatives(text: str) -> list[str] | None:
    """ "KTP/KK/SIM, pilih salah satu" -> [KTP, KK, SIM]: only when the words say one of them will do.

    A slash alone is no choice ("Kartu identitas/KTP" names one card twice), so the marker is required.
    """
    if not _ONE_OF.search(text):
        return None
    rest = _COPY.sub("", _ONE_OF.sub(" ", text), count=1)
    label, colon, listed = rest.partition(":")
    if colon and "/" not in label and "," not in label:  # "Identitas: KTP / SIM": the group's name first
        rest = listed
    parts = [clean(part).strip(" ,;:-") for part in re.split(r"\s*/\s*|,\s*|\s+atau\s+", rest)]
    parts = [part for part in parts if len(part) >= 2]
    return parts if len(parts) >= 2 else None


_TEXT_FIELDS: dict[str, tuple[str, Callable[[str], Any]]] = {
    "jika": ("when", str),
    "catatan": ("note", str),
    "keterangan": ("description", str),
}
_FREE = (
    "when", "note", "description", "formula", "payment", "basis", "reference", "method", "agency", "in_person_reason",
)  # fmt: skip
"""Free-text fields: a "; " inside one continues it (the other fields' values are codes, numbers, durations)."""
Fields = dict[str, tuple[str, Callable[[str], Any]]]

_FORMS = {
    "asli": "original",
    "fotokopi": "copy",
    "fotokopi dilegalisir": "certified_copy",
    "berkas digital": "digital",
    "surat pernyataan": "self_declaration",
    "lainnya": "other",
}
_REQUIREMENT_FIELDS: dict[str, tuple[str, Callable[[str], Any]]] = {
    "bentuk": ("form", lambda text: _FORMS.get(text.lower())),
    "rangkap": ("copies", lambda text: int(text) if text.isdigit() else None),
    **_TEXT_FIELDS,
}
_REQUIREMENT_FLAGS = {
    "wajib": ("mandatory", True),
    "tidak wajib": ("mandatory", False),
    "sebagai jaminan": ("collateral", True),
    "bukan jaminan": ("collateral", False),
}


def named_fields(
    text: str, fields: Fields, flags: dict[str, tuple[str, bool]] | None = None
) -> tuple[str, dict[str, Any]]:
    """ "KTP — bentuk: asli; tidak wajib; catatan: Bagi …": the main value and the fields named after the dash.

    The Lampiran writes what a line has beside its main value after " — ", each part named; the tail is read
    only when every part is such a part or continues a free-text one before it (a note may hold a semicolon).
    Anything else stays in the value, as written.
    """
    separators = [match.start() for match in re.finditer("; ", text)]
    for match in re.finditer(r"\s+—\s+", text):
        found = _named_parts(text, match.end(), separators, fields, flags or {})
        if found is not None:
            return text[: match.start()].strip(), found
    return text, {}


def requirement_fields(text: str) -> tuple[str, dict[str, Any]]:
    return named_fields(text, _REQUIREMENT_FIELDS, _REQUIREMENT_FLAGS)


def all_named(text: str, fields: Fields) -> dict[str, Any] | None:
    """ "saluran: langsung, daring; alamat daring: https://…": a line that is nothing but named fields."""
    return _named_parts(text, 0, [match.start() for match in re.finditer("; ", text)], fields, {})


_HEAD = 48
"""Longer than any label or flag: a part is recognised from its first characters."""
_LONGEST_VALUE = 300
"""A code, number or duration is never longer; only a free-text field's value may be."""


def _named_parts(
    text: str, start: int, separators: list[int], fields: Fields, flags: dict[str, tuple[str, bool]]
) -> dict[str, Any] | None:
    """The parts of `text` from `start` to its end, split at "; ", each a named field, a flag or a continuation.

    Linear over all the dashes of a line: a part is judged from its head, a value is read only when short
    enough to be one (or free text), and "; " is found once per line, not once per dash.
    """
    found: dict[str, Any] = {}
    last: str | None = None
    index = bisect_left(separators, start)
    while True:
        end = separators[index] if index < len(separators) else len(text)
        head = text[start : min(end, start + _HEAD)]
        label, colon, _ = head.partition(": ")
        named = fields.get(label.strip().lower()) if colon else None
        flag = flags.get(head.strip().lower()) if end - start <= _HEAD else None
        read = None
        if named is not None and (named[0] in _FREE or end - start <= _LONGEST_VALUE):
            read = named[1](text[start + len(label) + 2 : end].strip())
        if named is not None and read is not None:
            last = named[0]
            found[last] = read
        elif flag is not None:
            found[flag[0]], last = flag[1], None
        elif last in _FREE:
            found[last] += "; " + text[start:end]
        else:
            return None
        if end >= len(text):
            return found or None
        start, index = end + 2, index + 1


def _code(*codes: str) -> Callable[[str], str | None]:
    """A code among `codes` from the words the Lampiran prints for it (or the code itself); None otherwise."""
    words = {VOCABULARY.get(code, code).lower(): code for code in codes} | {code: code for code in codes}
    return lambda text: words.get(clean(text).lower())


def _plain_duration(text: str) -> dict[str, Any] | None:
    """A duration that is the whole text ("2 (dua) hari kerja"), never one read out of a sentence."""
    found = parse_duration(text)
    return found if found is not None and "note" not in found else None


def _codes(code: Callable[[str], str | None]) -> Callable[[str], list[str] | None]:
    def read(text: str) -> list[str] | None:
        found = [code(part) for part in text.split(", ")]
        return None if None in found else [item for item in found if item is not None]

    return read


_CHANNEL = _code("in_person", "online", "mobile", "mail", "outreach")
_FREQUENCY = _code("daily", "weekly", "monthly", "quarterly", "semiannual", "annual", "ad_hoc")


def _flags(key: str) -> dict[str, tuple[str, bool]]:
    yes, no = FLAGS[key]
    return {yes: (key, True), no: (key, False)}


def requirement(text: str) -> dict[str, Any]:
    """The form only when the words say it: "Foto copy KK" is a copy, "KTP asli" an original."""
    text, fields = requirement_fields(text)
    item: dict[str, Any] = {"name": text}
    choices = alternatives(text)
    if choices:
        item["alternatives"] = choices
    if _COPY.search(text):
        item["form"] = "certified_copy" if _CERTIFIED.search(text) else "copy"
    elif _ORIGINAL.search(text):
        item["form"] = "original"
    if re.search(r"\bsebagai\s+jaminan\b", text, re.IGNORECASE):
        item["collateral"] = True
    item.update(fields)  # what the document names outright wins over what the words suggest
    return item


def requirements(entry: Entry) -> Built:
    return _list(entry, requirement)


_STEP_FIELDS: Fields = {
    "pelaksana": ("actor", clean),
    "waktu": ("duration", _plain_duration),
    "saluran": ("channel", _CHANNEL),
    "jika": ("when", str),
    "instansi": ("agency", str),
    "catatan": ("note", str),
}
_PROCEDURE_FIELDS: Fields = {
    "saluran": ("channels", _codes(_CHANNEL)),
    "alamat daring": ("online_url", clean),
    "bagan alir": ("flowchart", clean),
    "alasan tatap muka": ("in_person_reason", str),
}


def step(text: str) -> dict[str, Any]:
    """ "Memeriksa berkas — pelaksana: Petugas loket; waktu: 10 (sepuluh) menit": the step and its named fields."""
    action, fields = named_fields(text, _STEP_FIELDS)
    return {"action": action, **fields}


def procedure(entry: Entry) -> Built:
    if entry.steps:
        return _step_table(entry)
    built = _list(entry, step)
    built.value = {"steps": built.value}
    built.sources = {f"/steps{pointer}": loc for pointer, loc in built.sources.items()}
    _fields_from_notes(built, _PROCEDURE_FIELDS)
    return built


def _fields_from_notes(built: Built, fields: Fields) -> None:
    """A note that is nothing but named fields of the component ("saluran: langsung, daring") sets them."""
    kept = []
    for text, loc in built.notes:
        found = all_named(text, fields)
        if found is None or set(found) & set(built.value):
            kept.append((text, loc))
        else:
            built.value.update(found)
    built.notes = kept


def _step_table(entry: Entry) -> Built:
    built = Built({"steps": []})
    for index, row in enumerate(entry.steps):
        step: dict[str, Any] = {"action": clean(row["action"].text)}
        if row.get("actor") and row["actor"].text:
            step["actor"] = clean(row["actor"].text)
        if row.get("time") and row["time"].text:
            duration = parse_duration(row["time"].text)
            step["duration"] = duration if duration else {"text": clean(row["time"].text)}
            if not duration:
                built.as_text.append(f"/steps/{index}/duration")
        if row.get("note") and row["note"].text:
            step["x-note"] = clean(row["note"].text)
        built.value["steps"].append(step)
        built.sources[f"/steps/{index}"] = row["action"].loc
    return built


_NOTE_ONLY = {"catatan": _TEXT_FIELDS["catatan"]}


def completion_time(entry: Entry) -> Built:
    found, notes = items(entry)
    values: list[dict[str, Any]] = []
    built = Built(values, notes=notes)
    for index, (written, loc) in enumerate(found):
        text, named = named_fields(written, _NOTE_ONLY)
        duration = parse_duration(text) if len(found) == 1 else None
        case = None if duration or len(found) == 1 else split_duration_case(text) or _case_then_duration(text)
        if case:
            duration = {**case[0], "when": case[1]}
        elif len(found) > 1:
            duration = parse_duration(text)
        if duration is None:
            duration, named = {"text": written}, {}
            built.as_text.append(f"/{index}" if len(found) > 1 else "")
        values.append({**duration, **named})
        built.sources[f"/{index}" if len(found) > 1 else ""] = loc
    if len(values) > 1 and not all("when" in value for value in values):
        return _one_text_duration(found, notes)  # a list of times needs a case on each (FORMAT.md)
    built.value = values[0] if len(values) == 1 else values
    return built


def _case_then_duration(text: str) -> tuple[dict[str, Any], str] | None:
    """ "Berkas lengkap: 1 (satu) hari kerja": the case, then after the last colon a time that is all of the rest."""
    case, colon, written = text.rpartition(": ")
    duration = _plain_duration(written) if colon and case.strip() else None
    return (duration, clean(case)) if duration else None


def _one_text_duration(found: list[tuple[str, Location]], notes: list[tuple[str, Location]]) -> Built:
    """Several lines that are not one case each ("Respon … > 5 menit." / "Lama tindakan …"): one text, as written."""
    return Built({"text": "\n".join(text for text, _ in found)}, {"": found[0][1]}, [""], notes)


def fees(entry: Entry) -> Built:
    built = _list(entry, _fee)
    built.as_text = [f"/{index}" for index, fee in enumerate(built.value) if len(fee) == 1]
    return built


_FEE_FIELDS: Fields = {
    "rumus": ("formula", str),
    "pembayaran": ("payment", str),
    "dasar": ("reference", str),
    "dasar tarif": ("basis", str),
    "mata uang": ("currency", lambda text: text if re.fullmatch(r"[A-Z]{3}", text) else None),
    **_TEXT_FIELDS,
}


def _fee(written: str) -> dict[str, Any]:
    text, named = named_fields(written, _FEE_FIELDS)
    return {**_fee_line(text), **named}


_WHOLE_MONEY = re.compile(r"(?:Rp\.?\s*(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,(?:\d{2}|-+))?|Gratis)", re.IGNORECASE)


def _fee_line(text: str) -> dict[str, Any]:
    name, colon, money = text.rpartition(": ")
    if colon and name.strip() and _WHOLE_MONEY.fullmatch(money.strip()):  # "… (a long name): Rp 75.000"
        return {"name": clean(name), **(parse_money(money) or {})}
    labelled = re.match(r"^([^:]{1,40}?)\s*:\s*(.+)$", text)
    name, rest = (labelled.group(1), labelled.group(2)) if labelled else (text, text)
    fee = {"name": clean(name), **(parse_money(rest) or {})}
    paid = _PAID.fullmatch(money_left_over(rest)) if labelled and "amount" in fee else None
    if paid:
        fee["payment"] = clean(paid.group(1)).rstrip(". ")
    elif labelled and "amount" in fee and re.search(r"[^\W\d_]{2}", money_left_over(rest)):
        fee["x-text"] = clean(rest)  # "Rp 25.000 (jika: permohonan daring)": the words beside the amount kept
    return fee


_PAID = re.compile(r"[\s,;-]*(?:dibayar(?:kan)?|disetor(?:kan)?)\s+(?:melalui|ke)\s+(\S[^;]*)", re.IGNORECASE)
"""After the amount, all the rest: "Rp 50.000,- dibayar melalui Bank Jateng" says where it is paid."""


_FEE_BASIS = re.compile(r"^dasar\s+tarif\s*:\s*(\S.*)$", re.IGNORECASE | re.DOTALL)


def fee_basis(built: Built) -> tuple[str, Location] | None:
    """ "Dasar tarif: Peraturan Daerah … Nomor 3 Tahun 2020 …" said of the whole fee list: its basis (one only)."""
    found = [(index, _FEE_BASIS.match(text)) for index, (text, _) in enumerate(built.notes)]
    named = [(index, match) for index, match in found if match is not None]
    if len(named) != 1:
        return None
    index, match = named[0]
    loc = built.notes.pop(index)[1]
    return clean(match.group(1)), loc


_SCHEME = re.compile(
    r"\b(BPJS(?:\s+Kesehatan|\s+Ketenagakerjaan)?|JKN(?:-KIS)?|KIS|Jamkesda|Jamkesmas|Jampersal|Jamkesta|Askes)\b",
    re.IGNORECASE,
)


def split_coverage(built: Built) -> tuple[Built, Built]:
    """Fees that are insurance paying for the citizen ("JKN: Permenkes …", "Pasien BPJS sesuai dengan haknya").

    Only an item with no amount whose label, or whole text, names a scheme: coverage is not a fee (FORMAT.md).
    """
    fees, coverage = Built([], notes=built.notes), Built([])
    for index, fee in enumerate(built.value):
        covered = _coverage(fee) if "amount" not in fee and "formula" not in fee else None
        target, item = (fees, fee) if covered is None else (coverage, covered)
        position = f"/{len(target.value)}"
        if f"/{index}" in built.sources:
            target.sources[position] = built.sources[f"/{index}"]
        if f"/{index}" in built.as_text and target is fees:
            target.as_text.append(position)
        target.value.append(item)
    return fees, coverage


def _coverage(fee: dict[str, Any]) -> dict[str, Any] | None:
    name, reference = str(fee.get("name", "")), fee.get("reference")
    label = _SCHEME.fullmatch(name.strip())
    if label and reference:  # "JKN: Permenkes Nomor 59 Tahun 2014"
        return {"scheme": label.group(1), "text": reference}
    named = _SCHEME.search(name)
    if named and reference is None and re.search(r"\bsesuai\b|\bditanggung\b|\bhak(?:nya)?\b", name, re.IGNORECASE):
        return {"scheme": named.group(1), "text": name}  # "Pasien BPJS sesuai dengan haknya"
    return None


_PRODUCT_FIELDS = {key: _TEXT_FIELDS[key] for key in ("keterangan", "catatan")}


def products(entry: Entry) -> Built:
    def make(text: str) -> dict[str, Any]:
        name, fields = named_fields(text, _PRODUCT_FIELDS)
        return {"name": name, **fields}

    return _list(entry, make)


_LOCAL_RUN = re.compile(r"[\w.+-]+")
_DOMAIN = re.compile(r"[\w-]+(?:\.[\w-]+)+")
_SCHEME_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_HOST_CHUNK = re.compile(r"[\w-]+(?:\.[\w-]+)*")
_TLD = re.compile(r"\.(?:go\.id|id|com|org|net)\b", re.IGNORECASE)
_WORD_START = re.compile(r"\b[\w-]")
_TO_SPACE = re.compile(r"\S*")


def find_email(text: str) -> str | None:
    """The first e-mail address, as `[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+` would find it, in linear time.

    That pattern, searched, re-scans a long run like "a.a.a.…" without "@" from every position (quadratic).
    Here each maximal run of local-part characters is scanned once, and only a run followed by "@" is tried.
    """
    for run in _LOCAL_RUN.finditer(text):
        if text.startswith("@", run.end()):
            domain = _DOMAIN.match(text, run.end() + 1)
            if domain:
                return text[run.start() : domain.end()]
    return None


def find_url(text: str) -> str | None:
    """The first web address, as `(?:https?://|www\\.)\\S+|\\b[\\w-]+(?:\\.[\\w-]+)*\\.(?:go\\.id|…)\\b\\S*` would
    find it, in linear time: a host is looked for once per maximal dotted chunk, not from every position."""
    scheme = _SCHEME_URL.search(text)
    limit = scheme.start() if scheme else len(text)
    for chunk in _HOST_CHUNK.finditer(text):
        start = _WORD_START.search(text, chunk.start(), chunk.end())
        if chunk.start() >= limit or (start is not None and start.start() >= limit):
            break  # the address with a scheme starts first
        if start is not None and _TLD.search(text, start.start() + 1, chunk.end()):
            return _TO_SPACE.match(text, start.start()).group(0)  # type: ignore[union-attr]
    return scheme.group(0) if scheme else None


_PHONE = re.compile(r"(\+?\(?\d[\d\s().-]{5,}\d)")
_PHONE_KIND = (
    (r"\b(wa|whatsapp|whats\s*app)\b", "whatsapp"),
    (r"\bsms\b", "sms"),
    (r"\bfax|faks", "fax"),
)


_TYPED = _code("lapor", "suggestion_box", "in_person", "social_media", "other")


def complaint_channel(text: str) -> dict[str, Any] | None:
    """A channel when the words name one: an e-mail address, a phone number, a suggestion box, LAPOR!, a site.

    "SP4N-LAPOR!: https://…", "Kotak saran: di ruang tunggu", "Langsung: Meja pengaduan" name the kind
    before the colon: the contact is what follows it.
    """
    kind, colon, contact = text.partition(": ")
    typed = _TYPED(kind) if colon and contact.strip() else None
    if typed:
        return {"type": typed, "contact": clean(contact)}
    lowered = text.lower()
    if "lapor" in lowered and not _PHONE.search(text):
        return {"type": "lapor", "contact": clean(text)}
    email = find_email(text)
    if email:
        return {"type": "email", "contact": email}
    if "kotak saran" in lowered or "kotak pengaduan" in lowered:
        return {"type": "suggestion_box", "contact": clean(text)}
    phone = _PHONE.search(text)
    if phone:
        kind = next((name for pattern, name in _PHONE_KIND if re.search(pattern, lowered)), "phone")
        return {"type": kind, "contact": clean(phone.group(1))}
    url = find_url(text)
    if url:
        return {"type": "website", "contact": url}
    return None


def complaints(entries: list[Entry]) -> Built:
    """Every complaint row merged (documents often have both Pengelolaan and Penanganan pengaduan)."""
    built = Built({})
    channels: list[dict[str, Any]] = []
    texts: list[str] = []
    person: str | None = None
    for entry in entries:
        found, notes = items(entry)
        built.notes.extend(notes)
        for text, loc in found:
            channel = complaint_channel(text)
            if channel is None:
                person = text
                texts.append(text)
                built.sources[f"/x-text/{len(texts) - 1}"] = loc
                continue
            if (
                person is not None
                and channel["type"] in ("phone", "whatsapp", "sms")
                and re.match(r"^\W*(hp|telp|telepon|wa|whatsapp|sms)\b", text, re.I)
            ):
                channel["person"] = person
                texts.pop()
                built.sources.pop(f"/x-text/{len(texts)}", None)
            person = None
            built.sources[f"/channels/{len(channels)}"] = loc
            channels.append(channel)
    if channels:
        built.value["channels"] = channels
    _complaint_notes(built)
    if texts:
        built.value["x-text"] = texts
        built.as_text.extend(f"/x-text/{index}" for index in range(len(texts)))
    return built


_COMPLAINT_FIELDS: Fields = {
    COMPLAINT_NOTES["handler"].lower(): ("handler", clean),
    COMPLAINT_NOTES["response_time"].lower(): ("response_time", _plain_duration),
}


def _complaint_notes(built: Built) -> None:
    """After "Catatan:", "Pengelola: …", "Waktu tanggapan: …" and "Prosedur pengaduan:" over a list set those."""
    kept: list[tuple[str, Location]] = []
    in_procedure = False
    heading: tuple[str, Location] | None = None
    for text, loc in built.notes:
        found = all_named(text, _COMPLAINT_FIELDS)
        label, colon, rest = text.partition(": ")
        if found is not None and not set(found) & set(built.value):
            built.value.update(found)
            in_procedure = False
        elif colon and label.lower() == COMPLAINT_NOTES["procedure"].lower() and "procedure" not in built.value:
            item = step(rest.strip())  # one step, on the label's line
            built.value["procedure"], in_procedure = [item if len(item) > 1 else rest.strip()], False
        elif clean(text).lower() == COMPLAINT_NOTES["procedure"].lower() + ":" and "procedure" not in built.value:
            built.value["procedure"], in_procedure, heading = [], True, (text, loc)
        elif in_procedure:
            item = step(text)
            built.value["procedure"].append(item if len(item) > 1 else text)
        else:
            kept.append((text, loc))
    if built.value.get("procedure") == [] and heading is not None:  # a label over nothing stays a note
        del built.value["procedure"]
        kept.append(heading)
    built.notes = kept


def legal_basis(entry: Entry) -> Built:
    """One item per regulation; a wrapped line that names none continues the regulation before it."""
    built = _list(entry, lambda text: text)
    merged: list[str] = []
    sources: dict[str, Location] = {}
    for index, text in enumerate(built.value):
        if (
            merged
            and isinstance(parse_legal_basis(text), str)
            and not isinstance(parse_legal_basis(merged[-1]), str)
            and not _NAMES_REGULATION.match(text)
        ):
            merged[-1] = f"{merged[-1]} {text}"
            continue
        sources[f"/{len(merged)}"] = built.sources[f"/{index}"]
        merged.append(text)
    built.value, built.sources = [_regulation(text) for text in merged], sources
    built.as_text = [f"/{index}" for index, item in enumerate(built.value) if isinstance(item, str)]
    return built


_NAMES_REGULATION = re.compile(r"(?:Peraturan|Keputusan|Undang|Instruksi|Surat\s+Edaran|Qanun)\b.*\bNomor\b")
"""A line that starts a regulation of its own ("Peraturan Rektor … Nomor 7 …"), even of a kind not parsed."""
_PROMULGATED = re.compile(r"^(.+?)\s+\(((?:Lembaran|Berita|Tambahan)\s[^()]+)\)$")


def _regulation(text: str) -> dict[str, Any] | str:
    """A legal-basis line; "(Lembaran Negara … Nomor 112)" after the title is where it was promulgated."""
    promulgated = _PROMULGATED.match(clean(text).rstrip(";,"))
    if promulgated is None:
        return parse_legal_basis(text)
    parsed = parse_legal_basis(promulgated.group(1))
    return {**(parsed if isinstance(parsed, dict) else {"title": parsed}), "ref": promulgated.group(2)}


_FACILITY_FIELDS: Fields = {
    "jumlah": ("quantity", lambda text: int(text) if text.isdigit() else None),
    "kondisi": ("condition", _code("good", "damaged")),
    "catatan": ("note", str),
}


def facilities(entry: Entry) -> Built:
    def make(text: str) -> dict[str, Any]:
        name, fields = named_fields(text, _FACILITY_FIELDS, _flags("accessible"))
        return {"name": name, **fields}

    return _list(entry, make)


_ROLE: Fields = {"pelaksana": ("role", clean)}


def staff_competence(entry: Entry) -> Built:
    """One entry per role when every line names its role ("…; … — pelaksana: Petugas loket"), else one entry."""
    built = _list(entry, lambda text: text)
    by_role = [named_fields(text, _ROLE) for text in built.value]
    if by_role and all(fields for _, fields in by_role):
        built.value = [{**fields, "requirements": text.split("; ")} for text, fields in by_role]
        return built
    built.value = [{"requirements": built.value}] if built.value else []
    built.sources = {"/0": next(iter(built.sources.values()))} if built.sources else {}
    return built


_SUPERVISION_FIELDS: Fields = {"metode": ("method", str), "frekuensi": ("frequency", _FREQUENCY)}


def internal_supervision(entry: Entry) -> Built:
    def make(written: str) -> dict[str, Any]:
        supervisor, named = named_fields(written, _SUPERVISION_FIELDS)
        if named:
            return {"supervisor": supervisor, **named}
        return said(written)

    def said(text: str) -> dict[str, Any]:
        by = re.search(r"\boleh\s+(.+?)[.;]?$", text, re.IGNORECASE)
        item: dict[str, Any] = {"supervisor": clean(by.group(1)) if by else text}
        if by:
            item["method"] = text
        frequency = parse_frequency(text)
        if frequency:
            item["frequency"] = frequency
        return item

    return _list(entry, make)


def staff_count(entry: Entry) -> Built:
    found, notes = items(entry)
    roles = [(role, parse_count(count)) for role, _, count in (text.rpartition(": ") for text, _ in found)]
    if roles and not notes and all(role and count is not None for role, count in roles):  # "Petugas loket: 2 orang"
        return Built(
            [{"role": clean(role), "count": count} for role, count in roles],
            sources={f"/{index}": loc for index, (_, loc) in enumerate(found)},
        )
    text = _joined(entry)
    count = parse_count(text)
    built = Built([{"count": count}] if count is not None else [{"note": text}], sources={"/0": _first(entry)})
    if count is None:
        built.as_text.append("/0")
    return built


def text_value(entry: Entry) -> Built:
    found, _ = items(entry)
    return Built("; ".join(text for text, _ in found), sources={"": _first(entry)})


def performance_evaluation(entry: Entry) -> Built:
    text = text_value(entry).value
    method, named = named_fields(text, {"frekuensi": _SUPERVISION_FIELDS["frekuensi"]})
    if named:
        return Built({"method": method, **named}, sources={"": _first(entry)})
    value: dict[str, Any] = {"method": text}
    frequency = parse_frequency(text)
    if frequency:
        value["frequency"] = frequency
    return Built(value, sources={"": _first(entry)})


_PLEDGE_LINE = {label.lower(): key for key, label in PLEDGE_LINES.items()}


def pledge(entry: Entry) -> Built:
    """The maklumat's words; the labelled lines after them ("Tanggal: 3 November 2025", "Ditandatangani oleh: …")."""
    lines = list(entry.lines)
    fields: dict[str, Any] = {}
    while len(lines) > 1:
        label, colon, value = lines[-1].text.partition(":")
        key = _PLEDGE_LINE.get(clean(label).lower()) if colon and value.strip() else None
        read = _pledge_field(key, clean(value)) if key and key not in fields else None
        if read is None:
            break
        fields[key], lines = read, lines[:-1]  # type: ignore[index]
    text = clean(" ".join(line.text for line in lines))
    return Built({"text": text, **dict(reversed(fields.items()))}, sources={"": _first(entry)})


def _pledge_field(key: str, value: str) -> Any:
    if key == "date":
        return long_date(value)
    if key in ("published", "displayed") and "; " in value:
        return value.split("; ")
    return value


def _joined(entry: Entry) -> str:
    return clean(" ".join(line.text for line in entry.lines))


def _first(entry: Entry) -> Location:
    return entry.lines[0].loc if entry.lines else entry.loc


BUILDERS: dict[str, Callable[[Entry], Built]] = {
    "requirements": requirements,
    "procedure": procedure,
    "completion_time": completion_time,
    "fees": fees,
    "products": products,
    "legal_basis": legal_basis,
    "facilities": facilities,
    "staff_competence": staff_competence,
    "internal_supervision": internal_supervision,
    "staff_count": staff_count,
    "service_guarantee": text_value,
    "security_guarantee": text_value,
    "performance_evaluation": performance_evaluation,
    "pledge": pledge,
}


def unknown_row(entry: Entry) -> dict[str, Any]:
    return {"label": entry.label, "text": _joined(entry)} if entry.lines else {"label": entry.label}
