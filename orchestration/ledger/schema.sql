-- The submission ledger: every file ever seen and every verdict on it, outside the build.
-- Append-only: nothing here is updated or deleted. A file read again (after a failed read)
-- gets a new entry; the latest entry of a file is its verdict, the first its first sighting.
pragma journal_mode = wal;

create table if not exists file_entries (
    entry_id integer primary key autoincrement,
    file_id text not null,              -- sha256 of the path and the content
    path text not null,                 -- relative to the raw directory
    file_name text not null,
    folder_period text,                 -- the YYYY-MM folder the file was found in
    sha256 text not null,
    size_bytes integer not null,
    received_at text not null,          -- file modification time, Asia/Shanghai, ISO 8601
    ingested_at text not null,          -- when a refresh read it, Asia/Shanghai, ISO 8601
    channel text not null,              -- folder (the shared raw/ folder) or portal (uploaded through the portal)
    status text not null,               -- accepted / accepted_with_warnings / rejected / duplicate
    duplicate_of text,
    unit_code text,
    unit_as_written text,
    period text,
    period_as_written text,
    template_version text,
    reporter text,                      -- personal data: stays in the ledger
    phone text,                         -- personal data: stays in the ledger
    ingest_run_id text
);
create index if not exists file_entries_file on file_entries (file_id);
create index if not exists file_entries_sha on file_entries (sha256);

create table if not exists file_messages (
    entry_id integer not null references file_entries (entry_id),
    seq integer not null,
    severity text not null,
    code text not null,
    sheet text,
    row_no integer,
    column_ref text,
    message_zh text not null,
    message_en text not null
);

create table if not exists progress_rows (
    entry_id integer not null references file_entries (entry_id),
    sheet text not null,
    row_no integer not null,
    measure_code text not null,
    measure_as_written text,
    month_value real,
    ytd_value real,
    month_text text,
    ytd_text text,
    note text
);

create table if not exists sheet_totals (
    entry_id integer not null references file_entries (entry_id),
    sheet text not null,
    row_no integer not null,
    month_value real,
    ytd_value real
);

create table if not exists deliverable_rows (
    entry_id integer not null references file_entries (entry_id),
    sheet text not null,
    row_no integer not null,
    deliverable_code text,
    deliverable_name text not null,
    measure_code text,
    status_code text,
    status_as_written text,
    note text
);

-- The office's confirmations of values the outlier rules hold back (待核实): the value as it stood
-- when confirmed, who and why. A resubmission with another value is checked again.
create table if not exists value_confirmations (
    confirmation_id integer primary key autoincrement,
    unit_code text not null,
    period text not null,
    measure_code text not null,
    ytd_value real not null,
    confirmed_by text not null,         -- personal data: stays in the ledger
    reason text not null,
    confirmed_at text not null          -- Asia/Shanghai, ISO 8601
);

-- The office's decisions on files and months, from the portal's reviewer pages: who, when, why.
-- Append-only like the rest; for each file, unit-month or month the latest decision stands.
create table if not exists office_decisions (
    decision_id integer primary key autoincrement,
    kind text not null,                 -- accept / return (a file), excuse (a unit-month), lock / reopen (a month)
    period text not null,               -- YYYY-MM
    unit_code text,                     -- accept, return, excuse; null for lock and reopen
    file_id text,                       -- accept, return: the file decided on
    reason text,                        -- required for return and excuse
    decided_by text not null,           -- the reviewer's account name
    decided_at text not null            -- Asia/Shanghai, ISO 8601
);

-- Every file uploaded through the portal: who sent it and when, whether it went into raw/ and where.
create table if not exists portal_uploads (
    upload_id integer primary key autoincrement,
    uploaded_at text not null,          -- Asia/Shanghai, ISO 8601: the file's true received time
    uploaded_by text not null,          -- the clerk's account name
    unit_code text not null,            -- the clerk's unit
    period text not null,               -- the month it was uploaded for
    file_name text not null,            -- as the clerk's computer named it
    sha256 text not null,
    size_bytes integer not null,
    verdict text not null,              -- accepted / accepted_with_warnings / rejected / refused
    refused_because text,               -- refused: locked_month / other_unit / too_large / unsupported_type
    path text                           -- relative to the raw directory; null when refused (not written)
);

-- Logins and decisions, for the office's audit.
create table if not exists audit_events (
    event_id integer primary key autoincrement,
    at text not null,                   -- Asia/Shanghai, ISO 8601
    user_name text,
    action text not null,               -- login / login_failed / logout / upload / decision / download
    detail text,
    client text                         -- the client's address
);
