package io.certbridge.issuers.trueapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.certbridge.emulator.trueapi.TrueEmulator;
import io.certbridge.support.HubTestBase;
import io.certbridge.support.OutsideIssuers;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A steady load of status changes twice what the account's plan allows (each change is a call of its own),
 * for longer than TRUE's one-minute window: the hub keeps to the plan, TRUE answers no 429, and once the load stops
 * every certificate at TRUE has its last status.
 */
class TrueRateLimitTest extends HubTestBase {

    private static final int CERTIFICATES = 20;
    private static final Duration LOAD = Duration.ofSeconds(70);

    private final TrueEmulator trueApi = OutsideIssuers.trueOriginal();

    @Test
    void aLoadAboveThePlansRateIsShapedAndSeesNo429() throws InterruptedException {
        String template = api().post("/v1/templates", Map.of("name", "Rate limit at TRUE " + TrueIssuerTest.id(),
                "fields", List.of(Map.of("name", "course_name", "type", "string", "required", true)),
                "issuer", OutsideIssuers.TRUE, "external_template_id", TrueEmulator.DEFAULT_TEMPLATE))
                .body().get("id").asText();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < CERTIFICATES; i++) {
            ids.add(api().post("/v1/certificates", Map.of("template_id", template,
                    "recipient", Map.of("name", "Learner " + i, "email", "rate" + i + "." + TrueIssuerTest.id() + "@example.com"),
                    "fields", Map.of("course_name", "Throughput"))).body().get("id").asText());
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> ids.stream().allMatch(id ->
                api().get("/v1/certificates/" + id).body().get("status").asText().equals("issued")));
        int refusedBefore = trueApi.rateLimitedCount();
        int patchesBefore = patches();

        Instant end = Instant.now().plus(LOAD);
        String status = "issued";
        while (Instant.now().isBefore(end)) {
            status = status.equals("issued") ? "suspended" : "issued";
            for (String id : ids) {
                assertThat(api().patch("/v1/certificates/" + id, Map.of("status", status)).status()).isEqualTo(200);
            }
            Thread.sleep(1_000);
        }
        int sent = patches() - patchesBefore;

        assertThat(trueApi.rateLimitedCount() - refusedBefore).as("429s seen during the load").isZero();
        int perMinute = OutsideIssuers.TRUE_PLAN.requestsPerMinute();
        // the hub keeps to 95 % of the plan in any 60 s: a burst at first, then what the minute gives back
        assertThat(sent).as("status changes sent in %s: near the plan's rate, and at most 95 %% of it in each minute",
                        LOAD)
                .isBetween((int) (LOAD.toSeconds() * perMinute / 60.0 * 0.8), (int) (2 * perMinute * 0.95));
        String last = status;
        await().atMost(Duration.ofSeconds(120)).until(() -> trueApi.certificates().stream()
                .filter(c -> ids.contains(c.field("certbridge_id"))).allMatch(c -> c.status().equals(last)));
        assertThat(trueApi.rateLimitedCount() - refusedBefore).isZero();
    }

    private int patches() {
        return (int) trueApi.requests("/v1/certificates/").stream().filter(r -> r.method().equals("PATCH")).count();
    }
}
