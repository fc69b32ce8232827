-- A template may have its certificates e-mailed to their recipients (live certificates only).
alter table templates add column email_delivery boolean not null default false;

-- Each certificate e-mailed to its recipient, once: pending until the SMTP server took it (sent), given up
-- after the last try (failed), or bounced (a delivery status notification named its Message-ID).
create table certificate_deliveries (
    certificate_id text primary key references certificates (id),
    status         text        not null check (status in ('pending', 'sent', 'failed', 'bounced')),
    message_id     text        not null unique,
    attempts       int         not null default 0,
    next_attempt_at timestamptz not null,
    last_error     text,
    created_at     timestamptz not null,
    sent_at        timestamptz
);
create index certificate_deliveries_due on certificate_deliveries (next_attempt_at) where status = 'pending';
