-- The vault (see README, "Vault"): certificates an institution already issued, as PDF, PNG or JPEG files, made
-- verifiable: each gets an Open Badges credential whose evidence is the file's SHA-256, and a copy of the file stamped
-- with a QR code of its verification link, which is then the certificate's PDF.

-- A file as uploaded, kept byte for byte; its kind was read from its content.
create table vault_files (
    id          text primary key,
    environment text        not null,
    sha256      text        not null,
    media_type  text        not null check (media_type in ('application/pdf', 'image/png', 'image/jpeg')),
    size        bigint      not null,
    content     bytea       not null,
    created_at  timestamptz not null
);
create index vault_files_age on vault_files (created_at);

create table vault_batches (
    id          text primary key,
    environment text        not null,
    template_id text        not null references templates (id),
    total       integer     not null,
    created_at  timestamptz not null
);

-- One certificate to make verifiable. Its certificate's id is chosen when it is accepted, so that the stamped copy can
-- carry the verification link before the certificate exists, and the certificate is issued, with its copy and the
-- entry approved, in one transaction: the request key vault/<entry id> issues it at most once.
-- processing: waiting or being worked on (lease_until: by whom, until when); approved: issued; failed: see reason.
create table vault_entries (
    id              text primary key,
    seq             bigserial   not null,
    environment     text        not null,
    template_id     text        not null references templates (id),
    file_id         text        not null unique references vault_files (id),
    batch_id        text references vault_batches (id),
    batch_index     integer,
    recipient_name  text        not null,
    recipient_email text        not null,
    title           text        not null,
    issue_date      date        not null,
    certificate_id  text        not null unique,
    status          text        not null check (status in ('processing', 'approved', 'failed')),
    failure_reason  text,
    attempts        integer     not null default 0,
    lease_until     timestamptz,
    created_at      timestamptz not null,
    updated_at      timestamptz not null,
    approved_at     timestamptz
);
-- the same recipient (e-mail in any case), title and issue date is one certificate
create unique index vault_entries_unique on vault_entries (environment, lower(recipient_email), title, issue_date);
create index vault_entries_due on vault_entries (seq) where status = 'processing';
create index vault_entries_listing on vault_entries (environment, seq desc);
create index vault_entries_by_batch on vault_entries (batch_id, status) where batch_id is not null;
