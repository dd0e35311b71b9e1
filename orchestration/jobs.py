"""The refresh job (ingest, build, check, publish) and the bulletin job that follows each publish."""

import dagster as dg

from orchestration.partitions import monthly

BULLETIN = dg.AssetSelection.assets("monthly_report")

refresh_job = dg.define_asset_job(
    name="refresh",
    selection=dg.AssetSelection.all() - BULLETIN,
    partitions_def=monthly,
    description="读取报送文件、构建仓库、运行检查并发布。Ingest, build, check and publish.",
)

# Kept out of the refresh: a bulletin that fails must not fail the refresh that published.
report_job = dg.define_asset_job(
    name="bulletin",
    selection=BULLETIN,
    partitions_def=monthly,
    description="根据已发布的仓库生成月度通报和各单位反馈单。Write the bulletin from the published warehouse.",
)
