"""`python -m svcstd` runs the command line."""

from svcstd.cli.main import main

raise SystemExit(main())
