"""`svcstd report`: one HTML or Markdown compliance report over a repository; exit 0 once written, 2 if it cannot run.

The report is for reading, not gating: findings do not change the exit code (`svcstd check` is the gate).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from svcstd.cli.app import app, configured_pipeline, help_text, resolve_lang
from svcstd.cli.output import write_output
from svcstd.errors import UsageError
from svcstd.i18n import Catalog

MESSAGES = Catalog(
    "report_command",
    {
        "bad_suffix": (
            "cannot tell the report's format from `{path}`: name it .html, .htm or .md.",
            "format laporan tidak dapat ditentukan dari `{path}`: beri nama berakhiran .html, .htm, atau .md.",
        ),
        "unreadable": ("cannot read {path}: {reason}", "tidak dapat membaca {path}: {reason}"),
    },
)

HELP = Catalog(
    "help_report",
    {
        "short": (
            "Write an HTML or Markdown compliance report.",
            "Menyusun laporan kepatuhan dalam HTML atau Markdown.",
        ),
        "command": (
            "Write an HTML or Markdown compliance report; exit 0 once written (whatever the findings), 2 if it cannot.",
            "Menyusun laporan kepatuhan dalam format HTML atau Markdown; kode keluar 0 setelah laporan ditulis "
            "(apa pun temuannya), 2 jika laporan tidak dapat ditulis.",
        ),
        "output": ("The report: FILE.html, FILE.htm or FILE.md.", "Berkas laporan: FILE.html, FILE.htm, atau FILE.md."),
        "paths": ("Files or folders (default: .)", "Berkas atau folder (bawaan: .)"),
        "lang": ("Language of the report: en or id.", "Bahasa laporan: en atau id."),
        "as_of": (
            "Judge dates as of YYYY-MM-DD (default today).",
            "Menilai tanggal per YYYY-MM-DD (bawaan: hari ini).",
        ),
        "config": (
            "Configuration file (default: discovered).",
            "Berkas konfigurasi (bawaan: dicari secara otomatis).",
        ),
        "compare": (
            "An earlier `check --format json` report to compare with.",
            "Laporan `check --format json` terdahulu sebagai pembanding.",
        ),
        "title": ("The report's title.", "Judul laporan."),
        "max_chars": (
            "Markdown only: keep within this many characters, the worst items first (0: no limit).",
            "Khusus Markdown: batasi hingga sekian karakter, butir terburuk didahulukan (0: tanpa batas).",
        ),
    },
)

SUFFIXES = {".html": "html", ".htm": "html", ".md": "markdown", ".markdown": "markdown"}


@app.command(help=help_text(HELP, "command"), short_help=help_text(HELP, "short"))
def report(
    output: Annotated[Path, typer.Option("--output", "-o", metavar="FILE", help=help_text(HELP, "output"))],
    paths: Annotated[list[str] | None, typer.Argument(metavar="PATH", help=help_text(HELP, "paths"))] = None,
    lang: Annotated[str | None, typer.Option("--lang", metavar="en|id", help=help_text(HELP, "lang"))] = None,
    as_of: Annotated[str | None, typer.Option("--as-of", metavar="DATE", help=help_text(HELP, "as_of"))] = None,
    config: Annotated[str | None, typer.Option("--config", metavar="FILE", help=help_text(HELP, "config"))] = None,
    compare: Annotated[Path | None, typer.Option("--compare", metavar="FILE", help=help_text(HELP, "compare"))] = None,
    title: Annotated[str | None, typer.Option("--title", metavar="TEXT", help=help_text(HELP, "title"))] = None,
    max_chars: Annotated[
        int, typer.Option("--max-chars", min=0, metavar="N", help=help_text(HELP, "max_chars"))
    ] = 60_000,
) -> int:
    """Write an HTML or Markdown compliance report; exit 0 once written (whatever the findings), 2 if it cannot."""
    from svcstd import api
    from svcstd.reporters import RenderOptions, html, markdown
    from svcstd.reporters.summary import parse_previous, summarize
    from svcstd.spill import Spill

    kind = report_kind(output)
    run = configured_pipeline(config, as_of)
    language = resolve_lang(lang, run.settings.lang)
    previous = parse_previous(read_json(compare), str(compare)) if compare is not None else None
    render = html.summary_chunks if kind == "html" else markdown.summary_chunks
    options = RenderOptions(language, max_chars=max_chars or None)
    with Spill() as spill:  # each file's results on disk as they arrive, read back one at a time
        result = api.check_pipeline(paths or ["."], run, spill=spill)
        summary = summarize(result, run.settings.grades, previous)
        write_output(render(summary, options, title), output)
    return 0


def report_kind(output: Path) -> str:
    """`html` or `markdown`, by the output file's suffix."""
    kind = SUFFIXES.get(output.suffix.lower())
    if kind is None:
        raise UsageError(MESSAGES.text("bad_suffix", path=str(output)))
    return kind


def read_json(path: Path) -> object:
    """An earlier report (`--compare`): a regular file only, bounded, no NaN, no runaway depth or digits."""
    from svcstd.reading import files

    try:
        return files.read_json(path)
    except (OSError, ValueError) as error:
        raise UsageError(MESSAGES.text("unreadable", path=str(path), reason=files.reason(error))) from None
