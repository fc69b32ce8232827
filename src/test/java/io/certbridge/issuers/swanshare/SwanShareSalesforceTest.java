package io.certbridge.issuers.swanshare;

import static io.certbridge.issuers.swanshare.SwanShareTemplates.assertIssuedExactlyOnce;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.certbridge.emulator.salesforce.SalesforceEmulator;
import io.certbridge.emulator.swanshare.Credential;
import io.certbridge.emulator.swanshare.SwanShareEmulator;
import io.certbridge.support.ApiClient;
import io.certbridge.support.HubTestBase;
import io.certbridge.support.OutsideSystems;
import io.certbridge.support.SwanShareAccount;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Item 7, end to end: Training_Completed__e platform events from the emulated Salesforce org, matched by a rule whose
 * template issues through SwanShare, go to SwanShare in batches, and each Contact is written SwanShare's verify_url;
 * SwanShare is down for a while in the middle, and every learner still has exactly one credential there.
 */
class SwanShareSalesforceTest extends HubTestBase {

    private static final String CHANNEL = "/event/Training_Completed__e";
    private static final int LEARNERS = 40;

    private final SalesforceEmulator salesforce = OutsideSystems.salesforce();
    private final SwanShareEmulator swanshare = SwanShareAccount.emulator();

    @BeforeEach
    void cleanOrganisation() {
        swanshare.reset();
        SwanShareAccount.webhooksTo(port);
    }

    @AfterEach
    void endOutage() {
        swanshare.outage(false);
    }

    @Test
    void completionsInSalesforceAreIssuedBySwanShareAndItsVerifyUrlWrittenToEachContactThroughAnOutage() {
        String course = "SWAN-" + UUID.randomUUID();
        String template = SwanShareTemplates.template(api());
        ApiClient.Response rule = api().post("/v1/rules", Map.of(
                "name", "Salesforce to SwanShare " + course, "source", "salesforce",
                "event_type", "Training_Completed__e", "course_id", course, "template_id", template,
                "fields", Map.of("course", "$.course.name", "grade", "$.data.payload.Score__c"),
                "writebacks", List.of(Map.of("type", "salesforce_record"))));
        assertThat(rule.status()).as(rule.body().toString()).isEqualTo(201);
        List<String> contacts = new ArrayList<>();
        for (int i = 0; i < LEARNERS; i++) {
            String contact = "003SWAN" + UUID.randomUUID().toString().replace("-", "").substring(0, 11);
            String email = "learner" + i + "." + UUID.randomUUID() + "@example.com";
            salesforce.createRecord("Contact", contact, Map.of("LastName", "Learner " + i, "Email", email));
            contacts.add(contact);
        }

        int callsBeforeOutage = 0;
        for (int i = 0; i < LEARNERS; i++) {
            if (i == LEARNERS / 2) {
                await().atMost(Duration.ofSeconds(30)).until(() -> !swanshare.credentials().isEmpty());
                callsBeforeOutage = issuingCalls();
                swanshare.outage(true);
            }
            salesforce.publish(CHANNEL, completion(contacts.get(i), "Learner " + i, course));
        }
        int before = callsBeforeOutage;
        await("a call met the outage").atMost(Duration.ofSeconds(30)).until(() -> issuingCalls() > before);
        pause(Duration.ofSeconds(3));
        swanshare.outage(false);

        await().atMost(Duration.ofSeconds(90)).until(() -> contacts.stream()
                .allMatch(c -> salesforce.record("Contact", c).get("Certificate_URL__c") != null));
        List<String> ids = contacts.stream().map(c -> (String) salesforce.record("Contact", c).get("Certificate_Id__c"))
                .toList();
        assertIssuedExactlyOnce(swanshare, ids);
        for (String contact : contacts) {
            Map<String, Object> record = salesforce.record("Contact", contact);
            Credential credential = swanshare.credentials().stream().filter(c -> c.fields()
                    .path(SwanShareEmulator.REFERENCE_FIELD).asText().equals(record.get("Certificate_Id__c")))
                    .findFirst().orElseThrow();
            assertThat(record.get("Certificate_URL__c")).as("SwanShare's own verification page")
                    .isEqualTo(swanshare.baseUrl() + "/verify?id=" + credential.verifyId());
            assertThat(record).containsEntry("Certificate_Status__c", "issued");
        }
        assertThat(swanshare.requests("/api/v1/credentials").stream().filter(r -> r.method().equals("POST")
                && r.body().contains("\"items\"")).count()).as("sent in batches, not one by one")
                .isLessThan(LEARNERS);
    }

    private int issuingCalls() {
        return (int) swanshare.requests("/api/v1/credentials").stream()
                .filter(r -> r.method().equals("POST") && r.path().equals("/api/v1/credentials")).count();
    }

    private static Map<String, Object> completion(String contact, String name, String course) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("Contact_Id__c", contact);
        payload.put("Contact_Name__c", name);
        payload.put("Contact_Email__c", contact.toLowerCase() + "@example.com");
        payload.put("Course_Code__c", course);
        payload.put("Course_Name__c", "Workplace Safety Basics");
        payload.put("Completed_On__c", "2026-11-05T13:38:00.000Z");
        payload.put("Score__c", 92.5);
        return payload;
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
