package io.certbridge.issuers.trueapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.certbridge.backbone.KafkaSettings;
import io.certbridge.emulator.CanvasEmulator;
import io.certbridge.emulator.trueapi.Certificate;
import io.certbridge.emulator.trueapi.TrueEmulator;
import io.certbridge.intake.LmsPayloads;
import io.certbridge.issuers.HexHmac;
import io.certbridge.support.ApiClient;
import io.certbridge.support.HubTestBase;
import io.certbridge.support.KafkaTopicReader;
import io.certbridge.support.OutsideIssuers;
import io.certbridge.support.OutsideSystems;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Certificates issued through TRUE (the emulated account trueoriginal): from Canvas completions to TRUE and back into
 * Canvas with TRUE's verification address, through an outage of TRUE; a refused template; status changes and
 * revocations forwarded, and TRUE's webhooks (signed; a revocation made in TRUE's dashboard) acted on.
 */
class TrueIssuerTest extends HubTestBase {

    private static final String NAMESPACE = "com.example.certbridge.true";

    private final TrueEmulator trueApi = OutsideIssuers.trueOriginal();
    private final CanvasEmulator canvas = OutsideSystems.canvas();

    @Autowired
    KafkaSettings kafka;

    @BeforeEach
    void webhooksToTheHub() {
        trueApi.sendWebhooksTo("http://127.0.0.1:" + port + "/hooks/issuers/" + OutsideIssuers.TRUE,
                OutsideIssuers.TRUE_WEBHOOK_SECRET);
    }

    static String id() {
        return String.valueOf(ThreadLocalRandom.current().nextLong(100_000, 999_999_999));
    }

    /** A template issued by TRUE's template {@code externalTemplate}, with TRUE's required field course_name. */
    String trueTemplate(String externalTemplate) {
        ApiClient.Response created = api().post("/v1/templates", Map.of(
                "name", "Issued by TRUE " + UUID.randomUUID(),
                "fields", List.of(Map.of("name", "course_name", "type", "string", "required", true)),
                "issuer", OutsideIssuers.TRUE, "external_template_id", externalTemplate));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        return created.body().get("id").asText();
    }

    String issue(String template, String email) {
        ApiClient.Response created = api().post("/v1/certificates", Map.of("template_id", template,
                "recipient", Map.of("name", "Maria Andersson", "email", email),
                "fields", Map.of("course_name", "Advanced Project Management")));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        return created.body().get("id").asText();
    }

