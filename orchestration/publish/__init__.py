"""Publishing a checked build as the read-only warehouse analysts and BI tools use."""
