"""The submission portal (填报系统): units upload their monthly workbook and read the verdict at
once; the office reviews, returns, excuses, locks months and chases from a browser."""
