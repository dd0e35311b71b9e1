"""The refresh job: ingest the month(s), build, check, publish."""

import dagster as dg

from orchestration.partitions import monthly

refresh_job = dg.define_asset_job(
    name="refresh",
    selection=dg.AssetSelection.all(),
    partitions_def=monthly,
    description="读取报送文件、构建仓库、运行检查并发布。Ingest, build, check and publish.",
)
