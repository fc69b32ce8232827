package io.certbridge.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.certbridge.support.ApiClient;
import io.certbridge.support.AsIssued;
import io.certbridge.support.CertificateFiles;
import io.certbridge.support.HubTestBase;
import io.certbridge.support.MultipartForm;
import io.certbridge.support.NodeCredentialVerifier;
import io.certbridge.support.OutsideSystems;
import io.certbridge.support.PdfQrCodes;
import io.certbridge.support.TestResources;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/**
 * A certificate an institution already has, uploaded to the vault, becomes verifiable: approved, with an Open Badges
 * credential that cites the file's SHA-256 and verifies with an independent implementation, and a PDF that is the file
 * with a QR code of the verification link stamped where there was room (a PDF), a first page added where there was
 * none, or the picture made a PDF page; e-mailed to its recipient when the template says so. What is not a PDF, PNG or JPEG by its content, or is too large, is refused.
 */
class VaultTest extends HubTestBase {

    private VaultClient vault() {
        return new VaultClient(api());
    }

    static String template(ApiClient api, boolean emailDelivery) {
        ApiClient.Response created = api.post("/v1/templates", Map.of("name", "Diploma " + UUID.randomUUID(),
                "description", "A diploma of the school", "email_delivery", emailDelivery, "fields", List.of()));
        assertThat(created.status()).isEqualTo(201);
        return created.body().get("id").asText();
    }

    private static String email() {
        return "ada." + UUID.randomUUID() + "@learners.test";
    }

    @Test
    void aPdfIsApprovedWithACredentialCitingItsHashAndItsPdfStampedWithTheVerificationLink() throws Exception {
        byte[] pdf = CertificateFiles.pdf("Ada Lovelace");
        ApiClient.Response accepted = vault().deposit(template(api(), false), pdf, "diploma.pdf", "application/pdf",
                email(), "Diploma in Analytical Engines");

        assertThat(accepted.status()).as(accepted.body()::toString).isEqualTo(202);
        assertThat(accepted.body().get("id").asText()).startsWith("vault_");
        assertThat(accepted.body().get("status").asText()).isEqualTo("processing");
        assertThat(accepted.body().at("/file/sha256").asText()).isEqualTo(VaultClient.sha256(pdf));
        assertThat(accepted.body().at("/file/media_type").asText()).isEqualTo("application/pdf");
        JsonNode entry = vault().approved(accepted.body().get("id").asText());
        String url = entry.get("verification_url").asText();
        assertThat(url).endsWith("/verify/" + entry.get("certificate_id").asText());

        JsonNode certificate = vault().certificate(entry);
        assertThat(certificate.get("status").asText()).isEqualTo("issued");
        assertThat(certificate.get("verification_url").asText()).isEqualTo(url);
        JsonNode credential = certificate.get("credential");
        assertThat(credential.get("name").asText()).isEqualTo("Diploma in Analytical Engines");
        assertThat(credential.at("/credentialSubject/fields/issue_date").asText()).isEqualTo(VaultClient.ISSUE_DATE);
        assertThat(credential.at("/evidence/0/digestSRI").asText()).isEqualTo(
                "sha256-" + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(VaultClient.sha256(pdf))));
        assertThat(NodeCredentialVerifier.verify(AsIssued.credential(credential).toString(),
                TestResources.publicContextsAnd(credential.at("/issuer/id").asText(),
                        anonymous().get("/.well-known/did.json").raw().body())))
                .isEqualTo(new NodeCredentialVerifier.Result(true, null));

