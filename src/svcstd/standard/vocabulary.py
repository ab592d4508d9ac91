"""Readers' names for the closed vocabularies of FORMAT.md that more than one module shows."""

from __future__ import annotations

from svcstd.model import Text

DAYS: dict[str, Text] = {
    "mon": Text("Monday", "Senin"),
    "tue": Text("Tuesday", "Selasa"),
    "wed": Text("Wednesday", "Rabu"),
    "thu": Text("Thursday", "Kamis"),
    "fri": Text("Friday", "Jumat"),
    "sat": Text("Saturday", "Sabtu"),
    "sun": Text("Sunday", "Minggu"),
}

# Special-service groups (UU 25/2009 Pasal 29), as they read inside a sentence.
SPECIAL_GROUPS: dict[str, Text] = {
    "disability": Text("people with disabilities", "penyandang disabilitas"),
    "elderly": Text("the elderly", "lanjut usia"),
    "pregnant": Text("pregnant women", "ibu hamil"),
    "children": Text("children", "anak-anak"),
    "disaster_victims": Text("victims of natural disasters", "korban bencana alam"),
    "social_disaster_victims": Text("victims of social disasters", "korban bencana sosial"),
}


def capitalised(text: Text) -> Text:
    """The same name at the start of a line or heading."""
    return Text(text.en[:1].upper() + text.en[1:], text.id[:1].upper() + text.id[1:])
