-- Hashes that join the hub's Merkle windows next to the credentials of live certificates (see README, "Hash
-- certification"): a hash's leaf is the hash itself. owner names what submitted them (a hash certification's
-- report id), position their order within it.
create table anchored_hashes (
    seq              bigint generated always as identity unique,
    owner            text        not null,
    position         int         not null,
    hash             bytea       not null check (length(hash) = 32),
    submitted_at     timestamptz not null,
    anchor_window_id text references anchor_windows (id),
    anchor_leaf      int,
    primary key (owner, position)
);
create index anchored_hashes_unsealed on anchored_hashes (seq) where anchor_window_id is null;
create index anchored_hashes_window on anchored_hashes (anchor_window_id);

-- A window's leaves are its certificates' then, as they joined, hashes': the window is full at
-- certbridge.anchoring.window-size leaves of either kind. confirmed_leaves is now the leaf up to which the window's
-- certificates carry their anchor proof.
alter table anchor_windows add column hash_count int not null default 0;

-- Hash certifications with TrueScreen's shapes: pending until every hash is in a confirmed window (or a sealed one
-- when no chain is configured), then completed with the data document kept; the PDF report is made and kept when
-- first fetched. Live keys only: the windows seal live certificates.
create table hash_certifications (
    id            text primary key,
    seq           bigint generated always as identity unique,
    api_key_id    text,
    title         text        not null,
    metadata      jsonb,
    webhook_url   text,
    pdf_report    boolean     not null,
    file_count    int         not null,
    files         jsonb       not null,
    status        text        not null check (status in ('pending', 'completed')),
    created_at    timestamptz not null,
    completed_at  timestamptz,
    data_document bytea,
    report        bytea
);
create index hash_certifications_pending on hash_certifications (seq) where status = 'pending';
