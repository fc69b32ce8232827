package io.certbridge.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.certbridge.support.ApiClient;
import io.certbridge.support.HubProcess;
import io.certbridge.support.OutsideSystems;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hub that sends mail through an SMTP relay that takes mail without a login, as an organisation's internal
 * relay does: no SMTP user name is configured. While the relay is up, replies go out; once it is down, a reply
 * and a certificate e-mail are tried again with a growing back-off, each failed try logged in one WARN line,
 * given up after the configured number of attempts with one ERROR line, and the given-up reply is shown by the
 * API. The hub runs in a JVM of its own, so that its whole log can be read.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MailThroughARelayTest {

    private static final String INBOX = "relayed@hub.test";
    private static final int MAX_ATTEMPTS = 3;
    private static final Path LOG = Path.of("target", "mail-relay-hub.log");

    @TempDir
    static Path work;

    private static final GreenMail inbox = OutsideSystems.mail();
    private static GreenMail relay;
    private static HubProcess hub;
    private static String template;

    @BeforeAll
    static void start() throws IOException {
        relay = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        relay.start();
        inbox.setUser(INBOX, INBOX, OutsideSystems.HUB_INBOX_PASSWORD);
        Map<String, String> settings = new LinkedHashMap<>(OutsideSystems.mailSettings());
        settings.put("certbridge.mail.inbox.username", INBOX);
        settings.remove("certbridge.mail.smtp.username");
        settings.remove("certbridge.mail.smtp.password");
        settings.put("certbridge.mail.smtp.port", String.valueOf(relay.getSmtp().getPort()));
        settings.put("certbridge.mail.retry.first-backoff", "300ms");
        settings.put("certbridge.mail.retry.max-attempts", String.valueOf(MAX_ATTEMPTS));
        settings.put("certbridge.deliveries.connectors.mail-smtp-sink.retry.first-backoff", "300ms");
        settings.put("certbridge.deliveries.connectors.mail-smtp-sink.retry.max-attempts", String.valueOf(MAX_ATTEMPTS));
        Files.deleteIfExists(LOG);
        hub = HubProcess.start(work.resolve("data"), LOG, settings.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).toArray(String[]::new));
        ApiClient.Response created = hub.api().post("/v1/templates", Map.of("name", "Relayed course",
                "email_delivery", true,
                "fields", List.of(Map.of("name", "course", "type", "string", "required", true))));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        template = created.body().get("id").asText();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (hub != null) {
            hub.close();
        }
        relay.stop();
    }

    /** An issuance mail from the registrar with the secret in its subject, as the README shows it. */
    private static MimeMessage issuanceMail() throws MessagingException {
        String messageId = "<" + UUID.randomUUID() + "@school.test>";
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties())) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        message.setFrom(new InternetAddress(OutsideSystems.REGISTRAR));
        message.setRecipients(Message.RecipientType.TO, INBOX);
        message.setSubject("Issue: " + template + " [secret " + OutsideSystems.REGISTRAR_SECRET + "]");
        message.setText("Name: Ada Lovelace\nEmail: ada." + UUID.randomUUID() + "@example.com\nCourse: Engines\n");
        message.saveChanges();
        inbox.getUserManager().getUserByEmail(INBOX).deliver(message);
        return message;
    }

    private static Optional<MimeMessage> relayedReplyTo(MimeMessage sent) {
        return Arrays.stream(relay.getReceivedMessages()).filter(m -> {
            try {
                return sent.getMessageID().equals(m.getHeader("In-Reply-To", null));
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).findFirst();
    }

    /** The hub's record of the mail, found by its Message-ID's place: the newest mail with the subject. */
    private static Optional<JsonNode> recorded(String query) {
        JsonNode page = hub.api().get("/v1/issuance-mails?limit=100" + query).body();
        return StreamSupport.stream(page.get("data").spliterator(), false)
                .filter(mail -> mail.get("subject").asText().equals("Issue: " + template)).findFirst();
    }

    private static List<String> logLines() throws IOException {
        return Files.readAllLines(LOG);
    }

    @Test
    @Order(1)
    void aRelayThatTakesMailWithoutALoginCarriesTheReply() throws Exception {
        MimeMessage sent = issuanceMail();

        MimeMessage reply = await().atMost(Duration.ofSeconds(30))
                .until(() -> relayedReplyTo(sent), Optional::isPresent).get();

        assertThat(reply.getAllRecipients()).extracting(Object::toString).containsExactly(OutsideSystems.REGISTRAR);
        assertThat(reply.getSubject()).isEqualTo("Re: Issue: " + template);
    }

    @Test
    @Order(2)
    void aReplyAndACertificateMailTheRelayDoesNotTakeBackOffAreGivenUpAndTheReplyIsShownFailed() throws Exception {
        relay.stop();
        String learner = "unsent." + UUID.randomUUID() + "@example.com";
        ApiClient.Response certificate = hub.api().post("/v1/certificates", Map.of("template_id", template,
                "recipient", Map.of("name", "Alan Turing", "email", learner), "fields", Map.of("course", "Engines")));
        assertThat(certificate.status()).as(certificate.body().toString()).isEqualTo(201);
        String certificateId = certificate.body().get("id").asText();
        MimeMessage sent = issuanceMail();

        JsonNode failed = await().atMost(Duration.ofSeconds(60)).until(() -> recorded("&reply_status=failed"),
                Optional::isPresent).get();
        await().atMost(Duration.ofSeconds(30)).until(() -> logLines().stream()
                .anyMatch(line -> line.contains("the e-mail of certificate " + certificateId)
                        && line.contains("given up after")));

        assertThat(failed.at("/reply/status").asText()).isEqualTo("failed");
        assertThat(failed.at("/reply/attempts").asInt()).isEqualTo(MAX_ATTEMPTS);
        assertThat(failed.at("/reply/last_error").asText()).contains("Connection refused");
        assertThat(failed.at("/reply/next_attempt_at").isNull()).isTrue();
        assertThat(hub.api().get("/v1/issuance-mails/" + failed.get("id").asText()).body().at("/reply/status")
                .asText()).isEqualTo("failed");

        String mailId = failed.get("id").asText();
        List<String> reply = logLines().stream().filter(line -> line.contains("issuance mail " + mailId)).toList();
        assertThat(reply).hasSize(MAX_ATTEMPTS);
        assertThat(reply.subList(0, MAX_ATTEMPTS - 1)).allSatisfy(line -> assertThat(line)
                .contains(" WARN ", "Could not send the reply to issuance mail " + mailId, OutsideSystems.REGISTRAR,
                        "Connection refused", "next attempt at"));
        assertThat(reply.getLast()).contains(" ERROR ", "Gave up sending the reply to issuance mail " + mailId,
                "after " + MAX_ATTEMPTS + " attempt(s)");
        Instant firstRetry = nextAttempt(reply.get(0));
        Instant secondRetry = nextAttempt(reply.get(1));
        assertThat(Duration.between(firstRetry, secondRetry)).as("the back-off doubles from 300 ms")
                .isGreaterThanOrEqualTo(Duration.ofMillis(600));

        List<String> delivery = logLines().stream().filter(line -> line.contains("certificate " + certificateId))
                .toList();
        assertThat(delivery).hasSize(MAX_ATTEMPTS);
        assertThat(delivery.subList(0, MAX_ATTEMPTS - 1)).allSatisfy(line -> assertThat(line)
                .contains(" WARN ", "the e-mail of certificate", "failed on attempt", "next attempt at"));
        assertThat(delivery.getLast()).contains(" ERROR ", "the e-mail of certificate", "given up after "
                + MAX_ATTEMPTS + " attempt(s)");

        List<String> sinceFirstFailure = logLines().stream()
                .dropWhile(line -> !line.contains("Could not send")).toList();
        assertThat(sinceFirstFailure).as("no stack trace, and no error of Camel's beside the hub's own lines")
                .noneMatch(line -> line.startsWith("\tat ") || line.startsWith("Caused by")
                        || line.contains("Exhausted after delivery attempt"));
        assertThat(logLines()).as("the sender's secret")
                .noneMatch(line -> line.contains(OutsideSystems.REGISTRAR_SECRET));

        Thread.sleep(1_500);
        assertThat(recorded("").orElseThrow().at("/reply/attempts").asInt()).as("given up: not tried again")
                .isEqualTo(MAX_ATTEMPTS);
        assertThat(relayedReplyTo(sent)).isEmpty();
    }

    private static Instant nextAttempt(String line) {
        Matcher at = Pattern.compile("next attempt at (\\S+)").matcher(line);
        assertThat(at.find()).as(line).isTrue();
        return Instant.parse(at.group(1));
    }
}
