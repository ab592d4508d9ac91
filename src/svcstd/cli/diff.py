"""`svcstd diff`: what changed between two versions of a standard, or in every standard since a git revision."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from svcstd.cli.app import SHARED_HELP, app, configured_pipeline, help_text, resolve_lang
from svcstd.cli.output import write_output
from svcstd.errors import MissingPathError, UsageError
from svcstd.escaping import inert_line
from svcstd.i18n import Catalog
from svcstd.model import Text
from svcstd.reading.files import NOT_REGULAR, SYMLINK, UnsafeFileError, read_regular, reason

if TYPE_CHECKING:
    from svcstd.diff.compare import Source

MESSAGES = Catalog(
    "diff",
    {
        "usage": (
            "give two files (svcstd diff OLD NEW) or a revision (svcstd diff --since REV [PATH]).",
            "sebutkan dua berkas (svcstd diff LAMA BARU) atau sebuah revisi (svcstd diff --since REV [PATH]).",
        ),
        "missing": ("{path} does not exist.", "{path} tidak ditemukan."),
        "unreadable": ("cannot read {path}: {reason}", "tidak dapat membaca {path}: {reason}"),
        "no_git": (
            "git is not installed or cannot be run: {reason}",
            "git tidak terpasang atau tidak dapat dijalankan: {reason}",
        ),
        "git_failed": ("git {command} failed: {reason}", "git {command} gagal: {reason}"),
        "skipped": (
            "svcstd: warning: {path} not compared: {reason}",
            "svcstd: peringatan: {path} tidak dibandingkan: {reason}",
        ),
        "bad_format": (
            "unknown format `{value}`; choose from: {choices}.",
            "format `{value}` tidak dikenal; pilih salah satu: {choices}.",
        ),
    },
)

HELP = Catalog(
    "help_diff",
    {
        "short": (
            "Compare versions of a standard; exit 1 on a regression.",
            "Membandingkan versi standar pelayanan; kode keluar 1 jika ada kemunduran.",
        ),
        "command": (
            "Compare standards component by component; exit 1 on a regression for citizens or an invalid version.",
            "Membandingkan standar pelayanan per komponen; kode keluar 1 jika ada kemunduran bagi masyarakat "
            "atau versi yang tidak valid.",
        ),
        "old": (
            "The old version (or, with --since, the PATH to look in).",
            "Versi lama (atau, dengan --since, PATH yang ditelusuri).",
        ),
        "new": ("The new version.", "Versi baru."),
        "since": ("Compare every standard changed since REV.", "Membandingkan setiap standar yang berubah sejak REV."),
        "format": ("text|json|markdown (default text).", "text|json|markdown (bawaan: text)."),
        "output": ("Write the output to FILE.", "Menulis keluaran ke FILE."),
        "lang": ("Language of messages: en or id.", "Bahasa pesan: en atau id."),
    },
)

_STANDARD = re.compile(rb"^svcstd\s*:", re.MULTILINE)


def _git(*args: str, cwd: Path | None = None) -> bytes:
    """Run git with a list argv (never a shell), pathspecs taken literally; a failure is a "cannot run" error
    (exit 2)."""
    environment = os.environ | {"GIT_LITERAL_PATHSPECS": "1"}
    try:
        done = subprocess.run(["git", *args], capture_output=True, check=False, cwd=cwd, env=environment)
    except OSError as error:
        raise UsageError(MESSAGES.text("no_git", reason=error.strerror or str(error))) from None
    if done.returncode != 0:
        problem = done.stderr.decode("utf-8", "replace").strip() or f"exit {done.returncode}"
        raise UsageError(MESSAGES.text("git_failed", command=args[0], reason=inert_line(problem)))
    return done.stdout


def _read(path: str, limit: int) -> bytes:
    """A version named on the command line: a regular file only (reading.files), up to one byte over the limit."""
    try:
        return read_regular(path, limit)
    except FileNotFoundError:
        raise MissingPathError(MESSAGES.text("missing", path=path)) from None
    except OSError as error:
        raise UsageError(MESSAGES.text("unreadable", path=path, reason=reason(error))) from None


def since_sources(revision: str, path: str, limit: int) -> tuple[list[tuple[Source, Source]], list[Text]]:
    """Both versions of every YAML standard changed since `revision` under `path` (absent side: None), and
    why files were skipped.

    The old side is the blob in git, never the working tree: its size is asked first and at most
    `limit + 1` bytes are read, and a symbolic link (mode 120000) is skipped and reported, never followed.
    The new side is the working tree's regular file, read without following a link.
    """
    from svcstd.diff.compare import Source

    commit = _git("rev-parse", "--verify", "--end-of-options", f"{revision}^{{commit}}").decode().strip()
    root = Path(_git("rev-parse", "--show-toplevel").decode().strip())
    fields = _git("diff", "--name-status", "--no-renames", "-z", commit, "--", path).split(b"\0")
    pairs, skipped = [], []
    for status, name in zip(fields[0::2], fields[1::2], strict=False):
        text = name.decode("utf-8", "surrogateescape")
        if not text.endswith((".yaml", ".yml")):
            continue
        try:
            old = None if status == b"A" else _blob(root, commit, name, limit)
            new = None if status == b"D" else read_regular(root / text, limit, follow_links=False)
        except OSError as error:
            skipped.append(MESSAGES.text("skipped", path=text, reason=reason(error)))
            continue
        if any(raw is not None and _STANDARD.search(raw) for raw in (old, new)):
            pairs.append((Source(f"{revision}:{text}", old), Source(text, new)))
    return pairs, skipped


def _blob(root: Path, commit: str, name: bytes, limit: int) -> bytes | None:
    """The file's blob at `commit`: None when it has none; UnsafeFileError for a link or a submodule."""
    listing = _git("ls-tree", "-z", commit, "--", os.fsdecode(name), cwd=root)
    entry = listing.split(b"\0")[0]
    if not entry:
        return None
    mode, kind, sha = entry.split(b"\t", 1)[0].split(b" ")
    if mode == b"120000":
        raise UnsafeFileError(SYMLINK, os.fsdecode(name))
    if kind != b"blob":
        raise UnsafeFileError(NOT_REGULAR, os.fsdecode(name))
    object_id = sha.decode("ascii")
    if int(_git("cat-file", "-s", object_id)) <= limit:
        return _git("cat-file", "blob", object_id)
    return _git_head("cat-file", "blob", object_id, size=limit + 1)  # the loader reports it as too large


