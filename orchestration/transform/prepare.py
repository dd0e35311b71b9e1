"""`python -m orchestration.transform.prepare`: parse the dbt project so definitions can load.

Runs `dbt parse` with the dbt of this virtualenv (it need not be on PATH) and with the same
profile the refresh uses, so the refresh can parse incrementally. The parse writes into a scratch
directory and its results are moved into place by rename: a parse killed part-way never leaves a
truncated manifest that definitions would fail to load.
"""

import os
import shutil
import tempfile
from pathlib import Path

from orchestration import settings
from orchestration.transform.project import dbt_project, dbt_resource

RESULTS = ("partial_parse.msgpack", "manifest.json")  # the manifest last: it marks a finished parse


def main() -> None:
    os.environ.update(settings.dbt_env())
    settings.build_dir().mkdir(parents=True, exist_ok=True)
    target = Path(dbt_project.project_dir) / dbt_project.target_path
    target.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=".parse-", dir=target))
    try:
        dbt_resource().cli(["parse", "--quiet"], target_path=scratch).wait()
        for name in RESULTS:
            (scratch / name).replace(target / name)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
