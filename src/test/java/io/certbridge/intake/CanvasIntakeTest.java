package io.certbridge.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.certbridge.emulator.CanvasEmulator;
import io.certbridge.support.ApiClient;
import io.certbridge.support.HookClient.Delivery;
import io.certbridge.support.HubTestBase;
import io.certbridge.support.OutsideSystems;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * Canvas Live Events in, certificates out, and the certificate written back into Canvas custom data:
 * signed and unsigned deliveries, repeats, progress events, unmatched events, revocation and outages of
 * the Canvas API (the emulator answers as Canvas does).
 */
class CanvasIntakeTest extends HubTestBase {

    private static final String NAMESPACE = "com.example.certbridge";

    private final CanvasEmulator canvas = OutsideSystems.canvas();

    private String course() {
        return String.valueOf(ThreadLocalRandom.current().nextLong(100_000, 999_999_999));
    }

    private String rule(String eventType, String course, String template) {
        ApiClient.Response created = api().post("/v1/rules", Map.of(
                "name", "Canvas " + eventType + " " + course, "source", "canvas", "event_type", eventType,
                "course_id", course, "template_id", template,
                "fields", Map.of("course", "$.course.name", "completed_on", "$.data.body.progress.completed_at"),
                "writebacks", List.of(Map.of("type", "canvas_custom_data", "namespace", NAMESPACE))));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        return created.body().get("id").asText();
    }

    private Delivery signed(ObjectNode event) {
        return hooks().post("/hooks/canvas", "application/jwt", canvas.signLiveEvent(event.toString()));
    }

