package io.certbridge.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.certbridge.support.ApiClient;
import io.certbridge.support.CertificateFiles;
import io.certbridge.support.HubTestBase;
import io.certbridge.support.WebhookReceiver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Bulk: files uploaded first, then one batch of entries naming them, checked whole (each problem points at its
 * entry, nothing is stored), processed, and counted per status; a failed entry retried; outcomes announced to
 * customers' webhooks.
 */
class VaultBatchTest extends HubTestBase {

    @Autowired
    JdbcClient jdbc;

    private final WebhookReceiver receiver = new WebhookReceiver();

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    private VaultClient vault() {
        return new VaultClient(api());
    }

    private static Map<String, Object> entry(String fileId, String email, String title) {
        return Map.of("file_id", fileId, "recipient_name", "Learner", "recipient_email", email, "title", title,
                "issue_date", VaultClient.ISSUE_DATE);
    }

    @Test
    void aBatchWithBadEntriesIsRefusedWholeNamingThemAndOnceRightIsProcessed() {
        String template = VaultTest.template(api(), false);
        String run = UUID.randomUUID().toString();
        List<String> files = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            files.add(vault().upload(CertificateFiles.pdf("Learner " + i + " " + run)));
        }
        List<Object> entries = new ArrayList<>(List.of(
                entry(files.get(0), "first." + run + "@learners.test", "Diploma"),
                entry(files.get(1), "not an address", "Diploma"),
                entry("vfile_unknown", "third." + run + "@learners.test", "Diploma")));

        ApiClient.Response refused = api().post("/v1/vault/batches", Map.of("template_id", template,
                "entries", entries));

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body().get("code").asText()).isEqualTo("validation_failed");
        assertThat(refused.body().findValuesAsText("field"))
                .containsExactly("entries[1].recipient_email", "entries[2].file_id");
        assertThat(api().get("/v1/vault?recipient_email=first." + run + "@learners.test").body().get("data"))
                .as("nothing stored").isEmpty();

        entries.set(1, entry(files.get(1), "second." + run + "@learners.test", "Diploma"));
        entries.set(2, entry(files.get(2), "third." + run + "@learners.test", "Diploma"));
        ApiClient.Response accepted = api().post("/v1/vault/batches", Map.of("template_id", template,
                "entries", entries));

        assertThat(accepted.status()).as(accepted.body()::toString).isEqualTo(202);
        assertThat(accepted.body().get("total").asInt()).isEqualTo(3);
        String batch = accepted.body().get("id").asText();
        JsonNode done = await().atMost(Duration.ofSeconds(60)).until(
                () -> api().get("/v1/vault/batches/" + batch).body(), b -> b.get("status").asText().equals("completed"));
        assertThat(done.get("counts")).isEqualTo(ApiClient.json().valueToTree(
                Map.of("processing", 0, "approved", 3, "failed", 0)));
        JsonNode listed = api().get("/v1/vault?batch_id=" + batch).body().get("data");
        assertThat(listed.findValuesAsText("certificate_id")).hasSize(3).doesNotHaveDuplicates();
        String first = api().get("/v1/vault?recipient_email=first." + run + "@learners.test").body()
                .at("/data/0/id").asText();

        ApiClient.Response again = api().post("/v1/vault/batches", Map.of("template_id", template, "entries", List.of(
                entry(vault().upload(CertificateFiles.pdf("Again " + run)), "FIRST." + run + "@learners.test",
                        "Diploma"))));
        assertThat(again.status()).isEqualTo(422);
        assertThat(again.body().get("code").asText()).isEqualTo("duplicate_entry");
        assertThat(again.body().at("/errors/0/field").asText()).isEqualTo("entries[0]");
        assertThat(again.body().at("/errors/0/detail").asText())
                .contains("/v1/vault/" + first);
    }

    @Test
    void aFailedEntryIsRetriedAndThenHasItsOneCertificateAndEachOutcomeIsAnnounced() throws Exception {
        String endpoint = api().post("/v1/webhook-endpoints", Map.of("url", receiver.url(),
                "events", List.of("vault_entry.failed", "vault_entry.approved"))).body().get("id").asText();
        String template = VaultTest.template(api(), false);
        String email = "restored." + UUID.randomUUID() + "@learners.test";
        byte[] pdf = CertificateFiles.pdf("Restored Learner");
        String file = vault().upload(pdf);
        // the stored file is damaged, as a disk or a careless operator may
        jdbc.sql("update vault_files set content = ? where id = ?").params("damaged".getBytes(), file).update();
        String id = api().post("/v1/vault/batches", Map.of("template_id", template,
                "entries", List.of(entry(file, email, "Diploma")))).body().at("/id").asText();
        String entry = api().get("/v1/vault?batch_id=" + id).body().at("/data/0/id").asText();

        JsonNode failed = vault().processed(entry);
        assertThat(failed.get("status").asText()).isEqualTo("failed");
        assertThat(failed.get("failure_reason").asText()).contains("no longer has the SHA-256");
        assertThat(api().get("/v1/certificates?recipient_email=" + email).body().get("data")).isEmpty();

        jdbc.sql("update vault_files set content = ? where id = ?").params(pdf, file).update();
        ApiClient.Response retried = api().post("/v1/vault/" + entry + "/retry", null);

        assertThat(retried.status()).isEqualTo(202);
        assertThat(retried.body().get("status").asText()).isEqualTo("processing");
        JsonNode approved = vault().approved(entry);
        JsonNode certificates = api().get("/v1/certificates?recipient_email=" + email).body().get("data");
        assertThat(certificates).hasSize(1);
        assertThat(certificates.at("/0/id").asText()).isEqualTo(approved.get("certificate_id").asText());
        ApiClient.Response notFailed = api().post("/v1/vault/" + entry + "/retry", null);
        assertThat(notFailed.status()).isEqualTo(409);
        assertThat(notFailed.body().get("code").asText()).isEqualTo("entry_not_failed");

        List<JsonNode> announced = await().atMost(Duration.ofSeconds(30)).until(() -> eventsAbout(entry),
                events -> events.size() >= 2);
        assertThat(announced).extracting(e -> e.get("type").asText())
                .containsExactly("vault_entry.failed", "vault_entry.approved");
        assertThat(announced.get(0).at("/data/failure_reason").asText()).contains("no longer has the SHA-256");
        assertThat(announced.get(1).at("/data/certificate_id").asText())
                .isEqualTo(approved.get("certificate_id").asText());
        api().delete("/v1/webhook-endpoints/" + endpoint);
    }

    private List<JsonNode> eventsAbout(String entry) throws Exception {
        List<JsonNode> events = new ArrayList<>();
        for (WebhookReceiver.Received received : receiver.received()) {
            JsonNode event = ApiClient.json().readTree(received.body());
            if (entry.equals(event.at("/data/id").asText())) {
                events.add(event);
            }
        }
        return events;
    }
}
