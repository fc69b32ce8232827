-- Live certificates are sealed in windows: the SHA-256 of each credential (with its Ed25519 proof) is a leaf
-- of the window's Merkle tree, whose root the hub signs. When a chain is configured, one transaction per
-- window carries the root; the window is confirmed once that transaction is deep enough in the chain.
create table anchor_windows (
    id                text primary key,
    seq               bigserial unique,
    status            text        not null check (status in ('sealed', 'submitted', 'confirmed')),
    certificate_count int         not null,
    -- the leaves in tree order, 32 bytes each: a certificate's Merkle path is rebuilt from them
    leaves            bytea       not null,
    merkle_root       text        not null,
    -- Ed25519 signature of the root's 32 bytes by the hub's live key, multibase base58btc
    root_signature    text        not null,
    signing_key       text        not null,
    sealed_at         timestamptz not null,
    chain_id          bigint,
    transaction_hash  text,
    block_number      bigint,
    block_hash        text,
    confirmations     int,
    confirmed_at      timestamptz,
    -- times the transaction's block left the canonical chain and the root was anchored again
    reorgs            int         not null default 0
);
create index anchor_windows_unconfirmed on anchor_windows (seq) where status <> 'confirmed';

-- Every transaction signed for a window, kept before it is broadcast: after a crash the same signed bytes
-- are sent again, and a stuck one is replaced by another with the same nonce and a higher fee.
create table anchor_transactions (
    hash                     text primary key,
    window_id                text        not null references anchor_windows (id),
    chain_id                 bigint      not null,
    sender                   text        not null,
    nonce                    bigint      not null,
    max_fee_per_gas          numeric     not null,
    max_priority_fee_per_gas numeric     not null,
    raw                      text        not null,
    created_at               timestamptz not null default now()
);
create index anchor_transactions_window on anchor_transactions (window_id, created_at);
create index anchor_transactions_nonce on anchor_transactions (chain_id, sender, nonce);

alter table certificates add column anchor_window_id text references anchor_windows (id);
alter table certificates add column anchor_leaf int;
-- what the next window seals: live certificates with a credential that no window holds yet
create index certificates_unsealed on certificates (seq)
    where anchor_window_id is null and environment = 'live' and credential is not null;
create index certificates_anchor_window on certificates (anchor_window_id, anchor_leaf)
    where anchor_window_id is not null;
