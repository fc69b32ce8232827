-- Every certificate carries its signed Open Badges 3.0 credential, kept byte for byte as issued.
alter table certificates add column credential text;
-- Position of the certificate in the Bitstring Status Lists (revocation and suspension).
alter table certificates add column status_index bigint;
create unique index certificates_status_index on certificates (status_index) where status_index is not null;
-- Status indexes are handed out in blocks of 1024 so that issuing needs no extra round trip.
create sequence status_index_blocks;

-- Certificates still without a credential (issued before it existed), for the start-up backfill:
-- an empty index once they are signed, instead of a scan of every certificate at each start.
create index certificates_without_credential on certificates (seq) where credential is null;

-- Every public key the hub has signed with; all stay in the DID documents so old credentials verify.
-- Sandbox credentials have an issuer of their own (did:web:…:sandbox) with keys of their own.
create table signing_keys (
    multikey   text primary key,
    sandbox    boolean     not null,
    created_at timestamptz not null default now()
);

-- A template may carry its own certificate design (XHTML with Mustache tags).
alter table templates add column design text;

-- The set bits of the status lists: certificates whose status is not plain issued.
create index certificates_flagged on certificates (status_index) where status <> 'issued';
