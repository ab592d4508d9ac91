"""`svcstd render`: the citizen-facing publication, one page for a file or a static site for a folder."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from svcstd import escaping
from svcstd.cli.app import SHARED_HELP, app, configured_pipeline, help_text, resolve_lang
from svcstd.cli.output import write_output
from svcstd.errors import MissingPathError, UsageError
from svcstd.i18n import Catalog
from svcstd.model import Finding, Severity
from svcstd.reading.discovery import Target
from svcstd.validation.validate import format_version

if TYPE_CHECKING:
    from svcstd.judge import Pipeline

MESSAGES = Catalog(
    "render",
    {
        "missing": ("{path} does not exist.", "{path} tidak ditemukan."),
        "not_folder": ("{path} exists and is not a folder.", "{path} sudah ada dan bukan folder."),
        "skipped": (
            "{path}: not rendered: the standard is invalid; run svcstd check {path}.",
            "{path}: tidak dimuat: standar tidak valid; jalankan svcstd check {path}.",
        ),
        "problem": ("{path}:{line}:{column}: {rule} {message}", "{path}:{line}:{column}: {rule} {message}"),
        "format_1_1": (
            "{path}: not rendered: the page does not lay out format 1.1 documents yet (passive and branching "
            "steps, text-only durations, months and years); svcstd check {path} judges them.",
            "{path}: tidak dimuat: halaman publikasi belum dapat menampilkan dokumen format 1.1 (langkah tanpa "
            "pelaksana dan bercabang, jangka waktu berupa teks, bulan dan tahun); svcstd check {path} tetap "
            "menilainya.",
        ),
        "bad_format": ("--format {value}: choose html or docx.", "--format {value}: pilih html atau docx."),
        "nothing": (
            "{path}: no valid standard to render.",
            "{path}: tidak ada standar valid yang dapat dimuat dalam publikasi.",
        ),
    },
)


HELP = Catalog(
    "help_render",
    {
        "short": (
            "Write the citizen-facing page or site of standards.",
            "Menyusun halaman atau situs publikasi standar bagi masyarakat.",
        ),
        "command": (
            "Write the citizen-facing publication: exit 1 when a standard was invalid and left out, 2 on misuse.",
            "Menyusun publikasi standar pelayanan bagi masyarakat; kode keluar 1 jika ada standar yang tidak valid "
            "sehingga tidak dimuat, 2 jika perintah digunakan secara keliru.",
        ),
        "path": (
            "A standard (one page) or a folder of standards (a static site).",
            "Satu standar (satu halaman) atau folder berisi standar (situs statis).",
        ),
        "output": ("The page to write, or the site's folder.", "Halaman yang akan ditulis, atau folder situs."),
        "format": (
            "html (the citizen-facing page or site) or docx (the PermenPANRB 15/2014 Lampiran an official signs).",
            "html (halaman atau situs bagi masyarakat) atau docx (Lampiran PermenPANRB 15/2014 untuk ditandatangani).",
        ),
        "lang": (
            "Language of the page's headings: id or en (default: the document's own `language`).",
            "Bahasa judul bagian halaman: id atau en (bawaan: `language` dokumen itu sendiri).",
        ),
    },
)


Problems = tuple[list[tuple[str, Finding]], list[str]]
"""The errors of the invalid standards, and the files of valid format 1.1 standards the page cannot lay out yet."""


def _read(targets: list[Target], run: Pipeline) -> tuple[list[dict[str, Any]], Problems]:
    """The valid 1.0 standards of the files, judged on the configured pipeline, and what was left out."""
    from svcstd import api

    valid: list[dict[str, Any]] = []
    problems: list[tuple[str, Finding]] = []
    later: list[str] = []
    for target in targets:
        for doc, result in api.judge_file(target, run):
            if result.valid and isinstance(doc.data, dict) and format_version(doc.data) != "1.0":
                later.append(target.display)
            elif result.valid and isinstance(doc.data, dict):
                valid.append(doc.data)
            else:
                problems.extend((target.display, f) for f in result.findings if f.severity is Severity.ERROR)
    return valid, (problems, later)


def _report(left_out: Problems, lang: str) -> None:
    """What was left out, on stderr, each line inert (document text in a CI log)."""
    from svcstd.reporters.github import inert_line

    problems, later = left_out
    for path in dict.fromkeys(later):
        typer.echo(inert_line(MESSAGES("format_1_1", lang, path=path)), err=True)
    for path in dict.fromkeys(p for p, _ in problems):
        typer.echo(inert_line(MESSAGES("skipped", lang, path=path)), err=True)
    for path, f in problems:
        params = {"path": path, "line": f.line, "column": f.column, "rule": f.rule, "message": f.message(lang)}
        typer.echo(inert_line(MESSAGES("problem", lang, **params)), err=True)


def _render_folder(folder: Path, out: Path, lang: str | None, fallback: str, run: Pipeline) -> Problems:
    from svcstd import api
    from svcstd.publication.page import site

    documents, problems = _read(api.targets([str(folder)], run.settings), run)
    if out.exists() and not out.is_dir():
        raise UsageError(MESSAGES.text("not_folder", path=str(out)))
    out.mkdir(parents=True, exist_ok=True)
    for name, html in site(documents, lang, fallback).items():
        write_output(html, out / name)
    return problems


def _render_docx(source: Path, out: Path, run: Pipeline) -> Problems:
    """The Lampiran of each file's valid standards (format 1.0 or 1.1): OUT, or OUT/<name>.docx per file of a folder."""
    from svcstd import api
    from svcstd.cli.app import MESSAGES as CLI_MESSAGES
    from svcstd.cli.output import ensure_folder, refuse_overwriting
    from svcstd.publication.lampiran_docx import lampiran

    problems: list[tuple[str, Finding]] = []
    for target in api.targets([str(source)], run.settings):
        judged = [(doc.data, result) for doc, result in api.judge_file(target, run)]
        valid = [data for data, result in judged if result.valid and isinstance(data, dict)]
        errors = [
            f for _, result in judged if not result.valid for f in result.findings if f.severity is Severity.ERROR
        ]
        problems.extend((target.display, finding) for finding in errors)
        path = out / f"{Path(target.path).stem}.docx" if source.is_dir() else out
        if valid:
            ensure_folder(path)
            refuse_overwriting(path, [target.path])
            try:
                path.write_bytes(lampiran(*valid))
            except OSError as error:
                reason = error.strerror or str(error)
                raise UsageError(CLI_MESSAGES.text("cannot_write", path=path, reason=reason)) from None
    return problems, []


