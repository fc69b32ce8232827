package io.certbridge.emulator.truescreen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Drives the TrueScreen emulator over HTTP as a hub would, uploads to its presigned URLs and receives its callbacks. */
class TrueScreenEmulatorTest {

    private static final String KEY = "ts_test_key_0123456789";
    private static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString(
            "a test secret of some length".getBytes(StandardCharsets.UTF_8));
    private static final String HASH_A = "2661f88efc456652aa9f65f6340fe0213e5bde437e3c613b2a235de81581161e";
    private static final String HASH_B = "5c5ec4792053e87788d0be3f6c31c77f7e48e02466407da5c16ac1962a00e368";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static TrueScreenEmulator truescreen;
    private static HttpServer receiver;
    private static final List<Received> received = new CopyOnWriteArrayList<>();
    /** Callback answers still to fail with 500 before the receiver answers 204. */
    private static final AtomicInteger failuresToAnswer = new AtomicInteger();

    private record Received(String path, String id, String timestamp, String signature, String body) {
    }

    @BeforeAll
    static void start() throws IOException {
        truescreen = new TrueScreenEmulator(KEY).start();
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hooks/", exchange -> {
            try (exchange) {
                var headers = exchange.getRequestHeaders();
                received.add(new Received(exchange.getRequestURI().getPath(), headers.getFirst("webhook-id"),
                        headers.getFirst("webhook-timestamp"), headers.getFirst("webhook-signature"),
                        new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
                exchange.sendResponseHeaders(failuresToAnswer.getAndDecrement() > 0 ? 500 : 204, -1);
            }
        });
        receiver.start();
    }

    @AfterAll
    static void stop() {
        truescreen.close();
        receiver.stop(0);
    }

    @BeforeEach
    void reset() {
        truescreen.reset();
        truescreen.sendWebhooksTo(null, SECRET);
        truescreen.processingTime(Duration.ofMillis(200));
        truescreen.uploadUrlLifetime(Duration.ofSeconds(120));
        truescreen.artifactUrlLifetime(Duration.ofSeconds(60));
        truescreen.webhookRetries(8, Duration.ofSeconds(5));
        received.clear();
        failuresToAnswer.set(0);
    }

