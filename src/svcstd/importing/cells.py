"""Pure parsers for what a cell holds: lists, durations, money, counts, legal-basis lines, frequencies.

Each returns None (or text) when the cell is ambiguous: the importer then keeps the text as written.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from svcstd.importing.numbers import words_to_int

_SPACES = re.compile(r"\s+")
_BULLET = re.compile(r"^\s*(?:[-–•·*▪●○]|\(?[a-z][.)])\s+", re.IGNORECASE)
_NUMBERED = re.compile(r"(?:^|(?<=\s))(\d{1,2})\s*[.)]\s+")
_LABEL_COLON = re.compile(r"^[\w][\w /().-]{0,30}?\s*:\s*\S")


def clean(text: str) -> str:
    """One line of text with its whitespace collapsed."""
    return _SPACES.sub(" ", text).strip()


def split_items(text: str) -> list[str]:
    """The items of a cell: "1. a 2. b" inline or one per line, "- a - b", bullets; else lines as written."""
    lines = [line for line in text.replace("\r", "").split("\n") if line.strip()]
    joined = clean(" ".join(lines))
    numbered = _sequential_numbers(joined)
    if len(numbered) >= 2 or (numbered and numbered[0][0] == 0):
        return _split_numbered(joined, numbered, text)
    if joined.startswith(("- ", "– ", "• ")) and (" - " in joined or " • " in joined or len(lines) == 1):
        return [clean(item) for item in re.split(r"(?:^|\s)[-–•]\s", joined) if item.strip()]
    if any(_BULLET.match(line) for line in lines):
        return _merge_continuations([_BULLET.sub("", line) if _BULLET.match(line) else "\0" + line for line in lines])
    if lines and _LABEL_COLON.match(lines[0]) and not _LABEL_COLON.match(joined[-1:] or "x"):
        return _merge_continuations([line if _LABEL_COLON.match(line) else "\0" + line for line in lines])
    return _merge_continuations(
        [("\0" + line if index and _continues(lines[index - 1], line) else line) for index, line in enumerate(lines)]
    )


_OPEN_ENDING = re.compile(
    r"\b(oleh|dan|di|ke|dari|untuk|yang|dengan|atau|sebagai|tentang|dalam|pada|bagi|kepada|serta|Republik)$",
    re.IGNORECASE,
)


def _continues(previous: str, line: str) -> bool:
    """A line broken in mid-phrase: it starts in lower case, or the line before ends on a word that needs more."""
    return line.lstrip()[:1].islower() or bool(_OPEN_ENDING.search(previous.rstrip()))


def is_marked(text: str) -> bool:
    """Whether a cell's text is written as a list (numbers, bullets, dashes) or as `Label : value` lines."""
    stripped = text.strip()
    return bool(_NUMBERED.match(stripped) or _BULLET.match(stripped) or _LABEL_COLON.match(stripped))


def _sequential_numbers(text: str) -> list[tuple[int, re.Match[str]]]:
    """The list markers 1., 2., 3. … that follow each other; a stray number inside an item is not one."""
    found: list[tuple[int, re.Match[str]]] = []
    first = _NUMBERED.match(text)
    expected = int(first.group(1)) if first else 1
    for match in _NUMBERED.finditer(text):
        if int(match.group(1)) == expected:
            found.append((match.start(), match))
            expected += 1
    return found


def _split_numbered(joined: str, numbered: list[tuple[int, re.Match[str]]], text: str) -> list[str]:
    items = []
    if numbered[0][0] > 0:
        items.append(joined[: numbered[0][0]])
    for index, (_, match) in enumerate(numbered):
        end = numbered[index + 1][0] if index + 1 < len(numbered) else len(joined)
        items.append(joined[match.end() : end])
    last_lines = [line.strip() for line in text.split("\n\n")]
    tail = [clean(part) for part in last_lines[1:] if part.strip() and not _NUMBERED.match(part.strip())]
    if tail and items[-1].endswith(tail[-1]):
        items[-1] = clean(items[-1][: -len(tail[-1])])
        items.append(tail[-1])
    return [clean(item) for item in items if clean(item)]


