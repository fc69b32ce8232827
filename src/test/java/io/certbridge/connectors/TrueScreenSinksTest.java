package io.certbridge.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.certbridge.emulator.RecordedRequest;
import io.certbridge.emulator.truescreen.TrueScreenEmulator;
import io.certbridge.support.FreePort;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * connectors/truescreen-certify-sink, truescreen-upload-sink and truescreen-download-sink against the emulated
 * TrueScreen, in its awkward cases: a refusal (TS-008, out of credits) and a processing failure (TS-014, a 500) come
 * back with TrueScreen's problem rather than being thrown, the key sent as x-api-key and not left on the exchange; an
 * upload URL that expired comes back as the storage's 403 with nothing but Content-Type sent; an artifact comes back
 * as bytes with its Content-Type; without a path nothing is called; no answer at all throws.
 */
class TrueScreenSinksTest extends KameletTestBase {

    private static final String KEY = "ts-kamelet-test-key";
    private static final TrueScreenEmulator TRUESCREEN = new TrueScreenEmulator(KEY).start();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HASH = "2661f88efc456652aa9f65f6340fe0213e5bde437e3c613b2a235de81581161e";

    @AfterAll
    static void stop() {
        TRUESCREEN.close();
    }

    @BeforeEach
    void reset() {
        TRUESCREEN.reset();
        TRUESCREEN.processingTime(Duration.ofMillis(100));
        TRUESCREEN.uploadUrlLifetime(Duration.ofSeconds(120));
    }

    private Exchange api(String method, String path, String body) {
        Map<String, Object> properties = new HashMap<>(Map.of("truescreenBaseUrl", TRUESCREEN.baseUrl(),
                "truescreenApiKey", KEY));
        if (path != null) {
            properties.put("truescreenMethod", method);
            properties.put("truescreenPath", path);
        }
        return call("truescreen-certify-sink", properties, body);
    }

    private Exchange certify(String fileName) {
        return api("POST", "/v1/hash-certifications", """
                {"title":"Certificate cert_1","files":[{"file_name":"%s","hash":"%s"}]}""".formatted(fileName, HASH));
    }

    private static int status(Exchange answered) {
        return answered.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
    }

    private static JsonNode body(Exchange answered) throws Exception {
        return JSON.readTree(answered.getMessage().getBody(String.class));
    }

    @Test
    void aHashCertificationIsCreatedWithTheKeyAsXApiKey() throws Exception {
        Exchange answered = certify("cert_1.pdf");

        assertThat(answered.getException()).isNull();
        assertThat(status(answered)).isEqualTo(201);
        assertThat(body(answered).get("status").asText()).isEqualTo("pending");
        assertThat(TRUESCREEN.requests("/v1/hash-certifications").getFirst().header("x-api-key")).isEqualTo(KEY);
        assertThat(answered.getMessage().getHeader("x-api-key")).as("the key does not stay on the exchange")
                .isNull();
        assertThat(TRUESCREEN.hashCounts()).containsEntry(HASH, 1);
    }

    @Test
    void outOfCreditsComesBackAsTrueScreensProblemInsteadOfBeingThrown() throws Exception {
        TRUESCREEN.credits(0);

        Exchange answered = certify("cert_2.pdf");

        assertThat(answered.getException()).isNull();
        assertThat(status(answered)).isEqualTo(400);
        assertThat(body(answered).get("code").asText()).isEqualTo("TS-008");
        assertThat(TRUESCREEN.certifications()).isEmpty();
    }

    @Test
    void aProcessingFailureComesBackAsTheFiveHundredProblemWhenAskedAbout() throws Exception {
        TRUESCREEN.failProcessingOfNext(1);
        String reportId = body(certify("cert_3.pdf")).get("report_id").asText();
        await().atMost(Duration.ofSeconds(5))
                .until(() -> TRUESCREEN.certification(reportId).status().equals("error"));

        Exchange answered = api("GET", "/v1/certifications/" + reportId, null);

        assertThat(answered.getException()).isNull();
        assertThat(status(answered)).isEqualTo(500);
        assertThat(body(answered).get("code").asText()).isEqualTo("TS-014");
        assertThat(body(answered).get("detail").asText()).isEqualTo("Digital signature error.");
    }

