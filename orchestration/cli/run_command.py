"""`tineng run`: ingest, build, check and publish."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from orchestration import settings
from orchestration.cli.output import check_period_format, console, errors

if TYPE_CHECKING:
    from orchestration.cli.refresh import RefreshOutcome

_INGEST_LABELS = {
    "files_found": "找到文件 files found",
    "files_new": "新文件 new",
    "status_accepted": "已接收 accepted",
    "status_accepted_with_warnings": "已接收（有提示） with warnings",
    "status_rejected": "已拒收 rejected",
    "duplicates": "重复文件 duplicates",
    "already_registered": "此前已登记 already registered",
    "rows_landed": "指标行 rows landed",
}


def run(
    period: Annotated[
        str | None,
        typer.Option(help="只刷新这一个月（YYYY-MM）。Refresh one month only.", show_default=False),
    ] = None,
    all_months: Annotated[
        bool, typer.Option("--all", help="从 raw/ 重建全部历史。Rebuild all history from raw/.")
    ] = False,
    wait: Annotated[
        float, typer.Option(help="另一刷新进行中时最多等待的秒数。Seconds to wait for a running refresh.")
    ] = 600,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="显示运行日志。Show the run's log.")
    ] = False,
    report: Annotated[
        bool,
        typer.Option(
            help="发布后生成最后一个月的月度通报。Write the last month's bulletin after publishing."
        ),
    ] = True,
    allow_shrink: Annotated[
        bool,
        typer.Option(
            "--allow-shrink",
            help="确认发布比上次更少的数据（例如撤下某月的报送）。Publish even though some months hold less than before.",
        ),
    ] = False,
) -> None:
    """读取报送文件、构建仓库、运行检查并发布，再生成月度通报。Ingest, build, check, publish, then write the bulletin."""
    check_period_format(period)
    if period and all_months:
        errors.print("[red]--period 与 --all 不能同时使用。[/] Use either --period or --all.")
        raise typer.Exit(2)
    # Dagster and dbt load only once the arguments are known to be good
    from orchestration.cli.refresh import (
        RefreshBusy,
        folders_outside_partitions,
        months_to_refresh,
        run_refresh,
    )
    from orchestration.partitions import monthly

    if period and period not in monthly.get_partition_keys():
        errors.print(
            f"[red]{period} 不在可刷新的月份内（{monthly.get_partition_keys()[0]} 起，到上个月为止）。[/]"
            " The month must be between the plan's first month and last month."
        )
        raise typer.Exit(2)
    if not settings.raw_dir().is_dir():
        errors.print(
            f"[red]找不到报送文件夹 {settings.raw_dir()}（未挂载、已移动或路径写错），未刷新。[/]"
            " The raw folder is missing; nothing was refreshed."
        )
        raise typer.Exit(2)
    for folder in folders_outside_partitions():
        errors.print(
            f"[yellow]raw/{folder} 不在可刷新的月份内，其中的文件未读取。[/] Folder skipped: outside the months."
        )
    months = months_to_refresh(period)
    console.print(f"刷新月份 Months: {months[0]} … {months[-1]}（原始文件 raw: {settings.raw_dir()}）")
    try:
        outcome = run_refresh(
            months, rebuild=all_months, verbose=verbose, wait_s=wait, report=report, allow_shrink=allow_shrink
        )
    except RefreshBusy as busy:
        errors.print(f"[red]另一个刷新正在进行（{busy}），请稍后再试。[/] Another refresh is running.")
        raise typer.Exit(3) from busy
    print_summary(outcome)
    if not outcome.success or outcome.blocking_failures or outcome.bulletin_failure:
        raise typer.Exit(1)


def print_summary(outcome: RefreshOutcome) -> None:
    from orchestration.cli.refresh import refresh_log

    if outcome.ingest:
        table = Table(title="报送文件 Submissions", show_header=False)
        for key, label in _INGEST_LABELS.items():
            if key in outcome.ingest:
                table.add_row(label, str(outcome.ingest[key]))
        console.print(table)
    for notice in filter(None, str(outcome.ingest.get("notices", "")).splitlines()):
        errors.print(f"[yellow]{notice}[/]", highlight=False)
    _print_check_counts(outcome)
    for check in sorted(
        (c for c in outcome.checks if not c.passed), key=lambda c: (c.severity != "ERROR", c.name)
    ):
        level = "[red]✗ 错误 ERROR[/]" if check.severity == "ERROR" else "[yellow]! 警告 WARN[/]"
        console.print(f"{level} [bold]{check.name}[/] [dim]({check.asset})[/]")
        console.print(f"    {check.description}")
        for line in check.findings.splitlines():
            console.print(f"    {line.removeprefix('- ')}", highlight=False)
    for failure in outcome.failures:
        errors.print(f"[red]步骤失败 Step failed[/] {failure}")
    if outcome.published:
        console.print(f"[green]已发布 Published[/] {settings.published_db()}")
        for notice in outcome.publish_notices:
            errors.print(f"[yellow]{notice}[/]", highlight=False)
        if outcome.bulletin:
            console.print(f"[green]月度通报 Bulletin[/] {outcome.bulletin}")
        if outcome.bulletin_skipped:
            errors.print(f"[yellow]{outcome.bulletin_skipped}[/]")
        if outcome.bulletin_failure:
            errors.print(f"[red]通报生成失败 Bulletin failed:[/] {outcome.bulletin_failure}")
    else:
        errors.print(
            "[red]本次刷新未发布，仍保留上一次发布的仓库。[/] Not published; the previous warehouse stays in place.\n"
            f"dbt 日志 dbt log: {refresh_log()}"
        )


def _print_check_counts(outcome: RefreshOutcome) -> None:
    """The rules' counts as the audit tables hold them (what `tineng checks` and the bulletin say),
    and dbt's own data tests apart."""
    import duckdb

    from expectations import reference, submissions
    from orchestration.checks import counts

    if not outcome.checks:
        return
    rule_names = {rule.name for rule in (*reference.RULES, *submissions.RULES)}
    dbt_tests = [c for c in outcome.checks if c.name not in rule_names]
    try:
        with duckdb.connect(str(settings.build_db()), read_only=True) as connection:
            console.print(f"检查 Checks：{counts.sentence(counts.read(connection))}。")
    except duckdb.Error:
        pass  # no audit tables: the checks did not run; the failures below say why
    if dbt_tests:
        passed = sum(c.passed for c in dbt_tests)
        console.print(f"dbt 数据测试 dbt tests：{len(dbt_tests)}项中通过{passed}项。")
