"""The core as functions: check(paths, settings) -> Report. No printing, no exiting (STYLE.md)."""

from __future__ import annotations

import os
import re
import signal
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Any, NamedTuple

from svcstd import __version__, gate
from svcstd.cache import ResultCache, cache_root, context_digest, file_digest, rule_identity
from svcstd.config import DEFAULT_SETTINGS, Settings
from svcstd.discovery import Target, discover, is_regular_file
from svcstd.engine import evaluate
from svcstd.fingerprints import stable_pointer
from svcstd.gate import threshold_findings
from svcstd.grades import grade_for
from svcstd.loader import empty_file, load_bytes, unreadable
from svcstd.model import DocumentMeta, DocumentResult, Finding, LoadedDocument, PrincipleResult, Report, Severity, Text
from svcstd.rules import BUILTIN_RULES
from svcstd.rules.base import Rule
from svcstd.scoring import overall_score, principle_results
from svcstd.validation import validate

if TYPE_CHECKING:
    from multiprocessing.context import BaseContext

_LOOKS_LIKE_STANDARD = re.compile(rb"^svcstd\s*:", re.MULTILINE)

MIN_PARALLEL = 50
"""Below this many files to judge, starting worker processes costs more than it saves."""

Progress = Callable[[int, int], None]
"""Called with (files done, files in all) as the run goes on."""

Results = tuple[DocumentResult, ...]
Judged = Iterator[tuple[str | None, Results]]


class Job(NamedTuple):
    """What judging a file needs besides the file: the same in the parent and in every worker."""

    settings: Settings
    rules: tuple[Rule, ...]
    as_of: date


def check(
    paths: Sequence[str],
    settings: Settings = DEFAULT_SETTINGS,
    as_of: date | None = None,
    rules: tuple[Rule, ...] = BUILTIN_RULES,
    jobs: int | None = None,
    use_cache: bool = False,
    progress: Progress | None = None,
    skip_non_standards: bool = False,
) -> Report:
    """Discover, read, validate, judge and score every standard under `paths`.

    `jobs` (worker processes, default: the CPUs), `use_cache` (the result cache) and `progress`
    change speed and feedback, never the result. `skip_non_standards` passes over named files without
    a top-level `svcstd` key as folder searches do (for pre-commit, which names every YAML file).
    """
    job = Job(settings, rules, as_of or date.today())
    targets = discover(paths, settings.include, settings.exclude, settings.config_root)
    if skip_non_standards:
        targets = [target._replace(explicit=False) for target in targets]
    store = ResultCache(cache_root(), context_digest(settings, rules, job.as_of)) if use_cache else None
    found = _results(targets, job, jobs, store, progress or _quiet)
    if store is not None:
        store.save()
    documents = tuple(result for results in found for result in results)
    return Report(__version__, job.as_of.isoformat(), documents)


def _quiet(done: int, total: int) -> None:
    """No progress to show."""


def _results(
    targets: list[Target], job: Job, jobs: int | None, store: ResultCache | None, progress: Progress
) -> list[Results]:
    """Each target's results in the targets' order: cached ones first, then the rest judged."""
    share = SharedTexts()
    slots: list[Results | None] = [share(_cached(target, job, store)) for target in targets]
    missing = [index for index, slot in enumerate(slots) if slot is None]
    done = len(targets) - len(missing)
    with _judging([targets[index] for index in missing], job, jobs) as judged:
        progress(done, len(targets))  # after the pool forked: a progress bar may start a thread
        for index, (digest, results) in zip(missing, judged, strict=True):
            slots[index] = share(results)
            if store is not None and digest is not None:
                store.put(targets[index], digest, results)
            done += 1
            progress(done, len(targets))
    return [slot or () for slot in slots]


class SharedTexts:
    """One object per distinct message and pointer across a run.

    A repository repeats the same few hundred messages over thousands of standards; sharing them
    keeps a run over 10,000 standards in a fraction of the memory. Results are otherwise unchanged.
    """

    def __init__(self) -> None:
        self.texts: dict[Text, Text] = {}
        self.strings: dict[str, str] = {}

    def __call__(self, results: Results | None) -> Results | None:
        if results is None:
            return None
        return tuple(replace(doc, findings=tuple(map(self._finding, doc.findings))) for doc in results)

    def _finding(self, finding: Finding) -> Finding:
        message = self.texts.setdefault(finding.message, finding.message)
        pointer = self.strings.setdefault(finding.pointer, finding.pointer)
        anchor = self.strings.setdefault(finding.anchor, finding.anchor) if finding.anchor else None
        return replace(finding, message=message, pointer=pointer, anchor=anchor)


