"""`tineng report`: the monthly bulletin (月度通报) and each unit's feedback, from the published warehouse.

Without --issue it writes a draft; with --issue --number it writes the issued bulletin once, which
nothing regenerates or overwrites afterwards.
"""

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
    issue: Annotated[
        bool,
        typer.Option(
            "--issue",
            help="印发：生成带文号的正式通报并冻结，此后不再重新生成或覆盖。Issue the bulletin (frozen from then on).",
        ),
    ] = False,
    number: Annotated[
        str | None,
        typer.Option(
            help="文号，如“武临科〔2021〕6号”（与 --issue 一起使用）。The document number.",
            show_default=False,
        ),
    ] = None,
    document: Annotated[
        Path | None,
        typer.Option(
            help="印发办公室修改过的通报草稿（.docx），只在红头下填入文号，其余保持原样。Issue the office's edited draft.",
            show_default=False,
            exists=True,
            dir_okay=False,
        ),
    ] = None,
    by: Annotated[
        str | None,
        typer.Option(
            help="签发人，印在文号旁并记入印发记录（默认当前系统用户，不印）。Who signs it off.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """生成月度通报（Word、PDF、HTML、xlsx）、督办单和各单位反馈单；--issue 印发。Write the monthly bulletin (draft, or issued with --issue)."""
    from orchestration.report.build import ReportError, latest_period, write_report

    check_period_format(period)
    if issue != (number is not None):
        errors.print(
            '[red]印发须同时给出 --issue 和 --number（文号），如 --issue --number "武临科〔2021〕6号"。[/]'
            " --issue and --number go together."
        )
        raise typer.Exit(2)
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
    console.print(f"正在{'印发' if issue else '生成'} {period} 月度通报 Writing the bulletin for {period} …")
    try:
        files = write_report(period, out, number=number, issued_by=by, edited=document)
    except ReportError as failed:
        errors.print(f"[red]{escape(str(failed))}[/]")
        raise typer.Exit(1) from failed
    if files.issued_number:
        console.print(f"[green]已印发 Issued:[/] {files.issued_number} → {files.directory}（此后不再改动）")
    console.print(f"[green]通报 Word:[/] {files.docx}")
    if files.pdf:
        console.print(f"[green]通报 PDF:[/] {files.pdf}")
    elif files.pdf_problem:
        errors.print(f"[yellow]未生成 PDF：{escape(files.pdf_problem)}[/]")
    else:
        console.print("[yellow]未安装 LibreOffice，未生成 PDF。[/] LibreOffice is not installed: no PDF.")
    console.print(f"[green]督办单 Supervision notices:[/] {len(files.supervision)} 个单位 units")
    console.print(f"[green]月度通报网页 Page:[/] {files.html}（{files.html_bytes / 1024:.0f} KB）")
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
    if files.changes_since_issue is not None:
        if files.changes_since_issue:
            console.print(
                f"[yellow]本月通报已印发；本稿与已印发版本相比有 {len(files.changes_since_issue)} 处数字变化"
                "（见本稿的“与已印发版本的差异.txt”）：[/]"
            )
            for line in files.changes_since_issue[:20]:
                console.print(f"  {escape(line)}")
        else:
            console.print("本月通报已印发；本稿与已印发版本相比数字没有变化。")
