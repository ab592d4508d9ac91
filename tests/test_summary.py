"""The repository view behind the human reports: counts, groups, top rules, dates, comparison (summary.py)."""

from __future__ import annotations

import pytest

from svcstd import api
from svcstd.errors import UsageError
from svcstd.model import (
    DocumentMeta,
    DocumentResult,
    Finding,
    Grade,
    Principle,
    PrincipleResult,
    Report,
    Severity,
    Text,
    Waiver,
)
from svcstd.reporters import json_report
from svcstd.reporters.summary import infer_scale, parse_previous, summarize, tone_of
from svcstd.rules import BUILTIN_RULES
from svcstd.scoring.grades import OMBUDSMAN, SKM

GREEN = Grade("green", OMBUDSMAN[0].label)
YELLOW = Grade("yellow", OMBUDSMAN[1].label)
RED = Grade("red", OMBUDSMAN[2].label)
SOON = Waiver("TRA007", "Kanal SP4N-LAPOR! sedang disiapkan", "Kepala Dinas", "2026-12-10")
LATER = Waiver("FAI004", "Format braille dicetak tahun depan", "Kepala Dinas", "2027-03-01")


def principles(*scores: float | None) -> tuple[PrincipleResult, ...]:
    return tuple(PrincipleResult(p, s) for p, s in zip(Principle, scores, strict=True))


def finding(rule: str, severity: Severity, line: int, en: str, id_: str = "", waiver: Waiver | None = None) -> Finding:
    return Finding(rule, severity, Text(en, id_ or en), "/x", line, 1, None, waiver)


def sample_report(**texts: str) -> Report:
    """Four documents: a good one with a waiver, two in one file (one weak), one broken.

    Keyword arguments replace the content strings (title, provider, message, path), for hostile input.
    """
    title, provider = texts.get("title", "Penerbitan KTP-el"), texts.get("provider", "Dinas A")
    message, path = texts.get("message", "Fotokopi KTP diminta"), texts.get("path", "standar/b.yaml")
    broken = DocumentResult(
        "standar/rusak.yaml", 0, None, "Layanan Rusak", False,
        (finding("SCH002", Severity.ERROR, 3, "`delivery` is missing", "`delivery` tidak ada"),),
    )  # fmt: skip
    documents = (_good(title, provider), *_same_file(path, message, provider), broken)
    return Report("9.9.9", "2026-11-27", documents, api.rule_infos(BUILTIN_RULES))


def _good(title: str, provider: str) -> DocumentResult:
    return DocumentResult(
        "standar/a.yaml", 0, "dinas-a/ktp-el", title, True,
        (
            finding("FAI005", Severity.INFO, 12, "Service hours exclude working people", "Jam layanan tidak ramah"),
            finding("TRA007", Severity.WARNING, 40, "No SP4N-LAPOR! channel", "Tanpa kanal SP4N-LAPOR!", SOON),
        ),
        92.3, GREEN, principles(100.0, 90.0, 95.0, 80.0, 100.0, 88.5), True,
        DocumentMeta(provider, "Bidang Pelayanan", "adopted", "1.0", "2026-06-15", "2027-06-15", (SOON, LATER)),
    )  # fmt: skip


def _same_file(path: str, message: str, provider: str) -> tuple[DocumentResult, DocumentResult]:
    weak = DocumentResult(
        path, 0, "dinas-b/pbg", "Persetujuan Bangunan Gedung", True,
        (
            finding("SIM003", Severity.WARNING, 30, message, "Persyaratan meminta fotokopi"),
            finding("SIM003", Severity.WARNING, 31, message, "Persyaratan meminta fotokopi"),
            finding("ACC003", Severity.ERROR, 44, "Fee without legal basis", "Biaya tanpa dasar hukum"),
        ),
        45.0, RED, principles(40.0, 0.0, 60.0, 55.0, 70.0, None), False,
        DocumentMeta("Dinas B", None, "adopted", "2.1", "2023-01-01", "2026-01-01"),
    )  # fmt: skip
    second = DocumentResult(
        path, 1, "dinas-b/slf", "Sertifikat Laik Fungsi", True,
        (finding("XYZ001", Severity.ERROR, 80, "A custom rule failed", "Aturan khusus gagal"),),
        70.0, YELLOW, principles(70.0, 70.0, 70.0, 70.0, 70.0, 70.0), False,
        DocumentMeta(provider, None, "draft", "0.1"),
    )  # fmt: skip
    return weak, second


