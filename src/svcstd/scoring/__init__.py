"""Scoring: rules and waivers -> outcomes, principle and overall scores, grades, and the gate."""
