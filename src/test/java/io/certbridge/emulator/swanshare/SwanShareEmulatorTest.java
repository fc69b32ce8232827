package io.certbridge.emulator.swanshare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.certbridge.emulator.swanshare.Credential.IssuanceKey;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Drives the SwanShare emulator over HTTP as a hub would, and receives its webhooks. */
class SwanShareEmulatorTest {

    private static final String KEY = "swan_sk_test_0123456789abcdef";
    private static final String SECRET = "whsec_test_secret";
    private static final String TITLE = "Advanced Data Analytics";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static SwanShareEmulator swan;
    private static HttpServer receiver;
    private static final List<Received> received = new CopyOnWriteArrayList<>();
    /** Webhook answers still to fail with 500 before the receiver answers 200. */
    private static final AtomicInteger failuresToAnswer = new AtomicInteger();

    private record Received(String event, String signature, String body, long atNanos) {
    }

    @BeforeAll
    static void start() throws IOException {
        swan = new SwanShareEmulator(KEY).start();
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hooks/swanshare", exchange -> {
            try (exchange) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                received.add(new Received(exchange.getRequestHeaders().getFirst("X-SwanShare-Event"),
                        exchange.getRequestHeaders().getFirst("X-SwanShare-Signature"), body, System.nanoTime()));
                exchange.sendResponseHeaders(failuresToAnswer.getAndDecrement() > 0 ? 500 : 200, -1);
            }
        });
        receiver.start();
    }

    @AfterAll
    static void stop() {
        swan.close();
        receiver.stop(0);
    }

    @BeforeEach
    void reset() {
        swan.reset();
        swan.rateLimit(120, Duration.ofMinutes(1));
        swan.monthlyQuota(SwanShareEmulator.DEFAULT_MONTHLY_QUOTA);
        swan.sendWebhooksTo(null, null);
        swan.webhookDelay(Duration.ZERO);
        swan.webhookRetries(8, Duration.ofSeconds(1));
        received.clear();
        failuresToAnswer.set(0);
    }

    @Test
    void issuesOneCredentialAndFetchesItsVerificationWithTheFieldsAsSent() throws Exception {
        HttpResponse<String> issued = post(KEY, """
                {"recipient_name":"Asha Rao","recipient_email":"asha@example.com","title":"%s",
                 "expires_at":"2099-12-31","fields":{"Score":"A+","certbridge_id":"cert-1"}}""".formatted(TITLE));

        assertThat(issued.statusCode()).isEqualTo(201);
        JsonNode body = MAPPER.readTree(issued.body());
        assertThat(body.get("ok").asBoolean()).isTrue();
        assertThat(body.get("count").asInt()).isEqualTo(1);
        String id = body.at("/credentials/0/verify_id").asText();
        assertThat(id).matches("[0-9a-f]{32}");
        assertThat(body.at("/credentials/0/verify_url").asText()).isEqualTo(swan.baseUrl() + "/verify?id=" + id);

        JsonNode fetched = MAPPER.readTree(get(KEY, "/v1/credentials/" + id).body());
        assertThat(fetched.get("valid").asBoolean()).isTrue();
        assertThat(fetched.get("status").asText()).isEqualTo("valid");
        assertThat(fetched.get("checks").findValuesAsText("name"))
                .containsExactly("Signature", "Hash", "Ledger inclusion", "Revocation", "Expiry");
        assertThat(fetched.get("checks").findValues("passed")).allMatch(JsonNode::asBoolean);
        assertThat(fetched.at("/credential/title").asText()).isEqualTo(TITLE);
        assertThat(fetched.at("/credential/recipient_name").asText()).isEqualTo("Asha Rao");
        assertThat(fetched.at("/credential/issued_at").asText()).isNotBlank();
        assertThat(fetched.at("/credential/fields"))
                .isEqualTo(MAPPER.readTree("{\"Score\":\"A+\",\"certbridge_id\":\"cert-1\"}"));
        assertThat(fetched.at("/issuer/name").asText()).isEqualTo("Certbridge Test Academy");
        assertThat(fetched.at("/issuer/verified").asBoolean()).isTrue();

        String verifyUrl = body.at("/credentials/0/verify_url").asText();
        HttpResponse<String> page = call(HttpRequest.newBuilder(URI.create(verifyUrl)).build());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains(TITLE, "Asha Rao", "Verified");
    }

    @Test
    void aBatchIsAnsweredInTheOrderOfItsItems() throws Exception {
        List<String> names = List.of("Asha Rao", "Vikram Singh", "Mei Lin");
        JsonNode body = MAPPER.readTree(post(KEY, batch(names.size(), i -> item(names.get(i), TITLE))).body());

        assertThat(body.get("count").asInt()).isEqualTo(3);
        List<String> fetchedNames = body.get("credentials").findValuesAsText("verify_id").stream()
                .map(id -> read(get(KEY, "/v1/credentials/" + id)).at("/credential/recipient_name").asText()).toList();
        assertThat(fetchedNames).isEqualTo(names);
    }

    @Test
    void aRequestWithOneInvalidItemIssuesNothing() {
        HttpResponse<String> noTitle =
                post(KEY, "{\"items\":[" + item("Asha Rao", TITLE) + ",{\"recipient_name\":\"V\"}]}");
        HttpResponse<String> noName = post(KEY, "{\"title\":\"" + TITLE + "\"}");

        for (HttpResponse<String> answer : List.of(noTitle, noName)) {
            assertThat(answer.statusCode()).isEqualTo(400);
            assertThat(read(answer).get("error").asText()).isEqualTo("Each credential needs recipient_name and title");
        }
        assertThat(post(KEY, "{\"items\":[]}").statusCode()).isEqualTo(400);
        assertThat(post(KEY, batch(101, i -> item("R" + i, TITLE))).statusCode()).isEqualTo(400);
        assertThat(post(KEY, "not json").statusCode()).isEqualTo(400);
        assertThat(swan.credentials()).isEmpty();
    }

    @Test
    void aMissingOrWrongKeyIsRefusedWith401() {
        for (String key : new String[] {null, "swan_sk_wrong"}) {
            HttpResponse<String> answer = post(key, item("Asha Rao", TITLE));
            assertThat(answer.statusCode()).isEqualTo(401);
            assertThat(read(answer).get("error").asText()).isEqualTo("Missing or invalid API key");
        }
        assertThat(swan.credentials()).isEmpty();
    }

    @Test
    void theMonthlyPlanLimitRefusesAWholeBatchWith402UntilANewMonth() {
        swan.monthlyQuota(3);
        assertThat(post(KEY, batch(2, i -> item("R" + i, TITLE))).statusCode()).isEqualTo(201);

        HttpResponse<String> over = post(KEY, batch(2, i -> item("S" + i, TITLE)));

        assertThat(over.statusCode()).isEqualTo(402);
        assertThat(read(over).get("limit").asBoolean()).isTrue();
        assertThat(read(over).get("error").asText()).isNotBlank();
        assertThat(swan.credentials()).hasSize(2);
        swan.startNewMonth();
        assertThat(post(KEY, batch(2, i -> item("S" + i, TITLE))).statusCode()).isEqualTo(201);
    }

    @Test
    void theRateLimitIsPerKeyOverASlidingWindowWithoutHeaders() throws Exception {
        swan.addApiKey("swan_sk_second");
        swan.rateLimit(3, Duration.ofMillis(800));
        IntStream.range(0, 3).forEach(i -> assertThat(get(KEY, "/v1/credentials/none").statusCode()).isEqualTo(404));

        HttpResponse<String> refused = post(KEY, item("Asha Rao", TITLE));

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(read(refused).get("error").asText()).startsWith("Rate limit exceeded");
        assertThat(refused.headers().firstValue("Retry-After")).isEmpty();
        assertThat(swan.rateLimitedCount()).isEqualTo(1);
        assertThat(swan.credentials()).isEmpty();
        assertThat(post("swan_sk_second", item("Asha Rao", TITLE)).statusCode()).isEqualTo(201);
        Thread.sleep(800);
        assertThat(post(KEY, item("Asha Rao", TITLE)).statusCode()).isEqualTo(201);
    }

    @Test
    void revocationInTheDashboardAndExpiryShowInTheVerification() {
        String id = issueOne(item("Asha Rao", TITLE));
        String expired = issueOne("{\"recipient_name\":\"Old\",\"title\":\"T\",\"expires_at\":\"2020-01-01\"}");

        assertThat(swan.revoke(id)).isTrue();

        JsonNode revoked = read(get(KEY, "/v1/credentials/" + id));
        assertThat(revoked.get("valid").asBoolean()).isFalse();
        assertThat(revoked.get("status").asText()).isEqualTo("revoked");
        assertThat(revoked.at("/checks/3/passed").asBoolean()).isFalse();
        assertThat(revoked.at("/credential/revoked_at").asText()).isNotBlank();
        assertThat(read(get(KEY, "/v1/credentials/" + expired)).get("status").asText()).isEqualTo("expired");
        assertThat(page(id).body()).contains("Revoked");
        assertThat(swan.revoke("unknown")).isFalse();
    }

    @Test
    void thereIsNoListRevokeOrDeleteByApi() {
        String id = issueOne(item("Asha Rao", TITLE));

        assertThat(get(KEY, "/v1/credentials").statusCode()).isEqualTo(405);
        assertThat(send(KEY, "DELETE", "/v1/credentials/" + id, null).statusCode()).isEqualTo(405);
        assertThat(get(KEY, "/v1/credentials/unknown").statusCode()).isEqualTo(404);
        assertThat(page("unknown").statusCode()).isEqualTo(404);
    }

    @Test
    void eachRequestSendsOneSignedCredentialIssuedWebhookAfterTheDelayAndDocumentSignedIsSignedToo() throws Exception {
        swan.sendWebhooksTo(hookUrl(), SECRET);
        swan.webhookDelay(Duration.ofMillis(300));
        long sent = System.nanoTime();

        JsonNode answer = read(post(KEY, batch(2, i -> item("R" + i, TITLE))));

        await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 1);
        Received hook = received.get(0);
        assertThat(hook.event()).isEqualTo("credential.issued");
        assertThat(hook.signature()).isEqualTo(SwanShareEmulator.signature(SECRET, hook.body()));
        JsonNode payload = MAPPER.readTree(hook.body());
        assertThat(payload.get("event").asText()).isEqualTo("credential.issued");
        assertThat(payload.at("/data/count").asInt()).isEqualTo(2);
        assertThat(payload.at("/data/credentials")).isEqualTo(answer.get("credentials"));
        assertThat(Duration.ofNanos(hook.atNanos() - sent)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        Thread.sleep(200);
        assertThat(received).hasSize(1);

        swan.signDocument("doc_123", "Training agreement");

        await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 2);
        Received signed = received.get(1);
        assertThat(signed.event()).isEqualTo("document.signed");
        assertThat(signed.signature()).isEqualTo(SwanShareEmulator.signature(SECRET, signed.body()));
        assertThat(MAPPER.readTree(signed.body()).at("/data/document_id").asText()).isEqualTo("doc_123");
    }

    @Test
    void aWebhookIsRetriedUntilAnswered2xxAndCanBeDuplicated() {
        swan.sendWebhooksTo(hookUrl(), SECRET);
        swan.webhookRetries(3, Duration.ofMillis(100));
        swan.duplicateWebhooks(2);
        failuresToAnswer.set(1);

        issueOne(item("Asha Rao", TITLE));

        await().atMost(Duration.ofSeconds(5)).until(() -> swan.pendingWebhooks() == 0);
        assertThat(received).hasSize(3).extracting(Received::body).containsOnly(received.get(0).body());
        List<WebhookDelivery> deliveries = swan.webhookDeliveries();
        assertThat(deliveries).extracting(WebhookDelivery::status).containsExactlyInAnyOrder(500, 200, 200);
        assertThat(deliveries).extracting(WebhookDelivery::attempt).containsExactlyInAnyOrder(1, 1, 2);
    }

    @Test
    void issuancesAreCountedPerRecipientTitleAndReference() {
        String email = "asha@example.com";
        for (String reference : List.of("cert-1", "cert-1", "cert-2")) {
            issueOne("""
                    {"recipient_name":"Asha","recipient_email":"%s","title":"%s","fields":{"certbridge_id":"%s"}}"""
                    .formatted(email, TITLE, reference));
        }
        issueOne(item("Vikram Singh", TITLE));

        assertThat(swan.issuanceCounts()).containsExactly(
                Map.entry(new IssuanceKey(email, TITLE, "cert-1"), 2),
                Map.entry(new IssuanceKey(email, TITLE, "cert-2"), 1),
                Map.entry(new IssuanceKey("Vikram Singh", TITLE, null), 1));
        assertThat(swan.duplicates()).containsExactly(new IssuanceKey(email, TITLE, "cert-1"));
        assertThat(swan.timesIssued(email, TITLE)).isEqualTo(3);
    }

    @Test
    void anOutageAnswers503UntilItEnds() {
        swan.outage(true);

        assertThat(post(KEY, item("Asha Rao", TITLE)).statusCode()).isEqualTo(503);
        assertThat(get(KEY, "/v1/credentials/x").statusCode()).isEqualTo(503);

        swan.outage(false);
        assertThat(post(KEY, item("Asha Rao", TITLE)).statusCode()).isEqualTo(201);
        assertThat(swan.credentials()).hasSize(1);
    }

    @Test
    void aSlowAnswerThatTheClientGivesUpOnHasStillIssuedAndNotified() {
        swan.sendWebhooksTo(hookUrl(), SECRET);
        swan.delayResponses("POST", Duration.ofSeconds(2));
        HttpRequest request = request(KEY, "POST", "/v1/credentials", item("Asha Rao", TITLE))
                .timeout(Duration.ofMillis(300)).build();

        assertThatThrownBy(() -> HTTP.send(request, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(HttpTimeoutException.class);
        assertThat(swan.credentials()).hasSize(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 1);
        assertThat(received.get(0).body()).contains(swan.credentials().get(0).verifyId());
    }

    // ---- helpers ----

    private static String item(String name, String title) {
        return "{\"recipient_name\":\"" + name + "\",\"title\":\"" + title + "\"}";
    }

    private static String batch(int size, IntFunction<String> item) {
        return IntStream.range(0, size).mapToObj(item).collect(Collectors.joining(",", "{\"items\":[", "]}"));
    }

    private static String issueOne(String json) {
        HttpResponse<String> answer = post(KEY, json);
        assertThat(answer.statusCode()).isEqualTo(201);
        return read(answer).at("/credentials/0/verify_id").asText();
    }

    private static String hookUrl() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks/swanshare";
    }

    private static HttpResponse<String> post(String key, String json) {
        return send(key, "POST", "/v1/credentials", json);
    }

    private static HttpResponse<String> get(String key, String path) {
        return send(key, "GET", path, null);
    }

    private static HttpResponse<String> page(String verifyId) {
        return call(HttpRequest.newBuilder(URI.create(swan.baseUrl() + "/verify?id=" + verifyId)).build());
    }

    private static HttpResponse<String> send(String key, String method, String path, String json) {
        return call(request(key, method, path, json).build());
    }

    private static HttpResponse<String> call(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpRequest.Builder request(String key, String method, String path, String json) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(swan.apiBaseUrl() + path))
                .method(method, json == null ? BodyPublishers.noBody() : BodyPublishers.ofString(json))
                .header("Content-Type", "application/json");
        return key == null ? builder : builder.header("Authorization", "Bearer " + key);
    }

    private static JsonNode read(HttpResponse<String> response) {
        try {
            return MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
