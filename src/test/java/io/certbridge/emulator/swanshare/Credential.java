package io.certbridge.emulator.swanshare;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * One credential as issued.
 *
 * @param verifyId       the public id, in {@code verify_url} and {@code GET /v1/credentials/{verify_id}}
 * @param ledgerEntry    its place on the emulated hash-chained ledger (1, 2, …)
 * @param issuedAt       when the request that created it was handled
 * @param recipientName  {@code recipient_name}, as sent
 * @param recipientEmail {@code recipient_email}, or {@code null}
 * @param title          {@code title}, as sent
 * @param expiresAtText  {@code expires_at} as sent, or {@code null}
 * @param expiresAt      the first instant it is no longer valid (a date lasts to its end, UTC), or {@code null}
 * @param fields         {@code fields} as sent ({@code {}} when none)
 */
public record Credential(String verifyId, long ledgerEntry, Instant issuedAt, String recipientName,
                         String recipientEmail, String title, String expiresAtText, Instant expiresAt,
                         ObjectNode fields) {

    /** Who and what it was for, to count issuances: e-mail (else name), title, and the hub's reference field. */
    public IssuanceKey key(String referenceField) {
        String recipient = recipientEmail != null ? recipientEmail : recipientName;
        String reference = fields.hasNonNull(referenceField) ? fields.get(referenceField).asText() : null;
        return new IssuanceKey(recipient, title, reference);
    }

    /**
     * What proves exactly-once issuance: one credential per key.
     *
     * @param recipient {@code recipient_email}, or {@code recipient_name} when no e-mail was sent
     * @param title     {@code title}
     * @param reference the value of the reference field in {@code fields} (the hub's certificate id), or {@code null}
     */
    public record IssuanceKey(String recipient, String title, String reference) {
    }
}
