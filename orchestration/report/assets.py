"""The `monthly_report` asset: after each publish, the bulletin and unit feedback of the run's last month."""

import dagster as dg

from orchestration.partitions import monthly
from orchestration.publish.assets import published_warehouse


@dg.asset(
    partitions_def=monthly,
    backfill_policy=dg.BackfillPolicy.single_run(),
    deps=[published_warehouse],
    group_name="serving",
    kinds={"html", "excel"},
    output_required=False,
    description=(
        "月度通报草稿（Word、PDF、HTML、xlsx）、督办单和各单位报送反馈单，写入 warehouse/reports/<YYYY-MM>/<版本>/，"
        "latest 指向最新版本；已印发的通报不动，草稿列出与其相比变化的数字。区间运行时只写最后一个月。"
        "The monthly bulletin draft, supervision notices and per-unit feedback for the last month of the run;"
        " an issued bulletin is never touched."
    ),
)
def monthly_report(context: dg.AssetExecutionContext):
    # the bulletin's writers (matplotlib, docx) load here, not when a refresh loads the definitions
    from orchestration.report.build import NothingToReport, write_report

    period = context.partition_keys[-1]
    try:
        files = write_report(period)
    except NothingToReport as nothing:  # a month with no submissions yet has nothing to report
        context.log.warning(f"{period} 没有可通报的数据，未生成通报：{nothing}")
        return
    context.log.info(f"已生成 {period} 月度通报：{files.html}")
    yield dg.MaterializeResult(
        metadata={
            "period": period,
            "bulletin": dg.MetadataValue.path(str(files.html)),
            "workbook": dg.MetadataValue.path(str(files.xlsx)),
            "document": dg.MetadataValue.path(str(files.docx)),
            "pdf": dg.MetadataValue.path(str(files.pdf))
            if files.pdf
            else (files.pdf_problem or "未安装 LibreOffice"),
            "supervision_notices": len(files.supervision),
            "changes_since_issue": "本月未印发"
            if files.changes_since_issue is None
            else len(files.changes_since_issue),
            "feedback_files": len(files.feedback),
            "html_kb": round(files.html_bytes / 1024),
        }
    )
