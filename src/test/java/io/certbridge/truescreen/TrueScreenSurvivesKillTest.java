package io.certbridge.truescreen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.certbridge.emulator.salesforce.SalesforceEmulator;
import io.certbridge.emulator.truescreen.TrueScreenEmulator;
import io.certbridge.support.ApiClient;
import io.certbridge.support.HookForwarder;
import io.certbridge.support.HubProcess;
import io.certbridge.support.OutsideSystems;
import io.certbridge.support.OutsideTrueScreen;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hub is killed with SIGKILL while TrueScreen certifies the certificates of a batch (TrueScreen answers each
 * creation a second late, so that certifications it made are in flight, unheard, at the kill), more certificates are
 * issued from Salesforce events while it is down, and it is started again: every certificate is certified exactly
 * once at TrueScreen, with every artifact kept, and none is left pending (nor its delivery). A certification whose
 * answer the kill cut off is adopted from the callback TrueScreen keeps retrying (behind a fixed address, as a load
 * balancer gives) rather than asked for again; a request recorded but not yet sent at the kill is sent once its
 * callback-grace (100 s here) is over, which sets the test's length. In hash and in file mode. Neither the API key nor
 * the webhook secret appears in the logs.
 */
class TrueScreenSurvivesKillTest {

    private static final int BEFORE_KILL = 100;
    private static final int WHILE_DOWN = 30;

    @TempDir
    Path work;

    private final SalesforceEmulator salesforce = OutsideSystems.salesforce();

    /** A channel of the mode's own: the org's events of another run are not heard. */
    private static String channel(String mode) {
        return "/event/Certify_Kill_" + mode + "__e";
    }

    private static String[] settings(TrueScreenEmulator truescreen, String mode) {
        Map<String, String> settings = new LinkedHashMap<>(OutsideSystems.salesforceSettings());
        settings.putAll(OutsideTrueScreen.settings(truescreen));
        // longer than the restart and TrueScreen's retries of a callback that found the hub down
        settings.put("certbridge.truescreen." + OutsideTrueScreen.ACCOUNT + ".callback-grace", "100s");
        settings.put("certbridge.salesforce.channels[0].name", channel(mode));
        // the killed hub's claims and Kafka consumers are given up soon, not after minutes
        settings.put("certbridge.deliveries.lease", "10s");
        settings.put("camel.component.kafka.session-timeout-ms", "6000");
        settings.put("certbridge.deliveries.connectors.truescreen-certify-sink.retry.max-backoff", "5s");
        return settings.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    }

    @ParameterizedTest
    @ValueSource(strings = {"hash", "file"})
    void killedWhileCertifyingTheHubCertifiesEveryCertificateExactlyOnce(String mode) throws Exception {
        Path data = work.resolve("data");
        Path firstLog = Path.of("target", "truescreen-kill-" + mode + "-hub.log");
        Path restartedLog = Path.of("target", "truescreen-kill-" + mode + "-restarted-hub.log");
        Files.deleteIfExists(firstLog);
        Files.deleteIfExists(restartedLog);
        String template;
        try (TrueScreenEmulator truescreen = new TrueScreenEmulator(OutsideTrueScreen.API_KEY).start();
             HookForwarder hooks = new HookForwarder("Content-Type", "webhook-id", "webhook-timestamp",
                     "webhook-signature")) {
            truescreen.sendWebhooksTo(hooks.url(), OutsideTrueScreen.WEBHOOK_SECRET);
            truescreen.webhookRetries(30, Duration.ofSeconds(1));
            // processing outlasts the late answer: a callback reaches the first hub only once it heard the answer
            truescreen.processingTime(Duration.ofSeconds(2));
            truescreen.delayResponses("POST", Duration.ofSeconds(1));
            String[] settings = settings(truescreen, mode);

            try (HubProcess hub = HubProcess.start(data, firstLog, settings)) {
                hooks.to(hub.api().baseUrl() + "/hooks/truescreen/" + OutsideTrueScreen.ACCOUNT);
                template = template(hub.api(), mode);
                batch(hub.api(), template);
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20))
                        .until(() -> truescreen.certifications().size() >= 30);
                hub.kill();
                hooks.to(null);
            }
            assertThat(truescreen.certifications().size()).as("killed mid-way").isLessThan(BEFORE_KILL);
            String course = "KILL-" + UUID.randomUUID();
            for (int i = 0; i < WHILE_DOWN; i++) {
                salesforce.publish(channel(mode), completion(course));
            }
            truescreen.delayResponses(Duration.ZERO);

