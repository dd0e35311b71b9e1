-- Landing tables of the build (schema raw): a copy of the submission ledger's latest verdicts,
-- written afresh by every refresh; dbt decides which submission is current. Personal data
-- (reporter, phone) stays in the ledger.
create schema if not exists raw;

-- The refresh itself: its date in Beijing, whatever the host's time zone (one row).
create or replace table raw.run_context (
    as_of_date date not null,            -- the refresh's date, Asia/Shanghai
    refreshed_at timestamp not null      -- when the refresh read the ledger, Asia/Shanghai local time
);

create or replace table raw.files (
    file_id varchar primary key,         -- sha256 of the path and the content
    path varchar not null,               -- relative to the raw directory
    file_name varchar not null,
    folder_period varchar,               -- the YYYY-MM folder the file was found in
    sha256 varchar not null,
    size_bytes bigint not null,
    received_at timestamp not null,      -- file modification time, Asia/Shanghai local time
    ingested_at timestamp not null,      -- when a refresh first saw it, Asia/Shanghai local time
    channel varchar not null,            -- how it came: folder (the shared raw/ folder)
    status varchar not null,             -- accepted / accepted_with_warnings / rejected / duplicate
    duplicate_of varchar,                -- file_id of the earlier file with the same bytes
    unit_code varchar,
    unit_as_written varchar,
    period varchar,
    period_as_written varchar,
    template_version varchar,
    is_demo boolean not null,            -- written by the demo generator
    ingest_run_id varchar
);

create or replace table raw.file_messages (
    file_id varchar not null,
    seq integer not null,
    severity varchar not null,
    code varchar not null,
    sheet varchar,
    row_no integer,
    column_ref varchar,
    message_zh varchar not null,
    message_en varchar not null
);

create or replace table raw.progress_rows (
    file_id varchar not null,
    sheet varchar not null,
    row_no integer not null,
    measure_code varchar not null,
    measure_as_written varchar,
    month_value double,
    ytd_value double,
    month_text varchar,
    ytd_text varchar,
    note varchar
);

create or replace table raw.sheet_totals (
    file_id varchar not null,
    sheet varchar not null,
    row_no integer not null,
    month_value double,
    ytd_value double
);

create or replace table raw.deliverable_rows (
    file_id varchar not null,
    sheet varchar not null,
    row_no integer not null,
    deliverable_code varchar,
    deliverable_name varchar not null,
    measure_code varchar,
    status_code varchar,
    status_as_written varchar,
    note varchar
);

-- The office's confirmations of held-back values (without who confirmed: that stays in the ledger).
create or replace table raw.value_confirmations (
    unit_code varchar not null,
    period varchar not null,
    measure_code varchar not null,
    ytd_value double not null,
    reason varchar not null,
    confirmed_at timestamp not null      -- Asia/Shanghai local time
);

-- The office's decisions from the portal: accept / return a file, excuse a unit's late month,
-- lock / reopen a month; with the reviewer's account name (an accountable act, published).
create or replace table raw.office_decisions (
    decision_id integer not null,        -- the ledger's order: for each subject the latest stands
    kind varchar not null,               -- accept / return / excuse / lock / reopen
    period varchar not null,             -- YYYY-MM
    unit_code varchar,                   -- accept, return, excuse
    file_id varchar,                     -- accept, return
    reason varchar,                      -- return, excuse
    decided_by varchar not null,         -- the reviewer's account name
    decided_at timestamp not null        -- Asia/Shanghai local time
);
