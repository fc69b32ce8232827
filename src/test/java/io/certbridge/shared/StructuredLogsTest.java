package io.certbridge.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.certbridge.support.ApiClient;
import io.certbridge.support.FreePort;
import io.certbridge.support.HubProcess;
import io.certbridge.support.SampleCertificates;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * With logging.structured.format.console=ecs the hub writes its log as JSON, one object a line (Elastic Common
 * Schema), for a log shipper to read: from start-up on, and a retried failure as one record of level WARN without a
 * stack trace. The hub runs in a JVM of its own, as the setting configures logging for the whole process.
 */
class StructuredLogsTest {

    @Test
    void theLogIsOneJsonObjectALine() throws Exception {
        Path work = Files.createTempDirectory("structured-logs");
        Path log = work.resolve("hub.log");
        try (HubProcess hub = HubProcess.start(work.resolve("data"), log, "logging.structured.format.console=ecs",
                "certbridge.webhooks.allow-http=true", "certbridge.webhooks.allowed-networks[0]=127.0.0.1/32",
                "certbridge.deliveries.connectors.customer-webhook-sink.retry.schedule=1s,1s",
                "certbridge.deliveries.poll-interval-ms=50")) {
            ApiClient.Response endpoint = hub.api().post("/v1/webhook-endpoints", Map.of(
                    "url", "http://127.0.0.1:" + FreePort.closed() + "/hook", "events", List.of("certificate.issued")));
            assertThat(endpoint.status()).as(endpoint.body().toString()).isEqualTo(201);
            String endpointId = endpoint.body().get("id").asText();
            SampleCertificates.issue(hub.api(), 1);

            JsonNode retried = await().atMost(Duration.ofSeconds(30)).until(() -> records(log).stream()
                    .filter(r -> r.path("message").asText().contains(endpointId)).findFirst(), Optional::isPresent)
                    .orElseThrow();

            assertThat(level(retried)).isEqualTo("WARN");
            assertThat(retried.path("message").asText()).contains("connection refused", "next attempt at");
            assertThat(retried.toString()).doesNotContain("stack_trace");
            List<String> logLines = Files.readAllLines(log).stream()
                    .filter(line -> line.matches("^\\d{4}-\\d\\d-\\d\\dT.*\\b(INFO|WARN|ERROR)\\b.*")
                            || line.startsWith("{")).toList();
            assertThat(logLines).as("every log line, start-up included, is a JSON object").hasSizeGreaterThan(20)
                    .allSatisfy(line -> assertThat(line).startsWith("{\"@timestamp\":"));
            assertThat(records(log)).allSatisfy(record -> assertThat(level(record)).isNotBlank());
        }
    }

    private static String level(JsonNode record) {
        return record.has("log.level") ? record.get("log.level").asText() : record.at("/log/level").asText();
    }

    private static List<JsonNode> records(Path log) {
        try {
            return Files.readAllLines(log).stream().filter(line -> line.startsWith("{")).map(StructuredLogsTest::parse)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode parse(String line) {
        try {
            return ApiClient.json().readTree(line);
        } catch (JsonProcessingException e) {
            throw new AssertionError("Not a JSON object: " + line, e);
        }
    }
}
