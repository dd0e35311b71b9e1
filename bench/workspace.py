"""A benchmark's own raw/, warehouse/ and plans/, and the commands run in it."""

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

BIN = Path(sys.executable).parent


@dataclass(frozen=True)
class BenchSpace:
    root: Path
    raw: Path

    @property
    def warehouse(self) -> Path:
        return self.root / "warehouse"

    @property
    def build_db(self) -> Path:
        return self.warehouse / "build" / "tineng.duckdb"

    def env(self) -> dict[str, str]:
        return {
            **os.environ,
            "TINENG_RAW_DIR": str(self.raw),
            "TINENG_WAREHOUSE_DIR": str(self.warehouse),
            "TINENG_PLANS_DIR": str(self.plans),
        }

    @property
    def plans(self) -> Path:
        return self.root / "plans"  # bench.synthetic_units.scaled_plans writes a scaled plan here

    def tineng(self, *args: str) -> None:
        _run([str(BIN / "tineng"), *args], self.env())

    def bare_dbt_build(self) -> None:
        """`dbt build` on the same project and database, as a dbt user would run it."""
        project = Path(__file__).resolve().parent.parent / "dbt_project"
        env = {**self.env(), "TINENG_BUILD_DB": str(self.build_db)}
        _run(
            [str(BIN / "dbt"), "build", "--quiet", "--target-path", str(self.root / "bare-dbt-target")],
            env,
            project,
        )

    def build_reference(self) -> None:
        """The plan's reference build, made once per state of the loaded plans (as loading a plan
        does), so a timed refresh measures the refresh and not the plan's first load."""
        code = "from orchestration.plans import reference_build; reference_build.current_database()"
        _run([str(BIN / "python"), "-c", code], self.env())

    def profile(self, first: str, last: str, *, report: bool) -> dict:
        args = [str(BIN / "python"), "-m", "bench.profile_run", "--first", first, "--last", last]
        completed = _run([*args] if report else [*args, "--no-report"], self.env())
        return json.loads(completed.stdout.strip().splitlines()[-1])

    @property
    def ledger(self) -> Path:
        return self.root / "ledger"  # settings.ledger_dir(): beside the warehouse directory

    def discard_build(self) -> None:
        """Start from the files alone: the build and this space's own ledger go, so every file is
        read again (a full refresh from scratch, as the first refresh of a year would be)."""
        shutil.rmtree(self.warehouse / "build", ignore_errors=True)
        shutil.rmtree(self.ledger, ignore_errors=True)


def _run(command: list[str], env: dict[str, str], cwd: Path | None = None) -> subprocess.CompletedProcess:
    completed = subprocess.run(command, env=env, cwd=cwd, capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        raise RuntimeError(
            f"{' '.join(command[:3])} failed:\n{completed.stdout[-3000:]}\n{completed.stderr[-3000:]}"
        )
    return completed
