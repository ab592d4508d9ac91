"""`svcstd schema`: print or write the JSON Schema, for editors and other tools."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from svcstd.cli import app, write_output


@app.command()
def schema(
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to FILE instead of printing.")] = None,
) -> None:
    """Print the JSON Schema of the standard format (for VS Code, JetBrains and other tools)."""
    from svcstd.validation import load_schema

    write_output(json.dumps(load_schema(), ensure_ascii=False, indent=2) + "\n", output)
