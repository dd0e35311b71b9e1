"""Python code that runs before dbt reads the plan through orchestration.reference; it must agree
with what the dbt models derive from the same seeds."""

from orchestration import reference


def test_reporting_assignments_match_the_dbt_model(reference_warehouse):
    space, _ = reference_warehouse
    in_warehouse = set(
        space.query(
            "select unit_code, measure_code, target_value from intermediate.int_reporting_assignments"
        )
    )
    in_python = {(a.unit_code, a.measure_code, a.target) for a in reference.reporting_assignments()}
    assert in_python == in_warehouse


def test_district_targets_match_the_dbt_model(reference_warehouse):
    space, _ = reference_warehouse
    in_warehouse = dict(
        space.query("select measure_code, district_target from intermediate.int_measure_district_targets")
    )
    assert reference.district_targets() == in_warehouse


def test_cumulative_flags_match_the_dbt_model(reference_warehouse):
    space, _ = reference_warehouse
    in_warehouse = dict(space.query("select measure_code, is_cumulative from marts.dim_indicator"))
    assert {code: m.is_cumulative for code, m in reference.measures().items()} == in_warehouse
