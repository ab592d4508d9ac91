"""`python -m svcstd` runs the command line."""

from svcstd.cli import run

raise SystemExit(run())