    JsonNode awaitStatus(String id, String status) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> api().get("/v1/certificates/" + id).body(),
                c -> c.get("status").asText().equals(status));
    }

    Certificate atTrue(String id) {
        return trueApi.certificates().stream().filter(c -> id.equals(c.field("certbridge_id"))).findFirst()
                .orElseThrow();
    }

    @Test
    void canvasCompletionsAreIssuedByTrueOnceEachThroughAnOutageAndTrueAddressIsWrittenBackToCanvas()
            throws InterruptedException {
        String course = id();
        ApiClient.Response rule = api().post("/v1/rules", Map.of(
                "name", "Canvas to TRUE " + course, "source", "canvas", "event_type", "course_completed",
                "course_id", course, "template_id", trueTemplate(TrueEmulator.DEFAULT_TEMPLATE),
                "fields", Map.of("course_name", "$.course.name"),
                "writebacks", List.of(Map.of("type", "canvas_custom_data", "namespace", NAMESPACE))));
        assertThat(rule.status()).as(rule.body().toString()).isEqualTo(201);
        List<String> users = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            if (i == 50) {
                trueApi.outage(true);
            }
            if (i == 100) {
                Thread.sleep(3_000);
                trueApi.outage(false);
            }
            String user = id();
            users.add(user);
            String jwt = canvas.signLiveEvent(LmsPayloads.canvas("canvas-course_completed.json", user, course,
                    "learner." + user + "@example.com").toString());
            assertThat(hooks().post("/hooks/canvas", "application/jwt", jwt).status()).isEqualTo(202);
        }

        for (String user : users) {
            JsonNode written = await().atMost(Duration.ofSeconds(120)).until(
                    () -> canvas.customData(user, NAMESPACE), d -> d != null && d.has("course_" + course)
                            && d.at("/course_" + course + "/status").asText().equals("issued")).get("course_" + course);
            String certificateId = written.get("certificate_id").asText();
            Certificate issued = atTrue(certificateId);
            assertThat(written.get("certificate_url").asText()).isEqualTo(trueApi.baseUrl() + "/verify/" + issued.id);
            assertThat(issued.recipientEmail).isEqualTo("learner." + user + "@example.com");
        }
        Map<String, Long> perCertificate = trueApi.issuancesPerField("certbridge_id");
        Map<String, Long> perRecipient = trueApi.issuancesPerRecipient();
        for (String user : users) {
            assertThat(perRecipient.get("learner." + user + "@example.com " + TrueEmulator.DEFAULT_TEMPLATE))
                    .as("issued once at TRUE").isEqualTo(1L);
        }
        assertThat(perCertificate.values()).allMatch(count -> count == 1);
    }

    @Test
    void aCertificateIsIssuedWithTrueIdAndAddressAndItsStatusChangesAreForwarded() {
        String id = issue(trueTemplate(TrueEmulator.DEFAULT_TEMPLATE), "status." + id() + "@example.com");

        JsonNode issued = awaitStatus(id, "issued");
        Certificate atTrue = atTrue(id);
        assertThat(issued.at("/issuer/external_id").asText()).isEqualTo(atTrue.id);
        assertThat(issued.get("verification_url").asText()).isEqualTo(trueApi.baseUrl() + "/verify/" + atTrue.id);
        assertThat(atTrue.field("course_name")).isEqualTo("Advanced Project Management");

        assertThat(api().patch("/v1/certificates/" + id, Map.of("status", "suspended")).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> atTrue.status().equals("suspended"));
        assertThat(api().patch("/v1/certificates/" + id, Map.of("status", "issued")).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> atTrue.status().equals("issued"));
        assertThat(api().post("/v1/certificates/" + id + "/revoke", Map.of("reason", "Issued in error")).status())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> atTrue.status().equals("revoked"));
    }

    @Test
    void aRevocationMadeInTrueRevokesTheCertificateInTheHubAndEndsThere() throws Exception {
        String id = issue(trueTemplate(TrueEmulator.DEFAULT_TEMPLATE), "dashboard." + id() + "@example.com");
        awaitStatus(id, "issued");
        String external = atTrue(id).id;

        HttpResponse<String> revoked = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(trueApi.baseUrl() + "/v1/certificates/" + external + "/revoke"))
                .header("Authorization", "Bearer " + OutsideIssuers.TRUE_KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"reason\":\"Fraud\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(revoked.statusCode()).isEqualTo(200);

        JsonNode certificate = awaitStatus(id, "revoked");
        assertThat(certificate.get("revocation_reason").asText()).isEqualTo("Fraud");
        Thread.sleep(2_000);
        assertThat(trueApi.webhookAttempts().stream().filter(a -> a.certificateId().equals(external)
                && a.event().equals("certificate.revoked")).map(a -> a.deliveryId()).distinct())
                .as("TRUE told of one revocation only").hasSize(1);
    }

    @Test
    void viewsSharesAndVerificationsAtTrueAreAnnouncedForTheCertificate() {
        String id = issue(trueTemplate(TrueEmulator.DEFAULT_TEMPLATE), "engaged." + id() + "@example.com");
        awaitStatus(id, "issued");
        String external = atTrue(id).id;

        trueApi.simulateView(external, "Stockholm, SE", "linkedin.com");
        trueApi.simulateShare(external, "linkedin");
        trueApi.simulateVerification(external);

        List<JsonNode> events = KafkaTopicReader.read(kafka.bootstrapServers(), kafka.topics().certificateEvents(),
                e -> e.get("type").asText().matches("certificate\\.(viewed|verified|shared)")
                        && id.equals(e.at("/data/certificate_id").asText()), 3, Duration.ofSeconds(30));
        assertThat(events).extracting(e -> e.get("type").asText())
                .containsExactlyInAnyOrder("certificate.viewed", "certificate.shared", "certificate.verified");
        assertThat(events).filteredOn(e -> e.get("type").asText().equals("certificate.viewed")).first()
                .satisfies(e -> assertThat(e.at("/data/issuer_data/viewer_location").asText()).isEqualTo("Stockholm, SE"));
    }

    @Test
    void aWebhookWithABadSignatureIsRefused() {
        String body = "{\"event\":\"certificate.revoked\",\"certificate_id\":\"cert_x\",\"timestamp\":"
                + "\"2026-03-03T10:30:00Z\",\"data\":{}}";
        String path = "/hooks/issuers/" + OutsideIssuers.TRUE;

        assertThat(hooks().post(path, "application/json", body, Map.of("X-True-Signature",
                HexHmac.of("not-the-secret", body.getBytes(StandardCharsets.UTF_8)))).status()).isEqualTo(401);
        assertThat(hooks().post(path, "application/json", body, Map.of()).status()).isEqualTo(401);
        assertThat(hooks().post(path, "application/json", body, Map.of("X-True-Signature",
                HexHmac.of(OutsideIssuers.TRUE_WEBHOOK_SECRET, body.getBytes(StandardCharsets.UTF_8)))).status())
                .isEqualTo(200);
    }

    @Test
    void aTemplateTrueDoesNotHaveFailsTheCertificateWithTrueWords() {
        String id = issue(trueTemplate("tmpl_retired"), "refused." + id() + "@example.com");

        JsonNode failed = awaitStatus(id, "failed");

        assertThat(failed.at("/issuer/error").asText())
                .contains("Template tmpl_retired does not exist or is not active", "invalid_template");
    }
}
