package io.certbridge.emulator.truescreen;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.certbridge.emulator.EmulatorServer;
import io.certbridge.emulator.RecordedRequest;
import io.certbridge.emulator.truescreen.Artifacts.Artifact;
import io.certbridge.emulator.truescreen.Certification.CertifiedFile;
import io.certbridge.emulator.truescreen.Certification.Outcome;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A TrueScreen account behind its Public API ({@code https://truescreen.redocly.app}, "Certification call flow"):
 * hash certification, the three-step file certification with presigned upload URLs, asynchronous processing ending
 * in {@code completed} or TS-014, Standard Webhooks callbacks, polling, and presigned artifact URLs. The API is at
 * {@link #baseUrl()} ({@code /v1/…}); the "S3" of upload and artifact URLs is this server's {@code /s3/…}.
 *
 * <p>Documented and emulated: {@code POST /v1/hash-certifications}, {@code POST /v1/file-certifications-attachments}
 * (201, one {@code upload_session_token} for all files, an {@code upload_url} per file valid 120 s), {@code PUT
 * upload_url} with only {@code Content-Type}, {@code POST /v1/file-certifications} (201), {@code GET
 * /v1/certifications/{reportId}} ({@code pending} with {@code files: []}, {@code completed} with {@code files[{type,
 * url}]} of types data, report, xml, media, URLs valid 60 s; after a processing failure 500 problem+json TS-014);
 * 1 credit per hash or file; errors as RFC 9457 problem+json with {@code code} TS-001, TS-002, TS-008, TS-010,
 * TS-011, TS-012, TS-013 (400 or 404), TS-000 and TS-014 (500); callbacks {@code certification.completed} and
 * {@code certification.error} in the Standard Webhooks envelope with webhook-id, webhook-timestamp and
 * webhook-signature.
 *
 * <p>Assumed where the documents are silent:
 * <ul>
 * <li>The API key goes in {@code x-api-key} (as behind an API Gateway); {@code Authorization: Bearer <key>} is
 *     accepted too. A missing or wrong key is answered 401 problem+json {@code type …/errors/unauthorized-error},
 *     {@code code TS-401}: only the status is meant to be relied on.</li>
 * <li>There is no list or search of certifications: a hub cannot adopt one whose creation answer it lost. No rate
 *     limit is documented and none is applied (inject a 429 with {@link #failNext}).</li>
 * <li>Credits are taken when a certification is created (TS-008 when the balance is short: nothing is created, the
 *     session stays usable); {@code GET /v1/credits} answers {@code {"available_credits": n}}.</li>
 * <li>Checks on file creation run in the order TS-002, TS-011 (unknown token), TS-012 (used), TS-013 (a file not
 *     uploaded), TS-008. An upload session never expires, but its URLs do: a file not uploaded in time means TS-013
 *     until the files are registered again. A second PUT of the same file replaces it until the session is used.</li>
 * <li>Presigned URLs follow S3: an expired URL is 403 {@code AccessDenied "Request has expired"}, a changed one 403
 *     {@code SignatureDoesNotMatch}, an {@code Authorization} header 400 {@code InvalidArgument}, a PUT without
 *     Content-Type or with any header other than Content-Type and HTTP's own (Host, Content-Length, Connection,
 *     Upgrade, HTTP2-Settings, Transfer-Encoding, Expect, User-Agent, Accept, Accept-Encoding) 403; bodies are S3
 *     XML {@code <Error><Code/><Message/></Error>}. Each GET of a certification (and each callback) signs fresh
 *     artifact URLs; a retried callback carries the URLs signed when it was first sent.</li>
 * <li>The callback goes to the request's {@code webhook_url}; {@link #sendWebhooksTo} can send every callback to
 *     one URL instead. The envelope is {@code {"type", "timestamp", "data"}}; {@code certification.error}'s problem
 *     carries {@code "instance": "/v1/certifications/<reportId>"} to name the certification. A callback not
 *     answered 2xx is retried: 8 attempts, back-off from 5 s doubling to 10 min.</li>
 * <li>The artifacts' content (jsonData with {@code files[{file_name, hash}]} and {@code metadata}, a minimal PDF,
 *     an XML envelope) only stands in for the real signed documents.</li>
 * <li>An outage answers {@code /v1} with 503 {@code {"message":"Service Unavailable"}} (no problem body, as the
 *     documents warn for gateway errors); the storage URLs keep working.</li>
 * </ul>
 * To run it on its own, see {@link TrueScreenEmulatorMain}.
 */
public final class TrueScreenEmulator extends EmulatorServer {

    public static final int DEFAULT_CREDITS = 1_000_000;
    private static final Response NOT_FOUND = Response.text(404, "application/json", "{\"message\":\"Not Found\"}");

    private final Set<String> apiKeys = new HashSet<>();
    private final Presigner presigner = new Presigner();
    private final UploadSessions sessions = new UploadSessions();
    private final Map<String, Certification> certifications = new LinkedHashMap<>();
    private final Set<String> failing = new HashSet<>();
    private final Map<String, Map<String, Integer>> artifactFetches = new HashMap<>();
    private final StandardWebhookSender webhooks = new StandardWebhookSender();
    private final ScheduledExecutorService processing = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("truescreen-processing").factory());
    private int credits = DEFAULT_CREDITS;
    private int processingFailuresToCome;
    private boolean outage;
    private Duration processingTime = Duration.ofSeconds(2);
    private Duration uploadUrlLifetime = Duration.ofSeconds(120);
    private Duration artifactUrlLifetime = Duration.ofSeconds(60);
    private URI webhookOverride;
    private String webhookSecret = "whsec_" + Base64.getEncoder().encodeToString(new SecureRandom().generateSeed(24));

    public TrueScreenEmulator(String apiKey) {
        apiKeys.add(apiKey);
    }

    @Override
    public TrueScreenEmulator start() {
        super.start();
        return this;
    }

    /** Stops serving, processing and callbacks. */
    @Override
    public void close() {
        super.close();
        processing.shutdownNow();
        webhooks.close();
    }

    // ---- settings (kept by reset) ----

    /** How long a certification stays {@code pending} (default 2 s). */
    public synchronized void processingTime(Duration time) {
        processingTime = time;
    }

    /** How long an {@code upload_url} accepts its PUT (default 120 s; whole seconds, at least 1). */
    public synchronized void uploadUrlLifetime(Duration lifetime) {
        uploadUrlLifetime = lifetime;
    }

    /** How long an artifact URL can be downloaded (default 60 s; whole seconds, at least 1). */
    public synchronized void artifactUrlLifetime(Duration lifetime) {
        artifactUrlLifetime = lifetime;
    }

    /**
     * The account's webhook signing secret ({@code whsec_<base64>}) and, when {@code url} is not null, the one URL
     * every callback goes to instead of the request's {@code webhook_url}.
     */
    public synchronized void sendWebhooksTo(String url, String secret) {
        StandardWebhookSender.key(secret);
        webhookOverride = url == null ? null : URI.create(url);
        webhookSecret = secret;
    }

    /** Attempts per callback until one is answered 2xx (default 8), and the first back-off (default 5 s). */
    public void webhookRetries(int maxAttempts, Duration firstBackoff) {
        webhooks.retries(maxAttempts, firstBackoff);
    }

    // ---- account state and faults (reset restores them) ----

    /** Sets the credit balance (default {@value #DEFAULT_CREDITS}). */
    public synchronized void credits(int balance) {
        credits = balance;
    }

    public synchronized int creditsLeft() {
        return credits;
    }

    /** While on, every {@code /v1} request is answered 503. */
    public synchronized void outage(boolean on) {
        outage = on;
    }

    /** The next {@code count} certifications created end in TS-014 instead of {@code completed}. */
    public synchronized void failProcessingOfNext(int count) {
        processingFailuresToCome = count;
    }

    /** The next {@code count} requests under the path answer the documented TS-000 500 problem. */
    public void answerNextWithInternalError(String pathPrefix, int count) {
        injectFaults(pathPrefix, count, Problem.internal().toResponse());
    }

    // ---- what tests assert on ----

    /** Every certification created, in order. */
    public synchronized List<Certification> certifications() {
        return List.copyOf(certifications.values());
    }

    public synchronized Certification certification(String reportId) {
        return certifications.get(reportId);
    }

    /** How many hash certifications certified each hash (lower-case hex); exactly once means every value is 1. */
    public synchronized Map<String, Integer> hashCounts() {
        return digestCounts(c -> c.mode().equals("hash"));
    }

    /** How many file certifications certified each uploaded file's SHA-256. */
    public synchronized Map<String, Integer> fileDigestCounts() {
        return digestCounts(c -> c.mode().equals("file"));
    }

    /** Certifications, of either mode, that include this SHA-256. */
    public synchronized int timesCertified(String sha256) {
        return digestCounts(c -> true).getOrDefault(sha256.toLowerCase(Locale.ROOT), 0);
    }

    /** Certifications per value of one {@code metadata} field (those without it are left out). */
    public synchronized Map<String, Integer> countsByMetadata(String field) {
        Map<String, Integer> counts = new TreeMap<>();
        certifications.values().stream().filter(c -> c.metadata() != null && c.metadata().hasNonNull(field))
                .forEach(c -> counts.merge(c.metadata().get(field).asText(), 1, Integer::sum));
        return counts;
    }

    /** Successful downloads of a certification's artifacts, per type ({@code data}, {@code report}, …). */
    public synchronized Map<String, Integer> artifactFetches(String reportId) {
        return Map.copyOf(artifactFetches.getOrDefault(reportId, Map.of()));
    }

    /** Every callback attempt so far, in the order they ended. */
    public List<WebhookDelivery> webhookDeliveries() {
        return webhooks.deliveries();
    }

    /** Callbacks still waiting for a retry or an answer. */
    public int pendingWebhooks() {
        return webhooks.pending();
    }

    /** {@code v1,<base64>}: the {@code webhook-signature} of a callback, for hub tests that forge one. */
    public static String signature(String secret, String webhookId, long timestamp, String body) {
        return StandardWebhookSender.signature(secret, webhookId, timestamp, body);
    }

    // ---- serving ----

    /** Clears certifications, sessions, counts, callbacks and faults; credits return to the default. */
    @Override
    protected void onReset() {
        certifications.clear();
        sessions.clear();
        failing.clear();
        artifactFetches.clear();
        webhooks.clear();
        credits = DEFAULT_CREDITS;
        processingFailuresToCome = 0;
        outage = false;
    }

    @Override
    protected Response handle(RecordedRequest request) {
        if (request.path().startsWith("/s3/")) {
            return storage(request);
        }
        if (!request.path().startsWith("/v1/")) {
            return NOT_FOUND;
        }
        if (outage) {
            return Response.text(503, "application/json", "{\"message\":\"Service Unavailable\"}");
        }
        try {
            authorize(request);
            return api(request);
        } catch (Problem problem) {
            return problem.toResponse();
        }
    }

    private void authorize(RecordedRequest request) {
        String key = request.header("x-api-key");
        String authorization = request.header("Authorization");
        if (key == null && authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            key = authorization.substring(7).strip();
        }
        if (key == null || !apiKeys.contains(key)) {
            throw Problem.unauthorized();
        }
    }

    private Response api(RecordedRequest request) {
        String path = request.path();
        String method = request.method();
        if (path.startsWith("/v1/certifications/") && method.equals("GET")) {
            return poll(path.substring("/v1/certifications/".length()));
        }
        return switch (method + " " + path) {
            case "POST /v1/hash-certifications" -> createHashCertification(RequestBodies.object(request.body()));
            case "POST /v1/file-certifications-attachments" -> register(RequestBodies.object(request.body()));
            case "POST /v1/file-certifications" -> createFileCertification(RequestBodies.object(request.body()));
            case "GET /v1/credits" -> Response.json(200, json().put("available_credits", credits));
            default -> NOT_FOUND;
        };
    }

    private Response createHashCertification(ObjectNode body) {
        RequestBodies.Common common = RequestBodies.common(body);
        return create("hash", common, RequestBodies.hashedFiles(body));
    }

    private Response register(ObjectNode body) {
        List<UploadSessions.Registered> registered = new ArrayList<>();
        String token = sessions.register(RequestBodies.registeredFiles(body), registered);
        ArrayNode answer = JsonNodeFactory.instance.arrayNode();
        for (UploadSessions.Registered file : registered) {
            String path = UploadSessions.PATH + file.attachmentId();
            answer.addObject().put("file_name", file.fileName()).put("upload_session_token", token)
                    .put("upload_url", baseUrl() + path + "?" + presigner.sign("PUT", path, uploadUrlLifetime));
        }
        return Response.json(201, answer);
    }

    private Response createFileCertification(ObjectNode body) {
        RequestBodies.Common common = RequestBodies.common(body);
        String token = RequestBodies.uploadSessionToken(body);
        Response created = create("file", common, sessions.take(token));
        sessions.markUsed(token);
        return created;
    }

    private Response create(String mode, RequestBodies.Common common, List<CertifiedFile> files) {
        if (credits < files.size()) {
            throw Problem.insufficientCredits();
        }
        credits -= files.size();
        Certification certification = new Certification(UUID.randomUUID().toString(), mode, common.title(), files,
                common.metadata(), common.generatePdfReport(), common.webhookUrl(),
                Instant.now().truncatedTo(ChronoUnit.SECONDS), new Outcome());
        certifications.put(certification.reportId(), certification);
        if (processingFailuresToCome > 0) {
            processingFailuresToCome--;
            failing.add(certification.reportId());
        }
        processing.schedule(() -> finish(certification.reportId()), processingTime.toMillis(), TimeUnit.MILLISECONDS);
        return Response.json(201, json().put("report_id", certification.reportId()).put("status", "pending")
                .put("credits_amount", certification.credits()).put("title", certification.title())
                .put("created_at", certification.createdAt().toString()));
    }

    private synchronized void finish(String reportId) {
        Certification certification = certifications.get(reportId);
        if (certification == null) {
            return;
        }
        boolean failed = failing.remove(reportId);
        certification.outcome().finish(failed, Instant.now());
        URI target = webhookOverride != null ? webhookOverride
                : certification.webhookUrl() == null ? null : URI.create(certification.webhookUrl());
        if (target != null) {
            ObjectNode envelope = json().put("type", failed ? "certification.error" : "certification.completed")
                    .put("timestamp", Instant.now().toString());
            envelope.set("data", failed ? Problem.processingFailed(reportId).toJson() : view(certification));
            webhooks.send(target, webhookSecret, envelope.toString());
        }
    }

    private Response poll(String reportId) {
        Certification certification = certifications.get(reportId);
        if (certification == null) {
            throw Problem.certificationNotFound();
        }
        if (certification.status().equals("error")) {
            throw Problem.processingFailed(reportId);
        }
        return Response.json(200, view(certification));
    }

    /** The certification as GET shows it, with freshly signed artifact URLs once completed. */
    private ObjectNode view(Certification certification) {
        ObjectNode view = json().put("report_id", certification.reportId()).put("status", certification.status())
                .put("created_at", certification.createdAt().toString()).put("title", certification.title());
        ArrayNode files = view.putArray("files");
        if (certification.status().equals("completed")) {
            for (Artifact artifact : Artifacts.of(certification)) {
                String path = Artifacts.path(certification, artifact);
                files.addObject().put("type", artifact.type())
                        .put("url", baseUrl() + path + "?" + presigner.sign("GET", path, artifactUrlLifetime));
            }
        }
        return view;
    }

    /** The presigned "S3" side: PUT of an upload, GET of an artifact; refusals as S3's XML errors. */
    private Response storage(RecordedRequest request) {
        Presigner.Refusal refusal = presigner.check(request);
        if (refusal == null && request.path().startsWith(UploadSessions.PATH)) {
            refusal = sessions.upload(request);
            if (refusal == null) {
                return new Response(200, null, null, Map.of("ETag", "\"" + UUID.randomUUID() + "\""));
            }
        } else if (refusal == null) {
            Response artifact = artifact(Artifacts.locate(request.path()));
            if (artifact != null) {
                return artifact;
            }
            refusal = new Presigner.Refusal(404, "NoSuchKey", "The specified key does not exist.");
        }
        return Response.text(refusal.status(), "application/xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<Error><Code>" + refusal.code() + "</Code><Message>" + refusal.message() + "</Message></Error>");
    }

    /** The artifact at (reportId, name) of a completed certification, counted as fetched; null when none. */
    private Response artifact(String[] location) {
        Certification certification = location == null ? null : certifications.get(location[0]);
        if (certification == null || !certification.status().equals("completed")) {
            return null;
        }
        for (Artifact artifact : Artifacts.of(certification)) {
            if (artifact.name().equals(location[1])) {
                artifactFetches.computeIfAbsent(location[0], id -> new TreeMap<>())
                        .merge(artifact.type(), 1, Integer::sum);
                return new Response(200, artifact.contentType(), artifact.content(), Map.of());
            }
        }
        return null;
    }

    private Map<String, Integer> digestCounts(Predicate<Certification> which) {
        Map<String, Integer> counts = new TreeMap<>();
        certifications.values().stream().filter(which)
                .forEach(c -> c.files().forEach(f -> counts.merge(f.sha256(), 1, Integer::sum)));
        return counts;
    }

    private static ObjectNode json() {
        return JsonNodeFactory.instance.objectNode();
    }
}
