package io.certbridge.emulator.trueapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * What a TRUE account does: issues certificates (one by one or in batches processed in the background),
 * changes their status, revokes them, counts views, shares and verifications, and tells the webhook
 * endpoints. Every method is thread-safe (synchronized on this account).
 */
final class TrueAccount implements AutoCloseable {

    private static final Set<String> SETTABLE_STATUSES = Set.of("issued", "suspended");

    final WebhookSender webhooks = new WebhookSender();
    private final CertificateStore store = new CertificateStore();
    private final Templates templates = new Templates();
    private final Map<String, BatchJob> batches = new HashMap<>();
    private final Set<String> rejectedEmails = new HashSet<>();
    private final ScheduledExecutorService processing = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "true-emulator-batches");
        thread.setDaemon(true);
        return thread;
    });
    private volatile String verificationBase = "http://127.0.0.1/verify/";
    private int maxBatchSize;
    private Duration processingTime = Duration.ofSeconds(2);

    TrueAccount(int maxBatchSize) {
        this.maxBatchSize = maxBatchSize;
    }

    // ---- settings ----

    void verificationBase(String baseUrl) {
        verificationBase = baseUrl + "/verify/";
    }

    synchronized void maxBatchSize(int size) {
        maxBatchSize = size;
    }

    synchronized void processingTime(Duration time) {
        processingTime = time;
    }

    synchronized void template(String id, boolean active, List<String> requiredFields) {
        templates.put(id, active, requiredFields);
    }

    synchronized void templateActive(String id, boolean active) {
        templates.setActive(id, active);
    }

    synchronized void rejectEmail(String email) {
        rejectedEmails.add(email.toLowerCase(Locale.ROOT));
    }

    // ---- the API ----

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

    /** {@code PATCH /v1/certificates/{id}} with {@code {"status":"suspended"|"issued"}}. */
    synchronized Certificate updateStatus(String id, JsonNode body) {
        Certificate certificate = store.get(id);
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("status")) {
                throw ApiError.validation("Only status can be updated, not " + name);
            }
        }
        String status = body.path("status").asText("");
        if (!SETTABLE_STATUSES.contains(status)) {
            throw ApiError.validation("status must be issued or suspended; revoke with POST /v1/certificates/"
                    + id + "/revoke");
        }
        requireNotRevoked(certificate, "is revoked and cannot change status");
        certificate.status = status;
        return certificate;
    }

    /** {@code POST /v1/certificates/{id}/revoke} with an optional {@code {"reason":…}}. */
    synchronized Certificate revoke(String id, JsonNode body) {
        Certificate certificate = store.get(id);
        requireNotRevoked(certificate, "is already revoked");
        Instant now = Instant.now();
        certificate.revocationReason = body.hasNonNull("reason") ? body.get("reason").asText() : null;
        certificate.revokedAt = now;
        certificate.status = "revoked";
        ObjectNode data = TrueJson.MAPPER.createObjectNode().put("reason", certificate.revocationReason);
        webhooks.send("certificate.revoked", id, now, data);
        return certificate;
    }

    /** {@code POST /v1/certificates/batch}: accepts the job and processes it over the processing time. */
    synchronized BatchJob submitBatch(JsonNode body) {
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
        return job;
    }

    synchronized BatchJob batch(String id) {
        BatchJob job = batches.get(id);
        if (job == null) {
            throw ApiError.notFound("Batch " + id + " not found");
        }
        return job;
    }

    ObjectNode toJson(Certificate certificate) {
        return TrueJson.certificate(certificate, verificationUrl(certificate.id), "polygon");
    }

    String verificationUrl(String certificateId) {
        return verificationBase + certificateId;
    }

    // ---- what recipients and third parties do ----

    synchronized void view(String id, String viewerLocation, String referrer) {
        Certificate certificate = store.get(id);
        Instant now = Instant.now();
        certificate.views++;
        certificate.lastViewedAt = now;
        webhooks.send("certificate.viewed", id, now, TrueJson.MAPPER.createObjectNode()
                .put("viewer_location", viewerLocation).put("referrer", referrer));
    }

    synchronized void share(String id, String channel) {
        store.get(id).shares++;
        webhooks.send("certificate.shared", id, Instant.now(), TrueJson.MAPPER.createObjectNode().put("channel", channel));
    }

    synchronized void verify(String id, String method) {
        store.get(id).verifications++;
        webhooks.send("certificate.verified", id, Instant.now(), TrueJson.MAPPER.createObjectNode().put("method", method));
    }

    // ---- for tests ----

    synchronized List<Certificate> certificates() {
        return store.all();
    }

    synchronized List<SentEmail> emails() {
        return store.emails();
    }

    /** Forgets certificates, batches (their pending work included), e-mails and rejected addresses. */
    synchronized void clear() {
        store.clear();
        batches.clear();
        rejectedEmails.clear();
        webhooks.clearAttempts();
    }

    @Override
    public void close() {
        processing.shutdownNow();
        webhooks.close();
    }

    // ---- issuing ----

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
        if (rejectedEmails.contains(recipient.email().toLowerCase(Locale.ROOT))) {
            throw new ApiError(400, "recipient_rejected", "Recipient " + recipient.email()
                    + " cannot receive certificates (address bounced or unsubscribed)");
        }
        Instant now = Instant.now();
        Certificate certificate = store.issue(templateId, recipient, batchId, now);
        ObjectNode data = TrueJson.MAPPER.createObjectNode()
                .put("template_id", templateId)
                .put("batch_id", batchId)
                .put("verification_url", verificationUrl(certificate.id));
        data.putObject("recipient").put("name", recipient.name()).put("email", recipient.email());
        data.set("fields", recipient.fields().deepCopy());
        webhooks.send("certificate.issued", certificate.id, now, data);
        return certificate;
    }

    private String activeTemplate(JsonNode body) {
        JsonNode templateId = body.get("template_id");
        if (templateId == null || !templateId.isTextual() || templateId.asText().isBlank()) {
            throw ApiError.validation("template_id is required");
        }
        templates.requireActive(templateId.asText());
        return templateId.asText();
    }

    private static void requireNotRevoked(Certificate certificate, String problem) {
        if (certificate.status().equals("revoked")) {
            throw new ApiError(400, "certificate_revoked", "Certificate " + certificate.id + " " + problem);
        }
    }
}
