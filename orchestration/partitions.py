"""Monthly partitions: one per reporting month, keyed YYYY-MM like the raw/<YYYY-MM>/ folders."""

import dagster as dg

from orchestration import settings
from orchestration.plans import store

# From the first loaded plan year's January to the month just ended; a month whose year has no
# plan is a partition too, and its files are refused with a message naming the missing plan.
monthly = dg.MonthlyPartitionsDefinition(
    start_date=f"{store.first_year()}-01",
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
