package io.certbridge.vault;

import io.certbridge.issuance.Certificate.Recipient;
import java.time.Instant;
import java.time.LocalDate;

/**
 * An entry of the vault as the API shows it: a certificate its issuer already had, on its way to being verifiable.
 * {@code status} is processing, approved or failed ({@code failure_reason} says why); once approved it has its
 * certificate, whose verification link the stamped copy carries.
 */
public record VaultEntry(String id, String object, boolean livemode, String status, String failureReason,
                         String templateId, Recipient recipient, String title, LocalDate issueDate, File file,
                         String batchId, String certificateId, String verificationUrl, Instant createdAt,
                         Instant updatedAt, Instant approvedAt) {

    public static final String PROCESSING = "processing";
    public static final String APPROVED = "approved";
    public static final String FAILED = "failed";

    /** The file as uploaded, which the certificate's credential cites by its SHA-256. */
    public record File(String id, String sha256, String mediaType, long size) {
    }
}
