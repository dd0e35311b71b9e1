"""Monthly partitions: one per reporting month, keyed YYYY-MM like the raw/<YYYY-MM>/ folders."""

import dagster as dg

from orchestration import settings

monthly = dg.MonthlyPartitionsDefinition(
    start_date=f"{settings.plan_year()}-01",
    fmt="%Y-%m",
    timezone=settings.TIMEZONE,
)
