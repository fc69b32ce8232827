package io.certbridge.emulator.trueapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * What a TRUE account does: issues certificates (one by one, or in batches processed in the background),
 * changes their status, revokes them, counts views, shares and verifications, and tells the webhook
 * endpoint. Thread-safe: every method that touches data holds this account's monitor.
 */
final class TrueAccount implements AutoCloseable {

    final WebhookSender webhooks = new WebhookSender();
    final Templates templates = new Templates();
    private final CertificateStore store = new CertificateStore();
    private final Map<String, BatchJob> batches = new HashMap<>();
    private final ScheduledExecutorService processing = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("true-emulator-batches").factory());
    private volatile String verificationBase = "";
    private volatile int maxBatchSize;
    private volatile Duration processingTime = Duration.ofSeconds(2);

    TrueAccount(int maxBatchSize) {
        this.maxBatchSize = maxBatchSize;
    }

    void verificationBase(String baseUrl) {
        verificationBase = baseUrl + VerificationPages.PREFIX;
    }

    void maxBatchSize(int size) {
        maxBatchSize = size;
    }

    void processingTime(Duration time) {
        processingTime = time;
    }

    /** {@code POST /v1/certificates}. */
    synchronized Certificate issue(JsonNode body) {
        String templateId = activeTemplate(body);
        return issue(templateId, Recipient.parse(body.get("recipient"), body.get("fields"), "recipient"), null);
    }

    synchronized CertificateStore.Page list(CertificateQuery query) {
        return store.list(query);
    }

    synchronized Certificate certificate(String id) {
        return store.get(id);
    }

    /** {@code PATCH /v1/certificates/{id}} with exactly {@code {"status":"suspended"|"issued"}}. */
    synchronized Certificate updateStatus(String id, JsonNode body) {
        Certificate certificate = store.get(id);
        String status = body.path("status").asText("");
        if (body.size() != 1 || !(status.equals("issued") || status.equals("suspended"))) {
            throw ApiError.validation("Send exactly {\"status\":\"issued\"|\"suspended\"}; revoke with POST "
                    + "/v1/certificates/" + id + "/revoke");
        }
        requireNotRevoked(certificate, "is revoked and cannot change status");
        certificate.status = status;
        return certificate;
    }

    /** {@code POST /v1/certificates/{id}/revoke} with an optional {@code {"reason":…}}. */
    synchronized Certificate revoke(String id, JsonNode body) {
        Certificate certificate = store.get(id);
        requireNotRevoked(certificate, "is already revoked");
        certificate.revocationReason = body.hasNonNull("reason") ? body.get("reason").asText() : null;
        certificate.revokedAt = Instant.now();
        certificate.status = "revoked";
        webhooks.send("certificate.revoked", id, certificate.revokedAt,
                TrueJson.MAPPER.createObjectNode().put("reason", certificate.revocationReason));
        return certificate;
    }

    /** {@code POST /v1/certificates/batch}: accepts the job, spreads its issuances over the processing time. */
    synchronized ObjectNode submitBatch(JsonNode body) {
        String templateId = activeTemplate(body);
        JsonNode recipients = body.get("recipients");
        if (recipients == null || !recipients.isArray() || recipients.isEmpty()) {
            throw ApiError.validation("recipients must be a non-empty array");
        }
        if (recipients.size() > maxBatchSize) {
            throw new ApiError(400, "batch_size_exceeded", "Batch of " + recipients.size()
                    + " recipients exceeds your plan's limit of " + maxBatchSize);
        }
        List<JsonNode> entries = new ArrayList<>();
        recipients.forEach(entries::add);
        BatchJob job = new BatchJob(CertificateStore.randomId("batch_"), templateId, entries, Instant.now());
        batches.put(job.id, job);
        long total = processingTime.toNanos();
        for (int i = 0; i < entries.size(); i++) {
            int index = i;
            processing.schedule(() -> process(job, index), total * (i + 1) / entries.size(), TimeUnit.NANOSECONDS);
        }
        return job.toJson();
    }

    /** {@code GET /v1/batches/{id}}. */
    synchronized ObjectNode batch(String id) {
        BatchJob job = batches.get(id);
        if (job == null) {
            throw ApiError.notFound("Batch " + id + " not found");
        }
        return job.toJson();
    }

    ObjectNode toJson(Certificate certificate) {
        return TrueJson.certificate(certificate, verificationBase + certificate.id);
    }

    synchronized void view(String id, String viewerLocation, String referrer) {
        Certificate certificate = store.get(id);
        certificate.views++;
        certificate.lastViewedAt = Instant.now();
        webhooks.send("certificate.viewed", id, certificate.lastViewedAt, TrueJson.MAPPER.createObjectNode()
                .put("viewer_location", viewerLocation).put("referrer", referrer));
    }

    synchronized void share(String id, String channel) {
        store.get(id).shares++;
        webhooks.send("certificate.shared", id, Instant.now(), TrueJson.MAPPER.createObjectNode().put("channel", channel));
    }

    synchronized void verify(String id) {
        store.get(id).verifications++;
        webhooks.send("certificate.verified", id, Instant.now(), TrueJson.MAPPER.createObjectNode().put("method", "qr"));
    }

    synchronized List<Certificate> certificates() {
        return store.all();
    }

    synchronized List<SentEmail> emails() {
        return store.emails();
    }

    /** Forgets certificates, batches (their pending work included), e-mails and webhook attempts. */
    synchronized void clear() {
        store.clear();
        batches.clear();
        webhooks.clearAttempts();
    }

    @Override
    public void close() {
        processing.shutdownNow();
        webhooks.close();
    }

    private synchronized void process(BatchJob job, int index) {
        if (batches.get(job.id) != job) {
            return;
        }
        JsonNode entry = job.recipients.get(index);
        try {
            Recipient recipient = Recipient.parse(entry, entry.get("fields"), "recipients[" + index + "]");
            job.succeeded(issue(job.templateId, recipient, job.id).id, Instant.now());
        } catch (ApiError refused) {
            job.failed(index, entry, refused, Instant.now());
        }
    }

    private Certificate issue(String templateId, Recipient recipient, String batchId) {
        templates.requireActive(templateId);
        templates.requireFields(templateId, recipient.fields());
        Certificate certificate = store.issue(templateId, recipient, batchId, Instant.now());
        ObjectNode data = TrueJson.MAPPER.createObjectNode().put("template_id", templateId).put("batch_id", batchId)
                .put("verification_url", verificationBase + certificate.id);
        data.putObject("recipient").put("name", recipient.name()).put("email", recipient.email());
        data.set("fields", recipient.fields().deepCopy());
        webhooks.send("certificate.issued", certificate.id, certificate.createdAt, data);
        return certificate;
    }

    private String activeTemplate(JsonNode body) {
        String templateId = body.path("template_id").asText("");
        if (templateId.isBlank()) {
            throw ApiError.validation("template_id is required");
        }
        templates.requireActive(templateId);
        return templateId;
    }

    private static void requireNotRevoked(Certificate certificate, String problem) {
        if (certificate.status().equals("revoked")) {
            throw new ApiError(400, "certificate_revoked", "Certificate " + certificate.id + " " + problem);
        }
    }
}
