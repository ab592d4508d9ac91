"""Validation: the bundled JSON Schema, and its errors turned into one plain finding per real problem."""
