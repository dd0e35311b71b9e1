"""Reading unit submissions from raw/ into the warehouse's landing tables."""
