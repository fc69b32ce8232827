package io.certbridge.reminders;

import io.certbridge.backbone.CertificateEvents;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Announces {@code certificate.expiring} for the issued certificates whose expiry is within one of the configured
 * offsets; the fan-out turns it into the recipient's reminder e-mail and the webhooks subscribed to it. Each
 * certificate and offset is recorded under a unique key in the transaction that announces it, so that each reminder
 * goes out once however often this runs, after a restart or on two instances at once. A certificate for which
 * several offsets are due at once (issued 10 days before its expiry, or the hub was down) gets one reminder, of the
 * nearest. Suspended, revoked and expired certificates get none.
 */
@Component("expiryReminders")
public class ExpiryReminders {

    private static final int BATCH = 500;
    private static final String DUE = """
            with due as (
                insert into expiry_reminders (certificate_id, offset_seconds, expires_at, sent_at)
                select c.id, o.seconds, c.expires_at, cast(:now as timestamptz)
                from certificates c cross join unnest(cast(:offsets as bigint[])) as o(seconds)
                where c.status = 'issued' and c.expires_at > cast(:now as timestamptz)
                  and c.expires_at <= cast(:horizon as timestamptz)
                  and c.expires_at <= cast(:now as timestamptz) + make_interval(secs => o.seconds)
                  and not exists (select 1 from expiry_reminders r
                                  where r.certificate_id = c.id and r.offset_seconds = o.seconds)
                order by c.expires_at
                limit :batch
                on conflict do nothing
                returning certificate_id, offset_seconds, expires_at
            )
            select d.certificate_id, min(d.offset_seconds) as offset_seconds, d.expires_at, c.environment,
                   c.template_id
            from due d join certificates c on c.id = d.certificate_id
            group by d.certificate_id, d.expires_at, c.environment, c.template_id""";

    private final JdbcClient jdbc;
    private final CertificateEvents events;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final long[] offsets;

    ExpiryReminders(JdbcClient jdbc, CertificateEvents events, TransactionTemplate transaction, Clock clock,
                    ReminderSettings settings) {
        this.jdbc = jdbc;
        this.events = events;
        this.transaction = transaction;
        this.clock = clock;
        this.offsets = settings.offsetSeconds();
    }

    public void sendDue() {
        sendDue(clock.instant());
    }

    /** Sends the reminders due at {@code now}; returns how many certificates were reminded. */
    public int sendDue(Instant now) {
        if (offsets.length == 0) {
            return 0;
        }
        int reminded = 0;
        int sent;
        do {
            sent = transaction.execute(status -> announce(due(now)));
            reminded += sent;
        } while (sent > 0);
        return reminded;
    }

    private Map<String, Map<String, Object>> due(Instant now) {
        Instant horizon = now.plusSeconds(Arrays.stream(offsets).max().orElseThrow());
        Map<String, Map<String, Object>> due = new LinkedHashMap<>();
        jdbc.sql(DUE)
                .param("now", Timestamp.from(now))
                .param("horizon", Timestamp.from(horizon))
                .param("offsets", Arrays.stream(offsets).mapToObj(Long::toString)
                        .collect(Collectors.joining(",", "{", "}")))
                .param("batch", BATCH)
                .query(rs -> {
                    Map<String, Object> data = new LinkedHashMap<>();
                    data.put("certificate_id", rs.getString("certificate_id"));
                    data.put("livemode", "live".equals(rs.getString("environment")));
                    data.put("template_id", rs.getString("template_id"));
                    data.put("expires_at", rs.getTimestamp("expires_at").toInstant().truncatedTo(ChronoUnit.MILLIS));
                    data.put("offset_seconds", rs.getLong("offset_seconds"));
                    due.put(rs.getString("certificate_id"), data);
                });
        return due;
    }

    private int announce(Map<String, Map<String, Object>> due) {
        events.announceAll("certificate.expiring", due);
        return due.size();
    }
}
