"""Indonesian spellings of every closed vocabulary, turned into the canonical English values after reading.

Authors who are civil servants write `type: telepon` or `unit: hari_kerja`; the rules always see `phone`
and `working_days`. Only values change, never keys, so every finding keeps its line and column. The
schema lists the same aliases in its enums (editor completion); tests/test_aliases.py keeps the two in step.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from svcstd.reading.sourcemap import SourceMap

# fmt: off
# vocabulary name -> (canonical values in schema order, {Indonesian alias: canonical value})
VOCABULARIES: dict[str, tuple[tuple[str, ...], dict[str, str]]] = {
    "kind": (("standard", "published_sheet"), {"standar": "standard", "lembar_publikasi": "published_sheet"}),
    "status": (("draft", "adopted", "retired"), {"rancangan": "draft", "ditetapkan": "adopted", "dicabut": "retired"}),
    "day": (("mon", "tue", "wed", "thu", "fri", "sat", "sun"), {
        "senin": "mon", "selasa": "tue", "rabu": "wed", "kamis": "thu", "jumat": "fri", "sabtu": "sat", "minggu": "sun",
    }),
    "participant": (("community", "academia", "ngo", "business", "media", "government", "provider", "other"), {
        "masyarakat": "community", "akademisi": "academia", "lsm": "ngo", "dunia_usaha": "business",
        "pemerintah": "government", "penyelenggara": "provider", "lainnya": "other",
    }),
    "publication": (
        ("website", "notice_board", "social_media", "brochure", "mobile_app", "information_desk", "other"), {
            "situs_web": "website", "papan_pengumuman": "notice_board", "media_sosial": "social_media",
            "brosur": "brochure", "aplikasi": "mobile_app", "meja_informasi": "information_desk", "lainnya": "other",
        },
    ),
    "format": (("braille", "audio", "sign_language", "large_print", "easy_read", "other"), {
        "bahasa_isyarat": "sign_language", "huruf_besar": "large_print", "mudah_dibaca": "easy_read",
        "lainnya": "other",
    }),
    "group": (
        ("disability", "elderly", "pregnant", "children", "disaster_victims", "social_disaster_victims", "other"), {
            "penyandang_disabilitas": "disability", "lanjut_usia": "elderly", "ibu_hamil": "pregnant",
            "anak": "children", "korban_bencana_alam": "disaster_victims",
            "korban_bencana_sosial": "social_disaster_victims", "lainnya": "other",
        },
    ),
    "form": (("original", "copy", "certified_copy", "digital", "self_declaration", "other"), {
        "asli": "original", "fotokopi": "copy", "fotokopi_dilegalisir": "certified_copy", "elektronik": "digital",
        "surat_pernyataan": "self_declaration", "lainnya": "other",
    }),
    "channel": (("in_person", "online", "mobile", "mail", "outreach"), {
        "langsung": "in_person", "tatap_muka": "in_person", "luring": "in_person", "daring": "online",
        "aplikasi_seluler": "mobile", "pos": "mail", "jemput_bola": "outreach", "keliling": "outreach",
    }),
    "complaint_channel": (
        ("phone", "sms", "whatsapp", "fax", "email", "website", "lapor", "suggestion_box", "in_person",
         "social_media", "other"), {
            "telepon": "phone", "faksimile": "fax", "surel": "email", "situs_web": "website",
            "kotak_saran": "suggestion_box", "langsung": "in_person", "tatap_muka": "in_person",
            "media_sosial": "social_media", "lainnya": "other",
        },
    ),
    "unit": (("minutes", "hours", "days", "working_days", "months", "years"), {
        "menit": "minutes", "jam": "hours", "hari": "days", "hari_kerja": "working_days", "bulan": "months",
        "tahun": "years",
    }),
    "frequency": (("daily", "weekly", "monthly", "quarterly", "semiannual", "annual", "ad_hoc"), {
        "harian": "daily", "mingguan": "weekly", "bulanan": "monthly", "triwulanan": "quarterly",
        "semesteran": "semiannual", "tahunan": "annual", "sewaktu_waktu": "ad_hoc",
    }),
    "complaint_time": (("acknowledge", "coordinate", "respond", "settle"), {
        "tanggapan": "acknowledge", "koordinasi": "coordinate", "jawaban": "respond", "penyelesaian": "settle",
    }),
    "condition": (("good", "damaged"), {"baik": "good", "rusak": "damaged"}),
}
# fmt: on

# Where each vocabulary is used: the last keys of a value's path (list indexes left out). A longer pattern wins.
_PLACES: tuple[tuple[tuple[str, ...], str], ...] = (
    (("kind",), "kind"),
    (("status",), "status"),
    (("service_hours", "days"), "day"),
    (("participants", "group"), "participant"),
    (("publication", "channels", "type"), "publication"),
    (("publication", "formats"), "format"),
    (("special_services", "group"), "group"),
    (("facilities", "serves"), "group"),
    (("facilities", "condition"), "condition"),
    (("requirements", "form"), "form"),
    (("procedure", "channels"), "channel"),
    (("channel",), "channel"),
    (("complaints", "channels", "type"), "complaint_channel"),
    (("duration", "unit"), "unit"),
    (("completion_time", "unit"), "unit"),
    (("response_time", "unit"), "unit"),
    (("frequency",), "frequency"),
    (("complaints", "times", "kind"), "complaint_time"),
)
_ROOT_ONLY = frozenset({"kind", "status"})
_LONGEST = max(len(pattern) for pattern, _ in _PLACES)
_LAST_KEYS = frozenset(pattern[-1] for pattern, _ in _PLACES)
"""A string is an alias only where its path ends in one of these: anywhere else no table applies."""


def canonical(vocabulary: str) -> tuple[str, ...]:
    """The English values of a vocabulary, in the schema's order."""
    return VOCABULARIES[vocabulary][0]