def _merge_continuations(lines: list[str]) -> list[str]:
    """Lines marked with a leading NUL continue the item before them (a break in mid-phrase)."""
    items: list[str] = []
    for line in lines:
        if line.startswith("\0") and items:
            items[-1] = clean(items[-1] + " " + line[1:])
        else:
            items.append(clean(line.lstrip("\0")))
    return [item for item in items if item]


# --- durations -------------------------------------------------------------------------------------------

_UNIT_WORDS = (
    (r"hari\s+kerja", "working_days"),
    (r"hari\s+kalender", "days"),
    (r"hari", "days"),
    (r"menit", "minutes"),
    (r"jam", "hours"),
    (r"minggu", "weeks"),
    (r"bulan", "months"),
    (r"tahun", "years"),
)
_UNIT = "|".join(f"(?:{pattern})" for pattern, _ in _UNIT_WORDS)
_AMOUNT = r"(\d+(?:\s*[x×]\s*\d+)?)\s*(?:\(\s*([a-z ]+?)\s*\))?"
_ONE = re.compile(rf"{_AMOUNT}\s*({_UNIT})\b", re.IGNORECASE)
_RANGE = re.compile(
    rf"(\d+)\s*(?:\(\s*([a-z ]+?)\s*\))?\s*(?:-|–|s\.?\s*d\.?|sampai(?:\s+dengan)?)\s*{_AMOUNT}\s*({_UNIT})\b",
    re.IGNORECASE,
)
_WORD_AMOUNT = re.compile(rf"\b((?:[a-z]+\s+){{0,3}}?[a-z]+)\s+({_UNIT})\b", re.IGNORECASE)
_QUALIFIERS = re.compile(
    r"\b(maks|maksimal|maksimum|paling\s+lama|selambat|min|minimal|paling\s+cepat|±|kurang\s+lebih)", re.I
)
_AMBIGUOUS = re.compile(r"[<>≤≥]|\bsesuai\b|\btergantung\b|\bdisesuaikan\b", re.IGNORECASE)
_PLAIN = re.compile(rf"^\s*{_AMOUNT}\s*({_UNIT})\s*[.;]?\s*$", re.IGNORECASE)


def unit_of(word: str) -> str:
    lowered = clean(word).lower()
    for pattern, unit in _UNIT_WORDS:
        if re.fullmatch(pattern, lowered):
            return unit
    raise ValueError(word)


def _amount(digits: str, words: str | None) -> int | None:
    """`15` with `(lima belas)`: the number, or None when digits and words disagree; `2x24` -> 48."""
    if re.search(r"[x×]", digits):
        left, right = re.split(r"\s*[x×]\s*", digits)
        return int(left) * int(right)
    value = int(digits)
    if words is not None and words_to_int(words) not in (None, value):
        return None
    return value


def parse_duration(text: str) -> dict[str, Any] | None:
    """ "3 (tiga) hari kerja" -> {value: 3, unit: working_days}; "1 hari maksimal 14 hari kerja" -> min/max.

    Weeks become days (the format has no weeks). None when the text names no single clear duration.
    """
    line = clean(text)
    if not line or _AMBIGUOUS.search(line):
        return None
    found = _durations_in(line)
    if not found:
        return None
    if len(found) == 2 and re.search(r"maks|paling\s+lama|hingga|sampai", line, re.I):
        (low, _), (high, high_unit) = found
        result: dict[str, Any] = {"min": low, "max": high, "unit": high_unit}
    elif len(found) == 1:
        value, unit = found[0]
        result = (
            {"value": value, "unit": unit}
            if not isinstance(value, tuple)
            else {"min": value[0], "max": value[1], "unit": unit}
        )
    else:
        return None
    if not (_PLAIN.match(line) or _RANGE.fullmatch(line)):
        result["note"] = line
    return result


