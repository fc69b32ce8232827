package io.certbridge.intake.salesforce;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Where each channel's subscription resumes after a restart: the replay id of the last event made durable.
 * Replay ids are opaque to the hub (not contiguous, not comparable across orgs); they are only stored and
 * handed back to Salesforce, which camel-salesforce takes as a number.
 */
@Component
class ReplayPositions {

    /** A channel's stored position, and when the subscription last had to fall back from it. */
    record Position(String channel, long replayId, Instant updatedAt, Instant fallbackAt, String fallbackDetail) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    ReplayPositions(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    Optional<Long> replayId(String channel) {
        return jdbc.sql("select replay_id from salesforce_replay where channel = ?").param(channel)
                .query(Long.class).optional();
    }

    void save(String channel, long replayId) {
        jdbc.sql("""
                        insert into salesforce_replay (channel, replay_id, updated_at) values (?, ?, ?)
                        on conflict (channel) do update set replay_id = excluded.replay_id, updated_at = excluded.updated_at""")
                .params(channel, replayId, Timestamp.from(clock.instant())).update();
    }

    void fellBack(String channel, String detail) {
        jdbc.sql("update salesforce_replay set fallback_at = ?, fallback_detail = ? where channel = ?")
                .params(Timestamp.from(clock.instant()), detail, channel).update();
    }

    List<Position> all() {
        return jdbc.sql("select * from salesforce_replay order by channel")
                .query((rs, n) -> new Position(rs.getString("channel"), rs.getLong("replay_id"),
                        rs.getTimestamp("updated_at").toInstant(),
                        rs.getTimestamp("fallback_at") == null ? null : rs.getTimestamp("fallback_at").toInstant(),
                        rs.getString("fallback_detail")))
                .list();
    }
}
