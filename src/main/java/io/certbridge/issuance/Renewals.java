package io.certbridge.issuance;

import io.certbridge.backbone.CertificateEvents;
import io.certbridge.shared.Environment;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Renewal: a request of a renewing rule replaces the recipient's live certificate (issued or suspended) of the hub's
 * own from the same template and environment, found by e-mail (in any case) or by LMS user; the newest one when
 * there are several. The replaced certificate is superseded, not revoked: what it states stays true (the learner did
 * complete the course then), so its status list bits stay clear; the hub's verification says superseded and names
 * the replacement.
 */
@Component
public class Renewals {

    static final String SUPERSEDED = "certificate.superseded";

    private static final String LIVE_FROM_TEMPLATE = """
            select id from certificates
            where template_id = :template and environment = :env and status in ('issued', 'suspended')
              and issuer_name is null
              and (lower(recipient_email) = lower(:email) or learner_key = :learner)
            order by seq desc limit 1""";

    private final JdbcClient jdbc;
    private final Certificates certificates;
    private final CertificateEvents events;

    Renewals(JdbcClient jdbc, Certificates certificates, CertificateEvents events) {
        this.jdbc = jdbc;
        this.certificates = certificates;
        this.events = events;
    }

    /**
     * The certificate that {@code request} (as {@link io.certbridge.intake.rules.RuleMatcher} makes it) would
     * replace if it were issued now; empty when its rule does not renew or the recipient holds no live certificate
     * from its template.
     */
    public Optional<Certificate> wouldRenew(CertificateRequest request) {
        if (!request.renews() || request.recipient() == null) {
            return Optional.empty();
        }
        Environment environment = Environment.of(request.environment());
        return replaceable(request, "").flatMap(id -> certificates.find(id, environment));
    }

    /**
     * Holds off every other renewal of the same recipients until this transaction ends, on any hub: a
     * transaction-scoped advisory lock per template with each e-mail and each LMS user, taken in one order so that
     * two transactions renewing several recipients cannot deadlock. Without it two completions heard at once would
     * both find no certificate, or the same one, to replace.
     */
    void lockRecipients(List<CertificateRequest> renewing) {
        renewing.stream()
                .flatMap(r -> Stream.of(r.recipient() == null || r.recipient().email() == null ? null
                                : "email/" + r.recipient().email().toLowerCase(Locale.ROOT),
                        r.learnerKey() == null ? null : "learner/" + r.learnerKey())
                        .filter(Objects::nonNull).map(key -> r.templateId() + "/" + key))
                .distinct().sorted()
                .forEach(key -> jdbc.sql("select pg_advisory_xact_lock(hashtextextended(?, 0))").param(key)
                        .query((rs, row) -> 1).list());
    }

    /** The certificate the request replaces, its row locked; call it after {@link #lockRecipients}. */
    Optional<String> lockReplaced(CertificateRequest request) {
        return replaceable(request, " for update");
    }

    private Optional<String> replaceable(CertificateRequest request, String lock) {
        return jdbc.sql(LIVE_FROM_TEMPLATE + lock)
                .param("template", request.templateId())
                .param("env", Environment.of(request.environment()).value())
                .param("email", request.recipient().email())
                .param("learner", request.learnerKey())
                .query(String.class).optional();
    }

    /**
     * Marks {@code replaced} superseded by {@code replacement} and announces {@code certificate.superseded}, if the
     * replacement was stored (a request issued before stores nothing, and so supersedes nothing).
     */
    void supersede(String replaced, String replacement, Environment environment) {
        int updated = jdbc.sql("""
                        update certificates set status = 'superseded', superseded_by = :replacement, updated_at = now()
                        where id = :replaced and status in ('issued', 'suspended')
                          and exists (select 1 from certificates where id = :replacement and replaces = :replaced)""")
                .param("replaced", replaced).param("replacement", replacement).update();
        if (updated == 1) {
            events.announce(SUPERSEDED, replaced, certificates.find(replaced, environment).orElseThrow());
        }
    }
}
