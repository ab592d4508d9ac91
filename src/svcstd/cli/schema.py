"""`svcstd schema`: print or write the JSON Schema, for editors and other tools."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from svcstd.cli.app import app, help_text
from svcstd.cli.output import ensure_folder, write_output
from svcstd.i18n import Catalog

HELP = Catalog(
    "help_schema",
    {
        "short": ("Print the JSON Schema of the standard format.", "Menampilkan JSON Schema format standar pelayanan."),
        "command": (
            "Print the JSON Schema of the standard format (for VS Code, JetBrains and other tools).",
            "Menampilkan JSON Schema format standar pelayanan (untuk VS Code, JetBrains, dan perangkat lain).",
        ),
        "output": ("Write to FILE instead of printing.", "Menulis ke FILE alih-alih menampilkannya."),
    },
)


@app.command(help=help_text(HELP, "command"), short_help=help_text(HELP, "short"))
def schema(
    output: Annotated[
        Path | None, typer.Option("--output", "-o", metavar="FILE", help=help_text(HELP, "output"))
    ] = None,
) -> None:
    """Print the JSON Schema of the standard format (for VS Code, JetBrains and other tools)."""
    from svcstd.validation.validate import load_schema

    if output is not None:
        ensure_folder(output)
    write_output(json.dumps(load_schema(), ensure_ascii=False, indent=2) + "\n", output)
