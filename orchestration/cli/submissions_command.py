"""`tineng templates` and `tineng demo`: the workbooks units fill, and a synthetic year of them."""

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from orchestration import settings
from orchestration.cli.output import check_period_format, console, errors
from orchestration.ingest.discover import month_folders


def templates(
    period: Annotated[str, typer.Option(help="报送月份（YYYY-MM）。Reporting month.")],
    out: Annotated[Path, typer.Option(help="输出目录。Output directory.")] = Path("templates"),
) -> None:
    """为该年方案的每个报送单位生成当月填报模板（指标与目标取自该年方案）。

    Write one template workbook per unit that year's plan names, with that year's measures and targets.
    """
    from orchestration.reference import PlanNotLoaded
    from orchestration.submissions.templates import write_templates

    check_period_format(period)
    try:
        written = write_templates(period, out)
    except PlanNotLoaded as missing:
        errors.print(f"[red]{missing}[/] 请先用 tineng plan add 导入该年方案。")
        raise typer.Exit(2) from None
    console.print(f"[green]已生成 {len(written)} 份模板[/] Wrote {len(written)} templates to {out}")


def demo(
    through: Annotated[
        str | None,
        typer.Option(help="生成到哪个月（YYYY-MM，默认12月）。Last month to generate.", show_default=False),
    ] = None,
    seed: Annotated[int, typer.Option(help="随机种子，同一种子生成相同文件。Random seed.")] = 2021,
    if_empty: Annotated[
        bool, typer.Option("--if-empty", help="raw/ 已有文件时什么也不做。Do nothing when raw/ has files.")
    ] = False,
    year: Annotated[
        int,
        typer.Option(
            help="演示年度：2021（随系统提供的方案）或2022（合成的示例方案，未导入时先导入）。Demo year: 2021 or 2022."
        ),
    ] = 2021,
) -> None:
    """在 raw/ 生成一年的演示报送数据（合成数据，有明确标注）；--year 2022 另导入一份合成的2022年示例方案。

    Write a labelled synthetic year of submissions; --year 2022 also loads a labelled synthetic 2022 plan.
    """
    if through:
        check_period_format(through)
    if year not in (2021, 2022):
        errors.print("[red]演示数据只有2021年和2022年。[/] The demo covers 2021 and 2022 only.")
        raise typer.Exit(2)
    raw = settings.raw_dir()
    if if_empty and any(any((raw / m).iterdir()) for m in month_folders(raw)):
        console.print(
            f"raw/ 已有报送文件，不生成演示数据。{raw} already holds submissions; no demo data written."
        )
        return
    generate_demo = _demo_generator()
    if year == 2022:
        from tineng_demo import plan_2022

        if plan_2022.ensure_loaded():
            console.print(f"已导入合成的2022年示例方案（非真实方案）：{'；'.join(plan_2022.CHANGES_ZH)}。")
    try:
        summary = generate_demo(raw, through=through, seed=seed + year - 2021, year=year)
    except ValueError as refused:
        errors.print(f"[red]{refused}[/]")
        raise typer.Exit(1) from refused
    kinds = ", ".join(f"{kind} {count}" for kind, count in sorted(summary.by_kind().items()))
    console.print(
        f"[green]已生成演示数据 {len(summary.files)} 个文件[/] Demo files written to {raw}: {kinds}"
    )


def _demo_generator():
    """The demo generator, a package of its own (the `demo` extra) that production code never
    imports at module level; exit 2 saying how to install it when it or its dependencies are missing."""
    try:
        from tineng_demo import generate_demo
    except ModuleNotFoundError as missing:
        install = escape("pip install -e '.[demo]'")
        errors.print(
            f"[red]演示数据包未安装（缺少 {missing.name}），请运行 {install} 安装。[/]"
            f" The demo package is not installed (missing {missing.name}); install it with {install}."
        )
        raise typer.Exit(2) from None
    return generate_demo