def _durations_in(line: str) -> list[tuple[Any, str]]:
    found: list[tuple[Any, str]] = []
    for match in _RANGE.finditer(line):
        low, high = _amount(match.group(1), match.group(2)), _amount(match.group(3), match.group(4))
        if low is None or high is None:
            return []
        found.append(((low, high), unit_of(match.group(5))))
    if found:
        return [_weeks(item) for item in found]
    for match in _ONE.finditer(line):
        value = _amount(match.group(1), match.group(2))
        if value is None:
            return []
        found.append((value, unit_of(match.group(3))))
    if not found:
        for match in _WORD_AMOUNT.finditer(line):
            value = words_to_int(_trailing_number_words(match.group(1)))
            if value:
                found.append((value, unit_of(match.group(2))))
    return [_weeks(item) for item in found]


def _trailing_number_words(words: str) -> str:
    parts = words.lower().split()
    while parts and words_to_int(" ".join(parts)) is None:
        parts = parts[1:]
    return " ".join(parts)


def _weeks(item: tuple[Any, str]) -> tuple[Any, str]:
    value, unit = item
    if unit != "weeks":
        return item
    return ((value[0] * 7, value[1] * 7) if isinstance(value, tuple) else value * 7), "days"


def split_duration_case(text: str) -> tuple[dict[str, Any], str] | None:
    """ "2 Hari Kerja Registrasi, Surat Pemberitahuan" -> the duration and the case it is for."""
    line = clean(text)
    match = re.match(rf"^(\d+(?:\s*(?:-|–)\s*\d+)?\s*(?:\([a-z ]+\))?\s*(?:{_UNIT}))\b[\s:,.-]*(.+)$", line, re.I)
    if not match:
        return None
    duration = parse_duration(match.group(1))
    if duration is None:
        return None
    duration.pop("note", None)
    return duration, clean(match.group(2))


# --- money -----------------------------------------------------------------------------------------------

_FREE = re.compile(
    r"\b(gratis|tidak\s+dipungut\s+biaya|tanpa\s+biaya|tidak\s+dikenakan\s+biaya|bebas\s+biaya|"
    r"tidak\s+berbayar|cuma[- ]cuma)\b",
    re.IGNORECASE,
)
_RUPIAH = re.compile(r"\bRp\.?\s*(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d{2}|-+))?", re.IGNORECASE)
_REGULATION = re.compile(
    r"\b((?:Peraturan|Per\s+aturan|Perda|Perbup|Perwali|Perwal|Pergub|Perpres|Permen\w*|PP|UU|Undang|Keputusan|"
    r"Kepmen\w*|Qanun|SK)\b.*)$",
    re.IGNORECASE,
)


def parse_money(text: str) -> dict[str, Any] | None:
    """{amount: int} for "Gratis" / "Rp. 50.000,-" / "Rp 7.500,00"; {reference} for "sesuai Perda No. …"."""
    line = clean(text)
    amounts = {_rupiah(match) for match in _RUPIAH.finditer(line)}
    if _FREE.search(line) and amounts <= {0}:
        return {"amount": 0}
    if len(amounts) == 1:
        return {"amount": amounts.pop()}
    if amounts:
        return None
    regulation = _REGULATION.search(line)
    if regulation and re.search(r"\b(no\.?|nomor|tahun)\b", line, re.IGNORECASE):
        return {"reference": clean(regulation.group(1)).rstrip(".;")}
    return None


def money_left_over(text: str) -> str:
    """What a fee's text says beside its amount ("Rp 10.000 per lembar" -> " per lembar")."""
    return _FREE.sub("", _RUPIAH.sub("", clean(text)))


def _rupiah(match: re.Match[str]) -> int:
    return int(match.group(1).replace(".", ""))


# --- counts, frequencies, legal basis --------------------------------------------------------------------

_COUNT = re.compile(r"^(\d+)\s*(?:\(\s*([a-z ]+?)\s*\))?\s*(orang|petugas|pegawai|personil|personel|org)?\.?$", re.I)


def parse_count(text: str) -> int | None:
    """ "4 (empat) orang" -> 4; None for anything with roles or more than one number."""
    match = _COUNT.match(clean(text))
    if not match:
        return None
    return _amount(match.group(1), match.group(2))


