"""`svcstd cache clean`: remove the result cache of the current repository."""

from __future__ import annotations

from typing import Annotated

import typer

from svcstd.cli.app import app, help_text, resolve_lang
from svcstd.errors import SvcstdError
from svcstd.i18n import Catalog

MESSAGES = Catalog(
    "cache_command",
    {
        "removed": (
            "Removed the result cache {folder} ({count} files).",
            "Tembolok hasil pemeriksaan {folder} dihapus ({count} berkas).",
        ),
        "removed_one": (
            "Removed the result cache {folder} (1 file).",
            "Tembolok hasil pemeriksaan {folder} dihapus (1 berkas).",
        ),
        "none": ("There is no result cache at {folder}.", "Tidak ada tembolok hasil pemeriksaan di {folder}."),
        "cannot": ("cannot remove {folder}: {reason}", "tidak dapat menghapus {folder}: {reason}"),
    },
)
HELP = Catalog(
    "help_cache",
    {
        "clean_short": (
            "Remove this repository's result cache.",
            "Menghapus tembolok hasil pemeriksaan repositori ini.",
        ),
        "group_short": ("Manage the result cache.", "Mengelola tembolok hasil pemeriksaan."),
        "group": (
            "Manage the result cache (in the user's cache folder, one per repository; SVCSTD_CACHE_DIR moves it).",
            "Mengelola tembolok (cache) hasil pemeriksaan (di folder cache pengguna, satu per repositori; "
            "SVCSTD_CACHE_DIR memindahkannya).",
        ),
        "clean": (
            "Remove the result cache of the current repository; the next check judges every file afresh.",
            "Menghapus tembolok hasil pemeriksaan repositori ini; pemeriksaan berikutnya menilai ulang setiap "
            "berkas dari awal.",
        ),
        "lang": ("Language of messages: en or id.", "Bahasa pesan: en atau id."),
    },
)

cache_app = typer.Typer(help=help_text(HELP, "group"), short_help=help_text(HELP, "group_short"), no_args_is_help=True)
app.add_typer(cache_app, name="cache")


@cache_app.command(help=help_text(HELP, "clean"), short_help=help_text(HELP, "clean_short"))
def clean(
    lang: Annotated[str | None, typer.Option("--lang", metavar="en|id", help=help_text(HELP, "lang"))] = None,
) -> None:
    """Remove the result cache of the current repository; the next check judges every file afresh."""
    from svcstd.cache import clean as remove
    from svcstd.cache import root_folder

    language = resolve_lang(lang)
    try:
        folder, count = remove()
    except OSError as error:
        folder = root_folder()
        raise SvcstdError(MESSAGES.text("cannot", folder=str(folder), reason=error.strerror or str(error))) from None
    key = "none" if count is None else "removed_one" if count == 1 else "removed"
    typer.echo(MESSAGES(key, language, folder=str(folder), count=count))
