-- A reply the SMTP server did not take is tried again after a back-off, and given up (reply_failed_at) after
-- the last attempt; each try is claimed (reply_next_attempt_at moves on), so that one instance sends it.
alter table issuance_mails
    add column reply_attempts        int         not null default 0,
    add column reply_next_attempt_at timestamptz not null default now(),
    add column reply_error           text,
    add column reply_failed_at       timestamptz;
drop index issuance_mails_awaiting_reply;
create index issuance_mails_awaiting_reply on issuance_mails (reply_next_attempt_at)
    where replied_at is null and reply_failed_at is null and status <> 'rejected';

-- The sender's secret ("[secret ...]" at the end of the subject) was kept with the subject; it is not kept.
update issuance_mails set subject = regexp_replace(subject, '\s*\[\s*secret\s[^\]]*\]\s*$', '', 'i')
where subject ~* '\[\s*secret\s';
