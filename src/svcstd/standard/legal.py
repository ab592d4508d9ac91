"""The acts a standard cites: a citation line read into type, number and year, and its status in the catalogue."""

from __future__ import annotations

import re
from collections.abc import Mapping
from enum import StrEnum
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any, NamedTuple

from svcstd.model import Frozen, set_field
from svcstd.standard import data
from svcstd.standard.words import lazy_pattern

if TYPE_CHECKING:
    from dataclasses import dataclass as frozen_dataclass  # as svcstd.model: type checkers see the dataclass
else:
    from svcstd.model import frozen_dataclass

CATALOGUE_FILE = "data/legal_status.yaml"
NUMBERLESS = frozenset({"UUD"})

_PAN = r"(?:pendayagunaan aparatur negara|pan(?:\W*rb)?\b)"
# Instrument types, longest phrase first: at one position the first alternative that matches wins.
_TYPES: tuple[tuple[str, str], ...] = (
    ("Perppu", r"peraturan pemerintah pengganti undang\W*undang|perppu|perpu"),
    ("UUD", r"undang\W*undang dasar|uud"),
    ("UU", r"undang\W*undang|uu"),
    ("PP", r"peraturan pemerintah|pp"),
    ("Perpres", r"peraturan presiden|perpres"),
    ("Keppres", r"keputusan presiden|keppres"),
    ("PermenPANRB", rf"peraturan menteri (?:negara )?{_PAN}|permen\W*pan(?:\W*rb)?"),
    ("KepmenPAN", rf"keputusan menteri (?:negara )?{_PAN}|kepmen\W*pan(?:\W*rb)?"),
    ("Permen", r"peraturan menteri|permen[a-z]*"),
    ("Kepmen", r"keputusan menteri|kepmen[a-z]*"),
    ("Perda", r"peraturan daerah|perda"),
    ("Pergub", r"peraturan gubernur|pergub"),
    ("Perbup", r"peraturan bupati|perbup"),
    ("Perwali", r"peraturan wali\s?kota|perwal[ik]?"),
    ("Perpol", r"peraturan kepolisian|perpol|perkap"),
    ("Qanun", r"qanun"),
    ("Inpres", r"instruksi presiden|inpres"),
    ("SE", r"surat edaran"),
    ("Peraturan", r"peraturan"),
    ("Keputusan", r"(?:surat )?keputusan|sk"),
)
# Every type starts with one of these letters: one test per word start instead of 20 alternatives at every
# character keeps a search through 2 MiB of text short.
_TYPE = re.compile(
    r"\b(?=[iukpqs])(?:"
    + "|".join(rf"(?P<t{index}>(?:{pattern})\b)" for index, (_, pattern) in enumerate(_TYPES))
    + ")",
    re.IGNORECASE,
)
_YEAR = r"(?:19|20)\d\d"
_TAHUN = r"(?:tahun|thn\.?|th\.?)"
# After "Nomor": a token with a digit, as decrees number themselves ("W11-A14/20/KU.02.2/I/2017"). Linear time:
# the token's first digit is looked for within 64 characters (an unbounded look-ahead, tried after every "no"
# of "no-no-no-...", was quadratic: 1 s for 10,000 characters, 4 s for 20,000), and nothing is given back.
_NUMBER = re.compile(
    r"(?=[n\d])"  # what every alternative starts with: a quick test at each character
    rf"(?:\b(?:nomor|no)(?![a-z])\W*+(?P<num>(?=[\w./-]{{0,63}}\d)[a-z0-9][\w./-]*+)(?:\W++{_TAHUN}\W*(?P<year>{_YEAR})\b)?"
    rf"|\b(?P<short>\d+[a-z]?)\s*/\s*(?P<short_year>{_YEAR})\b"
    rf"|\b(?P<bare>\d+[a-z]?)\s+{_TAHUN}\s*(?P<bare_year>{_YEAR})\b)",
    re.IGNORECASE,
)
_YEAR_ONLY = lazy_pattern(rf"\b{_TAHUN}\W*(?P<year>{_YEAR})\b", re.IGNORECASE)  # a citation without a number
_TRAILING_YEAR = re.compile(rf"/(?P<year>{_YEAR})$")
_NUMBER_ONLY_YEAR = re.compile(rf"^(?P<num>\d+[a-z]?)/(?P<year>{_YEAR})$", re.IGNORECASE)
_LEADING_NUMBER = re.compile(r"^0*(\d+[a-z]?)", re.IGNORECASE)
_ABOUT = re.compile(r"\btentang\b", re.IGNORECASE)
_DASHES = re.compile(r"[\u2010-\u2015]")


