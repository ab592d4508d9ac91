"""Runs the rules on a valid document, applies its waivers, and stamps each hit as a finding."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Set
from datetime import date
from typing import Any, NamedTuple

from svcstd.checks import UNWAIVABLE, is_check
from svcstd.config.settings import RuleSettings, Settings
from svcstd.i18n import Catalog
from svcstd.model import Finding, LoadedDocument, Principle, Severity, Text, Waiver, make_finding
from svcstd.reading.sourcemap import SourceMap
from svcstd.rules.base import AppliesFunction, CheckFunction, Hit, Rule, RuleContext, gate_of, leads
from svcstd.rules.facts import judging
from svcstd.scoring.scores import Outcome, Status
from svcstd.standard.kinds import is_full_standard

MESSAGES = Catalog(
    "engine",
    {
        "expired": (
            "The waiver for {rule} expired on {until}; the rule applies again. Fix the problem or renew "
            "the waiver with a new approval.",
            "Pengecualian untuk {rule} berakhir pada {until}; aturan tersebut berlaku kembali. Perbaiki "
            "masalahnya atau perbarui pengecualian dengan persetujuan baru.",
        ),
        "unknown_rule": (
            "The waiver names {rule}, which is not a rule. Check the rule id with `svcstd rules`.",
            "Pengecualian menyebut {rule}, yang bukan kode aturan. Periksa kode aturan dengan `svcstd rules`.",
        ),
        "unwaivable": (
            "{rule} is a reading, schema or gate check and cannot be waived: the document must be corrected.",
            "{rule} adalah pemeriksaan pembacaan, skema, atau gerbang dan tidak dapat dikecualikan: "
            "dokumennya harus diperbaiki.",
        ),
    },
)


class Evaluation(NamedTuple):
    findings: tuple[Finding, ...]
    outcomes: tuple[Outcome, ...]
    waivers: tuple[Waiver, ...]


class _Planned(NamedTuple):
    """One selected rule as a run judges it: its context, weight and severity with the settings applied."""

    rule: Rule
    context: RuleContext
    weight: int
    severity: Severity
    plain: Text | None
    """The rule's message when a hit has no parameters (None when the message needs some)."""
    skipped: Outcome
    """The outcome when the rule does not apply, then when nothing is found, then when found and waived: the
    same for every document of a run (outcomes are immutable), made once."""
    passed: Outcome
    waived: Outcome
    failed: Outcome | None
    """The outcome of a failure for an ungraded rule (it earns nothing: credit 0), made once; None for a graded
    rule, whose credit is counted per document."""
    full_only: bool
    """`rule.applies` as its parts (`rules.base.gate_of`): only for a full standard, then only where these paths
    lead, then the rule's own test (None: none). The first two are answered once per document for all rules."""
    paths: tuple[tuple[str, ...], ...]
    applies: AppliesFunction | None
    check: CheckFunction
    """`rule.check`, and below `rule.id` and `rule.principle`: read once per run, not per document."""
    id: str
    principle: Principle


_last_plan: list[tuple[tuple[Rule, ...], Settings, date, tuple[_Planned, ...], frozenset[str]]] = []
"""The plan of the last run (rules, settings and date are compared by identity): a run has one."""


def _plan(rules: tuple[Rule, ...], settings: Settings, as_of: date) -> tuple[_Planned, ...]:
    """The selected rules with their settings, made once per run (the last one is kept: a run has one)."""
    return _run(rules, settings, as_of)[0]


def _run(rules: tuple[Rule, ...], settings: Settings, as_of: date) -> tuple[tuple[_Planned, ...], frozenset[str]]:
    """The plan of a run and the ids of all its rules (what a waiver may name), made once per run."""
    for last in _last_plan:
        if last[0] is rules and last[1] is settings and last[2] == as_of:
            return last[3], last[4]
    planned = []
    for rule in rules:
        if not settings.is_selected(rule.id):
            continue
        adjusted = settings.rules.get(rule.id, RuleSettings())
        context = RuleContext({**rule.options, **adjusted.options}, as_of)
        weight = adjusted.weight if adjusted.weight is not None else rule.weight
        skipped = Outcome(rule.id, rule.principle, weight, Status.NOT_APPLICABLE, binding=rule.binding)
        passed = Outcome(rule.id, rule.principle, weight, Status.PASSED, 0.0, rule.binding)
        waived = Outcome(rule.id, rule.principle, weight, Status.WAIVED, 0.0, rule.binding)
        failed = (
            None
            if rule.items is not None
            else Outcome(rule.id, rule.principle, weight, Status.FAILED, 0.0, rule.binding)
        )
        severity = adjusted.severity or rule.severity
        gate = gate_of(rule.applies)
        check = (rule.check, rule.id, rule.principle)
        planned.append(
            _Planned(rule, context, weight, severity, _plain(rule), skipped, passed, waived, failed, *gate, *check)
        )
    plan = tuple(planned)
    known = frozenset(r.id for r in rules)
    _last_plan[:] = [(rules, settings, as_of, plan, known)]
    return plan, known


