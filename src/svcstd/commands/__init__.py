"""The subcommands, one module each, registered on `cli.app` when imported."""

from svcstd.commands import check, schema  # noqa: F401
