"""`svcstd check`: validate and score standards, write each requested format, exit by the gate.

Nothing here imports typer, click or rich: `svcstd.cli.fast` calls `check` directly for the command lines
it fully understands, and `svcstd.cli.check_command` registers it as typer's command for all the others.
"""

from __future__ import annotations

import os
import sys

from svcstd.cli.common import MESSAGES as CLI_MESSAGES
from svcstd.cli.common import (
    configured_pipeline,
    echo_err,
    output_texts,
    parse_as_of,
    parse_outputs,
    refuse_config_when_isolated,
    resolve_lang,
    use_color,
)
from svcstd.cli.output import refuse_overwriting, write_output, write_utf8
from svcstd.errors import NothingCheckedError, UsageError
from svcstd.i18n import TYPE_CHECKING, Catalog, default_language, environment_language, named_tuple
from svcstd.reading.discovery import path_text

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Mapping
    from contextlib import AbstractContextManager
    from pathlib import Path
    from typing import Any, NamedTuple

    from rich.progress import Progress

    from svcstd import api
    from svcstd.cache import replay
    from svcstd.config.settings import Settings
    from svcstd.model import Report
    from svcstd.reading.discovery import Target
    from svcstd.reporters import RenderOptions
else:
    NamedTuple = object  # _Command is made a named tuple by named_tuple (a replay imports no typing)

PROGRESS_MIN_FILES = 200
"""Fewer files than this finish before a progress bar would tell anyone anything."""

NEVER_ORIGINAL = frozenset({"", ".yaml", ".yml"})
"""Suffixes of paths that are never an original to import (none of svcstd.importing.originals.SUFFIXES)."""


MESSAGES = Catalog(
    "check_command",
    {
        "nothing": (
            "no service standard found in {paths}: no file with a top-level svcstd key, or every file was "
            "excluded (include/exclude in the configuration). Check the paths and the configuration, or pass "
            "--allow-empty when an empty run is expected.",
            "tidak ditemukan standar pelayanan di {paths}: tidak ada berkas dengan kunci svcstd di tingkat "
            "teratas, atau semua berkas dikecualikan (include/exclude dalam konfigurasi). Periksa jalur dan "
            "konfigurasinya, atau gunakan --allow-empty jika pemeriksaan kosong memang diharapkan.",
        ),
        "note": ("svcstd: warning: {message}", "svcstd: peringatan: {message}"),
        "skipped": (
            "svcstd: skipped {path}: not a service standard (no top-level svcstd key)",
            "svcstd: dilewati {path}: bukan standar pelayanan (tanpa kunci svcstd di tingkat teratas)",
        ),
    },
)

