package io.certbridge.delivery;

import com.fasterxml.jackson.core.type.TypeReference;
import io.certbridge.shared.Environment;
import io.certbridge.shared.Ids;
import io.certbridge.shared.Json;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The deliveries table and its attempt log. A delivery is claimed for sending with a lease, by one instance at a
 * time ({@code for update skip locked}); one whose sender died is claimed again once its lease has ended. A
 * delivery planned again while it is being sent (its certificate changed) goes again once this send is recorded:
 * the generation tells.
 */
@Component
public class DeliveryQueue {

    private static final TypeReference<Map<String, Object>> TARGET = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final Json json;

    DeliveryQueue(JdbcClient jdbc, Json json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * Stores the planned deliveries, due now. A key that exists is sent again (from its first attempt), unless every
     * event that asks for it already did: an event heard twice plans nothing twice. Planned again, it is for the
     * certificate and target planned last (a renewal's write-back takes over the place of the certificate it renews).
     */
    public void plan(List<PlannedDelivery> planned) {
        Map<String, PlannedDelivery> byKey = new LinkedHashMap<>();
        Map<String, List<String>> events = new HashMap<>();
        for (PlannedDelivery delivery : planned) {
            byKey.putIfAbsent(delivery.key(), delivery);
            events.computeIfAbsent(delivery.key(), key -> new ArrayList<>()).add(delivery.eventId());
        }
        if (byKey.isEmpty()) {
            return;
        }
        List<PlannedDelivery> rows = List.copyOf(byKey.values());
        jdbc.sql("""
                        insert into deliveries as d (id, delivery_key, connector, environment, certificate_id, channel,
                                                     target, payload, events, status, next_attempt_at, created_at,
                                                     updated_at)
                        select p.id, p.key, p.connector, p.environment, p.certificate_id, p.channel, p.target::jsonb,
                               p.payload, string_to_array(p.events, ' '), 'pending', now(), now(), now()
                        from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                                    ?::text[], ?::text[])
                             as p(id, key, connector, environment, certificate_id, channel, target, payload, events)
                        on conflict (delivery_key) do update
                        set generation = d.generation + 1, events = d.events || excluded.events,
                            certificate_id = excluded.certificate_id, target = excluded.target,
                            next_attempt_at = now(), last_error = null, updated_at = now(),
                            attempts = case when d.status = 'sending' then d.attempts else 0 end,
                            status = case when d.status = 'sending' then 'sending' else 'pending' end
                        where not excluded.events <@ d.events""")
                .params(rows.stream().map(p -> Ids.newId(p.idPrefix())).toArray(String[]::new),
                        rows.stream().map(PlannedDelivery::key).toArray(String[]::new),
                        rows.stream().map(PlannedDelivery::connector).toArray(String[]::new),
                        rows.stream().map(p -> p.environment().value()).toArray(String[]::new),
                        rows.stream().map(PlannedDelivery::certificateId).toArray(String[]::new),
                        rows.stream().map(PlannedDelivery::channel).toArray(String[]::new),
                        rows.stream().map(p -> json.write(p.target())).toArray(String[]::new),
                        rows.stream().map(PlannedDelivery::payload).toArray(String[]::new),
                        rows.stream().map(p -> String.join(" ", events.get(p.key()))).toArray(String[]::new))
                .update();
    }

    /** Up to {@code limit} due deliveries of a connector, each leased for {@code lease}. */
    record Claim(String connector, int limit, Duration lease) {
    }

    /**
     * Claims the due deliveries of each connector as its claim says, leaving those of paused channels; deliveries
     * whose lease ran out are due again from the next round.
     */
    List<Delivery> claim(List<Claim> claims) {
        return jdbc.sql("""
                        with released as (
                            update deliveries set status = 'pending', lease_until = null, updated_at = now()
                            where status = 'sending' and lease_until < now()),
                        due as (
                            select d.id, c.lease from unnest(?::text[], ?::int[], ?::float8[]) as c(connector, lim, lease)
                            cross join lateral (
                                select id from deliveries
                                where connector = c.connector and status = 'pending' and next_attempt_at <= now()
                                  and (channel is null
                                       or not exists (select 1 from delivery_pauses p where p.channel = deliveries.channel
                                                      and (p.resume_at is null or p.resume_at > now())))
                                order by next_attempt_at limit c.lim
                                for update skip locked) d),
                        claimed as (
                            update deliveries d
                            set status = 'sending', attempts = d.attempts + 1, updated_at = now(),
                                lease_until = now() + make_interval(secs => due.lease)
                            from due where d.id = due.id
                            returning d.*)
                        select claimed.*, c.status as certificate_status, c.issued_at as certificate_issued_at,
                               c.external_url as certificate_url
                        from claimed left join certificates c on c.id = claimed.certificate_id
                        order by claimed.next_attempt_at""")
                .params(claims.stream().map(Claim::connector).toArray(String[]::new),
                        claims.stream().map(Claim::limit).toArray(Integer[]::new),
                        claims.stream().map(c -> c.lease().toMillis() / 1000.0).toArray(Double[]::new))
                .query(this::delivery).list();
    }

    /**
     * Hands claimed deliveries back unsent, their attempt not counted: due again at {@code due}, or at once. The
     * fan-out may be planning some of them again meanwhile, locking them in another order: the one of the two that
     * PostgreSQL picks as a deadlock's victim is tried again, so that the round is not lost with it.
     */
    void release(List<String> ids, Instant due) {
        for (int attempt = 1; ; attempt++) {
            try {
                jdbc.sql("""
                                update deliveries set status = 'pending', attempts = attempts - 1, lease_until = null,
                                                      next_attempt_at = coalesce(?::timestamptz, next_attempt_at),
                                                      updated_at = now()
                                where id = any(?) and status = 'sending'""")
                        .params(due == null ? null : Timestamp.from(due), ids.toArray(String[]::new)).update();
                return;
            } catch (PessimisticLockingFailureException deadlock) {
                if (attempt == 5) {
                    throw deadlock;
                }
            }
        }
    }

    /**
     * Records a round's attempts and what became of each delivery: delivered, pending again, or failed for good;
     * a delivery planned again meanwhile is pending again whatever this attempt came to. Returns the status each
     * delivery now has; one whose lease had run out (another instance took it) is left out.
     */
    Map<String, String> record(List<Recorded> outcomes) {
        if (outcomes.isEmpty()) {
            return Map.of();
        }
        jdbc.sql("""
                        insert into delivery_attempts (delivery_id, attempted_at, status_code, response_ms, outcome,
                                                       error, response_body)
                        select * from unnest(?::text[], ?::timestamptz[], ?::int[], ?::int[], ?::text[], ?::text[],
                                             ?::text[])""")
                .params(outcomes.stream().map(r -> r.delivery().id()).toArray(String[]::new),
                        outcomes.stream().map(r -> Timestamp.from(r.attemptedAt())).toArray(Timestamp[]::new),
                        outcomes.stream().map(r -> r.outcome().statusCode()).toArray(Integer[]::new),
                        outcomes.stream().map(r -> r.outcome().elapsed() == null ? null
                                : (int) Math.min(r.outcome().elapsed().toMillis(), Integer.MAX_VALUE))
                                .toArray(Integer[]::new),
                        outcomes.stream().map(r -> r.outcome().result().name().toLowerCase()).toArray(String[]::new),
                        outcomes.stream().map(r -> r.outcome().error()).toArray(String[]::new),
                        outcomes.stream().map(r -> r.outcome().responseBody()).toArray(String[]::new))
                .update();
        Map<String, String> statuses = new HashMap<>();
        jdbc.sql("""
                        update deliveries d
                        set status = case when d.generation = o.generation then o.status else 'pending' end,
                            next_attempt_at = case when d.generation = o.generation then o.next else now() end,
                            delivered_state = coalesce(o.state, d.delivered_state), last_error = o.error,
                            lease_until = null, updated_at = now()
                        from unnest(?::text[], ?::text[], ?::timestamptz[], ?::int[], ?::text[], ?::text[])
                             as o(id, status, next, generation, state, error)
                        where d.id = o.id and d.status = 'sending'
                        returning d.id, d.status""")
                .params(outcomes.stream().map(r -> r.delivery().id()).toArray(String[]::new),
                        outcomes.stream().map(Recorded::status).toArray(String[]::new),
                        outcomes.stream().map(r -> r.nextAttempt() == null ? null : Timestamp.from(r.nextAttempt()))
                                .toArray(Timestamp[]::new),
                        outcomes.stream().map(r -> r.delivery().generation()).toArray(Integer[]::new),
                        outcomes.stream().map(r -> r.outcome().deliveredState()).toArray(String[]::new),
                        outcomes.stream().map(r -> r.outcome().error()).toArray(String[]::new))
                .query(rs -> {
                    statuses.put(rs.getString("id"), rs.getString("status"));
                });
        return statuses;
    }

    /** Sends a failed delivery again from its first attempt; false when it is not failed. */
    public boolean retry(String id) {
        return jdbc.sql("""
                        update deliveries set status = 'pending', attempts = 0, next_attempt_at = now(),
                                              updated_at = now()
                        where id = ? and status = 'failed'""")
                .param(id).update() == 1;
    }

    /** Sends a delivery again now, whatever became of it; false when there is no such delivery. */
    public boolean resend(String id) {
        return jdbc.sql("""
                        update deliveries set status = 'pending', next_attempt_at = now(), lease_until = null,
                                              updated_at = now()
                        where id = ?""")
                .param(id).update() == 1;
    }

    /** Sends again every failed delivery the filter takes, from its first attempt; returns how many. */
    public int replay(DeliveryFilter filter) {
        return jdbc.sql("""
                        update deliveries set status = 'pending', attempts = 0, next_attempt_at = now(),
                                              updated_at = now()
                        where status = 'failed' and %s""".formatted(FILTER))
                .params(filterParameters(filter, null, 0)).update();
    }

    /** Holds the channel's deliveries, kept, until it is resumed. */
    public void pause(String channel, String reason) {
        pause(channel, reason, null);
    }

    /** Pauses a channel until it is resumed, or until {@code resumeAt} when that is not null. */
    public void pause(String channel, String reason, Instant resumeAt) {
        jdbc.sql("""
                        insert into delivery_pauses (channel, reason, paused_at, resume_at) values (?, ?, now(), ?)
                        on conflict (channel) do update set reason = excluded.reason, resume_at = excluded.resume_at""")
                .params(channel, reason, resumeAt == null ? null : Timestamp.from(resumeAt)).update();
    }

    /** Why a channel is paused now, and until when (null: until resumed); empty when it is not. */
    public Optional<Pause> pause(String channel) {
        return jdbc.sql("""
                        select reason, paused_at, resume_at from delivery_pauses
                        where channel = ? and (resume_at is null or resume_at > now())""")
                .param(channel)
                .query((rs, row) -> new Pause(rs.getString("reason"), instant(rs, "paused_at"), instant(rs, "resume_at")))
                .optional();
    }

    public record Pause(String reason, Instant pausedAt, Instant resumeAt) {
    }

    public void resume(String channel) {
        jdbc.sql("delete from delivery_pauses where channel = ?").param(channel).update();
    }

    /**
     * Marks failed the delivery whose target holds {@code messageId} (an e-mail's Message-ID a bounce names), unless
     * it was already; its certificate, if any was marked.
     */
    public Optional<String> bounced(String messageId, String detail) {
        return jdbc.sql("""
                        update deliveries set status = 'failed', delivered_state = 'bounced', last_error = ?,
                                              updated_at = now()
                        where target ->> 'message_id' = ? and delivered_state is distinct from 'bounced'
                        returning certificate_id""")
                .params(detail, messageId).query(String.class).optional();
    }

    public Optional<DeliveryView> find(String id, DeliveryFilter filter) {
        return withAttempts(jdbc.sql("select * from deliveries where id = :id and " + FILTER)
                .params(filterParameters(filter, null, 1)).param("id", id).query(this::view).list())
                .stream().findFirst();
    }

    /** Newest first, with their attempts; {@code startingAfter} is the id of the last delivery of the previous page. */
    public List<DeliveryView> list(DeliveryFilter filter, int fetch, String startingAfter) {
        return withAttempts(jdbc.sql("""
                        select * from deliveries
                        where %s and (cast(:after as text) is null
                                      or seq < (select seq from deliveries where id = :after))
                        order by seq desc limit :fetch""".formatted(FILTER))
                .params(filterParameters(filter, startingAfter, fetch)).query(this::view).list());
    }

    private static final String FILTER = """
            environment = :environment
            and (cast(:connectors as text[]) is null or connector = any(cast(:connectors as text[])))
            and (cast(:status as text) is null or status = :status)
            and (cast(:certificate as text) is null or certificate_id = :certificate)
            and (cast(:channel as text) is null or channel = :channel)
            and (cast(:since as timestamptz) is null or created_at >= :since)""";

    private static Map<String, Object> filterParameters(DeliveryFilter filter, String after, int fetch) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("environment", filter.environment().value());
        parameters.put("connectors", filter.connectors() == null ? null : filter.connectors().toArray(String[]::new));
        parameters.put("status", filter.status());
        parameters.put("certificate", filter.certificateId());
        parameters.put("channel", filter.channel());
        parameters.put("since", filter.since() == null ? null : Timestamp.from(filter.since()));
        parameters.put("after", after);
        parameters.put("fetch", fetch);
        return parameters;
    }

    private List<DeliveryView> withAttempts(List<DeliveryView> deliveries) {
        if (deliveries.isEmpty()) {
            return deliveries;
        }
        Map<String, DeliveryView> byId = new HashMap<>();
        deliveries.forEach(d -> byId.put(d.id(), d));
        jdbc.sql("select * from delivery_attempts where delivery_id = any(?) order by id")
                .param(byId.keySet().toArray(String[]::new))
                .query(rs -> {
                    byId.get(rs.getString("delivery_id")).attemptLog().add(new DeliveryView.Attempt(
                            instant(rs, "attempted_at"), rs.getString("outcome"), (Integer) rs.getObject("status_code"),
                            (Integer) rs.getObject("response_ms"), rs.getString("error")));
                });
        return deliveries;
    }

    private Delivery delivery(ResultSet rs, int row) throws SQLException {
        return new Delivery(rs.getString("id"), rs.getString("connector"), Environment.of(rs.getString("environment")),
                rs.getString("certificate_id"), rs.getString("channel"), json.read(rs.getString("target"), TARGET),
                rs.getString("payload"), rs.getInt("attempts"), rs.getInt("generation"),
                rs.getString("certificate_status"), instant(rs, "certificate_issued_at"),
                rs.getString("certificate_url"));
    }

    private DeliveryView view(ResultSet rs, int row) throws SQLException {
        return new DeliveryView(rs.getString("id"), "delivery", rs.getString("connector"),
                Environment.LIVE.value().equals(rs.getString("environment")), rs.getString("certificate_id"),
                json.read(rs.getString("target"), TARGET), rs.getString("status"), rs.getInt("attempts"),
                instant(rs, "next_attempt_at"), rs.getString("delivered_state"), rs.getString("last_error"),
                instant(rs, "created_at"), instant(rs, "updated_at"), new ArrayList<>());
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
