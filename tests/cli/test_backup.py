"""`tineng backup` / `tineng restore`: the ledger and the published warehouse travel together, a
restored ledger rebuilds the same warehouse with no raw files, and neither command overwrites."""

import json
import sqlite3

from typer.testing import CliRunner

from orchestration import settings
from orchestration.cli.app import app
from orchestration.cli.refresh import months_to_refresh, run_refresh
from tests.conftest import use_directories
from tineng_demo.year import generate_demo

runner = CliRunner()
_SUBMISSIONS = (
    "select file_id, status, received_at, ingested_at, is_current from marts.fct_submission order by file_id"
)


def _entries() -> list[tuple]:
    with sqlite3.connect(settings.ledger_db()) as ledger:
        return ledger.execute("select * from file_entries order by entry_id").fetchall()


def test_a_restored_backup_rebuilds_the_same_warehouse_without_raw_files(tmp_path, monkeypatch):
    first = use_directories(tmp_path / "a" / "raw", tmp_path / "a" / "warehouse", monkeypatch)
    generate_demo(first.raw, through="2021-01")
    assert run_refresh(months_to_refresh(None), report=False).published
    entries, submissions = _entries(), first.query(_SUBMISSIONS)

    backed_up = runner.invoke(app, ["backup", str(tmp_path / "backup")])
    assert backed_up.exit_code == 0, backed_up.output
    listed = json.loads((tmp_path / "backup" / "manifest.json").read_text("utf-8"))["files"]
    assert {"ledger/ledger.sqlite", "warehouse/tineng.duckdb"} <= set(listed)
    again = runner.invoke(app, ["backup", str(tmp_path / "backup")])
    assert again.exit_code == 1
    assert "不是空的" in again.output

    second = use_directories(tmp_path / "b" / "raw", tmp_path / "b" / "warehouse", monkeypatch)
    restored = runner.invoke(app, ["restore", str(tmp_path / "backup")])
    assert restored.exit_code == 0, restored.output
    assert _entries() == entries
    assert second.query(_SUBMISSIONS) == submissions
    assert run_refresh(months_to_refresh("2021-01"), report=False).published
    assert second.query(_SUBMISSIONS) == submissions

    twice = runner.invoke(app, ["restore", str(tmp_path / "backup")])
    assert twice.exit_code == 1
    assert "不会覆盖" in twice.output


def test_a_damaged_backup_restores_nothing(tmp_path, monkeypatch):
    space = use_directories(tmp_path / "a" / "raw", tmp_path / "a" / "warehouse", monkeypatch)
    generate_demo(space.raw, through="2021-01")
    assert run_refresh(months_to_refresh(None), report=False).published
    assert runner.invoke(app, ["backup", str(tmp_path / "backup")]).exit_code == 0
    copied = tmp_path / "backup" / "warehouse" / "tineng.duckdb"
    copied.chmod(0o644)
    with copied.open("r+b") as f:
        f.seek(100)
        f.write(b"\x00damaged")

    use_directories(tmp_path / "b" / "raw", tmp_path / "b" / "warehouse", monkeypatch)
    result = runner.invoke(app, ["restore", str(tmp_path / "backup")])
    assert result.exit_code == 1
    said = result.output.replace("\n", "")  # the terminal wraps long lines
    assert "已损坏" in said and "warehouse/tineng.duckdb" in said
    assert not settings.ledger_db().exists()
    assert not settings.published_db().exists()