def aliases(vocabulary: str) -> dict[str, str]:
    """{Indonesian alias: English value} of a vocabulary."""
    return VOCABULARIES[vocabulary][1]


def is_alias(value: object) -> bool:
    """Whether a value is an Indonesian alias of some vocabulary (and not itself a canonical value)."""
    return isinstance(value, str) and any(value in table for _, table in VOCABULARIES.values())


def normalise(data: object, source: SourceMap | None = None) -> object:
    """The document with every alias replaced by its English value; anything else is returned as it was.

    A format 1.0 document (`svcstd: "1.0"`) is returned unchanged: 1.0 had no aliases, and reads as before.
    `source`, the document's SourceMap when the data are as the reader built them, lets a document without
    any alias be told from its rows (`_holds_none`) instead of walked; the result is the same either way.
    """
    if not isinstance(data, dict) or data.get("svcstd", "1.0") == "1.0":
        return data
    if source is not None and source.built() is data and _holds_none(data, source):
        return _one_as_list(data)
    return _one_as_list(_walk(data, ()))


def _holds_none(data: dict[Any, Any], source: SourceMap) -> bool:  # noqa: PLR0912  (one hot loop)
    """Whether `_walk(data, ())` would give `data` itself, told from the reader's rows and mapping keys.

    Only the mappings holding one of `_LAST_KEYS` can hold an alias (under such a key, or in lists under it),
    and the reader's key dicts say which they are without a walk over the data: a set test per mapping, in C.
    Each such mapping's path (its last keys, and whether it is the root) is read up its rows, the mapping itself
    is reached from the root by its rows' tokens, and the strings under those keys are looked up as `_walk_mapping`
    and `_walk_list` look them up. `source.built() is data` (checked by the caller) means the rows describe the
    data one to one: the reader's own root, read without an alias (a node at two places) or a duplicate key.
    """
    rows = source.rows()
    disjoint = _LAST_KEYS.isdisjoint
    objects: dict[int, Any] = {0: data}  # row -> the container built there, as far as asked
    heres: dict[int, dict[str, _Respelt | None]] = {}  # a list's row -> the tables under its mappings' keys
    for row, keys in source.mapping_keys().items():
        if disjoint(keys):
            continue
        parent, token = rows[row][0], rows[row][1]
        if type(token) is int:  # an item of a list: its path is the list's (`_walk_list` passes it on)
            here = heres.get(parent)
            if here is None:
                here = heres[parent] = _tables_under(*_path(parent, rows))
        else:
            here = _tables_under(*_path(row, rows))
        node = None
        for key in keys:
            respelt = here.get(key)
            if respelt is None:
                continue  # no last key, or no table at this place: what `_walk_mapping` skips
            if node is None:  # the mapping, as its parent's item (the parent remembered for its other items)
                if row:
                    holder = objects.get(parent)
                    if holder is None:
                        holder = _object(parent, rows, objects)
                    node = holder[token]
                else:
                    node = data
            value = node[key]
            kind = type(value)
            if kind is str:
                if respelt[value] is not None:
                    return False
            elif kind is list:
                if not _list_holds_none(value, respelt):
                    return False
            elif kind is not dict and isinstance(value, dict | list | str):
                return False  # the reader makes none of these: walk as always
    return True


