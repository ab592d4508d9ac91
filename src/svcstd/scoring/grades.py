"""Grade scales (GRADES.md): zones on the Ombudsman's assessment bands by default, the SKM bands on request.

The zones grade svcstd's compliance score, which is an estimate from the document alone: the labels say so,
and do not claim to be the Ombudsman's verdict.
"""

from __future__ import annotations

from typing import NamedTuple

from svcstd.model import Grade, Text


class Band(NamedTuple):
    key: str
    min: float
    label: Text


GradeScale = tuple[Band, ...]

OMBUDSMAN: GradeScale = (
    Band(
        "green",
        81.00,
        Text(
            "Green zone — high compliance (document-based estimate)",
            "Zona Hijau — kepatuhan tinggi (perkiraan berdasarkan dokumen)",
        ),
    ),
    Band(
        "yellow",
        51.00,
        Text(
            "Yellow zone — medium compliance (document-based estimate)",
            "Zona Kuning — kepatuhan sedang (perkiraan berdasarkan dokumen)",
        ),
    ),
    Band(
        "red",
        0.00,
        Text(
            "Red zone — low compliance (document-based estimate)",
            "Zona Merah — kepatuhan rendah (perkiraan berdasarkan dokumen)",
        ),
    ),
)

SKM: GradeScale = (
    Band("A", 88.31, Text("very good", "Sangat Baik")),
    Band("B", 76.61, Text("good", "Baik")),
    Band("C", 65.00, Text("fair", "Kurang Baik")),
    Band("D", 0.00, Text("poor", "Tidak Baik")),
)

NAMED_SCALES: dict[str, GradeScale] = {"ombudsman": OMBUDSMAN, "skm": SKM}


def grade_for(score: float, scale: GradeScale) -> Grade:
    """The band whose lower bound the score reaches, compared after rounding to two decimals."""
    rounded = round(score, 2)
    for band in _highest_first(scale):
        if rounded >= band.min:
            return Grade(band.key, band.label)
    lowest = min(scale, key=lambda b: b.min)
    return Grade(lowest.key, lowest.label)


def _highest_first(scale: GradeScale) -> list[Band]:
    """The bands from the highest lower bound down, sorted once for the run's scale (a tuple, kept by identity)."""
    if _LAST_SCALE and _LAST_SCALE[0][0] is scale:
        return _LAST_SCALE[0][1]
    ordered = sorted(scale, key=lambda b: b.min, reverse=True)
    if type(scale) is tuple:  # a list could change in place
        _LAST_SCALE[:] = [(scale, ordered)]
    return ordered


_LAST_SCALE: list[tuple[GradeScale, list[Band]]] = []
