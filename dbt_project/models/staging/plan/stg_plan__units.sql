with source as (
    select * from {{ ref('plan_units') }}
),

renamed as (
    select
        unit_code,
        trim(unit_name) as unit_name,
        unit_type,
        annex2_row,
        source
    from source
)

select * from renamed
