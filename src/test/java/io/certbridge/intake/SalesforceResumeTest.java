package io.certbridge.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.certbridge.emulator.salesforce.SalesforceEmulator;
import io.certbridge.support.ApiClient;
import io.certbridge.support.HubProcess;
import io.certbridge.support.OutsideSystems;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub is killed in the middle of a stream of platform events and started again: it resumes from the
 * stored replay id, and every event issues exactly one certificate, written to its Contact. Then the
 * stored position expires from Salesforce's retention: the subscription falls back, and says so.
 */
class SalesforceResumeTest {

    private static final String CHANNEL = "/event/Resume_Probe__e";
    private static final int EVENTS = 40;

    @TempDir
    Path work;

    private final SalesforceEmulator salesforce = OutsideSystems.salesforce();

    private String[] settings() {
        return Stream.concat(OutsideSystems.salesforceSettings().entrySet().stream()
                                .map(e -> e.getKey() + "=" + e.getValue()),
                        // write-backs the killed hub had claimed are sent again once their lease ends
                        Stream.of("certbridge.salesforce.channels[0].name=" + CHANNEL, "certbridge.deliveries.lease=3s"))
                .toArray(String[]::new);
    }

    private record Published(String contact, String email, long replayId) {
    }

    private Published publish(String course) {
        String email = "resume." + UUID.randomUUID() + "@example.com";
        String contact = SalesforceIntakeTest.contactId();
        salesforce.createRecord("Contact", contact, Map.of("LastName", "Resume", "Email", email));
        long replayId = salesforce.publish(CHANNEL, SalesforceIntakeTest.completion(contact, email, course)).replayId();
        return new Published(contact, email, replayId);
    }

    private static int issued(ApiClient api, String template) {
        return api.get("/v1/certificates?limit=100&template_id=" + template).body().get("data").size();
    }

    @Test
    void aKilledHubResumesTheStreamWithNoEventLostOrDoubledAndAnExpiredPositionFallsBackVisibly() throws Exception {
        Path data = work.resolve("data");
        Path log = Path.of("target", "salesforce-resume-hub.log");
        String course = "RESUME-" + UUID.randomUUID();
        List<Published> published = new ArrayList<>();
        String template;
        try (HubProcess hub = HubProcess.start(data, log, settings())) {
            ApiClient api = hub.api();
            template = api.post("/v1/templates", Map.of("name", "Resume test",
                    "fields", List.of(Map.of("name", "course", "type", "string", "required", true))))
                    .body().get("id").asText();
            assertThat(api.post("/v1/rules", Map.of("name", "Resume", "source", "salesforce",
                    "event_type", "Resume_Probe__e", "template_id", template,
                    "fields", Map.of("course", "$.course.name"),
                    "writebacks", List.of(Map.of("type", "salesforce_record")))).status()).isEqualTo(201);

            for (int i = 0; i < EVENTS / 2; i++) {
                published.add(publish(course));
                Thread.sleep(20);
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> issued(api, template) >= 5);
            hub.kill();
        }
        for (int i = EVENTS / 2; i < EVENTS; i++) {
            published.add(publish(course));
        }

        try (HubProcess hub = HubProcess.start(data, log, settings())) {
            ApiClient api = hub.api();
            await().atMost(Duration.ofSeconds(60)).until(() -> issued(api, template) >= EVENTS);
            for (Published event : published) {
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> salesforce.record("Contact", event.contact()).get("Certificate_Id__c") != null);
            }
            JsonNode certificates = api.get("/v1/certificates?limit=100&template_id=" + template).body().get("data");
            Set<String> recipients = new HashSet<>();
            certificates.forEach(c -> recipients.add(c.at("/recipient/email").asText()));
            assertThat(certificates).hasSize(EVENTS);
            assertThat(recipients).containsExactlyInAnyOrderElementsOf(published.stream().map(Published::email).toList());
            await().atMost(Duration.ofSeconds(10)).until(() -> channel(api).path("replay_id").asLong()
                    == published.getLast().replayId());
        }

        salesforce.forgetEventsUpTo(published.getLast().replayId());
        Published afterExpiry = publish(course);
        try (HubProcess hub = HubProcess.start(data, log, settings())) {
            ApiClient api = hub.api();
            await().atMost(Duration.ofSeconds(60)).until(() -> issued(api, template) == EVENTS + 1);
            assertThat(api.get("/v1/certificates?recipient_email=" + afterExpiry.email()).body().get("data")).hasSize(1);
            JsonNode channel = await().atMost(Duration.ofSeconds(10)).until(() -> channel(api),
                    c -> !c.path("fallback_at").isNull() && !c.path("fallback_at").isMissingNode());
            assertThat(channel.get("fallback_detail").asText()).contains("refused the stored replay id");
        }
    }

    private static JsonNode channel(ApiClient api) {
        for (JsonNode channel : api.get("/v1/salesforce/channels").body().get("data")) {
            if (channel.get("channel").asText().equals(CHANNEL)) {
                return channel;
            }
        }
        throw new AssertionError("no channel " + CHANNEL);
    }
}
