"""`tineng plan export|check|add|list`: the year's plan as a workbook the office fills and loads."""

from pathlib import Path
from typing import Annotated

import typer

from orchestration.cli.output import console, errors

plan = typer.Typer(
    help="年度方案：导出、检查、导入与历史。The yearly plan: export, check, load and its history.",
    no_args_is_help=True,
)

_TITLE_2021 = "东西湖区科技创新提能行动实施方案"
_NUMBER_2021 = "武临开办〔2021〕1号"


@plan.command("export")
def export(
    year: Annotated[int, typer.Option(help="方案年度。Plan year.")],
    out: Annotated[Path, typer.Option(help="写出的工作簿（.xlsx，不得已存在）。Workbook to write.")],
) -> None:
    """把已导入的某年方案写成方案工作簿，可作为下一年方案的底稿。Write a loaded plan as a plan workbook."""
    from orchestration.plans import store
    from orchestration.plans.workbook import write_workbook

    if out.exists():
        errors.print(f"[red]{out} 已存在，未覆盖；请换一个文件名。[/] {out} exists; not overwritten.")
        raise typer.Exit(2)
    store.install_default()
    if year not in store.years():
        loaded = "、".join(f"{y}年" for y in store.years())
        errors.print(f"[red]{year}年方案尚未导入（已导入：{loaded}）。[/] No plan is loaded for {year}.")
        raise typer.Exit(2)
    info = store.version_info(year)
    title, number = (_TITLE_2021, _NUMBER_2021) if info["source"] == store.DEFAULT_SOURCE else ("", "")
    out.parent.mkdir(parents=True, exist_ok=True)
    write_workbook(store.read(year), year, out, title=title, document_number=number)
    console.print(f"[green]已写出{year}年方案（第{info['version']}版）[/] Wrote the {year} plan to {out}")


@plan.command("check")
def check(workbook: Annotated[Path, typer.Argument(help="方案工作簿（.xlsx）。Plan workbook.")]) -> None:
    """检查方案工作簿（结构、编码、单位、合计与牵头责任规则），不做任何改动；有错误时退出码为1。

    Check a plan workbook without changing anything; exit 1 on errors.
    """
    checked = _checked(workbook)
    raise typer.Exit(1 if checked.errors else 0)


@plan.command("add")
def add(
    workbook: Annotated[Path, typer.Argument(help="方案工作簿（.xlsx）。Plan workbook.")],
    replace: Annotated[
        bool, typer.Option("--replace", help="修订已导入的该年方案（保留旧版）。Revise a loaded year.")
    ] = False,
    by: Annotated[str, typer.Option("--by", help="导入人。Who loads it.")] = "科经局",
    note: Annotated[str, typer.Option(help="修订说明。Why.")] = "",
) -> None:
    """检查通过后导入（或以 --replace 修订）该年方案；旧版本保留。Check, then load or revise the year's plan."""
    from orchestration.plans import reference_build, store

    checked = _checked(workbook)
    if checked.errors:
        errors.print("[red]方案有错误，未导入。[/] The plan has errors; nothing was loaded.")
        raise typer.Exit(1)
    year = checked.year
    try:
        record = store.add(
            year,
            checked.plan,
            added_by=by,
            source=workbook.name,
            workbook=workbook,
            replace=replace,
            note=note,
        )
    except store.PlanStoreError as refused:
        errors.print(f"[red]{refused}[/]")
        raise typer.Exit(2) from None
    console.print(
        f"[green]已导入{year}年方案第{record['version']}版。[/] Loaded the {year} plan, version {record['version']}."
    )
    if record["replaces"]:
        _print_revision(year, record)
    reference_build.current_database()  # templates and ingest see the new plan at once


def _print_revision(year: int, record: dict) -> None:
    from orchestration import settings
    from orchestration.ingest.discover import month_folders

    for change in record["changes"]:
        console.print(
            f"  {change['title_zh']}：新增或改动{len(change['added'])}行，删除或改动前{len(change['removed'])}行。"
        )
    scored = [m for m in month_folders(settings.raw_dir()) if m.startswith(f"{year}-")]
    if scored:
        console.print(
            f"[yellow]{year}年已有{len(scored)}个月的报送（{scored[0]}至{scored[-1]}）按第{record['replaces']}版计分；"
            f"下次刷新起按第{record['version']}版重新计分。第{record['replaces']}版保留在方案历史中，"
            "已印发的通报不变。[/]"
            f" Months already scored against version {record['replaces']} are rescored at the next refresh."
        )


@plan.command("list")
def list_versions() -> None:
    """列出已导入的方案及每一版（导入人、时间、来源、改动）。List loaded plans and their versions."""
    from rich.table import Table

    from orchestration.plans import store

    store.install_default()
    table = Table("年度", "版本", "导入人", "导入时间", "来源", "改动", "当前")
    for info in store.history():
        current = store.versions(info["plan_year"])[-1] == info["version"]
        changed = "、".join(c["title_zh"] for c in info["changes"]) or "—"
        table.add_row(
            str(info["plan_year"]), f"第{info['version']}版", info["added_by"], info["added_at"],
            info["source"], changed, "✓" if current else "",
        )  # fmt: skip
    console.print(table)


def _checked(workbook: Path):
    from orchestration.plans.check import ERROR, LABEL_ZH, check_workbook
    from orchestration.plans.reference_build import ReferenceBuildError

    if not workbook.is_file():
        errors.print(f"[red]找不到方案工作簿 {workbook}。[/] No such workbook.")
        raise typer.Exit(2)
    with console.status("正在检查方案… Checking the plan…"):
        try:
            checked = check_workbook(workbook)
        except ReferenceBuildError as failed:
            errors.print(f"[red]{failed}[/]")
            raise typer.Exit(1) from None
    for finding in checked.findings:
        colour = "red" if finding.severity == ERROR else "yellow" if finding.severity == "warning" else "cyan"
        console.print(f"[{colour}]{LABEL_ZH[finding.severity]}[/] {finding.text_zh}")
    counts = {s: sum(f.severity == s for f in checked.findings) for s in LABEL_ZH}
    year = f"{checked.year}年方案" if checked.year else "方案"
    console.print(
        f"{year}：错误{counts['error']}项，警告{counts['warning']}项，提示{counts['info']}项。"
        f" {counts['error']} errors, {counts['warning']} warnings."
    )
    return checked
