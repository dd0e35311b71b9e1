"""Dagster code location and command-line tool of the innovation-plan indicator warehouse."""
