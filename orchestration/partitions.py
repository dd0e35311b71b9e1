"""Monthly partitions: one per reporting month, keyed YYYY-MM like the raw/<YYYY-MM>/ folders."""

import dagster as dg

from orchestration import settings

monthly = dg.MonthlyPartitionsDefinition(
    start_date=f"{settings.plan_year()}-01",
    fmt="%Y-%m",
    timezone=settings.TIMEZONE,
)

# Run tags that select a range of partitions: one run for many months (single-run backfills).
PARTITION_RANGE_START = "dagster/asset_partition_range_start"
PARTITION_RANGE_END = "dagster/asset_partition_range_end"
PARTITION = "dagster/partition"


def last_month_of(tags: dict[str, str]) -> str | None:
    """The last month a run covered, from its tags."""
    return tags.get(PARTITION_RANGE_END) or tags.get(PARTITION)
