package io.certbridge.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.certbridge.intake.generic.StandardWebhooksSender;
import io.certbridge.support.ApiClient;
import io.certbridge.support.HookClient.Delivery;
import io.certbridge.support.HubTestBase;
import io.certbridge.support.OutsideSystems;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A JSON webhook from any system (Learnster through an automation tool, a Zapier-style relay), signed
 * the Standard Webhooks way. The hub is configured with a source "relay" whose JSONPath settings read
 * {"event", "data": {"participant": {id, name, email}, "course": {id, name}, …}}: a format of our own
 * choosing, since Learnster publishes no webhook format.
 */
class GenericIntakeTest extends HubTestBase {

    private String event(String participant, String course, String email) {
        return """
                {"event":"session.passed","data":{"participant":{"id":"%s","name":"Alan Turing","email":"%s"},
                 "course":{"id":"%s","name":"Cryptanalysis"},"finished_date":"2026-11-20T10:00:00Z","score":"91.5"}}"""
                .formatted(participant, email, course);
    }

    private Delivery deliver(String id, long timestamp, String body, String secret) {
        return hooks().post("/hooks/generic/relay", "application/json", body,
                StandardWebhooksSender.headers(secret, id, timestamp, body.getBytes(StandardCharsets.UTF_8)));
    }

    private String rule(String course, String template) {
        ApiClient.Response created = api().post("/v1/rules", Map.of(
                "name", "Relayed " + course, "source", "relay", "event_type", "session.passed", "course_id", course,
                "template_id", template,
                "conditions", List.of(Map.of("path", "$.data.data.score", "operator", "gte", "value", 80)),
                "fields", Map.of("course", "$.course.name", "completed_on", "$.data.data.finished_date",
                        "grade", "$.data.data.score")));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        return created.body().get("id").asText();
    }

    @Test
    void aSignedEventIsMappedByJsonPathAndIssuedOnceWhateverTheRetries() throws InterruptedException {
        String course = "c-" + UUID.randomUUID(), learner = "p-" + UUID.randomUUID();
        String email = "alan." + learner + "@example.com";
        rule(course, courseTemplate());
        String body = event(learner, course, email);
        String id = "msg_" + UUID.randomUUID();

        assertThat(deliver(id, Instant.now().getEpochSecond(), body, OutsideSystems.RELAY_SECRET).status()).isEqualTo(202);
        assertThat(deliver(id, Instant.now().getEpochSecond(), body, OutsideSystems.RELAY_SECRET).status()).isEqualTo(202);

        JsonNode certificate = await().atMost(Duration.ofSeconds(30)).until(
                () -> api().get("/v1/certificates?recipient_email=" + email).body().get("data"),
                data -> !data.isEmpty()).get(0);
        assertThat(certificate.at("/recipient/name").asText()).isEqualTo("Alan Turing");
        assertThat(certificate.at("/fields/grade").decimalValue()).isEqualByComparingTo("91.5");
        assertThat(certificate.at("/fields/completed_on").asText()).isEqualTo("2026-11-20");
        Thread.sleep(500);
        assertThat(api().get("/v1/certificates?recipient_email=" + email).body().get("data")).hasSize(1);
    }

    @Test
    void aConditionThatDoesNotHoldIssuesNothing() {
        String course = "c-" + UUID.randomUUID(), learner = "p-" + UUID.randomUUID();
        rule(course, courseTemplate());
        String body = event(learner, course, "low@example.com").replace("91.5", "42");

        assertThat(deliver("msg_" + UUID.randomUUID(), Instant.now().getEpochSecond(), body,
                OutsideSystems.RELAY_SECRET).status()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(30)).until(() -> api().get("/v1/intake-events?source=relay&status=unmatched&limit=100")
                .body().toString().contains(learner));
    }

    @Test
    void aBadSignatureAStaleTimestampOrAnUnknownSourceIsRefused() {
        String body = event("p-1", "c-1", "x@example.com");
        long now = Instant.now().getEpochSecond();

        Delivery wrongSecret = deliver("msg_a", now, body, StandardWebhooksSender.newSecret());
        Delivery stale = deliver("msg_b", now - 600, body, OutsideSystems.RELAY_SECRET);
        Delivery unsigned = hooks().post("/hooks/generic/relay", "application/json", body);
        Delivery unknown = hooks().post("/hooks/generic/nowhere", "application/json", body,
                StandardWebhooksSender.headers(OutsideSystems.RELAY_SECRET, "msg_c", now, body.getBytes(StandardCharsets.UTF_8)));

        assertThat(List.of(wrongSecret.status(), stale.status(), unsigned.status())).containsOnly(401);
        assertThat(wrongSecret.body().get("code").asText()).isEqualTo("invalid_signature");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().get("code").asText()).isEqualTo("unknown_source");
    }

    @Test
    void aSignedBodyThatIsNotAnEventIsABadRequest() {
        long now = Instant.now().getEpochSecond();
        for (String body : List.of("not json", "[1,2]", "{\"data\":{}}")) {
            Delivery delivery = deliver("msg_" + UUID.randomUUID(), now, body, OutsideSystems.RELAY_SECRET);
            assertThat(delivery.status()).as(body).isEqualTo(400);
            assertThat(delivery.contentType()).startsWith("application/problem+json");
        }
    }
}
