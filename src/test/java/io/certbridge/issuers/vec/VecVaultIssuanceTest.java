package io.certbridge.issuers.vec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.certbridge.emulator.vec.VecEmulator;
import io.certbridge.issuers.HexHmac;
import io.certbridge.support.HubTestBase;
import io.certbridge.support.OutsideIssuers;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.hc.client5.http.entity.mime.MultipartEntityBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Certificates of a template whose issuer is a VEC.digital vault account, through the API, against the emulated
 * VEC.digital: uploaded, processed, approved and issued with VEC.digital's verified PDF; an upload VEC.digital
 * refuses as already there is adopted; processing that fails is retried there and then refused in its words; a
 * token without a permission fails the certificate saying which and pauses the issuer until resumed; a webhook not
 * signed with the account's secret is refused.
 */
class VecVaultIssuanceTest extends HubTestBase {

    private final VecEmulator vec = OutsideIssuers.vec();

    @BeforeEach
    void webhooksToTheHub() {
        vec.sendWebhooksTo("http://127.0.0.1:" + port + "/hooks/issuers/" + OutsideIssuers.VEC,
                OutsideIssuers.VEC_WEBHOOK_SECRET);
    }

    @AfterEach
    void everyPermission() {
        vec.addToken(OutsideIssuers.VEC_TOKEN, VecEmulator.ALL_PERMISSIONS);
        vec.failNextProcessing(0);
        api().post("/v1/issuers/" + OutsideIssuers.VEC + "/resume", Map.of());
    }

    private String issue(String templateId, String email) {
        return api().post("/v1/certificates", Map.of("template_id", templateId,
                        "recipient", Map.of("name", "Ada Lovelace", "email", email),
                        "fields", Map.of("course", "Analytical Engines")))
                .body().get("id").asText();
    }