    @Test
    void withoutAPathNothingIsCalled() {
        Exchange answered = api(null, null, null);

        assertThat(answered.getException()).isNull();
        assertThat(TRUESCREEN.requests()).isEmpty();
    }

    @Test
    void anUploadUrlThatExpiredComesBackAsTheStoragesRefusalWithOnlyContentTypeSent() throws Exception {
        TRUESCREEN.uploadUrlLifetime(Duration.ofSeconds(1));
        JsonNode slot = body(api("POST", "/v1/file-certifications-attachments",
                "{\"files\":[{\"file_name\":\"cert_4.pdf\"}]}")).get(0);
        Thread.sleep(2_100);

        Exchange answered = call("truescreen-upload-sink", Map.of("truescreenUrl", slot.get("upload_url").asText(),
                "truescreenContentType", "application/pdf"), "%PDF-1.7 certificate".getBytes(StandardCharsets.UTF_8));

        assertThat(answered.getException()).isNull();
        assertThat(status(answered)).isEqualTo(403);
        assertThat(answered.getMessage().getBody(String.class)).contains("<Code>AccessDenied</Code>",
                "Request has expired");
        RecordedRequest put = TRUESCREEN.requests("/s3/").getFirst();
        assertThat(put.method()).isEqualTo("PUT");
        assertThat(put.header("Content-Type")).isEqualTo("application/pdf");
        assertThat(put.header("Authorization")).isNull();
        assertThat(put.header("x-api-key")).isNull();
    }

    @Test
    void anUploadInTimeIsTakenAndTheCertificationThenCreated() throws Exception {
        JsonNode slot = body(api("POST", "/v1/file-certifications-attachments",
                "{\"files\":[{\"file_name\":\"cert_5.pdf\"}]}")).get(0);

        Exchange uploaded = call("truescreen-upload-sink", Map.of("truescreenUrl", slot.get("upload_url").asText(),
                "truescreenContentType", "application/pdf"), "%PDF-1.7 certificate".getBytes(StandardCharsets.UTF_8));
        Exchange created = api("POST", "/v1/file-certifications", """
                {"title":"Certificate cert_5","upload_session_token":"%s"}"""
                .formatted(slot.get("upload_session_token").asText()));

        assertThat(status(uploaded)).isEqualTo(200);
        assertThat(status(created)).isEqualTo(201);
        assertThat(TRUESCREEN.fileDigestCounts()).hasSize(1);
    }

    @Test
    void anArtifactComesBackAsBytesWithItsContentType() throws Exception {
        String reportId = body(certify("cert_6.pdf")).get("report_id").asText();
        JsonNode completed = await().atMost(Duration.ofSeconds(5)).until(
                () -> body(api("GET", "/v1/certifications/" + reportId, null)),
                view -> view.get("status").asText().equals("completed"));
        String dataUrl = completed.get("files").findParents("type").stream()
                .filter(file -> file.get("type").asText().equals("data")).findFirst().orElseThrow()
                .get("url").asText();

        Exchange answered = call("truescreen-download-sink", Map.of("truescreenUrl", dataUrl), null);

        assertThat(answered.getException()).isNull();
        assertThat(status(answered)).isEqualTo(200);
        assertThat(answered.getMessage().getHeader(Exchange.CONTENT_TYPE, String.class)).startsWith("application/json");
        assertThat(JSON.readTree(answered.getMessage().getBody(byte[].class)).get("report_id").asText())
                .isEqualTo(reportId);
        assertThat(TRUESCREEN.artifactFetches(reportId)).containsEntry("data", 1);
    }

    @Test
    void noAnswerAtAllIsThrown() {
        Exchange answered = call("truescreen-certify-sink", Map.of("truescreenBaseUrl", "http://127.0.0.1:"
                + FreePort.closed(), "truescreenApiKey", KEY, "truescreenMethod", "GET", "truescreenPath",
                "/v1/credits"), null);

        assertThat(answered.getException()).isNotNull();
    }
}