def _path(row: int, rows: list[Any]) -> tuple[tuple[str, ...], bool]:
    """What `_walk_mapping` passes `_tables_under` for a mapping at `row` (or a list's items): the last keys of
    its path (list indexes left out), enough for the longest place, and whether it is the root."""
    tail: tuple[str, ...] = ()
    up = row
    while up > 0 and len(tail) < _LONGEST - 1:
        up, token = rows[up][0], rows[up][1]
        if type(token) is str:
            tail = (token, *tail)
    return tail, row == 0


def _list_holds_none(node: list[Any], respelt: _Respelt) -> bool:
    """No string in the list (or in lists in it) is an alias; its mappings are asked for on their own rows."""
    for item in node:
        kind = type(item)
        if kind is str:
            if respelt[item] is not None:
                return False
        elif kind is list:
            if not _list_holds_none(item, respelt):
                return False
        elif kind is not dict and isinstance(item, dict | list | str):
            return False
    return True


def _object(row: int, rows: list[Any], objects: dict[int, Any]) -> Any:
    """The container built at `row`: its parent's item at its token (every container on the way remembered)."""
    found = objects.get(row)
    if found is not None:
        return found
    way = []
    while found is None:
        way.append(row)
        row = rows[row][0]
        found = objects.get(row)
    for row in reversed(way):
        found = objects[row] = found[rows[row][1]]
    return found


def _one_as_list(data: Any) -> Any:
    """1.1 `staff_count` given as one mapping (the whole service's staffing) reads as a list of that one entry."""
    manufacturing = data.get("manufacturing")
    if isinstance(manufacturing, dict) and isinstance(manufacturing.get("staff_count"), dict):
        return {**data, "manufacturing": {**manufacturing, "staff_count": [manufacturing["staff_count"]]}}
    return data


def _walk(node: object, keys: tuple[str, ...]) -> object:
    """The node with its aliases replaced: itself when nothing under it changes, else a copy of the
    mappings and lists on the way to what changed (a document rarely holds an alias: most are not copied).

    A string changes only where its path ends in the last key of some place (`unit`, `days`, ...): the table
    is looked up there only. Anything but a plain dict, list or str is rebuilt as it always was (`_rebuilt`).
    """
    if type(node) is dict:
        return _walk_mapping(node, keys)
    if type(node) is list:
        return _walk_list(node, keys)
    return _rebuilt(node, keys)


def _walk_mapping(node: dict[Any, Any], keys: tuple[str, ...]) -> dict[Any, Any]:  # noqa: PLR0912  (one hot loop)
    copied: dict[Any, Any] | None = None
    here: dict[str, _Respelt | None] | None = None  # the tables under this mapping's keys, asked for once
    new: object
    for key, value in node.items():
        kind = type(value)
        if kind is str:
            if type(key) is str:
                if key not in _LAST_KEYS:
                    continue  # what `_table_after` says of most strings: no table, the value stays
                if here is None:
                    here = _tables_under(keys[-_LONGEST + 1 :], not keys)
                respelt = here[key]
                if respelt is None:
                    continue
                new = respelt[value]
                if new is None:
                    continue
            else:
                table = _table_after(keys, key)
                if not table:
                    continue
                new = table.get(_spelling(value), value)
        elif kind is dict:
            new = _walk_mapping(value, (*keys, key) if isinstance(key, str) else keys)
        elif kind is list or isinstance(value, dict | list | str):
            new = _walk(value, (*keys, key) if isinstance(key, str) else keys)
        else:
            continue
        if new is not value:
            if copied is None:
                copied = dict(node)
            copied[key] = new
    return node if copied is None else copied