HELP = Catalog(
    "help_check",
    {
        "short": (
            "Validate and score service standards: the CI gate.",
            "Memvalidasi dan menilai standar pelayanan: gerbang CI.",
        ),
        "command": (
            "Validate and score service standards; exit 0 when all pass the gate, 1 when one fails, 2 on misuse.",
            "Memvalidasi dan menilai standar pelayanan; kode keluar 0 jika semua lolos gerbang, 1 jika ada yang "
            "tidak lolos, 2 jika perintah digunakan secara keliru.",
        ),
        "paths": ("Files or folders (default: .)", "Berkas atau folder (bawaan: .)"),
        "format": (
            "text, json, sarif, junit, github, gitlab, markdown or html; FORMAT=FILE writes a file; repeatable.",
            "text, json, sarif, junit, github, gitlab, markdown, atau html; FORMAT=FILE menulis ke berkas; "
            "dapat diulang.",
        ),
        "output": ("Write the output to FILE.", "Menulis keluaran ke FILE."),
        "fail_on": ("error|warning|info|never (default error).", "error|warning|info|never (bawaan: error)."),
        "fail_under": (
            "Fail a document scoring below SCORE.",
            "Menyatakan tidak lolos setiap dokumen dengan skor di bawah SCORE.",
        ),
        "min_principle": (
            "Fail a document with a principle below SCORE, or give PRINCIPLE=SCORE for one principle; repeatable.",
            "Menyatakan tidak lolos dokumen dengan skor prinsip di bawah SCORE, atau PRINCIPLE=SCORE untuk satu "
            "prinsip; dapat diulang.",
        ),
        "isolated": (
            "Read no configuration file (for gates that trust nothing in the repository).",
            "Tidak membaca berkas konfigurasi apa pun (untuk gerbang yang tidak memercayai isi repositori).",
        ),
        "allow_empty": (
            "Exit 0 when no service standard is found (otherwise exit 2).",
            "Keluar dengan kode 0 jika tidak ditemukan standar pelayanan (jika tidak, kode 2).",
        ),
        "show_skipped": (
            "List the YAML files of folder searches that are not service standards.",
            "Menampilkan berkas YAML dalam pencarian folder yang bukan standar pelayanan.",
        ),
        "select": (
            "Comma-separated rule ids or prefixes to run.",
            "Kode aturan atau awalannya yang dijalankan, dipisahkan koma.",
        ),
        "ignore": (
            "Comma-separated rule ids or prefixes to skip.",
            "Kode aturan atau awalannya yang dilewati, dipisahkan koma.",
        ),
        "config": (
            "Configuration file (default: discovered).",
            "Berkas konfigurasi (bawaan: dicari secara otomatis).",
        ),
        "as_of": (
            "Judge dates as of YYYY-MM-DD (default today).",
            "Menilai tanggal per YYYY-MM-DD (bawaan: hari ini).",
        ),
        "lang": ("Language of messages: en or id.", "Bahasa pesan: en atau id."),
        "verbose": (
            "One finding per item (each photocopy, each fee, each step) instead of one per rule and cause.",
            "Satu temuan untuk setiap butir (setiap fotokopi, setiap biaya, setiap langkah), bukan satu temuan "
            "untuk setiap aturan dan penyebab.",
        ),
        "quiet": (
            "Print only the errors of failing documents and the summary.",
            "Hanya menampilkan galat dokumen yang tidak lolos dan ringkasannya.",
        ),
        "baseline": (
            "Report only findings not in FILE.",
            "Hanya melaporkan temuan yang tidak tercantum dalam FILE.",
        ),
        "write_baseline": ("Record today's findings in FILE.", "Mencatat temuan hari ini dalam FILE."),
        "jobs": ("Worker processes (default: CPUs).", "Jumlah proses paralel (bawaan: jumlah CPU)."),
        "no_cache": (
            "Do not read or write the result cache.",
            "Tidak membaca atau menulis tembolok hasil pemeriksaan.",
        ),
        "skip_non_standards": (
            "Skip named files that are not service standards (no top-level svcstd key), as folder "
            "searches do; for pre-commit.",
            "Melewati berkas yang disebut namanya tetapi bukan standar pelayanan (tanpa kunci svcstd di "
            "tingkat teratas), seperti pada pencarian folder; untuk pre-commit.",
        ),
        "show_config": (
            "Print the effective configuration and exit.",
            "Menampilkan konfigurasi yang berlaku, lalu keluar.",
        ),
    },
)


def progress_bar() -> AbstractContextManager[Callable[[int, int], None] | None]:
    """A transient bar on standard error for long runs on a terminal; nothing in CI or when redirected."""
    from contextlib import contextmanager  # imported here: a replay needs none of it (start-up)

    return contextmanager(_progress_bar)()


def _progress_bar() -> Iterator[Callable[[int, int], None] | None]:
    if not sys.stderr.isatty() or os.environ.get("CI"):
        yield None
        return
    bar = _Bar()
    try:
        yield bar.update
    finally:
        bar.stop()


class _Bar:
    """A rich progress bar, started (and rich imported) only once a run turns out to be long."""

    def __init__(self) -> None:
        self.progress: Progress | None = None

    def update(self, done: int, total: int) -> None:
        if self.progress is None:
            if total < PROGRESS_MIN_FILES:
                return
            from rich.console import Console
            from rich.progress import Progress

            self.progress = Progress(console=Console(stderr=True), transient=True)
            self.progress.add_task("svcstd check", total=total)
            self.progress.start()
        self.progress.update(self.progress.task_ids[0], completed=done)

    def stop(self) -> None:
        if self.progress is not None:
            self.progress.stop()


def _split(value: str | None) -> tuple[str, ...] | None:
    return tuple(part.strip() for part in value.split(",") if part.strip()) if value else None


