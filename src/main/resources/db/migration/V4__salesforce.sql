-- Where each Salesforce platform-event channel resumes after a restart: the replay id of the last event
-- made durable on Kafka. A stored id Salesforce no longer knows makes the subscription fall back; when
-- that happened is kept here so that it shows in GET /v1/salesforce/channels.
create table salesforce_replay (
    channel         text primary key,
    replay_id       bigint      not null,
    updated_at      timestamptz not null,
    fallback_at     timestamptz,
    fallback_detail text
);

-- A platform event that cannot be read (no event id, no payload object) is recorded as rejected.
alter table intake_events drop constraint intake_events_status_check;
alter table intake_events add constraint intake_events_status_check
    check (status in ('matched', 'unmatched', 'ignored', 'failed', 'rejected'));
