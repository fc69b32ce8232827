package io.certbridge.writeback;

import io.certbridge.issuance.WritebackTarget;
import com.fasterxml.jackson.core.type.TypeReference;
import io.certbridge.shared.Environment;
import io.certbridge.shared.Json;
import io.certbridge.credential.IssuerIdentity;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The write-backs and their progress. A row is claimed for sending with a lease, so that one instance
 * sends it at a time and a crashed sender's rows are sent again once the lease ends. Each send writes
 * the certificate's state at that moment; a status change raises the row's generation and sends it again.
 */
@Component
public class Writebacks {

    private static final TypeReference<Map<String, Object>> TARGET = new TypeReference<>() {
    };

    /** A write-back claimed for sending, with what the connector needs to know of its certificate. */
    public record Claimed(String id, String certificateId, String connector, Map<String, Object> target, int attempts,
                          int generation, String certificateStatus, boolean livemode, Instant issuedAt,
                          String verificationUrl) {
    }

    public record View(String id, String object, String certificateId, String connector, Map<String, Object> target,
                       String status, int attempts, Instant nextAttemptAt, String writtenStatus, String lastError,
                       Instant createdAt, Instant updatedAt) {
    }

    public record Filter(Environment environment, String status, String certificateId) {
    }

    private final JdbcClient jdbc;
    private final Json json;
    private final WritebackSettings settings;
    private final String verificationBaseUrl;

    Writebacks(JdbcClient jdbc, Json json, WritebackSettings settings, IssuerIdentity issuer) {
        this.jdbc = jdbc;
        this.json = json;
        this.settings = settings;
        this.verificationBaseUrl = issuer.baseUrl() + "/verify/";
    }

    /** Claims the due write-backs to the learning platforms (lms-writeback). */
    public List<Claimed> claimDueLms() {
        return claimDue("<>");
    }

    /** Claims the due Salesforce write-backs (salesforce-writeback), which go out together in composite requests. */
    public List<Claimed> claimDueSalesforce() {
        return claimDue("=");
    }

    private List<Claimed> claimDue(String salesforce) {
        return jdbc.sql("""
                        with due as (
                            select id from writebacks
                            where ((status = 'pending' and next_attempt_at <= now())
                                or (status = 'sending' and lease_until < now()))
                              and connector %s ?
                            order by next_attempt_at limit ? for update skip locked)
                        update writebacks w
                        set status = 'sending', attempts = w.attempts + 1, updated_at = now(),
                            lease_until = now() + make_interval(secs => ?)
                        from due, certificates c
                        where w.id = due.id and c.id = w.certificate_id
                        returning w.id, w.certificate_id, w.connector, w.target, w.attempts, w.generation,
                                  c.status as certificate_status, c.environment, c.issued_at""".formatted(salesforce))
                .params(WritebackTarget.SALESFORCE_RECORD, settings.batchSize(), settings.lease().toSeconds())
                .query(this::claimed).list();
    }

    /** Sends a certificate's write-backs again, for its new status; a row being sent goes again when it is done. */
    public void requeue(String certificateId) {
        jdbc.sql("""
                        update writebacks
                        set generation = generation + 1, updated_at = now(), next_attempt_at = now(), last_error = null,
                            attempts = case when status = 'sending' then attempts else 0 end,
                            status = case when status = 'sending' then 'sending' else 'pending' end
                        where certificate_id = ?""")
                .param(certificateId).update();
    }

    void delivered(Claimed writeback) {
        jdbc.sql("""
                        update writebacks
                        set status = case when generation = ? then 'done' else 'pending' end, written_status = ?,
                            last_error = null, lease_until = null, next_attempt_at = now(), updated_at = now()
                        where id = ? and status = 'sending'""")
                .params(writeback.generation(), writeback.certificateStatus(), writeback.id()).update();
    }

    /** When the write-back is tried again; empty when it was no longer being sent (its lease ran out meanwhile). */
    Optional<Instant> retryLater(Claimed writeback, Duration delay, String error) {
        return jdbc.sql("""
                        update writebacks
                        set status = 'pending', next_attempt_at = now() + make_interval(secs => ?), last_error = ?,
                            lease_until = null, updated_at = now()
                        where id = ? and status = 'sending'
                        returning next_attempt_at""")
                .params(delay.toMillis() / 1000.0, error, writeback.id())
                .query((rs, row) -> rs.getTimestamp(1).toInstant()).optional();
    }

    /**
     * Gives up on a write-back, unless its certificate changed meanwhile: the new state is still to be written.
     * True when it is now failed.
     */
    boolean failed(Claimed writeback, String error) {
        return jdbc.sql("""
                        update writebacks
                        set status = case when generation = ? then 'failed' else 'pending' end, last_error = ?,
                            lease_until = null, next_attempt_at = now(), updated_at = now()
                        where id = ? and status = 'sending'
                        returning status""")
                .params(writeback.generation(), error, writeback.id()).query(String.class).optional()
                .filter("failed"::equals).isPresent();
    }

    /** Sends a failed write-back again from its first attempt; false when it is not failed. */
    boolean retry(String id) {
        return jdbc.sql("""
                        update writebacks set status = 'pending', attempts = 0, next_attempt_at = now(), updated_at = now()
                        where id = ? and status = 'failed'""")
                .param(id).update() == 1;
    }

    Optional<View> find(String id, Environment environment) {
        return jdbc.sql("""
                        select w.* from writebacks w join certificates c on c.id = w.certificate_id
                        where w.id = ? and c.environment = ?""")
                .params(id, environment.value()).query(this::view).optional();
    }

    /** Newest first; {@code startingAfter} is the id of the last write-back of the previous page. */
    List<View> list(Filter filter, int fetch, String startingAfter) {
        return jdbc.sql("""
                        select w.* from writebacks w join certificates c on c.id = w.certificate_id
                        where c.environment = ? and (cast(? as text) is null or w.status = ?)
                          and (cast(? as text) is null or w.certificate_id = ?)
                          and (cast(? as text) is null or w.seq < (select seq from writebacks where id = ?))
                        order by w.seq desc limit ?""")
                .params(filter.environment().value(), filter.status(), filter.status(), filter.certificateId(),
                        filter.certificateId(), startingAfter, startingAfter, fetch)
                .query(this::view).list();
    }

    private Claimed claimed(ResultSet rs, int row) throws SQLException {
        String certificateId = rs.getString("certificate_id");
        return new Claimed(rs.getString("id"), certificateId, rs.getString("connector"),
                json.read(rs.getString("target"), TARGET), rs.getInt("attempts"), rs.getInt("generation"),
                rs.getString("certificate_status"), Environment.LIVE.value().equals(rs.getString("environment")),
                rs.getTimestamp("issued_at").toInstant(), verificationBaseUrl + certificateId);
    }

    private View view(ResultSet rs, int row) throws SQLException {
        return new View(rs.getString("id"), "writeback", rs.getString("certificate_id"), rs.getString("connector"),
                json.read(rs.getString("target"), TARGET), rs.getString("status"), rs.getInt("attempts"),
                instant(rs, "next_attempt_at"), rs.getString("written_status"), rs.getString("last_error"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        var value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
