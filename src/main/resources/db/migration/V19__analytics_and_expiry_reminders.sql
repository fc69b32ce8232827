-- Engagement (views, shares, verifications) counted per certificate and UTC day, from the certificate events the
-- verification pages already announce, in batches by their own consumer: nothing is counted on the public hot path.
create table engagement_counts (
    certificate_id   text        not null references certificates (id),
    day              date        not null,
    environment      text        not null,
    template_id      text        not null,
    views            int         not null default 0,
    shares           int         not null default 0,
    verifications    int         not null default 0,
    last_viewed_at   timestamptz,
    last_verified_at timestamptz,
    primary key (certificate_id, day)
);
create index engagement_counts_by_day on engagement_counts (environment, day, template_id);

-- The events already counted, so that one heard again (Kafka delivers at least once) is not counted twice; kept
-- for certbridge.analytics.counted-event-retention, far longer than a redelivery can come late.
create table counted_engagement_events (
    event_id   text        primary key,
    counted_at timestamptz not null default now()
);
create index counted_engagement_events_age on counted_engagement_events (counted_at);

-- One row per certificate and reminder offset (seconds before expires_at) that has been handled: the unique key
-- that makes each reminder go out once, across restarts and instances.
create table expiry_reminders (
    certificate_id text        not null references certificates (id),
    offset_seconds bigint      not null,
    expires_at     timestamptz not null,
    sent_at        timestamptz not null,
    primary key (certificate_id, offset_seconds)
);
create index certificates_expiring on certificates (expires_at) where status = 'issued' and expires_at is not null;
