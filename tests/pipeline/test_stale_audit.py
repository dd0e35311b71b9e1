"""Results of a rule the suite no longer has (renamed or removed) leave the audit tables."""

import duckdb

from orchestration import settings
from orchestration.cli.refresh import months_to_refresh, run_refresh


def test_results_of_a_renamed_rule_are_removed_at_the_next_refresh(workspace):
    assert run_refresh(months_to_refresh(None), report=False).success
    connection = duckdb.connect(str(settings.build_db()))
    connection.execute(
        "insert into audit.check_results by name select * replace ('expect_an_old_name' as check_name)"
        " from audit.check_results where suite = 'reference' limit 1"
    )
    connection.execute(
        "insert into audit.check_findings by name select * replace ('expect_an_old_name' as check_name)"
        " from audit.check_findings limit 1"
    )
    connection.close()

    run_refresh(months_to_refresh(None), report=False)

    stale = workspace.query(
        "select (select count(*) from audit.check_results where check_name = 'expect_an_old_name'),"
        " (select count(*) from audit.check_findings where check_name = 'expect_an_old_name')"
    )
    assert stale == [(0, 0)]
