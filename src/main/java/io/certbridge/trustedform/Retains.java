package io.certbridge.trustedform;

import io.certbridge.shared.Ids;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The trustedform_retains table: one row per certificate URL, and what became of its retain. */
@Component
class Retains {

    /** Which retains a list shows: of a status, of a Lead, created since a moment; any of them null for all. */
    record Filter(String status, String leadId, Instant since) {
    }

    /** TrustedForm's answer to a retain, as kept. */
    record Answer(String outcome, Instant expiresAt, Boolean previouslyRetained) {
    }

    private final JdbcClient jdbc;
    private final RetainCalls calls;

    Retains(JdbcClient jdbc, RetainCalls calls) {
        this.jdbc = jdbc;
        this.calls = calls;
    }

    /** Stores the Lead's certificate with its first status; empty when the URL was already stored (nothing to do). */
    Optional<String> create(LeadCertificate lead, String status, String detail) {
        return jdbc.sql("""
                        insert into trustedform_retains (id, certificate_url, channel, event_id, lead_id, vendor,
                                                         status, detail, created_at, updated_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, now(), now())
                        on conflict (certificate_url) do nothing
                        returning id""")
                .params(Ids.newId("tfr"), lead.certificateUrl(), lead.channel(), lead.eventId(), lead.leadId(),
                        lead.vendor(), status, detail)
                .query(String.class).optional();
    }

    /** Records what became of a retain: its status, why in one line, and TrustedForm's answer if there was one. */
    void settle(String id, String status, String detail, Answer answer) {
        jdbc.sql("""
                        update trustedform_retains
                        set status = ?, detail = ?, outcome = ?, expires_at = ?, previously_retained = ?,
                            updated_at = now()
                        where id = ?""")
                .params(status, detail, answer == null ? null : answer.outcome(),
                        answer == null || answer.expiresAt() == null ? null : Timestamp.from(answer.expiresAt()),
                        answer == null ? null : answer.previouslyRetained(), id)
                .update();
    }

    Optional<RetainView> find(String id) {
        return withCalls(jdbc.sql("select * from trustedform_retains where id = ?").param(id).query(this::view).list())
                .stream().findFirst();
    }

    /** Newest first, with their calls; {@code startingAfter} is the id of the last retain of the previous page. */
    List<RetainView> list(Filter filter, int fetch, String startingAfter) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("status", filter.status());
        parameters.put("lead", filter.leadId());
        parameters.put("since", filter.since() == null ? null : Timestamp.from(filter.since()));
        parameters.put("after", startingAfter);
        parameters.put("fetch", fetch);
        return withCalls(jdbc.sql("""
                        select * from trustedform_retains
                        where (cast(:status as text) is null or status = :status)
                          and (cast(:lead as text) is null or lead_id = :lead)
                          and (cast(:since as timestamptz) is null or created_at >= :since)
                          and (cast(:after as text) is null
                               or seq < (select seq from trustedform_retains where id = :after))
                        order by seq desc limit :fetch""")
                .params(parameters).query(this::view).list());
    }

    private List<RetainView> withCalls(List<RetainView> retains) {
        if (!retains.isEmpty()) {
            Map<String, RetainView> byId = new HashMap<>();
            retains.forEach(r -> byId.put(r.id(), r));
            calls.of(byId.keySet()).forEach(call -> byId.get(call.retainId()).calls().add(call));
        }
        return retains;
    }

    private RetainView view(ResultSet rs, int row) throws SQLException {
        return new RetainView(rs.getString("id"), "trustedform_retain", rs.getString("certificate_url"),
                rs.getString("channel"), rs.getString("event_id"), rs.getString("lead_id"), rs.getString("vendor"),
                rs.getString("status"), rs.getString("detail"), rs.getString("outcome"), instant(rs, "expires_at"),
                (Boolean) rs.getObject("previously_retained"), instant(rs, "created_at"), instant(rs, "updated_at"),
                new ArrayList<>());
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
