"""A build database that no longer opens is set aside (kept) and the refresh rebuilds from the ledger."""

from typer.testing import CliRunner

from orchestration import settings
from orchestration.cli.app import app
from orchestration.submissions.demo import generate_demo

runner = CliRunner()
_SUBMISSIONS = (
    "select file_id, status, received_at, ingested_at, is_current from marts.fct_submission order by file_id"
)


def test_a_truncated_build_is_set_aside_and_rebuilt_with_a_message(workspace):
    generate_demo(workspace.raw, through="2021-01")
    assert runner.invoke(app, ["run", "--no-report"]).exit_code == 0
    submissions = workspace.query(_SUBMISSIONS)
    build = settings.build_db()
    whole = build.read_bytes()
    build.write_bytes(whole[: len(whole) // 3])

    result = runner.invoke(app, ["run", "--no-report"])

    assert result.exit_code == 0, result.output
    assert "构建库已损坏" in result.output
    (aside,) = build.parent.glob("tineng.duckdb.damaged-*")
    assert aside.stat().st_size == len(whole) // 3
    assert workspace.query(_SUBMISSIONS) == submissions