class Status(StrEnum):
    IN_FORCE = "in_force"
    AMENDED = "amended"
    REVOKED = "revoked"
    UNKNOWN = "unknown"


@frozen_dataclass(frozen=True)
class Act(Frozen):
    """One catalogue entry: an act, its status, what replaced or amended it, and where that was read.

    Made as svcstd.model makes its frozen classes (`frozen_dataclass`: the dataclass's fields, `__match_args__`
    and errors, the methods derived once by `Frozen` rather than compiled at import; tests/test_legal_act.py
    compares it with what `@dataclass(frozen=True)` makes): the catalogue's instances are only read.
    """

    id: str
    type: str
    number: str
    year: int
    title: str
    status: Status
    replaced_by: tuple[str, ...]
    amended_by: tuple[str, ...]
    date: str | None
    source: str
    evidence: str
    verified: bool

    def __init__(
        self,
        id: str,
        type: str,
        number: str,
        year: int,
        title: str,
        status: Status,
        replaced_by: tuple[str, ...],
        amended_by: tuple[str, ...],
        date: str | None,
        source: str,
        evidence: str,
        verified: bool,
    ) -> None:
        set_field(self, "id", id)
        set_field(self, "type", type)
        set_field(self, "number", number)
        set_field(self, "year", year)
        set_field(self, "title", title)
        set_field(self, "status", status)
        set_field(self, "replaced_by", replaced_by)
        set_field(self, "amended_by", amended_by)
        set_field(self, "date", date)
        set_field(self, "source", source)
        set_field(self, "evidence", evidence)
        set_field(self, "verified", verified)

    @property
    def name(self) -> str:
        """`UU 36/2009 tentang Kesehatan`: the short citation Indonesian practice uses, in both languages."""
        return f"{self.type} {self.number}/{self.year} tentang {self.title}"


class ActRef(NamedTuple):
    """What a citation says: the instrument type and, when given, its number and year."""

    type: str
    number: str | None
    year: int | None

    @property
    def complete(self) -> bool:
        """Number and year given, or an instrument that has none (the constitution, `UUD`)."""
        return (self.number is not None and self.year is not None) or self.type in NUMBERLESS


def canonical_type(text: str) -> str | None:
    """`UU` for "Undang-Undang", `PermenPANRB` for "Permenpan RB": the first instrument named in `text`."""
    match = _TYPE.search(_DASHES.sub("-", text))
    if match is None or match.lastgroup is None:
        return None
    return _TYPES[int(match.lastgroup[1:])][0]


@lru_cache(maxsize=1024)
def parse_citation(text: str) -> ActRef | None:
    """The first act a line cites, read before its "tentang"; None when it names no kind of regulation.

    Remembered: several rules read the same citations, and a long one is read once (linear, but 2 MiB).
    """
    head = _ABOUT.split(_DASHES.sub("-", " ".join(text.split())), maxsplit=1)[0]
    match = _TYPE.search(head)
    if match is None or match.lastgroup is None:
        return None
    kind = _TYPES[int(match.lastgroup[1:])][0]
    number, year = _number_and_year(head[match.end() :])
    return ActRef(kind, number, year)


def _number_and_year(rest: str) -> tuple[str | None, int | None]:
    match = _NUMBER.search(rest)
    if match is None:
        only = _YEAR_ONLY().search(rest)
        return None, int(only["year"]) if only else None
    if match["short"]:
        return match["short"], int(match["short_year"])
    if match["bare"]:
        return match["bare"], int(match["bare_year"])
    number = match["num"].rstrip("./-")
    split = _NUMBER_ONLY_YEAR.match(number)
    if split:
        return split["num"], int(split["year"])
    trailing = _TRAILING_YEAR.search(number)
    year = match["year"] or (trailing["year"] if trailing else None)
    return number, int(year) if year else None


