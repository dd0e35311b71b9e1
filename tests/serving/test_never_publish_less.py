"""A refresh never publishes less without an error that says what vanished; folders it cannot or
will not read are named to the office, never skipped in silence."""

import hashlib
import os
import shutil

from typer.testing import CliRunner

from orchestration import settings
from orchestration.cli.app import app
from tineng_demo.year import generate_demo

runner = CliRunner()


def _sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_missing_raw_folder_is_an_error_and_publishes_nothing(workspace, monkeypatch):
    monkeypatch.setenv("TINENG_RAW_DIR", str(workspace.raw / "未挂载"))
    result = runner.invoke(app, ["run", "--all"])
    assert result.exit_code == 2
    assert "找不到报送文件夹" in result.output
    assert not settings.published_db().exists()


def test_a_month_that_vanished_blocks_the_publish_until_the_office_allows_it(
    workspace, tmp_path, monkeypatch
):
    generate_demo(workspace.raw, through="2021-02")
    assert runner.invoke(app, ["run", "--no-report"]).exit_code == 0
    before = _sha(settings.published_db())
    # the ledger's disk is not mounted and February's files were moved away by accident
    monkeypatch.setenv("TINENG_LEDGER_DIR", str(tmp_path / "empty-ledger"))
    shutil.move(workspace.raw / "2021-02", tmp_path / "moved-away")

    blocked = runner.invoke(app, ["run", "--all", "--no-report"])
    assert blocked.exit_code == 1
    assert "2021-02：当前有效报送 21 → 0 份" in blocked.output
    assert "未发布" in blocked.output
    assert _sha(settings.published_db()) == before

    allowed = runner.invoke(app, ["run", "--all", "--no-report", "--allow-shrink"])
    assert allowed.exit_code == 0, allowed.output
    assert workspace.query("select count(*) from marts.fct_submission where period = '2021-02'") == [(0,)]


def test_folders_that_are_not_months_links_and_empty_months_are_named_not_skipped(workspace, tmp_path):
    generate_demo(workspace.raw, through="2021-01")
    (workspace.raw / "2021-3").mkdir()
    shutil.copy2(
        next((workspace.raw / "2021-01").glob("2021-01_S02_*.xlsx")),
        workspace.raw / "2021-3" / "慈惠街3月.xlsx",
    )
    outside = tmp_path / "outside"
    outside.mkdir()
    stolen = next((workspace.raw / "2021-01").glob("2021-01_S05_*.xlsx"))
    shutil.move(stolen, outside / stolen.name)
    (workspace.raw / "2021-01" / stolen.name).symlink_to(outside / stolen.name)
    (workspace.raw / "2021-02").symlink_to(outside, target_is_directory=True)
    os.mkfifo(workspace.raw / "2021-01" / "正在复制.xlsx")
    (workspace.raw / "2021-04").mkdir()  # an empty month folder: the bulletin says why it is missing

    result = runner.invoke(app, ["run"])

    assert result.exit_code == 0, result.output
    assert "raw/2021-3 的名称不是“年-月”" in result.output
    assert f"raw/2021-01/{stolen.name} 是指向其他位置的链接，未读取" in result.output
    assert "raw/2021-02 是指向其他位置的链接，未读取" in result.output
    assert "raw/2021-01/正在复制.xlsx 不是普通文件，未读取" in result.output
    assert "2021-04 没有可通报的数据" in result.output
    assert workspace.query("select count(*) from marts.fct_submission where unit_code = 'S05'") == [(0,)]
