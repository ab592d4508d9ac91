"""`svcstd migrate`: rewrite format 1.0 files as format 1.1, changing only what must change.

Format 1.1 accepts every 1.0 document as it is, so a migration changes two things per document: the version
(`svcstd: "1.0"` becomes `svcstd: "1.1"`) and, for a document with `manufacturing`, an explicit `kind: standard`
line under it (so that a full standard whose manufacturing part is later lost is not silently read as a
published sheet). Both are edited in the text at the place the YAML 1.2 reader reports, so comments, key
order, quoting and line endings stay byte for byte; no round-trip YAML library is needed. Running it again
changes nothing. A file that cannot be read or parsed is never written.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from enum import Enum
from pathlib import Path
from typing import Annotated, NamedTuple

import typer

from svcstd.cli.app import app, help_text, resolve_lang
from svcstd.errors import MissingPathError
from svcstd.escaping import inert_lines
from svcstd.i18n import Catalog
from svcstd.model import LoadedDocument, Severity
from svcstd.reading.loader import decode, load_text

BOM = b"\xef\xbb\xbf"
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
_OLD_VERSION = re.compile(r"""(?P<q>["']?)1\.0(?P=q)(?![0-9A-Za-z._])""")


class Outcome(Enum):
    """What became of one file; the first two leave the run successful."""

    MIGRATED = "migrated"
    ALREADY = "already"
    NOT_A_STANDARD = "not_a_standard"
    CANNOT_PARSE = "cannot_parse"
    UNREADABLE = "unreadable"


class Migration(NamedTuple):
    outcome: Outcome
    text: str | None = None
    detail: str = ""


MESSAGES = Catalog(
    "migrate",
    {
        "migrated": ("{path}: migrated to format 1.1", "{path}: dimigrasikan ke format 1.1"),
        "already": ("{path}: already format 1.1, unchanged", "{path}: sudah format 1.1, tidak diubah"),
        "not_a_standard": (
            '{path}: no document with `svcstd: "1.0"` (not a service standard, or another version); unchanged',
            '{path}: tidak ada dokumen dengan `svcstd: "1.0"` (bukan standar pelayanan, atau versi lain); tidak diubah',
        ),
        "cannot_parse": (
            "{path}: not migrated, the YAML cannot be read ({detail}); run `svcstd check {path}` and fix it first",
            "{path}: tidak dimigrasikan, YAML tidak dapat dibaca ({detail}); jalankan `svcstd check {path}` dan "
            "perbaiki terlebih dahulu",
        ),
        "unreadable": (
            "{path}: not migrated, the file cannot be read ({detail})",
            "{path}: tidak dimigrasikan, berkas tidak dapat dibaca ({detail})",
        ),
        "missing": (
            "{path} does not exist or is not a file; no file was changed",
            "{path} tidak ada atau bukan berkas; tidak ada berkas yang diubah",
        ),
    },
)

HELP = Catalog(
    "help_migrate",
    {
        "command": (
            "Rewrite format 1.0 standards as format 1.1 in place, keeping comments and key order.",
            "Menulis ulang standar format 1.0 menjadi format 1.1 pada berkasnya, dengan komentar dan urutan kunci "
            "tetap.",
        ),
        "short": (
            "Rewrite format 1.0 standards as format 1.1.",
            "Menulis ulang standar format 1.0 menjadi format 1.1.",
        ),
        "files": ("The files to migrate.", "Berkas yang akan dimigrasikan."),
        "lang": ("Language of the messages: id or en.", "Bahasa pesan: id atau en."),
    },
)


# --- the rewriting, on text ----------------------------------------------------------------------------------------


def migrate_text(text: str, display: str) -> Migration:
    """The migrated text of one file, or why it stays as it is."""
    documents = load_text(text, display)
    problem = _parse_problem(documents)
    if problem is not None:
        return Migration(Outcome.CANNOT_PARSE, detail=problem)
    lines = _LINE.findall(text)[:-1] or [text]
    edits = [edit for doc in documents for edit in _edits(doc, lines)]
    if not edits:
        versions = [doc.data.get("svcstd") for doc in documents if isinstance(doc.data, dict)]
        outcome = Outcome.ALREADY if versions and all(v == "1.1" for v in versions) else Outcome.NOT_A_STANDARD
        return Migration(outcome)
    for line, new in sorted(edits, reverse=True):
        lines[line] = new
    return Migration(Outcome.MIGRATED, "".join(lines))


def _parse_problem(documents: list[LoadedDocument]) -> str | None:
    for doc in documents:
        for finding in doc.findings:
            if finding.severity is Severity.ERROR:
                return f"{finding.line}:{finding.column} {finding.rule}"
    return None


def _edits(doc: LoadedDocument, lines: list[str]) -> list[tuple[int, str]]:
    """(line index, new text of that line) for one document: the version, and `kind` after it when needed."""
    data = doc.data
    if not isinstance(data, dict) or data.get("svcstd") != "1.0":
        return []
    at = doc.source.value("/svcstd")
    index = at.line - 1
    line = lines[index]
    found = _OLD_VERSION.match(line, at.column - 1)
    if found is None:  # a version written over several lines or in an unusual way: leave it to the author
        return []
    quote = found.group("q") or '"'
    new = line[: found.start()] + f"{quote}1.1{quote}" + line[found.end() :]
    key = doc.source.key("/svcstd")
    if "manufacturing" in data and "kind" not in data and _on_its_own_line(line, key.column):
        ending = line[len(line.rstrip("\r\n")) :] or "\n"
        new = new if new.endswith(("\n", "\r")) else new + ending
        new += " " * (key.column - 1) + "kind: standard" + ending
    return [(index, new)]


def _on_its_own_line(line: str, column: int) -> bool:
    """A block mapping's `svcstd:` line (not `{svcstd: "1.0", ...}` in flow style)."""
    return line[: column - 1].strip() == "" and "{" not in line


# --- the files -----------------------------------------------------------------------------------------------------


def migrate_file(path: Path, display: str) -> Migration:
    """Migrate one file in place (written atomically, its mode kept); a file with any problem is left alone."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        return Migration(Outcome.UNREADABLE, detail=error.strerror or type(error).__name__)
    text = decode(raw)
    if not isinstance(text, str):
        return Migration(Outcome.UNREADABLE, detail=text.rule)
    result = migrate_text(text, display)
    if result.outcome is Outcome.MIGRATED and result.text is not None:
        _write(path, (BOM if raw.startswith(BOM) else b"") + result.text.encode("utf-8"))
    return result


def _write(path: Path, data: bytes) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        shutil.copymode(path, temporary)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


@app.command(help=help_text(HELP, "command"), short_help=help_text(HELP, "short"))
def migrate(
    files: Annotated[list[str], typer.Argument(metavar="FILE", help=help_text(HELP, "files"))],
    lang: Annotated[str | None, typer.Option("--lang", metavar="en|id", help=help_text(HELP, "lang"))] = None,
) -> int:
    """Exit 0 when every file is format 1.1 afterwards; 1 when one could not be read or is not a 1.0 standard;
    2 (before anything is written) when a path does not exist or is not a file."""
    language = resolve_lang(lang)
    for name in files:
        if not Path(name).is_file():
            raise MissingPathError(MESSAGES.text("missing", path=name))
    worst = 0
    for name in files:
        result = migrate_file(Path(name), name)
        typer.echo(inert_lines(MESSAGES(result.outcome.value, language, path=name, detail=result.detail)))
        if result.outcome not in (Outcome.MIGRATED, Outcome.ALREADY):
            worst = 1
    return worst
