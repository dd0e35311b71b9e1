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
# mart_submission_compliance.status, in the order the bulletin lists them.
SUBMISSION_COLOURS = {
    "on_time": "#3a8a4f",
    "late": "#e0a526",
    "rejected": "#c0392b",
    "missing": "#5f6368",
    "not_due": "#dadce0",
}
SUBMISSION_RAG = {
    "on_time": "green",
    "late": "yellow",
    "rejected": "red",
    "missing": "red",
    "not_due": "grey",
}
DELIVERABLE_RAG = {True: "green", False: "yellow"}
SEVERITY_RAG = {"error": "red", "warning": "yellow"}
ACCENT = "#b3261e"  # the red of the bulletin's header (红头)
