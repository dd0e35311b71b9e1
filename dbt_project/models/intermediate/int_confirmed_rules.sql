-- Per plan year and measure or item code, the check rules whose contradiction the lead office has settled
-- (口径确认), comma-separated: the checks on the reference data leave those rows out.
select
    plan_year,
    code,
    string_agg(rule, ',' order by rule) as confirmed_rules
from {{ ref('stg_plan__confirmations') }}
group by plan_year, code
