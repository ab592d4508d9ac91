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
    for band in sorted(scale, key=lambda b: b.min, reverse=True):
        if rounded >= band.min:
            return Grade(band.key, band.label)
    lowest = min(scale, key=lambda b: b.min)
    return Grade(lowest.key, lowest.label)
