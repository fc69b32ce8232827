package io.certbridge.issuers;

import io.certbridge.shared.Ids;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The log of calls to outside issuers that may create something there (services without idempotency keys): each is
 * recorded, and committed, before it is made, and then what came of it. A call still {@code calling} or
 * {@code unanswered} for a certificate means a call may have created it without the hub hearing of it (the hub died
 * mid-call, or the answer never came): before calling again the connector looks at the service and adopts what it
 * finds.
 */
@Component
public class IssuerCalls {

    /**
     * A call whose outcome the hub never heard, or one the service answered and still works on; {@code calledAt}
     * tells how long the service may still be at it.
     */
    public record Call(String id, String issuer, String operation, List<String> certificateIds, String externalRef,
                       String status, Instant calledAt) {
    }

    private final JdbcClient jdbc;

    IssuerCalls(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records a call about to be made, in its own statement (committed at once); returns its id. */
    public String calling(String issuer, String operation, Collection<String> certificateIds) {
        String id = Ids.newId("call");
        jdbc.sql("""
                        insert into issuer_calls (id, issuer, operation, certificate_ids, status, called_at)
                        values (?, ?, ?, ?, 'calling', now())""")
                .params(id, issuer, operation, certificateIds.toArray(String[]::new)).update();
        return id;
    }

    /** The service answered and still works on it: {@code externalRef} is what to follow (a batch, an upload). */
    public void answered(String callId, String externalRef) {
        finish(callId, "answered", externalRef, null);
    }

    /** The call did what it was for. */
    public void done(String callId) {
        finish(callId, "done", null, null);
    }

    /** The service refused the call: it created nothing. */
    public void refused(String callId, String detail) {
        finish(callId, "refused", null, detail);
    }

    /** No answer came: the call may or may not have created something. */
    public void unanswered(String callId, String detail) {
        finish(callId, "unanswered", null, detail);
    }

    /** Calls whose outcome is unknown for any of these certificates: look at the service before calling again. */
    public List<Call> uncertain(String issuer, Collection<String> certificateIds) {
        return jdbc.sql("""
                        select * from issuer_calls
                        where issuer = ? and certificate_ids && ?::text[] and status in ('calling', 'unanswered')
                        order by called_at""")
                .params(issuer, certificateIds.toArray(String[]::new))
                .query((rs, row) -> call(rs)).list();
    }

    /** Calls answered whose work at the service is still followed, oldest first. */
    public List<Call> following(String issuer, int limit) {
        return jdbc.sql("""
                        select * from issuer_calls where issuer = ? and status = 'answered'
                        order by answered_at limit ?""")
                .params(issuer, limit)
                .query((rs, row) -> call(rs)).list();
    }

    /** The answered call still followed whose work at the service is {@code externalRef}, if any. */
    public Optional<Call> answeredWith(String issuer, String externalRef) {
        return jdbc.sql("""
                        select * from issuer_calls where issuer = ? and status = 'answered' and external_ref = ?
                        order by answered_at desc limit 1""")
                .params(issuer, externalRef)
                .query((rs, row) -> call(rs)).optional();
    }

    /** Marks settled the uncertain calls of these certificates, once the service was looked at. */
    public void settled(String issuer, Collection<String> certificateIds) {
        jdbc.sql("""
                        update issuer_calls set status = 'done', answered_at = coalesce(answered_at, now())
                        where issuer = ? and certificate_ids && ?::text[] and status in ('calling', 'unanswered')""")
                .params(issuer, certificateIds.toArray(String[]::new)).update();
    }

    private void finish(String callId, String status, String externalRef, String detail) {
        jdbc.sql("""
                        update issuer_calls set status = ?, external_ref = coalesce(?, external_ref), detail = ?,
                                                answered_at = now()
                        where id = ?""")
                .params(status, externalRef, detail, callId).update();
    }

    private static Call call(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Call(rs.getString("id"), rs.getString("issuer"), rs.getString("operation"),
                List.of((String[]) rs.getArray("certificate_ids").getArray()), rs.getString("external_ref"),
                rs.getString("status"), rs.getTimestamp("called_at").toInstant());
    }
}
