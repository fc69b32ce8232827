package io.certbridge.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.certbridge.emulator.trustedform.RecordedCall;
import io.certbridge.emulator.trustedform.TrustedFormEmulator;
import io.certbridge.support.OutsideTrustedForm;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * connectors/trustedform-retain-sink against the emulated cert.trustedform.com (the allowed prefix and key that
 * {@link KameletTestBase} sets): a retain is POSTed to the certificate's URL with the Basic credentials at once and
 * Api-Version 4.0, and its 200 comes back as the body; an expired or unknown certificate (404), a refused account
 * (403) and a server error (503) are thrown with their status and TrustedForm's words; a URL outside the allowed
 * prefix is refused before anything is sent.
 */
class TrustedFormRetainSinkTest extends KameletTestBase {

    private static final String KAMELET = "trustedform-retain-sink";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TrustedFormEmulator trustedForm = OutsideTrustedForm.trustedForm();
    private final String email = "lee." + UUID.randomUUID() + "@example.com";

    @AfterEach
    void accountAsContracted() {
        trustedForm.contractedOperations(TrustedFormEmulator.DEFAULT_CONTRACT.toArray(String[]::new));
    }

    private Exchange retain(String certificateUrl) {
        return call(KAMELET, Map.of("trustedformCertificateUrl", certificateUrl), """
                {"match_lead":{"email":"%s"},"retain":{"reference":"00Q000000000001AAA","vendor":"Acme Leads"}}"""
                .formatted(email));
    }

    private RecordedCall lastCallTo(String certificateUrl) {
        String path = certificateUrl.substring(trustedForm.baseUrl().length());
        return trustedForm.calls().stream().filter(call -> call.path().equals(path)).reduce((a, b) -> b)
                .orElseThrow();
    }

    private static HttpOperationFailedException refusal(Exchange answered) {
        assertThat(answered.getException()).isInstanceOf(HttpOperationFailedException.class);
        return (HttpOperationFailedException) answered.getException();
    }

    @Test
    void aRetainIsPostedWithTheCredentialsAtOnceAndItsAnswerComesBack() throws Exception {
        String url = trustedForm.newCertificate(email, null);

        Exchange answered = retain(url);

        assertThat(answered.getException()).isNull();
        JsonNode body = JSON.readTree(answered.getMessage().getBody(String.class));
        assertThat(body.get("outcome").asText()).isEqualTo("success");
        assertThat(body.at("/retain/results/previously_retained").asBoolean()).isFalse();
        assertThat(body.at("/retain/results/expires_at").asText()).isNotBlank();
        RecordedCall call = lastCallTo(url);
        assertThat(call.method()).isEqualTo("POST");
        assertThat(call.header("Authorization")).isEqualTo("Basic API:<redacted>");
        assertThat(call.header("Api-Version")).isEqualTo("4.0");
        assertThat(call.header("Content-Type")).startsWith("application/json");
        assertThat(call.header("Accept")).isEqualTo("application/json");
        assertThat(trustedForm.retainCount(url)).isEqualTo(1);
    }

    @Test
    void anExpiredCertificateIsThrownAsTrustedFormsNotFound() {
        String url = trustedForm.newExpiredCertificate(email, null);

        HttpOperationFailedException failure = refusal(retain(url));

        assertThat(failure.getStatusCode()).isEqualTo(404);
        assertThat(failure.getResponseBody()).contains("\"outcome\":\"error\"");
        assertThat(trustedForm.retainCount(url)).isZero();
    }

    @Test
    void anAccountRefusedTheOperationIsThrownAsAForbidden() {
        trustedForm.contractedOperations("match_lead");
        String url = trustedForm.newCertificate(email, null);

        HttpOperationFailedException failure = refusal(retain(url));

        assertThat(failure.getStatusCode()).isEqualTo(403);
        assertThat(failure.getResponseBody()).contains("retain");
        assertThat(trustedForm.retainCount(url)).isZero();
    }

    @Test
    void aServerErrorIsThrownWithItsStatusAndBody() {
        String url = trustedForm.newCertificate(email, null);
        trustedForm.failNext(url.substring(trustedForm.baseUrl().length()), 1, 503, "text/html",
                "<html>Service Unavailable</html>");

        HttpOperationFailedException failure = refusal(retain(url));

        assertThat(failure.getStatusCode()).isEqualTo(503);
        assertThat(failure.getResponseBody()).contains("Service Unavailable");
        assertThat(trustedForm.retainCount(url)).isZero();
    }

    @Test
    void aUrlOutsideTheAllowedPrefixIsRefusedBeforeAnythingIsSent() {
        try (TrustedFormEmulator stranger = new TrustedFormEmulator(OutsideTrustedForm.API_KEY).start()) {
            String url = stranger.newCertificate(email, null);

            Exchange answered = retain(url);

            assertThat(answered.getException()).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("does not start with " + trustedForm.certificateUrlPrefix());
            assertThat(stranger.calls()).isEmpty();
        }
    }
}
