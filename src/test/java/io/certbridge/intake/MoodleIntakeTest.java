package io.certbridge.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.certbridge.emulator.MoodleEmulator;
import io.certbridge.backbone.KafkaSettings;
import io.certbridge.support.ApiClient;
import io.certbridge.support.HookClient.Delivery;
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

/**
 * Moodle events as the local_webhooks plugin posts them: the learner looked up in Moodle, the certificate
 * link written to a custom profile field with core_user_update_users, and Moodle's ways of failing.
 */
class MoodleIntakeTest extends HubTestBase {

    @Autowired
    KafkaSettings kafka;

    private static final String FIELD = "certificateurl";

    private final MoodleEmulator moodle = OutsideSystems.moodle();

    private long newId() {
        return ThreadLocalRandom.current().nextLong(1_000, 999_999_999);
    }

    private void rule(String eventType, long course, String template, Map<String, Object> extra) {
        moodle.addProfileField(FIELD);
        Map<String, Object> rule = new HashMap<>(Map.of(
                "name", "Moodle " + course, "source", "moodle", "event_type", eventType,
                "course_id", String.valueOf(course), "template_id", template,
                "fields", Map.of("course", "Moodle course " + course, "completed_on", "$.data.timecreated"),
                "writebacks", List.of(Map.of("type", "moodle_profile_field", "field", FIELD))));
        rule.putAll(extra);
        ApiClient.Response created = api().post("/v1/rules", rule);
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
    }

    /** The sample event for this learner and course; ids as strings, or as numbers when {@code numeric}. */
    private ObjectNode event(String sample, long learner, long course, boolean numeric) {
        ObjectNode event = LmsPayloads.sample(sample);
        if (numeric) {
            event.put("relateduserid", learner).put("courseid", course).put("objectid", newId());
        } else {
            event.put("relateduserid", String.valueOf(learner)).put("courseid", String.valueOf(course))
                    .put("objectid", String.valueOf(newId()));
        }
        ((ObjectNode) event.get("other")).put("relateduserid", String.valueOf(learner));
        return event;
    }

    /** As the plugin sends it: JSON labelled as a form when the service's content type is x-www-form-urlencoded. */
    private Delivery deliver(ObjectNode event) {
        return hooks().post("/hooks/moodle", "application/x-www-form-urlencoded", event.toString());
    }

