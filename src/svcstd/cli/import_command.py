"""`svcstd import`: Word, PDF, web pages and spreadsheets to format-1.1 drafts, each value traced to its origin."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from svcstd.cli.app import app, help_text, resolve_lang
from svcstd.errors import MissingPathError, UsageError
from svcstd.escaping import inert_line, inert_lines
from svcstd.i18n import Catalog

if TYPE_CHECKING:
    from svcstd.importing.build import Imported

MESSAGES = Catalog(
    "import_command",
    {
        "missing": ("{path} does not exist.", "{path} tidak ditemukan."),
        "not_dir": ("{path} is not a directory.", "{path} bukan direktori."),
        "cannot_write": ("cannot write {path}: {reason}", "tidak dapat menulis {path}: {reason}"),
        "failed": ("svcstd import: {message}", "svcstd import: {message}"),
        "wrote": ("{path}: {title} ({kind})", "{path}: {title} ({kind})"),
        "recognised": (
            "  recognised: {pointer} from “{label}” ({where})",
            "  dikenali: {pointer} dari “{label}” ({where})",
        ),
        "as_text": ("  kept as text: {pointer}", "  disimpan sebagai teks: {pointer}"),
        "unknown": (
            "  not understood, kept in {pointer}: “{label}” ({where})",
            "  tidak dipahami, disimpan di {pointer}: “{label}” ({where})",
        ),
        "summary": (
            "{documents} document(s) from {files} file(s); {failed} file(s) could not be imported, "
            "{partial} document(s) have parts not understood.",
            "{documents} dokumen dari {files} berkas; {failed} berkas tidak dapat diimpor, "
            "{partial} dokumen memuat bagian yang tidak dipahami.",
        ),
    },
)

HELP = Catalog(
    "help_import",
    {
        "short": (
            "Import standards from Word, PDF, web pages and spreadsheets.",
            "Mengimpor standar pelayanan dari Word, PDF, halaman web, dan lembar kerja.",
        ),
        "command": (
            "Import standards from .docx, .odt, .pdf, .html, .xlsx files or http(s) URLs into format-1.1 YAML; exit 1 "
            "when some part was not understood or a file could not be read.",
            "Mengimpor standar pelayanan dari berkas .docx, .odt, .pdf, .html, .xlsx atau URL http(s) menjadi YAML "
            "format 1.1; kode keluar 1 jika ada bagian yang tidak dipahami atau berkas yang tidak terbaca.",
        ),
        "sources": ("Files or http(s) URLs to import.", "Berkas atau URL http(s) yang diimpor."),
        "output": ("Directory for the YAML files (default: current).", "Direktori berkas YAML (bawaan: saat ini)."),
        "report": (
            "Print what was recognised, kept as text and not understood.",
            "Menampilkan apa yang dikenali, disimpan sebagai teks, dan tidak dipahami.",
        ),
        "lang": ("Language of messages: en or id.", "Bahasa pesan: en atau id."),
    },
)


@app.command("import", help=help_text(HELP, "command"), short_help=help_text(HELP, "short"))
def import_(
    sources: Annotated[list[str], typer.Argument(metavar="FILE_OR_URL", help=help_text(HELP, "sources"))],
    output: Annotated[Path, typer.Option("--output", "-o", metavar="DIR", help=help_text(HELP, "output"))] = Path(),
    report: Annotated[bool, typer.Option("--report", help=help_text(HELP, "report"))] = False,
    lang: Annotated[str | None, typer.Option("--lang", metavar="en|id", help=help_text(HELP, "lang"))] = None,
) -> int:
    """Import standards into format-1.1 YAML; exit 1 when some part was not understood."""
    from svcstd.importing.run import import_target
    from svcstd.importing.source import UnreadableDocument

    language = resolve_lang(lang)
    _check_paths(sources, output)
    failed, documents = 0, []
    written: set[str] = set()
    for target in sources:
        try:
            imported = import_target(target)
        except UnreadableDocument as error:
            failed += 1
            typer.echo(inert_lines(MESSAGES("failed", language, message=error.message(language))), err=True)
            continue
        for item in imported:
            _write(item, _unused_name(item, written), output, language, report)
        documents.extend(imported)
    partial = sum(not item.complete for item in documents)
    typer.echo(
        MESSAGES("summary", language, documents=len(documents), files=len(sources), failed=failed, partial=partial)
    )
    return 1 if failed or partial else 0


def _check_paths(sources: list[str], output: Path) -> None:
    """Misuse before any work (exit 2): a path that does not exist, an output that is a file."""
    from svcstd.importing.fetch import is_url

    for target in sources:
        if not is_url(target) and not Path(target).is_file():
            raise MissingPathError(MESSAGES.text("missing", path=target))
    if output.exists() and not output.is_dir():
        raise UsageError(MESSAGES.text("not_dir", path=output))


def _unused_name(item: Imported, written: set[str]) -> str:
    """`sekadau-igd`, or `sekadau-igd-pdf` when sekadau-igd.html was imported in the same run."""
    name = item.name
    if name in written:
        name = f"{name}-{Path(item.document['x-source']['file']).suffix.lstrip('.')}"
    written.add(name)
    return name


def _write(item: Imported, name: str, output: Path, language: str, report: bool) -> None:
    from svcstd.importing.emit import SIDECAR_SUFFIX, to_sidecar, to_yaml

    path = output / f"{name}.yaml"
    try:
        output.mkdir(parents=True, exist_ok=True)
        path.write_text(to_yaml(item), encoding="utf-8")
        (output / f"{name}{SIDECAR_SUFFIX}").write_text(to_sidecar(item), encoding="utf-8")
    except OSError as error:
        raise UsageError(MESSAGES.text("cannot_write", path=path, reason=error.strerror or str(error))) from None
    typer.echo(inert_line(MESSAGES("wrote", language, path=path, title=item.title, kind=item.document["kind"])))
    if report:
        _print_report(item, language)


def _print_report(item: Imported, language: str) -> None:
    for found in item.recognised:
        where = found.loc.describe()
        typer.echo(inert_line(MESSAGES("recognised", language, pointer=found.pointer, label=found.label, where=where)))
    for pointer in item.as_text:
        typer.echo(inert_line(MESSAGES("as_text", language, pointer=pointer)))
    for found in item.not_understood:
        where = found.loc.describe()
        typer.echo(inert_line(MESSAGES("unknown", language, pointer=found.pointer, label=found.label, where=where)))
