package io.certbridge.issuance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.certbridge.backbone.KafkaSettings;
import io.certbridge.support.ApiClient;
import io.certbridge.support.HubTestBase;
import io.certbridge.support.KafkaTopicReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class BatchesTest extends HubTestBase {

    @Autowired
    KafkaSettings kafka;

    static List<Object> recipients(int count, int... invalidRows) {
        List<Object> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add(Map.of("name", "Learner " + i, "email", "learner" + i + "@example.org",
                    "fields", Map.of("course", "Batch course", "grade", i)));
        }
        for (int row : invalidRows) {
            rows.set(row, Map.of("name", "Learner " + row, "email", "no-address", "fields", Map.of("grade", "x")));
        }
        return rows;
    }

    static JsonNode awaitFinished(ApiClient api, String batchId) throws InterruptedException {
        return awaitFinished(api, batchId, Duration.ofSeconds(60));
    }

    static JsonNode awaitFinished(ApiClient api, String batchId, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode batch = api.get("/v1/batches/" + batchId).body();
            if (!batch.get("status").asText().equals("processing")) {
                return batch;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("Batch " + batchId + " did not finish");
    }

    @Test
    void validRowsAreIssuedAndInvalidRowsFailAlone() throws InterruptedException {
        String template = courseTemplate();
        ApiClient.Response accepted = api().post("/v1/certificates/batch",
                Map.of("template_id", template, "recipients", recipients(1000, 7, 500)));

        assertThat(accepted.status()).isEqualTo(202);
        assertThat(accepted.body().get("status").asText()).isEqualTo("processing");
        assertThat(accepted.body().get("total").asInt()).isEqualTo(1000);
        String batchId = accepted.body().get("id").asText();
        assertThat(batchId).startsWith("batch_");

        JsonNode batch = awaitFinished(api(), batchId);
        assertThat(batch.get("status").asText()).isEqualTo("completed_with_errors");
        assertThat(batch.get("completed").asInt()).isEqualTo(998);
        assertThat(batch.get("failed").asInt()).isEqualTo(2);
        assertThat(batch.get("errors")).extracting(e -> e.get("index").asInt()).containsExactly(7, 500);
        assertThat(batch.get("errors").get(0).get("detail").asText())
                .contains("recipients[7].email").contains("recipients[7].fields.course").contains("recipients[7].fields.grade");
        List<String> ids = new ArrayList<>();
        batch.get("certificate_ids").forEach(id -> ids.add(id.asText()));
        assertThat(new HashSet<>(ids)).hasSize(998);

        JsonNode one = api().get("/v1/certificates/" + ids.getFirst()).body();
        assertThat(one.get("batch_id").asText()).isEqualTo(batchId);
        assertThat(one.get("recipient").get("email").asText()).isEqualTo("learner0@example.org");

        List<JsonNode> completed = KafkaTopicReader.read(kafka.bootstrapServers(), kafka.topics().certificateEvents(),
                e -> e.get("type").asText().equals("batch.completed") && e.at("/data/id").asText().equals(batchId),
                1, Duration.ofSeconds(20));
        assertThat(completed).hasSize(1);
    }

    @Test
    void aBatchWithOnlyValidRowsCompletes() throws InterruptedException {
        String batchId = api().post("/v1/certificates/batch",
                Map.of("template_id", courseTemplate(), "recipients", recipients(3))).body().get("id").asText();

        JsonNode batch = awaitFinished(api(), batchId);
        assertThat(batch.get("status").asText()).isEqualTo("completed");
        assertThat(batch.get("completed").asInt()).isEqualTo(3);
        assertThat(batch.get("errors")).isEmpty();
        assertThat(batch.get("completed_at").isNull()).isFalse();
    }

    @Test
    void moreThanTenThousandRecipientsAreRefused() {
        ApiClient.Response response = api().post("/v1/certificates/batch",
                Map.of("template_id", courseTemplate(), "recipients", recipients(10_001)));

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.body().get("code").asText()).isEqualTo("too_many_recipients");
    }

    @Test
    void aBatchNeedsAKnownTemplateAndRecipients() {
        assertThat(api().post("/v1/certificates/batch", Map.of("template_id", "tmpl_nope", "recipients", recipients(1)))
                .body().get("code").asText()).isEqualTo("unknown_template");
        assertThat(api().post("/v1/certificates/batch", Map.of("template_id", courseTemplate(), "recipients", List.of()))
                .body().get("errors").get(0).get("field").asText()).isEqualTo("recipients");
    }

    @Test
    void aRetriedBatchSubmissionIsAcceptedOnce() throws InterruptedException {
        String template = courseTemplate();
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of("template_id", template, "recipients", recipients(5));

        String first = api().post("/v1/certificates/batch", body, Map.of("Idempotency-Key", key)).body().get("id").asText();
        String second = api().post("/v1/certificates/batch", body, Map.of("Idempotency-Key", key)).body().get("id").asText();

        assertThat(second).isEqualTo(first);
        awaitFinished(api(), first);
        assertThat(api().get("/v1/certificates?limit=100&template_id=" + template).body().get("data")).hasSize(5);
    }

    @Test
    void anOversizedRowFailsAloneAtOnce() throws InterruptedException {
        List<Object> rows = recipients(3);
        rows.set(1, Map.of("name", "Big", "email", "big@example.org", "fields", Map.of("course", "x".repeat(200_000))));

        String batchId = api().post("/v1/certificates/batch",
                Map.of("template_id", courseTemplate(), "recipients", rows)).body().get("id").asText();

        JsonNode batch = awaitFinished(api(), batchId);
        assertThat(batch.get("completed").asInt()).isEqualTo(2);
        assertThat(batch.get("errors")).extracting(e -> e.get("index").asInt()).containsExactly(1);
    }
}
