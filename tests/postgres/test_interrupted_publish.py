"""A publish killed part-way through its copy (SIGKILL of the process, or its connection dropped
by the server) leaves the previous snapshot in schema tineng, readable; the next publish clears
what it left and succeeds."""

import hashlib
import os
import signal
import subprocess
import time

import pytest

from orchestration.publish import postgres
from tests.postgres.conftest import TINENG
from tests.postgres.relations import duckdb_counts, duckdb_relations, postgres_counts

_COPYING_BULK = """
    select pid from pg_stat_activity
    where datname = current_database() and application_name = 'tineng-publish-copy'
      and state = 'active' and query ilike 'copy%zz_bulk%'
"""


def _start_publish(warehouses, target, duckdb_path) -> subprocess.Popen:
    env = {**os.environ, **target.env(), "TINENG_WAREHOUSE_DIR": str(duckdb_path.parent)}
    return subprocess.Popen(
        [str(TINENG), "publish-postgres"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def _copy_backend(target, process: subprocess.Popen) -> int:
    """The server process copying the large table, once the copy is under way."""
    deadline = time.monotonic() + 120
    with target.admin() as admin:
        while not (found := admin.execute(_COPYING_BULK).fetchone()):
            assert process.poll() is None, process.communicate()
            assert time.monotonic() < deadline, "the copy never started"
            time.sleep(0.02)
    return found[0]


def _previous_snapshot_stays_and_the_next_publish_succeeds(warehouses, target, names) -> None:
    with target.as_reader() as reader:
        assert postgres_counts(reader, names) == duckdb_counts(warehouses.halved, names)
    postgres.publish(warehouses.published)
    with target.as_reader() as reader:
        assert postgres_counts(reader, names) == duckdb_counts(warehouses.published, names)
    with target.admin() as admin:
        assert (
            admin.execute("select nspname from pg_namespace where nspname like 'tineng_%'").fetchall() == []
        )


def test_a_publish_killed_during_its_copy_leaves_the_previous_snapshot(warehouses, target):
    names = sorted(duckdb_relations(warehouses.published))
    postgres.publish(warehouses.halved)
    process = _start_publish(warehouses, target, warehouses.bulky)
    _copy_backend(target, process)
    process.send_signal(signal.SIGKILL)
    process.wait()
    with target.admin() as admin:  # the killed copy left its staging schema behind
        assert admin.execute("select 1 from pg_namespace where nspname = 'tineng_staging'").fetchone()
    _previous_snapshot_stays_and_the_next_publish_succeeds(warehouses, target, names)


def test_a_publish_whose_connection_drops_fails_loudly_and_leaves_the_previous_snapshot(warehouses, target):
    names = sorted(duckdb_relations(warehouses.published))
    postgres.publish(warehouses.halved)
    process = _start_publish(warehouses, target, warehouses.bulky)
    backend = _copy_backend(target, process)
    with target.admin() as admin:
        assert admin.execute("select pg_terminate_backend(%s)", [backend]).fetchone()[0]
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 1
    assert "PostgreSQL 发布失败" in stderr and "仍是上一次的完整快照" in stderr, stderr
    assert "Traceback" not in stderr
    _previous_snapshot_stays_and_the_next_publish_succeeds(warehouses, target, names)


def test_a_publish_to_an_unreachable_server_fails_loudly_without_its_password(warehouses):
    with pytest.raises(postgres.PublishFailed) as failed:
        postgres.publish(warehouses.published, url="postgresql://postgres:s3cret@127.0.0.1:1/tineng")
    assert str(failed.value).startswith("PostgreSQL 发布失败（127.0.0.1:1/tineng）")
    assert "s3cret" not in str(failed.value)


def test_tineng_run_whose_postgres_copy_fails_publishes_nothing(warehouses):
    """The copy comes before the DuckDB swap: when it fails, the published file stays as it was."""
    before = hashlib.sha256(warehouses.published.read_bytes()).hexdigest()
    env = {**warehouses.env, "TINENG_POSTGRES_URL": "postgresql://postgres@127.0.0.1:1/tineng"}
    run = subprocess.run(
        [str(TINENG), "run", "--no-report"], env=env, capture_output=True, text=True, timeout=600, check=False
    )
    assert run.returncode == 1, run.stdout + run.stderr
    output = (run.stdout + run.stderr).replace("\n", "")
    assert "PostgreSQL 发布失败（127.0.0.1:1/tineng）" in output
    assert "本次刷新未发布" in output
    assert hashlib.sha256(warehouses.published.read_bytes()).hexdigest() == before
