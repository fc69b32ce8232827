-- Renewal: a rule that renews issues a new certificate that replaces the recipient's live one from the same
-- template; the old one is superseded (neither revoked nor suspended: its status list bits stay clear).
alter table certificates drop constraint certificates_status_check;
alter table certificates add constraint certificates_status_check
    check (status in ('pending', 'failed', 'issued', 'suspended', 'revoked', 'superseded'));
alter table certificates add column replaces text references certificates (id);
alter table certificates add column superseded_by text references certificates (id);
-- The LMS user a certificate was issued to, as <source>/<tenant>/<learner id>, so that a renewal finds the learner's
-- certificate even when the e-mail address changed; null for certificates not issued from an LMS event.
alter table certificates add column learner_key text;
-- A certificate is replaced once: two hubs renewing it at once cannot both succeed.
create unique index certificates_replaces on certificates (replaces) where replaces is not null;
create index certificates_renewable_by_email on certificates (template_id, lower(recipient_email))
    where status in ('issued', 'suspended');
create index certificates_renewable_by_learner on certificates (template_id, learner_key)
    where learner_key is not null and status in ('issued', 'suspended');
