package io.certbridge.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.certbridge.backbone.KafkaSettings;
import io.certbridge.support.ApiClient;
import io.certbridge.support.HubTestBase;
import io.certbridge.support.KafkaTopicReader;
import io.certbridge.support.OutsideSystems;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** POST /v1/rules/dry-run: the certificate and write-backs a rule would make of an event, and nothing made. */
class RuleDryRunTest extends HubTestBase {

    private static final String NAMESPACE = "com.example.dryrun";

    @Autowired
    KafkaSettings kafka;

    private final String course = String.valueOf(ThreadLocalRandom.current().nextLong(100_000, 999_999_999));
    private final String user = String.valueOf(ThreadLocalRandom.current().nextLong(100_000, 999_999_999));
    private final String email = "dry." + user + "@example.com";

    private Map<String, Object> rule(String template) {
        return Map.of("name", "Dry run " + course, "source", "canvas", "event_type", "course_completed",
                "course_id", course, "template_id", template,
                "fields", Map.of("course", "$.course.name", "completed_on", "$.data.body.progress.completed_at"),
                "writebacks", List.of(Map.of("type", "canvas_custom_data", "namespace", NAMESPACE)));
    }

    private ObjectNode completion() {
        return LmsPayloads.canvas("canvas-course_completed.json", user, course, email);
    }

    @Test
    void aPastedEventShowsTheCertificateAndWritebacksAndNothingIsIssued() {
        String template = courseTemplate();
        String ruleId = api().post("/v1/rules", rule(template)).body().get("id").asText();

        ApiClient.Response dryRun = api().post("/v1/rules/dry-run",
                Map.of("rule_id", ruleId, "event", Map.of("source", "canvas", "body", completion())));

        assertThat(dryRun.status()).as(String.valueOf(dryRun.body())).isEqualTo(200);
        JsonNode result = dryRun.body();
        assertThat(result.get("matched").asBoolean()).isTrue();
        assertThat(result.get("status").asText()).isEqualTo("matched");
        assertThat(result.at("/certificate/template_id").asText()).isEqualTo(template);
        assertThat(result.at("/certificate/recipient/email").asText()).isEqualTo(email);
        assertThat(result.at("/certificate/fields/course").asText()).isEqualTo("Computer Science I");
        assertThat(result.at("/certificate/fields/completed_on").asText()).isEqualTo("2024-11-05");
        assertThat(result.at("/writebacks/0/type").asText()).isEqualTo("canvas_custom_data");
        assertThat(result.at("/writebacks/0/target").toString()).contains(user).contains(course).contains(NAMESPACE);
        assertThat(result.has("renews")).isTrue();

        assertThat(KafkaTopicReader.read(kafka.bootstrapServers(), kafka.topics().certificateRequests(),
                r -> r.path("request_key").asText().contains(ruleId), 1, Duration.ofSeconds(3))).isEmpty();
        assertThat(api().get("/v1/certificates?recipient_email=" + email).body().get("data")).isEmpty();
        assertThat(OutsideSystems.canvas().requests("/api/v1/users/" + user + "/custom_data")).isEmpty();
        assertThat(api().get("/v1/intake-events?source=canvas&limit=100").body().get("data").findValues("learner_id"))
                .noneMatch(id -> id.asText().equals(user));
    }

    @Test
    void aNewRuleIsTriedOnARecordedEventThatNoRuleMatchedAndTheEventStaysAsItWas() {
        String template = courseTemplate();
        ObjectNode event = completion();
        assertThat(hooks().post("/hooks/canvas?token=" + OutsideSystems.CANVAS_URL_TOKEN, "application/json",
                event.toString()).status()).isEqualTo(202);
        JsonNode recorded = await().atMost(Duration.ofSeconds(30)).until(() -> {
            for (JsonNode e : api().get("/v1/intake-events?source=canvas&limit=100").body().get("data")) {
                if (user.equals(e.path("learner_id").asText())) {
                    return e;
                }
            }
            return null;
        }, e -> e != null);
        assertThat(recorded.get("status").asText()).isEqualTo("unmatched");

        JsonNode result = api().post("/v1/rules/dry-run",
                Map.of("rule", rule(template), "intake_event_id", recorded.get("id").asText())).body();

        assertThat(result.get("matched").asBoolean()).as(result.toString()).isTrue();
        assertThat(result.at("/certificate/recipient/name").asText()).isEqualTo("Ada Lovelace");
        assertThat(api().get("/v1/rules?limit=100").body().get("data").findValues("course_id"))
                .noneMatch(id -> id.asText().equals(course));
        assertThat(api().get("/v1/intake-events/" + recorded.get("id").asText()).body().get("status").asText())
                .isEqualTo("unmatched");
    }

    @Test
    void anEventTheRuleDoesNotCoverOrCannotFillSaysWhy() {
        String template = courseTemplate();
        Map<String, Object> otherCourse = new HashMap<>(rule(template));
        otherCourse.put("course_id", "1");
        JsonNode unmatched = api().post("/v1/rules/dry-run",
                Map.of("rule", otherCourse, "event", Map.of("source", "canvas", "body", completion()))).body();
        assertThat(unmatched.get("matched").asBoolean()).isFalse();
        assertThat(unmatched.get("status").asText()).isEqualTo("unmatched");
        assertThat(unmatched.get("certificate").isNull()).isTrue();

        ObjectNode withoutEmail = completion();
        ((ObjectNode) withoutEmail.at("/body/user")).remove("email");
        JsonNode failed = api().post("/v1/rules/dry-run",
                Map.of("rule", rule(template), "event", Map.of("source", "canvas", "body", withoutEmail))).body();
        assertThat(failed.get("status").asText()).isEqualTo("failed");
        assertThat(failed.get("reason").asText()).contains("recipient.email");
    }

    @Test
    void anInvalidRuleOrEventIsRefusedAsCreationRefusesIt() {
        Map<String, Object> invalid = new HashMap<>(rule("tmpl_nope"));
        ApiClient.Response dryRun = api().post("/v1/rules/dry-run",
                Map.of("rule", invalid, "event", Map.of("source", "canvas", "body", completion())));
        ApiClient.Response create = api().post("/v1/rules", invalid);
        assertThat(dryRun.status()).isEqualTo(422);
        assertThat(dryRun.body().get("errors")).isEqualTo(create.body().get("errors"));

        assertThat(api().post("/v1/rules/dry-run", Map.of("rule", rule(courseTemplate()),
                "event", Map.of("source", "nowhere", "body", completion()))).body().at("/errors/0/field").asText())
                .isEqualTo("event.source");
        assertThat(api().post("/v1/rules/dry-run", Map.of("event", Map.of("source", "canvas", "body", completion())))
                .status()).isEqualTo(422);
        assertThat(api().post("/v1/rules/dry-run", Map.of("rule_id", "rule_nope",
                "event", Map.of("source", "canvas", "body", completion()))).status()).isEqualTo(404);
    }
}
