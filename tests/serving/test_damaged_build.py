"""A build database that no longer opens is set aside (kept) and the refresh rebuilds from the
ledger; a Parquet link someone replaced by a real folder is left alone and the publish still says so."""

from typer.testing import CliRunner

from orchestration import settings
from orchestration.cli.app import app
from tineng_demo.year import generate_demo

runner = CliRunner()
_SUBMISSIONS = (
    "select file_id, status, received_at, ingested_at, is_current from marts.fct_submission order by file_id"
)


def test_a_truncated_build_and_a_parquet_folder_that_is_no_link_still_publish_with_messages(workspace):
    generate_demo(workspace.raw, through="2021-01")
    assert runner.invoke(app, ["run", "--no-report"]).exit_code == 0
    submissions = workspace.query(_SUBMISSIONS)
    build = settings.build_db()
    whole = build.read_bytes()
    build.write_bytes(whole[: len(whole) // 3])
    settings.parquet_dir().unlink()
    (settings.parquet_dir() / "分析员的表.xlsx").parent.mkdir()
    (settings.parquet_dir() / "分析员的表.xlsx").write_bytes(b"kept")

    result = runner.invoke(app, ["run", "--no-report"])

    assert result.exit_code == 0, result.output
    said = result.output.replace("\n", "")
    assert "构建库已损坏" in said
    assert "已发布" in said and "不是链接" in said and "未发布" not in said
    assert (settings.parquet_dir() / "分析员的表.xlsx").read_bytes() == b"kept"
    (aside,) = build.parent.glob("tineng.duckdb.damaged-*")
    assert aside.stat().st_size == len(whole) // 3
    assert workspace.query(_SUBMISSIONS) == submissions
