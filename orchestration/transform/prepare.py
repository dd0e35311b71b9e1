"""`python -m orchestration.transform.prepare`: parse the dbt project so definitions can load.

Runs `dbt parse` with the same profile the refresh uses, so the refresh can parse incrementally.
"""

import os

from orchestration import settings
from orchestration.transform.project import dbt_project


def main() -> None:
    os.environ.update(settings.dbt_env())
    settings.build_dir().mkdir(parents=True, exist_ok=True)
    dbt_project.preparer.prepare(dbt_project)


if __name__ == "__main__":
    main()