def test_counts_and_grades() -> None:
    summary = summarize(sample_report())
    assert summary.counts[:4] == (4, 3, 1, 69.1)
    assert tuple(summary.counts.findings) == (3, 2, 1)  # the waived warning does not count
    assert [(g.key, g.documents, g.tone) for g in summary.grades] == [
        ("green", 1, "good"),
        ("yellow", 1, "mid"),
        ("red", 1, "bad"),
    ]
    assert summary.scale == OMBUDSMAN


def test_principle_averages_skip_missing_scores() -> None:
    averages = dict(summarize(sample_report()).principles)
    assert averages[Principle.SIMPLICITY] == 70.0
    assert averages[Principle.PARTICIPATION] == 53.3
    assert averages[Principle.FAIRNESS] == 79.2


def test_documents_grouped_by_provider_unknown_last() -> None:
    groups = summarize(sample_report()).providers
    assert [(g.provider, [(d.path, d.index) for d in g.documents]) for g in groups] == [
        ("Dinas A", [("standar/a.yaml", 0), ("standar/b.yaml", 1)]),
        ("Dinas B", [("standar/b.yaml", 0)]),
        (None, [("standar/rusak.yaml", 0)]),
    ]


def test_top_rules_by_documents_then_findings_with_fix_and_unknown_ids() -> None:
    tallies = summarize(sample_report()).top_rules
    assert [(t.rule, t.documents, t.findings) for t in tallies] == [
        ("SIM003", 1, 2),
        ("ACC003", 1, 1),
        ("FAI005", 1, 1),
        ("SCH002", 1, 1),
        ("XYZ001", 1, 1),
    ]
    sim003 = tallies[0]
    assert sim003.title is not None and sim003.fix is not None and sim003.reference is not None
    unknown = tallies[-1]
    assert unknown.title is None and unknown.fix is None and unknown.example.en == "A custom rule failed"
    assert unknown.severity is Severity.ERROR


def test_overdue_reviews_and_waivers_ending_within_30_days() -> None:
    summary = summarize(sample_report())
    assert [(o.document.path, o.due, o.days) for o in summary.overdue] == [("standar/b.yaml", "2026-01-01", 330)]
    assert [(w.waiver.rule, w.days) for w in summary.expiring] == [("TRA007", 13)]


def test_scale_is_inferred_from_the_grades_seen() -> None:
    docs = sample_report().documents
    assert infer_scale(docs) == OMBUDSMAN
    skm = tuple(DocumentResult(d.path, 0, None, None, True, (), 90.0, Grade("A", SKM[0].label)) for d in docs[:1])
    assert infer_scale(skm) == SKM
    custom = (DocumentResult("x.yaml", 0, None, None, True, (), 75.0, Grade("baik", Text("good", "baik"))),)
    assert [band.key for band in infer_scale(custom)] == ["baik"]
    assert tone_of("baik", infer_scale(custom)) == "good"
    assert tone_of("B", SKM) == "mid" and tone_of("D", SKM) == "bad" and tone_of("Z", SKM) == "none"


