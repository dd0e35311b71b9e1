"""`tineng sql`: read-only SQL on the published warehouse, one query or an interactive session."""

from __future__ import annotations

import contextlib
import csv
import json
import sys
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from orchestration import settings
from orchestration.cli.output import console, errors, published_connection

if TYPE_CHECKING:
    import duckdb

_WRITE_REFUSED = "仓库是只读的，不能修改数据或访问其他文件。The warehouse is read-only: writes and file access are refused."
_PROMPT, _MORE = "tineng> ", "   ...> "


def sql(
    query: Annotated[
        str | None, typer.Argument(help="要执行的 SQL；省略则进入交互模式。SQL to run; omit for a session.")
    ] = None,
    as_csv: Annotated[bool, typer.Option("--csv", help="以 CSV 输出。Print CSV.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="以 JSON 输出。Print JSON.")] = False,
    limit: Annotated[int, typer.Option(help="表格最多显示的行数。Rows shown in a table.")] = 200,
) -> None:
    """在已发布的仓库上执行只读 SQL。Run read-only SQL on the published warehouse."""
    if query is not None and not query.strip():
        errors.print("[red]SQL 语句是空的。[/] The SQL statement is empty.")
        raise typer.Exit(2)
    connection = published_connection()
    try:
        if query is None:
            _interactive(connection, limit)
            return
        ok = _execute(connection, query, "csv" if as_csv else "json" if as_json else "table", limit)
        if not ok:
            raise typer.Exit(1)
    finally:
        connection.close()


def _execute(connection: duckdb.DuckDBPyConnection, query: str, output: str, limit: int) -> bool:
    import duckdb

    try:
        cursor = connection.execute(query)
    except (duckdb.PermissionException, duckdb.InvalidInputException) as refused:
        if "read-only" in str(refused) or "disabled" in str(refused) or "Cannot change" in str(refused):
            errors.print(f"[red]{_WRITE_REFUSED}[/]")
            return False
        errors.print(f"[red]SQL 错误 SQL error:[/] {refused}")
        return False
    except duckdb.Error as failed:
        errors.print(f"[red]SQL 错误 SQL error:[/] {failed}")
        return False
    if cursor.description is None:
        return True
    columns = [d[0] for d in cursor.description]
    if output == "csv":
        sys.stdout.write("\ufeff")  # Excel reads UTF-8 only with a BOM
        writer = csv.writer(sys.stdout)
        writer.writerow(columns)
        writer.writerows([_inert(v) for v in row] for row in cursor.fetchall())
    elif output == "json":
        rows = [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, default=str, indent=2) + "\n")
    else:
        rows = cursor.fetchmany(limit + 1)
        table = Table(*columns)
        for row in rows[:limit]:
            table.add_row(*("" if v is None else str(v) for v in row))
        console.print(table)
        shown = f"{limit}+" if len(rows) > limit else str(len(rows))
        console.print(f"[dim]{shown} 行 rows[/]")
    return True


# A cell starting with one of these is a formula to Excel and WPS (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _inert(value):
    """Text that a spreadsheet would run as a formula, quoted so it is shown as text."""
    return f"'{value}" if isinstance(value, str) and value.startswith(_FORMULA_START) else value


def _interactive(connection: duckdb.DuckDBPyConnection, limit: int) -> None:
    with contextlib.suppress(ImportError):
        import readline  # noqa: F401  (line editing and history for input())
    console.print(
        f"只读会话 Read-only session on {settings.published_db()}\n"
        "以分号结束语句；输入 .tables 列出表，.quit 退出。End statements with ';'. .tables lists tables, .quit exits."
    )
    buffer: list[str] = []
    while True:
        try:
            line = input(_MORE if buffer else _PROMPT)
        except (EOFError, KeyboardInterrupt):
            console.print()
            return
        command = line.strip()
        if not buffer and command in (".quit", ".exit"):
            return
        if not buffer and command == ".tables":
            _execute(
                connection,
                "select table_schema as schema, table_name as name, table_type as type"
                " from information_schema.tables order by 1, 2",
                "table",
                limit=1000,
            )
            continue
        buffer.append(line)
        if command.endswith(";"):
            _execute(connection, "\n".join(buffer), "table", limit)
            buffer.clear()
