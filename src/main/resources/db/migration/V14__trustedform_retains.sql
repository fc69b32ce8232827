-- TrustedForm certificates retained for Salesforce Leads (see README, "TrustedForm"). One row per certificate URL, so
-- each is retained once (a retain is billable) however often its Lead's events arrive; status says what became of it:
-- pending (its retain waits or is retried), retained, expired (404: expired or never existed), refused (the URL is not
-- TrustedForm's: never called), failed (given up).
create table trustedform_retains (
    seq                 bigint generated always as identity unique,
    id                  text primary key,
    certificate_url     text        not null unique,
    channel             text        not null,
    event_id            text,
    lead_id             text,
    vendor              text,
    status              text        not null check (status in ('pending', 'retained', 'expired', 'refused', 'failed')),
    detail              text,
    -- TrustedForm's answer: outcome success or failure (the lead did not match), the retention's end, and whether the
    -- account had retained it before (a retain repeated after a crash mid-call)
    outcome             text,
    expires_at          timestamptz,
    previously_retained boolean,
    created_at          timestamptz not null,
    updated_at          timestamptz not null
);
create index trustedform_retains_listing on trustedform_retains (seq);
create index trustedform_retains_by_lead on trustedform_retains (lead_id);

-- Every call to TrustedForm, recorded (committed) before it is made, then with its answer; TrustedForm keeps no logs
-- for its customers. The request is kept without its Authorization header. A call still 'calling' when its retain is
-- sent again was cut short by a crash: it is marked unanswered, and the new call may be a repeat.
create table trustedform_calls (
    id              text primary key,
    retain_id       text        not null references trustedform_retains (id),
    status          text        not null check (status in ('calling', 'answered', 'unanswered')),
    request_url     text        not null,
    request_headers jsonb       not null,
    request_body    text        not null,
    status_code     int,
    response_body   text,
    error           text,
    called_at       timestamptz not null,
    answered_at     timestamptz
);
create index trustedform_calls_by_retain on trustedform_calls (retain_id, called_at);
