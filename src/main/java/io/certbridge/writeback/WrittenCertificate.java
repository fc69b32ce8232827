package io.certbridge.writeback;

import io.certbridge.credential.IssuerIdentity;
import io.certbridge.delivery.Delivery;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * What a write-back writes: its certificate as it is when the write-back is sent, so that a revoked certificate's
 * record says revoked whichever event the write-back was planned for.
 */
@Component
public class WrittenCertificate {

    /** What the hub announces of a write-back given up: the institution hears of its dead letters. */
    public static final String WRITEBACK_FAILED = "writeback.failed";

    /** The names {@link #values} gives the certificate's values by. */
    public static final Set<String> VALUE_NAMES = Set.of("certificate_id", "verification_url", "status", "issued_at");

    private final String verificationBaseUrl;

    public WrittenCertificate(IssuerIdentity issuer) {
        this.verificationBaseUrl = issuer.baseUrl() + "/verify/";
    }

    /** The hub's verification page, or the service's own for a certificate an outside service issued. */
    public String verificationUrl(Delivery writeback) {
        return writeback.certificateUrl() != null ? writeback.certificateUrl()
                : verificationBaseUrl + writeback.certificateId();
    }

    /** The certificate's values by the names rules give them (a Salesforce field takes one of these). */
    public Map<String, Object> values(Delivery writeback) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("certificate_id", writeback.certificateId());
        values.put("verification_url", verificationUrl(writeback));
        values.put("status", writeback.certificateStatus());
        values.put("issued_at", writeback.certificateIssuedAt().toString());
        return values;
    }

    /** A line for the learner: what became of the certificate, and where to see it. */
    public String sentence(Delivery writeback) {
        return switch (writeback.certificateStatus()) {
            case "revoked" -> "Your certificate has been revoked: " + verificationUrl(writeback);
            case "suspended" -> "Your certificate is suspended: " + verificationUrl(writeback);
            default -> "Your certificate is ready: " + verificationUrl(writeback);
        };
    }
}
