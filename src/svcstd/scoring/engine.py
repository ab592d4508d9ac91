"""Runs the rules on a valid document, applies its waivers, and stamps each hit as a finding."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Set
from datetime import date
from typing import Any, NamedTuple

from svcstd.checks import UNWAIVABLE, is_check
from svcstd.config.settings import RuleSettings, Settings
from svcstd.i18n import Catalog
from svcstd.model import Finding, LoadedDocument, Location, Principle, Severity, Text, Waiver, make_finding
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


class _Step(NamedTuple):
    """One rule as a document of one kind (full standard or not) meets it: what `evaluate` reads per rule."""

    place: int
    """The rule's place in the plan, which is its outcome's place."""
    slot: int | None
    """Which of the run's distinct component paths the rule needs (`_Schedule.paths`), None when none."""
    applies: AppliesFunction | None
    check: CheckFunction
    rule: Rule
    context: RuleContext
    id: str
    plain: Text | None
    passed: Outcome
    waived: Outcome
    failed: Outcome | None
    severity: Severity
    principle: Principle
    weight: int
    binding: bool


class _Schedule(NamedTuple):
    """The plan as a document of one kind meets it, made once per run and kind.

    `outcomes` is every rule's not-applicable outcome in plan order: a document's outcomes start as a copy and
    only the rules that apply write their place. `steps` leaves out the rules that cannot apply to this kind
    (a full-standard rule on a published sheet), so a document pays nothing for them.
    """

    outcomes: list[Outcome]
    steps: tuple[_Step, ...]
    paths: tuple[tuple[tuple[str, ...], ...], ...]


_last_plan: list[
    tuple[tuple[Rule, ...], Settings, date, tuple[_Planned, ...], frozenset[str], tuple[_Schedule, _Schedule]]
] = []
"""The plan of the last run (rules, settings and date are compared by identity): a run has one."""


def _plan(rules: tuple[Rule, ...], settings: Settings, as_of: date) -> tuple[_Planned, ...]:
    """The selected rules with their settings, made once per run (the last one is kept: a run has one)."""
    return _run(rules, settings, as_of)[0]


def _run(
    rules: tuple[Rule, ...], settings: Settings, as_of: date
) -> tuple[tuple[_Planned, ...], frozenset[str], tuple[_Schedule, _Schedule]]:
    """The plan of a run, the ids of all its rules (what a waiver may name), and its schedules for a document that
    is not a full standard and one that is: made once per run."""
    for last in _last_plan:
        if last[0] is rules and last[1] is settings and last[2] == as_of:
            return last[3], last[4], last[5]
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
    schedules = (_schedule(plan, full=False), _schedule(plan, full=True))
    _last_plan[:] = [(rules, settings, as_of, plan, known, schedules)]
    return plan, known, schedules


def _schedule(plan: tuple[_Planned, ...], *, full: bool) -> _Schedule:
    paths: dict[tuple[tuple[str, ...], ...], int] = {}
    steps = []
    for index, each in enumerate(plan):
        if each.full_only and not full:
            continue
        slot = paths.setdefault(each.paths, len(paths)) if each.paths else None
        steps.append(
            _Step(
                index,
                slot,
                each.applies,
                each.check,
                each.rule,
                each.context,
                each.id,
                each.plain,
                each.passed,
                each.waived,
                each.failed,
                each.severity,
                each.principle,
                each.weight,
                each.rule.binding,
            )
        )
    return _Schedule([each.skipped for each in plan], tuple(steps), tuple(paths))


def _plain(rule: Rule) -> Text | None:
    try:
        return rule.format_message({})
    except Exception:  # such a message is filled per hit instead, and raises there as it always did
        return None


_NO_WAIVERS: tuple[Waiver, ...] = ()


def evaluate(doc: LoadedDocument, rules: Iterable[Rule], settings: Settings, as_of: date) -> Evaluation:  # noqa: PLR0912  (one hot loop)
    """Every selected rule's outcome and findings on a schema-valid document.

    The loop runs ~60 times per document and stamps ~12 findings: what does not change within a run is in the
    plan, what does not change within a document's kind is in its schedule (the rules that cannot apply to it
    are left out, and every outcome starts as not applicable), what does not change within a document is read
    before the loop, and a finding is made by its slots.
    """
    data: Mapping[str, Any] = doc.data  # type: ignore[assignment]
    rules = rules if isinstance(rules, tuple) else tuple(rules)
    _, known, schedules = _run(rules, settings, as_of)
    if "waivers" in data:
        live, waiver_findings, waivers = read_waivers(data, doc.source, known, as_of)
        findings: list[Finding] = list(waiver_findings)
    else:  # what `read_waivers` gives for a document without waivers, without the call
        live, findings, waivers = None, [], _NO_WAIVERS
    found = findings.append
    at_key, at_value = doc.source.key, doc.source.value
    keys_at: dict[str, Location] = {}
    values_at: dict[str, Location] = {}
    verbose = settings.verbose
    template, steps, paths = schedules[is_full_standard(data)]  # full standard: asked by twenty rules
    outcomes = template[:]
    present: list[bool | None] = [None] * len(paths) if paths else []
    with judging(data):
        for (
            place, slot, applies, check, rule, context, rule_id, plain, passed, waived, failed, severity, principle,
            weight, binding,
        ) in steps:  # fmt: skip
            if slot is not None:
                there = present[slot]
                if there is None:
                    there = present[slot] = leads(data, paths[slot])
                if not there:
                    continue  # not applicable: the outcome already in place
            if applies is not None and not applies(data, context):
                continue
            hits = list(check(data, context))
            waiver = live.get(rule_id) if live else None
            if not hits:
                outcomes[place] = waived if waiver else passed
                continue
            for pointer, params, key, _, _ in (
                [item for hit in hits for item in (hit.each or (hit,))] if verbose else hits
            ):
                message = plain if plain is not None and not params else rule.format_message(params)
                placed = keys_at if key else values_at  # a place asked before in this document (a quarter of
                at = placed.get(pointer)  # them) is not looked up again
                if at is None:
                    at = placed[pointer] = at_key(pointer) if key else at_value(pointer)
                line, column = at
                found(
                    make_finding(rule_id, severity, message, pointer, line, column, principle, waiver, None, None, None)
                )
            if waiver:
                outcomes[place] = waived
            elif failed is not None:  # ungraded: nothing earned, the same outcome each time
                outcomes[place] = failed
            else:
                credit = rule.credit(data, context, hits)
                outcomes[place] = _new_outcome(Outcome, (rule_id, principle, weight, _FAILED, credit, binding))
    return Evaluation(tuple(findings), tuple(outcomes), waivers)


_new_outcome = tuple.__new__
"""`Outcome(...)` with every field given, without the named tuple's own `__new__` (a Python function)."""
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
