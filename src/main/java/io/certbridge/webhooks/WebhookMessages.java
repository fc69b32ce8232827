package io.certbridge.webhooks;

import io.certbridge.shared.Ids;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    /** A message as the delivery log shows it, with every attempt, oldest first. */
    public record Delivery(String id, String eventId, String eventType, String status, int attempts,
                           Instant nextAttemptAt, Instant createdAt, List<Attempt> attemptLog) {
    }

    public record Attempt(Instant attemptedAt, Integer statusCode, Integer responseMs, String error) {
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

    /** The attempts of a dispatch, and what became of each message: delivered, due again, or failed for good. */
    @Transactional
    public void recordAll(List<WebhookDispatcher.Outcome> outcomes) {
        if (outcomes.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        insert into webhook_attempts (message_id, attempted_at, status_code, response_ms, error,
                                                      response_body)
                        select * from unnest(?::text[], ?::timestamptz[], ?::int[], ?::int[], ?::text[], ?::text[])""")
                .params(outcomes.stream().map(WebhookDispatcher.Outcome::messageId).toArray(String[]::new),
                        outcomes.stream().map(o -> Timestamp.from(o.at())).toArray(Timestamp[]::new),
                        outcomes.stream().map(WebhookDispatcher.Outcome::statusCode).toArray(Integer[]::new),
                        outcomes.stream().map(o -> o.elapsed() == null ? null
                                : (int) Math.min(o.elapsed().toMillis(), Integer.MAX_VALUE)).toArray(Integer[]::new),
                        outcomes.stream().map(WebhookDispatcher.Outcome::error).toArray(String[]::new),
                        outcomes.stream().map(WebhookDispatcher.Outcome::responseBody).toArray(String[]::new))
                .update();
        jdbc.sql("""
                        update webhook_messages m set attempts = m.attempts + 1, lease_until = null, status = o.status,
                                                      next_attempt_at = o.next
                        from unnest(?::text[], ?::text[], ?::timestamptz[]) as o(id, status, next)
                        where m.id = o.id""")
                .params(outcomes.stream().map(WebhookDispatcher.Outcome::messageId).toArray(String[]::new),
                        outcomes.stream().map(o -> o.delivered() ? "delivered" : o.nextAttempt() == null ? "failed"
                                : "pending").toArray(String[]::new),
                        outcomes.stream().map(o -> o.nextAttempt() == null ? null : Timestamp.from(o.nextAttempt()))
                                .toArray(Timestamp[]::new))
                .update();
    }

    /** The endpoint's messages, newest first; {@code startingAfter} is the id of the last of the previous page. */
    List<Delivery> ofEndpoint(String endpointId, int fetch, String startingAfter) {
        List<Delivery> deliveries = jdbc.sql("""
                        select * from webhook_messages
                        where endpoint_id = :endpoint
                          and (cast(:after as text) is null
                               or seq < (select seq from webhook_messages where id = :after and endpoint_id = :endpoint))
                        order by seq desc limit :fetch""")
                .param("endpoint", endpointId).param("after", startingAfter).param("fetch", fetch)
                .query((rs, row) -> new Delivery(rs.getString("id"), rs.getString("event_id"),
                        rs.getString("event_type"), rs.getString("status"), rs.getInt("attempts"),
                        instant(rs.getTimestamp("next_attempt_at")), instant(rs.getTimestamp("created_at")),
                        new ArrayList<>()))
                .list();
        if (deliveries.isEmpty()) {
            return deliveries;
        }
        Map<String, Delivery> byId = new HashMap<>();
        deliveries.forEach(d -> byId.put(d.id(), d));
        jdbc.sql("""
                        select * from webhook_attempts where message_id = any(?) order by id""")
                .param(byId.keySet().toArray(String[]::new))
                .query(rs -> {
                    byId.get(rs.getString("message_id")).attemptLog().add(new Attempt(
                            instant(rs.getTimestamp("attempted_at")), (Integer) rs.getObject("status_code"),
                            (Integer) rs.getObject("response_ms"), rs.getString("error")));
                });
        return deliveries;
    }

    /** Sends the message again now, whatever became of it; false when the endpoint has no such message. */
    boolean resend(String endpointId, String messageId) {
        return jdbc.sql("""
                        update webhook_messages set status = 'pending', next_attempt_at = now(), lease_until = null
                        where id = ? and endpoint_id = ?""")
                .params(messageId, endpointId).update() == 1;
    }

    /** Sends again every message to the endpoint since {@code since} that was not delivered; returns how many. */
    int replayFailedSince(String endpointId, Instant since) {
        return jdbc.sql("""
                        update webhook_messages set status = 'pending', next_attempt_at = now(), lease_until = null
                        where endpoint_id = ? and created_at >= ? and status = 'failed'""")
                .params(endpointId, Timestamp.from(since)).update();
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