def _cached(target: Target, job: Job, store: ResultCache | None) -> Results | None:
    if store is None:
        return None
    raw = _read_raw(target, job.settings)
    return store.get(target, file_digest(raw)) if isinstance(raw, bytes) else None


def _judging(targets: list[Target], job: Job, jobs: int | None) -> AbstractContextManager[Judged]:
    """(digest of the bytes read, results) per target, in order; in worker processes when it pays."""
    workers = min(jobs or _cpu_count(), len(targets) // 8 + 1)
    if workers <= 1 or len(targets) < MIN_PARALLEL or not _portable(job):
        return nullcontext(check_file(target, job) for target in targets)
    return _pooled(targets, job, workers)


def _cpu_count() -> int:
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _portable(job: Job) -> bool:
    """Workers rebuild the rules from the settings; rules that cannot be rebuilt so stay in this process."""
    rebuilt = {rule_identity(rule) for rule in load_rules(job.settings)}
    return all(rule_identity(rule) in rebuilt for rule in job.rules)


@contextmanager
def _pooled(targets: list[Target], job: Job, workers: int) -> Iterator[Judged]:
    """A process pool over chunks of targets, started at once; `imap` keeps their order."""
    size = max(4, min(64, len(targets) // (workers * 8)))
    chunks = [targets[start : start + size] for start in range(0, len(targets), size)]
    initargs = (job.settings, [rule.id for rule in job.rules], job.as_of)
    with _pool_context().Pool(workers, initializer=_start_worker, initargs=initargs) as pool:
        yield (result for batch in pool.imap(_check_chunk, chunks) for result in batch)


def _pool_context() -> BaseContext:
    """'fork' where it is safe, else 'spawn'.

    fork: workers start in milliseconds with svcstd, jsonschema and the rules already imported, and
    as children of this process their time and memory count as its own (getrusage, the benchmark).
    The pool forks before svcstd starts any thread (the progress bar starts after), so no lock can
    be inherited held. forkserver would re-import svcstd in a server the parent never waits for.
    macOS (fork unsafe with its system libraries) and Windows (no fork) use spawn: the workers
    import svcstd and rebuild the rules from the settings, which is why only such rules go to workers.
    """
    import multiprocessing

    if sys.platform != "darwin" and "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


_WORKER_JOB: Job | None = None


def _start_worker(settings: Settings, rule_ids: list[str], as_of: date) -> None:
    """Rebuild the job in a worker; Ctrl-C is the parent's to handle (it stops the pool)."""
    global _WORKER_JOB  # noqa: PLW0603  (the one per-process state a pool initializer can set)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    by_id = {rule.id: rule for rule in load_rules(settings)}
    _WORKER_JOB = Job(settings, tuple(by_id[rule_id] for rule_id in rule_ids), as_of)


def _check_chunk(targets: list[Target]) -> list[tuple[str | None, Results]]:
    assert _WORKER_JOB is not None, "the worker initializer sets the job"
    return [check_file(target, _WORKER_JOB) for target in targets]


def load_rules(settings: Settings) -> tuple[Rule, ...]:
    """The built-in rules and the declarative rules of `rule_paths`."""
    if not settings.rule_paths:
        return BUILTIN_RULES
    from svcstd.rules.declarative import load_rule_files

    return BUILTIN_RULES + load_rule_files(settings.rule_paths)


def check_target(target: Target, settings: Settings, rules: tuple[Rule, ...], as_of: date) -> list[DocumentResult]:
    """Results for every document of one file; a discovered file that is no standard gives none."""
    return list(check_file(target, Job(settings, rules, as_of))[1])


def check_file(target: Target, job: Job) -> tuple[str | None, Results]:
    """The digest of the bytes read (None when unreadable) and the results of one file."""
    raw = _read_raw(target, job.settings)
    if not isinstance(raw, bytes):
        return None, (judge(raw, job.settings, job.rules, job.as_of),)
    loaded = load_bytes(raw, target.display, job.settings.limits)
    if not target.explicit and not _is_standard(raw, loaded):
        return file_digest(raw), ()
    if not loaded and target.explicit:
        loaded = [empty_file(target.display)]
    return file_digest(raw), tuple(judge(doc, job.settings, job.rules, job.as_of) for doc in loaded)


def read_target(target: Target, settings: Settings) -> tuple[bytes, list[LoadedDocument]]:
    """The file's bytes and documents; a file that cannot be read is one document with a finding."""
    raw = _read_raw(target, settings)
    if not isinstance(raw, bytes):
        return b"", [raw]
    return raw, load_bytes(raw, target.display, settings.limits)


def _read_raw(target: Target, settings: Settings) -> bytes | LoadedDocument:
    """The file's bytes (up to one over the size limit), or a document saying why it cannot be read."""
    if not is_regular_file(target.path):
        return unreadable(target.display, _not_regular_reason(target.path))
    try:
        with open(target.path, "rb") as handle:
            return handle.read(settings.limits.max_file_bytes + 1)
    except OSError as error:
        return unreadable(target.display, error.strerror or type(error).__name__)


def _not_regular_reason(path: str) -> str:
    try:
        os.stat(path)
    except OSError as error:
        return error.strerror or type(error).__name__
    return "not a regular file (a folder, pipe, device or socket) / bukan berkas biasa"


def _is_standard(raw: bytes, loaded: list[LoadedDocument]) -> bool:
    """A discovered file counts when a document has the `svcstd` key, or its text starts one with it."""
    if any(isinstance(doc.data, dict) and "svcstd" in doc.data for doc in loaded):
        return True
    if not any(doc.findings for doc in loaded):
        return False
    return bool(_LOOKS_LIKE_STANDARD.search(raw)) or _LOOKS_LIKE_STANDARD.search(_any_text(raw)) is not None


def _any_text(raw: bytes) -> bytes:
    """The file as UTF-8 whatever it was saved in (UTF-16/32 with a BOM, else Latin-1), to spot a standard."""
    for bom, codec in (
        (b"\xff\xfe\x00\x00", "utf-32"),
        (b"\x00\x00\xfe\xff", "utf-32"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if raw.startswith(bom):
            return raw.decode(codec, errors="replace").encode("utf-8")
    return raw.replace(b"\x00", b"")  # UTF-16 without a BOM reads as ASCII once its NUL bytes are gone


def judge(doc: LoadedDocument, settings: Settings, rules: tuple[Rule, ...], as_of: date) -> DocumentResult:
    """Validate one document and, when valid, run the rules, score it and decide the gate."""
    findings: list[Finding] = list(doc.findings)
    if isinstance(doc.data, dict):
        findings.extend(validate(doc))
    data: Mapping[str, Any] = doc.data if isinstance(doc.data, dict) else {}
    identity = (_text(data.get("id")), _text(data.get("title")))
    if any(f.severity is Severity.ERROR for f in findings):
        return DocumentResult(doc.path, doc.index, *identity, valid=False, findings=_sorted(findings, data))
    evaluation = evaluate(doc, rules, settings, as_of)
    findings.extend(evaluation.findings)
    principles = principle_results(evaluation.outcomes)
    score = overall_score(principles, settings.principle_weights)
    findings.extend(threshold_findings(score, principles, settings, doc.source.value("")))
    return DocumentResult(
        doc.path,
        doc.index,
        *identity,
        valid=True,
        findings=_sorted(findings, data),
        score=score,
        grade=grade_for(score, settings.grades) if score is not None else None,
        principles=principles,
        passed=gate.passes_gate(findings, settings),
        meta=document_meta(data, evaluation.waivers),
    )


def passes_gate(
    findings: Sequence[Finding], score: float | None, principles: Sequence[PrincipleResult], settings: Settings
) -> bool:
    """The gate on findings alone; score minimums are findings already (GAT001, GAT002: see gate.py)."""
    del score, principles  # kept for callers that recompute the gate after a baseline
    return gate.passes_gate(findings, settings)


def document_meta(data: Mapping[str, Any], waivers: tuple[Any, ...]) -> DocumentMeta:
    provider = data.get("provider", {})
    review = data.get("review", {})
    last = review.get("last_reviewed") or data.get("adoption", {}).get("date")
    interval = review.get("interval_months")
    return DocumentMeta(
        provider=provider.get("name"),
        unit=provider.get("unit"),
        status=data.get("status"),
        version=data.get("version"),
        last_reviewed=review.get("last_reviewed"),
        review_due=add_months(last, interval) if last and interval else None,
        waivers=waivers,
    )


def add_months(iso_date: str, months: int) -> str:
    """`2025-01-31` + 1 month = `2025-02-28`: the same day, or the month's last day."""
    start = date.fromisoformat(iso_date)
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    for day in range(start.day, 27, -1):
        try:
            return date(year, month, day).isoformat()
        except ValueError:
            continue
    return date(year, month, min(start.day, 28)).isoformat()


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _anchored(finding: Finding, data: Mapping[str, Any]) -> Finding:
    """The finding with its anchor, where the anchor differs from the pointer (else the pointer serves)."""
    anchor = stable_pointer(finding.pointer, data) if finding.pointer else finding.pointer
    return replace(finding, anchor=anchor) if anchor != finding.pointer else finding


def _sorted(findings: Sequence[Finding], data: Mapping[str, Any]) -> tuple[Finding, ...]:
    """In report order, each with its anchor: a location that list insertions do not move."""
    anchored = (_anchored(f, data) for f in findings)
    return tuple(sorted(anchored, key=lambda f: f.sort_key))
