package io.certbridge.webhooks;

import io.certbridge.api.Ids;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The webhook_messages and webhook_attempts tables: what is to be sent to which endpoint, and every try. */
@Component
public class WebhookMessages {

    /** A message to send, claimed with a lease so that no other instance sends it meanwhile. */
    public record Due(String id, String endpointId, String url, String eventType, String payload, int attempts) {
    }

    public record NewMessage(String endpointId, String eventId, String eventType, String payload) {
    }

    private final JdbcClient jdbc;

    public WebhookMessages(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores the messages, due now; one an endpoint already has for that event is left as it is. */
    void insertAll(List<NewMessage> messages) {
        if (messages.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        insert into webhook_messages (id, endpoint_id, event_id, event_type, payload, status,
                                                      next_attempt_at)
                        select m.id, m.endpoint_id, m.event_id, m.event_type, m.payload, 'pending', now()
                        from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                             as m(id, endpoint_id, event_id, event_type, payload)
                        on conflict (endpoint_id, event_id) do nothing""")
                .params(messages.stream().map(m -> Ids.newId("msg")).toArray(String[]::new),
                        messages.stream().map(NewMessage::endpointId).toArray(String[]::new),
                        messages.stream().map(NewMessage::eventId).toArray(String[]::new),
                        messages.stream().map(NewMessage::eventType).toArray(String[]::new),
                        messages.stream().map(NewMessage::payload).toArray(String[]::new))
                .update();
    }

    /** Up to {@code limit} messages due now, of enabled endpoints, leased for {@code lease}. */
    List<Due> claimDue(int limit, Duration lease) {
        return jdbc.sql("""
                        with due as (
                            select m.id from webhook_messages m
                            join webhook_endpoints e on e.id = m.endpoint_id
                            where m.status = 'pending' and m.next_attempt_at <= now()
                              and (m.lease_until is null or m.lease_until < now())
                              and e.enabled and e.deleted_at is null
                            order by m.next_attempt_at
                            limit ? for update of m skip locked)
                        update webhook_messages m set lease_until = now() + ? * interval '1 millisecond'
                        from due, webhook_endpoints e
                        where m.id = due.id and e.id = m.endpoint_id
                        returning m.id, m.endpoint_id, e.url, m.event_type, m.payload, m.attempts""")
                .params(limit, lease.toMillis())
                .query((rs, row) -> new Due(rs.getString("id"), rs.getString("endpoint_id"), rs.getString("url"),
                        rs.getString("event_type"), rs.getString("payload"), rs.getInt("attempts")))
                .list();
    }

    /** One try and its outcome: delivered, tried again at {@code nextAttempt}, or failed for good when that is null. */
    @Transactional
    public void recordAttempt(String messageId, Instant at, Integer statusCode, Duration elapsed, String error,
                       String responseBody, boolean delivered, Instant nextAttempt) {
        jdbc.sql("""
                        insert into webhook_attempts (message_id, attempted_at, status_code, response_ms, error,
                                                      response_body)
                        values (?, ?, ?, ?, ?, ?)""")
                .params(messageId, Timestamp.from(at), statusCode,
                        elapsed == null ? null : (int) Math.min(elapsed.toMillis(), Integer.MAX_VALUE), error,
                        responseBody)
                .update();
        jdbc.sql("""
                        update webhook_messages set attempts = attempts + 1, lease_until = null,
                                                    status = ?, next_attempt_at = ?
                        where id = ?""")
                .params(delivered ? "delivered" : nextAttempt == null ? "failed" : "pending",
                        nextAttempt == null ? null : Timestamp.from(nextAttempt), messageId)
                .update();
    }
}