def check(
    paths: list[str] | None = None,
    formats: list[str] | None = None,
    output_name: str | None = None,
    fail_on: str | None = None,
    fail_under: float | None = None,
    min_principle: list[str] | None = None,
    select: str | None = None,
    ignore: str | None = None,
    config: str | None = None,
    isolated: bool = False,
    as_of: str | None = None,
    lang: str | None = None,
    quiet: bool = False,
    verbose: bool = False,
    baseline_name: str | None = None,
    write_baseline_name: str | None = None,
    jobs: int | None = None,
    no_cache: bool = False,
    skip_non_standards: bool = False,
    allow_empty: bool = False,
    show_skipped: bool = False,
    show_config: bool = False,
) -> int:
    """Validate and score service standards; exit 0 when all pass the gate, 1 when one fails, 2 on misuse.

    The values are the ones typer gives `svcstd.cli.check_command.check` (the fast path gives the same).
    """
    if fail_on is not None:
        from svcstd.config.settings import FAIL_ON_CHOICES

        if fail_on not in FAIL_ON_CHOICES:
            raise UsageError(CLI_MESSAGES.text("bad_fail_on", value=fail_on, choices=", ".join(FAIL_ON_CHOICES)))
    overrides = {
        "fail_on": fail_on,
        "fail_under": fail_under,
        "min_principle": _min_principle(min_principle),
        "select": _split(select),
        "ignore": _split(ignore),
        "verbose": True if verbose else None,
    }
    config = refuse_config_when_isolated(config, isolated)
    if show_config:
        return _show_config(config, overrides, lang, _path(output_name), isolated)
    recorder = None
    if not no_cache and write_baseline_name is None:  # a replay takes its paths as text (no pathlib: start-up)
        output_text = None if output_name is None else path_text(output_name)
        baseline_text = None if baseline_name is None else path_text(baseline_name)
        command = _Command(paths or [], formats or [], output_text, lang, quiet, skip_non_standards, allow_empty)
        replayed = _replaying(command, show_skipped, config, isolated, as_of, overrides, baseline_text)
        if isinstance(replayed, int):
            return replayed  # the stored run, replayed: nothing read, validated or judged
        recorder = replayed
    # Paths taken as text and made Path here, as typer would: its Path coercion imports pydantic (start-up).
    output, baseline, write_baseline = (_path(name) for name in (output_name, baseline_name, write_baseline_name))
    from svcstd import api
    from svcstd.reporters import RenderOptions

    run = configured_pipeline(config, as_of, overrides, isolated)
    settings = run.settings
    language = resolve_lang(lang, settings.lang)
    outputs = parse_outputs(formats or [], output)
    originals = _originals(paths or [])
    from svcstd.spill import Spill, for_outputs

    if originals is not None:
        recorder = None
    packing = for_outputs([name for name, _ in outputs], language, baseline is not None or write_baseline is not None)
    with Spill(packing) as spill:  # each file's results on disk as they arrive; closed (and gone) however the run ends
        try:
            with progress_bar() as progress:
                report = api.check_pipeline(
                    paths or ["."], run, jobs, not no_cache, progress, skip_non_standards, originals, spill, recorder
                )
            _tell(report, language, show_skipped, recorder)
            if not report.documents and not allow_empty:
                from svcstd.escaping import terminal

                raise NothingCheckedError(MESSAGES.text("nothing", paths=terminal(" ".join(paths or ["."]))))
            written = [file for _, file in [*outputs, ("baseline", write_baseline)] if file is not None]
            if written:
                inputs = (*(path for path in paths or () if os.path.isfile(path)), *_document_paths(report))
                for file in written:
                    refuse_overwriting(file, inputs)
            report = _baselines(report, settings, baseline, write_baseline)
            _write_outputs(report, outputs, RenderOptions(language, quiet=quiet), recorder)
            if recorder is not None:  # saved only if the configuration, date and baseline were the key's
                recorder.save(report.exit_code, replay_basis(settings, run.as_of.isoformat(), baseline))
            return report.exit_code
        finally:
            if recorder is not None:
                recorder.give_up()  # saved already, or the run failed: no temporary file left behind


def _min_principle(values: list[str] | None) -> dict[Any, float]:
    """`--min-principle`, parsed (config.load, with the document model, is imported only when it is given)."""
    if not values:
        return {}
    from svcstd.config.load import parse_min_principle

    return dict(parse_min_principle(values))


def replay_basis(settings: Settings, as_of: str, baseline: Path | None) -> tuple[object, ...]:
    from svcstd.cache.replay import basis

    return basis(settings, as_of, baseline)


def _path(name: str | None) -> Path | None:
    from pathlib import Path

    return None if name is None else Path(name)


class _Command(NamedTuple):
    """The options of a check that say what it writes and where (with the settings, the run record's key)."""

    paths: list[str]
    formats: list[str]
    output: str | None
    """The text of the `-o` path, as `str(Path(output))` gives it."""
    lang: str | None
    quiet: bool
    skip_non_standards: bool
    allow_empty: bool


