package io.certbridge.issuance;

import io.certbridge.backbone.CertificateEvents;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What an outside issuer (TRUE, SwanShare, VEC.digital) did with the certificates asked of it, as its connector
 * learns it: issued, with the service's id and verification address (then announced as certificate.issued, which
 * writes it back and e-mails it as any certificate), or refused with the service's words. Each is said once: a
 * certificate already issued is not announced again, however often the service tells of it.
 */
@Component
public class OutsideIssuance {

    private static final String ISSUED = "certificate.issued";

    /** A certificate the service issued: its id and its own verification address. */
    public record Issued(String certificateId, String externalId, String verificationUrl) {
    }

    private final JdbcClient jdbc;
    private final Certificates certificates;
    private final CertificateEvents events;

    OutsideIssuance(JdbcClient jdbc, Certificates certificates, CertificateEvents events) {
        this.jdbc = jdbc;
        this.certificates = certificates;
        this.events = events;
    }

    /**
     * Records the service's ids and announces the certificates that were pending (or refused before) as issued. A
     * certificate revoked while pending keeps its revocation and gets its id, so that the revocation can be
     * forwarded. Call it in a transaction.
     */
    public void issued(List<Issued> issued) {
        if (issued.isEmpty()) {
            return;
        }
        List<String> nowIssued = jdbc.sql("""
                        with given as (
                            select * from unnest(?::text[], ?::text[], ?::text[]) as g(id, external_id, url))
                        update certificates c
                        set external_id = given.external_id, external_url = given.url, issuer_error = null,
                            status = case when c.status in ('pending', 'failed') then 'issued' else c.status end,
                            updated_at = now()
                        from given
                        where c.id = given.id and c.issuer_name is not null
                          and (c.external_id is null or c.status in ('pending', 'failed'))
                        returning c.id, (c.status = 'issued') as announce""")
                .params(issued.stream().map(Issued::certificateId).toArray(String[]::new),
                        issued.stream().map(Issued::externalId).toArray(String[]::new),
                        issued.stream().map(Issued::verificationUrl).toArray(String[]::new))
                .query((rs, row) -> rs.getBoolean("announce") ? rs.getString("id") : null).list()
                .stream().filter(id -> id != null).toList();
        announce(nowIssued);
    }

    /** Marks certificates refused by their issuer, with its words (by certificate id). Call it in a transaction. */
    public void refused(Map<String, String> errors) {
        if (errors.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        update certificates c set status = 'failed', issuer_error = e.error, updated_at = now()
                        from unnest(?::text[], ?::text[]) as e(id, error)
                        where c.id = e.id and c.status = 'pending'""")
                .params(errors.keySet().toArray(String[]::new), errors.values().toArray(String[]::new))
                .update();
    }

    /**
     * A certificate revoked at its issuer (in the service's own dashboard): revoked here too and announced as
     * certificate.revoked, once; nothing when it is revoked already. Call it in a transaction.
     */
    public void revoked(String certificateId, String reason) {
        boolean revoking = !jdbc.sql("select id from certificates where id = ? and issuer_name is not null "
                        + "and status <> 'revoked' for update")
                .param(certificateId).query(String.class).list().isEmpty();
        if (revoking) {
            certificates.revoke(certificateId, reason);
            certificates.findAll(List.of(certificateId)).forEach(c -> events.announce("certificate.revoked", c.id(), c));
        }
    }

    /** The certificates of an issuer with these external ids, by external id. */
    public Map<String, String> byExternalId(String issuer, Collection<String> externalIds) {
        Map<String, String> found = new LinkedHashMap<>();
        jdbc.sql("select id, external_id from certificates where issuer_name = ? and external_id = any(?)")
                .params(issuer, externalIds.toArray(String[]::new))
                .query(rs -> {
                    found.put(rs.getString("external_id"), rs.getString("id"));
                });
        return found;
    }

    /** The certificates among {@code ids}, as the connectors build their requests from them. */
    public List<Certificate> certificates(Collection<String> ids) {
        return certificates.findAll(ids);
    }

    private void announce(List<String> ids) {
        if (ids.isEmpty()) {
            return;
        }
        Map<String, Certificate> views = new LinkedHashMap<>();
        certificates.findAll(ids).forEach(c -> views.put(c.id(), c));
        events.announceAll(ISSUED, views);
    }
}
