package io.certbridge.issuance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.certbridge.emulator.CanvasEmulator;
import io.certbridge.emulator.MoodleEmulator;
import io.certbridge.intake.LmsPayloads;
import io.certbridge.reminders.ExpiryReminders;
import io.certbridge.support.ApiClient;
import io.certbridge.support.HubTestBase;
import io.certbridge.support.NodeCredentialVerifier;
import io.certbridge.support.OutsideSystems;
import io.certbridge.support.TestResources;
import io.certbridge.support.WebhookReceiver;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A rule that renews: a learner's second Moodle course completion issues a certificate that replaces the first,
 * which is superseded; the profile field (and Canvas's custom data record) shows the new link only; webhooks hear certificate.superseded once; the
 * same event again renews nothing; reminders pass over the superseded certificate. Without the option a second
 * completion issues nothing, as before.
 */
class RenewalTest extends HubTestBase {

    private static final String FIELD = "certificateurl";
    private static final String CANVAS_NAMESPACE = "com.example.renewals";

    private final MoodleEmulator moodle = OutsideSystems.moodle();
    private final CanvasEmulator canvas = OutsideSystems.canvas();
    private final WebhookReceiver receiver = new WebhookReceiver();

    @Autowired
    ExpiryReminders reminders;

    @Autowired
    CertificateIssuer issuer;

    @Autowired
    Renewals renewals;

    @AfterEach
    void close() {
        receiver.close();
    }

    private static long newId() {
        return ThreadLocalRandom.current().nextLong(1_000, 999_999_999);
    }

    /** A template valid for a number of days of its own, so that moving the reminders' clock reminds no other test's. */
    private String template(int validForDays) {
        ApiClient.Response created = api().post("/v1/templates", Map.of(
                "name", "Renewed course " + UUID.randomUUID(), "valid_for_days", validForDays,
                "fields", List.of(Map.of("name", "course", "type", "string", "required", true))));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        return created.body().get("id").asText();
    }

    private String rule(long course, String template, Map<String, Object> extra) {
        moodle.addProfileField(FIELD);
        Map<String, Object> rule = new HashMap<>(Map.of(
                "name", "Moodle " + course, "source", "moodle", "event_type", "\\core\\event\\course_completed",
                "course_id", String.valueOf(course), "template_id", template,
                "fields", Map.of("course", "Moodle course " + course),
                "writebacks", List.of(Map.of("type", "moodle_profile_field", "field", FIELD))));
        rule.putAll(extra);
        ApiClient.Response created = api().post("/v1/rules", rule);
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        return created.body().get("id").asText();
    }

    private String completion(long learner, long course) {
        ObjectNode event = LmsPayloads.sample("moodle-course_completed.json");
        event.put("relateduserid", String.valueOf(learner)).put("courseid", String.valueOf(course))
                .put("objectid", String.valueOf(newId()));
        ((ObjectNode) event.get("other")).put("relateduserid", String.valueOf(learner));
        return event.toString();
    }

    private int deliver(String event) {
        return hooks().post("/hooks/moodle", "application/x-www-form-urlencoded", event).status();
    }

    /** The recipient's certificates, oldest first, once there are {@code count}. */
    private List<JsonNode> certificates(String email, int count) {
        JsonNode data = await().atMost(Duration.ofSeconds(30)).until(
                () -> api().get("/v1/certificates?recipient_email=" + email).body().get("data"),
                found -> found.size() >= count);
        List<JsonNode> oldestFirst = new ArrayList<>();
        data.forEach(c -> oldestFirst.addFirst(c));
        return oldestFirst;
    }

    private JsonNode certificate(String id) {
        return api().get("/v1/certificates/" + id).body();
    }

    private List<JsonNode> webhookEvents(String type, String certificateId) throws Exception {
        List<JsonNode> events = new ArrayList<>();
        for (WebhookReceiver.Received received : receiver.received()) {
            JsonNode event = ApiClient.json().readTree(received.body());
            if (type.equals(event.get("type").asText()) && (certificateId.equals(event.at("/data/id").asText())
                    || certificateId.equals(event.at("/data/certificate_id").asText()))) {
                events.add(event);
            }
        }
        return events;
    }

    @Test
    void aSecondCompletionRenewsTheCertificateOnceAndTheOldOneIsSuperseded() throws Exception {
        String endpoint = api().post("/v1/webhook-endpoints", Map.of("url", receiver.url(),
                "events", List.of("certificate.superseded", "certificate.expiring"))).body().get("id").asText();
        long learner = newId(), course = newId();
        String email = "renewing" + learner + "@example.com";
        moodle.addUser(learner, "Lise", "Meitner", email);
        String ruleId = rule(course, template(ThreadLocalRandom.current().nextInt(20_000, 36_500)),
                Map.of("renews", true));

        assertThat(deliver(completion(learner, course))).isEqualTo(202);
        JsonNode first = certificates(email, 1).getFirst();
        String firstId = first.get("id").asText();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> first.get("verification_url").asText().equals(moodle.profileField(learner, FIELD)));

        String again = completion(learner, course);
        assertThat(deliver(again)).isEqualTo(202);
        JsonNode renewed = certificates(email, 2).getLast();
        String renewedId = renewed.get("id").asText();

        assertThat(renewed.get("replaces").asText()).isEqualTo(firstId);
        assertThat(renewed.get("status").asText()).isEqualTo("issued");
        JsonNode superseded = certificate(firstId);
        assertThat(superseded.get("status").asText()).isEqualTo("superseded");
        assertThat(superseded.get("superseded_by").asText()).isEqualTo(renewedId);
        JsonNode credential = renewed.get("credential");
        assertThat(credential.get("replaces").asText()).isEqualTo(first.at("/credential/id").asText());
        assertThat(NodeCredentialVerifier.verify(credential.toString(), TestResources.publicContextsAnd(
                credential.at("/issuer/id").asText(), anonymous().get("/.well-known/did.json").raw().body())))
                .isEqualTo(new NodeCredentialVerifier.Result(true, null));
        JsonNode oldVerified = anonymous().get("/v1/verify/" + firstId).body();
        assertThat(oldVerified.get("status").asText()).isEqualTo("superseded");
        assertThat(oldVerified.get("valid").asBoolean()).isTrue();
        assertThat(oldVerified.at("/superseded_by/id").asText()).isEqualTo(renewedId);
        assertThat(anonymous().get("/v1/verify/" + renewedId).body().get("status").asText()).isEqualTo("valid");
        assertThat(anonymous().get("/verify/" + firstId).raw().body()).contains("Superseded", "/verify/" + renewedId);

        await().atMost(Duration.ofSeconds(30))
                .until(() -> renewed.get("verification_url").asText().equals(moodle.profileField(learner, FIELD)));

        // the same completion again, as Moodle's retry and as an operator's replay: nothing is renewed a second time
        assertThat(deliver(again)).isEqualTo(202);
        JsonNode recorded = api().get("/v1/intake-events?source=moodle&status=matched&limit=100").body().get("data");
        String againId = null;
        for (JsonNode event : recorded) {
            if (event.path("learner_id").asText().equals(String.valueOf(learner))) {
                againId = event.get("id").asText();
                break;
            }
        }
        assertThat(api().post("/v1/intake-events/" + againId + "/replay", null).status()).isEqualTo(200);
        JsonNode dryRun = api().post("/v1/rules/dry-run", Map.of("rule_id", ruleId, "intake_event_id", againId)).body();
        assertThat(dryRun.get("renews").asText()).as(dryRun.toString()).isEqualTo(renewedId);
        Thread.sleep(3_000);
        assertThat(api().get("/v1/certificates?recipient_email=" + email).body().get("data")).hasSize(2);
        assertThat(certificate(renewedId).get("status").asText()).isEqualTo("issued");
        assertThat(moodle.profileField(learner, FIELD)).isEqualTo(renewed.get("verification_url").asText());
        assertThat(webhookEvents("certificate.superseded", firstId)).singleElement()
                .satisfies(event -> assertThat(event.at("/data/superseded_by").asText()).isEqualTo(renewedId));

        Instant firstExpires = Instant.parse(first.get("expires_at").asText());
        reminders.sendDue(firstExpires.minus(29, ChronoUnit.DAYS));
        await().atMost(Duration.ofSeconds(30)).until(() -> !webhookEvents("certificate.expiring", renewedId).isEmpty());
        Thread.sleep(1_000);
        assertThat(webhookEvents("certificate.expiring", firstId)).isEmpty();

        // the old certificate may still be revoked, and that leaves the place its replacement took alone
        assertThat(api().patch("/v1/certificates/" + firstId, Map.of("status", "issued")).status()).isEqualTo(409);
        assertThat(api().post("/v1/certificates/" + firstId + "/revoke", Map.of("reason", "renewed")).status())
                .isEqualTo(200);
        Thread.sleep(2_000);
        assertThat(moodle.profileField(learner, FIELD)).isEqualTo(renewed.get("verification_url").asText());
        api().delete("/v1/webhook-endpoints/" + endpoint);
    }

    @Test
    void aRenewalOverwritesTheCanvasCustomDataRecordOfTheCourseTakingOverTheFirstCertificatesWriteBack()
            throws Exception {
        String course = String.valueOf(newId()), user = String.valueOf(newId());
        String email = "canvas." + user + "@example.com";
        ApiClient.Response created = api().post("/v1/rules", Map.of(
                "name", "Canvas renewal " + course, "source", "canvas", "event_type", "course_completed",
                "course_id", course, "template_id", courseTemplate(), "renews", true,
                "fields", Map.of("course", "$.course.name"),
                "writebacks", List.of(Map.of("type", "canvas_custom_data", "namespace", CANVAS_NAMESPACE))));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        ObjectNode event = LmsPayloads.canvas("canvas-course_completed.json", user, course, email);
        canvas.failNext("/api/v1/users/" + user + "/custom_data", 1, 503, "text/html", "<h1>Service Unavailable</h1>");

        assertThat(signedToCanvasHook(event)).isEqualTo(202);
        String firstId = certificates(email, 1).getFirst().get("id").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> api().get("/v1/writebacks?certificate_id=" + firstId)
                .body().at("/data/0/attempts").asInt() >= 1);
        ((ObjectNode) event.get("metadata")).put("event_time", "2025-11-06T09:00:00.000Z");
        assertThat(signedToCanvasHook(event)).isEqualTo(202);
        JsonNode renewed = certificates(email, 2).getLast();

        assertThat(renewed.get("replaces").asText()).isEqualTo(firstId);
        await().atMost(Duration.ofSeconds(30)).until(() -> renewed.get("id").asText().equals(
                canvasRecord(user, course).path("certificate_id").asText()));
        // past any retry of the first write-back, which the renewal's took over: one write-back for the place
        Thread.sleep(6_000);
        JsonNode record = canvasRecord(user, course);
        assertThat(record.get("certificate_id").asText()).isEqualTo(renewed.get("id").asText());
        assertThat(record.get("certificate_url").asText()).isEqualTo(renewed.get("verification_url").asText());
        assertThat(record.get("status").asText()).isEqualTo("issued");
        assertThat(api().get("/v1/writebacks?certificate_id=" + firstId).body().get("data")).isEmpty();
        assertThat(api().get("/v1/writebacks?certificate_id=" + renewed.get("id").asText()).body().get("data"))
                .singleElement().satisfies(w -> assertThat(w.get("status").asText()).isEqualTo("done"));
    }

    private int signedToCanvasHook(ObjectNode event) {
        return hooks().post("/hooks/canvas", "application/jwt", canvas.signLiveEvent(event.toString())).status();
    }

    /** The learner's record under the namespace for the course: one place, which a renewal writes again. */
    private JsonNode canvasRecord(String user, String course) {
        JsonNode data = canvas.customData(user, CANVAS_NAMESPACE);
        return data == null ? MissingNode.getInstance() : data.path("course_" + course);
    }

    @Test
    void withoutRenewsASecondCompletionIssuesNothingNew() throws Exception {
        long learner = newId(), course = newId();
        String email = "once" + learner + "@example.com";
        moodle.addUser(learner, "Chien-Shiung", "Wu", email);
        rule(course, template(365), Map.of());

        deliver(completion(learner, course));
        JsonNode first = certificates(email, 1).getFirst();
        deliver(completion(learner, course));
        await().atMost(Duration.ofSeconds(30)).until(() -> api().get("/v1/intake-events?source=moodle&limit=100")
                .body().get("data").findValues("learner_id").stream()
                .filter(id -> id.asText().equals(String.valueOf(learner))).count() == 2);
        Thread.sleep(2_000);

        JsonNode only = api().get("/v1/certificates?recipient_email=" + email).body().get("data");
        assertThat(only).hasSize(1);
        assertThat(only.get(0).get("status").asText()).isEqualTo("issued");
        assertThat(only.get(0).has("superseded_by")).isFalse();
        assertThat(first.has("replaces")).isFalse();
    }

    @Test
    void aRuleThatIssuesOnceCannotRenew() {
        ApiClient.Response refused = api().post("/v1/rules", Map.of("name", "Both", "source", "moodle",
                "event_type", "\\core\\event\\course_completed", "template_id", template(365),
                "fields", Map.of("course", "Moodle"), "issue_once", true, "renews", true));

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body().toString()).contains("renews");
    }

    @Test
    void twoRenewalsOfOneLearnerAtOnceReplaceEachCertificateOnceAndLeaveOneLive() throws Exception {
        String template = template(365);
        String email = "racing." + UUID.randomUUID() + "@example.com";
        String learnerKey = "moodle/-/" + newId();
        issuer.issueAll(List.of(renewing(template, email, learnerKey)));

        // two hubs' consumers, each with a completion of the same learner, in transactions of their own
        try (ExecutorService hubs = Executors.newFixedThreadPool(2)) {
            List<Future<Object>> runs = hubs.invokeAll(List.of(
                    () -> { issuer.issueAll(List.of(renewing(template, email, learnerKey))); return null; },
                    () -> { issuer.issueAll(List.of(renewing(template, email.toUpperCase(), learnerKey))); return null; }));
            for (Future<Object> run : runs) {
                run.get();
            }
        }

        List<JsonNode> all = certificates(email, 3);
        assertThat(all).hasSize(3);
        assertThat(all).filteredOn(c -> c.get("status").asText().equals("issued")).hasSize(1);
        assertThat(all).filteredOn(c -> c.get("status").asText().equals("superseded")).hasSize(2);
        assertThat(all).filteredOn(c -> c.has("replaces")).extracting(c -> c.get("replaces").asText())
                .doesNotHaveDuplicates().hasSize(2);

        // what the rules console's dry run shows: the live one, found by e-mail or by the LMS user
        String live = all.stream().filter(c -> c.get("status").asText().equals("issued")).findFirst().orElseThrow()
                .get("id").asText();
        assertThat(renewals.wouldRenew(renewing(template, email, null))).map(Certificate::id).contains(live);
        assertThat(renewals.wouldRenew(renewing(template, "new." + email, learnerKey))).map(Certificate::id)
                .contains(live);
        assertThat(renewals.wouldRenew(renewing(template, "someone." + email, "moodle/-/1"))).isEmpty();
    }

    private static CertificateRequest renewing(String template, String email, String learnerKey) {
        return new CertificateRequest("test/renewal/" + UUID.randomUUID(), "live", template,
                new Certificate.Recipient("Rosalind Franklin", email), Map.of("course", TextNode.valueOf("Crystals")),
                null, null, null, null, List.of(), learnerKey, true);
    }
}
