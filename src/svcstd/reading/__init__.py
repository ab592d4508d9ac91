"""Reading: which files to check, bytes -> YAML 1.2 data with positions, and the limits on what one input may cost."""
