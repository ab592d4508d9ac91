"""The subcommands, one module each, registered on `cli.app` when imported."""

from svcstd.commands import cache, check, diff, init, render, report, rules, schema  # noqa: F401
