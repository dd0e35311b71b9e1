"""Great Expectations as a Dagster resource.

Importing GX takes seconds. Dagster sets resources up when a run starts, so the import runs in
the background while the ingest and dbt steps work, and is done by the time the checks need it.
"""

import dagster as dg
import pandas as pd

from expectations import runner
from expectations.rule import Rule


class GreatExpectations(dg.ConfigurableResource):
    def setup_for_execution(self, context: dg.InitResourceContext) -> None:
        runner.warm_up()

    def validate(self, rule: Rule, frame: pd.DataFrame) -> runner.Outcome:
        return runner.validate(rule, frame)
