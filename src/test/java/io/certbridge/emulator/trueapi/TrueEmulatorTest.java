package io.certbridge.emulator.trueapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Drives the TRUE emulator from the outside with {@link HttpClient}, and takes its webhooks on a loopback server. */
class TrueEmulatorTest {

    private static final String KEY = "true_test_key_1";
    private static final String SECRET = "whsec-test";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** A webhook as the hub receives it (header names as the JDK server spells them: {@code X-true-signature}). */
    private record Received(String query, Map<String, List<String>> headers, String body) {
        JsonNode json() throws IOException {
            return MAPPER.readTree(body);
        }
    }

    private TrueEmulator emulator;
    private HttpServer receiver;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    /** The receiver's answers, in turn; 200 once they run out. */
    private final List<Integer> receiverAnswers = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hooks", exchange -> {
            received.add(new Received(exchange.getRequestURI().getRawQuery(), Map.copyOf(exchange.getRequestHeaders()),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(receiverAnswers.isEmpty() ? 200 : receiverAnswers.removeFirst(), -1);
            exchange.close();
        });
        receiver.start();
        emulator = new TrueEmulator(KEY).start();
        emulator.processingTime(Duration.ofMillis(600));
        emulator.webhookRetries(3, Duration.ofMillis(100));
        emulator.sendWebhooksTo(hooksUrl(""), SECRET);
    }

    @AfterEach
    void stop() {
        emulator.close();
        receiver.stop(0);
    }

    @Test
    void theDocumentedCreateIsIssuedMailedSignedAndVerifiable() throws Exception {
        HttpResponse<String> response = send("POST", "/v1/certificates", KEY, issue("maria@example.com", "PM-2026-0042"));

        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode certificate = MAPPER.readTree(response.body());
        String id = certificate.get("id").asText();
        assertThat(id).matches("cert_[a-z0-9]{16}");
        assertThat(certificate.get("status").asText()).isEqualTo("issued");
        assertThat(certificate.at("/recipient/email").asText()).isEqualTo("maria@example.com");
        assertThat(certificate.at("/fields/credential_id").asText()).isEqualTo("PM-2026-0042");
        assertThat(certificate.get("verification_url").asText()).isEqualTo(emulator.baseUrl() + "/verify/" + id);
        assertThat(certificate.at("/blockchain/transaction_hash").asText()).matches("0x[0-9a-f]{64}");
        assertThat(certificate.at("/blockchain/confirmed").asBoolean()).isTrue();
        assertThat(certificate.get("created_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(response.headers().firstValue("X-RateLimit-Limit")).hasValue("60");
        assertThat(response.headers().firstValue("X-RateLimit-Remaining")).hasValue("59");
        assertThat(emulator.emailsSent()).extracting(SentEmail::to, SentEmail::certificateId)
                .containsExactly(tuple("maria@example.com", id));

        Received issued = awaitWebhooks(1).get(0);
        assertThat(issued.headers().get("X-true-signature")).containsExactly(WebhookSender.sign(SECRET, issued.body()));
        JsonNode payload = issued.json();
        assertThat(payload.get("event").asText()).isEqualTo("certificate.issued");
        assertThat(payload.get("certificate_id").asText()).isEqualTo(id);
        assertThat(payload.get("timestamp").asText()).endsWith("Z");
        assertThat(payload.at("/data/fields/credential_id").asText()).isEqualTo("PM-2026-0042");

        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create(certificate.get("verification_url")
                .asText())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<meta name=\"true-certificate-status\" content=\"issued\">");
    }

    @Test
    void badKeysAndInvalidRequestsAreRefusedInTheDocumentedShapeAndCreateNothing() throws Exception {
        for (String key : new String[] {null, "wrong"}) {
            HttpResponse<String> response = send("GET", "/v1/certificates", key, null);
            assertError(response, 401, "invalid_api_key");
            assertThat(response.headers().firstValue("X-RateLimit-Limit")).isEmpty();
        }
        HttpResponse<String> response = send("POST", "/v1/certificates", KEY,
                issue("a@example.com", "R1").put("template_id", "tmpl_invalid"));
        assertThat(MAPPER.readTree(response.body())).isEqualTo(MAPPER.readTree("{\"error\":{\"code\":\"invalid_template\","
                + "\"message\":\"Template tmpl_invalid does not exist or is not active\","
                + "\"documentation_url\":\"https://docs.trueoriginal.com/errors/invalid_template\"}}"));
        assertThat(response.headers().firstValue("X-RateLimit-Remaining")).hasValue("59");

        emulator.addTemplate("tmpl_old");
        emulator.deactivateTemplate("tmpl_old");
        assertError(send("POST", "/v1/certificates", KEY, issue("a@example.com", "R1").put("template_id", "tmpl_old")),
                400, "invalid_template");
        assertError(send("POST", "/v1/certificates", KEY, issue("not-an-address", "R1")), 400, "validation_error");
        ObjectNode noCourse = issue("a@example.com", "R1");
        ((ObjectNode) noCourse.get("fields")).remove("course_name");
        assertError(send("POST", "/v1/certificates", KEY, noCourse), 400, "missing_field");
        assertError(send("POST", "/v1/certificates", KEY, MAPPER.createObjectNode()), 400, "validation_error");
        assertError(send("POST", "/v1/certificates", KEY, MAPPER.getNodeFactory().textNode("{")), 400, "invalid_json");
        assertError(send("GET", "/v1/certificates/cert_nope", KEY, null), 404, "not_found");
        assertThat(emulator.certificates()).isEmpty();
        assertThat(emulator.emailsSent()).isEmpty();
    }

    @Test
    void viewsSharesAndVerificationsAreCountedAndSentAsWebhooks() throws Exception {
        String id = create("ada@example.com", "R1");
        emulator.simulateView(id, "Stockholm, SE", "linkedin.com");
        emulator.simulateShare(id, "linkedin");
        emulator.simulateVerification(id);

        JsonNode analytics = MAPPER.readTree(send("GET", "/v1/certificates/" + id, KEY, null).body()).get("analytics");
        assertThat(analytics.get("views").asInt() + " " + analytics.get("shares").asInt() + " "
                + analytics.get("verifications").asInt()).isEqualTo("1 1 1");
        List<Received> hooks = awaitWebhooks(4);
        assertThat(hooks).extracting(h -> h.json().get("event").asText()).containsExactlyInAnyOrder(
                "certificate.issued", "certificate.viewed", "certificate.shared", "certificate.verified");
        JsonNode viewed = hooks.stream().filter(h -> h.body().contains("certificate.viewed")).findFirst().orElseThrow().json();
        assertThat(viewed.get("data")).isEqualTo(json("{\"viewer_location\":\"Stockholm, SE\",\"referrer\":\"linkedin.com\"}"));
    }

    @Test
    void listsFilterByRecipientTemplateAndFieldAndPageWithACursor() throws Exception {
        emulator.addTemplate("tmpl_other");
        String first = create("Ada@Example.com", "R1");
        String second = create("ada@example.com", "R2");
        String third = create("ada@example.com", "R3");
        create("bob@example.com", "R4");
        send("POST", "/v1/certificates", KEY, issue("ada@example.com", "R5").put("template_id", "tmpl_other"));

        JsonNode page1 = list("?recipient_email=ADA@example.com&template_id=tmpl_abc123&limit=2");
        assertThat(ids(page1)).containsExactly(first, second);
        assertThat(page1.get("has_more").asBoolean()).isTrue();
        assertThat(page1.get("total_count").asInt()).isEqualTo(3);
        JsonNode page2 = list("?recipient_email=ada@example.com&template_id=tmpl_abc123&limit=2&cursor="
                + page1.get("next_cursor").asText());
        assertThat(ids(page2)).containsExactly(third);
        assertThat(page2.get("has_more").asBoolean()).isFalse();
        assertThat(page2.get("next_cursor").isNull()).isTrue();
        assertThat(ids(list("?fields%5Bcredential_id%5D=R2"))).containsExactly(second);
        assertThat(list("?fields[credential_id]=nobody").get("data")).isEmpty();
        assertError(send("GET", "/v1/certificates?email=ada@example.com", KEY, null), 400, "validation_error");
        assertError(send("GET", "/v1/certificates?limit=101", KEY, null), 400, "validation_error");
    }

    @Test
    void statusChangesAndRevocationFollowTheCertificate() throws Exception {
        String id = create("ada@example.com", "R1");
        HttpResponse<String> suspended = send("PATCH", "/v1/certificates/" + id, KEY, json("{\"status\":\"suspended\"}"));
        assertThat(MAPPER.readTree(suspended.body()).get("status").asText()).isEqualTo("suspended");
        assertError(send("PATCH", "/v1/certificates/" + id, KEY, json("{\"status\":\"revoked\"}")), 400, "validation_error");

        HttpResponse<String> revoked = send("POST", "/v1/certificates/" + id + "/revoke", KEY,
                json("{\"reason\":\"issued in error\"}"));
        assertThat(revoked.statusCode()).isEqualTo(200);
        JsonNode certificate = MAPPER.readTree(revoked.body());
        assertThat(certificate.get("status").asText()).isEqualTo("revoked");
        assertThat(certificate.get("revocation_reason").asText()).isEqualTo("issued in error");
        assertError(send("POST", "/v1/certificates/" + id + "/revoke", KEY, null), 400, "certificate_revoked");
        assertError(send("PATCH", "/v1/certificates/" + id, KEY, json("{\"status\":\"issued\"}")), 400, "certificate_revoked");
        JsonNode hook = awaitWebhooks(2).stream().filter(h -> h.body().contains("certificate.revoked")).findFirst()
                .orElseThrow().json();
        assertThat(hook.at("/data/reason").asText()).isEqualTo("issued in error");
        assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/verify/" + id)).build(),
                HttpResponse.BodyHandlers.ofString()).body()).contains("content=\"revoked\"");
    }

    @Test
    void aBatchIsProcessedInTheBackgroundAndFailsBadRecipientsAlone() throws Exception {
        emulator.processingTime(Duration.ofSeconds(2));
        ObjectNode batch = MAPPER.createObjectNode().put("template_id", TrueEmulator.DEFAULT_TEMPLATE);
        ArrayNode recipients = batch.putArray("recipients");
        recipients.add(recipient("anna@example.com", "B1"));
        recipients.add(recipient("not-an-address", "B2"));
        recipients.add(recipient("bo@example.com", "B3").set("fields", MAPPER.createObjectNode()));
        recipients.add(recipient("erik@example.com", "B4"));

        HttpResponse<String> accepted = send("POST", "/v1/certificates/batch", KEY, batch);
        assertThat(accepted.statusCode()).isEqualTo(202);
        JsonNode job = MAPPER.readTree(accepted.body());
        String batchId = job.get("id").asText();
        assertThat(batchId).startsWith("batch_");
        assertThat(job.get("status").asText() + " " + job.get("completed").asInt()).isEqualTo("processing 0");
        assertThat(emulator.certificates()).isEmpty();

        await().atMost(Duration.ofSeconds(5)).until(() -> status(batchId).get("status").asText().equals("completed"));
        JsonNode done = status(batchId);
        assertThat(done.get("total").asInt() + " " + done.get("completed").asInt() + " " + done.get("failed").asInt())
                .isEqualTo("4 2 2");
        assertThat(done.get("errors")).extracting(e -> e.get("index").asInt() + " " + e.get("code").asText())
                .containsExactly("1 validation_error", "2 missing_field");
        List<String> certificateIds = done.get("certificate_ids").valueStream().map(JsonNode::asText).toList();
        assertThat(certificateIds).hasSize(2);
        assertThat(ids(list("?batch_id=" + batchId))).containsExactlyElementsOf(certificateIds);
        awaitWebhooks(2);
        assertThat(received).allSatisfy(h -> assertThat(h.json().at("/data/batch_id").asText()).isEqualTo(batchId));
    }

    @Test
    void aBatchOverThePlansSizeIs400UntilThePlanAllowsIt() throws Exception {
        ObjectNode batch = MAPPER.createObjectNode().put("template_id", TrueEmulator.DEFAULT_TEMPLATE);
        for (int i = 0; i < 101; i++) {
            batch.withArray("recipients").add(recipient("r" + i + "@example.com", "S" + i));
        }
        assertError(send("POST", "/v1/certificates/batch", KEY, batch), 400, "batch_size_exceeded");
        emulator.plan(TrueEmulator.Plan.PROFESSIONAL);
        assertThat(send("POST", "/v1/certificates/batch", KEY, batch).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(5)).until(() -> emulator.certificates().size() == 101);
    }

    @Test
    void overTheLimitIs429WithHeadersUntilTheWindowEnds() throws Exception {
        emulator.rateLimit(2, Duration.ofSeconds(2));
        emulator.addApiKey("true_test_key_2");
        long before = Instant.now().getEpochSecond();
        assertThat(send("GET", "/v1/certificates", KEY, null).headers().firstValue("X-RateLimit-Remaining")).hasValue("1");
        assertThat(send("GET", "/v1/certificates", KEY, null).headers().firstValue("X-RateLimit-Remaining")).hasValue("0");
        HttpResponse<String> refused = send("POST", "/v1/certificates", KEY, issue("a@example.com", "R1"));

        assertError(refused, 429, "rate_limit_exceeded");
        assertThat(refused.headers().firstValue("X-RateLimit-Remaining")).hasValue("0");
        assertThat(Long.parseLong(refused.headers().firstValue("X-RateLimit-Reset").orElseThrow()))
                .isBetween(before + 1, before + 3);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(emulator.rateLimitedCount()).isEqualTo(1);
        assertThat(emulator.certificates()).isEmpty();
        assertThat(send("GET", "/v1/certificates", "true_test_key_2", null).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(4)).until(() -> send("GET", "/v1/certificates", KEY, null).statusCode() == 200);
    }

    @Test
    void anOutageIs503UntilRestoredAndInjectedServerErrorsUseTheErrorShape() throws Exception {
        emulator.outage(true);
        assertError(send("POST", "/v1/certificates", KEY, issue("a@example.com", "R1")), 503, "service_unavailable");
        emulator.outage(false);
        emulator.failNextWithServerError(1);
        assertError(send("POST", "/v1/certificates", KEY, issue("a@example.com", "R1")), 500, "server_error");
        assertThat(send("POST", "/v1/certificates", KEY, issue("a@example.com", "R1")).statusCode()).isEqualTo(201);
        assertThat(emulator.certificates()).hasSize(1);
    }

    @Test
    void aFailedWebhookIsRetriedWithTheSameDeliveryIdAndAUrlMayCarryItsSecret() throws Exception {
        emulator.sendWebhooksTo(hooksUrl("?secret=s3cr%26t"), null);
        receiverAnswers.add(500);
        String id = create("ada@example.com", "R1");

        List<Received> attempts = awaitWebhooks(2);
        assertThat(attempts).extracting(Received::query).containsOnly("secret=s3cr%26t");
        assertThat(attempts).allSatisfy(h -> assertThat(h.headers()).doesNotContainKey("X-true-signature"));
        assertThat(attempts.get(0).headers().get("X-true-delivery")).isEqualTo(attempts.get(1).headers().get("X-true-delivery"));
        await().until(() -> emulator.webhookAttempts().size() == 2);
        assertThat(emulator.webhookAttempts()).extracting(WebhookAttempt::certificateId, WebhookAttempt::status)
                .containsExactly(tuple(id, 500), tuple(id, 200));
    }

    @Test
    void duplicatesAreCountedPerRecipientAndPerReference() throws Exception {
        create("ada@example.com", "R1");
        create("ADA@example.com", "R1");
        create("bob@example.com", "R2");
        assertThat(emulator.issuancesPerRecipient()).containsOnly(Map.entry("ada@example.com tmpl_abc123", 2L),
                Map.entry("bob@example.com tmpl_abc123", 1L));
        assertThat(emulator.issuancesPerField("credential_id")).containsOnly(Map.entry("R1", 2L), Map.entry("R2", 1L));
    }

    // ---- helpers ----

    private String hooksUrl(String query) {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks" + query;
    }

    private List<Received> awaitWebhooks(int count) {
        await().atMost(Duration.ofSeconds(5)).until(() -> received.size() >= count);
        return List.copyOf(received);
    }

    private static ObjectNode issue(String email, String reference) {
        ObjectNode body = MAPPER.createObjectNode().put("template_id", TrueEmulator.DEFAULT_TEMPLATE);
        body.putObject("recipient").put("name", "Maria Andersson").put("email", email);
        body.putObject("fields").put("course_name", "Advanced Project Management")
                .put("completion_date", "2026-03-03").put("credential_id", reference);
        return body;
    }

    private static ObjectNode recipient(String email, String reference) {
        ObjectNode recipient = MAPPER.createObjectNode().put("name", "Anna Svensson").put("email", email);
        recipient.putObject("fields").put("course_name", "Safety").put("credential_id", reference);
        return recipient;
    }

    private String create(String email, String reference) throws Exception {
        HttpResponse<String> response = send("POST", "/v1/certificates", KEY, issue(email, reference));
        assertThat(response.statusCode()).isEqualTo(201);
        return MAPPER.readTree(response.body()).get("id").asText();
    }

    private JsonNode list(String query) throws Exception {
        HttpResponse<String> response = send("GET", "/v1/certificates" + query, KEY, null);
        assertThat(response.statusCode()).isEqualTo(200);
        return MAPPER.readTree(response.body());
    }

    private JsonNode status(String batchId) throws Exception {
        return MAPPER.readTree(send("GET", "/v1/batches/" + batchId, KEY, null).body());
    }

    private static List<String> ids(JsonNode page) {
        return page.get("data").findValuesAsText("id");
    }

    private static JsonNode json(String text) throws IOException {
        return MAPPER.readTree(text);
    }

    private static void assertError(HttpResponse<String> response, int status, String code) throws IOException {
        assertThat(response.statusCode()).isEqualTo(status);
        JsonNode error = MAPPER.readTree(response.body()).get("error");
        assertThat(error.get("code").asText()).isEqualTo(code);
        assertThat(error.get("message").asText()).isNotBlank();
        assertThat(error.get("documentation_url").asText()).isEqualTo("https://docs.trueoriginal.com/errors/" + code);
    }

    /** A request with {@code Authorization: Bearer <key>} (none for a null key); a text node is sent as raw text. */
    private HttpResponse<String> send(String method, String path, String key, JsonNode body) throws Exception {
        String text = body == null ? null : body.isTextual() ? body.asText() : MAPPER.writeValueAsString(body);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(emulator.baseUrl() + path)).method(method,
                text == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(text));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        if (text != null) {
            request.header("Content-Type", "application/json");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
