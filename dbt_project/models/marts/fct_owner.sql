-- Who owns each measure, measure × unit × role × source; group references are expanded to units.
with owners as (
    select * from {{ ref('int_owners_resolved') }}
),

measures as (
    select * from {{ ref('stg_plan__measures') }}
)

select
    measures.measure_code,
    owners.item_code,
    owners.unit_code,
    owners.role,
    case owners.role
        when 'lead' then '牵头'
        when 'responsible' then '责任'
        when 'sole_owner' then '单独承担'
    end as role_zh,
    owners.source_doc,
    owners.unit_ref,
    owners.via_group,
    owners.source,
    owners.source_text
from owners
inner join measures on owners.item_code = measures.item_code
where owners.unit_code is not null
