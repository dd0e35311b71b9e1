"""Shared fixtures: every test runs against its own raw/ and warehouse/ directories.

The loaded plans are shared: one plans directory holding the shipped 2021 plan and one reference
build of it serve the session (and the `tineng` processes tests start). A test that loads another
plan points TINENG_PLANS_DIR at a directory of its own (`own_plans`).
"""

import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from orchestration import reference, settings

_SESSION_DIR = Path(tempfile.mkdtemp(prefix="tineng-tests-"))
os.environ["TINENG_PLANS_DIR"] = str(_SESSION_DIR / "plans")
os.environ["TINENG_REFERENCE_DIR"] = str(_SESSION_DIR / "reference")


@dataclass(frozen=True)
class Workspace:
    raw: Path
    warehouse: Path

    def query(self, sql: str, params: list | None = None, *, published: bool = True) -> list[tuple]:
        path = settings.published_db() if published else settings.build_db()
        connection = duckdb.connect(str(path), read_only=True)
        try:
            return connection.execute(sql, params or []).fetchall()
        finally:
            connection.close()


def pytest_sessionstart(session: pytest.Session) -> None:
    """Dagster definitions load the dbt manifest when imported, which test modules do when collected:
    parse the project first if a model, seed or macro changed since the last parse."""
    from orchestration.cli.refresh import prepare_if_stale

    prepare_if_stale()


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(_SESSION_DIR, ignore_errors=True)


@pytest.fixture
def own_plans(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A plans directory of this test's own, holding the shipped 2021 plan to start with."""
    from orchestration.plans import store

    plans = tmp_path / "plans"
    monkeypatch.setenv("TINENG_PLANS_DIR", str(plans))
    store.install_default()
    reference.forget()
    yield plans
    reference.forget()


def use_directories(raw: Path, warehouse: Path, patch: pytest.MonkeyPatch) -> Workspace:
    raw.mkdir(parents=True, exist_ok=True)
    warehouse.mkdir(parents=True, exist_ok=True)
    patch.setenv("TINENG_RAW_DIR", str(raw))
    patch.setenv("TINENG_WAREHOUSE_DIR", str(warehouse))
    patch.setenv("TINENG_BUILD_DB", str(warehouse / "build" / "tineng.duckdb"))
    return Workspace(raw=raw, warehouse=warehouse)


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Workspace:
    return use_directories(tmp_path / "raw", tmp_path / "warehouse", monkeypatch)


@pytest.fixture(scope="session")
def reference_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Workspace, object]]:
    """The warehouse built from the plan alone (no submissions), through the real Dagster job."""
    from orchestration.cli.refresh import months_to_refresh, run_refresh

    root = tmp_path_factory.mktemp("reference")
    with pytest.MonkeyPatch.context() as patch:
        space = use_directories(root / "raw", root / "warehouse", patch)
        outcome = run_refresh(months_to_refresh(None))
        yield space, outcome
