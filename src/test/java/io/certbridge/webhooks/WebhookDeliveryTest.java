package io.certbridge.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import io.certbridge.support.ApiClient;
import io.certbridge.support.HubTestBase;
import io.certbridge.support.WebhookReceiver;
import io.certbridge.support.WebhookReceiver.Received;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Certificate events reach customers' endpoints signed the Standard Webhooks way, checked here with Standard
 * Webhooks' own Java library; failures are retried with the same webhook-id, 410 disables an endpoint, and a
 * rotated secret signs alongside the old one. The shared test hub retries after 200 ms and lets 127.0.0.1 through
 * its SSRF guard (see OutsideSystems).
 */
class WebhookDeliveryTest extends HubTestBase {

    private static final Duration DELIVERED = Duration.ofSeconds(30);

    private final WebhookReceiver receiver = new WebhookReceiver();
    /** The endpoints a test made, by the client that made them: deleted afterwards, as their receiver stops. */
    private final Map<String, ApiClient> made = new LinkedHashMap<>();

    @AfterEach
    void stopReceiver() {
        made.forEach((id, client) -> client.delete("/v1/webhook-endpoints/" + id));
        receiver.close();
    }

    @Test
    void anIssuedCertificateArrivesSignedAndVerifiesWithTheStandardWebhooksLibrary() throws Exception {
        JsonNode endpoint = endpoint(api(), List.of("certificate.issued"));
        String id = api().post("/v1/certificates", certificate(courseTemplate(), "hook@example.org")).body()
                .get("id").asText();

        Received delivery = deliveryOf(id);

        new Webhook(endpoint.get("secret").asText()).verify(delivery.body(), delivery.headers());
        assertThat(delivery.header("webhook-id")).startsWith("msg_");
        assertThat(Long.parseLong(delivery.header("webhook-timestamp")))
                .isCloseTo(System.currentTimeMillis() / 1000, org.assertj.core.data.Offset.offset(60L));
        JsonNode payload = ApiClient.json().readTree(delivery.body());
        assertThat(payload.get("type").asText()).isEqualTo("certificate.issued");
        assertThat(payload.get("timestamp").asText()).isNotBlank();
        assertThat(payload.at("/data/id").asText()).isEqualTo(id);
        assertThatThrownBy(() -> new Webhook(endpoint.get("secret").asText())
                .verify(delivery.body().replace(id, "cert_forged"), delivery.headers()))
                .isInstanceOf(WebhookVerificationException.class);
    }

    @Test
    void aFailedDeliveryIsTriedAgainWithTheSameWebhookIdUntilA2xx() {
        endpoint(api(), List.of("certificate.issued"));
        receiver.answer(500, 302, 503);
        String id = api().post("/v1/certificates", certificate(courseTemplate(), "retry@example.org")).body()
                .get("id").asText();

        List<Received> attempts = await().atMost(DELIVERED).until(() -> deliveriesOf(id), list -> list.size() >= 4);
        assertThat(attempts.stream().map(a -> a.header("webhook-id")).distinct()).hasSize(1);
        assertThat(attempts.get(0).body()).isEqualTo(attempts.get(3).body());
    }

    @Test
    void aGoneEndpointIsDisabledAndHearsNothingMore() {
        JsonNode endpoint = endpoint(api(), List.of("certificate.issued"));
        receiver.answer(410);
        String template = courseTemplate();
        String first = api().post("/v1/certificates", certificate(template, "gone@example.org")).body()
                .get("id").asText();
        deliveryOf(first);

        JsonNode disabled = await().atMost(DELIVERED).until(
                () -> api().get("/v1/webhook-endpoints/" + endpoint.get("id").asText()).body(),
                body -> !body.get("enabled").asBoolean());
        assertThat(disabled.get("disabled_reason").asText()).contains("410");
        String second = api().post("/v1/certificates", certificate(template, "gone2@example.org")).body()
                .get("id").asText();
        String third = api().post("/v1/certificates", certificate(template, "gone3@example.org")).body()
                .get("id").asText();
        await().pollDelay(Duration.ofSeconds(2)).atMost(DELIVERED).until(() -> true);
        assertThat(deliveriesOf(second)).isEmpty();
        assertThat(deliveriesOf(third)).isEmpty();
    }

