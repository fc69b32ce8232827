package io.certbridge.issuers.vec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.certbridge.emulator.vec.VaultCertificate;
import io.certbridge.emulator.vec.VecEmulator;
import io.certbridge.support.ApiClient;
import io.certbridge.support.HubProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub is killed with SIGKILL while a batch of 1,000 certificates goes to VEC.digital (uploads in flight, bulk
 * requests answered or not, processing followed), and started again: VEC.digital, which takes no idempotency key,
 * holds every recipient exactly once, and every certificate is issued with its verified PDF.
 */
class VecVaultSurvivesKillTest {

    private static final int RECIPIENTS = 1_000;
    private static final String TOKEN = "vec-kill-test-token";
    private static final String SECRET = "vec-kill-test-webhook-secret";

    @TempDir
    Path work;

    private final VecEmulator vec = new VecEmulator(TOKEN).start();

    @AfterEach
    void stop() {
        vec.close();
    }

    private HubProcess start() {
        HubProcess hub = HubProcess.start(work.resolve("data"), Path.of("target", "vec-kill-hub.log"),
                "certbridge.issuers.vecvault.type=vec-vault",
                "certbridge.issuers.vecvault.base-url=" + vec.baseUrl(),
                "certbridge.issuers.vecvault.api-key=" + TOKEN,
                "certbridge.issuers.vecvault.requests-per-minute=6000",
                "certbridge.issuers.vecvault.batch-size=50",
                "certbridge.issuers.vecvault.webhook-secret=" + SECRET,
                "certbridge.issuers.vecvault.poll-interval=1s");
        vec.sendWebhooksTo(hub.api().baseUrl() + "/hooks/issuers/vecvault", SECRET);
        return hub;
    }

    @Test
    void aThousandRecipientsInterruptedByKillMinus9AreEachAtVecExactlyOnce() throws Exception {
        vec.processingTime(Duration.ofMillis(300));
        vec.rateLimit(6_000, Duration.ofMinutes(1));
        vec.webhookRetryBackoff(Duration.ofSeconds(1));
        String templateId;
        String title;
        try (HubProcess hub = start()) {
            JsonNode template = VecVaultChecks.template(hub.api(), "vecvault");
            templateId = template.get("id").asText();
            title = template.get("name").asText();
            List<Object> rows = new ArrayList<>();
            IntStream.range(0, RECIPIENTS).forEach(i -> rows.add(Map.of("name", "Learner " + i,
                    "email", "learner" + i + "@example.org", "fields", Map.of("course", "Kill test"))));
            assertThat(hub.api().post("/v1/certificates/batch", Map.of("template_id", templateId, "recipients", rows))
                    .status()).isEqualTo(202);

            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(50))
                    .until(() -> vec.certificates().size() >= 200);
            hub.kill();
        }
        int atKill = vec.certificates().size();
        assertThat(atKill).as("killed mid-way").isLessThan(RECIPIENTS);

        try (HubProcess restarted = start()) {
            ApiClient api = restarted.api();
            await().atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofSeconds(2))
                    .until(() -> VecVaultChecks.statuses(api, templateId),
                            s -> s.equals(Map.of("issued", (long) RECIPIENTS)));

            List<VaultCertificate> atVec = vec.certificates();
            assertThat(atVec).hasSize(RECIPIENTS);
            IntStream.range(0, RECIPIENTS).forEach(i -> assertThat(vec.timesCreated("learner" + i + "@example.org",
                    title)).as("learner " + i).isEqualTo(1));
            VecVaultChecks.certificates(api, templateId).stream().limit(50)
                    .forEach(certificate -> VecVaultChecks.issuedOnce(api, vec, certificate, title));
        }
    }
}
