"""`python -m svcstd` runs the command line."""

from svcstd.cli import program

program()
