package io.certbridge.issuance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.certbridge.support.ApiClient;
import io.certbridge.support.HubProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A batch survives kill -9 of the hub mid-way: after restart it finishes with no row lost and none issued twice. */
class BatchSurvivesKillTest {

    @TempDir
    Path work;

    @Test
    void aBatchInterruptedByKillMinus9FinishesExactlyOnceAfterRestart() throws Exception {
        Path data = work.resolve("data");
        Path log = Path.of("target", "batch-kill-hub.log");
        // small polls make the batch take long enough to be caught mid-way
        String smallPolls = "certbridge.kafka.issuance-max-poll-records=50";
        String batchId;
        int issuedAtKill;
        try (HubProcess hub = HubProcess.start(data, log, smallPolls)) {
            ApiClient api = hub.api();
            String template = api.post("/v1/templates", Map.of("name", "Kill test",
                    "fields", List.of(Map.of("name", "course", "type", "string", "required", true),
                            Map.of("name", "grade", "type", "number", "required", false))))
                    .body().get("id").asText();
            List<Object> rows = BatchesTest.recipients(10_000, 3, 4_999, 9_998);
            batchId = api.post("/v1/certificates/batch", Map.of("template_id", template, "recipients", rows))
                    .body().get("id").asText();

            JsonNode progress;
            do {
                Thread.sleep(20);
                progress = api.get("/v1/batches/" + batchId).body();
            } while (progress.get("completed").asInt() < 100 && progress.get("status").asText().equals("processing"));
            hub.kill();
            issuedAtKill = progress.get("completed").asInt();
        }
        assertThat(issuedAtKill).as("the hub must be killed mid-batch").isLessThan(9_997);

        try (HubProcess restarted = HubProcess.start(data, log, smallPolls)) {
            // Kafka hands the killed hub's partitions on once its session times out (45 s), then the rest issues
            JsonNode batch = BatchesTest.awaitFinished(restarted.api(), batchId, Duration.ofSeconds(180));

            assertThat(batch.get("status").asText()).isEqualTo("completed_with_errors");
            assertThat(batch.get("total").asInt()).isEqualTo(10_000);
            assertThat(batch.get("completed").asInt()).isEqualTo(9_997);
            assertThat(batch.get("failed").asInt()).isEqualTo(3);
            assertThat(batch.get("errors")).extracting(e -> e.get("index").asInt()).containsExactly(3, 4_999, 9_998);
            Set<String> ids = new HashSet<>();
            batch.get("certificate_ids").forEach(id -> ids.add(id.asText()));
            assertThat(ids).hasSize(9_997);
        }
    }
}