def _git_head(*args: str, size: int) -> bytes:
    """The first `size` bytes git writes, then git is stopped: a huge blob never fills memory."""
    with subprocess.Popen(["git", *args], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL) as process:
        assert process.stdout is not None
        head = process.stdout.read(size)
        process.kill()
    return head


@app.command(help=help_text(HELP, "command"), short_help=help_text(HELP, "short"))
def diff(
    old: Annotated[str | None, typer.Argument(metavar="OLD", help=help_text(HELP, "old"))] = None,
    new: Annotated[str | None, typer.Argument(metavar="NEW", help=help_text(HELP, "new"))] = None,
    since: Annotated[str | None, typer.Option("--since", metavar="REV", help=help_text(HELP, "since"))] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", metavar="FORMAT", help=help_text(HELP, "format"))] = "text",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", metavar="FILE", help=help_text(HELP, "output"))
    ] = None,
    lang: Annotated[str | None, typer.Option("--lang", metavar="en|id", help=help_text(HELP, "lang"))] = None,
    config: Annotated[
        str | None, typer.Option("--config", metavar="FILE", help=help_text(SHARED_HELP, "config"))
    ] = None,
    as_of: Annotated[str | None, typer.Option("--as-of", metavar="DATE", help=help_text(SHARED_HELP, "as_of"))] = None,
) -> int:
    """Compare standards component by component; exit 1 on a regression for citizens or an invalid version."""
    from svcstd.diff.compare import DiffReport, Source, compare_sources
    from svcstd.diff.output import RENDERERS

    run = configured_pipeline(config, as_of)
    language = resolve_lang(lang, run.settings.lang)
    if fmt not in RENDERERS:
        raise UsageError(MESSAGES.text("bad_format", value=fmt, choices=", ".join(RENDERERS)))
    two_files = old is not None and new is not None
    if (since is None and not two_files) or (since is not None and new is not None):
        raise UsageError(MESSAGES.text("usage"))
    limit = run.settings.limits.max_file_bytes
    if since is not None:
        pairs, skipped = since_sources(since, old or ".", limit)
        for why in skipped:
            typer.echo(inert_line(why(language)), err=True)
    else:
        assert old is not None and new is not None
        pairs = [(Source(old, _read(old, limit)), Source(new, _read(new, limit)))]
    report = DiffReport(tuple(doc for a, b in pairs for doc in compare_sources(a, b, run)))
    write_output(RENDERERS[fmt](report, language), output)
    return report.exit_code
