"""A real PostgreSQL server for the tests, wherever they run.

In order: TINENG_TEST_POSTGRES_URL (a superuser's URL), else the local server at 127.0.0.1:5432
when user postgres can log in without a password, else a throwaway cluster started here: initdb
into a temporary directory (as the postgres user when running as root: initdb refuses root), a
free port on 127.0.0.1 only, password authentication, stopped and deleted at the end.
TINENG_TEST_POSTGRES_THROWAWAY=1 skips the first two, so the throwaway path can be tested on a
machine that has a server.
"""

import os
import pwd
import secrets
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import psycopg
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict, make_conninfo

LOCAL_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
FORCE_THROWAWAY = "TINENG_TEST_POSTGRES_THROWAWAY"


@dataclass(frozen=True)
class Server:
    admin_url: str  # a superuser, database postgres

    def url(self, database: str, user: str | None = None, password: str | None = None) -> str:
        """The admin URL pointed at `database`, or logging in as another user."""
        parts = conninfo_to_dict(self.admin_url)
        parts["dbname"] = database
        if user:
            parts["user"] = user
            parts.pop("password", None)
        if password:
            parts["password"] = password
        return make_conninfo(**parts)

    def admin(self, database: str = "postgres") -> psycopg.Connection:
        return psycopg.connect(self.url(database), autocommit=True)

    @contextmanager
    def database(self) -> Iterator[str]:
        """A new, empty database, dropped (with its connections) afterwards."""
        name = f"tineng_test_{secrets.token_hex(4)}"
        with self.admin() as connection:
            connection.execute(sql.SQL("create database {}").format(sql.Identifier(name)))
        try:
            yield name
        finally:
            with self.admin() as connection:
                connection.execute(
                    sql.SQL("drop database if exists {} with (force)").format(sql.Identifier(name))
                )

    def drop_role(self, name: str) -> None:
        with self.admin() as connection:
            connection.execute(sql.SQL("drop role if exists {}").format(sql.Identifier(name)))


@contextmanager
def postgres_server() -> Iterator[Server]:
    configured = os.environ.get("TINENG_TEST_POSTGRES_URL")
    if configured and not os.environ.get(FORCE_THROWAWAY):
        yield Server(configured)
    elif not os.environ.get(FORCE_THROWAWAY) and _usable(LOCAL_URL):
        yield Server(LOCAL_URL)
    else:
        with throwaway_cluster() as url:
            yield Server(url)


@contextmanager
def throwaway_cluster() -> Iterator[str]:
    """initdb + pg_ctl start in a temporary directory; the superuser's URL; stopped and removed."""
    bindir = _bindir()
    root = Path(tempfile.mkdtemp(prefix="tineng-pg-"))
    as_postgres: list[str] = []
    if os.geteuid() == 0:
        owner = pwd.getpwnam("postgres")
        os.chown(root, owner.pw_uid, owner.pw_gid)
        as_postgres = ["runuser", "-u", "postgres", "--"]
    password = secrets.token_urlsafe(16)
    password_file = root / "password"
    password_file.write_text(password)
    if as_postgres:
        os.chown(password_file, owner.pw_uid, owner.pw_gid)
    data = root / "data"
    port = _free_port()
    _run(
        [
            *as_postgres,
            str(bindir / "initdb"),
            "--pgdata",
            str(data),
            "--username",
            "postgres",
            "--pwfile",
            str(password_file),
            "--auth",
            "scram-sha-256",
            "--encoding",
            "UTF8",
            "--locale",
            "C.UTF-8",
            "--no-sync",
        ]
    )
    options = f"-c listen_addresses=127.0.0.1 -c port={port} -c unix_socket_directories={root} -c fsync=off"
    pg_ctl = [*as_postgres, str(bindir / "pg_ctl"), "--pgdata", str(data), "--silent"]
    _run([*pg_ctl, "--log", str(root / "server.log"), "--options", options, "--wait", "start"])
    try:
        yield f"postgresql://postgres:{password}@127.0.0.1:{port}/postgres"
    finally:
        _run([*pg_ctl, "--mode", "fast", "--wait", "stop"])
        shutil.rmtree(root, ignore_errors=True)


def _usable(url: str) -> bool:
    try:
        with psycopg.connect(url, connect_timeout=3) as connection:
            return connection.execute(
                "select rolsuper from pg_roles where rolname = current_user"
            ).fetchone()[0]
    except psycopg.Error:
        return False


def _bindir() -> Path:
    """Debian keeps the server programs under /usr/lib/postgresql/<version>/bin, off PATH."""
    versions = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parent.parent.name)
    )
    if versions:
        return versions[-1].parent
    found = shutil.which("initdb")
    if not found:
        raise RuntimeError(
            "找不到 PostgreSQL 的 initdb：请安装 postgresql（Debian: apt-get install postgresql）。initdb not found."
        )
    return Path(found).parent


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _run(command: list[str]) -> None:
    completed = subprocess.run(command, capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{completed.stdout}\n{completed.stderr}")