@app.command(help=help_text(HELP, "command"), short_help=help_text(HELP, "short"))
def render(
    path: Annotated[str, typer.Argument(metavar="PATH", help=help_text(HELP, "path"))],
    output: Annotated[Path, typer.Option("--output", "-o", metavar="OUT", help=help_text(HELP, "output"))],
    lang: Annotated[str | None, typer.Option("--lang", metavar="en|id", help=help_text(HELP, "lang"))] = None,
    output_format: Annotated[
        str, typer.Option("--format", metavar="html|docx", help=help_text(HELP, "format"))
    ] = "html",
    config: Annotated[
        str | None, typer.Option("--config", metavar="FILE", help=help_text(SHARED_HELP, "config"))
    ] = None,
) -> int:
    """Write the citizen-facing publication: exit 1 when a standard was invalid and left out, 2 on misuse."""
    from svcstd.publication.page import page_language, standard_page

    run = configured_pipeline(config, None)
    language = resolve_lang(lang, run.settings.lang)
    source = Path(path)
    if not source.exists():
        raise MissingPathError(MESSAGES.text("missing", path=path))
    if output_format not in ("html", "docx"):
        raise UsageError(MESSAGES.text("bad_format", value=output_format))
    if output_format == "docx":
        problems = _render_docx(source, output, run)
    elif source.is_dir():
        problems = _render_folder(source, output, lang, language, run)
    else:
        documents, problems = _read([Target(path, path, explicit=True)], run)
        if documents:
            page_lang = page_language(documents[0], lang, language)
            write_output(standard_page(documents, page_lang), output, inputs=[path])
        elif not any(problems):
            typer.echo(MESSAGES("nothing", language, path=escaping.terminal(path)), err=True)
            return 1
    _report(problems, language)
    return 1 if any(problems) else 0
