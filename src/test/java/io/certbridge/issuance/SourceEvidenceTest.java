package io.certbridge.issuance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.certbridge.backbone.KafkaSettings;
import io.certbridge.support.ApiClient;
import io.certbridge.support.HubTestBase;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A request that came from an integration cites the source event's SHA-256 as evidence in its credential. */
class SourceEvidenceTest extends HubTestBase {

    @Autowired
    KafkaSettings kafka;

    @Test
    void theCredentialCarriesTheSourceEventsDigest() throws Exception {
        String sourceEvent = "{\"event_name\":\"course_completed\",\"course_id\":\"42\"}";
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(sourceEvent.getBytes(StandardCharsets.UTF_8));
        String email = "evidence-" + UUID.randomUUID() + "@example.org";
        String request = ApiClient.json().writeValueAsString(Map.of(
                "request_key", "canvas/" + UUID.randomUUID(),
                "environment", "live",
                "template_id", courseTemplate(),
                "recipient", Map.of("name", "Ada Lovelace", "email", email),
                "fields", Map.of("course", "Analytical Engines"),
                "source", Map.of("system", "Canvas", "type", "course_completed", "id", "evt-42",
                        "sha256", HexFormat.of().formatHex(digest))));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(kafka.topics().certificateRequests(), email, request)).get();
        }

        JsonNode certificate = awaitCertificateFor(email);
        JsonNode evidence = certificate.at("/credential/evidence/0");
        assertThat(evidence.get("digestSRI").asText()).isEqualTo("sha256-" + Base64.getEncoder().encodeToString(digest));
        assertThat(evidence.get("name").asText()).isEqualTo("Canvas course_completed event");
        assertThat(anonymous().get("/v1/verify/" + certificate.get("id").asText()).body().get("valid").asBoolean()).isTrue();
    }

    private JsonNode awaitCertificateFor(String email) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode page = api().get("/v1/certificates?recipient_email=" + email).body();
            if (!page.get("data").isEmpty()) {
                return page.get("data").get(0);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no certificate was issued for " + email);
    }
}
