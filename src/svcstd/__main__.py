"""`python -m svcstd` runs the command line."""

from svcstd.cli import main

raise SystemExit(main())
