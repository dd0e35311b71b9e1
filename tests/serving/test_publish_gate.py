"""An error-severity failure blocks publishing: the last good warehouse stays, byte for byte."""

import hashlib
import sqlite3

from typer.testing import CliRunner

from orchestration import settings
from orchestration.cli.app import app
from tineng_demo.year import generate_demo


def _sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_failing_error_check_leaves_the_published_file_byte_identical(workspace):
    generate_demo(workspace.raw, through="2021-02")
    runner = CliRunner()
    first = runner.invoke(app, ["run"])
    assert first.exit_code == 0, first.output
    published = settings.published_db()
    before = _sha(published)

    # Simulate an ingestion bug: 吴家山街's current February file gains a row for a measure code
    # that is in no plan (ingest refuses such rows, so only a bug can land one).
    with sqlite3.connect(settings.ledger_db()) as ledger:
        ledger.execute(
            """
            insert into progress_rows (entry_id, sheet, row_no, measure_code, month_value, ytd_value)
            select entry_id, '月度进展', 99, 'X99', 1, 1 from file_entries
            where unit_code = 'S01' and period = '2021-02' and status like 'accepted%'
            """
        )

    second = runner.invoke(app, ["run"])
    assert second.exit_code == 1
    assert "expect_measure_codes_known" in second.output
    assert "S01 2021-02 的指标编码 X99 不在指标表中" in second.output
    assert "未发布" in second.output
    assert _sha(published) == before
