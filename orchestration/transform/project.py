"""The dbt project and the dbt CLI resource that runs it."""

import sys
from pathlib import Path

from dagster_dbt import DbtCliResource, DbtProject

from orchestration import settings

dbt_project = DbtProject(project_dir=settings.dbt_project_dir())
# `dagster dev` parses the project if the manifest is missing; elsewhere `make` runs `dbt parse`.
dbt_project.prepare_if_dev()


def dbt_resource() -> DbtCliResource:
    return DbtCliResource(project_dir=dbt_project, dbt_executable=str(Path(sys.executable).parent / "dbt"))
