"""The core as functions: check(paths, pipeline) -> Report. No printing, no exiting (STYLE.md).

Every command judges through here: `pipeline()` fixes the settings, loads every rule once (built-in
and custom) and the date; `check` runs it over files (cached and in worker processes when it pays),
`judge_file` over one file for `render`; `diff` judges both versions with the same pipeline.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from svcstd import __version__
from svcstd.checks import CHECK_INFOS
from svcstd.config.notes import configuration_notes, globs_note
from svcstd.config.settings import DEFAULT_SETTINGS, Settings
from svcstd.judge import Pipeline, Results, judge_file, read_stamped
from svcstd.model import DocumentResult, DocumentStream, Finding, Report, RuleInfo, Text
from svcstd.parallel import judging
from svcstd.reading.discovery import Target, discover, found_in_folders, run_targets
from svcstd.rules import load_rules
from svcstd.rules.base import Rule
from svcstd.spill import EVERYTHING, Packed, Packing, Spill, documents_of

if TYPE_CHECKING:
    from svcstd.cache import ResultCache
    from svcstd.cache.replay import Recorder

__all__ = ["Pipeline", "check", "check_pipeline", "discover", "held", "judge_file", "pipeline", "rule_infos", "targets"]

Progress = Callable[[int, int], None]
"""Called with (files done, files in all) as the run goes on."""
Originals = Callable[[Target, Pipeline], Results | None]
"""Judges a named .docx/.pdf/.html/.xlsx in memory (importing.originals, passed by the CLI); None for YAML."""


def pipeline(
    settings: Settings = DEFAULT_SETTINGS, as_of: date | None = None, rules: tuple[Rule, ...] | None = None
) -> Pipeline:
    """The configured pipeline: the settings, every rule read once (custom rules from `rule_paths`), the date."""
    return Pipeline(settings, load_rules(settings.rule_paths) if rules is None else rules, as_of or date.today())


def targets(paths: Sequence[str], settings: Settings, skip_non_standards: bool = False) -> list[Target]:
    """The files a run reads: named files, and the standards found in folders (include/exclude applied)."""
    return run_targets(paths, settings.include, settings.exclude, settings.config_root, skip_non_standards)


def check(
    paths: Sequence[str],
    settings: Settings = DEFAULT_SETTINGS,
    as_of: date | None = None,
    rules: tuple[Rule, ...] | None = None,
    jobs: int | None = None,
    use_cache: bool = False,
    progress: Progress | None = None,
    skip_non_standards: bool = False,
    originals: Originals | None = None,
) -> Report:
    """Discover, read, validate, judge and score every standard under `paths`.

    `rules` defaults to the built-in rules and those of `settings.rule_paths`, read once. `jobs` (worker
    processes, default: the CPUs), `use_cache` (the result cache) and `progress` change speed and
    feedback, never the result. `skip_non_standards` passes over named files without a top-level
    `svcstd` key as folder searches do (for pre-commit, which names every YAML file). `originals`
    (importing.originals.judge_original) judges the Word, PDF, HTML and Excel files named.
    """
    run = pipeline(settings, as_of, rules)
    return check_pipeline(paths, run, jobs, use_cache, progress, skip_non_standards, originals)


def check_pipeline(
    paths: Sequence[str],
    run: Pipeline,
    jobs: int | None = None,
    use_cache: bool = False,
    progress: Progress | None = None,
    skip_non_standards: bool = False,
    originals: Originals | None = None,
    spill: Spill | None = None,
    recorder: Recorder | None = None,
) -> Report:
    """`check` with a pipeline already made (the CLI makes one, to validate --select against its rules).

    With a `spill`, each file's results go to its temporary file as they arrive and the report's
    documents are read back from it one at a time (memory flat with the corpus; the CLI's way); without
    one they are held in memory as a tuple. The report is the same either way. A `recorder` (the CLI's
    run record, cache/replay.py) stamps the targets before any is read, and notes what the cache holds.

    Workers pack each document as the spill keeps it (`spill.Packing`: its JSON line, and the document
    pickled), and pickle it anyway when this process holds the report; with the cache they also encode each
    file's cache record (cache/encoder.py), which this process writes as it is.
    """
    files = targets(paths, run.settings, skip_non_standards)
    if recorder is not None:
        recorder.watch(files, found_by_folders(paths, run.settings))
    store = _open_cache(run) if use_cache else None
    empty: set[int] = set()
    held: dict[int, Results] = {}
    share = SharedTexts()
    packing = _transport(spill)
    try:
        for slot, results in _results(files, run, jobs, store, progress or _quiet, originals, packing):
            if not results:
                empty.add(slot)
            elif spill is not None:
                spill.add(slot, results)
            else:
                held[slot] = share(documents_of(results)) or ()
        if store is not None:
            store.save()
            if recorder is not None:
                recorder.stored(store, files)
        elif recorder is not None:
            recorder.give_up()
    finally:
        if store is not None:
            store.close()  # an interrupted run leaves no pack behind (saved ones are already closed)
    if spill is not None:
        documents: Sequence[DocumentResult] = spill.documents()
    else:
        documents = tuple(doc for slot in sorted(held) for doc in held[slot])
    skipped = tuple(files[slot].display for slot in sorted(empty))
    notes = (*configuration_notes(run.settings, run.rules), *_globs_note(paths, run.settings, files))
    return Report(__version__, run.as_of.isoformat(), documents, rule_infos(run.rules), notes, skipped)


def _transport(spill: Spill | None) -> Packing:
    """What workers pack of each document: what the spill keeps, or (without a spill, the report held in
    memory) the document itself. The cache needs nothing of it: the workers encode its records."""
    return EVERYTHING if spill is None else spill.packing


def _globs_note(paths: Sequence[str], settings: Settings, files: list[Target]) -> tuple[Text, ...]:
    """Said when include/exclude drop every file a folder search found (searched again without them to count)."""
    found = found_by_folders(paths, settings)
    if found is None:
        return ()
    return globs_note(settings, found, sum(not target.explicit for target in files))


def found_by_folders(paths: Sequence[str], settings: Settings) -> int | None:
    """With include/exclude: how many files the folder searches find without them (the globs note counts
    them); None without include/exclude."""
    return found_in_folders(paths, settings.include, settings.exclude, settings.config_root)


def _open_cache(run: Pipeline) -> ResultCache | None:
    """The run's cache; none when the cache folder cannot be made (read-only home): a slower run, not an error.

    A cache folder that is a link or not the user's own raises CacheError (exit 2): refused, and said.
    The cache's modules are imported here, by a run that uses it: a `--no-cache` run imports none of them.
    """
    from svcstd.cache import ResultCache, context_digest

    try:
        return ResultCache(context_digest(run.settings, run.rules, run.as_of))
    except OSError:
        return None


def rule_infos(rules: Sequence[Rule]) -> tuple[RuleInfo, ...]:
    """What a report says of every rule and built-in check of a run."""
    return (*(rule.info for rule in rules), *CHECK_INFOS)


def _quiet(done: int, total: int) -> None:
    """No progress to show."""


def _results(
    files: list[Target],
    run: Pipeline,
    jobs: int | None,
    store: ResultCache | None,
    progress: Progress,
    originals: Originals | None = None,
    packing: Packing | None = None,
) -> Iterator[tuple[int, Sequence[DocumentResult]]]:
    """(position of the target, its results) as they come: originals and cached ones first, then the rest judged.

    Nothing is held here: a caller that keeps the results (or writes them out) decides what memory costs.
    Results from workers come packed as `packing` says (spill.Packed), with their cache records when there is
    a cache.
    """
    from svcstd import collector

    collector.resume()  # the program's start is over (svcstd.collector): before any file is read or forked for
    missing = []
    for slot, target in enumerate(files):
        found = _original(target, run, originals, store)
        if found is None:
            missing.append(slot)
        else:
            yield slot, found
    done = len(files) - len(missing)
    with judging([files[slot] for slot in missing], run, jobs, packing, store is not None) as judged:
        progress(done, len(files))  # after the pool forked: a progress bar may start a thread
        for slot, (digest, results) in zip(missing, judged, strict=True):
            if store is not None and digest is not None:
                encoded = results.encoded if isinstance(results, Packed) else None
                if encoded is not None:
                    store.put_encoded(files[slot], digest, encoded)
                else:
                    store.put(files[slot], digest, documents_of(results))
            yield slot, results
            done += 1
            progress(done, len(files))


def held(report: Report) -> Report:
    """The report with every document in memory (a tuple), its messages and pointers shared as a held run's are.

    For a caller of the API that wants them all at once (random access many times over, or the spill
    closed). The CLI no longer needs it: every output format, the Markdown and HTML summaries included,
    and a baseline read a spilled report one document at a time. A report already held is returned as it is.
    """
    if not isinstance(report.documents, DocumentStream):
        return report
    share = SharedTexts()
    documents = tuple(kept for doc in report.documents for kept in share((doc,)) or ())
    return replace(report, documents=documents)


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
        return tuple(map(self._document, results))

    def _document(self, doc: DocumentResult) -> DocumentResult:
        findings = tuple(map(self._finding, doc.findings))
        if all(map(operator.is_, findings, doc.findings)):
            return doc  # already shared (the cache decodes with one object per text): nothing to replace
        return replace(doc, findings=findings)

    def _finding(self, finding: Finding) -> Finding:
        message = self.texts.setdefault(finding.message, finding.message)
        pointer = self.strings.setdefault(finding.pointer, finding.pointer)
        anchor = self.strings.setdefault(finding.anchor, finding.anchor) if finding.anchor else None
        if message is finding.message and pointer is finding.pointer and anchor is finding.anchor:
            return finding
        return replace(finding, message=message, pointer=pointer, anchor=anchor)


def _original(target: Target, run: Pipeline, originals: Originals | None, store: ResultCache | None) -> Results | None:
    """An original's results, judged now and never cached (the cache holds YAML files'), or a cached result."""
    judged = originals(target, run) if originals is not None else None
    return judged if judged is not None else _cached(target, run, store)


def _cached(target: Target, run: Pipeline, store: ResultCache | None) -> Results | None:
    """The target's cached results: by its stat stamp without reading it, else by the digest of its bytes."""
    return None if store is None else store.lookup(target, lambda: read_stamped(target, run.settings))
