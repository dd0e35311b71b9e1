"""Every dbt seed, model and test, built by one `dbt build` per refresh (the plan's own nodes
only when the plans changed: orchestration/transform/plan_nodes.py).

The models are not partitioned: each refresh rebuilds them whole from every landed month, however
many months the run ingested, so they materialise once per run. (Monthly partitions on them cost
one event per model per month, ~2,000 events and a quarter of a 12-month refresh's wall time.)
"""

import os
import time
from collections.abc import Mapping
from typing import Any

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DagsterDbtTranslatorSettings, DbtCliResource, dbt_assets
from dagster_dbt.asset_utils import get_asset_check_key_for_test

from orchestration import settings
from orchestration.transform import plan_nodes
from orchestration.transform.project import dbt_project


class Translator(DagsterDbtTranslator):
    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        # seeds -> reference; models -> their folder (staging, intermediate, marts)
        if dbt_resource_props["resource_type"] == "seed":
            return "reference"
        return super().get_group_name(dbt_resource_props) or dbt_resource_props["fqn"][1]


TRANSLATOR = Translator(settings=DagsterDbtTranslatorSettings(enable_asset_checks=True))


@dbt_assets(manifest=dbt_project.manifest_path, project=dbt_project, dagster_dbt_translator=TRANSLATOR)
def warehouse_models(context: dg.AssetExecutionContext, dbt: DbtCliResource):
    os.environ.update(settings.dbt_env())
    excluded, key = plan_nodes.exclusions()
    if excluded:
        context.log.info(
            f"方案未变，方案数据的 {len(excluded)} 个模型和测试沿用上次构建。"
            f" The plans did not change: {len(excluded)} plan models and tests are kept from the last build."
        )
    yield from _kept_results() if excluded else []
    started = time.time()
    # dbt's artefacts and parse state stay with the build they belong to, one directory reused by
    # every refresh (dagster-dbt would otherwise add a directory to the project per run).
    # cautious: a test reading a kept model and a rebuilt one (a relationship from a submission mart
    # to dim_unit) still runs; dbt's default would leave it out with the kept model
    args = [
        "build",
        *(["--exclude", " ".join(excluded), "--indirect-selection", "cautious"] if excluded else []),
    ]
    yield from dbt.cli(args, context=context, target_path=settings.dbt_target_dir()).stream()
    plan_nodes.record(key, excluded=bool(excluded), started=started)


KEPT = {"kept": "方案未变，沿用上次构建。 Plans unchanged: kept from the last build."}


def _kept_results():
    """The plan's models and their dbt tests left out of this build, reported as the build that
    recorded them left them (models upstream first; every test passed there), so the checks and
    the publish downstream run and no blocking check goes without a result."""
    for node in plan_nodes.kept_models():
        yield dg.MaterializeResult(asset_key=TRANSLATOR.get_asset_key(node), metadata=KEPT)
    manifest = plan_nodes.manifest()
    for test in plan_nodes.kept_tests():
        key = get_asset_check_key_for_test(manifest, TRANSLATOR, test["unique_id"], dbt_project)
        if key is not None:
            yield dg.AssetCheckResult(
                asset_key=key.asset_key, check_name=key.name, passed=True, metadata=KEPT
            )
