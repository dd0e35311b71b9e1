"""A refresh on unchanged plans keeps the plan's models, their tests and the unit tests from the
last build instead of rebuilding them: the warehouse it publishes equals a full rebuild table by
table, and a revised plan is built afresh."""

import json
import shutil

import duckdb
from typer.testing import CliRunner

from orchestration import settings
from orchestration.cli.app import app
from orchestration.plans import store
from tineng_demo.year import generate_demo

# columns that say when and in which run, not what: they differ between any two runs
RUN_STAMPS = {("audit", "check_results"): ("run_id", "checked_at"), ("raw", "run_context"): None}
LATE = "2021-03_S01_吴家山街.xlsx"


def tineng(*args: str) -> None:
    done = CliRunner().invoke(app, list(args))
    assert done.exit_code == 0, done.output


def built_nodes() -> set[str]:
    results = json.loads((settings.dbt_target_dir() / "run_results.json").read_text(encoding="utf-8"))
    return {r["unique_id"] for r in results["results"]}


def data_tests_reading(built: set[str]) -> set[str]:
    """The dbt data tests of the manifest with at least one parent among `built`."""
    nodes = json.loads((settings.dbt_target_dir() / "manifest.json").read_text(encoding="utf-8"))["nodes"]
    return {
        uid
        for uid, node in nodes.items()
        if node["resource_type"] == "test" and set(node["depends_on"]["nodes"]) & built
    }


def tables(path) -> dict[tuple[str, str], list[tuple]]:
    """Every table and view of a warehouse as sorted rows, without the run stamps."""
    with duckdb.connect(str(path), read_only=True) as connection:
        names = connection.execute(
            "select table_schema, table_name from information_schema.tables order by all"
        ).fetchall()
        found = {}
        for schema, name in names:
            if (schema, name) in RUN_STAMPS and RUN_STAMPS[schema, name] is None:
                continue
            relation = connection.table(f'"{schema}"."{name}"')
            dropped = RUN_STAMPS.get((schema, name)) or ()
            rows = relation.select(*[f'"{c}"' for c in relation.columns if c not in dropped]).fetchall()
            found[schema, name] = sorted(rows, key=repr)
        return found


def test_a_late_file_on_unchanged_plans_publishes_what_a_full_rebuild_publishes(workspace, own_plans):
    generate_demo(workspace.raw, through="2021-03")
    late = workspace.raw / "2021-03" / LATE
    held_back = workspace.raw.parent / LATE
    late.rename(held_back)
    tineng("run", "--no-report")
    assert "model.tineng.dim_unit" in built_nodes()

    held_back.rename(late)  # the late file arrives
    tineng("run", "--period", "2021-03", "--no-report")
    kept_run = built_nodes()
    assert "model.tineng.fct_progress" in kept_run
    assert (
        not {"model.tineng.dim_unit", "model.tineng.fct_target", "model.tineng.int_reporting_assignments"}
        & kept_run
    )
    assert not any(node.startswith("unit_test.") for node in kept_run)
    assert workspace.query("select count(*) from marts.fct_submission where file_name = ?", [LATE]) == [(1,)]
    incremental = workspace.warehouse.parent / "incremental.duckdb"
    shutil.copyfile(settings.published_db(), incremental)

    tineng("run", "--all", "--no-report")  # a full rebuild from an empty build
    assert "model.tineng.dim_unit" in built_nodes()
    # every test on a rebuilt model ran, those that read a kept model too (mart -> dim_unit)
    missed = data_tests_reading(kept_run) - kept_run
    assert not missed, sorted(missed)
    full, kept = tables(settings.published_db()), tables(incremental)
    assert sorted(kept) == sorted(full)
    for relation in full:
        assert kept[relation] == full[relation], relation


def test_a_revised_plan_rebuilds_the_plans_models(workspace, own_plans):
    generate_demo(workspace.raw, through="2021-01")
    tineng("run", "--no-report")
    assert workspace.query(
        "select target_value from marts.fct_target where unit_code = 'D02' and measure_code = 'I07'"
    ) == [(28.0,)]

    plan = store.read(2021)
    for row in plan["plan_district_targets"]:
        if row["measure_code"] == "I07" and row["target_value"] == "28":
            row["target_value"] = "30"
    store.add(2021, plan, added_by="测试", source="test: 技术合同成交额 28 -> 30", replace=True)
    tineng("run", "--no-report")

    assert "model.tineng.fct_target" in built_nodes()
    assert workspace.query(
        "select target_value from marts.fct_target where unit_code = 'D02' and measure_code = 'I07'"
    ) == [(30.0,)]
