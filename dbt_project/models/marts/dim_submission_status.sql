-- The submission statuses with their Chinese labels, colours, action and order (the
-- submission_statuses seed), for the bulletin's chart and for BI tools.
select * from {{ ref('stg_plan__submission_statuses') }}
