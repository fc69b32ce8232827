-- API keys: only a SHA-256 of the secret is kept; the key itself is shown once.
create table api_keys (
    id           text primary key,
    name         text        not null,
    key_hash     bytea       not null unique,
    key_prefix   text        not null,
    environment  text        not null check (environment in ('live', 'test')),
    scopes       text[]      not null,
    created_at   timestamptz not null default now(),
    revoked_at   timestamptz
);

create table templates (
    id             text primary key,
    seq            bigserial   not null,
    name           text        not null,
    description    text,
    criteria       text,
    fields         jsonb       not null,
    valid_for_days integer,
    created_at     timestamptz not null default now()
);

create table batches (
    id           text primary key,
    environment  text        not null,
    template_id  text        not null references templates (id),
    total        integer     not null,
    status       text        not null check (status in ('processing', 'completed', 'completed_with_errors')),
    created_at   timestamptz not null default now(),
    completed_at timestamptz
);

-- request_key makes issuance idempotent for requests that arrive through Kafka (batch rows, later
-- integration events): a redelivered request finds its key taken and issues nothing.
create table certificates (
    id                text primary key,
    seq               bigserial   not null,
    environment       text        not null,
    template_id       text        not null references templates (id),
    recipient_name    text        not null,
    recipient_email   text        not null,
    fields            jsonb       not null,
    status            text        not null check (status in ('issued', 'suspended', 'revoked')),
    issued_at         timestamptz not null,
    expires_at        timestamptz,
    revoked_at        timestamptz,
    revocation_reason text,
    updated_at        timestamptz not null,
    batch_id          text references batches (id),
    batch_index       integer,
    request_key       text
);
-- partial: API creates carry no request key and belong to no batch, and pay for neither index
create unique index certificates_request_key on certificates (request_key) where request_key is not null;
create index certificates_listing on certificates (environment, seq desc);
create index certificates_by_template on certificates (template_id, seq desc);
create index certificates_by_email on certificates (lower(recipient_email), seq desc);
create index certificates_by_batch on certificates (batch_id, batch_index) where batch_id is not null;

create table batch_errors (
    batch_id    text    not null references batches (id),
    batch_index integer not null,
    code        text    not null,
    detail      text    not null,
    primary key (batch_id, batch_index)
);

-- The first response to a POST with an Idempotency-Key, stored in the same transaction as what it created.
create table idempotency_keys (
    api_key_id      text        not null,
    idempotency_key text        not null,
    request_hash    bytea       not null,
    response_status integer,
    response_body   text,
    created_at      timestamptz not null default now(),
    primary key (api_key_id, idempotency_key)
);
create index idempotency_keys_age on idempotency_keys (created_at);

-- Transactional outbox: messages for Kafka written with the change they announce, relayed after commit.
create table outbox (
    id         bigserial primary key,
    topic      text        not null,
    message_key text       not null,
    payload    text        not null,
    created_at timestamptz not null default now()
);

-- Outbox messages Kafka refused for good (too large, invalid topic), kept for an operator.
create table outbox_undeliverable (
    id          bigserial primary key,
    topic       text        not null,
    message_key text        not null,
    payload     text        not null,
    set_aside_at timestamptz not null default now()
);

-- Fixed one-minute windows per key, shared by every hub instance.
create table rate_limit_windows (
    api_key_id    text        not null,
    window_start  timestamptz not null,
    request_count integer     not null,
    primary key (api_key_id, window_start)
);
