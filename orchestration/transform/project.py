"""The dbt project and the dbt CLI resource that runs it."""

import sys
from functools import cached_property
from pathlib import Path

from dagster_dbt import DbtCliResource, DbtProject
from dbt.version import __version__ as dbt_core_version
from packaging import version

from orchestration import settings

dbt_project = DbtProject(project_dir=settings.dbt_project_dir())
# `dagster dev` parses the project if the manifest is missing; elsewhere `make` runs `dbt parse`.
dbt_project.prepare_if_dev()


class LocalDbtCli(DbtCliResource):
    """dbt-core from this virtualenv, with dagster-dbt's per-run start-up work cut.

    dagster-dbt asks the executable for its version (`dbt --version`, ~2 s) and loads a dbt
    adapter in-process (~1.6 s) on every call. The executable sits next to this interpreter, so
    its version is the installed dbt-core's; the adapter only serves metadata fetching, which
    this project does not use.
    """

    @cached_property
    def _cli_version(self) -> version.Version:
        return version.parse(dbt_core_version)

    def _initialize_dbt_core_adapter(self, args):
        return None


def dbt_resource() -> DbtCliResource:
    # tineng-dbt is dbt that dies with the refresh that started it
    return LocalDbtCli(
        project_dir=dbt_project, dbt_executable=str(Path(sys.executable).parent / "tineng-dbt")
    )
