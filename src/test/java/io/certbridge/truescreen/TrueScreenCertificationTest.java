package io.certbridge.truescreen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.certbridge.emulator.truescreen.Certification;
import io.certbridge.emulator.truescreen.TrueScreenEmulator;
import io.certbridge.support.ApiClient;
import io.certbridge.support.HubTestBase;
import io.certbridge.support.OutsideTrueScreen;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Certificates certified by TrueScreen (the emulated account tsmain): hash and file mode end to end, with their
 * artifacts kept and served; results by callback and by polling; an upload URL that expired; credits running out
 * (TS-008) and the account resumed; a processing failure (TS-014); a callback not signed with the account's secret.
 */
class TrueScreenCertificationTest extends HubTestBase {

    private final TrueScreenEmulator truescreen = OutsideTrueScreen.truescreen();

    @BeforeEach
    void callbacksToTheHub() {
        truescreen.sendWebhooksTo(hookUrl(), OutsideTrueScreen.WEBHOOK_SECRET);
        truescreen.processingTime(Duration.ofMillis(300));
    }

    @AfterEach
    void restore() {
        truescreen.delayResponses(Duration.ZERO);
        truescreen.uploadUrlLifetime(Duration.ofSeconds(120));
        truescreen.credits(TrueScreenEmulator.DEFAULT_CREDITS);
        truescreen.failProcessingOfNext(0);
        api().post("/v1/truescreen/" + OutsideTrueScreen.ACCOUNT + "/resume", Map.of());
    }

    private String hookUrl() {
        return "http://127.0.0.1:" + port + "/hooks/truescreen/" + OutsideTrueScreen.ACCOUNT;
    }

    private String template(String mode) {
        ApiClient.Response created = api().post("/v1/templates", Map.of(
                "name", "Certified by TrueScreen " + UUID.randomUUID(),
                "fields", List.of(Map.of("name", "course", "type", "string", "required", true),
                        Map.of("name", "grade", "type", "number", "required", false),
                        Map.of("name", "completed_on", "type", "date", "required", false)),
                "truescreen", Map.of("account", OutsideTrueScreen.ACCOUNT, "mode", mode)));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        assertThat(created.body().at("/truescreen/mode").asText()).isEqualTo(mode);
        return created.body().get("id").asText();
    }

    private String issue(String template) {
        ApiClient.Response created = api().post("/v1/certificates", certificate(template,
                "learner." + UUID.randomUUID() + "@example.com"));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        return created.body().get("id").asText();
    }

    private JsonNode awaitCertification(String certificate, String status) {
        return await().atMost(Duration.ofSeconds(60)).until(
                () -> api().get("/v1/certificates/" + certificate + "/certifications").body().path("data"),
                list -> list.size() == 1 && list.get(0).path("status").asText().equals(status)).get(0);
    }

    private List<Certification> atTrueScreen(String certificate) {
        return truescreen.certifications().stream().filter(c -> c.metadata() != null
                && certificate.equals(c.metadata().path("certificate_id").asText())).toList();
    }

    private static String sha256(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }

