"""The monthly bulletin (月度通报) and per-unit feedback, written from the published warehouse.

`build.write_report(period)` is the entry point; `assets.monthly_report` runs it after each publish.
"""
