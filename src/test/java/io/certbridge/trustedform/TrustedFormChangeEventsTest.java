package io.certbridge.trustedform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.certbridge.emulator.salesforce.SalesforceEmulator;
import io.certbridge.emulator.trustedform.TrustedFormEmulator;
import io.certbridge.support.HubTestBase;
import io.certbridge.support.OutsideTrustedForm;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Leads heard by Change Data Capture ({@code /data/LeadChangeEvent}, read with the channel's defaults: the Lead's id
 * from the header's recordIds): a Lead created, or updated, with a TrustedForm certificate URL has it retained once and
 * the result written back (an update carries only what changed: the e-mail, phone and lead source are read from the
 * Lead); an update that leaves the URL alone (the hub's own write-back among them) carries no URL, and retains nothing
 * again.
 */
class TrustedFormChangeEventsTest extends HubTestBase {

    private final SalesforceEmulator salesforce = OutsideTrustedForm.salesforce();
    private final TrustedFormEmulator trustedForm = OutsideTrustedForm.trustedForm();

    private static String email() {
        return "jo." + UUID.randomUUID() + "@example.com";
    }

    /** A Lead created as web-to-lead creates it; with its certificate URL unless {@code url} is null. */
    private String createLead(String email, String url) {
        String lead = Leads.id();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("LastName", "Doe");
        fields.put("Email", email);
        fields.put("Phone", "(512) 555-0100");
        fields.put("LeadSource", "Acme Leads");
        if (url != null) {
            fields.put("TrustedForm_Certificate_URL__c", url);
        }
        salesforce.createRecord("Lead", lead, fields);
        return lead;
    }

    private Map<String, Object> awaitRetained(String lead) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> salesforce.record("Lead", lead),
                fields -> "success".equals(fields.get("TrustedForm_Outcome__c")));
    }

    private JsonNode retainsOf(String lead) {
        return api().get("/v1/trustedform/retains?lead_id=" + lead).body().get("data");
    }

    private long callsTo(String url) {
        String path = url.substring(trustedForm.baseUrl().length());
        return trustedForm.calls().stream().filter(call -> call.path().equals(path)).count();
    }

    @Test
    void aLeadCreatedWithACertificateUrlIsRetainedOnceAndTheResultWrittenBack() {
        String email = email();
        String url = trustedForm.newCertificate(email, "512-555-0100");

        String lead = createLead(email, url);

        Map<String, Object> fields = awaitRetained(lead);
        assertThat(fields.get("TrustedForm_Retained__c")).isEqualTo(true);
        assertThat(fields.get("TrustedForm_Expires_At__c")).isNotNull();
        assertThat(trustedForm.certificate(url).retention().reference()).isEqualTo(lead);
        assertThat(trustedForm.certificate(url).retention().vendor()).isEqualTo("Acme Leads");
        JsonNode retain = retainsOf(lead).get(0);
        assertThat(retain.get("channel").asText()).isEqualTo("/data/LeadChangeEvent");
        assertThat(retain.get("status").asText()).isEqualTo("retained");
        assertThat(retain.get("calls").get(0).get("request_body").asText()).contains(email, "Acme Leads");

        // the write-back just made is itself a change of the Lead, without the URL
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> callsTo(url) == 1 && trustedForm.retainCount(url) == 1);
        assertThat(retainsOf(lead)).hasSize(1);
    }

    @Test
    void anUpdateSettingTheUrlRetainsItAndOneLeavingItAloneRetainsNothingAgain() {
        String email = email();
        String lead = createLead(email, null);
        String url = trustedForm.newCertificate(email, null);

        salesforce.updateRecord("Lead", lead, Map.of("TrustedForm_Certificate_URL__c", url));

        awaitRetained(lead);
        assertThat(trustedForm.retainCount(url)).isEqualTo(1);
        assertThat(trustedForm.certificate(url).retention().reference()).isEqualTo(lead);
        assertThat(trustedForm.certificate(url).retention().vendor()).as("read from the Lead: the update had only "
                + "the URL").isEqualTo("Acme Leads");
        assertThat(retainsOf(lead).get(0).at("/calls/0/request_body").asText()).contains(email, "(512) 555-0100");

        salesforce.updateRecord("Lead", lead, Map.of("Phone", "(512) 555-0199", "LeadSource", "Partner Leads"));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> callsTo(url) == 1 && trustedForm.retainCount(url) == 1);
        assertThat(retainsOf(lead)).hasSize(1);

        String second = trustedForm.newCertificate(email, null);
        salesforce.updateRecord("Lead", lead, Map.of("TrustedForm_Certificate_URL__c", second));
        await().atMost(Duration.ofSeconds(30)).until(() -> trustedForm.retainCount(second) == 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> retainsOf(lead).size() == 2);
        assertThat(trustedForm.retainCount(url)).as("the first certificate, not retained again").isEqualTo(1);
        assertThat(callsTo(url)).isEqualTo(1);
    }
}
