package io.certbridge.issuance;

import io.certbridge.shared.Environment;
import io.certbridge.backbone.CertificateEvents;
import io.certbridge.shared.problems.Conflict;
import io.certbridge.shared.problems.NotFound;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Suspension, reinstatement and revocation. Revocation is final; a superseded certificate can only be revoked. */
@Component
public class CertificateStatusChanges {

    private final Certificates certificates;
    private final CertificateEvents events;

    CertificateStatusChanges(Certificates certificates, CertificateEvents events) {
        this.certificates = certificates;
        this.events = events;
    }

    @Transactional
    public Certificate setStatus(String id, Environment environment, String status) {
        String current = lockChangeable(id, environment);
        if (current.equals("pending") || current.equals("failed")) {
            throw new Conflict("certificate_not_issued", "Certificate " + id + " is " + current
                    + " at its issuer; it can be suspended once issued, or revoked now");
        }
        if (current.equals("superseded")) {
            throw new Conflict("certificate_superseded", "Certificate " + id + " was replaced by a renewal; "
                    + "change the status of its replacement, or revoke it");
        }
        if (current.equals(status)) {
            return certificates.find(id, environment).orElseThrow();
        }
        certificates.setStatus(id, status);
        return announce("certificate.updated", id, environment);
    }

    @Transactional
    public Certificate revoke(String id, Environment environment, String reason) {
        lockChangeable(id, environment);
        certificates.revoke(id, reason);
        return announce("certificate.revoked", id, environment);
    }

    private String lockChangeable(String id, Environment environment) {
        String current = certificates.lockStatus(id, environment)
                .orElseThrow(() -> new NotFound("certificate", id));
        if ("revoked".equals(current)) {
            throw new Conflict("certificate_revoked", "Certificate " + id + " is revoked; revocation is final");
        }
        return current;
    }

    /** Announces the change; the fan-out writes the new status back wherever the certificate was written. */
    private Certificate announce(String type, String id, Environment environment) {
        Certificate certificate = certificates.find(id, environment).orElseThrow();
        events.announce(type, id, certificate);
        return certificate;
    }
}
