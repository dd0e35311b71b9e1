"""A refresh reads and registers the month's files a part at a time (a province-size month holds
tens of thousands): every file is registered once, whichever part it fell in, and a duplicate
points at its original in an earlier part."""

import shutil
import sqlite3

from typer.testing import CliRunner

from orchestration import settings
from orchestration.cli.app import app
from orchestration.ingest import assets as ingest_assets
from tineng_demo.year import generate_demo

ORIGINAL = "2021-01_S03_长青街.xlsx"
COPY = "2021-01_S03_长青街（再次发送）.xlsx"


def test_a_month_read_in_parts_registers_every_file_once(workspace, own_plans, monkeypatch):
    generate_demo(workspace.raw, through="2021-01")
    month = workspace.raw / "2021-01"
    shutil.copy2(month / ORIGINAL, month / COPY)  # the same bytes sent twice
    on_disk = sorted(p.name for p in month.iterdir() if not p.name.startswith("."))
    monkeypatch.setattr(ingest_assets, "FILES_PER_PART", 5)  # 22 files: five parts

    done = CliRunner().invoke(app, ["run", "--period", "2021-01", "--no-report"])
    assert done.exit_code == 0, done.output

    with sqlite3.connect(settings.ledger_db()) as ledger:
        entries = sorted(name for (name,) in ledger.execute("select file_name from file_entries"))
        runs = ledger.execute("select count(distinct ingest_run_id) from file_entries").fetchone()
    assert entries == on_disk
    assert runs == (1,)
    landed = workspace.query(
        "select file_name, status, duplicate_of, file_id from raw.files", published=False
    )
    by_name = {name: (status, duplicate_of, file_id) for name, status, duplicate_of, file_id in landed}
    assert sorted(by_name) == on_disk
    assert by_name[COPY][:2] == ("duplicate", by_name[ORIGINAL][2])
    assert [name for name, (status, _, _) in by_name.items() if status == "duplicate"] == [COPY]
    # every measure row of every accepted file landed, once
    rows = workspace.query(
        "select count(*), count(distinct (file_id, sheet, row_no)) from raw.progress_rows", published=False
    )
    assert rows[0][0] == rows[0][1] > 0
