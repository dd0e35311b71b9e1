"""`python -m orchestration.transform.prepare`: parse the dbt project so definitions can load.

Runs `dbt parse` with the dbt of this virtualenv (it need not be on PATH) and with the same
profile the refresh uses, so the refresh can parse incrementally.
"""

import os

from orchestration import settings
from orchestration.transform.project import dbt_project, dbt_resource


def main() -> None:
    os.environ.update(settings.dbt_env())
    settings.build_dir().mkdir(parents=True, exist_ok=True)
    target = dbt_project.project_dir / dbt_project.target_path
    dbt_resource().cli(["parse", "--quiet"], target_path=target).wait()


if __name__ == "__main__":
    main()
