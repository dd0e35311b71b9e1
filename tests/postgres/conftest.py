"""A real PostgreSQL server for the session, a database of its own for each test, and published
DuckDB warehouses to copy into it (one built by `tineng run` with a PostgreSQL URL set)."""

import os
import secrets
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb
import psycopg
import pytest

from tests.postgres_server import Server, postgres_server
from tineng_demo.year import generate_demo

TINENG = Path(sys.executable).parent / "tineng"
DEMO_THROUGH = "2021-03"
BULK_ROWS = 2_000_000  # enough rows that copying them takes a few seconds


@dataclass(frozen=True)
class Target:
    """A database to publish into, and the read-only role BI tools would use."""

    server: Server
    database: str
    reader: str
    reader_password: str

    @property
    def url(self) -> str:
        return self.server.url(self.database)

    @property
    def reader_url(self) -> str:
        return self.server.url(self.database, user=self.reader, password=self.reader_password)

    def env(self) -> dict[str, str]:
        return {
            "TINENG_POSTGRES_URL": self.url,
            "TINENG_POSTGRES_READER": self.reader,
            "TINENG_POSTGRES_READER_PASSWORD": self.reader_password,
        }

    def admin(self) -> psycopg.Connection:
        return self.server.admin(self.database)

    def as_reader(self) -> psycopg.Connection:
        return psycopg.connect(self.reader_url, autocommit=True)


@contextmanager
def new_target(server: Server) -> Iterator[Target]:
    reader = f"tineng_reader_{secrets.token_hex(4)}"
    try:
        with server.database() as database:
            yield Target(server, database, reader, secrets.token_urlsafe(12))
    finally:
        server.drop_role(reader)


@pytest.fixture(scope="session")
def server() -> Iterator[Server]:
    with postgres_server() as found:
        yield found


@pytest.fixture
def target(server: Server, monkeypatch: pytest.MonkeyPatch) -> Iterator[Target]:
    """A fresh database for this test, with TINENG_POSTGRES_* pointing at it."""
    with new_target(server) as fresh:
        for name, value in fresh.env().items():
            monkeypatch.setenv(name, value)
        yield fresh


@dataclass(frozen=True)
class Warehouses:
    run_target: Target  # the database `tineng run` published into
    env: dict[str, str]  # the environment that run had
    published: Path  # warehouse/tineng.duckdb as `tineng run` published it
    halved: Path  # a copy with every other row of every table removed: a second complete snapshot
    bulky: Path  # a copy with a large extra table, so that its copy takes seconds


@pytest.fixture(scope="session")
def warehouses(server: Server, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Warehouses]:
    root = tmp_path_factory.mktemp("postgres-warehouse")
    with new_target(server) as run_target:
        raw, warehouse = root / "raw", root / "warehouse"
        generate_demo(raw, through=DEMO_THROUGH)
        env = {
            **os.environ,
            "TINENG_RAW_DIR": str(raw),
            "TINENG_WAREHOUSE_DIR": str(warehouse),
            "TINENG_BUILD_DB": str(warehouse / "build" / "tineng.duckdb"),
            **run_target.env(),
        }
        run = subprocess.run(
            [str(TINENG), "run", "--no-report"],
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        assert run.returncode == 0, run.stdout + run.stderr
        published = warehouse / "tineng.duckdb"
        yield Warehouses(
            run_target=run_target,
            env=env,
            published=published,
            halved=_halved(published, root / "halved"),
            bulky=_bulky(published, root / "bulky"),
        )


def copy_of(published: Path, directory: Path) -> Path:
    """A copy in its own folder: every copy keeps the file name, which DuckDB's catalog is named after."""
    directory.mkdir(parents=True)
    copy = directory / published.name
    shutil.copyfile(published, copy)
    return copy


def _halved(published: Path, directory: Path) -> Path:
    copy = copy_of(published, directory)
    with duckdb.connect(str(copy)) as connection:
        for schema, table in connection.execute(
            "select schema_name, table_name from duckdb_tables() where schema_name in ('marts', 'audit')"
        ).fetchall():
            connection.execute(f'delete from "{schema}"."{table}" where rowid % 2 = 0')
    return copy


def _bulky(published: Path, directory: Path) -> Path:
    copy = copy_of(published, directory)
    with duckdb.connect(str(copy)) as connection:
        connection.execute(
            "create table marts.zz_bulk as select range as id, md5(range::varchar) as payload from range(?)",
            [BULK_ROWS],
        )
    return copy
