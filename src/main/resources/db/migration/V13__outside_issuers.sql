-- Certificates issued by an outside service (TRUE, SwanShare, VEC.digital) that an institution already pays for.
-- A template names the issuer account (certbridge.issuers.<name>); null is the hub's own issuer.
alter table templates add column issuer text;
alter table templates add column external_template_id text;

-- pending: asked of its outside issuer, not issued yet; failed: its issuer refused it (the delivery that asked is a
-- dead letter, and retrying it may still issue it)
alter table certificates drop constraint certificates_status_check;
alter table certificates add constraint certificates_status_check
    check (status in ('pending', 'failed', 'issued', 'suspended', 'revoked'));
alter table certificates add column issuer_name text;
alter table certificates add column issuer_type text;
-- the service's id for it, and its own verification address, once it is issued there
alter table certificates add column external_id text;
alter table certificates add column external_url text;
-- what the service said when it refused it
alter table certificates add column issuer_error text;
create unique index certificates_external_id on certificates (issuer_name, external_id) where external_id is not null;
create index certificates_with_issuer on certificates (issuer_name, status) where issuer_name is not null;

-- Every call to an outside issuer that may create something, recorded before it is made, with what came of it: after a
-- crash mid-call the hub looks at the service for what the call created before calling again.
create table issuer_calls (
    id              text primary key,
    issuer          text        not null,
    operation       text        not null,
    certificate_ids text[]      not null,
    -- the service's reference for what the call started (a batch, an upload), once it answered
    external_ref    text,
    status          text        not null check (status in ('calling', 'answered', 'refused', 'unanswered', 'done')),
    detail          text,
    called_at       timestamptz not null,
    answered_at     timestamptz
);
create index issuer_calls_by_certificate on issuer_calls using gin (certificate_ids);
create index issuer_calls_open on issuer_calls (issuer, status) where status in ('calling', 'answered');

-- A paused channel may resume on its own (SwanShare's monthly limit ends with the month).
alter table delivery_pauses add column resume_at timestamptz;

-- A verified document a service made of a certificate (VEC.digital's QR-stamped PDF), served as its PDF.
create table issuer_documents (
    certificate_id text primary key references certificates (id),
    media_type     text        not null,
    content        bytea       not null,
    fetched_at     timestamptz not null
);
