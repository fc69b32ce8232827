package io.certbridge.emulator.vec;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One vault certificate (a certificate application with {@code source: vault}) as stored; changes make new
 * values, so a snapshot handed to a test stays as it was.
 *
 * @param triggerContext {@code single_upload} or {@code bulk_upload}
 * @param batchId        the bulk upload that created it, or {@code null}
 * @param status         {@code processing}, {@code approved}, {@code failed} or {@code revoked}
 * @param verifiedAt     when processing last succeeded (the verified PDF exists since), or {@code null}
 */
public record VaultCertificate(long id, String uuid, String referenceId, String certificateTitle, String fullName,
                               String applicantEmail, LocalDate issueDate, String details, String triggerContext,
                               String batchId, StoredFile file, String status, Instant createdAt, Instant updatedAt,
                               Instant verifiedAt) {

    /** A file as uploaded: {@code fileId} is the upload-file id, or {@code null} for a single upload. */
    public record StoredFile(String fileId, String fileName, String mimeType, byte[] content) {
    }

    /** The recipient as duplicate prevention sees it: applicant email (any case), title and issue date. */
    public record Key(String applicantEmail, String certificateTitle, LocalDate issueDate) {

        public Key {
            applicantEmail = applicantEmail.toLowerCase(java.util.Locale.ROOT);
        }
    }

    public Key key() {
        return new Key(applicantEmail, certificateTitle, issueDate);
    }

    VaultCertificate withStatus(String newStatus, Instant now) {
        Instant verified = newStatus.equals("approved") ? now : verifiedAt;
        return new VaultCertificate(id, uuid, referenceId, certificateTitle, fullName, applicantEmail, issueDate,
                details, triggerContext, batchId, file, newStatus, createdAt, now, verified);
    }
}
