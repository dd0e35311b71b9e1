"""`tineng --help` and argument errors answer without loading the heavy stack (issue 16: < 0.5 s)."""

import subprocess
import sys

import pytest

HEAVY = ("dagster", "dagster_dbt", "dbt", "duckdb", "pandas", "pyarrow", "great_expectations", "psycopg")
_PROBE = f"""
import sys
sys.argv = ["tineng", *sys.argv[1:]]
from orchestration.cli import main
try:
    main()
except SystemExit:
    pass
print("LOADED", sorted({{m.split(".")[0] for m in sys.modules}} & set({HEAVY!r})), file=sys.stderr)
"""


@pytest.mark.parametrize(
    "arguments",
    [["--help"], ["run", "--help"], ["sql", "--help"], ["run", "--period", "2021-13"], ["checks", "--nope"]],
)
def test_help_and_argument_errors_load_no_heavy_module(arguments):
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, *arguments], capture_output=True, text=True, check=False
    )
    loaded = [line for line in done.stderr.splitlines() if line.startswith("LOADED")]
    assert loaded == ["LOADED []"], done.stderr