if not TYPE_CHECKING:
    _Command = named_tuple(_Command)


def _replaying(
    command: _Command,
    show_skipped: bool,
    config: str | None,
    isolated: bool,
    as_of: str | None,
    overrides: Mapping[str, object],
    baseline: str | None,
) -> int | replay.Recorder | None:
    """The stored run replayed (its exit code) when a run record answers; else the recorder of this run
    (None when it cannot be recorded). The key is made of what the settings come from (the configuration
    files' bytes), never of the settings themselves: a replay parses no configuration and loads no rules.

    Anything doubtful (an error here, a file named that may be an original, a GitHub step summary to
    append to) is not replayed: the normal run follows, and says what is wrong in its own words.
    """
    from svcstd.cache import replay

    if any(_suffix(path) not in NEVER_ORIGINAL for path in command.paths):
        return None  # an original (.docx, .pdf...) is judged afresh every run, never stored
    try:
        outputs = output_texts(command.formats, command.output)
        if any(name == "github" for name, _ in outputs) and os.environ.get("GITHUB_STEP_SUMMARY"):
            return None
        language = command.lang or environment_language()
        options = {
            "command": command._replace(output=None, formats=[]),
            "language": [language, None if language else default_language()],  # the settings' own come after
            "overrides": dict(overrides),
            "show_skipped": show_skipped,
            "outputs": [(name, None if file is None else str(file), use_color(file)) for name, file in outputs],
            "as_of": as_of or _today(),
            "baseline": None if baseline is None else (str(baseline), replay.file_digest(baseline)),
        }
        if baseline is not None and options["baseline"][1] is None:  # type: ignore[index]
            return None
        source = replay.settings_source(config, isolated)
        key = replay.run_key(source, options)
        from svcstd.reading.discovery import found_in_folders, run_targets

        paths = command.paths or ["."]

        def targets_of(include: list[str], exclude: list[str], root: str | None) -> tuple[list[Target], int | None]:
            files = run_targets(paths, include, exclude, root, command.skip_non_standards)
            return files, found_in_folders(paths, include, exclude, root)

        record = replay.find(key, targets_of)
    except Exception:  # the normal run reports any problem in its own words
        return None
    stored = None if record is None else [(name, file) for name, file, _ in record.outputs()]
    if record is None or stored != [(name, None if file is None else str(file)) for name, file in outputs]:
        if record is not None:
            record.close()  # never so (the key holds the outputs), but a record answers only for its own
        return _recorder(key, source, config, isolated, as_of or str(options["as_of"]), overrides, baseline)
    from svcstd import collector

    collector.resume()  # the start is over (svcstd.collector): a replay of many files collects as a run does
    try:
        return _replay(record, outputs, command.paths)
    finally:
        record.close()


def _recorder(
    key: str,
    source: list[object],
    config: str | None,
    isolated: bool,
    as_of: str,
    overrides: Mapping[str, object],
    baseline: str | None,
) -> replay.Recorder | None:
    """The recorder of a run not replayed, with the settings its key stands for; None when they cannot be
    told for sure (a configuration file changed while it was read: the key would not say what was used)."""
    from svcstd.cache import replay

    try:
        from svcstd.config.load import load_settings, with_overrides
        from svcstd.config.settings import DEFAULT_SETTINGS

        settings = with_overrides(DEFAULT_SETTINGS if isolated else load_settings(config), overrides)
        day = parse_as_of(as_of).isoformat()
        if replay.settings_source(config, isolated) != source:
            return None
        return replay.Recorder(key, basis=replay.basis(settings, day, baseline), settings=settings)
    except Exception:  # the normal run reports any problem in its own words
        return None


def _today() -> str:
    """Today's date as `date.today().isoformat()` gives it, without importing datetime."""
    import time

    now = time.localtime()
    return f"{now.tm_year:04d}-{now.tm_mon:02d}-{now.tm_mday:02d}"


def _suffix(path: str) -> str:
    """`Path(path).suffix.lower()` without pathlib: of the last part that is not `.`."""
    parts = [part for part in path.replace(os.sep, "/").split("/") if part not in ("", ".")]
    name = parts[-1] if parts else ""
    dot = name.rfind(".")
    return "" if dot <= 0 or dot == len(name) - 1 else name[dot:].lower()


