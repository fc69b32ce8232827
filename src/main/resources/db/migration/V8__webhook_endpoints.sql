-- Where a customer's outbound webhooks go (Standard Webhooks). The signing secret is kept sealed with
-- AES-256-GCM (SecretBox), not hashed: the hub signs with it. During a rotation the previous secret keeps
-- signing until previous_secret_until. A deleted endpoint keeps its row (messages will reference it),
-- marked by deleted_at and without its secrets; every query hides it.
create table webhook_endpoints (
    seq                        bigint generated always as identity unique,
    id                         text primary key,
    environment                text        not null check (environment in ('live', 'test')),
    url                        text        not null,
    description                text,
    events                     text[]      not null,
    enabled                    boolean     not null default true,
    disabled_reason            text,
    secret_ciphertext          text,
    previous_secret_ciphertext text,
    previous_secret_until      timestamptz,
    failing_since              timestamptz,
    created_at                 timestamptz not null,
    updated_at                 timestamptz not null,
    deleted_at                 timestamptz,
    check (deleted_at is not null or secret_ciphertext is not null)
);
create index webhook_endpoints_listing on webhook_endpoints (environment, seq desc) where deleted_at is null;

-- The bootstrap key holds every scope; webhooks:manage is new, so it gets it too.
update api_keys set scopes = array_append(scopes, 'webhooks:manage')
where name = 'bootstrap' and environment = 'live' and revoked_at is null
  and scopes @> array['certificates:read', 'certificates:write', 'certificates:revoke', 'templates:read',
                      'templates:manage', 'keys:manage', 'rules:manage', 'writebacks:manage']
  and not scopes @> array['webhooks:manage'];
