"""The subcommands, one module each, registered on `cli.app` when imported."""

from svcstd.commands import check, diff, init, render, schema  # noqa: F401
