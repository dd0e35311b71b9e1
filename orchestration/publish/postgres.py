"""Publish the checked warehouse into PostgreSQL as schema tineng, for BI tools.

`stage` copies every table of schemas marts and audit of a published DuckDB file into a fresh
schema tineng_staging (ADBC bulk ingest from Arrow), with primary keys on each table's grain,
indexes on period and unit_code, the DuckDB views as PostgreSQL views and the dbt descriptions
as comments. `swap_in` then, in one transaction, renames tineng away, tineng_staging to tineng,
grants the read-only role and drops the old schema: a BI query sees the previous complete
snapshot or the new one. A copy that fails or is killed leaves tineng as it was; the next
publish clears what it left. One publish at a time per database (an advisory lock, held from
stage to swap).
"""

import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from graphlib import TopologicalSorter
from pathlib import Path
from typing import Protocol

import adbc_driver_manager
import adbc_driver_postgresql.dbapi as adbc
import duckdb
import psycopg
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from orchestration import settings
from orchestration.publish.dbt_docs import DbtDocs
from orchestration.publish.duckdb_relations import Relation, read_relations
from orchestration.publish.postgres_plan import Planned, Unpublishable, plan

TARGET = "tineng"
STAGING = "tineng_staging"
PREVIOUS = "tineng_previous"
APPLICATION = "tineng-publish"  # application_name of the publish's sessions; the copy's adds -copy
PUBLISH_LOCK = 0x74696E656E67  # pg_advisory_lock key ("tineng"): one publish at a time
INDEXED_COLUMNS = ("period", "unit_code")
WAIT_FOR_PUBLISH = "10min"  # longest wait for another publish to finish
# The swap asks for its locks with a timeout well under deadlock_timeout (1 s by default) and
# retries: readers may wait a moment behind it but are never chosen as a deadlock victim.
SWAP_LOCK_TIMEOUT = "100ms"
SWAP_DEADLINE_S = 600
BATCH_ROWS = 65_536


class PublishFailed(Exception):
    """The PostgreSQL copy could not be made or swapped in; schema tineng is unchanged."""


class Log(Protocol):
    def info(self, msg: str) -> None: ...

    def warning(self, msg: str) -> None: ...


@dataclass
class Staged:
    """A complete copy in tineng_staging, waiting to be swapped in; holds the publish lock."""

    connection: psycopg.Connection
    target: str
    tables: list[str]
    views: list[str]
    rows: int
    seconds: float
    warnings: list[str] = field(default_factory=list)

    @property
    def summary(self) -> str:
        return (
            f"已发布到 PostgreSQL {self.target}（schema {TARGET}）：{len(self.tables)} 张表、"
            f"{len(self.views)} 个视图、{self.rows} 行，复制用时 {self.seconds:.1f} 秒。"
            f" Published to PostgreSQL: {len(self.tables)} tables, {len(self.views)} views, {self.rows} rows."
        )


def describe(url: str) -> str:
    """host:port/database of a connection URL, without credentials."""
    parts = conninfo_to_dict(url)
    return f"{parts.get('host') or 'localhost'}:{parts.get('port') or 5432}/{parts.get('dbname') or parts.get('user') or ''}"


def connect(url: str, application: str = APPLICATION) -> psycopg.Connection:
    return psycopg.connect(make_conninfo(url, application_name=application), autocommit=True)