_FREQUENCIES = (
    (r"setiap\s+hari|harian|per\s*hari", "daily"),
    (r"setiap\s+minggu|mingguan|seminggu", "weekly"),
    (r"(?:1|satu)\s*(?:\(\s*satu\s*\)\s*)?bulan|setiap\s+bulan|bulanan|sebulan", "monthly"),
    (r"(?:3|tiga)\s*(?:\(\s*tiga\s*\)\s*)?bulan|triwulan", "quarterly"),
    (r"(?:6|enam)\s*(?:\(\s*enam\s*\)\s*)?bulan|semester", "semiannual"),
    (r"(?:1|satu)\s*(?:\(\s*satu\s*\)\s*)?tahun|setahun|tahunan|per\s*tahun|setiap\s+tahun", "annual"),
    (r"sewaktu[- ]waktu|insidental", "ad_hoc"),
)


def parse_frequency(text: str) -> str | None:
    """ "Camat melaksanakan evaluasi … sekali dalam 3 (tiga) bulan" -> quarterly; None when not stated."""
    line = clean(text).lower()
    found = {name for pattern, name in _FREQUENCIES if re.search(pattern, line)}
    return found.pop() if len(found) == 1 else None


_LAW_TYPES = (
    (r"undang\s*[-–]?\s*undang|uu\b", "UU"),
    (r"peraturan\s+pemerintah(?!\s+daerah)|pp\b", "PP"),
    (r"peraturan\s+presiden|perpres\b", "Perpres"),
    (r"instruksi\s+presiden|inpres\b", "Inpres"),
    (r"peraturan\s+menteri|permen", "Permen"),
    (r"peraturan\s+daerah|perda\b", "Perda"),
    (r"peraturan\s+bupati|perbup\b", "Perbup"),
    (r"peraturan\s+wali\s*kota|perwal", "Perwali"),
    (r"peraturan\s+gubernur|pergub\b", "Pergub"),
    (r"keputusan|kepmen|sk\b", "Keputusan"),
    (r"surat\s+edaran|se\b", "SE"),
)
_NUMBER = re.compile(r"\b(?:nomor|no\.?)\s*:?\s*([\w./-]*\d[\w./-]*)", re.IGNORECASE)
_YEAR = re.compile(r"\btahun\s+(\d{4})\b", re.IGNORECASE)
_ABOUT = re.compile(r"\btentang\s+(.+)$", re.IGNORECASE)


def parse_legal_basis(text: str) -> dict[str, Any] | str:
    """ "Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik" -> {title, type, number, year, about}.

    A line that names no known type of regulation stays the string it is.
    """
    title = clean(text).rstrip(";,")
    kind = next((name for pattern, name in _LAW_TYPES if re.match(pattern, title, re.IGNORECASE)), None)
    if kind is None:
        return title
    item: dict[str, Any] = {"title": title, "type": kind}
    number = _NUMBER.search(title)
    if number:
        item["number"] = number.group(1).rstrip(".,")
        year = re.search(r"/(\d{4})$", item["number"])
        if year:
            item["year"] = int(year.group(1))
    year_words = _YEAR.search(title)
    if year_words:
        item["year"] = int(year_words.group(1))
    about = _ABOUT.search(title)
    if about:
        item["about"] = clean(about.group(1)).rstrip(".")
    return item


_MONTHS = (
    "januari", "februari", "maret", "april", "mei", "juni", "juli", "agustus", "september", "oktober", "november",
    "desember",
)  # fmt: skip


def long_date(text: str) -> str | None:
    """ "3 November 2025" -> "2025-11-03"; None for anything else (or a day the month does not have)."""
    match = re.fullmatch(r"(\d{1,2})\s+([A-Za-z]+)\s+(\d{4})", clean(text))
    if not match or match.group(2).lower() not in _MONTHS:
        return None
    try:
        return date(int(match.group(3)), _MONTHS.index(match.group(2).lower()) + 1, int(match.group(1))).isoformat()
    except ValueError:
        return None