    @Test
    void afterARotationBothSecretsSign() throws Exception {
        JsonNode endpoint = endpoint(api(), List.of("certificate.issued"));
        String rotated = api().post("/v1/webhook-endpoints/" + endpoint.get("id").asText() + "/rotate-secret",
                Map.of()).body().get("secret").asText();
        String id = api().post("/v1/certificates", certificate(courseTemplate(), "rotate@example.org")).body()
                .get("id").asText();

        Received delivery = deliveryOf(id);

        assertThat(delivery.header("webhook-signature").split(" ")).hasSize(2);
        new Webhook(rotated).verify(delivery.body(), delivery.headers());
        new Webhook(endpoint.get("secret").asText()).verify(delivery.body(), delivery.headers());
    }

    @Test
    void anEndpointHearsOnlyItsEventsOfItsEnvironment() {
        endpoint(api(), List.of("certificate.revoked"));
        ApiClient sandbox = keyWith("test", "certificates:write", "webhooks:manage");
        endpoint(sandbox, List.of("certificate.issued"));
        String template = courseTemplate();
        String live = api().post("/v1/certificates", certificate(template, "live@example.org")).body()
                .get("id").asText();
        String test = sandbox.post("/v1/certificates", certificate(template, "test@example.org")).body()
                .get("id").asText();

        deliveryOf(test);
        assertThat(api().post("/v1/certificates/" + live + "/revoke", Map.of("reason", "issued in error")).status())
                .isEqualTo(200);
        List<Received> liveDeliveries = await().atMost(DELIVERED).until(() -> deliveriesOf(live), l -> !l.isEmpty());
        assertThat(liveDeliveries).singleElement().satisfies(delivery ->
                assertThat(ApiClient.json().readTree(delivery.body()).get("type").asText())
                        .isEqualTo("certificate.revoked"));
    }

    @Test
    void theDeliveryLogShowsEveryAttemptAndWhatFailedCanBeSentAgain() {
        String endpoint = endpoint(api(), List.of("certificate.issued")).get("id").asText();
        receiver.answer(500, 500, 500, 500, 500, 500);
        String since = java.time.Instant.now().minusSeconds(5).toString();
        String id = api().post("/v1/certificates", certificate(courseTemplate(), "log@example.org")).body()
                .get("id").asText();

        JsonNode failed = await().atMost(DELIVERED).until(() -> delivery(endpoint),
                delivery -> "failed".equals(delivery.path("status").asText()));
        assertThat(failed.get("attempts").asInt()).isEqualTo(6);
        assertThat(failed.get("attempt_log")).hasSize(6).allSatisfy(attempt -> {
            assertThat(attempt.get("status_code").asInt()).isEqualTo(500);
            assertThat(attempt.get("response_ms").isNumber()).isTrue();
        });
        assertThat(deliveriesOf(id)).hasSize(6);

        JsonNode replayed = api().post("/v1/webhook-endpoints/" + endpoint + "/replay", Map.of("since", since)).body();
        assertThat(replayed.get("messages").asInt()).isEqualTo(1);
        await().atMost(DELIVERED).until(() -> "delivered".equals(delivery(endpoint).path("status").asText()));
        assertThat(deliveriesOf(id)).hasSize(7);

        assertThat(api().post("/v1/webhook-endpoints/" + endpoint + "/deliveries/" + failed.get("id").asText()
                + "/resend", Map.of()).status()).isEqualTo(200);
        await().atMost(DELIVERED).until(() -> deliveriesOf(id).size() == 8);
        assertThat(deliveriesOf(id).stream().map(r -> r.header("webhook-id")).distinct()).hasSize(1);
        assertThat(api().post("/v1/webhook-endpoints/" + endpoint + "/replay", Map.of("since", "yesterday"))
                .status()).isEqualTo(422);
    }

    private JsonNode delivery(String endpoint) {
        JsonNode page = api().get("/v1/webhook-endpoints/" + endpoint + "/deliveries").body();
        return page.get("data").isEmpty() ? ApiClient.json().createObjectNode() : page.get("data").get(0);
    }

    private JsonNode endpoint(ApiClient client, List<String> events) {
        ApiClient.Response created = client.post("/v1/webhook-endpoints", Map.of("url", receiver.url(),
                "events", events, "description", "test receiver"));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        made.put(created.body().get("id").asText(), client);
        return created.body();
    }

    private Received deliveryOf(String certificateId) {
        return await().atMost(DELIVERED).until(() -> deliveriesOf(certificateId), list -> !list.isEmpty()).get(0);
    }

    private List<Received> deliveriesOf(String certificateId) {
        return receiver.received().stream().filter(r -> r.body().contains("\"" + certificateId + "\"")).toList();
    }
}
