-- A signing key retired because it was compromised: what it signed from retired_at on no longer verifies.
alter table signing_keys add column retired_at timestamptz;
alter table signing_keys add column retired_reason text;

-- Credentials issued through the W3C VC API (a caller's credential, signed by the hub): kept as issued, so that their
-- status can be changed by id and a retired key's earlier signatures can be told from backdated ones.
create table vc_api_credentials (
    id           text        primary key,
    status_index bigint      not null unique,
    status       text        not null default 'issued' check (status in ('issued', 'revoked', 'suspended')),
    sandbox      boolean     not null,
    credential   text        not null,
    issued_at    timestamptz not null default now()
);
-- The set bits of the status lists, as certificates_flagged is for certificates.
create index vc_api_credentials_flagged on vc_api_credentials (status_index) where status <> 'issued';
