package io.certbridge.emulator.trueapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code POST /v1/certificates/batch}: its recipients as sent, and the outcome of each one processed so
 * far. Recipients are validated one by one while processing, so one bad entry fails alone. Changed under the
 * emulator's monitor.
 */
final class BatchJob {

    final String id;
    final String templateId;
    final List<JsonNode> recipients;
    final Instant createdAt;
    private final List<String> certificateIds = new ArrayList<>();
    private final ArrayNode errors = TrueJson.MAPPER.createArrayNode();
    private int processed;
    private Instant completedAt;

    BatchJob(String id, String templateId, List<JsonNode> recipients, Instant createdAt) {
        this.id = id;
        this.templateId = templateId;
        this.recipients = List.copyOf(recipients);
        this.createdAt = createdAt;
    }

    void succeeded(String certificateId, Instant now) {
        certificateIds.add(certificateId);
        advance(now);
    }

    void failed(int index, JsonNode recipient, ApiError error, Instant now) {
        errors.addObject()
                .put("index", index)
                .put("email", recipient.path("email").asText(null))
                .put("code", error.code)
                .put("message", error.getMessage());
        advance(now);
    }

    boolean done() {
        return processed == recipients.size();
    }

    /**
     * {@code {"id","status":"processing"|"completed","template_id","total","completed","failed",
     * "certificate_ids":[…],"errors":[{"index","email","code","message"}],"created_at","completed_at"}}.
     */
    ObjectNode toJson() {
        ObjectNode json = TrueJson.MAPPER.createObjectNode()
                .put("id", id)
                .put("status", done() ? "completed" : "processing")
                .put("template_id", templateId)
                .put("total", recipients.size())
                .put("completed", certificateIds.size())
                .put("failed", errors.size());
        certificateIds.forEach(json.putArray("certificate_ids")::add);
        json.set("errors", errors.deepCopy());
        json.put("created_at", TrueJson.timestamp(createdAt));
        json.put("completed_at", completedAt == null ? null : TrueJson.timestamp(completedAt));
        return json;
    }

    private void advance(Instant now) {
        processed++;
        if (done()) {
            completedAt = now;
        }
    }
}
