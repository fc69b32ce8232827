package io.certbridge.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.certbridge.support.ApiClient;
import io.certbridge.support.CertificateFiles;
import io.certbridge.support.HubProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub is killed with SIGKILL in the middle of a bulk upload of a few hundred certificates and started again:
 * every entry ends approved, each with exactly one certificate, whose credential cites its own file.
 */
class VaultSurvivesKillTest {

    private static final int ENTRIES = 300;

    @TempDir
    Path work;

    private HubProcess start() {
        // an entry the killed hub held is taken again 5 s after its claim, well past the time it takes
        return HubProcess.start(work.resolve("data"), Path.of("target", "vault-kill-hub.log"),
                "certbridge.vault.lease=5s");
    }

    @Test
    void killedInTheMiddleOfABulkUploadTheHubApprovesEveryEntryWithOneCertificate() throws Exception {
        String batch;
        String template;
        Map<String, String> sha256ByFile = new HashMap<>();
        try (HubProcess hub = start()) {
            ApiClient api = hub.api();
            template = VaultTest.template(api, false);
            VaultClient vault = new VaultClient(api);
            List<Object> entries = new ArrayList<>();
            for (int i = 0; i < ENTRIES; i++) {
                byte[] pdf = CertificateFiles.pdf("Learner " + i);
                String file = vault.upload(pdf);
                sha256ByFile.put(file, VaultClient.sha256(pdf));
                entries.add(Map.of("file_id", file, "recipient_name", "Learner " + i,
                        "recipient_email", "learner" + i + "@learners.test", "title", "Diploma",
                        "issue_date", VaultClient.ISSUE_DATE));
            }
            ApiClient.Response accepted = api.post("/v1/vault/batches", Map.of("template_id", template,
                    "entries", entries));
            assertThat(accepted.status()).isEqualTo(202);
            batch = accepted.body().get("id").asText();
            int approvedBeforeKill = await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(50))
                    .until(() -> approved(api, batch), approved -> approved >= 20);
            hub.kill();
            assertThat(approvedBeforeKill).as("killed in the middle of the batch").isLessThan(ENTRIES / 2);
        }

        try (HubProcess hub = start()) {
            ApiClient api = hub.api();
            JsonNode done = await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofMillis(500))
                    .until(() -> api.get("/v1/vault/batches/" + batch).body(),
                            b -> b.get("status").asText().equals("completed"));
            assertThat(done.get("counts")).isEqualTo(ApiClient.json().valueToTree(
                    Map.of("processing", 0, "approved", ENTRIES, "failed", 0)));

            Map<String, String> fileByCertificate = new HashMap<>();
            for (JsonNode entry : all(api, "/v1/vault?batch_id=" + batch)) {
                assertThat(fileByCertificate.put(entry.get("certificate_id").asText(),
                        entry.at("/file/id").asText())).as("one certificate per entry").isNull();
            }
            List<JsonNode> certificates = all(api, "/v1/certificates?template_id=" + template);
            assertThat(certificates).hasSize(ENTRIES);
            for (JsonNode certificate : certificates) {
                String file = fileByCertificate.get(certificate.get("id").asText());
                assertThat(file).as("the certificate of an entry").isNotNull();
                assertThat(certificate.at("/credential/evidence/0/digestSRI").asText()).isEqualTo("sha256-"
                        + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(sha256ByFile.get(file))));
            }
        }
    }

    private static int approved(ApiClient api, String batch) {
        return api.get("/v1/vault/batches/" + batch).body().at("/counts/approved").asInt();
    }

    /** Every item of a listing, page after page. */
    private static List<JsonNode> all(ApiClient api, String path) {
        List<JsonNode> items = new ArrayList<>();
        String after = null;
        do {
            JsonNode page = api.get(path + "&limit=100" + (after == null ? "" : "&starting_after=" + after)).body();
            page.get("data").forEach(items::add);
            after = page.get("has_more").asBoolean() ? page.get("next_cursor").asText() : null;
        } while (after != null);
        return items;
    }
}
