"""`svcstd diff`: what changed between two versions of a standard, judged on the configured pipeline."""
