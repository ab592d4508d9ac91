"""`svcstd diff`: what changed between two versions of a standard (in progress)."""
