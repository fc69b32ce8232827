package io.certbridge.issuance;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.databind.JsonNode;
import io.certbridge.anchoring.Anchor;
import java.time.Instant;
import java.util.Map;

/**
 * A certificate as the API shows it. {@code status} is derived: an issued or suspended certificate past
 * its expiry is expired. {@code credential} is its signed Open Badges 3.0 credential, byte for byte as issued,
 * with its anchor proof chained after the signature once its window is anchored; {@code anchor} is null for
 * sandbox certificates, which are never anchored.
 */
public record Certificate(String id, String object, boolean livemode, String status, String templateId,
                          Recipient recipient, Map<String, JsonNode> fields, String verificationUrl,
                          Instant issuedAt, Instant expiresAt, Instant revokedAt, String revocationReason,
                          String batchId, Anchor anchor, @JsonRawValue String credential) {

    public record Recipient(String name, String email) {
    }

    static String effectiveStatus(String stored, Instant expiresAt, Instant now) {
        if (!"revoked".equals(stored) && expiresAt != null && !expiresAt.isAfter(now)) {
            return "expired";
        }
        return stored;
    }
}
