-- Check results the checks step owns (schema audit), published with the warehouse so the
-- bulletin and analysts read the same findings. Each check replaces its own rows.
create schema if not exists audit;

create table if not exists audit.check_results (
    check_name varchar primary key,
    suite varchar not null,
    asset varchar not null,
    severity varchar not null,           -- error / warning
    passed boolean not null,
    checked_rows integer not null,
    failing_rows integer not null,
    why_zh varchar not null,
    why_en varchar not null,
    run_id varchar,
    checked_at timestamp not null
);

create table if not exists audit.check_findings (
    check_name varchar not null,
    severity varchar not null,
    seq integer not null,
    measure_code varchar,
    unit_code varchar,
    period varchar,
    file_id varchar,
    message_zh varchar not null,
    message_en varchar not null,
    row_json varchar not null
);
