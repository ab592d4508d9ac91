"""Configuration: finding and reading svcstd.toml, checking every key, and the frozen Settings of a run."""
