"""Benchmarks, run as scripts: `python -m bench.<name>`. Shared helpers are in bench.common."""
