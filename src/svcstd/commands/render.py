"""`svcstd render`: the citizen-facing publication (in progress)."""
