"""Indonesian number words ("lima belas", "seratus dua puluh") to integers."""

from __future__ import annotations

_UNITS = {
    "nol": 0,
    "satu": 1,
    "dua": 2,
    "tiga": 3,
    "empat": 4,
    "lima": 5,
    "enam": 6,
    "tujuh": 7,
    "delapan": 8,
    "sembilan": 9,
}
_WHOLE = {"sepuluh": 10, "sebelas": 11, "seratus": 100}


def words_to_int(text: str) -> int | None:
    """`lima belas` -> 15, `seratus dua puluh lima` -> 125, `dua ribu` -> 2000; None when not a number."""
    words = text.lower().replace("-", " ").split()
    if not words:
        return None
    thousands, group, pending = 0, 0, 0
    for word in words:
        if word in _UNITS:
            pending += _UNITS[word]
        elif word in _WHOLE:
            group += _WHOLE[word]
        elif word == "belas":
            group, pending = group + pending + 10, 0
        elif word == "puluh":
            group, pending = group + pending * 10, 0
        elif word == "ratus":
            group, pending = group + (pending or 1) * 100, 0
        elif word in ("ribu", "seribu"):
            count = 1 if word == "seribu" else (group + pending or 1)
            thousands, group, pending = thousands + count * 1000, 0, 0
        else:
            return None
    return thousands + group + pending
