"""`svcstd init`: write a new, commented standard from the template, in the chosen language."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from svcstd.cli.app import app, help_text, resolve_lang
from svcstd.cli.output import ensure_folder, write_output
from svcstd.errors import UsageError
from svcstd.i18n import Catalog

MESSAGES = Catalog(
    "init",
    {
        "bad_kind": (
            "--kind must be standard or sheet, not {value}.",
            "--kind harus standard atau sheet, bukan {value}.",
        ),
        "exists": (
            "{path} already exists; it was left unchanged. Choose another file name, or add --force to overwrite it.",
            "{path} sudah ada dan tidak diubah. Pilih nama berkas lain, atau tambahkan --force untuk menimpanya.",
        ),
        "ask_service": ("Name of the service", "Nama layanan"),
        "ask_provider": ("Name of the provider (office)", "Nama instansi penyelenggara"),
        "written": (
            "Wrote {path}. Replace every <<FILL IN: ...>> text, then run: svcstd check {path}",
            "{path} telah dibuat. Ganti setiap teks <<ISI: ...>>, lalu jalankan: svcstd check {path}",
        ),
        "no_schema": (
            "For checks in your editor as you type, write the schema its first line names: svcstd schema -o {schema}",
            "Agar editor memeriksa saat Anda mengetik, tulis skema pada baris pertamanya: svcstd schema -o {schema}",
        ),
    },
)


KINDS = {"standard": "standard", "sheet": "published_sheet"}
"""`--kind` -> the document's `kind`."""

HELP = Catalog(
    "help_init",
    {
        "short": (
            "Write a new standard from a commented template.",
            "Membuat standar pelayanan baru dari templat berkomentar.",
        ),
        "command": (
            "Write a new service standard from a commented template, with every component to fill in.",
            "Membuat standar pelayanan baru dari templat berkomentar, lengkap dengan setiap komponen yang perlu diisi.",
        ),
        "file": (
            "The file to write (default standar-pelayanan.yaml; - for stdout).",
            "Berkas yang akan ditulis (bawaan: standar-pelayanan.yaml; - untuk keluaran standar).",
        ),
        "lang": ("Language of the comments and content: id or en.", "Bahasa komentar dan isi: id atau en."),
        "service": ("Name of the service.", "Nama layanan."),
        "provider": ("Name of the provider (office).", "Nama instansi penyelenggara."),
        "force": ("Overwrite FILE if it exists.", "Menimpa FILE jika sudah ada."),
        "kind": (
            "standard: the full standard (all 14 components, with the records of adoption and review); sheet: "
            "the published sheet (the six service-delivery components, as on SIPPN or a notice board).",
            "standard: standar lengkap (14 komponen, dengan catatan penetapan dan evaluasi); sheet: lembar "
            "publikasi (enam komponen penyampaian pelayanan, seperti di SIPPN atau papan pengumuman).",
        ),
    },
)


def _ask(value: str | None, message_key: str, lang: str) -> str | None:
    """The option's value; on a terminal, asked for when missing; otherwise None (a placeholder)."""
    if value is not None or not sys.stdin.isatty():
        return value
    answer: str = typer.prompt(MESSAGES(message_key, lang), default="", show_default=False)
    return answer or None


@app.command(help=help_text(HELP, "command"), short_help=help_text(HELP, "short"))
def init(
    file: Annotated[str, typer.Argument(metavar="FILE", help=help_text(HELP, "file"))] = "standar-pelayanan.yaml",
    lang: Annotated[str | None, typer.Option("--lang", metavar="en|id", help=help_text(HELP, "lang"))] = None,
    service: Annotated[str | None, typer.Option("--service", metavar="NAME", help=help_text(HELP, "service"))] = None,
    provider: Annotated[
        str | None, typer.Option("--provider", metavar="NAME", help=help_text(HELP, "provider"))
    ] = None,
    force: Annotated[bool, typer.Option("--force", help=help_text(HELP, "force"))] = False,
    kind: Annotated[str, typer.Option("--kind", metavar="standard|sheet", help=help_text(HELP, "kind"))] = "standard",
) -> int:
    """Write a new service standard from a commented template, with every component to fill in."""
    from svcstd.standard.template import new_standard, schema_reference

    language = resolve_lang(lang)
    if kind not in KINDS:
        raise UsageError(MESSAGES.text("bad_kind", value=kind))
    target = None if file == "-" else Path(file)
    if target is not None and (target.exists() or target.is_symlink()) and not force:
        raise UsageError(MESSAGES.text("exists", path=file))
    schema_path = schema_reference(target, Path.cwd())
    names = _ask(service, "ask_service", language), _ask(provider, "ask_provider", language)
    text = new_standard(language, *names, schema=schema_path, kind=KINDS[kind])
    if target is None:
        write_output(text, None)
        return 0
    ensure_folder(target)
    write_output(text, target)
    typer.echo(MESSAGES("written", language, path=file), err=True)
    schema_file = target.parent / schema_path
    if not schema_file.is_file():  # the modeline names it: say how to write it
        typer.echo(MESSAGES("no_schema", language, schema=Path(os.path.relpath(schema_file)).as_posix()), err=True)
    return 0
