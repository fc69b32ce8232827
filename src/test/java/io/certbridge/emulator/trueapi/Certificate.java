package io.certbridge.emulator.trueapi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** One issued certificate and what happened to it since: changed under the account's monitor, read at any time. */
public final class Certificate {

    public final String id;
    /** Creation order, which lists and their cursors follow. */
    public final long sequence;
    public final String templateId;
    public final String recipientName;
    public final String recipientEmail;
    /** The template fields as sent (a JSON object). */
    public final ObjectNode fields;
    /** The batch that issued it, or {@code null} for a single create. */
    public final String batchId;
    public final String transactionHash;
    public final Instant createdAt;
    volatile String status = "issued";
    volatile String revocationReason;
    volatile Instant revokedAt;
    volatile int views;
    volatile int shares;
    volatile int verifications;
    volatile Instant lastViewedAt;

    Certificate(String id, long sequence, String templateId, Recipient recipient, String batchId,
                String transactionHash, Instant createdAt) {
        this.id = id;
        this.sequence = sequence;
        this.templateId = templateId;
        this.recipientName = recipient.name();
        this.recipientEmail = recipient.email();
        this.fields = recipient.fields();
        this.batchId = batchId;
        this.transactionHash = transactionHash;
        this.createdAt = createdAt;
    }

    /** {@code issued}, {@code suspended} or {@code revoked}. */
    public String status() {
        return status;
    }

    /** A template field's text, or {@code null}. */
    public String field(String name) {
        return fields.hasNonNull(name) ? fields.get(name).asText() : null;
    }
}
