"""The monthly submission: its contract, the templates units fill, and the demo data."""