def test_comparison_matches_by_path_and_index_then_by_id() -> None:
    old = sample_report()
    previous = json_report.as_dict(old, "en")
    previous["as_of"] = "2026-06-01"
    previous["documents"][1]["score"] = 50.0  # b.yaml's first document was better then
    previous["documents"][1]["principles"]["simplicity"]["score"] = 60.0
    previous["documents"][0]["path"] = "lama/a.yaml"  # renamed since: matched by id
    previous["documents"][3]["path"] = "standar/hapus.yaml"  # no id, other path: removed, and rusak.yaml is new
    comparison = summarize(old, previous=parse_previous(previous, "old.json")).comparison
    assert comparison is not None and comparison.previous_as_of == "2026-06-01"
    changes = [(c.document.path, c.document.index, c.change.old, c.change.delta) for c in comparison.documents]
    assert changes == [  # the regression first
        ("standar/b.yaml", 0, 50.0, -5.0),
        ("standar/a.yaml", 0, 92.3, 0.0),
        ("standar/b.yaml", 1, 70.0, 0.0),
    ]
    assert [d.path for d in comparison.added] == ["standar/rusak.yaml"]
    assert [d.path for d in comparison.removed] == ["standar/hapus.yaml"]
    assert dict(comparison.principles)[Principle.SIMPLICITY].delta == -6.7
    assert comparison.overall.old == 70.8 and comparison.overall.delta == -1.7


@pytest.mark.parametrize(
    "data",
    [
        [],
        {"documents": []},
        {"format_version": 2, "documents": []},
        {"format_version": 1},
        {"format_version": 1, "documents": ["x"]},
        {"format_version": 1, "documents": [{"path": "a.yaml"}]},
        {"format_version": 1, "documents": [{"path": "a.yaml", "index": 0, "score": "91"}]},
        {"format_version": 1, "documents": [{"path": "a.yaml", "index": 0, "principles": []}]},
    ],
)
def test_a_file_that_is_no_json_report_cannot_be_compared(data: object) -> None:
    with pytest.raises(UsageError) as raised:
        parse_previous(data, "old.json")
    assert "old.json" in raised.value.message.en and "svcstd check --format json" in raised.value.message.id


def test_comparison_names_new_fixed_and_persisting_findings_and_the_gate_lost() -> None:
    report = sample_report()
    previous = json_report.as_dict(report, "en")
    weak = previous["documents"][1]
    weak["passed"], weak["grade"] = True, "yellow"  # passed then, red and failing now
    weak["findings"] = [f for f in weak["findings"] if f["rule"] != "ACC003"]  # ACC003 is new
    weak["findings"].append({"rule": "SIM001", "pointer": "/requirements", "severity": "error", "waived": False})
    comparison = summarize(report, previous=parse_previous(previous, "old.json")).comparison
    assert comparison is not None
    first = comparison.documents[0]
    assert (first.document.id, first.old_grade, first.old_passed, first.regressed) == (
        "dinas-b/pbg",
        "yellow",
        True,
        True,
    )
    assert first.new_findings == (("ACC003", "/x"),) and first.fixed_findings == (("SIM001", "/requirements"),)
    assert first.persisting == 2 and comparison.new_findings == 1 and comparison.fixed_findings == 1
    assert comparison.headline.passing == (2, 1) and comparison.headline.errors == (3, 3)


class _CountedTuple(tuple):  # type: ignore[type-arg]
    """A tuple that counts how often it is walked: a search per document walks it once per document."""

    walks = 0

    def __iter__(self):  # type: ignore[no-untyped-def]
        type(self).walks += 1
        return super().__iter__()


def _walks_of_previous(count: int) -> int:
    base = sample_report().documents[0]
    docs = tuple(
        DocumentResult(f"s/{n}.yaml", 0, f"id-{n}", "t", True, base.findings, 80.0, GREEN, base.principles, True)
        for n in range(count)
    )
    report = Report("9", "2026-11-27", docs, ())
    previous = parse_previous(json_report.as_dict(report, "en"), "old.json")
    counted = previous._replace(documents=_CountedTuple(previous.documents))
    _CountedTuple.walks = 0
    summarize(report, previous=counted)
    return _CountedTuple.walks


def test_comparison_is_linear_in_the_number_of_documents() -> None:
    """Matching builds one index per report instead of searching the old report for each document (1.5 s at
    4,000): the old report is walked the same few times whatever the number of documents. No clock involved."""
    assert _walks_of_previous(50) == _walks_of_previous(400) < 20
