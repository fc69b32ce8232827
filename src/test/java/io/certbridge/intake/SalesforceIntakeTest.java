package io.certbridge.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.certbridge.emulator.salesforce.SalesforceEmulator;
import io.certbridge.support.ApiClient;
import io.certbridge.support.HubTestBase;
import io.certbridge.support.OutsideSystems;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * Platform events from the emulated Salesforce org, end to end: the hub subscribes over CometD (logged in
 * by the JWT bearer flow), issues by the rules, and writes the certificate to the Contact.
 */
class SalesforceIntakeTest extends HubTestBase {

    static final String CHANNEL = "/event/Training_Completed__e";
    private static final String JWT_GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer";

    private final SalesforceEmulator salesforce = OutsideSystems.salesforce();

    /** A Contact id of the org: 18 characters, starting with Contact's key prefix 003. */
    static String contactId() {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder id = new StringBuilder("003");
        ThreadLocalRandom.current().ints(15, 0, alphabet.length()).forEach(i -> id.append(alphabet.charAt(i)));
        return id.toString();
    }

    /** The payload of a Training_Completed__e event, as the org's flow publishes it. */
    static Map<String, Object> completion(String contact, String email, String course) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("Contact_Id__c", contact);
        payload.put("Contact_Name__c", "Grace Hopper");
        payload.put("Contact_Email__c", email);
        payload.put("Course_Code__c", course);
        payload.put("Course_Name__c", "Workplace Safety Basics");
        payload.put("Completed_On__c", "2026-11-05T13:38:00.000Z");
        payload.put("Score__c", 92.5);
        return payload;
    }

    /** Two write-backs of one event: the Contact, and the Training_Record__c the event names. */
    private static final List<Map<String, Object>> CONTACT_AND_TRAINING_RECORD = List.of(
            Map.of("type", "salesforce_record"),
            Map.of("type", "salesforce_record", "sobject", "Training_Record__c",
                    "record_id", "$.data.payload.Training_Record_Id__c",
                    "fields", Map.of("Certificate_URL__c", "verification_url")));

    private String rule(String course, List<Map<String, Object>> writebacks) {
        ApiClient.Response created = api().post("/v1/rules", Map.of(
                "name", "Salesforce " + course, "source", "salesforce", "event_type", "Training_Completed__e",
                "course_id", course, "template_id", courseTemplate(),
                "fields", Map.of("course", "$.course.name", "grade", "$.data.payload.Score__c",
                        "completed_on", "$.data.payload.Completed_On__c"),
                "writebacks", writebacks));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        return created.body().get("id").asText();
    }

    private String newContact(String email) {
        String id = contactId();
        salesforce.createRecord("Contact", id, Map.of("LastName", "Hopper", "Email", email));
        return id;
    }

    private JsonNode awaitCertificate(String email) {
        return await().atMost(Duration.ofSeconds(30)).until(
                () -> api().get("/v1/certificates?recipient_email=" + email).body().get("data"),
                data -> !data.isEmpty()).get(0);
    }

    private void awaitContactField(String contact, String field, String value) {
        await().atMost(Duration.ofSeconds(30)).until(() -> salesforce.record("Contact", contact).get(field),
                value::equals);
    }

    @Test
    void aCompletionIssuesACertificateWrittenToTheContactAndARevocationUpdatesIt() {
        String course = "SAFETY-" + UUID.randomUUID();
        String email = "grace." + UUID.randomUUID() + "@example.com";
        String contact = newContact(email);
        rule(course, List.of(Map.of("type", "salesforce_record")));

        salesforce.publish(CHANNEL, completion(contact, email, course));

        JsonNode certificate = awaitCertificate(email);
        String id = certificate.get("id").asText();
        assertThat(certificate.at("/recipient/name").asText()).isEqualTo("Grace Hopper");
        assertThat(certificate.at("/fields/grade").decimalValue()).isEqualByComparingTo("92.5");
        assertThat(certificate.at("/fields/completed_on").asText()).isEqualTo("2026-11-05");
        awaitContactField(contact, "Certificate_Id__c", id);
        Map<String, Object> record = salesforce.record("Contact", contact);
        assertThat(record).containsEntry("Certificate_URL__c", certificate.get("verification_url").asText())
                .containsEntry("Certificate_Status__c", "issued").containsEntry("LastName", "Hopper");
        assertThat(salesforce.requests("/services/data/v62.0/sobjects/Contact/" + contact))
                .allSatisfy(request -> {
                    assertThat(request.method()).isEqualTo("PATCH");
                    assertThat(request.header("Authorization")).startsWith("Bearer ");
                });

        assertThat(api().post("/v1/certificates/" + id + "/revoke", Map.of("reason", "issued in error")).status())
                .isEqualTo(200);
        awaitContactField(contact, "Certificate_Status__c", "revoked");
    }

    @Test
    void severalRecordsChangingAtOnceGoInOneCompositeRequest() {
        String course = "SAFETY-" + UUID.randomUUID();
        rule(course, CONTACT_AND_TRAINING_RECORD);
        List<String> contacts = new ArrayList<>();
        List<String> trainingRecords = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String email = "learner" + i + "." + UUID.randomUUID() + "@example.com";
            String contact = newContact(email);
            String trainingRecord = "a01" + contactId().substring(3);
            salesforce.createRecord("Training_Record__c", trainingRecord, Map.of("Name", "TR-" + i));
            Map<String, Object> payload = completion(contact, email, course);
            payload.put("Training_Record_Id__c", trainingRecord);
            salesforce.publish(CHANNEL, payload);
            contacts.add(contact);
            trainingRecords.add(trainingRecord);
        }

        for (int i = 0; i < 5; i++) {
            String contact = contacts.get(i);
            await().atMost(Duration.ofSeconds(30)).until(
                    () -> salesforce.record("Contact", contact).get("Certificate_Id__c") != null);
            String url = (String) salesforce.record("Contact", contact).get("Certificate_URL__c");
            String trainingRecord = trainingRecords.get(i);
            await().atMost(Duration.ofSeconds(30)).until(
                    () -> url.equals(salesforce.record("Training_Record__c", trainingRecord).get("Certificate_URL__c")));
        }
        assertThat(salesforce.requests("/services/data/v62.0/composite"))
                .as("a certificate's two records are due together, so they go in one composite request")
                .isNotEmpty()
                .allSatisfy(request -> assertThat(request.body()).contains("\"allOrNone\":false"));
    }

    @Test
    void anExpiredSessionLogsInAgainAndEventsAndWritesGoOn() {
        String course = "SAFETY-" + UUID.randomUUID();
        rule(course, List.of(Map.of("type", "salesforce_record")));
        String before = "before." + UUID.randomUUID() + "@example.com";
        String first = newContact(before);
        salesforce.publish(CHANNEL, completion(first, before, course));
        awaitContactField(first, "Certificate_Id__c", awaitCertificate(before).get("id").asText());
        int loginsBefore = salesforce.tokenRequests(JWT_GRANT);

        salesforce.expireTokens();
        String email = "expired." + UUID.randomUUID() + "@example.com";
        String contact = newContact(email);
        salesforce.publish(CHANNEL, completion(contact, email, course));

        String id = awaitCertificate(email).get("id").asText();
        awaitContactField(contact, "Certificate_Id__c", id);
        assertThat(salesforce.requests("/services/data/v62.0/sobjects/Contact/" + contact))
                .as("refused with INVALID_SESSION_ID, then sent once more after a new login").hasSize(2);
        assertThat(salesforce.tokenRequests(JWT_GRANT)).as("the subscription and the write-backs each log in again")
                .isGreaterThanOrEqualTo(loginsBefore + 2);
    }

    @Test
    void aDroppedConnectionIsResumedWithANewHandshake() {
        String course = "SAFETY-" + UUID.randomUUID();
        String email = "dropped." + UUID.randomUUID() + "@example.com";
        String contact = newContact(email);
        rule(course, List.of(Map.of("type", "salesforce_record")));
        int handshakesBefore = salesforce.handshakes();

        salesforce.dropSessions();
        salesforce.publish(CHANNEL, completion(contact, email, course));

        awaitCertificate(email);
        assertThat(salesforce.handshakes()).isGreaterThan(handshakesBefore);
    }

    @Test
    void anUnreadableEventIsRecordedAsRejectedAndTheStreamGoesOn() {
        String course = "SAFETY-" + UUID.randomUUID();
        rule(course, List.of());
        Map<String, Object> noContact = completion(null, "nobody@example.com", course);
        noContact.remove("Contact_Id__c");
        SalesforceEmulator.PublishedEvent rejected = salesforce.publish(CHANNEL, noContact);
        salesforce.publishRaw(CHANNEL, "a payload that is not an object");
        String email = "after." + UUID.randomUUID() + "@example.com";
        salesforce.publish(CHANNEL, completion(newContact(email), email, course));

        awaitCertificate(email);
        JsonNode recorded = await().atMost(Duration.ofSeconds(30)).until(
                () -> api().get("/v1/intake-events?source=salesforce&status=rejected&limit=100").body().get("data"),
                data -> find(data, rejected.eventUuid()) != null);
        assertThat(find(recorded, rejected.eventUuid()).get("detail").asText()).contains("Contact");
    }

    private static JsonNode find(JsonNode events, String eventKey) {
        for (JsonNode event : events) {
            if (event.get("event_key").asText().equals(eventKey)) {
                return event;
            }
        }
        return null;
    }

    @Test
    void aRecordSalesforceRefusesIsADeadLetterNotRetried() {
        String course = "SAFETY-" + UUID.randomUUID();
        String email = "refused." + UUID.randomUUID() + "@example.com";
        String contact = newContact(email);
        rule(course, List.of(Map.of("type", "salesforce_record", "fields", Map.of("No_Such_Field__c", "status"))));

        salesforce.publish(CHANNEL, completion(contact, email, course));

        String id = awaitCertificate(email).get("id").asText();
        JsonNode writeback = await().atMost(Duration.ofSeconds(30)).until(
                () -> api().get("/v1/writebacks?certificate_id=" + id).body().get("data").get(0),
                w -> w != null && w.get("status").asText().equals("failed"));
        assertThat(writeback.get("attempts").asInt()).isEqualTo(1);
        assertThat(writeback.get("last_error").asText()).contains("INVALID_FIELD");
        assertThat(salesforce.record("Contact", contact)).doesNotContainKey("No_Such_Field__c");
    }

    @Test
    void aLockedRecordInACompositeRequestIsTriedAgainAndTheOtherIsWrittenAtOnce() {
        String course = "SAFETY-" + UUID.randomUUID();
        rule(course, CONTACT_AND_TRAINING_RECORD);
        String email = "locked." + UUID.randomUUID() + "@example.com";
        String contact = newContact(email);
        String trainingRecord = "a01" + contactId().substring(3);
        salesforce.createRecord("Training_Record__c", trainingRecord, Map.of("Name", "TR-locked"));
        salesforce.lockRecord(trainingRecord, 1);
        Map<String, Object> payload = completion(contact, email, course);
        payload.put("Training_Record_Id__c", trainingRecord);

        salesforce.publish(CHANNEL, payload);

        String id = awaitCertificate(email).get("id").asText();
        JsonNode writebacks = await().atMost(Duration.ofSeconds(30)).until(
                () -> api().get("/v1/writebacks?certificate_id=" + id).body().get("data"),
                data -> data.size() == 2 && data.findValuesAsText("status").stream().allMatch("done"::equals));
        assertThat(writebacks).anySatisfy(w -> {
            assertThat(w.at("/target/record_id").asText()).isEqualTo(trainingRecord);
            assertThat(w.get("attempts").asInt()).isEqualTo(2);
        });
        assertThat(writebacks).anySatisfy(w -> {
            assertThat(w.at("/target/record_id").asText()).isEqualTo(contact);
            assertThat(w.get("attempts").asInt()).isEqualTo(1);
        });
        assertThat(salesforce.record("Training_Record__c", trainingRecord).get("Certificate_URL__c"))
                .isEqualTo(salesforce.record("Contact", contact).get("Certificate_URL__c"));
    }

    @Test
    void theOrgsDailyRequestLimitIsTriedAgain() {
        String course = "SAFETY-" + UUID.randomUUID();
        String email = "limit." + UUID.randomUUID() + "@example.com";
        String contact = newContact(email);
        rule(course, List.of(Map.of("type", "salesforce_record")));
        salesforce.failNext("/services/data/v62.0/sobjects/Contact/" + contact, 1, 403,
                "[{\"message\":\"TotalRequests Limit exceeded.\",\"errorCode\":\"REQUEST_LIMIT_EXCEEDED\"}]");

        salesforce.publish(CHANNEL, completion(contact, email, course));

        String id = awaitCertificate(email).get("id").asText();
        awaitContactField(contact, "Certificate_Id__c", id);
        JsonNode writeback = await().atMost(Duration.ofSeconds(30)).until(
                () -> api().get("/v1/writebacks?certificate_id=" + id).body().at("/data/0"),
                w -> w.path("status").asText().equals("done"));
        assertThat(writeback.get("attempts").asInt()).isEqualTo(2);
    }

    @Test
    void aRecordIdThatIsNotASalesforceIdIsNeverSent() {
        String course = "SAFETY-" + UUID.randomUUID();
        String email = "path." + UUID.randomUUID() + "@example.com";
        rule(course, List.of(Map.of("type", "salesforce_record", "record_id", "$.data.payload.Record__c")));
        Map<String, Object> payload = completion(newContact(email), email, course);
        payload.put("Record__c", "../../sobjects/User/005000000000001");

        salesforce.publish(CHANNEL, payload);

        String id = awaitCertificate(email).get("id").asText();
        JsonNode writeback = await().atMost(Duration.ofSeconds(30)).until(
                () -> api().get("/v1/writebacks?certificate_id=" + id).body().get("data").get(0),
                w -> w != null && w.get("status").asText().equals("failed"));
        assertThat(writeback.get("last_error").asText()).contains("no Salesforce record id");
        assertThat(salesforce.requests("/services/data/v62.0/sobjects/User")).isEmpty();
    }

    @Test
    void aRuleForSalesforceChecksItsWriteBack() {
        ApiClient.Response refused = api().post("/v1/rules", Map.of(
                "name", "Bad write-back", "source", "salesforce", "event_type", "Training_Completed__e",
                "template_id", courseTemplate(),
                "writebacks", List.of(Map.of("type", "salesforce_record", "sobject", "Contact; DROP",
                        "fields", Map.of("Certificate_Id__c", "password")))));

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body().toString()).contains("writebacks[0].sobject", "writebacks[0].fields.Certificate_Id__c");
    }
}
