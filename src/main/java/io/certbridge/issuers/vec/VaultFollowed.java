package io.certbridge.issuers.vec;

import io.certbridge.issuers.IssuerCalls;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The followed upload a VEC.digital webhook tells of, by what the webhook carries: the vault certificate's uuid
 * (single uploads, and bulk ones once found), or else its applicant email and title, for a bulk upload's
 * certificate whose uuid the hub has not learnt yet (the bulk answer names none). By email and title a recipient
 * may have more than one pending certificate (other issue dates): they are all candidates, told apart by the issue
 * date the certificate's view shows.
 */
@Component
class VaultFollowed {

    private final IssuerCalls calls;
    private final JdbcClient jdbc;

    VaultFollowed(IssuerCalls calls, JdbcClient jdbc) {
        this.calls = calls;
        this.jdbc = jdbc;
    }

    List<IssuerCalls.Call> candidates(String issuer, String uuid, String email, String title) {
        Optional<IssuerCalls.Call> byUuid = calls.answeredWith(issuer, uuid);
        if (byUuid.isPresent()) {
            return List.of(byUuid.get());
        }
        return jdbc.sql("""
                        select ic.* from certificates c
                        join templates t on t.id = c.template_id
                        join issuer_calls ic on ic.certificate_ids[1] = c.id
                        where lower(c.recipient_email) = lower(?) and c.issuer_name = ? and c.status = 'pending'
                          and t.name = ? and ic.issuer = ? and ic.status = 'answered' and ic.external_ref is null""")
                .params(email, issuer, title, issuer)
                .query((rs, row) -> new IssuerCalls.Call(rs.getString("id"), rs.getString("issuer"),
                        rs.getString("operation"), List.of((String[]) rs.getArray("certificate_ids").getArray()),
                        rs.getString("external_ref"), rs.getString("status"),
                        rs.getTimestamp("called_at").toInstant()))
                .list();
    }
}
