package io.certbridge.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.certbridge.emulator.RecordedRequest;
import io.certbridge.emulator.trueapi.TrueEmulator;
import java.util.HashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * connectors/true-issue-sink and true-status-sink against the emulated TRUE: the call the exchange properties say,
 * with the key as Bearer; every answer comes back with its status, body and rate-limit headers (a refusal is not
 * thrown); an encoded list query reaches TRUE as sent; no path, no call; no answer throws.
 */
class TrueIssueSinkTest extends KameletTestBase {

    private static final String KEY = "true-kamelet-test-key";
    private static final TrueEmulator TRUE = new TrueEmulator(KEY).start();
    private static final ObjectMapper JSON = new ObjectMapper();

    @AfterAll
    static void stop() {
        TRUE.close();
    }

    @BeforeEach
    void reset() {
        TRUE.reset();
        TRUE.clearRequests();
    }

    private Exchange call(String kamelet, String method, String path, String body) {
        Map<String, Object> properties = new HashMap<>(Map.of("trueBaseUrl", TRUE.baseUrl(), "trueApiKey", KEY));
        if (path != null) {
            properties.put("trueMethod", method);
            properties.put("truePath", path);
        }
        return call(kamelet, properties, body);
    }

    @Test
    void aCertificateIsPostedWithTheKeyAndTheAnswerComesBackWithTheWindow() throws Exception {
        Exchange answered = call("true-issue-sink", "POST", "/v1/certificates", """
                {"template_id":"tmpl_abc123","recipient":{"name":"Maria Andersson","email":"maria@example.com"},
                 "fields":{"course_name":"Advanced Project Management","certbridge_id":"cert_1"}}""");

        assertThat(answered.getException()).isNull();
        assertThat(answered.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class)).isEqualTo(201);
        JsonNode certificate = JSON.readTree(answered.getMessage().getBody(String.class));
        assertThat(certificate.get("verification_url").asText()).endsWith(certificate.get("id").asText());
        assertThat(answered.getMessage().getHeader("X-RateLimit-Limit", String.class)).isEqualTo("60");
        assertThat(answered.getMessage().getHeader("X-RateLimit-Remaining", String.class)).isEqualTo("59");
        assertThat(answered.getMessage().getHeader("X-RateLimit-Reset", String.class)).matches("\\d{10}");
        assertThat(answered.getMessage().getHeader("Authorization")).as("the key does not stay on the exchange")
                .isNull();
        RecordedRequest post = TRUE.requests("/v1/certificates").getFirst();
        assertThat(post.header("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(TRUE.issuancesPerField("certbridge_id")).containsEntry("cert_1", 1L);
    }

    @Test
    void aRefusalComesBackWithTruesErrorInsteadOfBeingThrown() throws Exception {
        Exchange answered = call("true-issue-sink", "POST", "/v1/certificates/batch", """
                {"template_id":"tmpl_gone","recipients":[{"name":"A","email":"a@example.com","fields":{}}]}""");

        assertThat(answered.getException()).isNull();
        assertThat(answered.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class)).isEqualTo(400);
        assertThat(JSON.readTree(answered.getMessage().getBody(String.class)).at("/error/code").asText())
                .isEqualTo("invalid_template");
    }

    @Test
    void anEncodedListQueryReachesTrueAsSent() throws Exception {
        call("true-issue-sink", "POST", "/v1/certificates", """
                {"template_id":"tmpl_abc123","recipient":{"name":"A","email":"a@example.com"},
                 "fields":{"course_name":"X","certbridge_call":"call_a b"}}""");

        Exchange answered = call("true-issue-sink", "GET",
                "/v1/certificates?fields%5Bcertbridge_call%5D=call_a+b&limit=100", null);

        assertThat(answered.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class)).isEqualTo(200);
        assertThat(JSON.readTree(answered.getMessage().getBody(String.class)).get("data")).hasSize(1);
    }

    @Test
    void aStatusIsPatchedAndARevocationPosted() throws Exception {
        String id = JSON.readTree(call("true-issue-sink", "POST", "/v1/certificates", """
                {"template_id":"tmpl_abc123","recipient":{"name":"A","email":"a@example.com"},
                 "fields":{"course_name":"X"}}""").getMessage().getBody(String.class)).get("id").asText();

        Exchange suspended = call("true-status-sink", "PATCH", "/v1/certificates/" + id, "{\"status\":\"suspended\"}");
        Exchange revoked = call("true-status-sink", "POST", "/v1/certificates/" + id + "/revoke", "{\"reason\":\"r\"}");
        Exchange again = call("true-status-sink", "POST", "/v1/certificates/" + id + "/revoke", "{\"reason\":\"r\"}");

        assertThat(suspended.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class)).isEqualTo(200);
        assertThat(revoked.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class)).isEqualTo(200);
        assertThat(TRUE.certificates().getFirst().status()).isEqualTo("revoked");
        assertThat(JSON.readTree(again.getMessage().getBody(String.class)).at("/error/code").asText())
                .isEqualTo("certificate_revoked");
    }

    @Test
    void withoutAPathNothingIsCalled() {
        Exchange answered = call("true-issue-sink", null, null, null);

        assertThat(answered.getException()).isNull();
        assertThat(TRUE.requests()).isEmpty();
    }

    @Test
    void noAnswerIsThrown() {
        Map<String, Object> properties = Map.of("trueBaseUrl", "http://127.0.0.1:" + io.certbridge.support.FreePort.closed(),
                "trueApiKey", KEY, "trueMethod", "GET", "truePath", "/v1/certificates");

        assertThat(call("true-issue-sink", properties, null).getException()).isNotNull();
    }
}
