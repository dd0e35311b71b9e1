"""The `tineng` command line.

The console script's module stays this small: worker processes started by the ingest pool import
the main module again, and importing Dagster there would cost every pool most of a second.
"""


def main() -> None:
    from orchestration.cli.app import main as run

    run()
