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
 * places it is to be written back to; or, when an outside service issues it ({@code issuer}), with none of the
 * first two, pending until the service has issued it. {@code replaces} is the certificate a renewal replaces.
 */
record NewCertificate(String id, Environment environment, String templateId, Recipient recipient,
                      Map<String, JsonNode> fields, Instant issuedAt, Instant expiresAt, String batchId,
                      Integer batchIndex, String requestKey, Long statusIndex, String credential,
                      List<WritebackTarget> writebacks, Certificate.Issuer issuer, String learnerKey,
                      String replaces) {

    String status() {
        return issuer == null ? "issued" : "pending";
    }

    Certificate view(String verificationBaseUrl) {
        boolean anchored = environment == Environment.LIVE && issuer == null;
        return new Certificate(id, "certificate", environment == Environment.LIVE,
                Certificate.effectiveStatus(status(), expiresAt, issuedAt), templateId, recipient, fields,
                issuer == null ? verificationBaseUrl + id : null, issuedAt, expiresAt, null, null, batchId, issuer,
                replaces, null, anchored ? Anchor.PENDING : null, credential);
    }
}
