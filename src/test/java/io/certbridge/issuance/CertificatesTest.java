package io.certbridge.issuance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.certbridge.backbone.KafkaSettings;
import io.certbridge.support.ApiClient;
import io.certbridge.support.HubTestBase;
import io.certbridge.support.KafkaTopicReader;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class CertificatesTest extends HubTestBase {

    @Autowired
    KafkaSettings kafka;

    @Test
    void aCertificateIsIssuedReturnedAndAnnouncedOnKafka() {
        String template = courseTemplate();
        String email = UUID.randomUUID() + "@example.org";

        ApiClient.Response created = api().post("/v1/certificates", certificate(template, email));

        assertThat(created.status()).isEqualTo(201);
        JsonNode cert = created.body();
        String id = cert.get("id").asText();
        assertThat(id).startsWith("cert_");
        assertThat(cert.get("status").asText()).isEqualTo("issued");
        assertThat(cert.get("template_id").asText()).isEqualTo(template);
        assertThat(cert.get("recipient").get("email").asText()).isEqualTo(email);
        assertThat(cert.get("fields").get("grade").asDouble()).isEqualTo(97.5);
        assertThat(cert.get("verification_url").asText()).endsWith("/verify/" + id);
        assertThat(cert.get("livemode").asBoolean()).isTrue();
        assertThat(Instant.parse(cert.get("issued_at").asText())).isBefore(Instant.now().plusSeconds(1));

        JsonNode got = api().get("/v1/certificates/" + id).body();
        assertThat(got.at("/analytics/views").asLong()).isZero();
        assertThat((JsonNode) ((ObjectNode) got).without("analytics")).isEqualTo(cert);

        List<JsonNode> events = KafkaTopicReader.read(kafka.bootstrapServers(), kafka.topics().certificateEvents(),
                e -> e.at("/data/id").asText().equals(id), 1, Duration.ofSeconds(20));
        assertThat(events).hasSize(1);
        assertThat(events.getFirst().get("type").asText()).isEqualTo("certificate.issued");
        assertThat(events.getFirst().get("id").asText()).startsWith("evt_");
        assertThat(events.getFirst().get("data").get("recipient").get("email").asText()).isEqualTo(email);
    }

    @Test
    void theTemplateValidityGivesTheExpiry() {
        ApiClient.Response template = api().post("/v1/templates", Map.of("name", "Yearly", "fields", List.of(),
                "valid_for_days", 365));
        ApiClient.Response created = api().post("/v1/certificates", Map.of(
                "template_id", template.body().get("id").asText(),
                "recipient", Map.of("name", "Grace Hopper", "email", "grace@example.org")));

        Instant issued = Instant.parse(created.body().get("issued_at").asText());
        assertThat(Instant.parse(created.body().get("expires_at").asText())).isEqualTo(issued.plus(Duration.ofDays(365)));
    }

    @Test
    void aCertificatePastItsExpiryIsExpired() throws InterruptedException {
        String template = courseTemplate();
        Map<String, Object> body = new HashMap<>(certificate(template, "soon@example.org"));
        body.put("expires_at", Instant.now().plusSeconds(2).toString());
        String id = api().post("/v1/certificates", body).body().get("id").asText();
        assertThat(api().get("/v1/certificates/" + id).body().get("status").asText()).isEqualTo("issued");

        Thread.sleep(2_500);

        assertThat(api().get("/v1/certificates/" + id).body().get("status").asText()).isEqualTo("expired");
        assertThat(api().get("/v1/certificates?status=expired&template_id=" + template).body().get("data"))
                .extracting(c -> c.get("id").asText()).containsExactly(id);
        assertThat(api().get("/v1/certificates?status=issued&template_id=" + template).body().get("data")).isEmpty();
    }

    @Test
    void suspensionCanBeLiftedButRevocationIsFinal() {
        String id = api().post("/v1/certificates", certificate(courseTemplate(), "lin@example.org")).body().get("id").asText();

        ApiClient.Response suspended = api().patch("/v1/certificates/" + id, Map.of("status", "suspended"));
        assertThat(suspended.status()).isEqualTo(200);
        assertThat(suspended.body().get("status").asText()).isEqualTo("suspended");
        assertThat(api().patch("/v1/certificates/" + id, Map.of("status", "issued")).body().get("status").asText())
                .isEqualTo("issued");

        ApiClient.Response revoked = api().post("/v1/certificates/" + id + "/revoke", Map.of("reason", "issued in error"));
        assertThat(revoked.status()).isEqualTo(200);
        assertThat(revoked.body().get("status").asText()).isEqualTo("revoked");
        assertThat(revoked.body().get("revocation_reason").asText()).isEqualTo("issued in error");
        assertThat(revoked.body().get("revoked_at").isNull()).isFalse();

        ApiClient.Response back = api().patch("/v1/certificates/" + id, Map.of("status", "issued"));
        assertThat(back.status()).isEqualTo(409);
        assertThat(back.body().get("code").asText()).isEqualTo("certificate_revoked");
        assertThat(api().post("/v1/certificates/" + id + "/revoke", Map.of()).status()).isEqualTo(409);
        assertThat(api().get("/v1/certificates/" + id).body().get("status").asText()).isEqualTo("revoked");

        List<JsonNode> events = KafkaTopicReader.read(kafka.bootstrapServers(), kafka.topics().certificateEvents(),
                e -> e.at("/data/id").asText().equals(id), 4, Duration.ofSeconds(20));
        assertThat(events).extracting(e -> e.get("type").asText())
                .containsExactly("certificate.issued", "certificate.updated", "certificate.updated", "certificate.revoked");
    }

    @Test
    void revocationNeedsItsOwnScope() {
        String id = api().post("/v1/certificates", certificate(courseTemplate(), "kim@example.org")).body().get("id").asText();
        ApiClient writer = keyWith("live", "certificates:write", "certificates:read");

        assertThat(writer.post("/v1/certificates/" + id + "/revoke", Map.of()).status()).isEqualTo(403);
        assertThat(writer.patch("/v1/certificates/" + id, Map.of("status", "suspended")).status()).isEqualTo(200);
    }

    @Test
    void listsFilterAndPage() {
        String template = courseTemplate();
        String email = UUID.randomUUID() + "@example.org";
        for (int i = 0; i < 5; i++) {
            api().post("/v1/certificates", certificate(template, i < 3 ? email : "other-" + i + "@example.org"));
        }

        ApiClient.Response byEmail = api().get("/v1/certificates?recipient_email=" + email.toUpperCase());
        assertThat(byEmail.body().get("data")).hasSize(3);
        assertThat(byEmail.body().get("has_more").asBoolean()).isFalse();

        ApiClient.Response first = api().get("/v1/certificates?template_id=" + template + "&limit=2");
        assertThat(first.body().get("data")).hasSize(2);
        assertThat(first.body().get("has_more").asBoolean()).isTrue();
        String cursor = first.body().get("next_cursor").asText();
        ApiClient.Response second = api().get("/v1/certificates?template_id=" + template + "&limit=2&starting_after=" + cursor);
        ApiClient.Response third = api().get("/v1/certificates?template_id=" + template + "&limit=2&starting_after="
                + second.body().get("next_cursor").asText());
        assertThat(third.body().get("data")).hasSize(1);
        assertThat(third.body().get("has_more").asBoolean()).isFalse();
        assertThat(third.body().get("next_cursor").isNull()).isTrue();

        assertThat(api().get("/v1/certificates?limit=0").status()).isEqualTo(400);
        assertThat(api().get("/v1/certificates?limit=abc").status()).isEqualTo(400);
        assertThat(api().get("/v1/certificates?status=lost").body().get("code").asText()).isEqualTo("invalid_parameter");
    }

    @Test
    void sandboxAndLiveCertificatesDoNotSeeEachOther() {
        String template = courseTemplate();
        ApiClient sandbox = keyWith("test", "certificates:write", "certificates:read");
        ApiClient.Response test = sandbox.post("/v1/certificates", certificate(template, "sandbox@example.org"));
        assertThat(test.status()).isEqualTo(201);
        assertThat(test.body().get("livemode").asBoolean()).isFalse();
        String live = api().post("/v1/certificates", certificate(template, "live@example.org")).body().get("id").asText();

        assertThat(sandbox.get("/v1/certificates/" + live).status()).isEqualTo(404);
        assertThat(api().get("/v1/certificates/" + test.body().get("id").asText()).status()).isEqualTo(404);
        assertThat(sandbox.get("/v1/certificates?template_id=" + template).body().get("data"))
                .extracting(c -> c.get("id").asText()).containsExactly(test.body().get("id").asText());
    }

    @Test
    void theSameIdempotencyKeyReturnsTheFirstCertificate() {
        String template = courseTemplate();
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = certificate(template, "once@example.org");

        ApiClient.Response first = api().post("/v1/certificates", body, Map.of("Idempotency-Key", key));
        ApiClient.Response again = api().post("/v1/certificates", body, Map.of("Idempotency-Key", key));

        assertThat(again.status()).isEqualTo(201);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(api().get("/v1/certificates?template_id=" + template).body().get("data")).hasSize(1);

        ApiClient.Response other = api().post("/v1/certificates", certificate(template, "else@example.org"),
                Map.of("Idempotency-Key", key));
        assertThat(other.status()).isEqualTo(422);
        assertThat(other.body().get("code").asText()).isEqualTo("idempotency_key_reused");
    }

    @Test
    void concurrentRetriesWithOneIdempotencyKeyCreateOneCertificate() throws Exception {
        String template = courseTemplate();
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = certificate(template, "race@example.org");
        try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            java.util.concurrent.Callable<ApiClient.Response> create =
                    () -> api().post("/v1/certificates", body, Map.of("Idempotency-Key", key));
            var responses = pool.invokeAll(java.util.Collections.nCopies(8, create));
            for (var response : responses) {
                assertThat(response.get().status()).isEqualTo(201);
            }
        }
        assertThat(api().get("/v1/certificates?template_id=" + template).body().get("data")).hasSize(1);
    }
}