def citation_of(item: str | Mapping[str, Any]) -> ActRef | None:
    """A legal-basis item in any shape: a plain string, `{title, ref}`, or `{type, number, year, about, title}`."""
    if isinstance(item, str):
        return parse_citation(item)
    key = _citation_key(item)
    return _item_citation(item) if key is None else _remembered_citation(key)


_CITATION_FIELDS = ("title", "ref", "type", "number", "year")
"""All that `_item_citation` reads of an item."""
_PLAIN = (str, int, float, bool, type(None))


def _citation_key(item: Mapping[str, Any]) -> tuple[tuple[str, type, object], ...] | None:
    """The fields an item's citation depends on, each with its type (`2009` and `2009.0` read differently,
    though equal); None when one holds anything but a plain value."""
    key = []
    for name in _CITATION_FIELDS:
        if name in item:
            value = item[name]
            if type(value) not in _PLAIN:
                return None
            key.append((name, type(value), value))
    return tuple(key)


@lru_cache(maxsize=4096)  # the same items are cited in document after document
def _remembered_citation(key: tuple[tuple[str, type, object], ...]) -> ActRef | None:
    return _item_citation({name: value for name, _, value in key})


def _item_citation(item: Mapping[str, Any]) -> ActRef | None:
    parsed = _first_parsed(item)
    given = canonical_type(str(item["type"])) if "type" in item else None
    kind = _more_specific(given, parsed.type if parsed else None)
    if kind is None:
        return None
    number = str(item["number"]) if item.get("number") is not None else (parsed.number if parsed else None)
    year = _given_year(item.get("year")) or (parsed.year if parsed else None)
    return ActRef(kind, number, year)


def _given_year(value: object) -> int | None:
    """A structured `year`, written as a number or as text ("2009"); anything else gives none."""
    text = str(value).strip() if value is not None else ""
    return int(text) if re.fullmatch(_YEAR, text) else None


def _first_parsed(item: Mapping[str, Any]) -> ActRef | None:
    """The title's citation, completed from `ref` when the title lacks number or year (`ref: UU 25/2009`)."""
    found = [parsed for key in ("title", "ref") if key in item if (parsed := parse_citation(str(item[key])))]
    return next((parsed for parsed in found if parsed.complete), found[0] if found else None)


_GENERIC = {"Permen", "Kepmen", "Peraturan", "Keputusan"}


def _more_specific(given: str | None, parsed: str | None) -> str | None:
    if given is None or (given in _GENERIC and parsed is not None):
        return parsed or given
    return given


def _key(kind: str, number: str, year: int) -> tuple[str, str, int]:
    lead = _LEADING_NUMBER.match(number)
    return kind, (lead.group(1) if lead else number).casefold(), year


@cache
def catalogue() -> Mapping[str, Act]:
    """The shipped catalogue by id, read once (from its JSON copy when current: standard/data.py)."""
    return {entry["id"]: _act(entry) for entry in data.load(CATALOGUE_FILE.removeprefix("data/"))}


def _act(entry: Mapping[str, Any]) -> Act:
    return Act(
        id=entry["id"],
        type=entry["type"],
        number=str(entry["number"]),
        year=int(entry["year"]),
        title=entry["title"],
        status=Status(entry["status"]),
        replaced_by=tuple(entry["replaced_by"]),
        amended_by=tuple(entry["amended_by"]),
        date=entry["date"],
        source=entry["source"],
        evidence=entry["evidence"],
        verified=bool(entry["verified"]),
    )


@cache
def _index() -> Mapping[tuple[str, str, int], Act]:
    return {_key(act.type, act.number, act.year): act for act in catalogue().values()}


@lru_cache(maxsize=1024)  # the same acts are cited in document after document
def lookup(ref: ActRef) -> Act | None:
    """The catalogue entry for a complete citation, or None when the act is not catalogued."""
    if ref.number is None or ref.year is None:
        return None
    return _index().get(_key(ref.type, ref.number, ref.year))


def successors(act: Act) -> tuple[Act, ...]:
    """What replaced a revoked act, followed to the act in force: UU 43/1999 -> UU 5/2014 -> UU 20/2023."""
    chain: list[Act] = []
    current = act
    while current.status is Status.REVOKED and current.replaced_by and len(chain) < len(catalogue()):
        current = catalogue()[current.replaced_by[0]]
        chain.append(current)
    return tuple(chain)
