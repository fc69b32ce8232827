package io.certbridge.trustedform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.certbridge.emulator.salesforce.SalesforceEmulator;
import io.certbridge.emulator.trustedform.RecordedCall;
import io.certbridge.emulator.trustedform.TrustedFormEmulator;
import io.certbridge.support.HubTestBase;
import io.certbridge.support.OutsideSystems;
import io.certbridge.support.OutsideTrustedForm;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Leads captured in the emulated Salesforce org, end to end: the hub hears the Lead_Captured__e events, retains each
 * certificate at the emulated cert.trustedform.com, and writes the result to the Lead; with TrustedForm's failures.
 */
class TrustedFormRetainTest extends HubTestBase {

    private final SalesforceEmulator salesforce = OutsideSystems.salesforce();
    private final TrustedFormEmulator trustedForm = OutsideTrustedForm.trustedForm();

    @AfterEach
    void accountAsContracted() {
        trustedForm.contractedOperations(TrustedFormEmulator.DEFAULT_CONTRACT.toArray(String[]::new));
        api().post("/v1/trustedform/resume", Map.of());
    }

    private static String email() {
        return "jane." + UUID.randomUUID() + "@example.com";
    }

    private Map<String, Object> awaitLead(String lead, String outcome) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> salesforce.record("Lead", lead),
                fields -> outcome.equals(fields.get("TrustedForm_Outcome__c")));
    }

    private JsonNode retainOf(String lead) {
        JsonNode data = api().get("/v1/trustedform/retains?lead_id=" + lead).body().get("data");
        assertThat(data).hasSize(1);
        return data.get(0);
    }

    private List<RecordedCall> callsTo(String url) {
        String path = url.substring(trustedForm.baseUrl().length());
        return trustedForm.calls().stream().filter(call -> call.path().equals(path)).toList();
    }

    @Test
    void aCapturedLeadsCertificateIsRetainedOnceAndTheResultWrittenToTheLead() {
        String email = email();
        String lead = Leads.create(salesforce, email);
        String url = trustedForm.newCertificate(email, "512-555-0100");

        Leads.captured(salesforce, lead, email, url);

        Map<String, Object> fields = awaitLead(lead, "success");
        assertThat(fields.get("TrustedForm_Retained__c")).isEqualTo(true);
        Instant expires = Instant.parse((String) fields.get("TrustedForm_Expires_At__c"));
        assertThat(expires).isAfter(Instant.now().plus(Duration.ofDays(4 * 365)));
        assertThat(trustedForm.retainCount(url)).isEqualTo(1);
        assertThat(trustedForm.certificate(url).retention().reference()).isEqualTo(lead);
        assertThat(trustedForm.certificate(url).retention().vendor()).isEqualTo("Acme Leads");
        RecordedCall call = callsTo(url).getFirst();
        assertThat(callsTo(url)).as("Basic credentials sent with the first request").hasSize(1);
        assertThat(call.header("Authorization")).isEqualTo("Basic API:<redacted>");
        assertThat(call.header("Api-Version")).isEqualTo("4.0");

        JsonNode retain = retainOf(lead);
        assertThat(retain.get("status").asText()).isEqualTo("retained");
        assertThat(retain.get("certificate_url").asText()).isEqualTo(url);
        assertThat(retain.get("outcome").asText()).isEqualTo("success");
        assertThat(retain.get("previously_retained").asBoolean()).isFalse();
        JsonNode logged = retain.get("calls").get(0);
        assertThat(logged.get("status_code").asInt()).isEqualTo(200);
        assertThat(logged.at("/request_headers/Authorization").asText()).isEqualTo("Basic API:<redacted>");
        assertThat(logged.get("request_body").asText()).contains(lead, "Acme Leads", email);
        assertThat(logged.get("response_body").asText()).contains("\"previously_retained\":false");
        assertThat(api().get("/v1/trustedform/retains/" + retain.get("id").asText()).body()).isEqualTo(retain);
        assertThat(retain.toString()).doesNotContain(OutsideTrustedForm.API_KEY);

        Leads.captured(salesforce, lead, email, url);
        Leads.captured(salesforce, lead, email, url);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> trustedForm.retainCount(url) == 1 && callsTo(url).size() == 1);
    }

    @Test
    void aUrlOutsideTheAllowedPrefixIsRecordedAndNeverCalled() {
        try (TrustedFormEmulator stranger = new TrustedFormEmulator(OutsideTrustedForm.API_KEY).start()) {
            String email = email();
            String lead = Leads.create(salesforce, email);
            String url = stranger.newCertificate(email, null);

            Leads.captured(salesforce, lead, email, url);

            assertThat(awaitLead(lead, "refused").get("TrustedForm_Retained__c")).isEqualTo(false);
            JsonNode retain = retainOf(lead);
            assertThat(retain.get("status").asText()).isEqualTo("refused");
            assertThat(retain.get("detail").asText()).contains(trustedForm.certificateUrlPrefix());
            assertThat(retain.get("calls")).isEmpty();
            assertThat(stranger.calls()).isEmpty();
        }
    }

    @Test
    void anExpiredCertificateIsWrittenBackAsSuchAndNotTriedAgain() {
        String email = email();
        String lead = Leads.create(salesforce, email);
        String url = trustedForm.newExpiredCertificate(email, null);

        Leads.captured(salesforce, lead, email, url);

        Map<String, Object> fields = awaitLead(lead, "expired");
        assertThat(fields.get("TrustedForm_Retained__c")).isEqualTo(false);
        assertThat(fields.get("TrustedForm_Expires_At__c")).isNull();
        JsonNode retain = retainOf(lead);
        assertThat(retain.get("status").asText()).isEqualTo("expired");
        assertThat(retain.at("/calls/0/status_code").asInt()).isEqualTo(404);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> callsTo(url).size() == 1);
    }

    @Test
    void aRefusedAccountPausesEveryRetainUntilResumed() {
        trustedForm.contractedOperations("match_lead");
        String email = email();
        String lead = Leads.create(salesforce, email);
        String url = trustedForm.newCertificate(email, null);
        Leads.captured(salesforce, lead, email, url);

        JsonNode status = await().atMost(Duration.ofSeconds(30))
                .until(() -> api().get("/v1/trustedform/status").body(), s -> s.get("paused").asBoolean());
        assertThat(status.get("reason").asText()).contains("HTTP 403", "Unavailable operation requested: retain");
        String second = Leads.create(salesforce, email);
        String secondUrl = trustedForm.newCertificate(email, null);
        Leads.captured(salesforce, second, email, secondUrl);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() ->
                callsTo(url).size() == 1 && callsTo(secondUrl).isEmpty());
        assertThat(retainOf(lead).get("status").asText()).isEqualTo("pending");

        trustedForm.contractedOperations(TrustedFormEmulator.DEFAULT_CONTRACT.toArray(String[]::new));
        assertThat(api().post("/v1/trustedform/resume", Map.of()).body().get("paused").asBoolean()).isFalse();

        awaitLead(lead, "success");
        awaitLead(second, "success");
        assertThat(trustedForm.retainCount(url)).isEqualTo(1);
        assertThat(trustedForm.retainCount(secondUrl)).isEqualTo(1);
    }

    @Test
    void serverErrorsAreTriedAgainUntilRetained() {
        String email = email();
        String lead = Leads.create(salesforce, email);
        String url = trustedForm.newCertificate(email, null);
        trustedForm.failNext(url.substring(trustedForm.baseUrl().length()), 2, 503, "text/html",
                "<html>Service Unavailable</html>");

        Leads.captured(salesforce, lead, email, url);

        awaitLead(lead, "success");
        assertThat(callsTo(url)).extracting(RecordedCall::status).containsExactly(503, 503, 200);
        assertThat(retainOf(lead).get("calls")).extracting(call -> call.get("status_code").asInt())
                .containsExactly(503, 503, 200);
        assertThat(trustedForm.retainCount(url)).isEqualTo(1);
    }
}
