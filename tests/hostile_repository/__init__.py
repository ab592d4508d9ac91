"""A repository whose contents are written by the people the gate checks (issue 12): none of it opens the gate."""
