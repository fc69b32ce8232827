package io.certbridge.credential;

import java.time.Instant;
import java.util.List;

/**
 * What a certificate's credential states; a sandbox certificate's credential has the sandbox issuer.
 *
 * @param fieldsJson the template field values, as a JSON object
 * @param evidence   where the request came from, when an integration sent it
 * @param replaces   the credential URL of the certificate a renewal replaces, or null
 */
public record CredentialClaims(boolean sandbox, String certificateId, String templateId, String achievementName,
                               String achievementDescription, String criteria, String recipientName,
                               String recipientEmail, String fieldsJson, Instant validFrom, Instant validUntil,
                               long statusIndex, List<SourceEvidence> evidence,
                               String replaces) {

    /** A source event, named and fingerprinted by the SHA-256 of its bytes as received. */
    public record SourceEvidence(String name, String description, String sha256Hex) {
    }
}