def stage(duckdb_path: Path, url: str | None = None) -> Staged:
    """Copy the marts and audit tables of `duckdb_path` into schema tineng_staging."""
    url = url or settings.postgres_url()
    if not url:
        raise PublishFailed("未配置 TINENG_POSTGRES_URL。TINENG_POSTGRES_URL is not set.")
    target = describe(url)
    started = time.perf_counter()
    try:
        connection = connect(url)
    except psycopg.Error as error:
        raise PublishFailed(_failure(target, error)) from None
    try:
        connection.execute(sql.SQL("set lock_timeout = {}").format(sql.Literal(WAIT_FOR_PUBLISH)))
        connection.execute("select pg_advisory_lock(%s)", [PUBLISH_LOCK])
        # read the published file only once the lock is ours, so that a publish that waited
        # for another one copies what that one published, not what was there before
        with duckdb.connect(str(duckdb_path), read_only=True) as source:
            warnings: list[str] = []
            planned = plan(read_relations(source), _dbt_docs(), STAGING, warnings)
            _ensure_reader(connection)
            _create_staging(connection, planned, warnings)
            rows = _copy_and_index(url, source, connection, [p for p in planned if p.view is None])
        _comment_all(connection, planned)
    except BaseException as error:
        connection.close()  # ends the session: its locks go, tineng_staging is cleared next time
        if isinstance(error, Unpublishable):
            raise PublishFailed(f"PostgreSQL 发布失败，schema {TARGET} 未改动：{error}") from None
        if isinstance(error, psycopg.Error | adbc_driver_manager.Error | duckdb.Error | OSError):
            raise PublishFailed(_failure(target, error)) from None
        raise
    return Staged(
        connection=connection,
        target=target,
        tables=[p.name for p in planned if p.view is None],
        views=[p.name for p in planned if p.view is not None],
        rows=rows,
        seconds=time.perf_counter() - started,
        warnings=warnings,
    )


def _failure(target: str, error: Exception) -> str:
    return (
        f"PostgreSQL 发布失败（{target}），schema {TARGET} 仍是上一次的完整快照：{error}"
        f" PostgreSQL publish failed; schema {TARGET} keeps the previous complete snapshot."
    )


def swap_in(staged: Staged, log: Log | None = None) -> None:
    """Make the staged copy schema tineng in one transaction, and release the publish lock."""
    try:
        deadline = time.monotonic() + SWAP_DEADLINE_S
        while not _try_swap(staged.connection):
            if time.monotonic() > deadline:
                raise PublishFailed(
                    f"PostgreSQL 切换超时：{SWAP_DEADLINE_S} 秒内 schema {TARGET} 一直有查询在读"
                    f"（可运行 tineng publish-postgres 重试）。"
                    f" Timed out waiting for queries on schema {TARGET} to finish; run `tineng publish-postgres` again."
                )
            time.sleep(0.05)
    except psycopg.Error as error:
        raise PublishFailed(
            f"PostgreSQL 切换失败（{staged.target}），schema {TARGET} 仍是上一次的完整快照"
            f"（可运行 tineng publish-postgres 重试）：{error}"
            f" Swapping in the PostgreSQL copy failed; run `tineng publish-postgres` to retry."
        ) from None
    finally:
        staged.connection.close()
    if log is not None:
        for warning in staged.warnings:
            log.warning(warning)
        log.info(staged.summary)


def publish(duckdb_path: Path, url: str | None = None, log: Log | None = None) -> Staged:
    """Stage and swap in at once (the on-demand re-publish)."""
    staged = stage(duckdb_path, url)
    swap_in(staged, log)
    return staged


_RELATIONS_IN_SCHEMA = """
    select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = %s and c.relkind in ('r', 'p', 'v', 'm', 'f') order by c.relname
"""
# Views in other schemas built on a published table: dropping the old snapshot would drop them.
_DEPENDENTS_ELSEWHERE = """
    select distinct dependent_schema.nspname || '.' || dependent.relname
    from pg_depend d
    join pg_rewrite r on d.classid = 'pg_rewrite'::regclass and r.oid = d.objid
    join pg_class dependent on dependent.oid = r.ev_class
    join pg_namespace dependent_schema on dependent_schema.oid = dependent.relnamespace
    join pg_class referenced on d.refclassid = 'pg_class'::regclass and referenced.oid = d.refobjid
    join pg_namespace referenced_schema on referenced_schema.oid = referenced.relnamespace
    where referenced_schema.nspname = %s and dependent_schema.nspname <> %s
    order by 1
"""


