-- The networks (CIDRs) an API key may be used from; empty: anywhere.
alter table api_keys add column allowed_networks text[] not null default '{}';

-- Every /v1 call that changed something or was refused (401, 403): who, what, when, from where. Never a body,
-- a query string or a header. The actor is an API key today; console users will be actor_type 'console_user'.
-- environment is the key's; null when no key was authenticated.
create table audit_events (
    seq           bigint generated always as identity unique,
    id            text primary key,
    occurred_at   timestamptz not null,
    actor_type    text check (actor_type in ('api_key', 'console_user')),
    actor_id      text,
    environment   text check (environment in ('live', 'test')),
    method        text        not null,
    path          text        not null,
    resource_id   text,
    status        int         not null,
    problem_code  text,
    client_address text       not null,
    check ((actor_type is null) = (actor_id is null))
);
create index audit_events_listing on audit_events (seq desc);
create index audit_events_by_actor on audit_events (actor_id, seq desc) where actor_id is not null;
create index audit_events_by_resource on audit_events (resource_id, seq desc) where resource_id is not null;
create index audit_events_by_time on audit_events (occurred_at);

-- The bootstrap key holds every scope; audit:read is new, so it gets it too.
update api_keys set scopes = array_append(scopes, 'audit:read')
where name = 'bootstrap' and environment = 'live' and revoked_at is null
  and scopes @> array['certificates:read', 'certificates:write', 'certificates:revoke', 'templates:read',
                      'templates:manage', 'keys:manage', 'rules:manage', 'writebacks:manage', 'webhooks:manage',
                      'deliveries:manage']
  and not scopes @> array['audit:read'];
