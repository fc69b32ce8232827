package io.certbridge.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.certbridge.emulator.RecordedRequest;
import io.certbridge.emulator.vec.VecEmulator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.hc.client5.http.entity.mime.MultipartEntityBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * connectors/vec-vault-issue-sink against the emulated VEC.digital: the call the exchange properties describe, with
 * the account's bearer token; the answer's bytes and rate-limit headers come back; VEC.digital's refusals (422
 * duplicate, 403 naming the permission) are thrown with status, body and headers; without a method nothing is called.
 */
class VecVaultIssueSinkTest extends KameletTestBase {

    private static final String KAMELET = "vec-vault-issue-sink";
    private static final String TOKEN = "vec-kamelet-test-token";
    private static final String LIST_ONLY = "vec-kamelet-list-only-token";
    private static final VecEmulator VEC = new VecEmulator(TOKEN).start();

    static {
        VEC.addToken(LIST_ONLY, Set.of("certificate-vault:list"));
    }

    @AfterAll
    static void stop() {
        VEC.close();
    }

    private Exchange call(String token, String method, String pathAndQuery, Object body) {
        Map<String, Object> properties = new HashMap<>();
        if (method != null) {
            properties.put("vecMethod", method);
        }
        properties.put("vecUrl", VEC.baseUrl() + pathAndQuery);
        properties.put("vecToken", token);
        return call(KAMELET, properties, body);
    }

    private static HttpEntity upload(String email) throws IOException {
        return MultipartEntityBuilder.create()
                .addTextBody("certificate_title", "Kamelet test")
                .addTextBody("full_name", "Ada Lovelace")
                .addTextBody("applicant_email", email)
                .addTextBody("issue_date", "2026-06-01")
                .addBinaryBody("certificate_file", pdf(), ContentType.create("application/pdf"), "ada.pdf")
                .build();
    }

    private static byte[] pdf() throws IOException {
        try (PDDocument document = new PDDocument()) {
            document.addPage(new PDPage());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        }
    }

    @Test
    void aSingleUploadIsPostedAsMultipartWithTheTokenAndItsAnswerComesBackWithTheLimitHeaders() throws Exception {
        String email = "kamelet." + UUID.randomUUID() + "@example.org";

        Exchange answered = call(TOKEN, "POST", "/business/certificate-vault", upload(email));

        assertThat(answered.getException()).isNull();
        assertThat(answered.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class)).isEqualTo(201);
        JsonNode data = new ObjectMapper().readTree(answered.getMessage().getBody(byte[].class)).get("data");
        assertThat(data.get("applicant_email").asText()).isEqualTo(email);
        assertThat(data.at("/status/value").asText()).isEqualTo("processing");
        assertThat(answered.getMessage().getHeader("X-RateLimit-Limit", String.class)).isEqualTo("60");
        RecordedRequest post = VEC.requests("/business/certificate-vault").getLast();
        assertThat(post.header("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(post.header("Accept")).isEqualTo("application/json");
        assertThat(post.header("Content-Type")).startsWith("multipart/form-data");
        assertThat(VEC.timesCreated(email, "Kamelet test")).isEqualTo(1);
    }

    @Test
    void theSameUploadAgainIsThrownAs422WithVecsWords() throws Exception {
        String email = "kamelet." + UUID.randomUUID() + "@example.org";
        call(TOKEN, "POST", "/business/certificate-vault", upload(email));

        Exchange again = call(TOKEN, "POST", "/business/certificate-vault", upload(email));

        HttpOperationFailedException refused = (HttpOperationFailedException) again.getException();
        assertThat(refused.getStatusCode()).isEqualTo(422);
        assertThat(refused.getResponseBody()).contains("already exists");
        assertThat(VEC.timesCreated(email, "Kamelet test")).isEqualTo(1);
    }

    @Test
    void aTokenWithoutThePermissionIsThrownAs403NamingIt() {
        Exchange refused = call(LIST_ONLY, "GET", "/business/certificate-vault/" + UUID.randomUUID(), null);

        HttpOperationFailedException forbidden = (HttpOperationFailedException) refused.getException();
        assertThat(forbidden.getStatusCode()).isEqualTo(403);
        assertThat(forbidden.getResponseBody()).contains("\"required_permission\":\"certificate-vault:view\"");
    }

    @Test
    void aListIsReadWithItsQuery() throws Exception {
        String email = "kamelet." + UUID.randomUUID() + "@example.org";
        call(TOKEN, "POST", "/business/certificate-vault", upload(email));

        Exchange listed = call(LIST_ONLY, "GET", "/business/certificate-vault?applicant_email=" + email, null);

        assertThat(listed.getException()).isNull();
        JsonNode list = new ObjectMapper().readTree(listed.getMessage().getBody(byte[].class));
        assertThat(list.get("data")).hasSize(1);
        assertThat(list.at("/data/0/applicant_email").asText()).isEqualTo(email);
    }

    @Test
    void withoutAMethodNothingIsCalled() {
        int before = VEC.requests().size();

        Exchange skipped = call(TOKEN, null, "/business/certificate-vault", "nothing");

        assertThat(skipped.getException()).isNull();
        assertThat(VEC.requests()).hasSize(before);
    }
}
