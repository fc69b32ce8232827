package io.certbridge.trustedform;

import io.certbridge.shared.Ids;
import io.certbridge.shared.Json;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The log of calls to TrustedForm, which keeps none for its customers: each call is recorded, and committed, before
 * it is made, then its answer. A retain is sent by one hub at a time (its delivery is leased), so a retain has at most
 * one call {@code calling}; finding one when the retain is sent again means the hub that made it died mid-call.
 */
@Component
class RetainCalls {

    /** The request as sent, without the key: Authorization reads {@code Basic API:<redacted>}. */
    static final Map<String, String> REQUEST_HEADERS = Map.of("Content-Type", "application/json",
            "Accept", "application/json", "Api-Version", "4.0", "Authorization", "Basic API:<redacted>");

    /** One call and its answer; {@code statusCode} and {@code responseBody} are null while unanswered. */
    record Call(String id, String retainId, String status, String requestUrl, Map<String, String> requestHeaders,
                String requestBody, Integer statusCode, String responseBody, String error, Instant calledAt,
                Instant answeredAt) {

        /** A 200 or 404: the certificate's fate is known, and calling again would only repeat it. */
        boolean conclusive() {
            return statusCode != null && (statusCode == 200 || statusCode == 404);
        }
    }

    private final JdbcClient jdbc;
    private final Json json;

    RetainCalls(JdbcClient jdbc, Json json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Records a call about to be made, in its own statement (committed at once). */
    void calling(String retainId, String url, String body) {
        jdbc.sql("""
                        insert into trustedform_calls (id, retain_id, status, request_url, request_headers,
                                                       request_body, called_at)
                        values (?, ?, 'calling', ?, ?::jsonb, ?, now())""")
                .params(Ids.newId("tfc"), retainId, url, json.write(REQUEST_HEADERS), body).update();
    }

    /** The open call of the retain was answered. */
    void answered(String retainId, int statusCode, String body) {
        finish(retainId, "answered", statusCode, body, null);
    }

    /** The open call of the retain got no answer: TrustedForm may or may not have retained. */
    void unanswered(String retainId, String error) {
        finish(retainId, "unanswered", null, null, error);
    }

    /** Marks a call left open by a hub that died mid-call; its retain may have happened. */
    void interrupted(String retainId) {
        unanswered(retainId, "The hub stopped during the call: TrustedForm may have retained the certificate");
    }

    /** The retain's last conclusive answer, if one came (a hub may have died before recording what it meant). */
    Optional<Call> conclusive(String retainId) {
        return jdbc.sql("""
                        select * from trustedform_calls where retain_id = ? and status = 'answered'
                          and status_code in (200, 404)
                        order by called_at desc limit 1""")
                .param(retainId).query(this::call).optional();
    }

    /** The calls of these retains, oldest first. */
    List<Call> of(Collection<String> retainIds) {
        return jdbc.sql("select * from trustedform_calls where retain_id = any(?) order by called_at, id")
                .param(retainIds.toArray(String[]::new)).query(this::call).list();
    }

    private void finish(String retainId, String status, Integer statusCode, String body, String error) {
        jdbc.sql("""
                        update trustedform_calls set status = ?, status_code = ?, response_body = ?, error = ?,
                                                     answered_at = now()
                        where retain_id = ? and status = 'calling'""")
                .params(status, statusCode, body, error, retainId).update();
    }

    @SuppressWarnings("unchecked")
    private Call call(ResultSet rs, int row) throws SQLException {
        return new Call(rs.getString("id"), rs.getString("retain_id"), rs.getString("status"),
                rs.getString("request_url"), json.read(rs.getString("request_headers"), Map.class),
                rs.getString("request_body"), (Integer) rs.getObject("status_code"), rs.getString("response_body"),
                rs.getString("error"), Retains.instant(rs, "called_at"), Retains.instant(rs, "answered_at"));
    }
}
