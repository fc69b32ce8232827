package io.certbridge.credential;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Signing keys retired because they were compromised: the moment from which whatever they signed is no longer the
 * hub's word, and why. A retired key stays in the DID document (marked {@code revoked}), so that what it signed
 * before keeps verifying. Read from the database on every verification, so a retirement holds on every instance at once;
 * signing reads it at most a few seconds old.
 */
@Component
public class KeyRetirements {

    public record Retirement(Instant at, String reason) {
    }

    /** The key a retirement was asked for: whether it is the sandbox issuer's, and its retirement as recorded. */
    public record RetiredKey(String multikey, boolean sandbox, Retirement retirement) {
    }

    private record Seen(Optional<Retirement> retirement, long atNanos) {
    }

    private final JdbcClient jdbc;
    private final Map<String, Seen> seen = new ConcurrentHashMap<>();

    public KeyRetirements(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Retirement> of(String multikey) {
        return jdbc.sql("select retired_at, retired_reason from signing_keys where multikey = ?").param(multikey)
                .query((row, n) -> of(row)).optional().flatMap(r -> r);
    }

    /** The key's retirement as the database told it at most {@code maxAge} ago (on this instance, at once). */
    public Optional<Retirement> of(String multikey, Duration maxAge) {
        long now = System.nanoTime();
        Seen last = seen.get(multikey);
        if (last == null || now - last.atNanos() > maxAge.toNanos()) {
            last = new Seen(of(multikey), now);
            seen.put(multikey, last);
        }
        return last.retirement();
    }

    /**
     * Retires a key the hub has signed with, from {@code at}. A key already retired keeps the earlier moment (a
     * later report of the same compromise cannot make more of its signatures valid) and its first reason.
     * Empty when the hub never signed with that key.
     */
    public Optional<RetiredKey> retire(String multikey, Instant at, String reason) {
        return jdbc.sql("""
                        update signing_keys set
                            retired_reason = case when retired_at is null or retired_at > ? then ? else retired_reason end,
                            retired_at = least(coalesce(retired_at, ?), ?)
                        where multikey = ?
                        returning multikey, sandbox, retired_at, retired_reason""")
                .params(Timestamp.from(at), reason, Timestamp.from(at), Timestamp.from(at), multikey)
                .query((row, n) -> new RetiredKey(row.getString("multikey"), row.getBoolean("sandbox"),
                        of(row).orElseThrow()))
                .optional()
                .map(retired -> {
                    seen.remove(multikey);
                    return retired;
                });
    }

    static Optional<Retirement> of(ResultSet row) throws SQLException {
        Timestamp at = row.getTimestamp("retired_at");
        return at == null ? Optional.empty() : Optional.of(new Retirement(at.toInstant(), row.getString("retired_reason")));
    }
}
