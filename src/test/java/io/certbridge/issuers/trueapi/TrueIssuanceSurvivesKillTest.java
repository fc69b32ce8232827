package io.certbridge.issuers.trueapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.certbridge.emulator.trueapi.TrueEmulator;
import io.certbridge.support.ApiClient;
import io.certbridge.support.HubProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hub killed with SIGKILL while it asks TRUE for 1,000 certificates in batches (TRUE answers slowly, so that
 * batches TRUE accepted are in flight, unheard, at the kill): after restart every recipient is issued exactly once
 * at TRUE, and every certificate in the hub is issued with TRUE's id.
 */
class TrueIssuanceSurvivesKillTest {

    private static final int RECIPIENTS = 1_000;
    private static final String KEY = "true-kill-test-key";

    @TempDir
    Path work;

    private final TrueEmulator trueApi = new TrueEmulator(KEY, new TrueEmulator.Plan(600, 100)).start();

    @AfterEach
    void stop() {
        trueApi.close();
    }

    private HubProcess start() {
        return HubProcess.start(work.resolve("data"), Path.of("target", "true-kill-hub.log"),
                "certbridge.issuers.truekill.type=true",
                "certbridge.issuers.truekill.base-url=" + trueApi.baseUrl(),
                "certbridge.issuers.truekill.api-key=" + KEY,
                "certbridge.issuers.truekill.requests-per-minute=600",
                "certbridge.issuers.truekill.batch-size=100",
                "certbridge.issuers.truekill.poll-interval=1s",
                "certbridge.deliveries.poll-interval-ms=50",
                // the killed hub's claims and Kafka consumers are given up soon, not after 2 min and 45 s
                "certbridge.deliveries.lease=20s",
                "camel.component.kafka.session-timeout-ms=6000");
    }

    @Test
    void killedWhileTrueProcessesItsBatchesTheHubIssuesEveryRecipientExactlyOnceAfterRestart() throws Exception {
        trueApi.processingTime(Duration.ofSeconds(3));
        trueApi.delayResponses("POST", Duration.ofMillis(1500));
        try (HubProcess hub = start()) {
            ApiClient api = hub.api();
            String template = api.post("/v1/templates", Map.of("name", "Kill test at TRUE",
                    "fields", List.of(Map.of("name", "course_name", "type", "string", "required", true)),
                    "issuer", "truekill", "external_template_id", TrueEmulator.DEFAULT_TEMPLATE))
                    .body().get("id").asText();
            List<Object> recipients = new ArrayList<>();
            for (int i = 0; i < RECIPIENTS; i++) {
                recipients.add(Map.of("name", "Learner " + i, "email", "learner" + i + "@school.test",
                        "fields", Map.of("course_name", "Kill -9 101")));
            }
            assertThat(api.post("/v1/certificates/batch", Map.of("template_id", template, "recipients", recipients))
                    .status()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20))
                    .until(() -> trueApi.requests("/v1/certificates/batch").size() >= 3);
            hub.kill();
        }
        int atKill = trueApi.certificates().size();
        assertThat(atKill).as("killed mid-way").isLessThan(RECIPIENTS);

        try (HubProcess restarted = start()) {
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> trueApi.issuancesPerField("certbridge_id").size() == RECIPIENTS
                            && restarted.api().get("/v1/certificates?status=pending&limit=1").body().get("data").isEmpty());
            Thread.sleep(3_000);

            assertThat(trueApi.issuancesPerField("certbridge_id").values()).as("each once at TRUE")
                    .hasSize(RECIPIENTS).allMatch(count -> count == 1);
            assertThat(trueApi.issuancesPerRecipient()).hasSize(RECIPIENTS);
            assertThat(restarted.api().get("/v1/certificates?status=failed&limit=1").body().get("data")).isEmpty();
            assertThat(trueApi.requests("/v1/certificates").stream().filter(r -> r.method().equals("GET")
                    && r.queryParams().stream().anyMatch(p -> p.getKey().equals("fields[certbridge_call]"))))
                    .as("TRUE was asked what the calls the kill cut off had made").isNotEmpty();
        }
    }
}
