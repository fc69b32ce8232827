package io.certbridge.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.certbridge.support.ApiClient;
import io.certbridge.support.MultipartForm;
import java.time.Duration;
import java.util.HexFormat;
import io.certbridge.shared.Sha256;

/** The vault's API as an institution's script calls it. */
record VaultClient(ApiClient api) {

    static final String ISSUE_DATE = "2025-06-30";

    ApiClient.Response deposit(String template, byte[] file, String fileName, String contentType, String email,
                               String title) {
        return api.post("/v1/vault", new MultipartForm()
                .field("template_id", template)
                .field("recipient_name", "Ada Lovelace")
                .field("recipient_email", email)
                .field("title", title)
                .field("issue_date", ISSUE_DATE)
                .file("file", fileName, contentType, file));
    }

    /** Uploads a PDF for a later batch; returns its file_id. */
    String upload(byte[] pdf) {
        ApiClient.Response uploaded = api.post("/v1/vault/files",
                new MultipartForm().file("file", "certificate.pdf", "application/pdf", pdf));
        assertThat(uploaded.status()).as(() -> String.valueOf(uploaded.body())).isEqualTo(201);
        assertThat(uploaded.body().get("sha256").asText()).isEqualTo(sha256(pdf));
        return uploaded.body().get("file_id").asText();
    }

    /** The entry once it is no longer processing. */
    JsonNode processed(String entryId) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> api.get("/v1/vault/" + entryId).body(),
                        entry -> !entry.get("status").asText().equals("processing"));
    }

    JsonNode approved(String entryId) {
        JsonNode entry = processed(entryId);
        assertThat(entry.get("status").asText()).as(entry::toString).isEqualTo("approved");
        return entry;
    }

    /** The approved entry's certificate, as GET /v1/certificates/{id} shows it. */
    JsonNode certificate(JsonNode entry) {
        return api.get("/v1/certificates/" + entry.get("certificate_id").asText()).body();
    }

    /** The approved entry's certificate's PDF: the stamped copy. */
    byte[] pdf(JsonNode entry) {
        var pdf = api.getBytes("/v1/certificates/" + entry.get("certificate_id").asText() + "/pdf");
        assertThat(pdf.statusCode()).isEqualTo(200);
        return pdf.body();
    }

    static String sha256(byte[] file) {
        return HexFormat.of().formatHex(Sha256.of(file));
    }
}
