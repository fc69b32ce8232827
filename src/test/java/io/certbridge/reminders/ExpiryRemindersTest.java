package io.certbridge.reminders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import io.certbridge.support.ApiClient;
import io.certbridge.support.HubTestBase;
import io.certbridge.support.OutsideSystems;
import io.certbridge.support.WebhookReceiver;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Reminders before a certificate expires, with the reminders' clock moved forward: at 30 and 7 days (the default
 * offsets) the recipient gets an e-mail (GreenMail) and the webhooks certificate.expiring, each once however often
 * the reminders run; revoked, suspended and expired certificates get none. The certificates expire centuries ahead,
 * at a moment of their own, so that moving the clock reminds no other test's certificates.
 */
class ExpiryRemindersTest extends HubTestBase {

    private static final long THIRTY_DAYS = Duration.ofDays(30).toSeconds();
    private static final long SEVEN_DAYS = Duration.ofDays(7).toSeconds();

    private final GreenMail mail = OutsideSystems.mail();
    private final WebhookReceiver receiver = new WebhookReceiver();

    @Autowired
    ExpiryReminders reminders;

    @AfterEach
    void close() {
        receiver.close();
    }

    private String template() {
        ApiClient.Response created = api().post("/v1/templates", Map.of(
                "name", "Expiring course " + UUID.randomUUID(), "email_delivery", true,
                "fields", List.of(Map.of("name", "course", "type", "string", "required", true))));
        assertThat(created.status()).isEqualTo(201);
        return created.body().get("id").asText();
    }

    private String issue(String template, String email, Instant expiresAt) {
        ApiClient.Response created = api().post("/v1/certificates", Map.of("template_id", template,
                "recipient", Map.of("name", "Grace Hopper", "email", email),
                "fields", Map.of("course", "Compilers"), "expires_at", expiresAt.toString()));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        return created.body().get("id").asText();
    }

