package io.certbridge.vault;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.certbridge.support.ApiClient;
import io.certbridge.support.CertificateFiles;
import io.certbridge.support.HubTestBase;
import io.certbridge.support.MultipartForm;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Anyone holding a file can check it against the original of a vault certificate, with no API key: on the public
 * verification page, which shows the original's SHA-256, and through POST /v1/verify/{id}/file.
 */
class OriginalFileCheckTest extends HubTestBase {

    @Test
    void theOriginalMatchesAndAnyOtherFileDoesNot() {
        byte[] original = CertificateFiles.pdf("Hedy Lamarr");
        VaultClient vault = new VaultClient(api());
        JsonNode entry = vault.approved(vault.deposit(VaultTest.template(api(), false), original, "diploma.pdf",
                "application/pdf", "hedy." + UUID.randomUUID() + "@learners.test", "Frequency Hopping")
                .body().get("id").asText());
        String certificate = entry.get("certificate_id").asText();
        String sha256 = VaultClient.sha256(original);

        JsonNode match = anonymous().post("/v1/verify/" + certificate + "/file",
                new MultipartForm().file("file", "mine.pdf", "application/pdf", original)).body();
        JsonNode mismatch = anonymous().post("/v1/verify/" + certificate + "/file", new MultipartForm()
                .file("file", "mine.pdf", "application/pdf", CertificateFiles.pdf("Hedy Lamar"))).body();
        JsonNode byHash = anonymous().post("/v1/verify/" + certificate + "/file",
                Map.of("sha256", sha256.toUpperCase())).body();

        assertThat(match.get("match").asBoolean()).isTrue();
        assertThat(match.get("sha256").asText()).isEqualTo(sha256);
        assertThat(match.at("/original/sha256").asText()).isEqualTo(sha256);
        assertThat(mismatch.get("match").asBoolean()).isFalse();
        assertThat(mismatch.get("sha256").asText()).isNotEqualTo(sha256);
        assertThat(byHash.get("match").asBoolean()).isTrue();
        assertThat(vault.processed(entry.get("id").asText()).get("status").asText()).isEqualTo("approved");
        assertThat(anonymous().post("/v1/verify/" + certificate + "/file", Map.of("sha256", "abc")).status())
                .isEqualTo(422);
        JsonNode plainCertificate = api().post("/v1/certificates", certificate(courseTemplate(), "x@example.org")).body();
        assertThat(anonymous().post("/v1/verify/" + plainCertificate.get("id").asText() + "/file",
                Map.of("sha256", sha256)).status()).as("a certificate not made from a file").isEqualTo(404);
    }

    @Test
    void theVerificationPageShowsTheOriginalsHashAndChecksAFilePosted() {
        byte[] original = CertificateFiles.jpeg("Hedy Lamarr");
        VaultClient vault = new VaultClient(api());
        JsonNode entry = vault.approved(vault.deposit(VaultTest.template(api(), false), original, "diploma.jpg",
                "image/jpeg", "hedy." + UUID.randomUUID() + "@learners.test", "Frequency Hopping")
                .body().get("id").asText());
        String page = "/verify/" + entry.get("certificate_id").asText();

        ApiClient.Response shown = anonymous().get(page);
        ApiClient.Response matching = anonymous().post(page + "/file",
                new MultipartForm().file("file", "diploma.jpg", "image/jpeg", original));
        ApiClient.Response other = anonymous().post(page + "/file",
                new MultipartForm().file("file", "diploma.jpg", "image/jpeg", CertificateFiles.png("Someone")));

        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.raw().body()).contains(VaultClient.sha256(original), "Frequency Hopping",
                "action=\"" + page + "/file\"", "30 June 2025");
        assertThat(shown.header("Content-Security-Policy")).contains("form-action 'self'");
        assertThat(matching.raw().body()).contains("id=\"file-check\" data-match=\"true\"");
        assertThat(other.raw().body()).contains("id=\"file-check\" data-match=\"false\"");
    }
}