def _plain(rule: Rule) -> Text | None:
    try:
        return rule.format_message({})
    except Exception:  # such a message is filled per hit instead, and raises there as it always did
        return None


def evaluate(doc: LoadedDocument, rules: Iterable[Rule], settings: Settings, as_of: date) -> Evaluation:
    """Every selected rule's outcome and findings on a schema-valid document.

    The loop runs ~60 times per document and stamps ~12 findings: what does not change within a run is in the
    plan, what does not change within a document is read before the loop, and a finding is made by its slots.
    """
    data: Mapping[str, Any] = doc.data  # type: ignore[assignment]
    rules = rules if isinstance(rules, tuple) else tuple(rules)
    plan, known = _run(rules, settings, as_of)
    live, waiver_findings, waivers = read_waivers(data, doc.source, known, as_of)
    findings: list[Finding] = list(waiver_findings)
    outcomes: list[Outcome] = []
    found, outcome = findings.append, outcomes.append
    at_key, at_value = doc.source.key, doc.source.value
    verbose = settings.verbose
    full = is_full_standard(data)  # asked by twenty rules; a plain test of two keys
    present: dict[tuple[tuple[str, ...], ...], bool] = {}
    with judging(data):
        for (
            rule, context, weight, severity, plain, skipped, passed, waived, failed, full_only, paths, applies,
            check, rule_id, principle,
        ) in plan:  # fmt: skip
            if full_only and not full:
                outcome(skipped)
                continue
            if paths:
                there = present.get(paths)
                if there is None:
                    there = present[paths] = leads(data, paths)
                if not there:
                    outcome(skipped)
                    continue
            if applies is not None and not applies(data, context):
                outcome(skipped)
                continue
            hits = list(check(data, context))
            waiver = live.get(rule_id) if live else None
            if not hits:
                outcome(waived if waiver else passed)
                continue
            for pointer, params, key, _, _ in (
                [item for hit in hits for item in (hit.each or (hit,))] if verbose else hits
            ):
                message = plain if plain is not None and not params else rule.format_message(params)
                line, column = at_key(pointer) if key else at_value(pointer)
                found(
                    make_finding(rule_id, severity, message, pointer, line, column, principle, waiver, None, None, None)
                )
            if waiver:
                outcome(waived)
            elif failed is not None:  # ungraded: nothing earned, the same outcome each time
                outcome(failed)
            else:
                outcome(Outcome(rule_id, principle, weight, _FAILED, rule.credit(data, context, hits), rule.binding))
    return Evaluation(tuple(findings), tuple(outcomes), waivers)


_FAILED = Status.FAILED


def stamp(rule: Rule, hit: Hit, source: SourceMap, severity: Severity, waiver: Waiver | None) -> Finding:
    """A rule's hit as a finding: id, severity, principle, location and message in both languages."""
    at = source.key(hit.pointer) if hit.at_key else source.value(hit.pointer)
    return Finding(
        rule=rule.id,
        severity=severity,
        message=rule.format_message(hit.params),
        pointer=hit.pointer,
        line=at.line,
        column=at.column,
        principle=rule.principle,
        waiver=waiver,
    )


def read_waivers(
    data: Mapping[str, Any], source: SourceMap, known: Set[str], as_of: date
) -> tuple[dict[str, Waiver], list[Finding], tuple[Waiver, ...]]:
    """Live waivers by rule id, findings for expired, unknown and unwaivable ones, and all waivers."""
    live: dict[str, Waiver] = {}
    findings: list[Finding] = []
    waivers: list[Waiver] = []
    for index, entry in enumerate(data.get("waivers", [])):
        waiver = Waiver(entry["rule"], entry["reason"], entry["approved_by"], entry["until"])
        waivers.append(waiver)
        problem = _waiver_problem(waiver, known, as_of)
        if problem is None:
            live[waiver.rule] = waiver
            continue
        kind, rule_id, field_name = problem
        at = source.value(f"/waivers/{index}/{field_name}")
        severity = Severity.WARNING if kind == "expired" else Severity.ERROR
        message = MESSAGES.text(kind, rule=waiver.rule, until=waiver.until)
        findings.append(Finding(rule_id, severity, message, f"/waivers/{index}/{field_name}", at.line, at.column))
    return live, findings, tuple(waivers)


def _waiver_problem(waiver: Waiver, known: Set[str], as_of: date) -> tuple[str, str, str] | None:
    if is_check(waiver.rule) or waiver.rule[:3] in UNWAIVABLE:
        return ("unwaivable", "WVR003", "rule")
    if waiver.rule not in known:
        return ("unknown_rule", "WVR002", "rule")
    if date.fromisoformat(waiver.until) < as_of:
        return ("expired", "WVR001", "until")
    return None