def _replay(record: replay.Record, outputs: list[tuple[str, str | None]], paths: list[str]) -> int:
    """What the recorded run printed and wrote, written the same way: standard error, then each output."""
    stored = record.outputs()
    for line in record.stderr:
        echo_err(line)
    named = [path for path in paths if os.path.isfile(path)]
    for file in (file for _, file in outputs if file is not None):
        try:
            inode = os.stat(file).st_ino
        except OSError:
            continue  # nothing there yet: nothing to replace
        # Only the documents of the same inode can be the same file: not a stat per document.
        refuse_overwriting(file, (*named, *record.documents(inode)))
    raw = record.output_bytes()  # the stored UTF-8 as it is, where it holds no lone surrogate
    for (_, destination), (_, _, text), (_, _, blobs) in zip(outputs, stored, raw, strict=True):
        if blobs is None or not write_utf8(blobs, destination):
            write_output(text, destination)
    return record.exit_code


def _document_paths(report: Report) -> list[str]:
    """Each checked file once (a file of several documents is one input): a spill's record, else one pass."""
    from svcstd.spill import SpilledDocuments  # imported already by the run that made the report

    if isinstance(report.documents, SpilledDocuments):
        return list(report.documents.paths())  # recorded as the results came: nothing read back
    return list(dict.fromkeys(doc.path for doc in report.documents))


def _originals(paths: list[str]) -> api.Originals | None:
    """The judge of named .docx/.pdf/.html/.xlsx files, when one is named (the readers load only then)."""
    from pathlib import Path

    if all(Path(path).suffix.lower() in NEVER_ORIGINAL for path in paths):
        return None  # YAML files and folders: svcstd.importing is not even imported
    from svcstd.importing.originals import is_original, judge_original, require_readers

    if not any(is_original(path) for path in paths):
        return None
    require_readers(paths)
    return judge_original


def _tell(report: Report, lang: str, show_skipped: bool, recorder: replay.Recorder | None = None) -> None:
    """Run-level notes (a configuration that weakens the gate) and, when asked, the skipped files: on stderr."""
    from svcstd.escaping import terminal

    lines = [MESSAGES("note", lang, message=terminal(note(lang))) for note in report.notes]
    if show_skipped:
        lines.extend(MESSAGES("skipped", lang, path=terminal(path)) for path in report.skipped)
    for line in lines:
        echo_err(line)
        if recorder is not None:
            recorder.note(line)
    if recorder is not None:
        recorder.documents(report.skipped)


def _show_config(
    config: str | None, overrides: Mapping[str, object], lang: str | None, output: Path | None, isolated: bool
) -> int:
    from svcstd.config.describe import describe
    from svcstd.config.load import load_settings, with_overrides
    from svcstd.config.settings import DEFAULT_SETTINGS

    settings = with_overrides(DEFAULT_SETTINGS if isolated else load_settings(config), overrides)
    write_output(describe(settings, resolve_lang(lang, settings.lang)), output)
    return 0


def _baselines(report: Report, settings: Settings, baseline: Path | None, write_baseline: Path | None) -> Report:
    """Record today's findings first (when asked), then keep only those not in the given baseline."""
    if write_baseline is not None:
        from svcstd.baseline import write_baseline as record

        write_output(record(report), write_baseline)
    if baseline is None:
        return report
    from svcstd.baseline import apply_baseline

    return apply_baseline(report, baseline, settings)  # a spilled report stays a stream


def _write_outputs(
    report: Report,
    outputs: list[tuple[str, Path | None]],
    options: RenderOptions,
    recorder: replay.Recorder | None = None,
) -> None:
    """Each requested format to its file or standard output; colour only for text on a terminal.

    A `recorder` keeps the text of each as it is written, for the run record.
    """
    from svcstd.reporters import chunk_renderer

    for name, file in outputs:  # every format reads the documents back one at a time (Markdown, HTML too)
        chosen = options._replace(color=use_color(file) and name == "text")
        if name == "json":  # the spill's UTF-8 lines copied, not decoded and encoded again (nor for the record)
            from svcstd.reporters.json_report import render_utf8

            blobs = render_utf8(report, chosen)
            if blobs is not None and recorder is not None:  # not started unless written as bytes
                blobs = recorder.tee_utf8(name, file, blobs)
            if blobs is not None and write_utf8(blobs, file):
                continue
        chunks = chunk_renderer(name)(report, chosen)
        write_output(chunks if recorder is None else recorder.tee(name, file, chunks), file)
    if any(name == "github" for name, _ in outputs):
        from svcstd.reporters.github import write_step_summary

        write_step_summary(report, options.lang)
