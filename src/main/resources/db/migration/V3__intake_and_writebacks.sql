-- Rules: which source events issue which certificates, and what is written back. Rules from the
-- configuration file are kept here too (origin 'config'), so every instance reads the same set.
create table intake_rules (
    seq             bigint generated always as identity unique,
    id          text primary key,
    environment text        not null,
    origin      text        not null check (origin in ('api', 'config')),
    definition  jsonb       not null,
    created_at  timestamptz not null,
    updated_at  timestamptz not null
);

-- Every event an intake endpoint accepted, once: (source, event_key) is the source's natural event id.
create table intake_events (
    seq             bigint generated always as identity unique,
    id           text primary key,
    source       text        not null,
    event_type   text        not null,
    event_key    text        not null,
    learner_id   text,
    course_id    text,
    status       text        not null check (status in ('matched', 'unmatched', 'ignored', 'failed')),
    detail       text,
    rule_ids     text[]      not null default '{}',
    request_keys text[]      not null default '{}',
    event        jsonb       not null,
    received_at  timestamptz not null,
    recorded_at  timestamptz not null,
    unique (source, event_key)
);
create index intake_events_by_status on intake_events (status, seq);

-- What a certificate is to be written back to. A row writes the certificate's current state, so a
-- status change sends the same row again (generation + 1) instead of adding one.
create table writebacks (
    seq             bigint generated always as identity unique,
    id              text primary key,
    certificate_id  text        not null references certificates (id),
    connector       text        not null,
    target          jsonb       not null,
    status          text        not null check (status in ('pending', 'sending', 'done', 'failed')),
    generation      int         not null default 1,
    attempts        int         not null default 0,
    next_attempt_at timestamptz,
    lease_until     timestamptz,
    written_status  text,
    last_error      text,
    created_at      timestamptz not null,
    updated_at      timestamptz not null
);
create index writebacks_due on writebacks (next_attempt_at) where status = 'pending';
create index writebacks_leased on writebacks (lease_until) where status = 'sending';
create index writebacks_by_certificate on writebacks (certificate_id);
create index writebacks_by_status on writebacks (status, seq);
