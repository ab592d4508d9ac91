"""`svcstd check` as typer's command: its options and help, over `svcstd.cli.check.check`.

Imported (with typer) by `svcstd.cli.main` and by `svcstd.cli.run` for the command lines of `check`
that the fast path (`svcstd.cli.fast`) leaves to typer: help, anything malformed or coerced.
"""

from __future__ import annotations

from typing import Annotated

import typer

from svcstd.cli import check as logic
from svcstd.cli.app import app, evaluated_annotations, help_text
from svcstd.cli.check import HELP


@app.command(name="check", help=help_text(HELP, "command"), short_help=help_text(HELP, "short"))
@evaluated_annotations
def check(
    paths: Annotated[list[str] | None, typer.Argument(help=help_text(HELP, "paths"), metavar="PATH")] = None,
    formats: Annotated[
        list[str] | None,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT[=FILE]",
            help=help_text(HELP, "format"),
        ),
    ] = None,
    output_name: Annotated[
        str | None, typer.Option("--output", "-o", metavar="FILE", help=help_text(HELP, "output"))
    ] = None,
    fail_on: Annotated[str | None, typer.Option("--fail-on", metavar="LEVEL", help=help_text(HELP, "fail_on"))] = None,
    fail_under: Annotated[
        float | None, typer.Option("--fail-under", metavar="SCORE", help=help_text(HELP, "fail_under"))
    ] = None,
    min_principle: Annotated[
        list[str] | None,
        typer.Option("--min-principle", metavar="SCORE", help=help_text(HELP, "min_principle")),
    ] = None,
    select: Annotated[str | None, typer.Option("--select", metavar="RULES", help=help_text(HELP, "select"))] = None,
    ignore: Annotated[str | None, typer.Option("--ignore", metavar="RULES", help=help_text(HELP, "ignore"))] = None,
    config: Annotated[str | None, typer.Option("--config", metavar="FILE", help=help_text(HELP, "config"))] = None,
    isolated: Annotated[bool, typer.Option("--isolated", help=help_text(HELP, "isolated"))] = False,
    as_of: Annotated[str | None, typer.Option("--as-of", metavar="DATE", help=help_text(HELP, "as_of"))] = None,
    lang: Annotated[str | None, typer.Option("--lang", metavar="en|id", help=help_text(HELP, "lang"))] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help=help_text(HELP, "quiet"))] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help=help_text(HELP, "verbose"))] = False,
    baseline_name: Annotated[
        str | None, typer.Option("--baseline", metavar="FILE", help=help_text(HELP, "baseline"))
    ] = None,
    write_baseline_name: Annotated[
        str | None, typer.Option("--write-baseline", metavar="FILE", help=help_text(HELP, "write_baseline"))
    ] = None,
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", min=1, metavar="N", help=help_text(HELP, "jobs"))] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help=help_text(HELP, "no_cache"))] = False,
    skip_non_standards: Annotated[
        bool, typer.Option("--skip-non-standards", help=help_text(HELP, "skip_non_standards"))
    ] = False,
    allow_empty: Annotated[bool, typer.Option("--allow-empty", help=help_text(HELP, "allow_empty"))] = False,
    show_skipped: Annotated[bool, typer.Option("--show-skipped", help=help_text(HELP, "show_skipped"))] = False,
    show_config: Annotated[bool, typer.Option("--show-config", help=help_text(HELP, "show_config"))] = False,
) -> int:
    """Validate and score service standards; exit 0 when all pass the gate, 1 when one fails, 2 on misuse."""
    return logic.check(
        paths,
        formats,
        output_name,
        fail_on,
        fail_under,
        min_principle,
        select,
        ignore,
        config,
        isolated,
        as_of,
        lang,
        quiet,
        verbose,
        baseline_name,
        write_baseline_name,
        jobs,
        no_cache,
        skip_non_standards,
        allow_empty,
        show_skipped,
        show_config,
    )
