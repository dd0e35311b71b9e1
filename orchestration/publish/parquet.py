"""Write every mart of a snapshot as Parquet, for BI tools that read files rather than DuckDB."""

from pathlib import Path

import duckdb

SCHEMAS = ("marts",)


def export(database: Path, out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    connection = duckdb.connect(str(database), read_only=True)
    try:
        tables = connection.execute(
            "select table_schema, table_name from information_schema.tables"
            " where table_schema in (select unnest(?)) order by table_name",
            [list(SCHEMAS)],
        ).fetchall()
        written = []
        for schema, table in tables:
            path = out_dir / f"{table}.parquet"
            connection.table(f"{schema}.{table}").write_parquet(str(path))
            path.chmod(0o444)  # published: nobody writes to it in place
            written.append(path)
        return written
    finally:
        connection.close()
