package io.certbridge.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.certbridge.support.ApiClient;
import io.certbridge.support.HubProcess;
import io.certbridge.support.SampleCertificates;
import io.certbridge.support.WebhookReceiver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Webhook delivery in a hub of its own JVM, retrying every second and giving up on an endpoint after three
 * seconds of failures: killed with SIGKILL in the middle of retries it loses no message and makes none twice;
 * with a second instance on the same database every event is delivered once between them; and an endpoint that
 * keeps failing is disabled with a webhook_endpoint.disabled event.
 */
class WebhookResilienceTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private static Path work;
    private static HubProcess hub;

    @BeforeAll
    static void start() throws Exception {
        work = Files.createTempDirectory("webhook-resilience");
        hub = startHub();
    }

    @AfterAll
    static void stop() throws Exception {
        hub.close();
    }

    private static HubProcess startHub() {
        return HubProcess.start(work.resolve("data"), work.resolve("hub.log"), settings());
    }

    private static String[] settings() {
        return new String[] {"certbridge.webhooks.allow-http=true", "certbridge.webhooks.allowed-networks[0]=127.0.0.1/32",
                "certbridge.deliveries.connectors.customer-webhook-sink.retry.schedule=1s,1s,1s,1s,1s,1s,1s,1s,1s,1s",
                "certbridge.webhooks.disable-after=3s", "certbridge.deliveries.poll-interval-ms=50",
                // a killed hub's leases (twice the timeout) run out soon
                "certbridge.webhooks.timeout=2s"};
    }

    @Test
    void aHubKilledInTheMiddleOfRetriesLosesNoMessageAndMakesNoneTwice() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            endpoint(receiver, List.of("certificate.issued"));
            receiver.answer(IntStream.range(0, 1000).map(i -> 503).toArray());
            List<String> ids = issue(20);
            await().atMost(WAIT).until(() -> receiver.received().size() >= 30);

            hub.kill();
            receiver.answerOk();
            hub = startHub();

            await().atMost(WAIT).until(() -> ids.stream().allMatch(id -> delivered(receiver, id)));
            Map<String, Set<String>> webhookIds = ids.stream().collect(Collectors.toMap(id -> id,
                    id -> receiver.received().stream().filter(r -> r.body().contains("\"" + id + "\""))
                            .map(r -> r.header("webhook-id")).collect(Collectors.toSet())));
            assertThat(webhookIds.values()).allSatisfy(idsOfOne -> assertThat(idsOfOne).hasSize(1));
            assertThat(webhookIds.values().stream().flatMap(Set::stream).distinct()).hasSize(ids.size());
        }
    }

    @Test
    void twoHubsOnOneDatabaseDeliverEveryEventOnceBetweenThem() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver();
             HubProcess second = HubProcess.startBeside(hub, work.resolve("second"), work.resolve("second.log"),
                     settings())) {
            endpoint(receiver, List.of("certificate.issued"));
            List<String> ids = new ArrayList<>(issue(20));
            ids.addAll(SampleCertificates.issue(second.api(), 20));

            await().atMost(WAIT).until(() -> ids.stream().allMatch(id -> delivered(receiver, id)));
            Thread.sleep(1_000);
            assertThat(ids).allSatisfy(id -> assertThat(receiver.received().stream()
                    .filter(r -> r.body().contains("\"" + id + "\"")).count()).isEqualTo(1));
        }
    }

    @Test
    void anEndpointThatKeepsFailingIsDisabledAndSaysSo() throws Exception {
        try (WebhookReceiver failing = new WebhookReceiver(); WebhookReceiver watcher = new WebhookReceiver()) {
            String endpoint = endpoint(failing, List.of("certificate.issued")).get("id").asText();
            endpoint(watcher, List.of("webhook_endpoint.disabled"));
            failing.answer(IntStream.range(0, 1000).map(i -> 500).toArray());
            issue(1);

            JsonNode disabled = await().atMost(WAIT).until(
                    () -> hub.api().get("/v1/webhook-endpoints/" + endpoint).body(), e -> !e.get("enabled").asBoolean());
            assertThat(disabled.get("disabled_reason").asText()).startsWith("every delivery has failed since");
            // endpoints of the other tests, whose receivers are gone, may be disabled meanwhile too
            JsonNode payload = await().atMost(WAIT).until(() -> watcher.received().stream()
                            .map(received -> parse(received.body()))
                            .filter(p -> endpoint.equals(p.at("/data/id").asText())).findFirst(),
                    Optional::isPresent).orElseThrow();
            assertThat(payload.get("type").asText()).isEqualTo("webhook_endpoint.disabled");
            assertThat(payload.at("/data/reason").asText()).startsWith("every delivery has failed since");
        }
    }

    private static JsonNode parse(String body) {
        try {
            return ApiClient.json().readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean delivered(WebhookReceiver receiver, String certificateId) {
        return receiver.received().stream()
                .anyMatch(r -> r.answered() == 200 && r.body().contains("\"" + certificateId + "\""));
    }

    private static JsonNode endpoint(WebhookReceiver receiver, List<String> events) {
        ApiClient.Response created = hub.api().post("/v1/webhook-endpoints",
                Map.of("url", receiver.url(), "events", events));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        return created.body();
    }

    private static List<String> issue(int count) {
        return SampleCertificates.issue(hub.api(), count);
    }
}
