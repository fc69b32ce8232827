-- Every mail the issuance inbox read, once (by Message-ID), and what became of it: rejected (an unknown
-- sender or a wrong secret: no reply), failed (unreadable: the reply says why), or issuing (a batch)
-- until the reply with the outcome is sent.
create table issuance_mails (
    seq          bigint generated always as identity unique,
    id           text primary key,
    message_id   text        not null unique,
    sender       text        not null,
    subject      text,
    status       text        not null check (status in ('rejected', 'failed', 'issuing')),
    detail       text,
    batch_id     text references batches (id),
    -- each recipient row of the mail: {number, name, email, batch_index (null when the row was not sent), problems}
    rows         jsonb       not null default '[]',
    received_at  timestamptz not null,
    replied_at   timestamptz
);
create index issuance_mails_awaiting_reply on issuance_mails (seq) where replied_at is null and status <> 'rejected';
