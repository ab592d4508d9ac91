"""`svcstd render`: the citizen-facing publication, one page for a file or a static site for a folder."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from svcstd.cli import app, help_text, resolve_lang, write_output
from svcstd.errors import MissingPathError, UsageError
from svcstd.i18n import Catalog
from svcstd.model import Finding, LoadedDocument, Severity

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
        "nothing": (
            "{path}: no valid standard to render.",
            "{path}: tidak ada standar valid yang dapat dimuat dalam publikasi.",
        ),
    },
)


HELP = Catalog(
    "help_render",
    {
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
        "lang": ("Language of the page's headings: id or en.", "Bahasa judul bagian halaman: id atau en."),
    },
)


def _read(path: str, display: str, explicit: bool) -> tuple[list[dict[str, Any]], list[tuple[str, Finding]]]:
    """The valid standards of one file, and the errors of the invalid ones."""
    from svcstd.api import read_target
    from svcstd.config import DEFAULT_SETTINGS
    from svcstd.discovery import Target
    from svcstd.validation import validate

    _, loaded = read_target(Target(path, display, explicit), DEFAULT_SETTINGS)
    valid: list[dict[str, Any]] = []
    problems: list[tuple[str, Finding]] = []
    for doc in loaded if explicit else [d for d in loaded if _is_standard(d)]:
        errors = [f for f in (*doc.findings, *_validated(doc, validate)) if f.severity is Severity.ERROR]
        if errors or not isinstance(doc.data, dict):
            problems.extend((display, f) for f in errors)
        else:
            valid.append(doc.data)
    return valid, problems


def _is_standard(doc: LoadedDocument) -> bool:
    return (isinstance(doc.data, dict) and "svcstd" in doc.data) or bool(doc.findings)


def _validated(doc: LoadedDocument, validate: Any) -> tuple[Finding, ...]:
    return tuple(validate(doc)) if isinstance(doc.data, dict) and not doc.findings else ()


def _report(problems: list[tuple[str, Finding]], lang: str) -> None:
    for path in dict.fromkeys(p for p, _ in problems):
        typer.echo(MESSAGES("skipped", lang, path=path), err=True)
    for path, f in problems:
        params = {"path": path, "line": f.line, "column": f.column, "rule": f.rule, "message": f.message(lang)}
        typer.echo(MESSAGES("problem", lang, **params), err=True)


def _render_folder(folder: Path, out: Path, lang: str) -> list[tuple[str, Finding]]:
    from svcstd.discovery import discover
    from svcstd.publication import site

    documents: list[dict[str, Any]] = []
    problems: list[tuple[str, Finding]] = []
    for target in discover([str(folder)]):
        valid, found = _read(target.path, target.display, explicit=False)
        documents.extend(valid)
        problems.extend(found)
    if out.exists() and not out.is_dir():
        raise UsageError(MESSAGES.text("not_folder", path=str(out)))
    out.mkdir(parents=True, exist_ok=True)
    for name, html in site(documents, lang).items():
        write_output(html, out / name)
    return problems


@app.command(help=help_text(HELP, "command"))
def render(
    path: Annotated[str, typer.Argument(help=help_text(HELP, "path"))],
    output: Annotated[Path, typer.Option("--output", "-o", help=help_text(HELP, "output"))],
    lang: Annotated[str | None, typer.Option("--lang", help=help_text(HELP, "lang"))] = None,
) -> int:
    """Write the citizen-facing publication: exit 1 when a standard was invalid and left out, 2 on misuse."""
    from svcstd.publication import standard_page

    language = resolve_lang(lang)
    source = Path(path)
    if not source.exists():
        raise MissingPathError(MESSAGES.text("missing", path=path))
    if source.is_dir():
        problems = _render_folder(source, output, language)
    else:
        documents, problems = _read(path, path, explicit=True)
        if documents:
            write_output(standard_page(documents, language), output, inputs=[path])
        elif not problems:
            typer.echo(MESSAGES("nothing", language, path=path), err=True)
            return 1
    _report(problems, language)
    return 1 if problems else 0