    private List<MimeMessage> remindersTo(String email) {
        return Arrays.stream(mail.getReceivedMessages()).filter(m -> {
            try {
                return m.getAllRecipients() != null
                        && ((InternetAddress) m.getAllRecipients()[0]).getAddress().equals(email)
                        && m.getSubject().startsWith("Your certificate expires on");
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private List<JsonNode> expiring(String certificateId) throws Exception {
        List<JsonNode> events = new ArrayList<>();
        for (WebhookReceiver.Received received : receiver.received()) {
            JsonNode event = ApiClient.json().readTree(received.body());
            if (certificateId.equals(event.at("/data/certificate_id").asText())) {
                events.add(event);
            }
        }
        return events;
    }

    @Test
    void eachOffsetRemindsOnceByMailAndWebhookAndOnlyCertificatesStillValid() throws Exception {
        String endpoint = api().post("/v1/webhook-endpoints", Map.of("url", receiver.url(),
                "events", List.of("certificate.expiring"))).body().get("id").asText();
        String template = template();
        Instant expires = Instant.parse("2300-01-01T00:00:00Z")
                .plus(ThreadLocalRandom.current().nextLong(1, 200_000), ChronoUnit.DAYS);
        String email = "reminded." + UUID.randomUUID() + "@learners.test";
        String reminded = issue(template, email, expires);
        String revokedEmail = "revoked." + UUID.randomUUID() + "@learners.test";
        String revoked = issue(template, revokedEmail, expires);
        assertThat(api().post("/v1/certificates/" + revoked + "/revoke", Map.of("reason", "withdrawn")).status())
                .isEqualTo(200);
        String suspendedEmail = "suspended." + UUID.randomUUID() + "@learners.test";
        String suspended = issue(template, suspendedEmail, expires);
        assertThat(api().patch("/v1/certificates/" + suspended, Map.of("status", "suspended")).status())
                .isEqualTo(200);
        String expiredEmail = "expired." + UUID.randomUUID() + "@learners.test";
        String expired = issue(template, expiredEmail, expires.minus(40, ChronoUnit.DAYS));

        reminders.sendDue(expires.minus(31, ChronoUnit.DAYS));
        reminders.sendDue(expires.minus(29, ChronoUnit.DAYS));
        reminders.sendDue(expires.minus(20, ChronoUnit.DAYS));

        List<JsonNode> first = await().atMost(Duration.ofSeconds(30)).until(() -> expiring(reminded),
                events -> !events.isEmpty());
        assertThat(first.getFirst().at("/data/offset_seconds").asLong()).isEqualTo(THIRTY_DAYS);
        assertThat(first.getFirst().at("/data/expires_at").asText()).isEqualTo(expires.toString());
        MimeMessage reminder = await().atMost(Duration.ofSeconds(30)).until(() -> remindersTo(email),
                sent -> !sent.isEmpty()).getFirst();
        assertThat(reminder.getSubject()).contains(expires.toString().substring(0, 10), "Expiring course");

        reminders.sendDue(expires.minus(6, ChronoUnit.DAYS));
        reminders.sendDue(expires.minus(1, ChronoUnit.DAYS));
        reminders.sendDue(expires.plus(1, ChronoUnit.DAYS));

        List<JsonNode> both = await().atMost(Duration.ofSeconds(30)).until(() -> expiring(reminded),
                events -> events.size() >= 2);
        await().atMost(Duration.ofSeconds(30)).until(() -> remindersTo(email).size() >= 2);
        Thread.sleep(2_000);
        assertThat(expiring(reminded)).extracting(e -> e.at("/data/offset_seconds").asLong())
                .containsExactly(THIRTY_DAYS, SEVEN_DAYS);
        assertThat(both).hasSize(2);
        assertThat(remindersTo(email)).hasSize(2);
        assertThat(expiring(revoked)).isEmpty();
        assertThat(expiring(suspended)).isEmpty();
        assertThat(remindersTo(revokedEmail)).isEmpty();
        assertThat(remindersTo(suspendedEmail)).isEmpty();
        // expired 9 days before the reminders first ran
        assertThat(expiring(expired)).isEmpty();
        assertThat(remindersTo(expiredEmail)).isEmpty();
        api().delete("/v1/webhook-endpoints/" + endpoint);
    }

    @Test
    void aCertificateWithSeveralOffsetsDueAtOnceGetsOneReminderOfTheNearestEvenFromTwoInstancesAtOnce()
            throws Exception {
        String endpoint = api().post("/v1/webhook-endpoints", Map.of("url", receiver.url(),
                "events", List.of("certificate.expiring"))).body().get("id").asText();
        Instant expires = Instant.parse("2300-01-01T00:00:00Z")
                .plus(ThreadLocalRandom.current().nextLong(1, 200_000), ChronoUnit.DAYS);
        String email = "soon." + UUID.randomUUID() + "@learners.test";
        String soon = issue(template(), email, expires);

        // two instances' timers at the same moment: each in a transaction of its own, as on two hubs
        Instant due = expires.minus(5, ChronoUnit.DAYS);
        try (ExecutorService instances = Executors.newFixedThreadPool(2)) {
            List<Future<Integer>> runs = instances.invokeAll(List.of(() -> reminders.sendDue(due),
                    () -> reminders.sendDue(due)));
            for (Future<Integer> run : runs) {
                run.get();
            }
        }
        reminders.sendDue(expires.minus(4, ChronoUnit.DAYS));

        await().atMost(Duration.ofSeconds(30)).until(() -> !expiring(soon).isEmpty() && !remindersTo(email).isEmpty());
        Thread.sleep(2_000);
        assertThat(expiring(soon)).extracting(e -> e.at("/data/offset_seconds").asLong()).containsExactly(SEVEN_DAYS);
        assertThat(remindersTo(email)).hasSize(1);
        api().delete("/v1/webhook-endpoints/" + endpoint);
    }
}