            try (HubProcess hub = HubProcess.start(data, restartedLog, settings)) {
                hooks.to(hub.api().baseUrl() + "/hooks/truescreen/" + OutsideTrueScreen.ACCOUNT);
                ApiClient api = hub.api();
                await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> truescreen.countsByMetadata("certificate_id").size()
                                >= BEFORE_KILL + WHILE_DOWN);
                List<String> certificates = certificates(api, template);
                assertThat(certificates).hasSize(BEFORE_KILL + WHILE_DOWN);
                for (String certificate : certificates) {
                    JsonNode certified = await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                            .until(() -> api.get("/v1/certificates/" + certificate + "/certifications").body()
                                    .path("data"), list -> list.size() == 1
                                    && "completed".equals(list.get(0).path("status").asText())).get(0);
                    assertThat(certified.get("mode").asText()).isEqualTo(mode);
                    assertThat(certified.get("artifacts").findValuesAsText("type")).as(certificate)
                            .containsAll(List.of("data", "report", "xml"));
                    assertThat(certified.get("artifacts").findValues("size")).allMatch(size -> size.asInt() > 0);
                }
                Thread.sleep(3_000);
                Map<String, Integer> perCertificate = truescreen.countsByMetadata("certificate_id");
                assertThat(perCertificate.keySet()).containsExactlyInAnyOrderElementsOf(certificates);
                assertThat(perCertificate.values()).as("certifications per certificate at TrueScreen")
                        .allMatch(count -> count == 1);
                Map<String, Integer> perDigest = mode.equals("hash") ? truescreen.hashCounts()
                        : truescreen.fileDigestCounts();
                assertThat(perDigest).as("each PDF and credential certified once")
                        .hasSize(2 * certificates.size()).allSatisfy((digest, count) -> assertThat(count).isOne());
                assertThat(api.get("/v1/certificates?limit=1&status=pending&template_id=" + template).body()
                        .get("data")).as("certificates left pending").isEmpty();
                await().atMost(Duration.ofSeconds(60)).until(() -> Stream.of("pending", "sending").allMatch(
                        status -> deliveries(api, status).isEmpty()));
                assertThat(deliveries(api, "failed")).as("certifications given up").isEmpty();
                assertThat(Files.readString(restartedLog)).as("the restarted hub's log")
                        .contains("adopted: the answer to its request was lost");
            }
        }
        for (Path log : List.of(firstLog, restartedLog)) {
            assertThat(Files.readString(log)).as(log.toString()).doesNotContain(OutsideTrueScreen.API_KEY,
                    OutsideTrueScreen.WEBHOOK_SECRET.substring("whsec_".length()));
        }
    }

    private static String template(ApiClient api, String mode) {
        ApiClient.Response created = api.post("/v1/templates", Map.of("name", "Certified by TrueScreen, killed",
                "fields", List.of(Map.of("name", "course", "type", "string", "required", true)),
                "truescreen", Map.of("account", OutsideTrueScreen.ACCOUNT, "mode", mode)));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        String template = created.body().get("id").asText();
        ApiClient.Response rule = api.post("/v1/rules", Map.of("name", "Certified by TrueScreen",
                "source", "salesforce", "event_type", channel(mode).substring("/event/".length()),
                "template_id", template,
                "fields", Map.of("course", "$.course.name")));
        assertThat(rule.status()).as(rule.body().toString()).isEqualTo(201);
        return template;
    }

    private static void batch(ApiClient api, String template) {
        List<Object> recipients = new ArrayList<>();
        for (int i = 0; i < BEFORE_KILL; i++) {
            recipients.add(Map.of("name", "Learner " + i, "email", "learner" + i + "." + UUID.randomUUID()
                    + "@example.org", "fields", Map.of("course", "Certified Data Handling")));
        }
        ApiClient.Response batch = api.post("/v1/certificates/batch", Map.of("template_id", template,
                "recipients", recipients));
        assertThat(batch.status()).as(batch.body().toString()).isEqualTo(202);
    }

    /** A Certify_Kill_&lt;mode&gt;__e event as the org's flow publishes it: a Contact completed a course. */
    private static Map<String, Object> completion(String course) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("Contact_Id__c", "003" + UUID.randomUUID().toString().replace("-", "").substring(0, 15));
        payload.put("Contact_Name__c", "Learner While Down");
        payload.put("Contact_Email__c", "down." + UUID.randomUUID() + "@example.org");
        payload.put("Course_Code__c", course);
        payload.put("Course_Name__c", "Certified Data Handling");
        return payload;
    }

    private static JsonNode deliveries(ApiClient api, String status) {
        return api.get("/v1/deliveries?limit=1&connector=" + TrueScreenConnector.NAME + "&status=" + status).body()
                .get("data");
    }

    /** The ids of the template's certificates, every page. */
    private static List<String> certificates(ApiClient api, String template) {
        Set<String> ids = new TreeSet<>();
        String after = null;
        do {
            JsonNode page = api.get("/v1/certificates?limit=100&template_id=" + template
                    + (after == null ? "" : "&starting_after=" + after)).body();
            page.get("data").forEach(certificate -> ids.add(certificate.get("id").asText()));
            after = page.get("has_more").asBoolean() ? page.get("data").get(page.get("data").size() - 1)
                    .get("id").asText() : null;
        } while (after != null);
        return List.copyOf(ids);
    }
}
