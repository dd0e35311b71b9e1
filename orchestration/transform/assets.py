"""Every dbt seed, model and test, built by one `dbt build` per refresh."""

import os
import shutil
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DagsterDbtTranslatorSettings, DbtCliResource, dbt_assets

from orchestration import settings
from orchestration.partitions import monthly
from orchestration.transform.project import dbt_project

PARTIAL_PARSE = "partial_parse.msgpack"


class Translator(DagsterDbtTranslator):
    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        # seeds -> reference; models -> their folder (staging, intermediate, marts)
        if dbt_resource_props["resource_type"] == "seed":
            return "reference"
        return super().get_group_name(dbt_resource_props) or dbt_resource_props["fqn"][1]


@dbt_assets(
    manifest=dbt_project.manifest_path,
    project=dbt_project,
    partitions_def=monthly,
    # Models are rebuilt whole from all landed months: a backfill of any range is one dbt call.
    backfill_policy=dg.BackfillPolicy.single_run(),
    dagster_dbt_translator=Translator(settings=DagsterDbtTranslatorSettings(enable_asset_checks=True)),
)
def warehouse_models(context: dg.AssetExecutionContext, dbt: DbtCliResource):
    os.environ.update(settings.dbt_env())
    invocation = dbt.cli(["build"], context=context)
    yield from invocation.stream()
    keep_partial_parse(invocation.target_path)


def keep_partial_parse(run_target: Path) -> None:
    """Keep this run's parse state for the next run.

    Each run builds in its own target directory, seeded from the project's; dbt re-parses the
    whole project whenever the database path in the profile differs from the seed's.
    """
    state = run_target / PARTIAL_PARSE
    kept = dbt_project.project_dir / dbt_project.target_path / PARTIAL_PARSE
    if state.exists():
        pending = kept.with_name(f"{PARTIAL_PARSE}.pending")
        shutil.copyfile(state, pending)
        pending.replace(kept)
