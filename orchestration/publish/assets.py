"""The publish step: build checked -> snapshot -> warehouse/tineng.duckdb and warehouse/parquet."""

from datetime import datetime
from zoneinfo import ZoneInfo

import dagster as dg

from orchestration import settings
from orchestration.publish import parquet, postgres, shrink, snapshot
from orchestration.transform.assets import warehouse_models


@dg.asset(
    deps=list(warehouse_models.keys),
    group_name="serving",
    kinds={"duckdb", "parquet"},
    description="发布已通过检查的仓库快照（只读）。Publishes the checked build as the read-only warehouse.",
)
def published_warehouse(context: dg.AssetExecutionContext) -> dg.MaterializeResult:
    lost = shrink.vanished(settings.build_db(), settings.published_db())
    if lost and context.run.tags.get(shrink.ALLOW_SHRINK_TAG) != "true":
        raise dg.Failure(
            description="本次构建比已发布的仓库少了数据，未发布（确认无误可用 tineng run --allow-shrink 发布）："
            + "；".join(lost)
            + ". The build holds less than the published warehouse; not published.",
            allow_retries=False,
        )
    now = datetime.now(ZoneInfo(settings.TIMEZONE))
    name = f"{now:%Y%m%dT%H%M%S}-{context.run_id[:8]}"
    snapshot.checkpoint(settings.build_db())
    taken = snapshot.take(settings.build_db(), settings.snapshots_dir(), name)
    exported = parquet.export(taken.database, taken.directory / "parquet")
    # copied first, swapped right after the DuckDB file: a failed copy publishes nothing
    staged = postgres.stage(taken.database) if settings.postgres_url() else None
    snapshot.swap_in(taken.database, settings.published_db())
    notices = []
    if not snapshot.point_link(settings.parquet_dir(), taken.directory / "parquet"):
        notices.append(
            f"{settings.parquet_dir()} 不是链接（有人放了一个真实的文件夹），未改动；最新的 Parquet 文件在"
            f" {taken.directory / 'parquet'}。Not a link, left untouched."
        )
    for notice in notices:
        context.log.warning(notice)
    if staged:
        postgres.swap_in(staged, log=context.log)
    removed = snapshot.prune(settings.snapshots_dir(), settings.snapshots_to_keep())
    context.log.info(f"已发布 {settings.published_db()}（快照 {name}）")
    return dg.MaterializeResult(
        metadata={
            "published": dg.MetadataValue.path(str(settings.published_db())),
            "snapshot": name,
            "parquet_tables": len(exported),
            "postgres": staged.target if staged else "—",
            "snapshots_removed": ", ".join(removed) or "—",
            "notices": "\n".join(notices),
        }
    )
