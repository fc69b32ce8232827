package io.certbridge.issuance;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.databind.JsonNode;
import io.certbridge.anchoring.Anchor;
import java.time.Instant;
import java.util.Map;

/**
 * A certificate as the API shows it. {@code status} is derived: an issued or suspended certificate past
 * its expiry is expired. {@code credential} is its signed Open Badges 3.0 credential, byte for byte as issued,
 * with its anchor proof chained after the signature once its window is anchored; {@code anchor} is null for
 * sandbox certificates, which are never anchored. {@code issuer} is the outside service that issued it (TRUE,
 * SwanShare, VEC.digital), absent for the hub's own certificates; such a certificate is {@code pending} until the
 * service has issued it ({@code failed} if it refused), has the service's {@code verification_url}, no credential
 * and no anchor of the hub's. A renewal's certificate names the certificate it {@code replaces}; that one is
 * {@code superseded} and names the certificate it is {@code superseded_by}; both are absent otherwise.
 */
public record Certificate(String id, String object, boolean livemode, String status, String templateId,
                          Recipient recipient, Map<String, JsonNode> fields, String verificationUrl,
                          Instant issuedAt, Instant expiresAt, Instant revokedAt, String revocationReason,
                          String batchId, @JsonInclude(JsonInclude.Include.NON_NULL) Issuer issuer,
                          @JsonInclude(JsonInclude.Include.NON_NULL) String replaces,
                          @JsonInclude(JsonInclude.Include.NON_NULL) String supersededBy, Anchor anchor,
                          @JsonRawValue String credential) {

    public record Recipient(String name, String email) {
    }

    /**
     * The outside issuer: its account name and type, its id for the certificate once issued, why it refused the
     * certificate if it did, and whether suspension, reinstatement and revocation are forwarded to it.
     */
    public record Issuer(String name, String type, String externalId,
                         @JsonInclude(JsonInclude.Include.NON_NULL) String error, boolean forwardsStatusChanges) {
    }

    /** A superseded certificate stays superseded past its expiry: that it was replaced says more. */
    static String effectiveStatus(String stored, Instant expiresAt, Instant now) {
        if (!"revoked".equals(stored) && !"superseded".equals(stored) && expiresAt != null
                && !expiresAt.isAfter(now)) {
            return "expired";
        }
        return stored;
    }
}
