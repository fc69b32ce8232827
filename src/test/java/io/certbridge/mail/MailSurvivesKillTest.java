package io.certbridge.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import io.certbridge.support.ApiClient;
import io.certbridge.support.HubProcess;
import io.certbridge.support.InboxMail;
import io.certbridge.support.OutsideSystems;
import io.certbridge.support.SampleCertificates;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub is killed with SIGKILL while it issues a 2,000-row mail, and started again: every row issues
 * exactly once, one reply is sent, and the same mail delivered again issues nothing more.
 */
class MailSurvivesKillTest {

    private static final int ROWS = 2_000;

    @TempDir
    Path work;

    private final GreenMail mail = OutsideSystems.mail();

    /** The hub's own inbox: the test JVM's shared hub reads the default one, and must not take this test's mail. */
    private static final String INBOX = "resilience@hub.test";

    private String[] settings() {
        mail.setUser(INBOX, INBOX, OutsideSystems.HUB_INBOX_PASSWORD);
        Map<String, String> settings = new java.util.LinkedHashMap<>(OutsideSystems.mailSettings());
        settings.put("certbridge.mail.inbox.username", INBOX);
        return settings.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    }

    private void deliver(MimeMessage message) {
        mail.getUserManager().getUserByEmail(INBOX).deliver(message);
    }

    private List<MimeMessage> replies(MimeMessage sent) throws MessagingException {
        return InboxMail.repliesTo(mail, sent);
    }

    private static Set<String> allIssued(ApiClient api, String template) {
        return SampleCertificates.ofTemplate(api, template).stream().map(c -> c.get("id").asText())
                .collect(Collectors.toSet());
    }

    private static int issued(ApiClient api, String template) {
        return api.get("/v1/certificates?limit=100&template_id=" + template).body().get("data").size();
    }

    @Test
    void aMailInterruptedByKillMinus9IssuesEachRowOnceAndIsAnsweredOnce() throws Exception {
        Path data = work.resolve("data");
        Path log = Path.of("target", "mail-kill-hub.log");
        String run = UUID.randomUUID().toString();
        String template;
        MimeMessage sent;
        try (HubProcess hub = HubProcess.start(data, log, settings())) {
            ApiClient.Response created = hub.api().post("/v1/templates", Map.of("name", "Kill mail test",
                    "fields", List.of(Map.of("name", "course", "type", "string", "required", true))));
            assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
            template = created.body().get("id").asText();
            sent = InboxMail.csvOfLearners(template, ROWS, run);
            deliver(sent);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                    .until(() -> issued(hub.api(), template) > 0);
            hub.kill();
        }
        assertThat(replies(sent)).as("killed before the batch was done").isEmpty();

        try (HubProcess hub = HubProcess.start(data, log, settings())) {
            await().atMost(Duration.ofSeconds(120)).until(() -> !replies(sent).isEmpty());
            deliver(sent);
            Thread.sleep(2_000);

            List<MimeMessage> replies = replies(sent);
            assertThat(replies).hasSize(1);
            MimeMultipart parts = (MimeMultipart) replies.getFirst().getContent();
            String csv = new String(((MimeBodyPart) parts.getBodyPart(1)).getInputStream().readAllBytes(),
                    StandardCharsets.UTF_8);
            List<String> lines = csv.lines().skip(1).toList();
            Set<String> certificates = new HashSet<>();
            lines.forEach(line -> certificates.add(line.split(",")[4]));
            assertThat(lines).hasSize(ROWS).allSatisfy(line -> assertThat(line).contains(",issued,cert_"));
            assertThat(certificates).hasSize(ROWS);
            assertThat(allIssued(hub.api(), template)).as("no row issued twice").isEqualTo(certificates);
        }
    }
}
