"""Colours and labels of statuses, shared by charts, pages and workbooks so all three agree."""

# RAG colours of mart_unit_scorecard.rag / mart_district_progress.rag: muted, legible in greyscale print.
RAG_COLOURS = {
    "green": "#3a8a4f",
    "yellow": "#e0a526",
    "red": "#c0392b",
    "grey": "#9aa0a6",
}
# Light fills for table cells (text stays black on them).
RAG_FILLS = {
    "green": "#dcefe0",
    "yellow": "#fbeccb",
    "red": "#f6d5d1",
    "grey": "#e8eaed",
}
RAG_LABELS = {
    "green": "完成、达到目标或达到序时进度",
    "yellow": "落后（低于序时进度或略低于目标）",
    "red": "落后较多或年末未完成",
    "grey": "未报送或待补报",
}
# Submission statuses carry their own labels and colours (marts.dim_submission_status).
DELIVERABLE_RAG = {True: "green", False: "yellow"}
SEVERITY_RAG = {"error": "red", "warning": "yellow"}
ACCENT = "#b3261e"  # the red of the bulletin's header (红头)
