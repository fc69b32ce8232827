-- TrueScreen certification of issued certificates (see README, "TrueScreen"). A template names the account and the
-- mode: {"account": "<name>", "mode": "hash" | "file"}; null when its certificates are not certified there.
alter table templates add column truescreen jsonb;

-- One row per certificate once TrueScreen created its certification (its report id is known): a certificate with a
-- row is never sent again. pending: TrueScreen still processes it, or its artifacts are still to be fetched;
-- completed: the artifacts are kept below; failed: TrueScreen's processing failed (TS-014), in its words.
create table truescreen_certifications (
    certificate_id text primary key references certificates (id),
    account        text        not null,
    mode           text        not null check (mode in ('hash', 'file')),
    report_id      text        not null unique,
    status         text        not null check (status in ('pending', 'completed', 'failed')),
    error          text,
    created_at     timestamptz not null,
    -- when TrueScreen was last asked about it (polling), or told of it (a callback)
    checked_at     timestamptz not null,
    completed_at   timestamptz
);
create index truescreen_certifications_pending on truescreen_certifications (account, checked_at)
    where status = 'pending';

-- The signed artifacts of a completed certification, fetched at once (their URLs live 60 s) and kept.
create table truescreen_artifacts (
    report_id  text        not null references truescreen_certifications (report_id),
    type       text        not null,
    media_type text        not null,
    content    bytea       not null,
    fetched_at timestamptz not null,
    primary key (report_id, type)
);
