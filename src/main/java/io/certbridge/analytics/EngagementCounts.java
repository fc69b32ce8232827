package io.certbridge.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import io.certbridge.backbone.DatabaseOutages;
import io.certbridge.backbone.KafkaRecords;
import io.certbridge.shared.Json;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.apache.camel.Exchange;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Counts the engagement events of a batch heard on the certificate-events topic (certificate.viewed,
 * certificate.shared, certificate.verified) into the daily counts of their certificates, in one statement. Each
 * event is counted once: its id is recorded in the same statement, and an event heard again counts nothing.
 */
@Component("engagementCounts")
public class EngagementCounts {

    static final String VIEWED = "certificate.viewed";
    static final String SHARED = "certificate.shared";
    static final String VERIFIED = "certificate.verified";
    private static final Set<String> COUNTED = Set.of(VIEWED, SHARED, VERIFIED);

    private static final String COUNT = """
            with heard as (
                select distinct on (e.event_id) e.*
                from unnest(?::text[], ?::text[], ?::text[], ?::timestamptz[]) as e(event_id, type, certificate_id, at)
            ), fresh as (
                insert into counted_engagement_events (event_id)
                select event_id from heard
                on conflict do nothing
                returning event_id
            )
            insert into engagement_counts as n (certificate_id, day, environment, template_id, views, shares,
                                                verifications, last_viewed_at, last_verified_at)
            select h.certificate_id, (h.at at time zone 'UTC')::date, c.environment, c.template_id,
                   count(*) filter (where h.type = 'certificate.viewed'),
                   count(*) filter (where h.type = 'certificate.shared'),
                   count(*) filter (where h.type = 'certificate.verified'),
                   max(h.at) filter (where h.type = 'certificate.viewed'),
                   max(h.at) filter (where h.type = 'certificate.verified')
            from heard h join fresh using (event_id) join certificates c on c.id = h.certificate_id
            group by 1, 2, 3, 4
            on conflict (certificate_id, day) do update set
                views = n.views + excluded.views,
                shares = n.shares + excluded.shares,
                verifications = n.verifications + excluded.verifications,
                last_viewed_at = greatest(n.last_viewed_at, excluded.last_viewed_at),
                last_verified_at = greatest(n.last_verified_at, excluded.last_verified_at)""";

    private final JdbcClient jdbc;
    private final Json json;
    private final Clock clock;
    private final AnalyticsSettings settings;

    EngagementCounts(JdbcClient jdbc, Json json, Clock clock, AnalyticsSettings settings) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.settings = settings;
    }

    public void count(List<Exchange> records) throws InterruptedException {
        List<JsonNode> engagements = KafkaRecords.read(records, JsonNode.class, json).stream()
                .filter(e -> COUNTED.contains(e.path("type").asText())
                        && e.path("data").path("certificate_id").isTextual())
                .toList();
        if (engagements.isEmpty()) {
            return;
        }
        DatabaseOutages.retry(() -> jdbc.sql(COUNT)
                .params(engagements.stream().map(e -> e.path("id").asText()).toArray(String[]::new),
                        engagements.stream().map(e -> e.path("type").asText()).toArray(String[]::new),
                        engagements.stream().map(e -> e.path("data").path("certificate_id").asText())
                                .toArray(String[]::new),
                        engagements.stream().map(e -> e.path("timestamp").asText()).toArray(String[]::new))
                .update());
    }

    /** Forgets the ids of events counted longer ago than a redelivery can come. */
    public void forgetCountedEvents() {
        jdbc.sql("delete from counted_engagement_events where counted_at < ?")
                .param(Timestamp.from(clock.instant().minus(settings.countedEventRetention())))
                .update();
    }
}
