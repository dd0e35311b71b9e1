"""Great Expectations suites for the warehouse, written as code, and the runner that applies them.

A rule is one expectation on one warehouse relation, with a severity, the reason it exists and
the sentence that names each failing row. `reference` holds the plan's total and owner
constraints; `submissions` the constraints on what units send.
"""