    private JsonNode awaitCertificate(String email) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode data = api().get("/v1/certificates?recipient_email=" + email).body().get("data");
            return data.isEmpty() ? null : data;
        }, found -> found != null).get(0);
    }

    private JsonNode awaitCustomData(String user, String course, String status) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode data = canvas.customData(user, NAMESPACE);
            return data == null ? null : data.get("course_" + course);
        }, record -> record != null && record.path("status").asText().equals(status));
    }

    @Test
    void aSignedCompletionIssuesACertificateAndWritesItBackToCanvas() {
        String course = course(), user = course(), email = "ada." + user + "@example.com";
        rule("course_completed", course, courseTemplate());

        Delivery delivery = signed(LmsPayloads.canvas("canvas-course_completed.json", user, course, email));

        assertThat(delivery.status()).isEqualTo(202);
        JsonNode certificate = awaitCertificate(email);
        assertThat(certificate.at("/recipient/name").asText()).isEqualTo("Ada Lovelace");
        assertThat(certificate.at("/fields/course").asText()).isEqualTo("Computer Science I");
        assertThat(certificate.at("/fields/completed_on").asText()).isEqualTo("2024-11-05");
        assertThat(certificate.at("/credential/evidence/0/name").asText()).isEqualTo("canvas course_completed event");
        JsonNode written = awaitCustomData(user, course, "issued");
        assertThat(written.get("certificate_id").asText()).isEqualTo(certificate.get("id").asText());
        assertThat(written.get("certificate_url").asText()).isEqualTo(certificate.get("verification_url").asText());
        JsonNode writebacks = api().get("/v1/writebacks?certificate_id=" + certificate.get("id").asText()).body();
        assertThat(writebacks.at("/data/0/status").asText()).isEqualTo("done");
        assertThat(canvas.requests("/api/v1/users/" + user + "/custom_data")).first()
                .satisfies(r -> assertThat(r.header("Authorization")).isEqualTo("Bearer " + OutsideSystems.CANVAS_API_TOKEN));
    }

    @Test
    void theLearnerIsTheBodysUserEvenWhenSomeoneElseTriggeredTheEvent() {
        String course = course(), user = course(), email = "grace." + user + "@example.com";
        rule("course_completed", course, courseTemplate());
        ObjectNode event = LmsPayloads.canvas("canvas-course_completed-user_generated.json", user, course, email);
        ((ObjectNode) event.get("metadata")).put("user_id", "21070000000000987").put("user_login", "teacher@example.com");

        assertThat(signed(event).status()).isEqualTo(202);

        assertThat(awaitCertificate(email).at("/recipient/email").asText()).isEqualTo(email);
        awaitCustomData(user, course, "issued");
    }

    @Test
    void repeatedDeliveriesAndRepeatedCompletionsIssueOneCertificate() throws InterruptedException {
        String course = course(), user = course(), email = "repeat." + user + "@example.com";
        rule("course_completed", course, courseTemplate());
        ObjectNode event = LmsPayloads.canvas("canvas-course_completed.json", user, course, email);
        String jwt = canvas.signLiveEvent(event.toString());

        for (int i = 0; i < 3; i++) {
            assertThat(hooks().post("/hooks/canvas", "application/jwt", jwt).status()).isEqualTo(202);
        }
        ((ObjectNode) event.get("metadata")).put("event_time", "2024-11-06T09:00:00.000Z");
        ((ObjectNode) event.at("/body/progress")).put("completed_at", "2024-11-06T08:58:00Z");
        assertThat(signed(event).status()).isEqualTo(202);

        awaitCertificate(email);
        await().atMost(Duration.ofSeconds(30)).until(() -> api().get("/v1/intake-events?source=canvas&limit=100")
                .body().get("data").findValues("learner_id").stream().filter(id -> id.asText().equals(user)).count() == 2);
        Thread.sleep(500);
        assertThat(api().get("/v1/certificates?recipient_email=" + email).body().get("data")).hasSize(1);
    }

    @Test
    void courseProgressIssuesOnlyOnceEveryRequirementIsComplete() {
        String course = course(), user = course(), email = "progress." + user + "@example.com";
        rule("course_progress", course, courseTemplate());
        ObjectNode partly = LmsPayloads.canvas("canvas-course_progress.json", user, course, email);
        ObjectNode notModuleBased = LmsPayloads.canvas("canvas-course_progress-not_module_based.json", user, course, email);

        assertThat(signed(partly).status()).isEqualTo(202);
        assertThat(signed(notModuleBased).status()).isEqualTo(202);

        JsonNode ignored = await().atMost(Duration.ofSeconds(30)).until(() -> eventsOf(user, "ignored"), e -> e.size() == 2);
        assertThat(ignored.findValuesAsText("detail")).anySatisfy(d -> assertThat(d).contains("5 of 6 requirements"))
                .anySatisfy(d -> assertThat(d).contains("not module based"));
        assertThat(api().get("/v1/certificates?recipient_email=" + email).body().get("data")).isEmpty();

        ObjectNode complete = LmsPayloads.canvas("canvas-course_progress.json", user, course, email);
        ((ObjectNode) complete.at("/body/progress")).put("requirement_completed_count", 6)
                .put("completed_at", "2024-11-05T13:38:00Z");
        assertThat(signed(complete).status()).isEqualTo(202);
        awaitCertificate(email);
    }

    private JsonNode eventsOf(String learner, String status) {
        JsonNode data = api().get("/v1/intake-events?status=" + status + "&limit=100").body().get("data");
        var found = ApiClient.json().createArrayNode();
        data.forEach(e -> {
            if (learner.equals(e.path("learner_id").asText())) {
                found.add(e);
            }
        });
        return found;
    }

    @Test
    void anEventNoRuleMatchesIsRecordedAndIssuesOnceARuleIsAddedAndItIsReplayed() {
        String course = course(), user = course(), email = "later." + user + "@example.com";

        assertThat(signed(LmsPayloads.canvas("canvas-course_completed.json", user, course, email)).status())
                .isEqualTo(202);

        JsonNode unmatched = await().atMost(Duration.ofSeconds(30)).until(() -> eventsOf(user, "unmatched"),
                e -> e.size() == 1).get(0);
        assertThat(unmatched.get("detail").asText()).isEqualTo("No rule for canvas course_completed in course " + course);
        assertThat(unmatched.at("/event/body/user/id").asText()).isEqualTo(user);

        rule("course_completed", course, courseTemplate());
        ApiClient.Response replayed = api().post("/v1/intake-events/" + unmatched.get("id").asText() + "/replay", null);
        assertThat(replayed.status()).isEqualTo(200);
        assertThat(replayed.body().get("status").asText()).isEqualTo("matched");
        awaitCertificate(email);
    }

    @Test
    void unsignedJsonIsTakenOnlyOnTheUrlThatCarriesTheConfiguredToken() {
        String course = course(), user = course(), email = "unsigned." + user + "@example.com";
        rule("course_completed", course, courseTemplate());
        String event = LmsPayloads.canvas("canvas-course_completed.json", user, course, email).toString();

        Delivery withoutToken = hooks().post("/hooks/canvas", "application/json", event);
        Delivery wrongToken = hooks().post("/hooks/canvas?token=guess", "application/json", event);
        Delivery withToken = hooks().post("/hooks/canvas?token=" + OutsideSystems.CANVAS_URL_TOKEN, "application/json", event);

        assertThat(withoutToken.status()).isEqualTo(401);
        assertThat(wrongToken.status()).isEqualTo(401);
        assertThat(withoutToken.contentType()).startsWith("application/problem+json");
        assertThat(withoutToken.body().get("code").asText()).isEqualTo("invalid_signature");
        assertThat(withToken.status()).isEqualTo(202);
        awaitCertificate(email);
    }

    @Test
    void badSignaturesAreRefusedAndRecordNothing() {
        String course = course(), user = course(), email = "forged." + user + "@example.com";
        rule("course_completed", course, courseTemplate());
        String event = LmsPayloads.canvas("canvas-course_completed.json", user, course, email).toString();
        String jwt = canvas.signLiveEvent(event);
        String[] parts = jwt.split("\\.");
        String tampered = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(event.replace("Ada Lovelace", "Mallory").getBytes()) + "." + parts[2];

        assertThat(hooks().post("/hooks/canvas", "application/jwt", canvas.signLiveEventWithUnpublishedKey(event))
                .status()).isEqualTo(401);
        assertThat(hooks().post("/hooks/canvas", "application/jwt", tampered).status()).isEqualTo(401);

        canvas.rotateKeys();
        String rotated = user + "2";
        Delivery afterRotation = signed(LmsPayloads.canvas("canvas-course_completed.json", rotated, course,
                "rotated." + user + "@example.com"));
        assertThat(afterRotation.status()).isEqualTo(202);
        awaitCertificate("rotated." + user + "@example.com");
        assertThat(eventsOf(user, "matched")).isEmpty();
        assertThat(api().get("/v1/certificates?recipient_email=" + email).body().get("data")).isEmpty();
    }

    @Test
    void malformedDeliveriesGetAProblemAndNeverAServerError() {
        String token = "?token=" + OutsideSystems.CANVAS_URL_TOKEN;
        for (String body : List.of("", "{", "[]", "{\"metadata\":{}}", "{\"metadata\":{},\"body\":{}}",
                "{\"metadata\":\"x\",\"body\":{}}")) {
            Delivery delivery = hooks().post("/hooks/canvas" + token, "application/json", body);
            assertThat(delivery.status()).as(body).isEqualTo(400);
            assertThat(delivery.body().get("code").asText()).isEqualTo("invalid_event");
        }
        assertThat(hooks().post("/hooks/canvas", "application/jwt", "a.b.c").status()).isEqualTo(401);
        Delivery huge = hooks().post("/hooks/canvas" + token, "application/json",
                "{\"metadata\":{\"event_name\":\"x\"},\"body\":{\"pad\":\"" + "x".repeat(300_000) + "\"}}");
        assertThat(huge.status()).isEqualTo(413);
        assertThat(huge.body().get("code").asText()).isEqualTo("payload_too_large");
    }

    @Test
    void revokingTheCertificateUpdatesCanvas() {
        String course = course(), user = course(), email = "revoked." + user + "@example.com";
        rule("course_completed", course, courseTemplate());
        signed(LmsPayloads.canvas("canvas-course_completed.json", user, course, email));
        String id = awaitCertificate(email).get("id").asText();
        awaitCustomData(user, course, "issued");

        assertThat(api().post("/v1/certificates/" + id + "/revoke", Map.of("reason", "issued in error")).status())
                .isEqualTo(200);

        assertThat(awaitCustomData(user, course, "revoked").get("certificate_id").asText()).isEqualTo(id);
    }

    @Test
    void throttlingAndServerErrorsAreRetriedAndWhatStillFailsWaitsForARetryByHand() {
        String course = course(), user = course(), email = "outage." + user + "@example.com";
        rule("course_completed", course, courseTemplate());
        String path = "/api/v1/users/" + user + "/custom_data";
        canvas.failNext(path, 2, 403, "text/plain", "403 Forbidden (Rate Limit Exceeded)");
        signed(LmsPayloads.canvas("canvas-course_completed.json", user, course, email));
        String id = awaitCertificate(email).get("id").asText();
        awaitCustomData(user, course, "issued");
        assertThat(api().get("/v1/writebacks?certificate_id=" + id).body().at("/data/0/attempts").asInt()).isEqualTo(3);

        String other = user + "9", otherEmail = "down." + user + "@example.com";
        canvas.failNext("/api/v1/users/" + other + "/custom_data", 4, 503, "text/html", "<h1>Service Unavailable</h1>");
        signed(LmsPayloads.canvas("canvas-course_completed.json", other, course, otherEmail));
        String otherId = awaitCertificate(otherEmail).get("id").asText();
        JsonNode failed = await().atMost(Duration.ofSeconds(30)).until(
                () -> api().get("/v1/writebacks?status=failed&certificate_id=" + otherId).body().get("data"),
                data -> data.size() == 1).get(0);
        assertThat(failed.get("attempts").asInt()).isEqualTo(4);
        assertThat(failed.get("last_error").asText()).contains("503");
        assertThat(canvas.customData(other, NAMESPACE)).isNull();

        String writeback = failed.get("id").asText();
        assertThat(api().post("/v1/writebacks/" + writeback + "/retry", null).status()).isEqualTo(202);
        awaitCustomData(other, course, "issued");
        await().atMost(Duration.ofSeconds(10)).until(
                () -> api().get("/v1/writebacks/" + writeback).body().get("status").asText().equals("done"));
        ApiClient.Response again = api().post("/v1/writebacks/" + writeback + "/retry", null);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body().get("code").asText()).isEqualTo("writeback_not_failed");
        assertThat(canvas.requests("/api/v1/users/" + other + "/custom_data")).hasSize(5);
    }

    @Test
    void aSubmissionCommentIsPostedOnceEvenWhenItsAnswerIsLostAndAgainOnRevocation() {
        String course = course(), user = course(), email = "comment." + user + "@example.com";
        ApiClient.Response rule = api().post("/v1/rules", Map.of(
                "name", "Canvas comment " + course, "source", "canvas", "event_type", "course_completed",
                "course_id", course, "template_id", courseTemplate(), "fields", Map.of("course", "$.course.name"),
                "writebacks", List.of(Map.of("type", "canvas_submission_comment", "assignment_id", "355"))));
        assertThat(rule.status()).as(rule.body().toString()).isEqualTo(201);
        canvas.delayResponses("PUT", Duration.ofMillis(1500));
        try {
            signed(LmsPayloads.canvas("canvas-course_completed.json", user, course, email));
            await().atMost(Duration.ofSeconds(30)).until(() -> canvas.comments(course, "355", user).size() == 1);
        } finally {
            canvas.delayResponses(Duration.ZERO);
        }
        String id = awaitCertificate(email).get("id").asText();
        JsonNode done = await().atMost(Duration.ofSeconds(30)).until(
                () -> api().get("/v1/writebacks?certificate_id=" + id).body().at("/data/0"),
                w -> w.path("status").asText().equals("done"));

        assertThat(done.get("attempts").asInt()).isGreaterThan(1);
        assertThat(canvas.comments(course, "355", user)).singleElement().asString()
                .contains("/verify/" + id).contains("[certbridge " + id + " issued]");

        api().post("/v1/certificates/" + id + "/revoke", null);
        await().atMost(Duration.ofSeconds(30)).until(() -> canvas.comments(course, "355", user).size() == 2);
        assertThat(canvas.comments(course, "355", user).get(1)).contains("revoked");
    }

    @Test
    void aPermanentRefusalIsNotRetried() {
        String course = course(), user = course(), email = "refused." + user + "@example.com";
        rule("course_completed", course, courseTemplate());
        canvas.failNext("/api/v1/users/" + user + "/custom_data", 1, 401, "application/json",
                "{\"errors\":[{\"message\":\"Invalid access token.\"}]}");
        signed(LmsPayloads.canvas("canvas-course_completed.json", user, course, email));
        String id = awaitCertificate(email).get("id").asText();

        JsonNode failed = await().atMost(Duration.ofSeconds(30)).until(
                () -> api().get("/v1/writebacks?status=failed&certificate_id=" + id).body().get("data"),
                data -> data.size() == 1).get(0);
        assertThat(failed.get("attempts").asInt()).isEqualTo(1);
        assertThat(failed.get("last_error").asText()).contains("401").contains("Invalid access token");
        assertThat(failed.get("last_error").asText()).doesNotContain(OutsideSystems.CANVAS_API_TOKEN);
    }
}