def _walk_list(node: list[Any], keys: tuple[str, ...]) -> list[Any]:
    respelt = _respelt(_table(keys)) if keys and keys[-1] in _LAST_KEYS else None
    copied: list[Any] | None = None
    new: object
    for index, item in enumerate(node):
        kind = type(item)
        if kind is str:
            if respelt is None:
                continue
            new = respelt[item]
            if new is None:
                continue
        elif kind is dict or kind is list or isinstance(item, dict | list | str):
            new = _walk(item, keys)
        else:
            continue
        if new is not item:
            if copied is None:
                copied = list(node)
            copied[index] = new
    return node if copied is None else copied


class _Respelt(dict[str, str | None]):
    """{string as written: its English value, or None when it is no alias} for one vocabulary, filled as
    strings are met: `_spelling` and the table's lookup are made once per distinct string, not per string."""

    __slots__ = ("table",)
    LIMIT = 4096

    def __init__(self, table: Mapping[str, Any]) -> None:
        super().__init__()
        self.table = table

    def __missing__(self, value: str) -> str | None:
        new = self.table.get(_spelling(value))
        if len(self) >= self.LIMIT:
            self.clear()
        self[value] = new
        return new


_RESPELT: dict[int, _Respelt] = {}


def _respelt(table: Mapping[str, Any] | None) -> _Respelt | None:
    """The `_Respelt` of one of `VOCABULARIES`' tables (None for None, and for an empty table)."""
    if not table:
        return None
    found = _RESPELT.get(id(table))
    if found is None or found.table is not table:
        found = _RESPELT[id(table)] = _Respelt(table)
    return found


@lru_cache(maxsize=512)  # bounded, as `_table_at`
def _tables_under(tail: tuple[str, ...], at_root: bool) -> dict[str, _Respelt | None]:
    """{last key of some place: the table for a string under it} in a mapping whose path ends in `tail` (its
    last keys, enough for the longest place) and is the root or not: what `_table_after` gives for each key."""
    return {key: _respelt(_table_at((*tail, key)[-_LONGEST:], at_root)) for key in _LAST_KEYS}


def _rebuilt(node: object, keys: tuple[str, ...]) -> object:
    """The node rebuilt anew with its aliases replaced (any mapping as a dict, any list as a list)."""
    if isinstance(node, dict):
        return {key: _rebuilt(value, (*keys, key) if isinstance(key, str) else keys) for key, value in node.items()}
    if isinstance(node, list):
        return [_rebuilt(item, keys) for item in node]
    if isinstance(node, str):
        table = _table(keys)
        return table.get(_spelling(node), node) if table else node
    return node


def _table_after(keys: tuple[str, ...], key: object) -> Mapping[str, Any] | None:
    """The aliases for a string under `key` of the mapping at `keys` (a key that is no string adds nothing)."""
    if isinstance(key, str):
        return _table((*keys, key)) if key in _LAST_KEYS else None
    return _table(keys) if keys and keys[-1] in _LAST_KEYS else None


def _spelling(value: str) -> str:
    """`Hari Kerja` and `hari kerja` read as the alias `hari_kerja` (canonical values are never respelt)."""
    return value.strip().lower().replace(" ", "_").replace("-", "_")


def _table(keys: tuple[str, ...]) -> Mapping[str, Any] | None:
    """The aliases that apply to a string at the path `keys`, or None.

    A pattern is at most three keys long, so the answer depends only on the last three keys and on whether the
    path is one key long (`kind` and `status` at the root): that pair is looked up once per run, not per string.
    """
    return _table_at(keys[-_LONGEST:], len(keys) == 1)


@lru_cache(maxsize=512)  # bounded: keys are the document's own, and a run reads many documents
def _table_at(last: tuple[str, ...], at_root: bool) -> Mapping[str, Any] | None:
    for pattern, vocabulary in _PLACES:
        if last[-len(pattern) :] != pattern:
            continue
        if vocabulary in _ROOT_ONLY and not at_root:
            continue
        return aliases(vocabulary)
    return None