        byte[] stamped = vault().pdf(entry);
        assertThat(PdfQrCodes.onPage(stamped, 0)).contains(url);
        try (PDDocument copy = Loader.loadPDF(stamped)) {
            assertThat(copy.getNumberOfPages()).as("stamped on its own page, which had room").isEqualTo(1);
            assertThat(new PDFTextStripper().getText(copy)).contains("Certificate of Achievement", "Ada Lovelace",
                    "The Registrar", url);
        }
        assertThat(anonymous().getBytes("/verify/" + entry.get("certificate_id").asText() + "/certificate.pdf").body())
                .as("the public download is the stamped copy too").isEqualTo(stamped);
    }

    @Test
    void aTemplateWithEmailDeliveryHasTheRecipientMailedTheStampedCopy() throws Exception {
        String email = email();
        JsonNode entry = vault().approved(vault().deposit(template(api(), true), CertificateFiles.pdf("Ada Mailed"),
                "diploma.pdf", "application/pdf", email, "Mailed Diploma").body().get("id").asText());

        MimeMessage sent = await().atMost(Duration.ofSeconds(30)).until(() -> Arrays.stream(
                OutsideSystems.mail().getReceivedMessages()).filter(m -> sentTo(m, email)).findFirst(),
                Optional::isPresent).get();

        assertThat(sent.getSubject()).isEqualTo("Your certificate: Mailed Diploma");
        MimeBodyPart pdf = (MimeBodyPart) ((MimeMultipart) sent.getContent()).getBodyPart(1);
        assertThat(pdf.getInputStream().readAllBytes()).isEqualTo(vault().pdf(entry));
    }

    private static boolean sentTo(MimeMessage message, String email) {
        try {
            return Arrays.stream(message.getAllRecipients())
                    .anyMatch(a -> ((InternetAddress) a).getAddress().equals(email));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aPngAndAJpegBecomePdfPagesWithTheStampUnderThePicture() throws Exception {
        String template = template(api(), false);
        for (Map.Entry<String, byte[]> image : Map.of("image/png", CertificateFiles.png("Grace Hopper"),
                "image/jpeg", CertificateFiles.jpeg("Grace Hopper")).entrySet()) {
            ApiClient.Response accepted = vault().deposit(template, image.getValue(), "diploma", image.getKey(),
                    email(), "Diploma of Compilers");
            assertThat(accepted.status()).as(accepted.body()::toString).isEqualTo(202);
            assertThat(accepted.body().at("/file/media_type").asText()).isEqualTo(image.getKey());
            JsonNode entry = vault().approved(accepted.body().get("id").asText());

            byte[] stamped = vault().pdf(entry);
            assertThat(PdfQrCodes.onPage(stamped, 0)).as(image.getKey()).contains(entry.get("verification_url").asText());
            try (PDDocument copy = Loader.loadPDF(stamped)) {
                assertThat(copy.getNumberOfPages()).isEqualTo(1);
                assertThat(copy.getPage(0).getResources().getXObjectNames()).as("the picture").isNotEmpty();
            }
            assertThat(vault().certificate(entry).at("/credential/evidence/0/digestSRI").asText())
                    .isEqualTo("sha256-" + Base64.getEncoder().encodeToString(
                            HexFormat.of().parseHex(VaultClient.sha256(image.getValue()))));
        }
    }

    @Test
    void aPdfWithNoRoomGetsAFirstPageWithTheQrCodeAndIsOtherwiseLeftAsItWas() throws Exception {
        byte[] full = CertificateFiles.fullPagePdf("Katherine Johnson");
        ApiClient.Response accepted = vault().deposit(template(api(), false), full, "full.pdf", "application/pdf",
                email(), "Orbital Mechanics");
        JsonNode entry = vault().approved(accepted.body().get("id").asText());

        byte[] stamped = vault().pdf(entry);
        assertThat(PdfQrCodes.onPage(stamped, 0)).contains(entry.get("verification_url").asText());
        try (PDDocument copy = Loader.loadPDF(stamped); PDDocument original = Loader.loadPDF(full)) {
            assertThat(copy.getNumberOfPages()).isEqualTo(2);
            PDFTextStripper firstPage = new PDFTextStripper();
            firstPage.setEndPage(1);
            assertThat(firstPage.getText(copy)).contains(entry.get("verification_url").asText(),
                    VaultClient.sha256(full));
            assertThat(copy.getPage(1).getAnnotations()).as("nothing added to the original page").isEmpty();
            assertThat(copy.getPage(1).getContents().readAllBytes())
                    .isEqualTo(original.getPage(0).getContents().readAllBytes());
        }
    }

    @Test
    void aFileIsToldByItsContentNotByItsNameOrDeclaredType() {
        String template = template(api(), false);
        ApiClient.Response fake = vault().deposit(template, "Certificate of Achievement, honest".getBytes(),
                "diploma.pdf", "application/pdf", email(), "Fake");

        assertThat(fake.status()).isEqualTo(422);
        assertThat(fake.contentType()).startsWith("application/problem+json");
        assertThat(fake.body().get("code").asText()).isEqualTo("unsupported_file");
        assertThat(fake.body().at("/errors/0/field").asText()).isEqualTo("file");

        ApiClient.Response misnamed = vault().deposit(template, CertificateFiles.png("Grace Hopper"), "diploma.pdf",
                "application/pdf", email(), "Misnamed");
        assertThat(misnamed.status()).isEqualTo(202);
        assertThat(misnamed.body().at("/file/media_type").asText()).isEqualTo("image/png");
    }

    @Test
    void aFileOver20MegabytesIsRefusedAndSoIsALargerBodyBeforeItIsRead() {
        byte[] oversize = new byte[20 * 1024 * 1024 + 1];
        System.arraycopy("%PDF-1.7\n".getBytes(), 0, oversize, 0, 9);
        ApiClient.Response refused = vault().deposit(template(api(), false), oversize, "big.pdf", "application/pdf",
                email(), "Big");

        assertThat(refused.status()).isEqualTo(413);
        assertThat(refused.body().get("code").asText()).isEqualTo("file_too_large");

        ApiClient.Response larger = vault().deposit(template(api(), false), new byte[23 * 1024 * 1024], "big.pdf",
                "application/pdf", email(), "Bigger");
        assertThat(larger.status()).isEqualTo(413);
        assertThat(larger.body().get("code").asText()).isEqualTo("payload_too_large");
    }

    @Test
    void aDuplicateIsRefusedWithTheEntryItDuplicates() {
        String template = template(api(), false);
        String email = email();
        String first = vault().deposit(template, CertificateFiles.pdf("Ada One"), "a.pdf", "application/pdf", email,
                "Diploma").body().get("id").asText();

        ApiClient.Response again = vault().deposit(template, CertificateFiles.pdf("Ada Two"), "b.pdf",
                "application/pdf", email.toUpperCase(), "Diploma");

        assertThat(again.status()).isEqualTo(422);
        assertThat(again.body().get("code").asText()).isEqualTo("duplicate_entry");
        assertThat(again.body().at("/existing/id").asText()).isEqualTo(first);
        assertThat(again.body().at("/existing/url").asText()).isEqualTo("/v1/vault/" + first);
        assertThat(again.body().at("/errors/0/field").asText()).isEqualTo("recipient_email");
        assertThat(vault().deposit(template, CertificateFiles.pdf("Ada Three"), "c.pdf", "application/pdf", email,
                "Another diploma").status()).as("another title is another certificate").isEqualTo(202);
    }

    @Test
    void anUploadRepeatedWithItsIdempotencyKeyIsAnsweredAsTheFirstTime() {
        String template = template(api(), false);
        String email = email();
        byte[] pdf = CertificateFiles.pdf("Ada Twice");
        Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());
        ApiClient.Response first = api().post("/v1/vault", form(template, pdf, email), key);
        ApiClient.Response replayed = api().post("/v1/vault", form(template, pdf, email), key);

        assertThat(first.status()).isEqualTo(202);
        assertThat(replayed.status()).isEqualTo(202);
        assertThat(replayed.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replayed.body().get("id")).isEqualTo(first.body().get("id"));
        assertThat(api().get("/v1/vault?recipient_email=" + email).body().get("data")).hasSize(1);

        Map<String, String> fileKey = Map.of("Idempotency-Key", UUID.randomUUID().toString());
        MultipartForm file = new MultipartForm().file("file", "d.pdf", "application/pdf", pdf);
        assertThat(api().post("/v1/vault/files", file, fileKey).body().get("file_id"))
                .isEqualTo(api().post("/v1/vault/files", file, fileKey).body().get("file_id"));
    }

    private static MultipartForm form(String template, byte[] pdf, String email) {
        return new MultipartForm().field("template_id", template).field("recipient_name", "Ada Lovelace")
                .field("recipient_email", email).field("title", "Diploma").field("issue_date", VaultClient.ISSUE_DATE)
                .file("file", "diploma.pdf", "application/pdf", pdf);
    }

    @Test
    void aSandboxEntryIsTheSandboxsOwn() {
        String template = template(api(), false);
        String email = email();
        VaultClient sandbox = new VaultClient(keyWith("test", "certificates:write", "certificates:read"));
        ApiClient.Response accepted = sandbox.deposit(template, CertificateFiles.pdf("Ada Sandbox"), "d.pdf",
                "application/pdf", email, "Diploma");

        JsonNode entry = sandbox.approved(accepted.body().get("id").asText());

        assertThat(entry.get("livemode").asBoolean()).isFalse();
        assertThat(sandbox.certificate(entry).get("livemode").asBoolean()).isFalse();
        assertThat(api().get("/v1/vault/" + entry.get("id").asText()).status()).isEqualTo(404);
        assertThat(vault().deposit(template, CertificateFiles.pdf("Ada Live"), "d.pdf", "application/pdf", email,
                "Diploma").status()).as("no duplicate of a sandbox entry").isEqualTo(202);
    }

    @Test
    void missingAndInvalidFieldsAreEachNamed() {
        ApiClient.Response refused = api().post("/v1/vault", new MultipartForm()
                .field("template_id", template(api(), false))
                .field("recipient_email", "not an address")
                .field("issue_date", "2999-01-01")
                .file("file", "a.pdf", "application/pdf", CertificateFiles.pdf("Nobody")));

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body().findValuesAsText("field")).containsExactly("recipient_name", "recipient_email",
                "title", "issue_date");
    }

    @Test
    void aPdfLockedWithAPasswordFailsSayingSo() {
        ApiClient.Response accepted = vault().deposit(template(api(), false),
                CertificateFiles.lockedPdf("Ada Locked", "secret"), "locked.pdf", "application/pdf", email(), "Locked");

        JsonNode entry = vault().processed(accepted.body().get("id").asText());

        assertThat(entry.get("status").asText()).isEqualTo("failed");
        assertThat(entry.get("failure_reason").asText()).contains("password");
        assertThat(entry.get("certificate_id").isNull()).isTrue();
    }
}