    private JsonNode awaitStatus(String id, String status) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> api().get("/v1/certificates/" + id).body(),
                c -> c.get("status").asText().equals(status));
    }

    private static String email() {
        return "vault." + UUID.randomUUID() + "@example.org";
    }

    @Test
    void aCertificateIsUploadedProcessedAndIssuedWithVecsVerifiedPdf() {
        JsonNode template = VecVaultChecks.template(api(), OutsideIssuers.VEC);
        String email = email();

        String id = issue(template.get("id").asText(), email);

        JsonNode issued = awaitStatus(id, "issued");
        VecVaultChecks.issuedOnce(api(), vec, issued, template.get("name").asText());
        var vault = vec.certificates().stream().filter(c -> c.applicantEmail().equals(email)).findFirst().orElseThrow();
        assertThat(vault.fullName()).isEqualTo("Ada Lovelace");
        assertThat(vault.issueDate()).isEqualTo(LocalDate.now(ZoneOffset.UTC));
        assertThat(vault.details()).contains(id);
        assertThat(vault.file().mimeType()).as("the hub's rendering of the certificate").isEqualTo("application/pdf");
    }

    @Test
    void anUploadRefusedAsAlreadyThereIsFoundAndAdoptedNotUploadedAgain() throws Exception {
        JsonNode template = VecVaultChecks.template(api(), OutsideIssuers.VEC);
        String title = template.get("name").asText();
        String email = email();
        String uuid = uploadDirectly(title, email);
        int refusedBefore = vec.duplicatesRefused();

        String id = issue(template.get("id").asText(), email);

        JsonNode issued = awaitStatus(id, "issued");
        assertThat(vec.duplicatesRefused()).isEqualTo(refusedBefore + 1);
        assertThat(issued.at("/issuer/external_id").asText()).isEqualTo(uuid);
        VecVaultChecks.issuedOnce(api(), vec, issued, title);
    }

    @Test
    void processingThatFailsIsRetriedAtVecThenRefusedInItsWordsOnceTheRetriesAreSpent() {
        JsonNode template = VecVaultChecks.template(api(), OutsideIssuers.VEC);
        vec.failNextProcessing(1);

        String recovered = issue(template.get("id").asText(), email());

        JsonNode issued = awaitStatus(recovered, "issued");
        String uuid = issued.at("/issuer/external_id").asText();
        assertThat(vec.requests("/business/certificate-vault/" + uuid + "/retry")).hasSize(1);

        vec.failNextProcessing(OutsideIssuers.VEC_MAX_RETRIES + 1);
        String refused = issue(template.get("id").asText(), email());

        JsonNode failed = awaitStatus(refused, "failed");
        assertThat(failed.at("/issuer/error").asText())
                .contains("Certificate processing failed", "also after 2 retries");
        assertThat(vec.certificates().stream().filter(c -> c.applicantEmail().equals(failed.at("/recipient/email")
                .asText())).findFirst().orElseThrow().status()).isEqualTo("failed");
    }

    @Test
    void aTokenWithoutTheCreatePermissionFailsTheCertificateSayingWhichAndPausesTheIssuerUntilResumed() {
        JsonNode template = VecVaultChecks.template(api(), OutsideIssuers.VEC);
        Set<String> withoutCreate = new HashSet<>(VecEmulator.ALL_PERMISSIONS);
        withoutCreate.remove("certificate-vault:create");
        vec.addToken(OutsideIssuers.VEC_TOKEN, withoutCreate);

        String refused = issue(template.get("id").asText(), email());

        JsonNode failed = awaitStatus(refused, "failed");
        assertThat(failed.at("/issuer/error").asText()).contains("lacks the permission certificate-vault:create");
        JsonNode issuer = api().get("/v1/issuers/" + OutsideIssuers.VEC).body();
        assertThat(issuer.at("/paused/reason").asText()).contains("certificate-vault:create");

        String waiting = issue(template.get("id").asText(), email());
        int uploadsBefore = vec.requests("/business/certificate-vault").size();
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> api().get("/v1/certificates/" + waiting).body().get("status").asText().equals("pending"));
        assertThat(vec.requests("/business/certificate-vault").size()).as("nothing sent while paused")
                .isEqualTo(uploadsBefore);

        vec.addToken(OutsideIssuers.VEC_TOKEN, VecEmulator.ALL_PERMISSIONS);
        api().post("/v1/issuers/" + OutsideIssuers.VEC + "/resume", Map.of());

        VecVaultChecks.issuedOnce(api(), vec, awaitStatus(waiting, "issued"), template.get("name").asText());
    }

    @Test
    void aWebhookNotSignedWithTheAccountsSecretIsRefused() {
        String body = "{\"event\":\"certificate_application.approved\",\"uuid\":\"" + UUID.randomUUID() + "\"}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);

        var forged = hooks().post("/hooks/issuers/" + OutsideIssuers.VEC, "application/json", body,
                Map.of("X-Webhook-Signature", HexHmac.of("not-the-secret", bytes),
                        "X-Webhook-Event", "certificate_application.approved"));
        var signed = hooks().post("/hooks/issuers/" + OutsideIssuers.VEC, "application/json", body,
                Map.of("X-Webhook-Signature", HexHmac.of(OutsideIssuers.VEC_WEBHOOK_SECRET, bytes),
                        "X-Webhook-Event", "certificate_application.approved"));

        assertThat(forged.status()).isEqualTo(401);
        assertThat(signed.status()).as("signed, of a certificate the hub does not follow: nothing to do")
                .isEqualTo(200);
    }

    /** Someone (an earlier run, the dashboard) uploaded this certificate already. */
    private String uploadDirectly(String title, String email) throws Exception {
        HttpEntity form = MultipartEntityBuilder.create()
                .addTextBody("certificate_title", title)
                .addTextBody("full_name", "Ada Lovelace")
                .addTextBody("applicant_email", email)
                .addTextBody("issue_date", LocalDate.now(ZoneOffset.UTC).toString())
                .addBinaryBody("certificate_file", pdf(), ContentType.create("application/pdf"), "earlier.pdf")
                .build();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        form.writeTo(body);
        HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(vec.baseUrl() + "/business/certificate-vault"))
                .header("Authorization", "Bearer " + OutsideIssuers.VEC_TOKEN)
                .header("Accept", "application/json")
                .header("Content-Type", form.getContentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).isEqualTo(201);
        return io.certbridge.support.ApiClient.json().readTree(created.body()).at("/data/uuid").asText();
    }

    private static byte[] pdf() throws Exception {
        try (PDDocument document = new PDDocument()) {
            document.addPage(new PDPage());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        }
    }
}
