package io.certbridge.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.certbridge.CertbridgeApplication;
import io.certbridge.credential.SigningKeys;
import io.certbridge.backbone.KafkaSettings;
import io.certbridge.support.ApiClient;
import io.certbridge.support.HubTest;
import io.certbridge.support.KafkaTopicReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The hub's embedded default keeps everything under its data directory, and gives way to configured servers. */
class EmbeddedDefaultTest {

    @TempDir
    Path work;

    private static ConfigurableApplicationContext startHub(String... args) {
        return new SpringApplicationBuilder(CertbridgeApplication.class).run(args);
    }

    private static ApiClient api(ConfigurableApplicationContext hub) {
        return new ApiClient("http://127.0.0.1:" + hub.getEnvironment().getProperty("local.server.port"),
                HubTest.BOOTSTRAP_KEY);
    }

    @Test
    void everythingIsStillThereAfterARestart() {
        Path data = work.resolve("data");
        String[] args = {"--server.port=0", "--certbridge.data-dir=" + data,
                "--certbridge.bootstrap-api-key=" + HubTest.BOOTSTRAP_KEY};
        JsonNode issued;
        String sandboxKey;
        try (ConfigurableApplicationContext hub = startHub(args)) {
            ApiClient api = api(hub);
            String template = api.post("/v1/templates", Map.of("name", "Persistence",
                    "fields", List.of(Map.of("name", "course", "type", "string", "required", true)))).body().get("id").asText();
            issued = api.post("/v1/certificates", Map.of("template_id", template,
                    "recipient", Map.of("name", "Ada", "email", "ada@example.org"),
                    "fields", Map.of("course", "Persistence"))).body();
            sandboxKey = api.post("/v1/api-keys", Map.of("name", "kept", "scopes", List.of("certificates:read"),
                    "environment", "test")).body().get("key").asText();
        }
        assertThat(data.resolve("postgres")).isDirectory();
        assertThat(data.resolve("kafka")).isDirectory();

        try (ConfigurableApplicationContext hub = startHub(args)) {
            ApiClient api = api(hub);
            JsonNode kept = api.get("/v1/certificates/" + issued.get("id").asText()).body();
            assertThat(kept.at("/analytics/views").isNumber()).isTrue();
            assertThat((JsonNode) ((ObjectNode) kept).without("analytics")).isEqualTo(issued);
            assertThat(api.withKey(sandboxKey).get("/v1/certificates").status()).isEqualTo(200);

            KafkaSettings kafka = hub.getBean(KafkaSettings.class);
            List<JsonNode> events = KafkaTopicReader.read(kafka.bootstrapServers(), kafka.topics().certificateEvents(),
                    e -> e.at("/data/id").asText().equals(issued.get("id").asText()), 1, Duration.ofSeconds(20));
            assertThat(events).extracting(e -> e.get("type").asText()).containsExactly("certificate.issued");
        }
    }

    @Test
    void nothingEmbeddedStartsWhenADatabaseAndKafkaAreConfigured() throws Exception {
        Path hubData = Files.createDirectories(work.resolve("hub-data"));
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(work.resolve("external-postgres"), 0);
             EmbeddedKafka kafka = EmbeddedKafka.start(work.resolve("external-kafka"), 0);
             ConfigurableApplicationContext hub = startHub("--server.port=0", "--certbridge.data-dir=" + hubData,
                     "--certbridge.bootstrap-api-key=" + HubTest.BOOTSTRAP_KEY,
                     "--spring.datasource.url=" + postgres.jdbcUrl(),
                     "--spring.datasource.username=" + postgres.username(),
                     "--certbridge.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                     "--certbridge.credentials.signing-key=" + SigningKeys.encodeSecret(new byte[32]))) {

            assertThat(hub.containsBean("embeddedPostgres")).isFalse();
            assertThat(hub.containsBean("embeddedKafka")).isFalse();
            try (var files = Files.list(hubData)) {
                assertThat(files).isEmpty();
            }
            ApiClient api = api(hub);
            String template = api.post("/v1/templates", Map.of("name", "External", "fields", List.of()))
                    .body().get("id").asText();
            String id = api.post("/v1/certificates", Map.of("template_id", template,
                    "recipient", Map.of("name", "Ada", "email", "ada@example.org"))).body().get("id").asText();
            List<JsonNode> events = KafkaTopicReader.read(kafka.bootstrapServers(), "certbridge.certificate-events",
                    e -> e.at("/data/id").asText().equals(id), 1, Duration.ofSeconds(20));
            assertThat(events).hasSize(1);
        }
    }
}
