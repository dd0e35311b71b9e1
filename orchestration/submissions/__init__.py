"""The monthly submission: its contract, and the templates units fill (the demo data is tineng_demo)."""
