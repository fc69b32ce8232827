package io.certbridge.issuance;

import com.fasterxml.jackson.databind.JsonNode;
import io.certbridge.issuance.Certificate.Recipient;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The canonical request to issue one certificate, as it travels on the certificate-requests topic.
 * {@code requestKey} names the request uniquely at its source (a batch row, an LMS event): a request
 * whose key was already issued issues nothing. {@code source} is the event an integration received,
 * which the credential cites as evidence; {@code writebacks} are the places the certificate is written
 * back to once issued. {@code learnerKey} is the LMS user the certificate is for ({@code <source>/<tenant>/<learner
 * id>}), null when no LMS event asked for it; {@code renews} says that the certificate replaces the recipient's live
 * one from the same template, if there is one (see {@link Renewals}).
 */
public record CertificateRequest(String requestKey, String environment, String templateId, Recipient recipient,
                                 Map<String, JsonNode> fields, Instant expiresAt, String batchId,
                                 Integer batchIndex, SourceEvent source, List<WritebackTarget> writebacks,
                                 String learnerKey, boolean renews) {

    /**
     * An event from an outside system, fingerprinted by the SHA-256 (hex) of the event as the hub recorded
     * it (without any secret it carried).
     */
    public record SourceEvent(String system, String type, String id, String sha256) {
    }
}
