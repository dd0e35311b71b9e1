with source as (
    select * from {{ ref('plan_unit_aliases') }}
),

renamed as (
    select
        trim(alias) as alias,
        unit_code,
        source
    from source
)

select * from renamed
