package io.certbridge.issuers.swanshare;

import static io.certbridge.issuers.swanshare.SwanShareTemplates.assertIssuedExactlyOnce;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.certbridge.emulator.swanshare.SwanShareEmulator;
import io.certbridge.support.HookForwarder;
import io.certbridge.support.HubProcess;
import io.certbridge.support.SwanShareAccount;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of the hub while 1,000 recipients are issued at SwanShare, its calls answered slowly so that one is in
 * flight when it dies: after restart every recipient has exactly one credential at SwanShare. What the dead hub's
 * last calls created is adopted from SwanShare's credential.issued webhooks, which SwanShare keeps retrying until
 * the hub (behind a fixed address) answers again.
 */
class SwanShareSurvivesKillTest {

    private static final int RECIPIENTS = 1_000;

    @TempDir
    Path work;

    @Test
    void aThousandRecipientsInterruptedByKillMinus9AreEachIssuedOnceAtSwanShare() throws Exception {
        Path data = work.resolve("data");
        Path log = Path.of("target", "swanshare-kill-hub.log");
        try (SwanShareEmulator swanshare = new SwanShareEmulator(SwanShareAccount.API_KEY).start();
             HookForwarder hooks = new HookForwarder("Content-Type", "X-SwanShare-Event",
                     "X-SwanShare-Signature")) {
            swanshare.sendWebhooksTo(hooks.url(), SwanShareAccount.WEBHOOK_SECRET);
            swanshare.webhookDelay(Duration.ofMillis(300));
            swanshare.webhookRetries(40, Duration.ofSeconds(1));
            swanshare.delayResponses("POST", Duration.ofMillis(800));
            String[] settings = SwanShareAccount.settings(swanshare, "60s").entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).toArray(String[]::new);
            String template;
            List<String> ids;
            try (HubProcess hub = HubProcess.start(data, log, settings)) {
                hooks.to(hub.api().baseUrl() + "/hooks/issuers/" + SwanShareAccount.NAME);
                template = SwanShareTemplates.template(hub.api());
                SwanShareTemplates.batch(hub.api(), template, RECIPIENTS);
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20))
                        .until(() -> swanshare.credentials().size() >= 300);
                hub.kill();
                hooks.to(null);
            }
            assertThat(swanshare.credentials().size()).as("killed mid-way").isLessThan(RECIPIENTS);

            try (HubProcess restarted = HubProcess.start(data, log, settings)) {
                hooks.to(restarted.api().baseUrl() + "/hooks/issuers/" + SwanShareAccount.NAME);
                await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1)).until(() ->
                        SwanShareTemplates.certificates(restarted.api(), template, "issued").size() == RECIPIENTS);
                ids = SwanShareTemplates.certificates(restarted.api(), template, "issued").stream()
                        .map(c -> c.get("id").asText()).toList();
                assertThat(SwanShareTemplates.certificates(restarted.api(), template, "pending")).isEmpty();
            }
            assertIssuedExactlyOnce(swanshare, ids);
            assertThat(swanshare.credentials()).hasSize(RECIPIENTS);
            assertThat(swanshare.duplicates()).isEmpty();
        }
    }
}