    private JsonNode awaitCertificate(String email) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode data = api().get("/v1/certificates?recipient_email=" + email).body().get("data");
            return data.isEmpty() ? null : data;
        }, found -> found != null).get(0);
    }

    @Test
    void aCourseCompletionIssuesToTheRelatedUserAndSetsTheProfileField() {
        long learner = newId(), course = newId();
        String email = "learner" + learner + "@example.com";
        moodle.addUser(learner, "Mary", "Somerville", email);
        rule("\\core\\event\\course_completed", course, courseTemplate(), Map.of());

        Delivery delivery = deliver(event("moodle-course_completed.json", learner, course, false));

        assertThat(delivery.status()).isEqualTo(202);
        JsonNode certificate = awaitCertificate(email);
        assertThat(certificate.at("/recipient/name").asText()).isEqualTo("Mary Somerville");
        assertThat(certificate.at("/fields/completed_on").asText()).isEqualTo("2024-11-05");
        await().atMost(Duration.ofSeconds(30)).until(() -> certificate.get("verification_url").asText()
                .equals(moodle.profileField(learner, FIELD)));
        assertThat(moodle.requests(MoodleEmulator.ENDPOINT)).allSatisfy(r -> assertThat(r.body())
                .contains("moodlewsrestformat=json"));

        assertThat(api().post("/v1/certificates/" + certificate.get("id").asText() + "/revoke", null).status())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> "".equals(moodle.profileField(learner, FIELD)));
    }

    @Test
    void idsMayComeAsNumbersAndTheStoredEventKeepsNoToken() {
        long learner = newId(), course = newId();
        String email = "numeric" + learner + "@example.com";
        moodle.addUser(learner, "Emmy", "Noether", email);
        rule("\\core\\event\\course_completed", course, courseTemplate(), Map.of());

        assertThat(deliver(event("moodle-course_completed.json", learner, course, true)).status()).isEqualTo(202);

        awaitCertificate(email);
        JsonNode recorded = api().get("/v1/intake-events?source=moodle&status=matched&limit=100").body().get("data");
        JsonNode mine = findLearner(recorded, learner);
        assertThat(mine.get("course_id").asText()).isEqualTo(String.valueOf(course));
        assertThat(mine.get("event").has("token")).isFalse();
        assertThat(mine.toString()).doesNotContain(OutsideSystems.MOODLE_WEBHOOK_TOKEN);
    }

    private static JsonNode findLearner(JsonNode events, long learner) {
        for (JsonNode event : events) {
            if (event.path("learner_id").asText().equals(String.valueOf(learner))) {
                return event;
            }
        }
        throw new AssertionError("No event of learner " + learner);
    }

    @Test
    void aModuleCompletionIssuesOnAPassOnly() {
        long learner = newId(), course = newId();
        String email = "module" + learner + "@example.com";
        moodle.addUser(learner, "Sofia", "Kovalevskaya", email);
        rule("\\core\\event\\course_module_completion_updated", course, courseTemplate(),
                Map.of("conditions", List.of(Map.of("path", "$.data.contextinstanceid", "operator", "equals", "value", "88"))));
        ObjectNode failed = event("moodle-course_module_completion_updated.json", learner, course, false);
        ((ObjectNode) failed.get("other")).put("completionstate", 3);

        assertThat(deliver(failed).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> api().get("/v1/intake-events?status=ignored&limit=100")
                .body().toString().contains("completionstate 3"));

        assertThat(deliver(event("moodle-course_module_completion_updated.json", learner, course, false)).status())
                .isEqualTo(202);
        awaitCertificate(email);
    }

    @Test
    void aWrongTokenIsRefusedAndRecordsNothing() {
        long learner = newId(), course = newId();
        ObjectNode event = event("moodle-course_completed.json", learner, course, false);
        event.put("token", "not-the-token");
        ObjectNode missing = event("moodle-course_completed.json", learner, course, false);
        missing.remove("token");

        assertThat(deliver(event).status()).isEqualTo(401);
        assertThat(deliver(missing).status()).isEqualTo(401);
        assertThat(hooks().post("/hooks/moodle", "application/json", "{\"eventname\":").status()).isEqualTo(400);
        assertThat(api().get("/v1/intake-events?source=moodle&limit=100").body().toString())
                .doesNotContain("\"learner_id\":\"" + learner + "\"");
    }

    @Test
    void moodlesErrorAnsweredWithHttp200IsAFailedWriteBack() {
        long learner = newId(), course = newId();
        String email = "refused" + learner + "@example.com";
        moodle.addUser(learner, "Ada", "Byron", email);
        rule("\\core\\event\\course_completed", course, courseTemplate(), Map.of());
        deliver(event("moodle-course_completed.json", learner, course, false));
        JsonNode certificate = awaitCertificate(email);
        String id = certificate.get("id").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> certificate.get("verification_url").asText()
                .equals(moodle.profileField(learner, FIELD)));

        moodle.failNext(MoodleEmulator.ENDPOINT, 1, 200, "application/json",
                "{\"exception\":\"dml_missing_record_exception\",\"errorcode\":\"invalidrecord\","
                        + "\"message\":\"Can't find data record in database table user.\"}");
        api().post("/v1/certificates/" + id + "/revoke", null);

        JsonNode failed = await().atMost(Duration.ofSeconds(30)).until(
                () -> api().get("/v1/writebacks?status=failed&certificate_id=" + id).body().get("data"),
                data -> data.size() == 1).get(0);
        assertThat(failed.get("attempts").asInt()).isEqualTo(1);
        assertThat(failed.get("last_error").asText()).contains("invalidrecord");
        assertThat(failed.get("last_error").asText()).doesNotContain(OutsideSystems.MOODLE_WS_TOKEN);
        assertThat(moodle.profileField(learner, FIELD)).isEqualTo(certificate.get("verification_url").asText());
        List<JsonNode> announced = KafkaTopicReader.read(kafka.bootstrapServers(), kafka.topics().certificateEvents(),
                e -> e.get("type").asText().equals("writeback.failed")
                        && failed.get("id").asText().equals(e.at("/data/id").asText()), 2, Duration.ofSeconds(10));
        assertThat(announced).singleElement().satisfies(event -> {
            assertThat(event.at("/data/certificate_id").asText()).isEqualTo(id);
            assertThat(event.at("/data/error").asText()).contains("invalidrecord");
        });
    }

    @Test
    void aSiteAdminMoodleDoesNotUpdateIsAFailedWriteBackInMoodlesWords() {
        long admin = newId(), course = newId();
        String email = "admin" + admin + "@example.com";
        moodle.addUser(admin, "Grace", "Hopper", email);
        moodle.makeSiteAdmin(admin);
        rule("\\core\\event\\course_completed", course, courseTemplate(), Map.of());

        deliver(event("moodle-course_completed.json", admin, course, false));

        JsonNode failed = awaitFailedWriteback(awaitCertificate(email).get("id").asText());
        assertThat(failed.get("attempts").asInt()).as("a refusal is not tried again").isEqualTo(1);
        assertThat(failed.get("last_error").asText()).contains("usernotupdatedadmin", "Cannot update admin accounts");
        assertThat(moodle.profileField(admin, FIELD)).isNull();
    }

    @Test
    void withoutTheRightToUpdateUsersTheWriteBackFails() {
        long learner = newId(), course = newId();
        String email = "nocap" + learner + "@example.com";
        moodle.addUser(learner, "Lise", "Meitner", email);
        rule("\\core\\event\\course_completed", course, courseTemplate(), Map.of());
        moodle.allowUserUpdates(false);
        try {
            deliver(event("moodle-course_completed.json", learner, course, false));

            JsonNode failed = awaitFailedWriteback(awaitCertificate(email).get("id").asText());
            assertThat(failed.get("attempts").asInt()).isEqualTo(1);
            assertThat(failed.get("last_error").asText()).contains("nopermissions");
        } finally {
            moodle.allowUserUpdates(true);
        }
        assertThat(moodle.profileField(learner, FIELD)).isNull();
    }

    private JsonNode awaitFailedWriteback(String certificateId) {
        return await().atMost(Duration.ofSeconds(30)).until(
                () -> api().get("/v1/writebacks?status=failed&certificate_id=" + certificateId).body().get("data"),
                data -> data.size() == 1).get(0);
    }

    @Test
    void anUnknownLearnerOrAMoodleOutageFailsTheEventWhichCanBeReplayed() {
        long learner = newId(), course = newId();
        String email = "outage" + learner + "@example.com";
        rule("\\core\\event\\course_completed", course, courseTemplate(), Map.of());

        deliver(event("moodle-course_completed.json", learner, course, false));

        JsonNode failed = await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode data = api().get("/v1/intake-events?source=moodle&status=failed&limit=100").body().get("data");
            for (JsonNode e : data) {
                if (e.path("learner_id").asText().equals(String.valueOf(learner))) {
                    return e;
                }
            }
            return null;
        }, e -> e != null);
        assertThat(failed.get("detail").asText()).contains("Moodle knows no user " + learner);

        moodle.addUser(learner, "Late", "Comer", email);
        assertThat(api().post("/v1/intake-events/" + failed.get("id").asText() + "/replay", null).body()
                .get("status").asText()).isEqualTo("matched");
        awaitCertificate(email);
    }
}
