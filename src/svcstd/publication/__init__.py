"""The citizen-facing publication of `svcstd render`: a page per standard, or a static site."""
