"""What the format itself knows: its vocabularies, durations, contacts, dates and the starter template."""
