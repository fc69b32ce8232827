package io.certbridge.audit;

import io.certbridge.shared.Environment;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The audit_events table: written by {@link AuditRecorder}, read by GET /v1/audit-events, purged by age. */
@Component
public class AuditLog {

    /**
     * What GET /v1/audit-events may ask for; null: any. {@code environment} null: every event (a live key),
     * else that environment's only (a sandbox key sees no call made with a live key, nor unauthenticated ones).
     */
    public record Filter(Environment environment, String actorId, String method, String path, String resourceId,
                         Integer status, Instant from, Instant to) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration retention;

    public AuditLog(JdbcClient jdbc, Clock clock, AuditSettings settings) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.retention = settings.retention();
    }

    /**
     * Committed without waiting for the WAL to reach disk, so that a call costs no second disk flush: only a crash of
     * PostgreSQL's machine can lose an event, and only one written in the last fraction of a second (the next
     * flushed commit, such as the next certificate's, takes it along). Call it outside a transaction.
     */
    public void record(AuditEvent event) {
        jdbc.sql("""
                        with unflushed as (select set_config('synchronous_commit', 'off', true))
                        insert into audit_events (id, occurred_at, actor_type, actor_id, environment, method, path,
                                                  resource_id, status, problem_code, client_address)
                        select ?, ?::timestamptz, ?, ?, ?, ?, ?, ?, ?::int, ?, ? from unflushed""")
                .params(event.id(), Timestamp.from(event.occurredAt()),
                        event.actor() == null ? null : event.actor().type(),
                        event.actor() == null ? null : event.actor().id(), event.environment(), event.method(),
                        event.path(), event.resourceId(), event.status(), event.problemCode(), event.clientAddress())
                .update();
    }

    /** Newest first; {@code startingAfter} is the id of the last event of the previous page. */
    public List<AuditEvent> list(Filter filter, int fetch, String startingAfter) {
        StringBuilder sql = new StringBuilder("select * from audit_events where true");
        List<Object> params = new ArrayList<>();
        condition(sql, params, " and environment = ?", filter.environment() == null ? null
                : filter.environment().value());
        condition(sql, params, " and actor_id = ?", filter.actorId());
        condition(sql, params, " and method = ?", filter.method());
        condition(sql, params, " and path = ?", filter.path());
        condition(sql, params, " and resource_id = ?", filter.resourceId());
        condition(sql, params, " and status = ?", filter.status());
        condition(sql, params, " and occurred_at >= ?", filter.from() == null ? null : Timestamp.from(filter.from()));
        condition(sql, params, " and occurred_at < ?", filter.to() == null ? null : Timestamp.from(filter.to()));
        condition(sql, params, " and seq < (select seq from audit_events where id = ?)", startingAfter);
        sql.append(" order by seq desc limit ?");
        params.add(fetch);
        return jdbc.sql(sql.toString()).params(params).query((rs, n) -> map(rs)).list();
    }

    private static void condition(StringBuilder sql, List<Object> params, String condition, Object value) {
        if (value != null) {
            sql.append(condition);
            params.add(value);
        }
    }

    /** Drops the events older than the retention; called by the housekeeping route. */
    public int purgeExpired() {
        return jdbc.sql("delete from audit_events where occurred_at < ?")
                .param(Timestamp.from(clock.instant().minus(retention)))
                .update();
    }

    private static AuditEvent map(ResultSet rs) throws SQLException {
        String actorType = rs.getString("actor_type");
        return new AuditEvent(rs.getString("id"), "audit_event", rs.getTimestamp("occurred_at").toInstant(),
                actorType == null ? null : new AuditEvent.Actor(actorType, rs.getString("actor_id")),
                rs.getString("environment"), rs.getString("method"), rs.getString("path"),
                rs.getString("resource_id"), rs.getInt("status"), rs.getString("problem_code"),
                rs.getString("client_address"));
    }
}
