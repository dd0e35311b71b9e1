"""Every dbt seed, model and test, built by one `dbt build` per refresh.

The models are not partitioned: each refresh rebuilds them whole from every landed month, however
many months the run ingested, so they materialise once per run. (Monthly partitions on them cost
one event per model per month, ~2,000 events and a quarter of a 12-month refresh's wall time.)
"""

import os
from collections.abc import Mapping
from typing import Any

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DagsterDbtTranslatorSettings, DbtCliResource, dbt_assets

from orchestration import settings
from orchestration.transform.project import dbt_project


class Translator(DagsterDbtTranslator):
    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        # seeds -> reference; models -> their folder (staging, intermediate, marts)
        if dbt_resource_props["resource_type"] == "seed":
            return "reference"
        return super().get_group_name(dbt_resource_props) or dbt_resource_props["fqn"][1]


@dbt_assets(
    manifest=dbt_project.manifest_path,
    project=dbt_project,
    dagster_dbt_translator=Translator(settings=DagsterDbtTranslatorSettings(enable_asset_checks=True)),
)
def warehouse_models(context: dg.AssetExecutionContext, dbt: DbtCliResource):
    os.environ.update(settings.dbt_env())
    # dbt's artefacts and parse state stay with the build they belong to, one directory reused by
    # every refresh (dagster-dbt would otherwise add a directory to the project per run).
    yield from dbt.cli(["build"], context=context, target_path=settings.dbt_target_dir()).stream()
