"""`svcstd init`: write a new, commented standard from the template, in the chosen language."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from svcstd.cli.app import app, help_text, resolve_lang
from svcstd.cli.output import write_output
from svcstd.errors import UsageError
from svcstd.i18n import Catalog

MESSAGES = Catalog(
    "init",
    {
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
    },
)


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
) -> int:
    """Write a new service standard from a commented template, with every component to fill in."""
    from svcstd.standard.template import new_standard

    language = resolve_lang(lang)
    target = None if file == "-" else Path(file)
    if target is not None and (target.exists() or target.is_symlink()) and not force:
        raise UsageError(MESSAGES.text("exists", path=file))
    text = new_standard(language, _ask(service, "ask_service", language), _ask(provider, "ask_provider", language))
    write_output(text, target)
    if target is not None:
        typer.echo(MESSAGES("written", language, path=file), err=True)
    return 0
