package io.certbridge.emulator.trueapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.certbridge.emulator.EmulatorServer.Response;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** TRUE's JSON: timestamps as in the document ({@code 2026-03-03T09:15:00Z}), certificates and error bodies. */
final class TrueJson {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private TrueJson() {
    }

    static String timestamp(Instant at) {
        return at == null ? null : at.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** {@code {"error":{"code":…,"message":…,"documentation_url":"https://docs.trueoriginal.com/errors/<code>"}}}. */
    static Response error(int status, String code, String message) {
        ObjectNode body = MAPPER.createObjectNode();
        body.putObject("error").put("code", code).put("message", message)
                .put("documentation_url", "https://docs.trueoriginal.com/errors/" + code);
        return Response.json(status, body);
    }

    /**
     * A certificate as every answer shows it: {@code id, status, template_id, recipient{name,email}, fields,
     * verification_url, blockchain{network,transaction_hash,confirmed}, analytics{views,shares,verifications,
     * last_viewed_at}, batch_id, revoked_at, revocation_reason, created_at}; absent values are null.
     */
    static ObjectNode certificate(Certificate certificate, String verificationUrl) {
        ObjectNode json = MAPPER.createObjectNode().put("id", certificate.id).put("status", certificate.status())
                .put("template_id", certificate.templateId);
        json.putObject("recipient").put("name", certificate.recipientName).put("email", certificate.recipientEmail);
        json.set("fields", certificate.fields.deepCopy());
        json.put("verification_url", verificationUrl);
        json.putObject("blockchain").put("network", "polygon").put("transaction_hash", certificate.transactionHash)
                .put("confirmed", true);
        json.putObject("analytics").put("views", certificate.views).put("shares", certificate.shares)
                .put("verifications", certificate.verifications)
                .put("last_viewed_at", timestamp(certificate.lastViewedAt));
        return json.put("batch_id", certificate.batchId).put("revoked_at", timestamp(certificate.revokedAt))
                .put("revocation_reason", certificate.revocationReason)
                .put("created_at", timestamp(certificate.createdAt));
    }
}
