package io.certbridge.issuance;

import com.fasterxml.jackson.databind.JsonNode;
import io.certbridge.anchoring.Anchor;
import io.certbridge.shared.Environment;
import io.certbridge.issuance.Certificate.Recipient;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A certificate about to be stored, with its signed credential, its place on the status lists and the
 * places it is to be written back to.
 */
record NewCertificate(String id, Environment environment, String templateId, Recipient recipient,
                      Map<String, JsonNode> fields, Instant issuedAt, Instant expiresAt, String batchId,
                      Integer batchIndex, String requestKey, long statusIndex, String credential,
                      List<WritebackTarget> writebacks) {

    Certificate view(String verificationBaseUrl) {
        return new Certificate(id, "certificate", environment == Environment.LIVE,
                Certificate.effectiveStatus("issued", expiresAt, issuedAt), templateId, recipient, fields,
                verificationBaseUrl + id, issuedAt, expiresAt, null, null, batchId,
                environment == Environment.LIVE ? Anchor.PENDING : null, credential);
    }
}