def _try_swap(connection: psycopg.Connection) -> bool:
    """One attempt at the swap transaction; False when readers held a lock it asked for."""
    target, staging, previous = map(sql.Identifier, (TARGET, STAGING, PREVIOUS))
    reader = sql.Identifier(settings.postgres_reader_name())
    try:
        with connection.transaction():
            connection.execute(sql.SQL("set local lock_timeout = {}").format(sql.Literal(SWAP_LOCK_TIMEOUT)))
            current = [name for (name,) in connection.execute(_RELATIONS_IN_SCHEMA, [TARGET])]
            if current:
                # hold every old relation before renaming: no query can be half-way through them
                connection.execute(
                    sql.SQL("lock table {} in access exclusive mode").format(
                        sql.SQL(", ").join(sql.Identifier(TARGET, name) for name in current)
                    )
                )
                dependents = [name for (name,) in connection.execute(_DEPENDENTS_ELSEWHERE, [TARGET, TARGET])]
                if dependents:
                    raise PublishFailed(
                        f"其他 schema 中的视图依赖 {TARGET} 的表，替换快照会删除它们：{', '.join(dependents)}。"
                        f"请改为在 BI 工具中建数据集，或删除这些视图后重试。"
                        f" Views outside schema {TARGET} depend on its tables; the swap would drop them."
                    )
            exists = connection.execute("select 1 from pg_namespace where nspname = %s", [TARGET]).fetchone()
            if exists:
                connection.execute(sql.SQL("alter schema {} rename to {}").format(target, previous))
            connection.execute(sql.SQL("alter schema {} rename to {}").format(staging, target))
            connection.execute(sql.SQL("grant usage on schema {} to {}").format(target, reader))
            connection.execute(
                sql.SQL("grant select on all tables in schema {} to {}").format(target, reader)
            )
            if exists:
                connection.execute(sql.SQL("drop schema {} cascade").format(previous))
    except psycopg.errors.LockNotAvailable:
        return False
    return True


def _dbt_docs() -> DbtDocs:
    from orchestration.transform.project import dbt_project  # imports dagster-dbt: only when publishing

    return DbtDocs.load(dbt_project.manifest_path)


def _ensure_reader(connection: psycopg.Connection) -> None:
    """The read-only login role: created if missing, password from the settings when given."""
    name = settings.postgres_reader_name()
    password = settings.postgres_reader_password()
    role = sql.Identifier(name)
    secret = sql.SQL("")
    if password:
        # hashed here, so the password itself never appears in a statement or a server log
        hashed = connection.pgconn.encrypt_password(password.encode(), name.encode())
        secret = sql.SQL(" password {}").format(sql.Literal(hashed.decode()))
    exists = connection.execute("select 1 from pg_roles where rolname = %s", [name]).fetchone()
    with connection.transaction():
        if not exists:
            connection.execute(sql.SQL("create role {} login").format(role) + secret)
            connection.execute(sql.SQL("alter role {} set default_transaction_read_only = on").format(role))
        elif password:
            connection.execute(sql.SQL("alter role {} login").format(role) + secret)
        database = connection.execute("select current_database()").fetchone()[0]
        connection.execute(
            sql.SQL("grant connect on database {} to {}").format(sql.Identifier(database), role)
        )


def _create_staging(connection: psycopg.Connection, planned: list[Planned], warnings: list[str]) -> None:
    """Empty tables and the views over them, in a fresh tineng_staging (committed: the copy runs
    in its own session)."""
    with connection.transaction():
        statements = [
            sql.SQL("drop schema if exists {} cascade").format(sql.Identifier(schema))
            for schema in (STAGING, PREVIOUS)
        ]
        statements.append(sql.SQL("create schema {}").format(sql.Identifier(STAGING)))
        statements.extend(_create_table(p.relation) for p in planned if p.view is None)
        connection.execute(sql.SQL(";\n").join(statements))
        for item in _views_in_dependency_order(planned):
            try:
                with connection.transaction():
                    connection.execute(_create_view(item))
            except (psycopg.ProgrammingError, psycopg.DataError, psycopg.NotSupportedError) as error:
                warnings.append(
                    f"视图 {item.relation.qualified} 无法在 PostgreSQL 中创建（{error}），已按表复制。"
                    " View copied as a table."
                )
                item.view = None
                connection.execute(_create_table(item.relation))


