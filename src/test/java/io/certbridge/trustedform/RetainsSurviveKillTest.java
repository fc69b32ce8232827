package io.certbridge.trustedform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.certbridge.emulator.salesforce.SalesforceEmulator;
import io.certbridge.emulator.trustedform.TrustedFormEmulator;
import io.certbridge.support.ApiClient;
import io.certbridge.support.HubProcess;
import io.certbridge.support.OutsideSystems;
import io.certbridge.support.OutsideTrustedForm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub is killed with SIGKILL while it retains the certificates of a few hundred captured Leads, more Leads are
 * captured while it is down, and it is started again: every certificate is retained and written to its Lead. A retain
 * whose call was in flight at the kill may be made once more; TrustedForm then answers previously_retained, and the
 * hub's record says so. No certificate is retained a third time, and none not yet retained when the hub went down is
 * retained twice.
 */
class RetainsSurviveKillTest {

    private static final String CHANNEL = "/event/Lead_Kill_Probe__e";
    private static final int BEFORE_KILL = 250;
    private static final int WHILE_DOWN = 50;

    @TempDir
    Path work;

    private final SalesforceEmulator salesforce = OutsideTrustedForm.salesforce();
    private final TrustedFormEmulator trustedForm = new TrustedFormEmulator(OutsideTrustedForm.API_KEY).start();
    /** Each Lead's certificate URL. */
    private final Map<String, String> leads = new LinkedHashMap<>();

    @AfterEach
    void stopTrustedForm() {
        trustedForm.close();
    }

    private HubProcess start() {
        Map<String, String> settings = new LinkedHashMap<>(OutsideSystems.salesforceSettings());
        settings.putAll(OutsideTrustedForm.settings(trustedForm));
        settings.put("certbridge.trustedform.channels[0].name", CHANNEL);
        // the killed hub's claims are taken over after 3 s, well past a call's 2 s timeout
        settings.put("certbridge.deliveries.lease", "3s");
        settings.put("certbridge.deliveries.retry.first-backoff", "200ms");
        return HubProcess.start(work.resolve("data"), Path.of("target", "trustedform-kill-hub.log"),
                settings.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toArray(String[]::new));
    }

    private void capture(int count) {
        for (int i = 0; i < count; i++) {
            String email = "lead." + UUID.randomUUID() + "@example.com";
            String lead = Leads.create(salesforce, email);
            String url = trustedForm.newCertificate(email, null);
            leads.put(lead, url);
            Leads.captured(salesforce, CHANNEL, lead, email, url);
        }
    }

    private long writtenBack() {
        return leads.keySet().stream().filter(lead -> "success".equals(
                salesforce.record("Lead", lead).get("TrustedForm_Outcome__c"))).count();
    }

    @Test
    void killedWhileRetainingTheHubRetainsEveryCertificateAndNoneMoreThanOnceAgain() throws Exception {
        try (HubProcess hub = start()) {
            // TrustedForm answers slowly, so that the kill finds retains on their way
            trustedForm.delayResponses("POST", Duration.ofMillis(150));
            capture(BEFORE_KILL);
            await().atMost(Duration.ofSeconds(90)).until(() -> trustedForm.retainCounts().size() >= 40);
            hub.kill();
        }
        assertThat(trustedForm.retainCounts()).as("killed before every certificate was retained")
                .hasSizeLessThan(BEFORE_KILL);
        capture(WHILE_DOWN);
        assertThat(trustedForm.retainedMoreThanOnce()).as("retained twice before the crash").isEmpty();
        // only a retain already made when the hub went down can have lost its answer, and be made once more
        Map<String, Integer> retainedWhileUp = trustedForm.retainCounts();
        trustedForm.delayResponses("POST", Duration.ZERO);

        try (HubProcess hub = start()) {
            await().atMost(Duration.ofSeconds(120)).until(() -> writtenBack() == leads.size());
            Thread.sleep(1_000);
            ApiClient api = hub.api();
            Map<String, Integer> counts = trustedForm.retainCounts();
            assertThat(counts).hasSize(leads.size());
            for (Map.Entry<String, String> lead : leads.entrySet()) {
                JsonNode retain = api.get("/v1/trustedform/retains?lead_id=" + lead.getKey()).body().at("/data/0");
                assertThat(retain.get("status").asText()).isEqualTo("retained");
                assertThat(counts.get(lead.getValue())).as(() -> retain.toPrettyString() + "\nTrustedForm's log: "
                        + trustedForm.calls().stream().filter(call -> lead.getValue().endsWith(call.path())).toList())
                        .isBetween(1, retainedWhileUp.containsKey(lead.getValue()) ? 2 : 1);
                if (counts.get(lead.getValue()) == 2) {
                    assertThat(retain.get("previously_retained").asBoolean()).as(lead.getValue()).isTrue();
                    assertThat(Stream.of(retain.get("calls")).flatMap(calls -> calls.findValuesAsText("status")
                            .stream())).as("the call cut short by the kill").contains("unanswered");
                }
            }
        }
    }
}
