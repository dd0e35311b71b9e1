"""`tineng report`: the monthly bulletin (月度通报) and each unit's feedback, from the published warehouse."""

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from orchestration import serving
from orchestration.cli.output import check_period_format, console, errors


def report(
    period: Annotated[
        str | None,
        typer.Option(
            help="通报月份（YYYY-MM，默认最近有报送的月份）。Month (default: latest with submissions).",
            show_default=False,
        ),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option(
            help="输出目录，写入其中的 <月份>/<版本>/（默认 warehouse/reports）。Reports folder: writes <month>/<version>/ in it.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """生成月度通报（HTML、xlsx）和各单位反馈单。Write the monthly bulletin and per-unit feedback."""
    from orchestration.report.build import ReportError, latest_period, write_report

    check_period_format(period)
    try:
        period = period or latest_period()
    except serving.NotPublished as missing:
        errors.print(
            f"[red]还没有发布的仓库（{escape(str(missing))}），请先运行 tineng run。[/]"
            " No published warehouse yet: run `tineng run`."
        )
        raise typer.Exit(1) from missing
    if period is None:
        errors.print(
            "[red]已发布的仓库中还没有任何报送，无法生成通报。[/]"
            " The published warehouse holds no submissions yet."
        )
        raise typer.Exit(1)
    console.print(f"正在生成 {period} 月度通报 Writing the bulletin for {period} …")
    try:
        files = write_report(period, out)
    except ReportError as failed:
        errors.print(f"[red]{escape(str(failed))}[/]")
        raise typer.Exit(1) from failed
    console.print(f"[green]月度通报 Bulletin:[/] {files.html}（{files.html_bytes / 1024:.0f} KB）")
    if not files.latest_linked:
        errors.print(
            f"[yellow]{files.directory.parent / 'latest'} 不是链接（是一个真实的文件夹），未改动；本次通报在 {files.directory}。[/]"
            " 'latest' is not a link; left untouched."
        )
    console.print(f"[green]通报表格 Workbook:[/] {files.xlsx}")
    console.print(
        f"[green]单位反馈单 Unit feedback:[/] {len(files.feedback) // 2} 个单位 units"
        f" → {files.directory / 'feedback'}"
    )
