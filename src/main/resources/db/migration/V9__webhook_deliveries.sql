-- One message per event and endpoint: its id is the webhook-id header, the same on every attempt, and its
-- payload the exact bytes sent. (endpoint_id, event_id) is unique, so an event heard twice is sent once.
create table webhook_messages (
    id              text primary key,
    seq             bigserial unique,
    endpoint_id     text        not null references webhook_endpoints (id),
    event_id        text        not null,
    event_type      text        not null,
    payload         text        not null,
    created_at      timestamptz not null default now(),
    status          text        not null check (status in ('pending', 'delivered', 'failed')),
    attempts        int         not null default 0,
    next_attempt_at timestamptz,
    lease_until     timestamptz,
    unique (endpoint_id, event_id)
);
create index webhook_messages_due on webhook_messages (next_attempt_at) where status = 'pending';
create index webhook_messages_endpoint on webhook_messages (endpoint_id, seq);

-- Every attempt, for the delivery log: when, the answer's status and time, or why there was none.
create table webhook_attempts (
    id            bigserial primary key,
    message_id    text        not null references webhook_messages (id),
    attempted_at  timestamptz not null,
    status_code   int,
    response_ms   int,
    error         text,
    response_body text
);
create index webhook_attempts_message on webhook_attempts (message_id, id);