def _views_in_dependency_order(planned: list[Planned]) -> list[Planned]:
    views = {p.name: p for p in planned if p.view is not None}
    graph = {
        name: {dependency for _, dependency in p.view.depends_on if dependency in views}
        for name, p in views.items()
    }
    return [views[name] for name in TopologicalSorter(graph).static_order()]


def _create_table(relation: Relation) -> sql.Composed:
    columns = sql.SQL(", ").join(
        sql.SQL("{} {}").format(sql.Identifier(c.name), sql.SQL(c.postgres_type)) for c in relation.columns
    )
    return sql.SQL("create table {}.{} ({})").format(
        sql.Identifier(STAGING), sql.Identifier(relation.name), columns
    )


def _create_view(item: Planned) -> sql.Composed:
    columns = sql.SQL(", ").join(sql.Identifier(c.name) for c in item.relation.columns)
    return sql.SQL("create view {}.{} ({}) as ").format(
        sql.Identifier(STAGING), sql.Identifier(item.name), columns
    ) + sql.SQL(item.view.select_sql)


def _copy_and_index(
    url: str, source: duckdb.DuckDBPyConnection, connection: psycopg.Connection, tables: list[Planned]
) -> int:
    """Bulk-load each table from DuckDB through Arrow (ADBC writes COPY BINARY) and commit it; its
    primary key and indexes are then built in the main session while the next table copies."""
    rows = 0
    conninfo = make_conninfo(url, application_name=f"{APPLICATION}-copy")
    with (
        ThreadPoolExecutor(max_workers=1, thread_name_prefix="tineng-index") as indexer,
        adbc.connect(conninfo) as copying,
        copying.cursor() as cursor,
    ):
        built = []
        try:
            # largest first, so that what is left to index after the last copy is small
            for item in sorted(tables, key=lambda p: -p.relation.estimated_rows):
                reader = item.relation.read(source).to_arrow_reader(BATCH_ROWS)
                rows += max(cursor.adbc_ingest(item.name, reader, mode="append", db_schema_name=STAGING), 0)
                copying.commit()
                if statements := _keys_and_indexes(item):
                    built.append(indexer.submit(connection.execute, sql.SQL(";\n").join(statements)))
        except BaseException:
            indexer.shutdown(cancel_futures=True)  # and wait: the session is the caller's again
            raise
        for future in built:
            future.result()
    return rows


def _keys_and_indexes(item: Planned) -> list[sql.Composable]:
    table = sql.Identifier(STAGING, item.name)
    statements: list[sql.Composable] = []
    if item.key:
        statements.append(
            sql.SQL("alter table {} add primary key ({})").format(
                table, sql.SQL(", ").join(map(sql.Identifier, item.key))
            )
        )
    columns = {c.name for c in item.relation.columns}
    for column in INDEXED_COLUMNS:
        if column in columns and item.key[:1] != (column,):
            statements.append(sql.SQL("create index on {} ({})").format(table, sql.Identifier(column)))
    return statements


def _comment_all(connection: psycopg.Connection, planned: list[Planned]) -> None:
    """Every table, view and column its description, in one round trip. Column statistics are
    left to autovacuum, which analyzes the new tables in the background shortly after."""
    statements = [statement for item in planned for statement in _comments(item)]
    if statements:
        connection.execute(sql.SQL(";\n").join(statements))


def _comments(item: Planned) -> list[sql.Composable]:
    relation = sql.Identifier(STAGING, item.name)
    kind = sql.SQL("view" if item.view is not None else "table")
    comments = []
    if item.description:
        comments.append(
            sql.SQL("comment on {} {} is {}").format(kind, relation, sql.Literal(item.description))
        )
    for column, description in item.column_descriptions.items():
        comments.append(
            sql.SQL("comment on column {}.{} is {}").format(
                relation, sql.Identifier(column), sql.Literal(description)
            )
        )
    return comments
