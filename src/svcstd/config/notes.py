"""What a configuration file does that weakens the gate, said on the run instead of passing silently.

A repository's own configuration is written by the people the gate checks. What it may legitimately
do (ignore a rule, lower a limit, set `fail_on = "never"`) it may still do, but a run says so: each
note goes to standard error and into the JSON output. Settings given on the command line are the
caller's own choice and give no note.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from svcstd.config.settings import COMMAND_LINE, Settings
from svcstd.i18n import Catalog
from svcstd.model import PRINCIPLE_NAMES, Principle, Text
from svcstd.reading.limits import Limits

if TYPE_CHECKING:  # importing svcstd.rules.base would import every rule module (the package's __init__)
    from svcstd.rules.base import Rule

REAL_STANDARD = Limits(max_file_bytes=64 * 1024, max_depth=16, max_nodes=5_000, max_documents=1)
"""Generous sizes of one real standard: a limit below one of these fails real standards as YML006."""

MESSAGES = Catalog(
    "config.notes",
    {
        "no_rule": (
            "{source}: select/ignore leave no rule to run; documents are only read and validated, and no "
            "principle is scored.",
            "{source}: select/ignore tidak menyisakan satu aturan pun; dokumen hanya dibaca dan divalidasi, dan "
            "tidak ada prinsip yang dinilai.",
        ),
        "no_principle": (
            "{source}: select/ignore leave no rule of {principles}; that part of the standard is not judged.",
            "{source}: select/ignore tidak menyisakan aturan untuk prinsip {principles}; bagian standar itu "
            "tidak dinilai.",
        ),
        "limit": (
            "{source}: limits.{name} = {value} is below the size of a real standard ({real}); such files "
            "fail with YML006 instead of being judged.",
            "{source}: limits.{name} = {value} lebih kecil daripada ukuran standar yang sesungguhnya ({real}); "
            "berkas seperti itu gagal dengan YML006 alih-alih dinilai.",
        ),
        "globs": (
            "{source}: include/exclude leave none of the {count} YAML file(s) found in the searched folders.",
            "{source}: include/exclude tidak menyisakan satu pun dari {count} berkas YAML yang ditemukan dalam "
            "folder yang dicari.",
        ),
        "never": (
            '{source}: fail_on = "never": no finding fails the gate, only fail_under and min_principle do.',
            '{source}: fail_on = "never": tidak ada temuan yang membuat dokumen tidak lolos gerbang, hanya '
            "fail_under dan min_principle.",
        ),
    },
)


def configuration_notes(settings: Settings, rules: Sequence[Rule]) -> tuple[Text, ...]:
    """Every way the configuration file weakens the gate, in a stable order."""
    return (*_selection(settings, rules), *_limits(settings), *_fail_on(settings))


def globs_note(settings: Settings, found: int, kept: int) -> tuple[Text, ...]:
    """A note when the file's include/exclude drop every one of the `found` YAML files of folder searches."""
    source = _from_file(settings, "exclude") or _from_file(settings, "include")
    if source is None or not found or kept:
        return ()
    return (MESSAGES.text("globs", source=source, count=found),)


def _from_file(settings: Settings, key: str) -> str | None:
    source = settings.sources.get(key)
    return source if source not in (None, COMMAND_LINE) else None


def _selection(settings: Settings, rules: Sequence[Rule]) -> list[Text]:
    source = _from_file(settings, "ignore") or _from_file(settings, "select")
    if source is None:
        return []
    running = {rule.principle for rule in rules if settings.is_selected(rule.id)}
    if not running:
        return [MESSAGES.text("no_rule", source=source)]
    missing = [principle for principle in Principle if principle not in running]
    if not missing:
        return []
    names = Text(*(", ".join(PRINCIPLE_NAMES[p](lang) for p in missing) for lang in ("en", "id")))
    return [MESSAGES.text("no_principle", source=source, principles=names)]


def _limits(settings: Settings) -> list[Text]:
    notes = []
    for name in Limits._fields:
        source = _from_file(settings, f"limits.{name}")
        value, real = getattr(settings.limits, name), getattr(REAL_STANDARD, name)
        if source is not None and value < real:
            notes.append(MESSAGES.text("limit", source=source, name=name, value=value, real=real))
    return notes


def _fail_on(settings: Settings) -> list[Text]:
    source = _from_file(settings, "fail_on")
    return [MESSAGES.text("never", source=source)] if source and settings.fail_on == "never" else []