    @Test
    void aHashCertificationIsPendingThenCompletedWithASignedCallbackAndItsArtifacts() throws Exception {
        HttpResponse<String> created = post("/v1/hash-certifications", """
                {"title":"Diploma 42","files":[{"file_name":"diploma.pdf","hash":"%s"},
                 {"file_name":"credential.json","hash":"%s"}],"webhook_url":"%s",
                 "metadata":{"certificate_id":"cert-42"}}""".formatted(HASH_A, HASH_B.toUpperCase(), hook()));

        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode body = read(created);
        String reportId = body.get("report_id").asText();
        assertThat(body.get("status").asText()).isEqualTo("pending");
        assertThat(body.get("credits_amount").asInt()).isEqualTo(2);
        assertThat(body.get("created_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        JsonNode pending = read(get("/v1/certifications/" + reportId));
        assertThat(pending.get("status").asText()).isEqualTo("pending");
        assertThat(pending.get("files")).isEmpty();

        Received callback = awaitCallbacks(1).get(0);
        assertThat(callback.signature()).isEqualTo(expectedSignature(callback));
        JsonNode envelope = MAPPER.readTree(callback.body());
        assertThat(envelope.get("type").asText()).isEqualTo("certification.completed");
        assertThat(envelope.at("/data/report_id").asText()).isEqualTo(reportId);
        assertThat(envelope.at("/data/status").asText()).isEqualTo("completed");

        JsonNode completed = read(get("/v1/certifications/" + reportId));
        assertThat(completed.get("files").findValuesAsText("type")).containsExactly("data", "report", "xml");
        HttpResponse<String> data = download(url(completed, "data"));
        assertThat(data.statusCode()).isEqualTo(200);
        assertThat(read(data).get("files").findValuesAsText("hash")).containsExactly(HASH_A, HASH_B);
        assertThat(read(data).at("/metadata/certificate_id").asText()).isEqualTo("cert-42");
        assertThat(download(url(completed, "report")).body()).startsWith("%PDF");
        assertThat(truescreen.artifactFetches(reportId)).containsEntry("data", 1).containsEntry("report", 1);
        assertThat(truescreen.hashCounts()).containsEntry(HASH_A, 1).containsEntry(HASH_B, 1);
        assertThat(truescreen.countsByMetadata("certificate_id")).containsEntry("cert-42", 1);
        assertThat(truescreen.creditsLeft()).isEqualTo(TrueScreenEmulator.DEFAULT_CREDITS - 2);
    }

    @Test
    void aFileCertificationTakesThreeStepsAndItsSessionCertifiesOnlyOnce() throws Exception {
        JsonNode registered = read(post("/v1/file-certifications-attachments", """
                {"files":[{"file_name":"diploma.pdf"},
                 {"file_name":"photo.jpg","creation_datetime":"2026-01-08T14:30:00.000Z"}]}"""));
        String token = registered.get(0).get("upload_session_token").asText();
        assertThat(registered.get(1).get("upload_session_token").asText()).isEqualTo(token);
        byte[] pdf = "%PDF-1.7 a diploma".getBytes(StandardCharsets.UTF_8);

        assertThat(upload(registered.get(0).get("upload_url").asText(), "application/pdf", pdf).statusCode())
                .isEqualTo(200);
        assertThat(upload(registered.get(1).get("upload_url").asText(), "image/jpeg", new byte[] {1, 2, 3})
                .statusCode()).isEqualTo(200);
        String create = "{\"title\":\"Diploma files\",\"upload_session_token\":\"" + token + "\"}";
        HttpResponse<String> created = post("/v1/file-certifications", create);

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(read(created).get("credits_amount").asInt()).isEqualTo(2);
        assertProblem(post("/v1/file-certifications", create), 400, "TS-012");
        assertThat(truescreen.certifications()).hasSize(1);
        assertThat(truescreen.fileDigestCounts()).containsEntry(sha256(pdf), 1);
        String reportId = read(created).get("report_id").asText();
        await().atMost(Duration.ofSeconds(5)).until(() -> truescreen.certification(reportId).status(),
                "completed"::equals);
        JsonNode completed = read(get("/v1/certifications/" + reportId));
        assertThat(completed.get("files").findValuesAsText("type")).contains("data", "xml", "media");
        assertThat(download(url(completed, "media")).body()).isEqualTo("%PDF-1.7 a diploma");
    }

    @Test
    void creatingBeforeEveryFileIsUploadedIsTs013AndAnUnknownSessionTs011() {
        JsonNode registered = read(post("/v1/file-certifications-attachments",
                "{\"files\":[{\"file_name\":\"a.pdf\"},{\"file_name\":\"b.pdf\"}]}"));
        upload(registered.get(0).get("upload_url").asText(), "application/pdf", new byte[] {1});
        String token = registered.get(0).get("upload_session_token").asText();

        assertProblem(post("/v1/file-certifications", "{\"title\":\"T\",\"upload_session_token\":\"" + token + "\"}"),
                400, "TS-013");
        assertProblem(post("/v1/file-certifications", "{\"title\":\"T\",\"upload_session_token\":\"sess_none\"}"),
                400, "TS-011");
        assertThat(truescreen.certifications()).isEmpty();
    }

    @Test
    void anUploadUrlRefusesOtherHeadersAndTamperingAndExpires() throws Exception {
        truescreen.uploadUrlLifetime(Duration.ofSeconds(1));
        JsonNode registered = read(post("/v1/file-certifications-attachments", "{\"files\":[{\"file_name\":\"a\"}]}"));
        String url = registered.get(0).get("upload_url").asText();

        HttpResponse<String> withAuthorization = call(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/pdf").header("Authorization", "Bearer " + KEY)
                .PUT(BodyPublishers.ofString("x")).build());
        HttpResponse<String> withApiKey = call(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/pdf").header("x-api-key", KEY)
                .PUT(BodyPublishers.ofString("x")).build());
        HttpResponse<String> tampered = upload(url.replace("X-Amz-Expires=1", "X-Amz-Expires=9999"), "text/plain",
                new byte[] {1});
        Thread.sleep(2100);
        HttpResponse<String> late = upload(url, "application/pdf", new byte[] {1});

        assertThat(withAuthorization.statusCode()).isEqualTo(400);
        assertThat(withAuthorization.body()).contains("<Code>InvalidArgument</Code>");
        assertThat(withApiKey.statusCode()).isEqualTo(403);
        assertThat(tampered.statusCode()).isEqualTo(403);
        assertThat(tampered.body()).contains("SignatureDoesNotMatch");
        assertThat(late.statusCode()).isEqualTo(403);
        assertThat(late.body()).contains("Request has expired");
        String token = registered.get(0).get("upload_session_token").asText();
        assertProblem(post("/v1/file-certifications", "{\"title\":\"T\",\"upload_session_token\":\"" + token + "\"}"),
                400, "TS-013");
    }

    @Test
    void artifactUrlsExpireAndAnotherGetSignsFreshOnes() throws Exception {
        truescreen.artifactUrlLifetime(Duration.ofSeconds(1));
        String reportId = certifyHash(HASH_A, null);
        await().atMost(Duration.ofSeconds(5)).until(() -> truescreen.certification(reportId).status(),
                "completed"::equals);
        String stale = url(read(get("/v1/certifications/" + reportId)), "xml");

        Thread.sleep(2100);

        assertThat(download(stale).statusCode()).isEqualTo(403);
        HttpResponse<String> fresh = download(url(read(get("/v1/certifications/" + reportId)), "xml"));
        assertThat(fresh.statusCode()).isEqualTo(200);
        assertThat(fresh.body()).contains(HASH_A);
        assertThat(truescreen.artifactFetches(reportId)).isEqualTo(Map.of("xml", 1));
    }

    @Test
    void aProcessingFailureIsTs014ByCallbackAndByPolling() throws Exception {
        truescreen.failProcessingOfNext(1);
        String reportId = certifyHash(HASH_A, hook());

        JsonNode envelope = MAPPER.readTree(awaitCallbacks(1).get(0).body());
        assertThat(envelope.get("type").asText()).isEqualTo("certification.error");
        assertThat(envelope.at("/data/code").asText()).isEqualTo("TS-014");
        assertThat(envelope.at("/data/instance").asText()).isEqualTo("/v1/certifications/" + reportId);
        HttpResponse<String> polled = get("/v1/certifications/" + reportId);
        assertProblem(polled, 500, "TS-014");
        assertThat(read(polled).get("title").asText()).isEqualTo("Certification processing error");
    }

    @Test
    void aCallbackNotAnswered2xxIsRetriedWithTheSameIdAndEachAttemptSigned() {
        truescreen.webhookRetries(5, Duration.ofMillis(100));
        failuresToAnswer.set(2);
        certifyHash(HASH_A, hook());

        List<Received> attempts = awaitCallbacks(3);

        assertThat(attempts).extracting(Received::id).containsOnly(attempts.get(0).id());
        attempts.forEach(attempt -> assertThat(attempt.signature()).isEqualTo(expectedSignature(attempt)));
        await().atMost(Duration.ofSeconds(2)).until(() -> truescreen.pendingWebhooks() == 0);
        assertThat(truescreen.webhookDeliveries()).extracting(WebhookDelivery::status).containsExactly(500, 500, 204);
    }

    @Test
    void callbacksCanAllGoToOneConfiguredUrl() {
        truescreen.sendWebhooksTo(hook().replace("local", "configured"), SECRET);

        certifyHash(HASH_A, null);

        assertThat(awaitCallbacks(1).get(0).path()).isEqualTo("/hooks/truescreen/configured");
    }

    @Test
    void runningOutOfCreditsIsTs008AndCreatesNothing() {
        truescreen.credits(2);
        certifyHash(HASH_A, null);
        JsonNode registered = read(post("/v1/file-certifications-attachments",
                "{\"files\":[{\"file_name\":\"a\"},{\"file_name\":\"b\"}]}"));
        registered.forEach(file -> upload(file.get("upload_url").asText(), "text/plain", new byte[] {7}));
        String create = "{\"title\":\"T\",\"upload_session_token\":\""
                + registered.get(0).get("upload_session_token").asText() + "\"}";

        assertProblem(post("/v1/hash-certifications", hashBody(HASH_B, null).replace("}]", "},"
                + "{\"file_name\":\"c\",\"hash\":\"" + HASH_A + "\"}]")), 400, "TS-008");
        assertProblem(post("/v1/file-certifications", create), 400, "TS-008");
        assertThat(read(get("/v1/credits")).get("available_credits").asInt()).isEqualTo(1);
        assertThat(truescreen.certifications()).hasSize(1);
        truescreen.credits(10);
        assertThat(post("/v1/file-certifications", create).statusCode()).isEqualTo(201);
    }

    @Test
    void invalidRequestsAreDocumentedProblems() {
        HttpResponse<String> noTitle = post("/v1/hash-certifications",
                "{\"files\":[{\"file_name\":\"a\",\"hash\":\"" + HASH_A + "\"}]}");
        assertProblem(noTitle, 400, "TS-002");
        assertThat(read(noTitle).get("detail").asText()).isEqualTo("must have required property 'title'.");
        assertThat(read(noTitle).get("type").asText())
                .isEqualTo("https://truescreen.redocly.app/errors/validation-error");
        assertProblem(post("/v1/hash-certifications", hashBody("abc123", null)), 400, "TS-002");
        assertProblem(post("/v1/hash-certifications", "{\"title\":\"T\",\"files\":[]}"), 400, "TS-002");
        assertProblem(post("/v1/hash-certifications", "{\"title\":\"T\",\"files\":\"a\"}"), 400, "TS-001");
        assertProblem(post("/v1/hash-certifications", "not json"), 400, "TS-001");
        assertProblem(post("/v1/file-certifications-attachments",
                "{\"files\":[{\"file_name\":\"a\",\"creation_datetime\":\"2999-01-01T00:00:00Z\"}]}"), 400, "TS-002");
        assertProblem(get("/v1/certifications/d8c2aef3-72a7-4a5f-b0e7-4308a88c6cff"), 404, "TS-010");
        assertThat(truescreen.certifications()).isEmpty();
    }

    @Test
    void aMissingOrWrongKeyIs401AndTheKeyWorksInEitherHeader() {
        for (String key : new String[] {null, "ts_wrong"}) {
            assertThat(call(request("GET", "/v1/credits", null).header("x-api-key", key == null ? "" : key)
                    .build()).statusCode()).isEqualTo(401);
        }
        assertProblem(call(request("GET", "/v1/credits", null).build()), 401, "TS-401");
        assertThat(call(request("GET", "/v1/credits", null).header("Authorization", "Bearer " + KEY).build())
                .statusCode()).isEqualTo(200);
    }

    @Test
    void anOutageAndInjectedServerErrorsPassAndLeaveNoCertification() {
        truescreen.outage(true);
        assertThat(post("/v1/hash-certifications", hashBody(HASH_A, null)).statusCode()).isEqualTo(503);
        truescreen.outage(false);
        truescreen.answerNextWithInternalError("/v1/hash-certifications", 1);

        assertProblem(post("/v1/hash-certifications", hashBody(HASH_A, null)), 500, "TS-000");
        assertThat(truescreen.certifications()).isEmpty();
        assertThat(post("/v1/hash-certifications", hashBody(HASH_A, null)).statusCode()).isEqualTo(201);
        assertThat(truescreen.timesCertified(HASH_A)).isEqualTo(1);
    }

    // ---- helpers ----

    private static String hook() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks/truescreen/local";
    }

    private static String hashBody(String hash, String webhookUrl) {
        return "{\"title\":\"T\",\"files\":[{\"file_name\":\"f.pdf\",\"hash\":\"" + hash + "\"}]"
                + (webhookUrl == null ? "" : ",\"webhook_url\":\"" + webhookUrl + "\"") + "}";
    }

    private static String certifyHash(String hash, String webhookUrl) {
        HttpResponse<String> created = post("/v1/hash-certifications", hashBody(hash, webhookUrl));
        assertThat(created.statusCode()).isEqualTo(201);
        return read(created).get("report_id").asText();
    }

    private static List<Received> awaitCallbacks(int count) {
        await().atMost(Duration.ofSeconds(5)).until(() -> received.size() >= count);
        return List.copyOf(received);
    }

    /** The Standard Webhooks signature, computed here independently of the emulator. */
    private static String expectedSignature(Received callback) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(SECRET.substring(6)), "HmacSHA256"));
            String signed = callback.id() + "." + callback.timestamp() + "." + callback.body();
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String url(JsonNode certification, String type) {
        for (JsonNode file : certification.get("files")) {
            if (file.get("type").asText().equals(type)) {
                return file.get("url").asText();
            }
        }
        throw new AssertionError("no " + type + " artifact in " + certification);
    }

    private static void assertProblem(HttpResponse<String> answer, int status, String code) {
        assertThat(answer.statusCode()).isEqualTo(status);
        assertThat(answer.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(read(answer).get("code").asText()).isEqualTo(code);
        assertThat(read(answer).get("status").asInt()).isEqualTo(status);
    }

    private static String sha256(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }

    private static HttpResponse<String> upload(String url, String contentType, byte[] content) {
        return call(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", contentType)
                .PUT(BodyPublishers.ofByteArray(content)).build());
    }

    private static HttpResponse<String> download(String url) {
        return call(HttpRequest.newBuilder(URI.create(url)).build());
    }

    private static HttpResponse<String> post(String path, String json) {
        return call(request("POST", path, json).header("x-api-key", KEY).build());
    }

    private static HttpResponse<String> get(String path) {
        return call(request("GET", path, null).header("x-api-key", KEY).build());
    }

    private static HttpRequest.Builder request(String method, String path, String json) {
        return HttpRequest.newBuilder(URI.create(truescreen.baseUrl() + path))
                .method(method, json == null ? BodyPublishers.noBody() : BodyPublishers.ofString(json))
                .header("Content-Type", "application/json");
    }

    private static HttpResponse<String> call(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode read(HttpResponse<String> response) {
        try {
            return MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
