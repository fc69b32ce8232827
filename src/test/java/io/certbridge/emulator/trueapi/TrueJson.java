package io.certbridge.emulator.trueapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.certbridge.emulator.EmulatorServer.Response;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** TRUE's JSON: the mapper, timestamps as in the document ({@code 2026-03-03T09:15:00Z}) and error bodies. */
final class TrueJson {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final String DOCUMENTATION = "https://docs.trueoriginal.com/errors/";

    private TrueJson() {
    }

    static String timestamp(Instant at) {
        return at.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** {@code {"error":{"code":…,"message":…,"documentation_url":"https://docs.trueoriginal.com/errors/<code>"}}}. */
    static ObjectNode error(String code, String message) {
        ObjectNode body = MAPPER.createObjectNode();
        body.putObject("error")
                .put("code", code)
                .put("message", message)
                .put("documentation_url", DOCUMENTATION + code);
        return body;
    }

    /**
     * A certificate as every answer shows it: {@code id, status, template_id, recipient{name,email}, fields,
     * verification_url, blockchain{network,transaction_hash,confirmed}, analytics{views,shares,verifications,
     * last_viewed_at}, batch_id, revoked_at, revocation_reason, created_at} (absent values are null).
     */
    static ObjectNode certificate(Certificate certificate, String verificationUrl, String network) {
        ObjectNode json = MAPPER.createObjectNode()
                .put("id", certificate.id)
                .put("status", certificate.status())
                .put("template_id", certificate.templateId);
        json.putObject("recipient").put("name", certificate.recipientName).put("email", certificate.recipientEmail);
        json.set("fields", certificate.fields.deepCopy());
        json.put("verification_url", verificationUrl);
        json.putObject("blockchain")
                .put("network", network)
                .put("transaction_hash", certificate.transactionHash)
                .put("confirmed", true);
        json.putObject("analytics")
                .put("views", certificate.views)
                .put("shares", certificate.shares)
                .put("verifications", certificate.verifications)
                .put("last_viewed_at", orNull(certificate.lastViewedAt));
        json.put("batch_id", certificate.batchId);
        json.put("revoked_at", orNull(certificate.revokedAt));
        json.put("revocation_reason", certificate.revocationReason);
        json.put("created_at", timestamp(certificate.createdAt));
        return json;
    }

    private static String orNull(Instant at) {
        return at == null ? null : timestamp(at);
    }

    static Response errorResponse(int status, String code, String message) {
        return Response.json(status, error(code, message));
    }

    static Response json(int status, JsonNode body) {
        return Response.json(status, body);
    }
}
