"""`tineng confirm-value`: the office lists the values held back for checking (待核实) and confirms
one as it stands, recorded in the submission ledger with who and why; the next refresh counts it."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated
from zoneinfo import ZoneInfo

import typer
from rich.markup import escape

from orchestration import settings
from orchestration.cli.output import check_period_format, console, errors, published_connection

_REVIEW = """
    select period, unit_code, unit_name, measure_code, measure_name, uom, ytd_value, reason_zh,
           file_name, sheet, row_no, is_confirmed
    from marts.mart_value_review
"""


def confirm_value(
    unit: Annotated[str | None, typer.Argument(help="单位编码，如 D02。Unit code.")] = None,
    period: Annotated[str | None, typer.Argument(help="月份 YYYY-MM。Month.")] = None,
    measure: Annotated[str | None, typer.Argument(help="指标编码，如 I07。Measure code.")] = None,
    by: Annotated[str | None, typer.Option("--by", help="确认人姓名。Who confirms.")] = None,
    why: Annotated[str | None, typer.Option("--why", help="确认理由。Why the value stands.")] = None,
) -> None:
    """列出待核实的数值；给出单位、月份、指标和 --by、--why 时，确认该数值无误，下次刷新起计入完成、排名和全区合计。
    List the values held back for checking; with unit, month, measure, --by and --why, confirm one."""
    check_period_format(period)
    rows = _review()
    if unit is None:
        _print(rows)
        return
    if period is None or measure is None or not (by or "").strip() or not (why or "").strip():
        errors.print(
            "[red]确认需要单位编码、月份、指标编码，以及 --by 确认人和 --why 理由。[/]"
            " Confirming needs unit, month, measure, --by and --why."
        )
        raise typer.Exit(2)
    match = [r for r in rows if (r["unit_code"], r["period"], r["measure_code"]) == (unit, period, measure)]
    if not match:
        errors.print(
            f"[red]{escape(unit)} {escape(period)} {escape(measure)} 没有待核实的数值"
            "（运行 tineng confirm-value 查看清单）。[/] No value held back for that unit, month and measure."
        )
        raise typer.Exit(1)
    (row,) = match
    if row["is_confirmed"]:
        console.print(
            f"{row['unit_name']} {period} {row['measure_name']} 的数值 {row['ytd_value']:g} 已确认过。 Already confirmed."
        )
        return
    from orchestration.ledger import store

    now = datetime.now(ZoneInfo(settings.TIMEZONE)).replace(tzinfo=None, microsecond=0)
    with store.connect(settings.ledger_db()) as ledger:
        store.record_confirmation(
            ledger,
            unit_code=unit,
            period=period,
            measure_code=measure,
            ytd_value=row["ytd_value"],
            confirmed_by=by.strip(),
            reason=why.strip(),
            confirmed_at=now.isoformat(sep=" "),
        )
    console.print(
        f"[green]已确认[/] {escape(row['unit_name'])} {period} {escape(row['measure_name'])} 累计 {row['ytd_value']:g}"
        f"{escape(row['uom'] or '')}（{escape(by.strip())}：{escape(why.strip())}）。"
        "下次刷新（tineng run）起计入完成、排名和全区合计；单位若改报其他数值，将重新核实。"
        " Confirmed; the next refresh counts it."
    )


def _review() -> list[dict]:
    connection = published_connection()
    try:
        cursor = connection.execute(_REVIEW + " order by period, unit_code, measure_code")
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, values, strict=True)) for values in cursor.fetchall()]
    finally:
        connection.close()


def _print(rows: list[dict]) -> None:
    pending = [r for r in rows if not r["is_confirmed"]]
    if not pending:
        console.print("没有待核实的数值。 No value is held back for checking.")
        return
    console.print(f"待核实的数值 {len(pending)} 项 Values held back for checking:")
    for r in pending:
        console.print(
            escape(
                f"- {r['period']} {r['unit_name']}（{r['unit_code']}） {r['measure_name']}（{r['measure_code']}）"
                f" 累计 {r['ytd_value']:g}{r['uom'] or ''}：{r['reason_zh']}。"
                f"位置：{r['file_name']} 工作表“{r['sheet']}”第 {r['row_no']} 行。"
            ),
            soft_wrap=True,
        )
    console.print(
        "确认某项无误：tineng confirm-value 单位编码 月份 指标编码 --by 确认人 --why 理由。"
        " To confirm one: tineng confirm-value UNIT PERIOD MEASURE --by NAME --why REASON."
    )