    private byte[] download(String path) throws Exception {
        HttpResponse<byte[]> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(api().baseUrl() + path)).header("Authorization", "Bearer " + api().key()).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(answer.statusCode()).isEqualTo(200);
        return answer.body();
    }

    @Test
    void hashModeCertifiesThePdfAndCredentialOnceAndKeepsTheArtifacts() throws Exception {
        String certificate = issue(template("hash"));

        JsonNode certified = awaitCertification(certificate, "completed");
        List<Certification> made = atTrueScreen(certificate);
        assertThat(made).hasSize(1);
        Certification certification = made.getFirst();
        assertThat(certification.mode()).isEqualTo("hash");
        assertThat(certified.get("report_id").asText()).isEqualTo(certification.reportId());
        assertThat(certification.files()).extracting(Certification.CertifiedFile::fileName)
                .containsExactly(certificate + ".pdf", certificate + ".credential.json");
        assertThat(certification.files().get(1).sha256()).isEqualTo(sha256(
                download("/credentials/" + certificate)));
        assertThat(certified.get("artifacts")).extracting(a -> a.get("type").asText())
                .containsExactlyInAnyOrder("data", "report", "xml");
        JsonNode data = new com.fasterxml.jackson.databind.ObjectMapper().readTree(download(
                certified.get("artifacts").findValues("download_path").stream().map(JsonNode::asText)
                        .filter(p -> p.endsWith("/data")).findFirst().orElseThrow()));
        assertThat(data.at("/metadata/certificate_id").asText()).isEqualTo(certificate);
        assertThat(data.get("report_id").asText()).isEqualTo(certification.reportId());
        assertThat(truescreen.artifactFetches(certification.reportId()))
                .isEqualTo(Map.of("data", 1, "report", 1, "xml", 1));
        String page = anonymous().get("/verify/" + certificate).raw().body();
        assertThat(page).as("the public page names the certification")
                .contains("Certified by others", "TrueScreen", "report " + certification.reportId() + ": completed")
                .doesNotContain("/artifacts/");
    }

    @Test
    void fileModeUploadsThePdfAndCredentialAndRegistersAgainWhenAnUploadUrlExpired() throws Exception {
        // the registration's answer comes after its one-second URLs expired: the upload is refused
        truescreen.uploadUrlLifetime(Duration.ofSeconds(1));
        truescreen.delayResponses("POST", Duration.ofMillis(1_500));
        int registeredBefore = truescreen.requests("/v1/file-certifications-attachments").size();
        String certificate = issue(template("file"));
        await().atMost(Duration.ofSeconds(30)).until(() -> truescreen.requests("/s3/uploads/").size() >= 1);
        truescreen.delayResponses(Duration.ZERO);

        JsonNode certified = awaitCertification(certificate, "completed");
        List<Certification> made = atTrueScreen(certificate);
        assertThat(made).hasSize(1);
        assertThat(made.getFirst().mode()).isEqualTo("file");
        assertThat(made.getFirst().files().get(1).sha256()).isEqualTo(sha256(download("/credentials/" + certificate)));
        assertThat(truescreen.requests("/v1/file-certifications-attachments").size() - registeredBefore)
                .as("registered again after the expired upload").isGreaterThanOrEqualTo(2);
        assertThat(certified.get("artifacts")).extracting(a -> a.get("type").asText())
                .contains("data", "report", "xml", "media");
    }

    @Test
    void withoutACallbackTheCertificationIsAskedAbout() {
        truescreen.sendWebhooksTo("http://127.0.0.1:" + io.certbridge.support.FreePort.closed() + "/nothing",
                OutsideTrueScreen.WEBHOOK_SECRET);
        String certificate = issue(template("hash"));

        JsonNode certified = awaitCertification(certificate, "completed");
        assertThat(truescreen.requests("/v1/certifications/" + certified.get("report_id").asText())).isNotEmpty();
        assertThat(atTrueScreen(certificate)).hasSize(1);
    }

    @Test
    void outOfCreditsTheAccountIsPausedAndCertifiesOnceResumed() throws Exception {
        truescreen.credits(1);
        String certificate = issue(template("hash"));
        await().atMost(Duration.ofSeconds(30)).until(() -> !truescreen.requests("/v1/hash-certifications").stream()
                .filter(r -> r.body().contains(certificate)).toList().isEmpty());
        Thread.sleep(3_000);
        assertThat(atTrueScreen(certificate)).as("nothing certified without credits").isEmpty();
        long asked = truescreen.requests("/v1/hash-certifications").stream()
                .filter(r -> r.body().contains(certificate)).count();
        assertThat(asked).as("held back once refused").isEqualTo(1);

        truescreen.credits(TrueScreenEmulator.DEFAULT_CREDITS);
        ApiClient.Response resumed = api().post("/v1/truescreen/" + OutsideTrueScreen.ACCOUNT + "/resume", Map.of());
        assertThat(resumed.body().get("paused").asBoolean()).isFalse();
        awaitCertification(certificate, "completed");
        assertThat(atTrueScreen(certificate)).hasSize(1);
    }

    @Test
    void aProcessingFailureIsKeptInTrueScreensWords() {
        truescreen.failProcessingOfNext(1);
        String certificate = issue(template("hash"));

        JsonNode failed = awaitCertification(certificate, "failed");
        assertThat(failed.get("error").asText()).isEqualTo("Digital signature error. (TS-014)");
        assertThat(atTrueScreen(certificate)).hasSize(1);
    }

    @Test
    void aCallbackNotSignedWithTheAccountsSecretIsRefused() {
        String body = "{\"type\":\"certification.completed\",\"timestamp\":\"2026-01-01T00:00:00Z\",\"data\":{}}";
        long now = java.time.Instant.now().getEpochSecond();
        String forged = TrueScreenEmulator.signature("whsec_" + java.util.Base64.getEncoder()
                .encodeToString("another secret".getBytes()), "msg_1", now, body);
        assertThat(hooks().post("/hooks/truescreen/" + OutsideTrueScreen.ACCOUNT, "application/json", body,
                Map.of("webhook-id", "msg_1", "webhook-timestamp", String.valueOf(now), "webhook-signature", forged))
                .status()).isEqualTo(401);
        String signed = TrueScreenEmulator.signature(OutsideTrueScreen.WEBHOOK_SECRET, "msg_2", now, body);
        assertThat(hooks().post("/hooks/truescreen/" + OutsideTrueScreen.ACCOUNT, "application/json", body,
                Map.of("webhook-id", "msg_2", "webhook-timestamp", String.valueOf(now), "webhook-signature", signed))
                .status()).isEqualTo(200);
    }
}
