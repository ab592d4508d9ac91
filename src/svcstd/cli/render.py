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
        "bad_url": (
            "--url {url}: not an http(s) address.",
            "--url {url}: bukan alamat http(s).",
        ),
        "pdf_folder": (
            "--format pdf prints one standard: give a file, not the folder {path}.",
            "--format pdf mencetak satu standar: berikan sebuah berkas, bukan folder {path}.",
        ),
        "bad_format": ("--format {value}: use html, pdf or docx.", "--format {value}: gunakan html, pdf, atau docx."),
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
        "url": (
            "The page's online address (for a folder: the site's base address); the print carries it as a QR code.",
            "Alamat daring halaman (untuk folder: alamat dasar situs); cetakannya memuat alamat itu sebagai kode QR.",
        ),
        "manufacturing": (
            "Also print the eight management components of a full standard as a second table.",
            "Cetak juga delapan komponen pengelolaan pelayanan dari standar lengkap sebagai tabel kedua.",
        ),
        "format": (
            "html (the page, default), pdf (its A4 print, by headless Chromium; one standard only) or docx "
            "(the PermenPANRB 15/2014 Lampiran an official signs).",
            "html (halaman, bawaan), pdf (cetakan A4-nya, dengan Chromium headless; satu standar saja), atau docx "
            "(Lampiran PermenPANRB 15/2014 untuk ditandatangani).",
        ),
        "lang": (
            "Language of the page's headings: id or en (default: the document's own `language`).",
            "Bahasa judul bagian halaman: id atau en (bawaan: `language` dokumen itu sendiri).",
        ),
    },
)


Problems = list[tuple[str, Finding]]
"""The errors of the invalid standards."""


def _read(targets: list[Target], run: Pipeline) -> tuple[list[dict[str, Any]], Problems]:
    """The valid standards of the files (format 1.0 and 1.1), judged on the configured pipeline, and the errors."""
    from svcstd import api

    valid: list[dict[str, Any]] = []
    problems: list[tuple[str, Finding]] = []
    for target in targets:
        for doc, result in api.judge_file(target, run):
            if result.valid and isinstance(doc.data, dict):
                valid.append(doc.data)
            else:
                problems.extend((target.display, f) for f in result.findings if f.severity is Severity.ERROR)
    return valid, problems


def _report(left_out: Problems, lang: str) -> None:
    """What was left out, on stderr, each line inert (document text in a CI log)."""
    from svcstd.reporters.github import inert_line

    for path in dict.fromkeys(p for p, _ in left_out):
        typer.echo(inert_line(MESSAGES("skipped", lang, path=path)), err=True)
    for path, f in left_out:
        params = {"path": path, "line": f.line, "column": f.column, "rule": f.rule, "message": f.message(lang)}
        typer.echo(inert_line(MESSAGES("problem", lang, **params)), err=True)


def _render_folder(
    folder: Path, out: Path, lang: str | None, fallback: str, run: Pipeline, **print_options: Any
) -> Problems:
    from svcstd import api
    from svcstd.publication.page import site

    documents, problems = _read(api.targets([str(folder)], run.settings), run)
    if out.exists() and not out.is_dir():
        raise UsageError(MESSAGES.text("not_folder", path=str(out)))
    out.mkdir(parents=True, exist_ok=True)
    for name, html in site(
        documents, lang, fallback, base_url=print_options["url"], manufacturing=print_options["manufacturing"]
    ).items():
        write_output(html, out / name)
    return problems


def _write_pdf(page: str, output: Path, source: str) -> None:
    from svcstd.cli.output import refuse_overwriting
    from svcstd.publication.pdf import write_pdf

    refuse_overwriting(output, [source])
    write_pdf(page, output)


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
    return problems


@app.command(help=help_text(HELP, "command"), short_help=help_text(HELP, "short"))
def render(
    path: Annotated[str, typer.Argument(metavar="PATH", help=help_text(HELP, "path"))],
    output: Annotated[Path, typer.Option("--output", "-o", metavar="OUT", help=help_text(HELP, "output"))],
    lang: Annotated[str | None, typer.Option("--lang", metavar="en|id", help=help_text(HELP, "lang"))] = None,
    output_format: Annotated[
        str, typer.Option("--format", "-f", metavar="html|pdf|docx", help=help_text(HELP, "format"))
    ] = "html",
    url: Annotated[str | None, typer.Option("--url", metavar="URL", help=help_text(HELP, "url"))] = None,
    manufacturing: Annotated[bool, typer.Option("--manufacturing", help=help_text(HELP, "manufacturing"))] = False,
    config: Annotated[
        str | None, typer.Option("--config", metavar="FILE", help=help_text(SHARED_HELP, "config"))
    ] = None,
) -> int:
    """Write the citizen-facing publication: exit 1 when a standard was invalid and left out, 2 on misuse."""
    from svcstd.publication.page import page_language, safe_url, standard_page

    run = configured_pipeline(config, None)
    language = resolve_lang(lang, run.settings.lang)
    source = Path(path)
    if url is not None and safe_url(url) is None:
        raise UsageError(MESSAGES.text("bad_url", url=escaping.terminal(url)))
    if not source.exists():
        raise MissingPathError(MESSAGES.text("missing", path=path))
    if output_format not in ("html", "pdf", "docx"):
        raise UsageError(MESSAGES.text("bad_format", value=escaping.terminal(output_format)))
    if source.is_dir() and output_format == "pdf":
        raise UsageError(MESSAGES.text("pdf_folder", path=escaping.terminal(path)))
    if output_format == "docx":
        problems = _render_docx(source, output, run)
    elif source.is_dir():
        problems = _render_folder(source, output, lang, language, run, url=url, manufacturing=manufacturing)
    else:
        documents, problems = _read([Target(path, path, explicit=True)], run)
        if documents:
            page_lang = page_language(documents[0], lang, language)
            page = standard_page(documents, page_lang, url=url, manufacturing=manufacturing)
            if output_format == "pdf":
                _write_pdf(page, output, path)
            else:
                write_output(page, output, inputs=[path])
        elif not problems:
            typer.echo(MESSAGES("nothing", language, path=escaping.terminal(path)), err=True)
            return 1
    _report(problems, language)
    return 1 if problems else 0
