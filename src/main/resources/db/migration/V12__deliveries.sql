-- One queue for every call the hub makes to an outside system (the delivery engine): write-backs to the LMSs and
-- Salesforce, certificate e-mails and customers' webhooks, each a row claimed with a lease by any instance.
-- delivery_key names what the delivery is for (a certificate's write-back target, an event for an endpoint), so a
-- planned delivery exists once; events lists the certificate events that asked for it, so an event heard twice
-- plans nothing twice, while a new event for the same key (a revocation) sends it again with generation + 1.
-- A delivery that reports a certificate's state writes the state at the time of sending. channel groups the
-- deliveries that pause together (a disabled webhook endpoint).
create table deliveries (
    seq             bigint generated always as identity unique,
    id              text primary key,
    delivery_key    text        not null unique,
    connector       text        not null,
    environment     text        not null check (environment in ('live', 'test')),
    certificate_id  text,
    channel         text,
    target          jsonb       not null,
    payload         text,
    events          text[]      not null default '{}',
    status          text        not null check (status in ('pending', 'sending', 'delivered', 'failed')),
    generation      int         not null default 1,
    attempts        int         not null default 0,
    next_attempt_at timestamptz,
    lease_until     timestamptz,
    delivered_state text,
    last_error      text,
    created_at      timestamptz not null,
    updated_at      timestamptz not null
);
create index deliveries_due on deliveries (connector, next_attempt_at) where status = 'pending';
create index deliveries_leased on deliveries (lease_until) where status = 'sending';
create index deliveries_by_certificate on deliveries (certificate_id);
create index deliveries_by_channel on deliveries (channel, seq) where channel is not null;
create index deliveries_listing on deliveries (environment, seq);
create unique index deliveries_by_message_id on deliveries ((target ->> 'message_id'))
    where target ? 'message_id';

-- Every attempt: when, the answer's status code and time, or why there was none.
create table delivery_attempts (
    id            bigserial primary key,
    delivery_id   text        not null references deliveries (id),
    attempted_at  timestamptz not null,
    status_code   int,
    response_ms   int,
    outcome       text        not null,
    error         text,
    response_body text
);
create index delivery_attempts_by_delivery on delivery_attempts (delivery_id, id);

-- Channels whose deliveries wait, kept, until resumed.
create table delivery_pauses (
    channel    text primary key,
    reason     text        not null,
    paused_at  timestamptz not null
);

-- Where a certificate is written back to, as its request said: the fan-out reads it when the certificate's events
-- arrive, so issuance writes the certificate and its events and nothing else.
alter table certificates add column writeback_targets jsonb not null default '[]';

update certificates c set writeback_targets = w.targets
from (select certificate_id, jsonb_agg(jsonb_build_object('connector', connector, 'target', target) order by seq) targets
      from writebacks group by certificate_id) w
where w.certificate_id = c.id;

insert into deliveries (id, delivery_key, connector, environment, certificate_id, target, status, generation, attempts,
                        next_attempt_at, delivered_state, last_error, created_at, updated_at)
select w.id, 'writeback/' || w.certificate_id || '/'
                 || (row_number() over (partition by w.certificate_id order by w.seq) - 1),
       w.connector, c.environment, w.certificate_id, w.target,
       case w.status when 'done' then 'delivered' when 'sending' then 'pending' else w.status end,
       w.generation, w.attempts, coalesce(w.next_attempt_at, now()), w.written_status, w.last_error, w.created_at,
       w.updated_at
from writebacks w join certificates c on c.id = w.certificate_id
order by w.seq;

insert into deliveries (id, delivery_key, connector, environment, certificate_id, target, status, attempts,
                        next_attempt_at, last_error, created_at, updated_at)
select 'dlv_' || replace(gen_random_uuid()::text, '-', ''), 'email/' || d.certificate_id, 'mail-smtp-sink',
       c.environment, d.certificate_id, jsonb_build_object('message_id', d.message_id),
       case d.status when 'sent' then 'delivered' when 'bounced' then 'failed' else d.status end,
       d.attempts, d.next_attempt_at, d.last_error, d.created_at, coalesce(d.sent_at, d.created_at)
from certificate_deliveries d join certificates c on c.id = d.certificate_id;

insert into deliveries (id, delivery_key, connector, environment, channel, target, payload, events, status, attempts,
                        next_attempt_at, created_at, updated_at)
select m.id, 'webhook/' || m.endpoint_id || '/' || m.event_id, 'customer-webhook-sink', e.environment,
       'webhook-endpoint/' || m.endpoint_id,
       jsonb_build_object('endpoint_id', m.endpoint_id, 'event_id', m.event_id, 'event_type', m.event_type),
       m.payload, array[m.event_id], m.status, m.attempts, coalesce(m.next_attempt_at, now()), m.created_at,
       m.created_at
from webhook_messages m join webhook_endpoints e on e.id = m.endpoint_id
order by m.seq;

insert into delivery_attempts (delivery_id, attempted_at, status_code, response_ms, outcome, error, response_body)
select message_id, attempted_at, status_code, response_ms,
       case when status_code between 200 and 299 then 'delivered' else 'retry' end, error, response_body
from webhook_attempts order by id;

insert into delivery_pauses (channel, reason, paused_at)
select 'webhook-endpoint/' || id, coalesce(disabled_reason, case when deleted_at is null then 'disabled' else 'deleted' end),
       updated_at
from webhook_endpoints where not enabled or deleted_at is not null;

drop table webhook_attempts;
drop table webhook_messages;
drop table certificate_deliveries;
drop table writebacks;

-- GET /v1/deliveries is its own scope; the bootstrap key holds every scope, so it gets it too.
update api_keys set scopes = array_append(scopes, 'deliveries:manage')
where name = 'bootstrap' and environment = 'live' and revoked_at is null
  and scopes @> array['writebacks:manage', 'webhooks:manage'] and not scopes @> array['deliveries:manage'];
