package io.certbridge.issuance;

import com.fasterxml.jackson.databind.JsonNode;
import io.certbridge.api.Environment;
import io.certbridge.issuance.Certificate.Recipient;
import java.time.Instant;
import java.util.Map;

/** A certificate about to be stored. */
record NewCertificate(String id, Environment environment, String templateId, Recipient recipient,
                      Map<String, JsonNode> fields, Instant issuedAt, Instant expiresAt, String batchId,
                      Integer batchIndex, String requestKey) {

    Certificate view(String verificationBaseUrl) {
        return new Certificate(id, "certificate", environment == Environment.LIVE,
                Certificate.effectiveStatus("issued", expiresAt, issuedAt), templateId, recipient, fields,
                verificationBaseUrl + id, issuedAt, expiresAt, null, null, batchId);
    }
}
