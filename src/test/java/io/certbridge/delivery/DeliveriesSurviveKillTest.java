package io.certbridge.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.certbridge.emulator.CanvasEmulator;
import io.certbridge.intake.LmsPayloads;
import io.certbridge.support.ApiClient;
import io.certbridge.support.HookClient;
import io.certbridge.support.HubProcess;
import io.certbridge.support.SampleCertificates;
import io.certbridge.support.WebhookReceiver;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub is killed with SIGKILL once the first write-backs of a course's completions reach Canvas, while the rest are
 * still on their way (being issued, fanned out, or delivered: write-backs to Canvas, e-mails to the learners, a
 * customer's webhook), and started again: every delivery reaches its outside system, and none twice. A call in flight
 * at the kill may be made again, as the same call: the Canvas custom data written again with the same values, the
 * submission comment found by its marker and not posted again, the webhook with the same webhook-id, the e-mail with
 * the same Message-ID; the test counts by those.
 */
class DeliveriesSurviveKillTest {

    private static final int LEARNERS = 60;
    private static final String COURSE = "565";
    private static final String ASSIGNMENT = "355";
    private static final String NAMESPACE = "com.example.certbridge";
    private static final String CANVAS_TOKEN = "canvas-kill-test-token";
    private static final String URL_TOKEN = "canvas-kill-test-url-token";

    @TempDir
    Path work;

    private final CanvasEmulator canvas = new CanvasEmulator(CANVAS_TOKEN).start();
    private final GreenMail smtp = smtp();
    private final WebhookReceiver receiver = new WebhookReceiver();

    private static GreenMail smtp() {
        GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.start();
        return smtp;
    }

    @AfterEach
    void stopOutsideSystems() {
        canvas.stop();
        smtp.stop();
        receiver.close();
    }

    private HubProcess start() {
        return HubProcess.start(work.resolve("data"), Path.of("target", "deliveries-kill-hub.log"),
                "certbridge.canvas.base-url=" + canvas.baseUrl(),
                "certbridge.canvas.api-token=" + CANVAS_TOKEN,
                "certbridge.intake.canvas.unsigned-token=" + URL_TOKEN,
                "certbridge.mail.smtp.protocol=smtp",
                "certbridge.mail.smtp.host=127.0.0.1",
                "certbridge.mail.smtp.port=" + smtp.getSmtp().getPort(),
                "certbridge.mail.smtp.from=certificates@hub.test",
                "certbridge.webhooks.allow-http=true",
                "certbridge.webhooks.allowed-networks[0]=127.0.0.1/32",
                "certbridge.deliveries.poll-interval-ms=50",
                // the killed hub's claims and Kafka consumers are given up soon, not after 2 min and 45 s; a claim
                // still outlasts a slow e-mail (its PDF) on a busy machine, so that only the kill makes a call again
                "certbridge.deliveries.lease=10s", "certbridge.webhooks.timeout=5s",
                "camel.component.kafka.session-timeout-ms=6000",
                "certbridge.deliveries.retry.first-backoff=200ms",
                "certbridge.deliveries.connectors.mail-smtp-sink.retry.first-backoff=200ms");
    }

    private static String user(int learner) {
        return String.valueOf(7_000 + learner);
    }

    private static String email(int learner) {
        return "learner" + learner + "@school.test";
    }

    @Test
    void killedWhileDeliveringTheHubLosesNoDeliveryAndMakesNoneTwiceAfterRestart() throws Exception {
        String template;
        try (HubProcess hub = start()) {
            ApiClient api = hub.api();
            template = api.post("/v1/templates", Map.of("name", "Computer Science I", "email_delivery", true,
                    "fields", List.of(Map.of("name", "course", "type", "string", "required", true))))
                    .body().get("id").asText();
            assertThat(api.post("/v1/rules", Map.of("name", "CS I completions", "source", "canvas",
                    "event_type", "course_completed", "course_id", COURSE, "template_id", template,
                    "fields", Map.of("course", "$.course.name"),
                    "writebacks", List.of(Map.of("type", "canvas_custom_data", "namespace", NAMESPACE),
                            Map.of("type", "canvas_submission_comment", "assignment_id", ASSIGNMENT))))
                    .status()).isEqualTo(201);
            assertThat(api.post("/v1/webhook-endpoints", Map.of("url", receiver.url(),
                    "events", List.of("certificate.issued"))).status()).isEqualTo(201);
            // Canvas answers slowly, so that the kill finds write-backs on their way
            canvas.delayResponses(Duration.ofMillis(300));
            HookClient hooks = new HookClient(api.baseUrl());
            for (int learner = 0; learner < LEARNERS; learner++) {
                String event = LmsPayloads.canvas("canvas-course_completed.json", user(learner), COURSE,
                        email(learner)).toString();
                assertThat(hooks.post("/hooks/canvas?token=" + URL_TOKEN, "application/json", event).status())
                        .isEqualTo(202);
            }
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                    .until(() -> canvas.requests("/api/v1/users/").size() >= 8);
            hub.kill();
        }
        assertThat(canvas.requests("/api/v1/users/")).as("killed before every write-back was made")
                .hasSizeLessThan(LEARNERS);
        canvas.delayResponses(Duration.ZERO);

        try (HubProcess hub = start()) {
            await().atMost(Duration.ofSeconds(60)).until(() -> IntStream.range(0, LEARNERS).allMatch(learner ->
                    canvas.customData(user(learner), NAMESPACE) != null
                            && !canvas.comments(COURSE, ASSIGNMENT, user(learner)).isEmpty()
                            && !messageIds(email(learner)).isEmpty())
                    && webhookIds().size() >= LEARNERS);
            await().atMost(Duration.ofSeconds(30)).until(() -> unfinished(hub.api()).isEmpty());
            Thread.sleep(1_000);

            Set<String> certificates = SampleCertificates.ofTemplate(hub.api(), template).stream()
                    .map(c -> c.get("id").asText()).collect(Collectors.toSet());
            assertThat(certificates).hasSize(LEARNERS);
            for (int learner = 0; learner < LEARNERS; learner++) {
                JsonNode written = canvas.customData(user(learner), NAMESPACE).get("course_" + COURSE);
                assertThat(certificates).contains(written.get("certificate_id").asText());
                assertThat(canvas.comments(COURSE, ASSIGNMENT, user(learner))).as("comments of " + user(learner))
                        .singleElement().asString().contains("[certbridge " + written.get("certificate_id").asText());
                assertThat(messageIds(email(learner))).as("e-mails to " + email(learner)).hasSize(1);
            }
            assertThat(webhookIds()).hasSize(LEARNERS);
            assertThat(webhookCertificates()).isEqualTo(certificates);
            assertThat(hub.api().get("/v1/deliveries?status=failed").body().get("data")).isEmpty();
            assertThat(unfinished(hub.api())).isEmpty();
        }
    }

    /** Deliveries still to be sent or being sent. */
    private static List<JsonNode> unfinished(ApiClient api) {
        List<JsonNode> unfinished = new ArrayList<>();
        for (String status : List.of("pending", "sending")) {
            api.get("/v1/deliveries?status=" + status).body().get("data").forEach(unfinished::add);
        }
        return unfinished;
    }

    private Set<String> messageIds(String address) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(mail -> to(mail).equals(address))
                .map(DeliveriesSurviveKillTest::messageId).collect(Collectors.toSet());
    }

    private static String to(MimeMessage mail) {
        try {
            return ((InternetAddress) mail.getAllRecipients()[0]).getAddress();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String messageId(MimeMessage mail) {
        try {
            return mail.getMessageID();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Set<String> webhookIds() {
        return receiver.received().stream().map(r -> r.header("webhook-id")).collect(Collectors.toSet());
    }

    private Set<String> webhookCertificates() {
        return receiver.received().stream().map(r -> parse(r.body()).at("/data/id").asText())
                .collect(Collectors.toSet());
    }

    private static JsonNode parse(String body) {
        try {
            return ApiClient.json().readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
