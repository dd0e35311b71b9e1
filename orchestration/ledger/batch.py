"""What one refresh adds to the ledger: its files with their verdicts, and what was read from them."""

from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class LandingBatch:
    files: pd.DataFrame
    messages: pd.DataFrame
    progress_rows: pd.DataFrame
    sheet_totals: pd.DataFrame
    deliverable_rows: pd.DataFrame
